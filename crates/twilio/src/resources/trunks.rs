//! Elastic SIP Trunks (`trunking.twilio.com/v1/Trunks`) and their recording settings.

use futures::Stream;
use serde::Deserialize;

use crate::client::Request;
use crate::form::{Form, wire_enum};
use crate::page::page_size;
use crate::{AccountSid, Client, Error, Host, TrunkSid};

wire_enum!(
    /// How Twilio handles call transfers (SIP REFER) on a trunk.
    TransferMode { DisableAll = "disable-all", EnableAll = "enable-all", SipOnly = "sip-only" }
);
wire_enum!(
    /// Which caller ID a transferred call shows.
    TransferCallerId { FromTransferee = "from-transferee", FromTransferor = "from-transferor" }
);
wire_enum!(
    /// HTTP method for a webhook.
    HttpMethod { Get = "GET", Post = "POST" }
);
wire_enum!(
    /// Trunk recording mode.
    RecordingMode {
        DoNotRecord = "do-not-record",
        RecordFromRinging = "record-from-ringing",
        RecordFromAnswer = "record-from-answer",
        RecordFromRingingDual = "record-from-ringing-dual",
        RecordFromAnswerDual = "record-from-answer-dual",
    }
);
wire_enum!(
    /// Whether silence is trimmed from trunk recordings.
    RecordingTrim { TrimSilence = "trim-silence", DoNotTrim = "do-not-trim" }
);

/// `trunking.v1.trunk`.
#[derive(Debug, Clone, Deserialize)]
pub struct Trunk {
    pub sid: TrunkSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub disaster_recovery_url: Option<String>,
    #[serde(default)]
    pub disaster_recovery_method: Option<HttpMethod>,
    #[serde(default)]
    pub secure: Option<bool>,
    #[serde(default)]
    pub cnam_lookup_enabled: Option<bool>,
    #[serde(default)]
    pub symmetric_rtp_enabled: Option<bool>,
    #[serde(default)]
    pub transfer_mode: Option<TransferMode>,
    #[serde(default)]
    pub transfer_caller_id: Option<TransferCallerId>,
    /// `{ "mode", "trim" }` in every example; the schema gives no type.
    #[serde(default)]
    pub recording: Option<serde_json::Value>,
    /// `IP_ACL`, `CREDENTIAL_LIST`, both comma-separated, or empty.
    #[serde(default)]
    pub auth_type: Option<String>,
    #[serde(default)]
    pub date_created: Option<String>,
    #[serde(default)]
    pub date_updated: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Create or update parameters of a trunk; unset fields are not sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrunkParams {
    pub friendly_name: Option<String>,
    pub domain_name: Option<String>,
    pub disaster_recovery_url: Option<String>,
    pub disaster_recovery_method: Option<HttpMethod>,
    pub transfer_mode: Option<TransferMode>,
    pub transfer_caller_id: Option<TransferCallerId>,
    pub secure: Option<bool>,
    pub cnam_lookup_enabled: Option<bool>,
}

impl TrunkParams {
    fn form(&self) -> Vec<(String, String)> {
        Form::new()
            .opt("FriendlyName", self.friendly_name.as_ref())
            .opt("DomainName", self.domain_name.as_ref())
            .opt("DisasterRecoveryUrl", self.disaster_recovery_url.as_ref())
            .opt("DisasterRecoveryMethod", self.disaster_recovery_method)
            .opt("TransferMode", self.transfer_mode)
            .opt("TransferCallerId", self.transfer_caller_id)
            .opt("Secure", self.secure)
            .opt("CnamLookupEnabled", self.cnam_lookup_enabled)
            .into_pairs()
    }
}

/// A trunk's recording settings (`trunking.v1.trunk.recording`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Recording {
    #[serde(default)]
    pub mode: Option<RecordingMode>,
    #[serde(default)]
    pub trim: Option<RecordingTrim>,
}

pub(crate) fn trunk_path(sid: &TrunkSid, rest: &str) -> String {
    format!("/v1/Trunks/{sid}{rest}")
}

impl Client {
    pub async fn create_trunk(&self, params: &TrunkParams) -> Result<Trunk, Error> {
        self.send(&Request::create(
            Host::Trunking,
            "/v1/Trunks",
            params.form(),
        ))
        .await
    }

    pub fn list_trunks(&self) -> impl Stream<Item = Result<Trunk, Error>> + Send + 'static {
        self.items(
            Request::get(Host::Trunking, "/v1/Trunks").query(vec![page_size(100)]),
            "trunks",
        )
    }

    pub async fn fetch_trunk(&self, sid: &TrunkSid) -> Result<Trunk, Error> {
        self.send(&Request::get(Host::Trunking, trunk_path(sid, "")))
            .await
    }

    pub async fn update_trunk(&self, sid: &TrunkSid, params: &TrunkParams) -> Result<Trunk, Error> {
        self.send(&Request::update(
            Host::Trunking,
            trunk_path(sid, ""),
            params.form(),
        ))
        .await
    }

    pub async fn delete_trunk(&self, sid: &TrunkSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(Host::Trunking, trunk_path(sid, "")))
            .await
    }

    pub async fn fetch_recording(&self, trunk: &TrunkSid) -> Result<Recording, Error> {
        self.send(&Request::get(
            Host::Trunking,
            trunk_path(trunk, "/Recording"),
        ))
        .await
    }

    pub async fn update_recording(
        &self,
        trunk: &TrunkSid,
        mode: Option<RecordingMode>,
        trim: Option<RecordingTrim>,
    ) -> Result<Recording, Error> {
        let form = Form::new().opt("Mode", mode).opt("Trim", trim).into_pairs();
        self.send(&Request::update(
            Host::Trunking,
            trunk_path(trunk, "/Recording"),
            form,
        ))
        .await
    }
}
