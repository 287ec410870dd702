//! The Serverless resources as Twilio returns them, and the parameters to create them. Reading
//! is lenient where the spec and Twilio's answers disagree: a build's function versions come as
//! SIDs or as objects, a visibility in any case, `null` lists as empty.

use serde::{Deserialize, Deserializer};

use crate::form::wire_enum;
use crate::{
    AccountSid, BuildSid, DeploymentSid, EnvironmentSid, FunctionSid, FunctionVersionSid,
    ServiceSid,
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
}
