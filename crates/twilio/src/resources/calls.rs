//! Calls: the outbound test call (optionally over a BYOC trunk) and polling its status.

use serde::Deserialize;

use crate::client::Request;
use crate::de::empty_as_none;
use crate::form::Form;
use crate::{ByocTrunkSid, CallSid, Client, Error, Host, TrunkSid};

/// `api.v2010.account.call`.
#[derive(Debug, Clone, Deserialize)]
pub struct Call {
    pub sid: CallSid,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    /// `queued`, `ringing`, `in-progress`, `completed`, `busy`, `failed`, `no-answer`, `canceled`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub trunk_sid: Option<TrunkSid>,
    #[serde(default)]
    pub duration: Option<String>,
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
}

impl Call {
    /// Whether the call has ended (no further status changes).
    pub fn is_final(&self) -> bool {
        matches!(
            self.status.as_deref(),
            Some("completed" | "busy" | "failed" | "no-answer" | "canceled")
        )
    }
}

/// What the call does once answered: exactly one is sent.
#[derive(Debug, Clone, PartialEq)]
pub enum CallInstructions {
    Url(String),
    Twiml(String),
}

/// A new outbound call.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCall {
    pub to: String,
    pub from: String,
    pub instructions: CallInstructions,
    /// Route through this BYOC trunk (only when `to` is a phone number).
    pub byoc: Option<ByocTrunkSid>,
    pub status_callback: Option<String>,
    /// Ring time in seconds (Twilio: default 60, max 600).
    pub timeout: Option<u32>,
    pub time_limit: Option<u32>,
}

impl Client {
    pub async fn create_call(&self, c: &NewCall) -> Result<Call, Error> {
        let mut form = Form::new().set("To", &c.to).set("From", &c.from);
        form = match &c.instructions {
            CallInstructions::Url(u) => form.set("Url", u),
            CallInstructions::Twiml(t) => form.set("Twiml", t),
        };
        let form = form
            .opt("Byoc", c.byoc.as_ref())
            .opt("StatusCallback", c.status_callback.as_ref())
            .opt("Timeout", c.timeout)
            .opt("TimeLimit", c.time_limit)
            .into_pairs();
        self.send(&Request::create(
            Host::Api,
            self.account_path("/Calls.json"),
            form,
        ))
        .await
    }

    pub async fn fetch_call(&self, sid: &CallSid) -> Result<Call, Error> {
        self.send(&Request::get(
            Host::Api,
            self.account_path(&format!("/Calls/{sid}.json")),
        ))
        .await
    }
}
