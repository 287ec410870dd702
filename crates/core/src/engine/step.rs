//! A plan's vocabulary: a [`Step`] is one Twilio API call with its description, redacted
//! parameters, dependencies and the [`Op`] that says exactly what to send and how to undo it.
//! Steps refer to resources created earlier in the same run through [`Ref::Step`], because the
//! SID of a resource is known only once the step that creates it has run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_twilio::{RecordingMode, RecordingTrim};

mod fields;

pub use fields::{
    ByocFields, DomainFields, MappingKind, OriginationFields, TargetFields, TrunkFields,
};

/// Index of a step in its plan.
pub type StepId = usize;

/// A resource: one that exists (its SID) or one a step of this run creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ref {
    Sid(String),
    Step(StepId),
}

/// What a step does, as the review page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Create,
    Update,
    Associate,
    /// Already as the spec wants it: nothing is sent.
    Satisfied,
    /// Removes something: an entry the spec does not list, or (teardown) the resource itself.
    /// The description says whether a rollback can bring it back.
    Delete,
    /// Takes a number or a list off a trunk; the number or list itself is kept (a number is
    /// never released).
    Detach,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Create => "create",
            StepKind::Update => "update",
            StepKind::Associate => "associate",
            StepKind::Satisfied => "satisfied",
            StepKind::Delete => "delete",
            StepKind::Detach => "detach",
        }
    }
}

/// One step of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub kind: StepKind,
    pub description: String,
    /// Twilio parameter names and values; secrets are shown as `••••••`.
    pub params: BTreeMap<String, String>,
    pub depends_on: Vec<StepId>,
    /// `None` for satisfied steps.
    pub op: Option<Op>,
    /// The existing resource a satisfied step stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

/// Exactly one Twilio call, with what its revert needs (previous values for updates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    CreateTrunk {
        fields: TrunkFields,
    },
    UpdateTrunk {
        trunk: String,
        new: TrunkFields,
        old: TrunkFields,
    },
    UpdateRecording {
        trunk: Ref,
        mode: RecordingMode,
        trim: RecordingTrim,
        old_mode: RecordingMode,
        old_trim: RecordingTrim,
    },
    CreateIpAcl {
        name: String,
    },
    CreateIpAddress {
        acl: Ref,
        ip: String,
        prefix: u32,
    },
    CreateCredentialList {
        name: String,
    },
    CreateCredential {
        list: Ref,
        list_name: String,
        username: String,
    },
    LinkTrunkIpAcl {
        trunk: Ref,
        acl: Ref,
    },
    LinkTrunkCredentialList {
        trunk: Ref,
        list: Ref,
    },
    CreateOriginationUrl {
        trunk: Ref,
        fields: OriginationFields,
    },
    UpdateOriginationUrl {
        trunk: String,
        sid: String,
        new: OriginationFields,
        old: OriginationFields,
    },
    /// Takes a number off another trunk so it can move; undone by putting it back.
    DetachNumber {
        trunk: String,
        number_sid: String,
        number: String,
    },
    /// Routes a number to the trunk; undone by detaching and restoring its voice settings.
    AttachNumber {
        trunk: Ref,
        number_sid: String,
        number: String,
        /// The voice URL attaching clears. When it had a password, this is the URL without it
        /// (user kept) and [`Op::AttachNumber::voice_url_password`] is set.
        old_voice_url: Option<String>,
        old_voice_application_sid: Option<String>,
        /// The number's voice URL has a password, which a plan never holds: the apply reads
        /// the full URL just before attaching and hands it to the run's
        /// [`SecretSource`](super::SecretSource), and the rollback recalls it from there.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        voice_url_password: bool,
    },
    CreateConnectionPolicy {
        name: String,
    },
    CreateTarget {
        policy: Ref,
        fields: TargetFields,
    },
    UpdateTarget {
        policy: String,
        sid: String,
        new: TargetFields,
        old: TargetFields,
    },
    CreateByocTrunk {
        fields: ByocFields,
    },
    UpdateByocTrunk {
        sid: String,
        new: ByocFields,
        old: ByocFields,
    },
    CreateSipDomain {
        fields: DomainFields,
    },
    UpdateSipDomain {
        sid: String,
        new: DomainFields,
        old: DomainFields,
    },
    MapDomain {
        domain: Ref,
        mapping: MappingKind,
        list: Ref,
    },
    /// Removes an address from a list; undone by adding it again (with a new SID).
    DeleteIpAddress {
        acl: String,
        sid: String,
        ip: String,
        prefix: u32,
        friendly_name: String,
    },
    /// Removes a SIP user; cannot be undone (Twilio never returns a password).
    DeleteCredential {
        list: String,
        sid: String,
        username: String,
    },
    /// Removes an origination URL; undone by creating it again (with a new SID).
    DeleteOriginationUrl {
        trunk: String,
        sid: String,
        fields: OriginationFields,
    },
    /// Stops using an IP access control list for a trunk; undone by linking it again.
    UnlinkTrunkIpAcl {
        trunk: String,
        acl: String,
    },
    /// Stops using a credential list for a trunk; undone by linking it again.
    UnlinkTrunkCredentialList {
        trunk: String,
        list: String,
    },
    /// Removes a connection policy target; undone by creating it again with the same fields
    /// (and a new SID).
    DeleteTarget {
        policy: String,
        sid: String,
        fields: TargetFields,
    },
    /// Stops using a list for a SIP domain's authentication (an auth mapping); the list itself
    /// is kept. Undone by mapping it again.
    UnmapDomain {
        domain: String,
        mapping: MappingKind,
        list: String,
    },
    /// Deletes a trunk; cannot be undone (a new trunk gets a new SID).
    DeleteTrunk {
        sid: String,
        name: String,
    },
    /// Deletes an IP access control list with its addresses; cannot be undone with its SID.
    DeleteIpAcl {
        sid: String,
        name: String,
    },
    /// Deletes a credential list with its users; cannot be undone (passwords are not returned).
    DeleteCredentialList {
        sid: String,
        name: String,
    },
    /// The inbound router's Serverless deployment and voice URL (see `step_router.rs`).
    Router(super::step_router::RouterOp),
}

impl Op {
    /// Whether a repeat of this call could make a duplicate (so an unknown outcome needs a look).
    pub fn creates(&self) -> bool {
        matches!(
            self,
            Op::CreateTrunk { .. }
                | Op::CreateIpAcl { .. }
                | Op::CreateIpAddress { .. }
                | Op::CreateCredentialList { .. }
                | Op::CreateCredential { .. }
                | Op::CreateOriginationUrl { .. }
                | Op::CreateConnectionPolicy { .. }
                | Op::CreateTarget { .. }
                | Op::CreateByocTrunk { .. }
                | Op::CreateSipDomain { .. }
        ) || matches!(self, Op::Router(r) if r.creates())
    }

    /// Whether the op sets fields to given values (so repeating or reverting it is harmless).
    pub fn is_update(&self) -> bool {
        matches!(
            self,
            Op::UpdateTrunk { .. }
                | Op::UpdateRecording { .. }
                | Op::UpdateOriginationUrl { .. }
                | Op::UpdateTarget { .. }
                | Op::UpdateByocTrunk { .. }
                | Op::UpdateSipDomain { .. }
        ) || matches!(self, Op::Router(r) if r.is_update())
    }

    /// Why a rollback cannot undo this op, for those it cannot undo.
    pub fn irreversible(&self) -> Option<&'static str> {
        match self {
            Op::DeleteCredential { .. } => Some(
                "a deleted SIP user cannot be restored: Twilio never returns its password; add the user again with a new password",
            ),
            Op::DeleteTrunk { .. } => Some(
                "a deleted trunk cannot be brought back with its SID and termination URI; apply its spec again to make a new one",
            ),
            Op::DeleteIpAcl { .. } => Some(
                "a deleted IP access control list cannot be brought back with its SID; apply a spec that lists it to make a new one",
            ),
            Op::DeleteCredentialList { .. } => Some(
                "a deleted credential list cannot be restored: Twilio never returns its users' passwords",
            ),
            _ => None,
        }
    }

    /// The resource this op deletes for good, if any.
    pub fn destroys(&self) -> Option<&str> {
        match self {
            Op::DeleteTrunk { sid, .. }
            | Op::DeleteIpAcl { sid, .. }
            | Op::DeleteCredentialList { sid, .. } => Some(sid),
            _ => None,
        }
    }

    /// The existing resources undoing this op needs (it cannot be undone once they are gone).
    pub fn needs(&self) -> Vec<&str> {
        match self {
            Op::DeleteIpAddress { acl, .. } => vec![acl],
            Op::DeleteOriginationUrl { trunk, .. } | Op::DetachNumber { trunk, .. } => vec![trunk],
            Op::UnlinkTrunkIpAcl { trunk, acl } => vec![trunk, acl],
            Op::UnlinkTrunkCredentialList { trunk, list } => vec![trunk, list],
            Op::DeleteTarget { policy, .. } => vec![policy],
            Op::UnmapDomain { domain, list, .. } => vec![domain, list],
            _ => vec![],
        }
    }

    /// Every step this op refers to.
    pub fn refs(&self) -> Vec<StepId> {
        let rs: Vec<&Ref> = match self {
            Op::UpdateRecording { trunk, .. } => vec![trunk],
            Op::CreateIpAddress { acl, .. } => vec![acl],
            Op::CreateCredential { list, .. } => vec![list],
            Op::LinkTrunkIpAcl { trunk, acl } => vec![trunk, acl],
            Op::LinkTrunkCredentialList { trunk, list } => vec![trunk, list],
            Op::CreateOriginationUrl { trunk, .. } => vec![trunk],
            Op::AttachNumber { trunk, .. } => vec![trunk],
            Op::CreateTarget { policy, .. } => vec![policy],
            Op::CreateByocTrunk { fields } => fields.connection_policy.iter().collect(),
            Op::UpdateByocTrunk { new, .. } => new.connection_policy.iter().collect(),
            Op::MapDomain { domain, list, .. } => vec![domain, list],
            Op::Router(r) => r.refs(),
            _ => vec![],
        };
        rs.into_iter()
            .filter_map(|r| match r {
                Ref::Step(s) => Some(*s),
                Ref::Sid(_) => None,
            })
            .collect()
    }
}
