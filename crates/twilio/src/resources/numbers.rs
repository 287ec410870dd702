//! The account's phone numbers (IncomingPhoneNumbers). This client can list, fetch and update
//! them, and deliberately has no delete: deleting an IncomingPhoneNumber releases the number.

use futures::Stream;
use serde::Deserialize;

use super::trunks::HttpMethod;
use crate::client::Request;
use crate::de::empty_as_none;
use crate::form::Form;
use crate::page::{Page, page_size};
use crate::{AccountSid, ApplicationSid, Client, Error, Host, PhoneNumberSid, TrunkSid};

/// `api.v2010.account.incoming_phone_number`.
#[derive(Debug, Clone, Deserialize)]
pub struct IncomingPhoneNumber {
    pub sid: PhoneNumberSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    /// E.164.
    pub phone_number: String,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub trunk_sid: Option<TrunkSid>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub voice_application_sid: Option<ApplicationSid>,
    #[serde(default)]
    pub voice_url: Option<String>,
    #[serde(default)]
    pub voice_method: Option<HttpMethod>,
    #[serde(default)]
    pub voice_fallback_url: Option<String>,
    #[serde(default)]
    pub status_callback: Option<String>,
    #[serde(default)]
    pub voice_caller_id_lookup: Option<bool>,
    #[serde(default)]
    pub capabilities: Option<Capabilities>,
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

/// What a number can do.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Capabilities {
    #[serde(default)]
    pub voice: bool,
    #[serde(default)]
    pub sms: bool,
    #[serde(default)]
    pub mms: bool,
    #[serde(default)]
    pub fax: bool,
}

/// Filters for listing numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberFilter {
    /// Full or partial number; `*` matches one digit.
    pub phone_number: Option<String>,
    pub friendly_name: Option<String>,
    /// Items per page (default 50, at most 1000).
    pub page_size: Option<u32>,
}

/// Partial update of a number.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberUpdate {
    pub friendly_name: Option<String>,
    /// Routes voice to a trunk (clears the voice application).
    pub trunk_sid: Option<TrunkSid>,
    pub voice_application_sid: Option<ApplicationSid>,
    pub voice_url: Option<String>,
    pub voice_method: Option<HttpMethod>,
    pub voice_fallback_url: Option<String>,
    pub voice_fallback_method: Option<HttpMethod>,
    pub status_callback: Option<String>,
    pub status_callback_method: Option<HttpMethod>,
    pub voice_caller_id_lookup: Option<bool>,
}

impl Client {
    fn numbers_request(&self, f: &NumberFilter) -> Request {
        let mut query = vec![page_size(f.page_size.unwrap_or(50))];
        if let Some(n) = &f.phone_number {
            query.push(("PhoneNumber".into(), n.clone()));
        }
        if let Some(n) = &f.friendly_name {
            query.push(("FriendlyName".into(), n.clone()));
        }
        Request::get(Host::Api, self.account_path("/IncomingPhoneNumbers.json")).query(query)
    }

    /// The numbers page by page (for progress on large accounts).
    pub fn incoming_phone_number_pages(
        &self,
        filter: &NumberFilter,
    ) -> impl Stream<Item = Result<Page<IncomingPhoneNumber>, Error>> + Send + 'static {
        self.pages(self.numbers_request(filter), "incoming_phone_numbers")
    }

    pub fn list_incoming_phone_numbers(
        &self,
        filter: &NumberFilter,
    ) -> impl Stream<Item = Result<IncomingPhoneNumber, Error>> + Send + 'static {
        self.items(self.numbers_request(filter), "incoming_phone_numbers")
    }

    pub async fn fetch_incoming_phone_number(
        &self,
        sid: &PhoneNumberSid,
    ) -> Result<IncomingPhoneNumber, Error> {
        self.send(&Request::get(
            Host::Api,
            self.account_path(&format!("/IncomingPhoneNumbers/{sid}.json")),
        ))
        .await
    }

    pub async fn update_incoming_phone_number(
        &self,
        sid: &PhoneNumberSid,
        u: &NumberUpdate,
    ) -> Result<IncomingPhoneNumber, Error> {
        let form = Form::new()
            .opt("FriendlyName", u.friendly_name.as_ref())
            .opt("TrunkSid", u.trunk_sid.as_ref())
            .opt("VoiceApplicationSid", u.voice_application_sid.as_ref())
            .opt("VoiceUrl", u.voice_url.as_ref())
            .opt("VoiceMethod", u.voice_method)
            .opt("VoiceFallbackUrl", u.voice_fallback_url.as_ref())
            .opt("VoiceFallbackMethod", u.voice_fallback_method)
            .opt("StatusCallback", u.status_callback.as_ref())
            .opt("StatusCallbackMethod", u.status_callback_method)
            .opt("VoiceCallerIdLookup", u.voice_caller_id_lookup)
            .into_pairs();
        let path = self.account_path(&format!("/IncomingPhoneNumbers/{sid}.json"));
        self.send(&Request::update(Host::Api, path, form)).await
    }
}
