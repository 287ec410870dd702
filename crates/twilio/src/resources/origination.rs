//! Origination URLs: where Twilio sends calls that arrive on the trunk (Twilio → your PBX/SBC).

use futures::Stream;
use serde::Deserialize;

use super::trunks::trunk_path;
use crate::client::Request;
use crate::form::Form;
use crate::page::page_size;
use crate::{AccountSid, Client, Error, Host, OriginationUrlSid, TrunkSid};

/// `trunking.v1.trunk.origination_url`.
#[derive(Debug, Clone, Deserialize)]
pub struct OriginationUrl {
    pub sid: OriginationUrlSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub trunk_sid: Option<TrunkSid>,
    #[serde(default)]
    pub sip_url: Option<String>,
    #[serde(default)]
    pub priority: Option<u32>,
    #[serde(default)]
    pub weight: Option<u32>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// All five fields are required by Twilio on create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewOriginationUrl {
    pub friendly_name: String,
    pub sip_url: String,
    pub priority: u32,
    pub weight: u32,
    pub enabled: bool,
}

/// Partial update of an origination URL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OriginationUrlUpdate {
    pub friendly_name: Option<String>,
    pub sip_url: Option<String>,
    pub priority: Option<u32>,
    pub weight: Option<u32>,
    pub enabled: Option<bool>,
}

impl Client {
    pub async fn create_origination_url(
        &self,
        trunk: &TrunkSid,
        p: &NewOriginationUrl,
    ) -> Result<OriginationUrl, Error> {
        let form = Form::new()
            .set("FriendlyName", &p.friendly_name)
            .set("SipUrl", &p.sip_url)
            .set("Priority", p.priority)
            .set("Weight", p.weight)
            .set("Enabled", p.enabled)
            .into_pairs();
        self.send(&Request::create(
            Host::Trunking,
            trunk_path(trunk, "/OriginationUrls"),
            form,
        ))
        .await
    }

    pub fn list_origination_urls(
        &self,
        trunk: &TrunkSid,
    ) -> impl Stream<Item = Result<OriginationUrl, Error>> + Send + 'static {
        let req = Request::get(Host::Trunking, trunk_path(trunk, "/OriginationUrls"))
            .query(vec![page_size(100)]);
        self.items(req, "origination_urls")
    }

    pub async fn fetch_origination_url(
        &self,
        trunk: &TrunkSid,
        sid: &OriginationUrlSid,
    ) -> Result<OriginationUrl, Error> {
        self.send(&Request::get(
            Host::Trunking,
            trunk_path(trunk, &format!("/OriginationUrls/{sid}")),
        ))
        .await
    }

    pub async fn update_origination_url(
        &self,
        trunk: &TrunkSid,
        sid: &OriginationUrlSid,
        p: &OriginationUrlUpdate,
    ) -> Result<OriginationUrl, Error> {
        let form = Form::new()
            .opt("FriendlyName", p.friendly_name.as_ref())
            .opt("SipUrl", p.sip_url.as_ref())
            .opt("Priority", p.priority)
            .opt("Weight", p.weight)
            .opt("Enabled", p.enabled)
            .into_pairs();
        let path = trunk_path(trunk, &format!("/OriginationUrls/{sid}"));
        self.send(&Request::update(Host::Trunking, path, form))
            .await
    }

    pub async fn delete_origination_url(
        &self,
        trunk: &TrunkSid,
        sid: &OriginationUrlSid,
    ) -> Result<(), Error> {
        let path = trunk_path(trunk, &format!("/OriginationUrls/{sid}"));
        self.send_empty(&Request::delete(Host::Trunking, path))
            .await
    }
}
