//! IP Records and Source IP Mappings (Voice v1): a carrier's signalling addresses, and which
//! SIP domain calls from each one belong to (so a BYOC carrier's INVITEs need not name the
//! domain in the Request-URI). Docs §5.4–5.5.

use futures::Stream;
use serde::Deserialize;

use crate::client::Request;
use crate::form::Form;
use crate::page::page_size;
use crate::{AccountSid, Client, Error, Host, IpRecordSid, SipDomainSid, SourceIpMappingSid};

/// `voice.v1.ip_record`.
#[derive(Debug, Clone, Deserialize)]
pub struct IpRecord {
    pub sid: IpRecordSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub cidr_prefix_length: Option<u8>,
}

/// Create parameters of an IP record (the address and prefix cannot be changed later).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewIpRecord {
    /// IPv4, dotted decimal.
    pub ip_address: String,
    pub friendly_name: Option<String>,
    /// Twilio's default is 32.
    pub cidr_prefix_length: Option<u8>,
}

/// `voice.v1.source_ip_mapping` (it has no `account_sid`).
#[derive(Debug, Clone, Deserialize)]
pub struct SourceIpMapping {
    pub sid: SourceIpMappingSid,
    #[serde(default)]
    pub ip_record_sid: Option<IpRecordSid>,
    #[serde(default)]
    pub sip_domain_sid: Option<SipDomainSid>,
}

impl Client {
    pub async fn create_ip_record(&self, p: &NewIpRecord) -> Result<IpRecord, Error> {
        let form = Form::new()
            .set("IpAddress", &p.ip_address)
            .opt("FriendlyName", p.friendly_name.as_ref())
            .opt("CidrPrefixLength", p.cidr_prefix_length)
            .into_pairs();
        self.send(&Request::create(Host::Voice, "/v1/IpRecords", form))
            .await
    }

    pub fn list_ip_records(&self) -> impl Stream<Item = Result<IpRecord, Error>> + Send + 'static {
        let req = Request::get(Host::Voice, "/v1/IpRecords").query(vec![page_size(100)]);
        self.items(req, "ip_records")
    }

    pub async fn fetch_ip_record(&self, sid: &IpRecordSid) -> Result<IpRecord, Error> {
        self.send(&Request::get(Host::Voice, format!("/v1/IpRecords/{sid}")))
            .await
    }

    /// Only the friendly name can change.
    pub async fn update_ip_record(
        &self,
        sid: &IpRecordSid,
        friendly_name: &str,
    ) -> Result<IpRecord, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::update(
            Host::Voice,
            format!("/v1/IpRecords/{sid}"),
            form,
        ))
        .await
    }

    pub async fn delete_ip_record(&self, sid: &IpRecordSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Voice,
            format!("/v1/IpRecords/{sid}"),
        ))
        .await
    }

    pub async fn create_source_ip_mapping(
        &self,
        ip_record: &IpRecordSid,
        sip_domain: &SipDomainSid,
    ) -> Result<SourceIpMapping, Error> {
        let form = Form::new()
            .set("IpRecordSid", ip_record)
            .set("SipDomainSid", sip_domain)
            .into_pairs();
        self.send(&Request::create(Host::Voice, "/v1/SourceIpMappings", form))
            .await
    }

    pub fn list_source_ip_mappings(
        &self,
    ) -> impl Stream<Item = Result<SourceIpMapping, Error>> + Send + 'static {
        let req = Request::get(Host::Voice, "/v1/SourceIpMappings").query(vec![page_size(100)]);
        self.items(req, "source_ip_mappings")
    }

    pub async fn fetch_source_ip_mapping(
        &self,
        sid: &SourceIpMappingSid,
    ) -> Result<SourceIpMapping, Error> {
        self.send(&Request::get(
            Host::Voice,
            format!("/v1/SourceIpMappings/{sid}"),
        ))
        .await
    }

    /// Moves the mapping to another SIP domain.
    pub async fn update_source_ip_mapping(
        &self,
        sid: &SourceIpMappingSid,
        sip_domain: &SipDomainSid,
    ) -> Result<SourceIpMapping, Error> {
        let form = Form::new().set("SipDomainSid", sip_domain).into_pairs();
        self.send(&Request::update(
            Host::Voice,
            format!("/v1/SourceIpMappings/{sid}"),
            form,
        ))
        .await
    }

    pub async fn delete_source_ip_mapping(&self, sid: &SourceIpMappingSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Voice,
            format!("/v1/SourceIpMappings/{sid}"),
        ))
        .await
    }
}
