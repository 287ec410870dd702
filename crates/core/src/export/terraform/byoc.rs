//! A BYOC setup in HCL: the connection policy and its targets, the BYOC trunk (its voice URL
//! the router's address when it has a router; the from domain named in a comment), and the
//! carrier's inbound side: the SIP domain handing calls to the trunk, an IP record per carrier
//! address and its source IP mapping.

use std::fmt::Write;

use super::ROUTER_VAR;
use super::hcl::{Hcl, V, enum_str};
use crate::export::left_out::carrier_addresses;
use crate::router::ByocInbound;
use crate::spec::Byoc;

/// The BYOC setup's resources.
pub(super) fn byoc(h: &mut Hcl, b: &Byoc) {
    let router_url = || V::Expr(format!("var.{ROUTER_VAR}"));
    let cp = "twilio_voice_connection_policies_v1.policy.sid".to_string();
    h.resource(
        "twilio_voice_connection_policies_v1",
        "policy",
        &[("friendly_name", V::Str(&b.connection_policy.name))],
    );
    for (i, t) in b.connection_policy.targets.iter().enumerate() {
        let name = t
            .name
            .clone()
            .unwrap_or_else(|| format!("target {}", i + 1));
        h.resource(
            "twilio_voice_connection_policies_targets_v1",
            &format!("target_{}", i + 1),
            &[
                ("connection_policy_sid", V::Expr(cp.clone())),
                ("friendly_name", V::Str(&name)),
                ("target", V::Str(&t.sip_url)),
                ("priority", V::Num(t.priority)),
                ("weight", V::Num(t.weight)),
                ("enabled", V::Bool(t.enabled)),
            ],
        );
    }
    let tr = &b.trunk;
    let (vm, fm, sm) = (
        enum_str(&tr.voice_method),
        enum_str(&tr.fallback_method),
        enum_str(&tr.status_callback_method),
    );
    let mut attrs = vec![
        ("friendly_name", V::Str(&tr.name)),
        ("connection_policy_sid", V::Expr(cp)),
        ("cnam_lookup_enabled", V::Bool(tr.cnam_lookup)),
    ];
    if b.router.is_some() {
        attrs.push(("voice_url", router_url()));
        attrs.push(("voice_method", V::Str("POST")));
    }
    let voice_url = if b.router.is_some() {
        &None
    } else {
        &tr.voice_url
    };
    for (k, url, m, mv) in [
        ("voice_url", voice_url, "voice_method", &vm),
        (
            "voice_fallback_url",
            &tr.fallback_url,
            "voice_fallback_method",
            &fm,
        ),
        (
            "status_callback_url",
            &tr.status_callback_url,
            "status_callback_method",
            &sm,
        ),
    ] {
        if let Some(u) = url {
            attrs.push((k, V::Str(u)));
            attrs.push((m, V::Str(mv)));
        }
    }
    h.resource("twilio_voice_byoc_trunks_v1", "trunk", &attrs);
    if let Some(d) = &tr.from_domain {
        let _ = writeln!(
            h.0,
            "# from_domain_sid: set it to the SID of SIP domain {d}.\n"
        );
    }
    if let Some(i) = &b.inbound {
        inbound(h, &tr.name, i);
    }
}

/// A BYOC carrier's calls by source address: the SIP domain that hands them to the trunk, an IP
/// record per carrier address and its source IP mapping to the domain.
fn inbound(h: &mut Hcl, trunk_name: &str, i: &ByocInbound) {
    let domain_kind = "twilio_api_accounts_sip_domains_v2010";
    let domain = h.label(domain_kind, "inbound".into());
    let _ = writeln!(
        h.0,
        "# The carrier's calls: SIP domain {} hands them to the BYOC trunk,\n# and Twilio knows them by the carrier's addresses (IP records mapped to the domain).\n# If the domain is already on the account (Switchboard reuses it), `terraform import` it\n# into {domain_kind}.{domain} first.\n",
        i.sip_domain
    );
    h.resource(
        domain_kind,
        &domain,
        &[
            ("domain_name", V::Str(&i.sip_domain)),
            (
                "byoc_trunk_sid",
                V::Expr("twilio_voice_byoc_trunks_v1.trunk.sid".into()),
            ),
        ],
    );
    let (addresses, left_out) = carrier_addresses(&i.carrier_ips);
    if let Some(note) = left_out {
        h.0.push_str(&note);
    }
    let friendly: String = format!("{trunk_name} carrier").chars().take(255).collect();
    for (n, (ip, prefix)) in addresses.iter().enumerate() {
        let record = h.label("twilio_voice_ip_records_v1", format!("carrier_{}", n + 1));
        h.resource(
            "twilio_voice_ip_records_v1",
            &record,
            &[
                ("friendly_name", V::Str(&friendly)),
                ("ip_address", V::Str(ip)),
                ("cidr_prefix_length", V::Num(u32::from(*prefix))),
            ],
        );
        h.resource(
            "twilio_voice_source_ip_mappings_v1",
            &record,
            &[
                (
                    "ip_record_sid",
                    V::Expr(format!("twilio_voice_ip_records_v1.{record}.sid")),
                ),
                (
                    "sip_domain_sid",
                    V::Expr(format!("{domain_kind}.{domain}.sid")),
                ),
            ],
        );
    }
}
