//! Every request and response that crosses the IPC boundary. These derive `ts_rs::TS`; their
//! TypeScript lives in `ui/src/bindings/` (regenerated and checked by `tests/bindings.rs`), so the
//! UI and the commands cannot drift apart. Secrets may arrive in a request (typed as `string` on
//! the TypeScript side) but no response type can carry one: [`Secret`] is not `Serialize`.

use serde::{Deserialize, Serialize};
use switchboard_twilio::Secret;
use ts_rs::TS;

/// Advanced connection settings of a profile: a Twilio region + edge, or one base URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EndpointSettings {
    /// Twilio region, e.g. `ie1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub region: Option<String>,
    /// Twilio edge location, e.g. `dublin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub edge: Option<String>,
    /// Send every request to this URL instead (a proxy or a sandbox).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub base_url: Option<String>,
}

/// The secret the user typed on the connect form.
#[derive(Debug, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CredentialInput {
    /// The account's Auth Token.
    AuthToken {
        #[ts(type = "string")]
        token: Secret,
    },
    /// An API key (SK…) and its secret.
    ApiKey {
        key_sid: String,
        #[ts(type = "string")]
        secret: Secret,
    },
}

/// "Use my Twilio account": verify, then save a profile.
#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectAccountRequest {
    /// A name for this profile; empty means "use the account's friendly name".
    #[serde(default)]
    pub profile_name: String,
    pub account_sid: String,
    pub credential: CredentialInput,
    /// Use the Auth Token once to create a dedicated API key, and store only the key's secret.
    #[serde(default)]
    pub create_api_key: bool,
    #[serde(default)]
    pub endpoint: EndpointSettings,
}

/// Which kind of secret a profile keeps in the keychain (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum CredentialKind {
    AuthToken,
    ApiKey {
        key_sid: String,
        /// True when Switchboard created this key; "Forget" then offers to delete it at Twilio.
        created_by_app: bool,
    },
}

/// A saved profile, as stored in `profiles.json` and as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub id: String,
    pub name: String,
    pub account_sid: String,
    pub credential: CredentialKind,
    pub endpoint: EndpointSettings,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileList {
    pub profiles: Vec<ProfileView>,
    /// The profile used last, offered first.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_used_id: Option<String>,
}

/// The Twilio account a session is connected to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub sid: String,
    pub friendly_name: String,
    /// `active`, `suspended` or `closed`.
    pub status: String,
    /// `Trial` or `Full`.
    pub account_type: String,
}

/// What the app is connected to right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub account: AccountView,
    /// True for the built-in demo account (the badge shows "Demo").
    pub demo: bool,
    /// The saved profile in use; absent for the demo.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub profile: Option<ProfileView>,
    /// Where requests go, for the Advanced panel and diagnostics (never contains a secret).
    pub api_base_url: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SwitchProfileRequest {
    pub id: String,
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ForgetProfileRequest {
    pub id: String,
    /// Also delete the API key this app created from the Twilio account.
    #[serde(default)]
    pub delete_api_key: bool,
    /// Twilio lets only the Auth Token (or a main key) delete keys; when given it is used once for
    /// that and not stored. Without it the key's own secret is tried.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub auth_token: Option<Secret>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ForgetOutcome {
    pub profile_id: String,
    /// Whether a secret was found in the keychain and removed.
    pub secret_removed: bool,
    /// The API key deleted from the Twilio account, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deleted_api_key: Option<String>,
}

/// One incoming phone number, as listed on the connect step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NumberView {
    pub sid: String,
    /// E.164, e.g. `+14155550100`.
    pub phone_number: String,
    pub friendly_name: String,
}

/// Progress of `load_numbers`, streamed over a channel page by page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(
    tag = "event",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum NumbersEvent {
    Started,
    Page {
        /// 1-based page index.
        page: u32,
        numbers: Vec<NumberView>,
        /// Numbers received so far, this page included.
        loaded: u32,
    },
    Finished {
        total: u32,
    },
}

/// The result of `load_numbers` once every page has arrived.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NumbersSummary {
    pub total: u32,
    pub pages: u32,
}

/// "Copy diagnostics": the text that was put on the clipboard.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostics {
    pub text: String,
    /// False when no clipboard was available (the UI then shows the text to copy by hand).
    pub copied: bool,
}
