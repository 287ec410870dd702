//! Serverless (v1): services, environments, functions, function versions (read from
//! `serverless.twilio.com`, uploaded as `multipart/form-data` to the separate upload host
//! `serverless-upload.twilio.com`, which the OpenAPI spec does not describe), builds with their
//! status, and deployments. Enough to deploy one Function and read its URL.

use futures::Stream;
use serde::{Deserialize, Deserializer};

use crate::client::{Part, Request};
use crate::form::{Form, wire_enum};
use crate::page::page_size;
use crate::{
    AccountSid, BuildSid, Client, DeploymentSid, EnvironmentSid, Error, FunctionSid,
    FunctionVersionSid, Host, ServiceSid,
};

wire_enum! {
    /// Who may call a Function's URL: anyone, only requests signed by Twilio (webhooks), or no
    /// one from outside (other Functions only).
    Visibility { Public = "public", Protected = "protected", Private = "private" }
}

wire_enum! {
    /// A build's progress.
    BuildStatus { Building = "building", Completed = "completed", Failed = "failed" }
}

/// `serverless.v1.service`.
#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub sid: ServiceSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub unique_name: Option<String>,
    #[serde(default)]
    pub include_credentials: Option<bool>,
    #[serde(default)]
    pub ui_editable: Option<bool>,
    /// The service's base domain: the unique name plus a random string.
    #[serde(default)]
    pub domain_base: Option<String>,
}

/// Create parameters of a service.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewService {
    /// At most 50 characters, unique on the account; usable instead of the SID in paths.
    pub unique_name: String,
    pub friendly_name: String,
    pub include_credentials: Option<bool>,
    pub ui_editable: Option<bool>,
}

/// `serverless.v1.service.environment`.
#[derive(Debug, Clone, Deserialize)]
pub struct Environment {
    pub sid: EnvironmentSid,
    #[serde(default)]
    pub service_sid: Option<ServiceSid>,
    /// The build deployed in this environment (none before the first deployment).
    #[serde(default)]
    pub build_sid: Option<BuildSid>,
    #[serde(default)]
    pub unique_name: Option<String>,
    #[serde(default)]
    pub domain_suffix: Option<String>,
    /// Where the environment's Functions are served, e.g. `foobar-1234-stage.twil.io`.
    #[serde(default)]
    pub domain_name: Option<String>,
}

/// `serverless.v1.service.function`: a named container; code and path live in its versions.
#[derive(Debug, Clone, Deserialize)]
pub struct Function {
    pub sid: FunctionSid,
    #[serde(default)]
    pub service_sid: Option<ServiceSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `serverless.v1.service.function.function_version`.
#[derive(Debug, Clone, Deserialize)]
pub struct FunctionVersion {
    pub sid: FunctionVersionSid,
    #[serde(default)]
    pub service_sid: Option<ServiceSid>,
    #[serde(default)]
    pub function_sid: Option<FunctionSid>,
    /// Always starts with `/`.
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default, deserialize_with = "lenient_visibility")]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub date_created: Option<String>,
}

/// The code of a function version.
#[derive(Debug, Clone, Deserialize)]
pub struct FunctionVersionContent {
    pub sid: FunctionVersionSid,
    #[serde(default)]
    pub function_sid: Option<FunctionSid>,
    #[serde(default)]
    pub content: Option<String>,
}

/// A new function version, uploaded to the upload host.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFunctionVersion {
    /// The URL path, e.g. `/router` (Twilio prepends `/` when missing).
    pub path: String,
    pub visibility: Visibility,
    /// The JavaScript source.
    pub content: String,
    /// The file name sent with the content part (e.g. `router.js`).
    pub file_name: String,
}

/// A function version as a build lists it. The spec calls these SIDs but its example holds
/// objects, so both are read.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildVersion {
    pub sid: FunctionVersionSid,
    pub function_sid: Option<FunctionSid>,
    pub path: Option<String>,
}

impl<'de> Deserialize<'de> for BuildVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Sid(FunctionVersionSid),
            Obj {
                sid: FunctionVersionSid,
                #[serde(default)]
                function_sid: Option<FunctionSid>,
                #[serde(default)]
                path: Option<String>,
            },
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Sid(sid) => BuildVersion {
                sid,
                function_sid: None,
                path: None,
            },
            Raw::Obj {
                sid,
                function_sid,
                path,
            } => BuildVersion {
                sid,
                function_sid,
                path,
            },
        })
    }
}

/// `serverless.v1.service.build`.
#[derive(Debug, Clone, Deserialize)]
pub struct Build {
    pub sid: BuildSid,
    #[serde(default)]
    pub service_sid: Option<ServiceSid>,
    #[serde(default)]
    pub status: Option<BuildStatus>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub function_versions: Vec<BuildVersion>,
    #[serde(default)]
    pub runtime: Option<String>,
}

/// `serverless.v1.service.build.build_status`.
#[derive(Debug, Clone, Deserialize)]
pub struct BuildStatusInfo {
    pub sid: BuildSid,
    #[serde(default)]
    pub status: Option<BuildStatus>,
}

/// Create parameters of a build.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewBuild {
    pub function_versions: Vec<FunctionVersionSid>,
    pub asset_versions: Vec<FunctionVersionSid>,
    /// JSON text: `[{"name": "twilio", "version": "5.0.0"}]`.
    pub dependencies: Option<String>,
    /// e.g. `node22`.
    pub runtime: Option<String>,
}

/// `serverless.v1.service.environment.deployment`.
#[derive(Debug, Clone, Deserialize)]
pub struct Deployment {
    pub sid: DeploymentSid,
    #[serde(default)]
    pub service_sid: Option<ServiceSid>,
    #[serde(default)]
    pub environment_sid: Option<EnvironmentSid>,
    #[serde(default)]
    pub build_sid: Option<BuildSid>,
}

fn lenient_visibility<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Visibility>, D::Error> {
    let v: Option<String> = Option::deserialize(d)?;
    Ok(v.and_then(|s| s.to_ascii_lowercase().parse().ok()))
}

fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn svc(service: &ServiceSid, rest: &str) -> String {
    format!("/v1/Services/{service}{rest}")
}

impl Client {
    pub async fn create_service(&self, s: &NewService) -> Result<Service, Error> {
        let form = Form::new()
            .set("UniqueName", &s.unique_name)
            .set("FriendlyName", &s.friendly_name)
            .opt("IncludeCredentials", s.include_credentials)
            .opt("UiEditable", s.ui_editable)
            .into_pairs();
        self.send(&Request::create(Host::Serverless, "/v1/Services", form))
            .await
    }

    pub fn list_services(&self) -> impl Stream<Item = Result<Service, Error>> + Send + 'static {
        self.items(
            Request::get(Host::Serverless, "/v1/Services").query(vec![page_size(50)]),
            "services",
        )
    }

    pub async fn fetch_service(&self, sid: &ServiceSid) -> Result<Service, Error> {
        self.send(&Request::get(Host::Serverless, svc(sid, "")))
            .await
    }

    /// Fetches a service by its unique name (Twilio accepts it in place of the SID).
    pub async fn fetch_service_named(&self, unique_name: &str) -> Result<Service, Error> {
        let name: String = url::form_urlencoded::byte_serialize(unique_name.as_bytes()).collect();
        self.send(&Request::get(
            Host::Serverless,
            format!("/v1/Services/{name}"),
        ))
        .await
    }

    pub async fn delete_service(&self, sid: &ServiceSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(Host::Serverless, svc(sid, "")))
            .await
    }

    pub async fn create_environment(
        &self,
        service: &ServiceSid,
        unique_name: &str,
        domain_suffix: Option<&str>,
    ) -> Result<Environment, Error> {
        let form = Form::new()
            .set("UniqueName", unique_name)
            .opt("DomainSuffix", domain_suffix)
            .into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Environments"),
            form,
        ))
        .await
    }

    pub fn list_environments(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Environment, Error>> + Send + 'static {
        let req = Request::get(Host::Serverless, svc(service, "/Environments"))
            .query(vec![page_size(50)]);
        self.items(req, "environments")
    }

    pub async fn fetch_environment(
        &self,
        service: &ServiceSid,
        sid: &EnvironmentSid,
    ) -> Result<Environment, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Environments/{sid}")),
        ))
        .await
    }

    pub async fn delete_environment(
        &self,
        service: &ServiceSid,
        sid: &EnvironmentSid,
    ) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Environments/{sid}")),
        ))
        .await
    }

    pub async fn create_function(
        &self,
        service: &ServiceSid,
        friendly_name: &str,
    ) -> Result<Function, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Functions"),
            form,
        ))
        .await
    }

    pub fn list_functions(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Function, Error>> + Send + 'static {
        let req =
            Request::get(Host::Serverless, svc(service, "/Functions")).query(vec![page_size(50)]);
        self.items(req, "functions")
    }

    pub async fn fetch_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
    ) -> Result<Function, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
        ))
        .await
    }

    pub async fn update_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
        friendly_name: &str,
    ) -> Result<Function, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::update(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
            form,
        ))
        .await
    }

    pub async fn delete_function(
        &self,
        service: &ServiceSid,
        sid: &FunctionSid,
    ) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Functions/{sid}")),
        ))
        .await
    }

    /// Uploads new code: `POST` to the upload host as `multipart/form-data` (outside the spec).
    pub async fn create_function_version(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        v: &NewFunctionVersion,
    ) -> Result<FunctionVersion, Error> {
        let mut req = Request::create(
            Host::ServerlessUpload,
            svc(service, &format!("/Functions/{function}/Versions")),
            vec![],
        );
        req.parts = vec![
            Part::file(
                "Content",
                &v.file_name,
                "application/javascript",
                v.content.clone(),
            ),
            Part::text("Path", v.path.clone()),
            Part::text("Visibility", v.visibility.as_str()),
        ];
        self.send(&req).await
    }

    pub fn list_function_versions(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
    ) -> impl Stream<Item = Result<FunctionVersion, Error>> + Send + 'static {
        let req = Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{function}/Versions")),
        )
        .query(vec![page_size(50)]);
        self.items(req, "function_versions")
    }

    pub async fn fetch_function_version(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        sid: &FunctionVersionSid,
    ) -> Result<FunctionVersion, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Functions/{function}/Versions/{sid}")),
        ))
        .await
    }

    pub async fn fetch_function_version_content(
        &self,
        service: &ServiceSid,
        function: &FunctionSid,
        sid: &FunctionVersionSid,
    ) -> Result<FunctionVersionContent, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(
                service,
                &format!("/Functions/{function}/Versions/{sid}/Content"),
            ),
        ))
        .await
    }

    pub async fn create_build(&self, service: &ServiceSid, b: &NewBuild) -> Result<Build, Error> {
        let form = Form::new()
            .each("FunctionVersions", &b.function_versions)
            .each("AssetVersions", &b.asset_versions)
            .opt("Dependencies", b.dependencies.as_ref())
            .opt("Runtime", b.runtime.as_ref())
            .into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, "/Builds"),
            form,
        ))
        .await
    }

    pub fn list_builds(
        &self,
        service: &ServiceSid,
    ) -> impl Stream<Item = Result<Build, Error>> + Send + 'static {
        let req =
            Request::get(Host::Serverless, svc(service, "/Builds")).query(vec![page_size(50)]);
        self.items(req, "builds")
    }

    pub async fn fetch_build(&self, service: &ServiceSid, sid: &BuildSid) -> Result<Build, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}")),
        ))
        .await
    }

    pub async fn fetch_build_status(
        &self,
        service: &ServiceSid,
        sid: &BuildSid,
    ) -> Result<BuildStatusInfo, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}/Status")),
        ))
        .await
    }

    pub async fn delete_build(&self, service: &ServiceSid, sid: &BuildSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Serverless,
            svc(service, &format!("/Builds/{sid}")),
        ))
        .await
    }

    /// Polls the build's status every `every` until it is no longer `building`, for at most
    /// `limit`. Returns the last status (`completed` or `failed`).
    pub async fn wait_for_build(
        &self,
        service: &ServiceSid,
        sid: &BuildSid,
        every: std::time::Duration,
        limit: std::time::Duration,
    ) -> Result<BuildStatus, Error> {
        let started = tokio::time::Instant::now();
        loop {
            let s = self.fetch_build_status(service, sid).await?;
            match s.status {
                Some(BuildStatus::Building) | None => {}
                Some(done) => return Ok(done),
            }
            if started.elapsed() >= limit {
                return Err(Error::Timeout(limit));
            }
            tokio::time::sleep(every).await;
        }
    }

    pub async fn create_deployment(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
        build: &BuildSid,
    ) -> Result<Deployment, Error> {
        let form = Form::new().set("BuildSid", build).into_pairs();
        self.send(&Request::create(
            Host::Serverless,
            svc(service, &format!("/Environments/{environment}/Deployments")),
            form,
        ))
        .await
    }

    pub fn list_deployments(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
    ) -> impl Stream<Item = Result<Deployment, Error>> + Send + 'static {
        let req = Request::get(
            Host::Serverless,
            svc(service, &format!("/Environments/{environment}/Deployments")),
        )
        .query(vec![page_size(50)]);
        self.items(req, "deployments")
    }

    pub async fn fetch_deployment(
        &self,
        service: &ServiceSid,
        environment: &EnvironmentSid,
        sid: &DeploymentSid,
    ) -> Result<Deployment, Error> {
        self.send(&Request::get(
            Host::Serverless,
            svc(
                service,
                &format!("/Environments/{environment}/Deployments/{sid}"),
            ),
        ))
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_versions_read_as_sids_or_objects() {
        let b: Build = serde_json::from_str(
            r#"{"sid":"ZB00000000000000000000000000000000","status":"building",
            "function_versions":[{"sid":"ZN00000000000000000000000000000001",
            "function_sid":"ZH00000000000000000000000000000000","path":"/test-path",
            "visibility":"PUBLIC"}, "ZN00000000000000000000000000000002"],
            "asset_versions":null}"#,
        )
        .unwrap();
        assert_eq!(b.status, Some(BuildStatus::Building));
        assert_eq!(b.function_versions.len(), 2);
        assert_eq!(b.function_versions[0].path.as_deref(), Some("/test-path"));
        assert_eq!(b.function_versions[1].path, None);
        let v: FunctionVersion = serde_json::from_str(
            r#"{"sid":"ZN00000000000000000000000000000001","visibility":"PUBLIC","path":"/x"}"#,
        )
        .unwrap();
        assert_eq!(v.visibility, Some(Visibility::Public));
    }

    #[test]
    fn multipart_parts_are_framed() {
        let body = crate::client::multipart_body(
            &[
                Part::file("Content", "router.js", "application/javascript", "x=1;"),
                Part::text("Path", "/router"),
            ],
            "B",
        );
        let text = String::from_utf8(body).unwrap();
        assert_eq!(
            text,
            "--B\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"router.js\"\r\nContent-Type: application/javascript\r\n\r\nx=1;\r\n--B\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/router\r\n--B--\r\n"
        );
    }
}
