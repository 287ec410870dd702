//! The carrier's inbound calls for a BYOC spec with `inbound`: the SIP domain that hands them
//! to the BYOC trunk (made, or updated to point at it), one IP record per carrier address
//! (adopted by address and prefix) with its source IP mapping to the domain (made, or moved
//! from another domain), and the mappings of addresses the spec no longer lists taken off.

use crate::engine::live_router::InboundLive;
use crate::engine::plan::{Builder, PlanError};
use crate::engine::step::{Op, Ref, StepKind};
use crate::engine::step_router::RouterOp;
use crate::router::{ByocInbound, carrier_address};
use crate::validate::Issue;

/// The carrier's calls by source address: the SIP domain handing them to the BYOC trunk (made
/// or updated), one IP record per carrier address (adopted by address and prefix) and its
/// mapping to the domain (made, or moved from another domain).
pub(super) fn plan_inbound(
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
