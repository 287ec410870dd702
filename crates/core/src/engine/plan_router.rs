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

use super::live::{ByocLive, DomainLive};
use std::collections::BTreeMap;

use super::live_router::{
    InboundLive, PreviousVoice, RoutedNumber, RouterLive, digest, with_previous,
};
use super::plan::{Builder, PlanError, show};
use super::step::{ByocFields, DomainFields, Op, Ref, StepId, StepKind};
use super::step_router::{ROUTER_ENV, ROUTER_FUNCTION, RouterOp, VoiceTarget};
use crate::router::{ByocInbound, ROUTER_FILE, ROUTER_PATH, RouterSpec, carrier_address, generate};
use crate::spec::{Byoc, SipDomain};
use crate::validate::Issue;
use switchboard_twilio::HttpMethod;

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

/// The carrier's calls by source address: the SIP domain handing them to the BYOC trunk (made
/// or updated), one IP record per carrier address (adopted by address and prefix) and its
/// mapping to the domain (made, or moved from another domain).
fn plan_inbound(
    b: &mut Builder,
    trunk_name: &str,
    i: &ByocInbound,
    live: Option<&InboundLive>,
    trunk: &Ref,
) -> Result<(), PlanError> {
    let Some(live) = live else {
        return Err(PlanError::Invalid {
            issues: vec![Issue::error(
                "inbound",
                "the account's SIP domains and IP records were not read for the carrier's inbound calls",
            )],
        });
    };
    let name = i.sip_domain.trim().to_ascii_lowercase();
    let trunk_sid = match trunk {
        Ref::Sid(x) => Some(x.as_str()),
        Ref::Step(_) => None,
    };
    let domain = match &live.domain {
        None => Ref::Step(b.push(
            StepKind::Create,
            format!(
                "Create SIP domain {name} to receive the carrier's calls and hand them to BYOC trunk '{trunk_name}'"
            ),
            &[
                ("DomainName", name.clone()),
                ("ByocTrunkSid", "(the BYOC trunk)".into()),
            ],
            &[],
            Op::Router(RouterOp::CreateInboundDomain {
                domain_name: name.clone(),
                byoc_trunk: trunk.clone(),
            }),
        )),
        Some(d) if trunk_sid.is_some() && d.byoc_trunk_sid.as_deref() == trunk_sid => {
            b.satisfied(
                format!("SIP domain {name} already hands its calls to BYOC trunk '{trunk_name}'"),
                &d.sid,
            );
            Ref::Sid(d.sid.clone())
        }
        Some(d) => {
            let was = match &d.byoc_trunk_sid {
                Some(o) => format!("it handed them to BYOC trunk {o}"),
                None => "it had no BYOC trunk".to_string(),
            };
            b.push(
                StepKind::Update,
                format!("Hand the calls of SIP domain {name} to BYOC trunk '{trunk_name}' ({was})"),
                &[("ByocTrunkSid", trunk_sid.unwrap_or("(the BYOC trunk)").to_string())],
                &[],
                Op::Router(RouterOp::SetDomainByocTrunk {
                    domain: d.sid.clone(),
                    byoc_trunk: trunk.clone(),
                    old: d.byoc_trunk_sid.clone(),
                }),
            );
            Ref::Sid(d.sid.clone())
        }
    };
    if let Ref::Sid(d) = &domain {
        for o in &live.others {
            b.push(
                StepKind::Delete,
                format!(
                    "Stop taking calls from {} on SIP domain {name}: the spec's carrier addresses \
                     do not include it (its IP record is kept; a rollback maps it again)",
                    o.address
                ),
                &[("SourceIpMappingSid", o.sid.clone())],
                &[],
                Op::Router(RouterOp::DeleteSourceIpMapping {
                    mapping: o.sid.clone(),
                    ip_record: o.ip_record_sid.clone(),
                    domain: d.clone(),
                }),
            );
        }
    }
    let label: String = format!("{trunk_name} carrier").chars().take(255).collect();
    let mut done: Vec<(String, u8)> = Vec::new();
    for entry in &i.carrier_ips {
        let Some(key) = carrier_address(entry) else {
            continue;
        };
        if done.contains(&key) {
            continue;
        }
        done.push(key.clone());
        let (ip, prefix) = key;
        let shown = format!("{ip}/{prefix}");
        let found = live
            .records
            .iter()
            .find(|r| r.ip_address == ip && r.cidr_prefix_length == prefix);
        let record = match found {
            Some(r) => {
                b.satisfied(
                    format!("The carrier's address {shown} is recorded (IP record)"),
                    &r.sid,
                );
                Ref::Sid(r.sid.clone())
            }
            None => Ref::Step(b.push(
                StepKind::Create,
                format!("Record the carrier's address {shown} (IP record)"),
                &[
                    ("IpAddress", ip.clone()),
                    ("CidrPrefixLength", prefix.to_string()),
                    ("FriendlyName", label.clone()),
                ],
                &[],
                Op::Router(RouterOp::CreateIpRecord {
                    ip_address: ip.clone(),
                    cidr_prefix_length: prefix,
                    friendly_name: label.clone(),
                }),
            )),
        };
        let mapping = match &record {
            Ref::Sid(il) => live.mappings.iter().find(|m| &m.ip_record_sid == il),
            Ref::Step(_) => None,
        };
        match (mapping, &domain) {
            (Some(m), Ref::Sid(d)) if &m.sip_domain_sid == d => b.satisfied(
                format!("Calls from {shown} already belong to SIP domain {name}"),
                &m.sid,
            ),
            (Some(m), _) => {
                b.push(
                    StepKind::Update,
                    format!(
                        "Move calls from {shown} to SIP domain {name} (they belonged to SIP domain {})",
                        m.sip_domain_sid
                    ),
                    &[("SipDomainSid", "(the SIP domain)".into())],
                    &[],
                    Op::Router(RouterOp::MoveSourceIpMapping {
                        mapping: m.sid.clone(),
                        domain: domain.clone(),
                        old_domain: m.sip_domain_sid.clone(),
                    }),
                );
            }
            (None, _) => {
                b.push(
                    StepKind::Create,
                    format!("Map calls from {shown} to SIP domain {name} (source IP mapping)"),
                    &[
                        ("IpRecordSid", "(the IP record)".into()),
                        ("SipDomainSid", "(the SIP domain)".into()),
                    ],
                    &[],
                    Op::Router(RouterOp::CreateSourceIpMapping {
                        ip_record: record.clone(),
                        domain: domain.clone(),
                    }),
                );
            }
        }
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

/// What the deployed code records for the table's numbers: the voice URL a number has now when
/// it is not the router's, else what the code running now recorded for it (unknown numbers are
/// left out). Stable across re-plans: once a number points at the router, its record is carried
/// over from the deployed code.
fn previous_urls(r: &RouterSpec, live: Option<&RouterLive>) -> BTreeMap<String, PreviousVoice> {
    let mut out = BTreeMap::new();
    let Some(live) = live else {
        return out;
    };
    let router_url = live
        .environment
        .as_ref()
        .map(|e| format!("https://{}{ROUTER_PATH}", e.domain_name));
    for row in &r.rows {
        let Some(n) = live
            .numbers
            .iter()
            .find(|n| n.phone_number == row.number.trim())
        else {
            continue;
        };
        if router_url.is_none() || n.voice_url != router_url {
            // A URL with a user and password in it is not copied into the deployed code: the
            // number's URL is then cleared when it leaves the table, and the step says so.
            if n.voice_url.as_deref().is_some_and(has_credentials) {
                continue;
            }
            out.insert(
                n.phone_number.clone(),
                PreviousVoice {
                    url: n.voice_url.clone(),
                    method: n.voice_method,
                },
            );
        } else if let Some(p) = live.previous.get(&n.phone_number) {
            out.insert(n.phone_number.clone(), p.clone());
        }
    }
    out
}

/// Whether `url` carries a user (and password) before its host: `https://user:pass@host/…`.
fn has_credentials(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.contains('@')
}

/// Takes an account number the table no longer lists off the router: back to the voice URL
/// it had before (as the deployed code records it), else cleared. A rollback points it at the
/// router again; the number stays on the account.
fn unpoint_number(
    b: &mut Builder,
    n: &RoutedNumber,
    router_url: &str,
    was: Option<&PreviousVoice>,
) {
    let shown = spaced(&n.phone_number);
    let (url, method, what) = match was {
        Some(PreviousVoice {
            url: Some(u),
            method,
        }) => (
            Some(u.clone()),
            *method,
            if *method == HttpMethod::Post {
                format!("its voice URL goes back to {u}, as before the router")
            } else {
                format!("its voice URL goes back to {u} with {method}, as before the router")
            },
        ),
        Some(PreviousVoice { url: None, method }) => (
            None,
            *method,
            "its voice URL is cleared, as before the router".to_string(),
        ),
        None => (
            None,
            HttpMethod::Post,
            "Switchboard has no record of its voice URL before the router, so the voice URL is \
             cleared: set one in the Twilio Console if calls to it should still be answered"
                .to_string(),
        ),
    };
    b.push(
        StepKind::Detach,
        format!(
            "Take {shown} off the number router: the routing table no longer lists it; {what} \
             (the number stays on the account; a rollback points it at the router again)"
        ),
        &[
            ("PhoneNumber", n.phone_number.clone()),
            ("VoiceUrl", url.clone().unwrap_or_default()),
            ("VoiceMethod", method.to_string()),
        ],
        &[],
        Op::Router(RouterOp::UnpointNumber {
            number: n.sid.clone(),
            phone_number: n.phone_number.clone(),
            url,
            method,
            old_url: router_url.to_string(),
            old_method: n.voice_method,
        }),
    );
}

/// The deployed router as the plan knows it: its service and environment (existing or made
/// by a step), its address when already known, and the steps that must run before it answers.
struct Deployed {
    service: Ref,
    environment: Ref,
    url: Option<String>,
    after: Vec<StepId>,
}

/// Rows whose number cannot be pointed at the router: not on the account, or answering
/// through an Elastic SIP trunk or a TwiML app (Twilio then ignores the number's voice URL).
fn number_issues(r: &RouterSpec, numbers: &[RoutedNumber]) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, row) in r.rows.iter().enumerate() {
        let path = format!("router.rows[{i}].number");
        let want = row.number.trim();
        match numbers.iter().find(|n| n.phone_number == want) {
            None => out.push(
                Issue::error(
                    &path,
                    format!(
                        "{want} is not a number on this account: the router can only answer calls to the account's own numbers."
                    ),
                )
                .with_hint("Pick one of the account's numbers, or buy this number in the Twilio Console first"),
            ),
            Some(n) => {
                if let Some(t) = &n.trunk_sid {
                    out.push(
                        Issue::error(
                            &path,
                            format!(
                                "{want} answers through Elastic SIP trunk {t}, so Twilio ignores its voice URL and the router would never get its calls."
                            ),
                        )
                        .with_hint("Take the number off the trunk first (Inventory), or remove this row"),
                    );
                } else if let Some(a) = &n.voice_application_sid {
                    out.push(
                        Issue::error(
                            &path,
                            format!(
                                "{want} answers through the TwiML app {a}, so Twilio ignores its voice URL and the router would never get its calls."
                            ),
                        )
                        .with_hint("Clear the number's TwiML app in the Twilio Console first, or remove this row"),
                    );
                }
            }
        }
    }
    out
}

/// "+1 415 555 0100" (international format, groups split by spaces); the input if unparsable.
fn spaced(number: &str) -> String {
    match phonenumber::parse(None, number) {
        Ok(p) => p
            .format()
            .mode(phonenumber::Mode::International)
            .to_string()
            .replace('-', " "),
        Err(_) => number.to_string(),
    }
}

/// Points one account number's voice URL (method POST) at the router, unless it already is.
fn point_number(b: &mut Builder, n: &RoutedNumber, d: &Deployed) {
    let shown = spaced(&n.phone_number);
    if let Some(u) = &d.url
        && n.voice_url.as_deref() == Some(u.as_str())
        && n.voice_method == HttpMethod::Post
    {
        b.satisfied(
            format!("Calls to {shown} already go to the number router"),
            &n.sid,
        );
        return;
    }
    let was = match &n.voice_url {
        Some(u) if n.voice_method == HttpMethod::Post => format!("its voice URL was {u}"),
        Some(u) => format!("its voice URL was {u} with {}", n.voice_method),
        None => "it had no voice URL".to_string(),
    };
    let url = d
        .url
        .clone()
        .unwrap_or_else(|| format!("(the router's address, ending {ROUTER_PATH})"));
    b.push(
        StepKind::Update,
        format!("Send calls to {shown} to the number router ({was})"),
        &[
            ("PhoneNumber", n.phone_number.clone()),
            ("VoiceUrl", url),
            ("VoiceMethod", HttpMethod::Post.to_string()),
        ],
        &d.after,
        Op::Router(RouterOp::PointNumber {
            number: n.sid.clone(),
            phone_number: n.phone_number.clone(),
            service: d.service.clone(),
            environment: d.environment.clone(),
            path: ROUTER_PATH.into(),
            old_url: n.voice_url.clone(),
            old_method: n.voice_method,
        }),
    );
}

/// Where the router's voice URL goes: the BYOC trunk or SIP domain, its voice URL now, and its
/// name for the step descriptions.
struct Site {
    target: VoiceTarget,
    current_url: Option<String>,
    what: String,
}

fn plan(
    b: &mut Builder,
    r: &RouterSpec,
    live: Option<&RouterLive>,
    site: Site,
    after: &[StepId],
    previous: &BTreeMap<String, PreviousVoice>,
) -> Result<Deployed, PlanError> {
    let Site {
        target,
        current_url,
        what,
    } = site;
    let Some(live) = live else {
        return Err(PlanError::Invalid {
            issues: vec![Issue::error(
                "router",
                "the account's Serverless services were not read for the router",
            )],
        });
    };
    let name = &r.service_name;
    let service = match &live.service {
        Some(sid) => {
            b.satisfied(format!("Serverless service '{name}' exists"), sid);
            Ref::Sid(sid.clone())
        }
        None => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the Serverless service '{name}' for the inbound router"),
            &[("UniqueName", name.clone()), ("FriendlyName", name.clone())],
            &[],
            Op::Router(RouterOp::CreateService {
                unique_name: name.clone(),
                friendly_name: name.clone(),
            }),
        )),
    };
    let environment = match (&live.environment, &service) {
        (Some(e), Ref::Sid(_)) => {
            b.satisfied(
                format!(
                    "Environment '{ROUTER_ENV}' of '{name}' exists ({})",
                    e.domain_name
                ),
                &e.sid,
            );
            Ref::Sid(e.sid.clone())
        }
        _ => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the environment '{ROUTER_ENV}' of '{name}'"),
            &[("UniqueName", ROUTER_ENV.into())],
            &[],
            Op::Router(RouterOp::CreateEnvironment {
                service: service.clone(),
                unique_name: ROUTER_ENV.into(),
            }),
        )),
    };
    let function = match (&live.function, &service) {
        (Some(f), Ref::Sid(_)) => {
            b.satisfied(format!("Function '{ROUTER_FUNCTION}' exists"), f);
            Ref::Sid(f.clone())
        }
        _ => Ref::Step(b.push(
            StepKind::Create,
            format!("Create the Function '{ROUTER_FUNCTION}' in '{name}'"),
            &[("FriendlyName", ROUTER_FUNCTION.into())],
            &[],
            Op::Router(RouterOp::CreateFunction {
                service: service.clone(),
                friendly_name: ROUTER_FUNCTION.into(),
            }),
        )),
    };
    let code = with_previous(generate(r, &live.account_sid), previous);
    let deployed_same = matches!((&environment, &function), (Ref::Sid(_), Ref::Sid(_)))
        && live.deployed_code.as_deref() == Some(digest(&code).as_str());
    let mut point_after: Vec<StepId> = after.to_vec();
    if deployed_same {
        let env = live
            .environment
            .as_ref()
            .map(|e| e.sid.as_str())
            .unwrap_or_default();
        b.satisfied(
            format!(
                "The router with {} number(s) is deployed as it should be",
                r.rows.len()
            ),
            env,
        );
    } else {
        let upload = b.push(
            StepKind::Create,
            format!(
                "Upload the router code ({} number(s) + default, {} bytes) to {ROUTER_PATH}",
                r.rows.len(),
                code.len()
            ),
            &[
                ("Path", ROUTER_PATH.into()),
                ("Visibility", "protected".into()),
                ("Content", format!("{ROUTER_FILE} ({} bytes)", code.len())),
            ],
            &[],
            Op::Router(RouterOp::UploadVersion {
                service: service.clone(),
                function: function.clone(),
                path: ROUTER_PATH.into(),
                file_name: ROUTER_FILE.into(),
                content: code,
            }),
        );
        let build = b.push(
            StepKind::Create,
            "Build the router and wait until the build is completed".into(),
            &[("FunctionVersions", "(the uploaded version)".into())],
            &[],
            Op::Router(RouterOp::Build {
                service: service.clone(),
                version: Ref::Step(upload),
            }),
        );
        let old_build = live.environment.as_ref().and_then(|e| e.build_sid.clone());
        let deploy = b.push(
            StepKind::Create,
            format!("Deploy the router build to '{ROUTER_ENV}'"),
            &[("BuildSid", "(the new build)".into())],
            &[],
            Op::Router(RouterOp::Deploy {
                service: service.clone(),
                environment: environment.clone(),
                build: Ref::Step(build),
                old_build,
            }),
        );
        point_after.push(deploy);
    }
    let url = live
        .environment
        .as_ref()
        .filter(|_| matches!(environment, Ref::Sid(_)))
        .map(|e| format!("https://{}{ROUTER_PATH}", e.domain_name));
    match (&url, &current_url) {
        (Some(u), Some(c)) if u == c => {
            let sid = match &target {
                VoiceTarget::ByocTrunk(Ref::Sid(s)) | VoiceTarget::SipDomain(Ref::Sid(s)) => {
                    s.clone()
                }
                _ => String::new(),
            };
            b.satisfied(format!("The voice URL of {what} is the router ({u})"), &sid);
        }
        _ => {
            let shown = url
                .clone()
                .unwrap_or_else(|| format!("https://<{name} domain>{ROUTER_PATH}"));
            b.push(
                StepKind::Update,
                format!(
                    "Point the voice URL of {what} at the router: {} → {shown}",
                    show(&current_url)
                ),
                &[("VoiceUrl", shown.clone())],
                &point_after,
                Op::Router(RouterOp::PointVoiceUrl {
                    target,
                    service: service.clone(),
                    environment: environment.clone(),
                    path: ROUTER_PATH.into(),
                    old_url: current_url,
                }),
            );
        }
    }
    Ok(Deployed {
        service,
        environment,
        url,
        after: point_after,
    })
}

#[cfg(test)]
mod tests {
    use super::has_credentials;

    #[test]
    fn urls_with_a_user_before_the_host_are_spotted() {
        assert!(has_credentials(
            "https://bob:s3cret@hooks.acme.example/voice"
        ));
        assert!(has_credentials("https://bob@hooks.acme.example"));
        assert!(!has_credentials("https://hooks.acme.example/voice?to=a@b"));
        assert!(!has_credentials("https://hooks.acme.example/a@b/voice"));
        assert!(!has_credentials("https://demo.twilio.com/welcome/voice/"));
    }
}
