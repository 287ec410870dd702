//! BYOC (Voice v1): connection policies with their targets (where Twilio sends calls for the
//! carrier), and BYOC trunks.

use futures::Stream;
use serde::Deserialize;

use super::trunks::HttpMethod;
use crate::client::Request;
use crate::form::Form;
use crate::page::page_size;
use crate::{
    AccountSid, ByocTrunkSid, Client, ConnectionPolicySid, ConnectionPolicyTargetSid, Error, Host,
    SipDomainSid,
};

/// `voice.v1.byoc_trunk`.
#[derive(Debug, Clone, Deserialize)]
pub struct ByocTrunk {
    pub sid: ByocTrunkSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub voice_url: Option<String>,
    #[serde(default)]
    pub voice_method: Option<HttpMethod>,
    #[serde(default)]
    pub voice_fallback_url: Option<String>,
    #[serde(default)]
    pub voice_fallback_method: Option<HttpMethod>,
    #[serde(default)]
    pub status_callback_url: Option<String>,
    #[serde(default)]
    pub status_callback_method: Option<HttpMethod>,
    #[serde(default)]
    pub cnam_lookup_enabled: Option<bool>,
    #[serde(default)]
    pub connection_policy_sid: Option<ConnectionPolicySid>,
    #[serde(default)]
    pub from_domain_sid: Option<SipDomainSid>,
}

/// Create or update parameters of a BYOC trunk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByocTrunkParams {
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: Option<HttpMethod>,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: Option<HttpMethod>,
    pub status_callback_url: Option<String>,
    pub status_callback_method: Option<HttpMethod>,
    pub cnam_lookup_enabled: Option<bool>,
    pub connection_policy_sid: Option<ConnectionPolicySid>,
    pub from_domain_sid: Option<SipDomainSid>,
}

impl ByocTrunkParams {
    fn form(&self) -> Vec<(String, String)> {
        Form::new()
            .opt("FriendlyName", self.friendly_name.as_ref())
            .opt("VoiceUrl", self.voice_url.as_ref())
            .opt("VoiceMethod", self.voice_method)
            .opt("VoiceFallbackUrl", self.voice_fallback_url.as_ref())
            .opt("VoiceFallbackMethod", self.voice_fallback_method)
            .opt("StatusCallbackUrl", self.status_callback_url.as_ref())
            .opt("StatusCallbackMethod", self.status_callback_method)
            .opt("CnamLookupEnabled", self.cnam_lookup_enabled)
            .opt("ConnectionPolicySid", self.connection_policy_sid.as_ref())
            .opt("FromDomainSid", self.from_domain_sid.as_ref())
            .into_pairs()
    }
}

/// `voice.v1.connection_policy`.
#[derive(Debug, Clone, Deserialize)]
pub struct ConnectionPolicy {
    pub sid: ConnectionPolicySid,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `voice.v1.connection_policy.connection_policy_target`.
#[derive(Debug, Clone, Deserialize)]
pub struct ConnectionPolicyTarget {
    pub sid: ConnectionPolicyTargetSid,
    #[serde(default)]
    pub connection_policy_sid: Option<ConnectionPolicySid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub priority: Option<u32>,
    #[serde(default)]
    pub weight: Option<u32>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// Create (`target` required) or update parameters of a target.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetParams {
    pub target: Option<String>,
    pub friendly_name: Option<String>,
    pub priority: Option<u32>,
    pub weight: Option<u32>,
    pub enabled: Option<bool>,
}

impl TargetParams {
    fn form(&self) -> Vec<(String, String)> {
        Form::new()
            .opt("Target", self.target.as_ref())
            .opt("FriendlyName", self.friendly_name.as_ref())
            .opt("Priority", self.priority)
            .opt("Weight", self.weight)
            .opt("Enabled", self.enabled)
            .into_pairs()
    }
}

fn policy_path(sid: &ConnectionPolicySid, rest: &str) -> String {
    format!("/v1/ConnectionPolicies/{sid}{rest}")
}

impl Client {
    pub async fn create_byoc_trunk(&self, p: &ByocTrunkParams) -> Result<ByocTrunk, Error> {
        self.send(&Request::create(Host::Voice, "/v1/ByocTrunks", p.form()))
            .await
    }

    pub fn list_byoc_trunks(
        &self,
    ) -> impl Stream<Item = Result<ByocTrunk, Error>> + Send + 'static {
        self.items(
            Request::get(Host::Voice, "/v1/ByocTrunks").query(vec![page_size(100)]),
            "byoc_trunks",
        )
    }

    pub async fn fetch_byoc_trunk(&self, sid: &ByocTrunkSid) -> Result<ByocTrunk, Error> {
        self.send(&Request::get(Host::Voice, format!("/v1/ByocTrunks/{sid}")))
            .await
    }

    pub async fn update_byoc_trunk(
        &self,
        sid: &ByocTrunkSid,
        p: &ByocTrunkParams,
    ) -> Result<ByocTrunk, Error> {
        self.send(&Request::update(
            Host::Voice,
            format!("/v1/ByocTrunks/{sid}"),
            p.form(),
        ))
        .await
    }

    pub async fn delete_byoc_trunk(&self, sid: &ByocTrunkSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Voice,
            format!("/v1/ByocTrunks/{sid}"),
        ))
        .await
    }

    pub async fn create_connection_policy(
        &self,
        friendly_name: Option<&str>,
    ) -> Result<ConnectionPolicy, Error> {
        let form = Form::new().opt("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Voice,
            "/v1/ConnectionPolicies",
            form,
        ))
        .await
    }

    pub fn list_connection_policies(
        &self,
    ) -> impl Stream<Item = Result<ConnectionPolicy, Error>> + Send + 'static {
        let req = Request::get(Host::Voice, "/v1/ConnectionPolicies").query(vec![page_size(100)]);
        self.items(req, "connection_policies")
    }

    pub async fn fetch_connection_policy(
        &self,
        sid: &ConnectionPolicySid,
    ) -> Result<ConnectionPolicy, Error> {
        self.send(&Request::get(Host::Voice, policy_path(sid, "")))
            .await
    }

    pub async fn update_connection_policy(
        &self,
        sid: &ConnectionPolicySid,
        friendly_name: &str,
    ) -> Result<ConnectionPolicy, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::update(Host::Voice, policy_path(sid, ""), form))
            .await
    }

    pub async fn delete_connection_policy(&self, sid: &ConnectionPolicySid) -> Result<(), Error> {
        self.send_empty(&Request::delete(Host::Voice, policy_path(sid, "")))
            .await
    }

    pub async fn create_target(
        &self,
        policy: &ConnectionPolicySid,
        p: &TargetParams,
    ) -> Result<ConnectionPolicyTarget, Error> {
        self.send(&Request::create(
            Host::Voice,
            policy_path(policy, "/Targets"),
            p.form(),
        ))
        .await
    }

    pub fn list_targets(
        &self,
        policy: &ConnectionPolicySid,
    ) -> impl Stream<Item = Result<ConnectionPolicyTarget, Error>> + Send + 'static {
        let req =
            Request::get(Host::Voice, policy_path(policy, "/Targets")).query(vec![page_size(100)]);
        self.items(req, "targets")
    }

    pub async fn fetch_target(
        &self,
        policy: &ConnectionPolicySid,
        sid: &ConnectionPolicyTargetSid,
    ) -> Result<ConnectionPolicyTarget, Error> {
        self.send(&Request::get(
            Host::Voice,
            policy_path(policy, &format!("/Targets/{sid}")),
        ))
        .await
    }

    pub async fn update_target(
        &self,
        policy: &ConnectionPolicySid,
        sid: &ConnectionPolicyTargetSid,
        p: &TargetParams,
    ) -> Result<ConnectionPolicyTarget, Error> {
        self.send(&Request::update(
            Host::Voice,
            policy_path(policy, &format!("/Targets/{sid}")),
            p.form(),
        ))
        .await
    }

    pub async fn delete_target(
        &self,
        policy: &ConnectionPolicySid,
        sid: &ConnectionPolicyTargetSid,
    ) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Voice,
            policy_path(policy, &format!("/Targets/{sid}")),
        ))
        .await
    }
}
