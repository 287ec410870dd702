//! Typed Twilio REST client for Switchboard.
//!
//! Requests are values ([`Request`]) that a [`Client`] sends with HTTP Basic auth, a concurrency
//! bound shared by all its requests, timeouts and a pure retry policy ([`RetryPolicy`]). Each
//! Twilio host has a configurable base URL ([`Endpoints`]) so the same code talks to Twilio, a
//! region-pinned account, the sandbox or a conformance proxy. Lists are streams over Twilio's
//! two pagination styles. Errors keep Twilio's status, `code`, `message` and `more_info`.

mod auth;
mod client;
pub mod de;
mod endpoints;
mod error;
mod form;
mod page;
pub mod resources;
pub mod retry;
mod secret;
mod sid;

pub use auth::Credentials;
pub use client::{Client, ClientBuilder, Part, Request, multipart_body};
pub use endpoints::{Endpoints, Host};
pub use error::Error;
pub use form::Form;
pub use page::Page;
pub use resources::account::{Account, ApiKey, NewApiKey};
pub use resources::byoc::{
    ByocTrunk, ByocTrunkParams, ConnectionPolicy, ConnectionPolicyTarget, TargetParams,
};
pub use resources::calls::{Call, CallInstructions, NewCall};
pub use resources::domains::{DomainMapping, Mapping, SipDomain, SipDomainParams};
pub use resources::ip_records::{IpRecord, NewIpRecord, SourceIpMapping};
pub use resources::numbers::{Capabilities, IncomingPhoneNumber, NumberFilter, NumberUpdate};
pub use resources::origination::{NewOriginationUrl, OriginationUrl, OriginationUrlUpdate};
pub use resources::serverless::{
    Build, BuildStatus, BuildStatusInfo, BuildVersion, Deployment, Environment, Function,
    FunctionVersion, FunctionVersionContent, NewBuild, NewFunctionVersion, NewService, Service,
    Visibility,
};
pub use resources::sip_lists::{
    Credential, CredentialList, IpAccessControlList, IpAddress, NewIpAddress,
};
pub use resources::trunk_links::{TrunkLink, TrunkPhoneNumber};
pub use resources::trunks::{
    HttpMethod, Recording, RecordingMode, RecordingTrim, TransferCallerId, TransferMode, Trunk,
    TrunkParams,
};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use sid::*;
