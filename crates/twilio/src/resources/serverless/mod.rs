//! Serverless (v1): services, environments, functions, function versions (read from
//! `serverless.twilio.com`, uploaded as `multipart/form-data` to the separate upload host
//! `serverless-upload.twilio.com`, which the OpenAPI spec does not describe), builds with their
//! status, and deployments. Enough to deploy one Function and read its URL.
//!
//! The wire types live in `types`; the operations, added to [`Client`](crate::Client), are
//! grouped by what they act on: `services` (services and their environments), `functions`
//! (functions and their uploaded versions) and `builds` (builds and deployments).

mod builds;
mod functions;
mod services;
mod types;

use crate::ServiceSid;

pub use types::{
    Build, BuildStatus, BuildStatusInfo, BuildVersion, Deployment, Environment, Function,
    FunctionVersion, FunctionVersionContent, NewBuild, NewFunctionVersion, NewService, Service,
    Visibility,
};

/// `/v1/Services/{service}` + `rest`, the path of everything below a service.
fn svc(service: &ServiceSid, rest: &str) -> String {
    format!("/v1/Services/{service}{rest}")
}
