//! The wizard's requests and responses as they cross the IPC (snake_case, as in the contract
//! between the UI rooms and this backend). Specs, issues, step kinds and apply events come from
//! `switchboard-core` with its `ts` feature; these are the shapes around them. No type here can
//! carry a SIP password: the one that arrives (`set_sip_password`) is a `Secret` argument.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_core::engine::StepKind;
use switchboard_core::validate::Issue;
use ts_rs::TS;

/// What kind of pasted item `check_items` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// An IPv4 address or CIDR block for an IP access control list.
    IpOrCidr,
    /// A phone number, normalised to E.164.
    E164,
    /// An origination URL or BYOC target (`sip:host[:port][;params]`).
    SipUri,
    /// A SIP credential username.
    Username,
    /// A SIP credential password (checked, never echoed back).
    Password,
    /// A webhook URL (voice, fallback, status callback, disaster recovery).
    Url,
    /// The label of a termination domain (`<label>.pstn.twilio.com`).
    TerminationLabel,
    /// The label of a SIP domain (`<label>.sip.twilio.com`).
    SipDomainLabel,
}

/// One pasted item and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemCheck {
    /// The item as given (`••••••` for a password).
    pub value: String,
    /// The item as Twilio will get it (e.g. `+14155550100`), when it is valid.
    pub normalized: Option<String>,
    pub issues: Vec<Issue>,
}

/// Which Twilio domain a label is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DomainKind {
    /// An Elastic SIP trunk's termination domain, `<label>.pstn.twilio.com`.
    Termination,
    /// A Programmable SIP domain, `<label>.sip.twilio.com`.
    SipDomain,
}

/// Whether a domain label can be used on the connected account.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DomainAvailability {
    pub label: String,
    /// The full domain the label makes.
    pub domain: String,
    pub available: bool,
    /// Plain words: why not, or what it is used by.
    pub message: String,
}

/// A plan as the review page shows it. The plan itself stays in the app; the UI holds its id.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanView {
    pub plan_id: String,
    pub title: String,
    /// True when the account already matches the spec (nothing to apply).
    pub empty: bool,
    pub steps: Vec<PlanStepView>,
    /// Warnings and notes from validation (errors refuse the plan instead).
    pub issues: Vec<Issue>,
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanStepView {
    #[ts(type = "number")]
    pub id: usize,
    pub kind: StepKind,
    pub description: String,
    /// Twilio parameter names and values (secrets shown as `••••••`).
    pub params: BTreeMap<String, String>,
    #[ts(type = "number[]")]
    pub depends_on: Vec<usize>,
}

/// How an apply, resume or rollback ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ApplyOutcome {
    pub ok: bool,
    pub rolled_back: bool,
    /// What this run created (or, after a rollback, nothing).
    pub created: Vec<CreatedView>,
    /// What failed, in plain words.
    pub error: Option<String>,
}

/// A resource a run created.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatedView {
    pub description: String,
    pub sid: String,
}

/// An interrupted run found at start, offered for resume or rollback.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PendingRun {
    pub run_id: String,
    pub title: String,
    /// Steps done so far.
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}

/// Whether a SIP password is waiting in the keychain for a credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PasswordStatus {
    pub username: String,
    pub set: bool,
}

/// A spec as text for another tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Toml,
    Json,
    Terraform,
    TwilioCli,
}

/// What "Save" writes to the user's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SaveFormat {
    Html,
    Pdf,
    Toml,
    Json,
}

/// Where a file was saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SavedSheet {
    pub path: String,
}

/// An unfinished wizard: which flow, which step, and its data (a spec; never a secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Draft {
    pub flow: String,
    pub step: u32,
    #[ts(type = "unknown")]
    pub data: serde_json::Value,
}
