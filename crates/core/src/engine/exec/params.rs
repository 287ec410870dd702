//! The request values built from a step's recorded fields: what a create or an update sends,
//! and what a revert sends to put the previous values back.

use switchboard_twilio::{ByocTrunkParams, Error, SipDomainParams, TargetParams, TrunkParams};

use super::{Outputs, resolve, sid};
use crate::engine::step::{ByocFields, DomainFields, TargetFields, TrunkFields};

pub(crate) fn trunk_params(f: &TrunkFields) -> TrunkParams {
    TrunkParams {
        friendly_name: Some(f.friendly_name.clone()),
        domain_name: Some(f.domain_name.clone()),
        disaster_recovery_url: Some(f.disaster_recovery_url.clone().unwrap_or_default()),
        disaster_recovery_method: Some(f.disaster_recovery_method),
        transfer_mode: Some(f.transfer_mode),
        transfer_caller_id: Some(f.transfer_caller_id),
        secure: Some(f.secure),
        cnam_lookup_enabled: Some(f.cnam_lookup_enabled),
    }
}

pub(crate) fn target_params(f: &TargetFields) -> TargetParams {
    TargetParams {
        target: Some(f.target.clone()),
        friendly_name: Some(f.friendly_name.clone().unwrap_or_default()),
        priority: Some(f.priority),
        weight: Some(f.weight),
        enabled: Some(f.enabled),
    }
}

pub(crate) fn byoc_params(f: &ByocFields, out: &Outputs) -> Result<ByocTrunkParams, Error> {
    let policy = match &f.connection_policy {
        Some(p) => Some(sid!(ConnectionPolicySid, &resolve(p, out)?)),
        None => None,
    };
    let from = match &f.from_domain_sid {
        Some(d) => Some(sid!(SipDomainSid, d)),
        None => None,
    };
    Ok(ByocTrunkParams {
        friendly_name: Some(f.friendly_name.clone()),
        voice_url: Some(f.voice_url.clone().unwrap_or_default()),
        voice_method: Some(f.voice_method),
        voice_fallback_url: Some(f.voice_fallback_url.clone().unwrap_or_default()),
        voice_fallback_method: Some(f.voice_fallback_method),
        status_callback_url: Some(f.status_callback_url.clone().unwrap_or_default()),
        status_callback_method: Some(f.status_callback_method),
        cnam_lookup_enabled: Some(f.cnam_lookup_enabled),
        connection_policy_sid: policy,
        from_domain_sid: from,
    })
}

pub(crate) fn domain_params(f: &DomainFields) -> SipDomainParams {
    SipDomainParams {
        domain_name: Some(f.domain_name.clone()),
        friendly_name: Some(f.friendly_name.clone().unwrap_or_default()),
        voice_url: Some(f.voice_url.clone().unwrap_or_default()),
        voice_method: Some(f.voice_method),
        sip_registration: Some(f.sip_registration),
        emergency_calling_enabled: Some(f.emergency_calling_enabled),
        secure: Some(f.secure),
        ..SipDomainParams::default()
    }
}
