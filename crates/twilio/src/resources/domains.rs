//! SIP domains (`…/SIP/Domains`) and their authentication mappings: which credential lists and
//! IP access control lists guard calls, and which credential lists guard registrations.

use futures::Stream;
use serde::Deserialize;

use super::trunks::HttpMethod;
use crate::client::Request;
use crate::de::empty_as_none;
use crate::form::Form;
use crate::page::page_size;
use crate::{AccountSid, ByocTrunkSid, Client, Error, Host, PhoneNumberSid, SipDomainSid};

/// `api.v2010.account.sip.sip_domain`.
#[derive(Debug, Clone, Deserialize)]
pub struct SipDomain {
    pub sid: SipDomainSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub domain_name: Option<String>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub auth_type: Option<String>,
    #[serde(default)]
    pub voice_url: Option<String>,
    #[serde(default)]
    pub voice_method: Option<HttpMethod>,
    #[serde(default)]
    pub voice_fallback_url: Option<String>,
    #[serde(default)]
    pub voice_status_callback_url: Option<String>,
    #[serde(default)]
    pub sip_registration: Option<bool>,
    #[serde(default)]
    pub emergency_calling_enabled: Option<bool>,
    #[serde(default)]
    pub secure: Option<bool>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub byoc_trunk_sid: Option<ByocTrunkSid>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub emergency_caller_sid: Option<PhoneNumberSid>,
}

/// Create or update parameters of a SIP domain (`DomainName` is required on create).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SipDomainParams {
    pub domain_name: Option<String>,
    pub friendly_name: Option<String>,
    pub voice_url: Option<String>,
    pub voice_method: Option<HttpMethod>,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: Option<HttpMethod>,
    pub voice_status_callback_url: Option<String>,
    pub voice_status_callback_method: Option<HttpMethod>,
    pub sip_registration: Option<bool>,
    pub emergency_calling_enabled: Option<bool>,
    pub secure: Option<bool>,
    pub byoc_trunk_sid: Option<ByocTrunkSid>,
    pub emergency_caller_sid: Option<PhoneNumberSid>,
}

impl SipDomainParams {
    fn form(&self) -> Vec<(String, String)> {
        Form::new()
            .opt("DomainName", self.domain_name.as_ref())
            .opt("FriendlyName", self.friendly_name.as_ref())
            .opt("VoiceUrl", self.voice_url.as_ref())
            .opt("VoiceMethod", self.voice_method)
            .opt("VoiceFallbackUrl", self.voice_fallback_url.as_ref())
            .opt("VoiceFallbackMethod", self.voice_fallback_method)
            .opt(
                "VoiceStatusCallbackUrl",
                self.voice_status_callback_url.as_ref(),
            )
            .opt(
                "VoiceStatusCallbackMethod",
                self.voice_status_callback_method,
            )
            .opt("SipRegistration", self.sip_registration)
            .opt("EmergencyCallingEnabled", self.emergency_calling_enabled)
            .opt("Secure", self.secure)
            .opt("ByocTrunkSid", self.byoc_trunk_sid.as_ref())
            .opt("EmergencyCallerSid", self.emergency_caller_sid.as_ref())
            .into_pairs()
    }
}

/// Which of a domain's three authentication mapping collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DomainMapping {
    /// Digest authentication of INVITEs (`Auth/Calls/CredentialListMappings`).
    CallsCredentialList,
    /// Source-IP authentication of INVITEs (`Auth/Calls/IpAccessControlListMappings`).
    CallsIpAcl,
    /// Digest authentication of REGISTERs (`Auth/Registrations/CredentialListMappings`).
    RegistrationsCredentialList,
}

impl DomainMapping {
    fn segment(self) -> &'static str {
        match self {
            Self::CallsCredentialList => "Auth/Calls/CredentialListMappings",
            Self::CallsIpAcl => "Auth/Calls/IpAccessControlListMappings",
            Self::RegistrationsCredentialList => "Auth/Registrations/CredentialListMappings",
        }
    }
    fn param(self) -> &'static str {
        match self {
            Self::CallsIpAcl => "IpAccessControlListSid",
            _ => "CredentialListSid",
        }
    }
    /// The SID prefix of the mapped list (`CL` or `AL`).
    pub fn list_prefix(self) -> &'static str {
        match self {
            Self::CallsIpAcl => "AL",
            _ => "CL",
        }
    }
}

/// A mapping; its `sid` is the mapped list's SID (CL or AL).
#[derive(Debug, Clone, Deserialize)]
pub struct Mapping {
    pub sid: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

impl Client {
    fn domain_path(&self, rest: &str) -> String {
        self.account_path(&format!("/SIP/Domains{rest}"))
    }

    pub async fn create_sip_domain(&self, p: &SipDomainParams) -> Result<SipDomain, Error> {
        self.send(&Request::create(
            Host::Api,
            self.domain_path(".json"),
            p.form(),
        ))
        .await
    }

    pub fn list_sip_domains(
        &self,
    ) -> impl Stream<Item = Result<SipDomain, Error>> + Send + 'static {
        self.items(
            Request::get(Host::Api, self.domain_path(".json")).query(vec![page_size(1000)]),
            "domains",
        )
    }

    pub async fn fetch_sip_domain(&self, sid: &SipDomainSid) -> Result<SipDomain, Error> {
        self.send(&Request::get(
            Host::Api,
            self.domain_path(&format!("/{sid}.json")),
        ))
        .await
    }

    pub async fn update_sip_domain(
        &self,
        sid: &SipDomainSid,
        p: &SipDomainParams,
    ) -> Result<SipDomain, Error> {
        self.send(&Request::update(
            Host::Api,
            self.domain_path(&format!("/{sid}.json")),
            p.form(),
        ))
        .await
    }

    /// Sets (`Some`) or clears (`None`, an empty `ByocTrunkSid`) the BYOC trunk that calls to
    /// the domain are handed to; nothing else changes.
    pub async fn set_sip_domain_byoc_trunk(
        &self,
        sid: &SipDomainSid,
        trunk: Option<&ByocTrunkSid>,
    ) -> Result<SipDomain, Error> {
        let value = trunk.map(|t| t.to_string()).unwrap_or_default();
        let form = Form::new().set("ByocTrunkSid", value).into_pairs();
        self.send(&Request::update(
            Host::Api,
            self.domain_path(&format!("/{sid}.json")),
            form,
        ))
        .await
    }

    pub async fn delete_sip_domain(&self, sid: &SipDomainSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Api,
            self.domain_path(&format!("/{sid}.json")),
        ))
        .await
    }

    /// Maps a list (CL or AL SID, per `kind`) onto a domain.
    pub async fn add_domain_mapping(
        &self,
        domain: &SipDomainSid,
        kind: DomainMapping,
        list_sid: &str,
    ) -> Result<Mapping, Error> {
        crate::sid::check_sid(list_sid, kind.list_prefix(), "mapped list").map_err(|e| {
            Error::InvalidInput {
                field: kind.param().into(),
                value: list_sid.into(),
                rule: e.to_string(),
            }
        })?;
        let form = Form::new().set(kind.param(), list_sid).into_pairs();
        let path = self.domain_path(&format!("/{domain}/{}.json", kind.segment()));
        self.send(&Request::create(Host::Api, path, form)).await
    }

    pub fn list_domain_mappings(
        &self,
        domain: &SipDomainSid,
        kind: DomainMapping,
    ) -> impl Stream<Item = Result<Mapping, Error>> + Send + 'static {
        let path = self.domain_path(&format!("/{domain}/{}.json", kind.segment()));
        self.items(
            Request::get(Host::Api, path).query(vec![page_size(1000)]),
            "contents",
        )
    }

    pub async fn fetch_domain_mapping(
        &self,
        domain: &SipDomainSid,
        kind: DomainMapping,
        list_sid: &str,
    ) -> Result<Mapping, Error> {
        let path = self.domain_path(&format!("/{domain}/{}/{list_sid}.json", kind.segment()));
        self.send(&Request::get(Host::Api, path)).await
    }

    /// Unmaps a list from the domain; the list itself is kept.
    pub async fn remove_domain_mapping(
        &self,
        domain: &SipDomainSid,
        kind: DomainMapping,
        list_sid: &str,
    ) -> Result<(), Error> {
        let path = self.domain_path(&format!("/{domain}/{}/{list_sid}.json", kind.segment()));
        self.send_empty(&Request::delete(Host::Api, path)).await
    }
}
