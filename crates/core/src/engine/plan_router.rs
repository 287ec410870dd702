//! Planning the router of a BYOC or SIP domain spec: adopt or create the service, environment
//! and Function; upload, build and deploy the code only when it differs from the deployed
//! code; point the voice URL at `https://<domain_name>/switchboard-router` unless it already is.
//! For a SIP domain, the account numbers in the table get the same voice URL (calls from the
//! phone network to a number reach its voice URL, not the domain's); a row whose number is not
//! on the account, or answers through a trunk or TwiML app, is refused. The deployed code records
//! the voice URL each of those numbers had before (see [`with_previous`]), so a number the table
//! no longer lists but that still points at the router gets it back (or, with no record, its
//! voice URL cleared) — taken off the router, never released. A BYOC trunk needs nothing more:
//! the carrier's calls reach the trunk's voice URL, and its numbers are not Twilio's. An
//! unchanged table re-plans as satisfied steps only.
//!
//! This file holds the entry points the BYOC and SIP domain planners call; the Serverless
//! deployment is in `deploy`, the carrier's inbound side in `inbound`, the routed numbers in
//! `numbers`.
//!
//! [`with_previous`]: super::live_router::with_previous

mod deploy;
mod inbound;
mod numbers;

use std::collections::BTreeMap;

use super::live::{ByocLive, DomainLive};
use super::plan::{Builder, PlanError};
use super::step::{ByocFields, DomainFields, Op, Ref};
use super::step_router::VoiceTarget;
use crate::spec::{Byoc, SipDomain};
use deploy::{Site, plan};
use inbound::plan_inbound;
use numbers::{number_issues, point_number, previous_urls, unpoint_number};

/// With a router, the trunk step leaves the voice URL as it is (the router's steps set it).
pub(crate) fn keep_byoc_voice_url(mut want: ByocFields, s: &Byoc, l: &ByocLive) -> ByocFields {
    if s.router.is_some() {
        want.voice_url = l
            .trunks
            .iter()
            .find(|(_, f)| f.friendly_name == s.trunk.name)
            .and_then(|(_, f)| f.voice_url.clone());
    }
    want
}

/// With a router, the domain step leaves the voice URL as it is.
pub(crate) fn keep_domain_voice_url(
    mut want: DomainFields,
    s: &SipDomain,
    l: &DomainLive,
) -> DomainFields {
    if s.router.is_some() {
        want.voice_url = l.domain.as_ref().and_then(|(_, f)| f.voice_url.clone());
    }
    want
}

/// Plans the BYOC spec's router and inbound side; the BYOC trunk's step is the last one
/// pushed so far.
pub(crate) fn after_byoc(b: &mut Builder, s: &Byoc, l: &ByocLive) -> Result<(), PlanError> {
    if s.router.is_none() && s.inbound.is_none() {
        return Ok(());
    }
    let Some(last) = b.steps.last() else {
        return Ok(());
    };
    let (trunk, current, after) = match (&last.op, &last.sid) {
        (Some(Op::CreateByocTrunk { .. }), _) => (Ref::Step(last.id), None, vec![last.id]),
        (Some(Op::UpdateByocTrunk { sid, old, .. }), _) => {
            (Ref::Sid(sid.clone()), old.voice_url.clone(), vec![last.id])
        }
        (None, Some(sid)) => {
            let url = l
                .trunks
                .iter()
                .find(|(x, _)| x == sid)
                .and_then(|(_, f)| f.voice_url.clone());
            (Ref::Sid(sid.clone()), url, vec![])
        }
        _ => unreachable!("build_byoc pushes the BYOC trunk's step last"),
    };
    if let Some(router) = &s.router {
        plan(
            b,
            router,
            l.router.as_ref(),
            Site {
                target: VoiceTarget::ByocTrunk(trunk.clone()),
                current_url: current,
                what: format!("BYOC trunk '{}'", s.trunk.name),
            },
            &after,
            &BTreeMap::new(),
        )?;
    }
    if let Some(i) = &s.inbound {
        plan_inbound(b, &s.trunk.name, i, l.inbound.as_ref(), &trunk)?;
    }
    Ok(())
}

/// Plans the SIP domain spec's router.
pub(crate) fn after_domain(
    b: &mut Builder,
    s: &SipDomain,
    l: &DomainLive,
    domain: &Ref,
) -> Result<(), PlanError> {
    let Some(router) = &s.router else {
        return Ok(());
    };
    let (current, after) = match domain {
        Ref::Step(id) => (None, vec![*id]),
        Ref::Sid(sid) => {
            let update = b.steps.iter().find_map(|st| match &st.op {
                Some(Op::UpdateSipDomain { sid: x, .. }) if x == sid => Some(st.id),
                _ => None,
            });
            let current = l.domain.as_ref().and_then(|(_, f)| f.voice_url.clone());
            (current, update.into_iter().collect())
        }
    };
    let live = l.router.as_ref();
    if let Some(live) = live {
        let issues = number_issues(router, &live.numbers);
        if !issues.is_empty() {
            return Err(PlanError::Invalid { issues });
        }
    }
    let numbers = live.map(|x| x.numbers.as_slice()).unwrap_or_default();
    let previous = previous_urls(router, live);
    let d = plan(
        b,
        router,
        live,
        Site {
            target: VoiceTarget::SipDomain(domain.clone()),
            current_url: current,
            what: format!("SIP domain {}", s.domain),
        },
        &after,
        &previous,
    )?;
    for row in &router.rows {
        let Some(n) = numbers.iter().find(|n| n.phone_number == row.number.trim()) else {
            continue;
        };
        point_number(b, n, &d);
    }
    if let (Some(live), Some(url)) = (live, &d.url) {
        for n in &live.pointed {
            unpoint_number(b, n, url, live.previous.get(&n.phone_number));
        }
    }
    Ok(())
}
