//! An Elastic SIP trunk in HCL: the trunk (number SIDs a map variable keyed by E.164), its
//! ACL and credential list links, origination URLs and numbers. Recording is named in a
//! comment, as this provider does not manage it.

use std::fmt::Write;

use super::hcl::{Hcl, V, enum_str, quote};
use super::lists::{acls, cred_lists};
use crate::export::ident;
use crate::spec::ElasticTrunk;

pub(super) fn elastic(h: &mut Hcl, t: &ElasticTrunk) {
    if !t.numbers.is_empty() {
        h.block(
            "variable \"phone_number_sids\"",
            &[
                ("type", V::Expr("map(string)".into())),
                (
                    "description",
                    V::Str("The PN... SID of each number, keyed by E.164 number"),
                ),
            ],
        );
    }
    let (tm, tc, dm) = (
        enum_str(&t.transfer_mode),
        enum_str(&t.transfer_caller_id),
        enum_str(&t.disaster_recovery_method),
    );
    let mut attrs = vec![
        ("friendly_name", V::Str(&t.name)),
        ("domain_name", V::Str(&t.termination_domain)),
        ("secure", V::Bool(t.secure)),
        ("cnam_lookup_enabled", V::Bool(t.cnam_lookup)),
        ("transfer_mode", V::Str(&tm)),
        ("transfer_caller_id", V::Str(&tc)),
    ];
    if let Some(u) = &t.disaster_recovery_url {
        attrs.push(("disaster_recovery_url", V::Str(u)));
        attrs.push(("disaster_recovery_method", V::Str(&dm)));
    }
    h.resource("twilio_trunking_trunks_v1", "trunk", &attrs);
    let trunk = || V::Expr("twilio_trunking_trunks_v1.trunk.sid".into());
    let rec = enum_str(&t.recording.mode);
    if rec != "do-not-record" {
        let _ = writeln!(
            h.0,
            "# Recording ({rec}, {}) is set through the trunk's Recording resource, which this\n# provider does not manage: Switchboard applies it.\n",
            enum_str(&t.recording.trim)
        );
    }
    for (i, r) in acls(h, &t.ip_acls).into_iter().enumerate() {
        h.resource(
            "twilio_trunking_trunks_ip_access_control_lists_v1",
            &format!("trunk_acl_{}", i + 1),
            &[
                ("trunk_sid", trunk()),
                ("ip_access_control_list_sid", V::Expr(r)),
            ],
        );
    }
    let lists = t
        .credential_lists
        .iter()
        .map(|c| (c.name.as_str(), c.usernames.as_slice()));
    for (i, r) in cred_lists(h, lists).into_iter().enumerate() {
        h.resource(
            "twilio_trunking_trunks_credential_lists_v1",
            &format!("trunk_cl_{}", i + 1),
            &[("trunk_sid", trunk()), ("credential_list_sid", V::Expr(r))],
        );
    }
    for o in &t.origination_urls {
        let kind = "twilio_trunking_trunks_origination_urls_v1";
        let label = h.label(kind, format!("origination_{}", ident(&o.name)));
        h.resource(
            kind,
            &label,
            &[
                ("trunk_sid", trunk()),
                ("friendly_name", V::Str(&o.name)),
                ("sip_url", V::Str(&o.sip_url)),
                ("priority", V::Num(o.priority)),
                ("weight", V::Num(o.weight)),
                ("enabled", V::Bool(o.enabled)),
            ],
        );
    }
    for n in &t.numbers {
        h.resource(
            "twilio_trunking_trunks_phone_numbers_v1",
            &format!("number_{}", ident(n)),
            &[
                ("trunk_sid", trunk()),
                (
                    "phone_number_sid",
                    V::Expr(format!("var.phone_number_sids[{}]", quote(n))),
                ),
            ],
        );
    }
}
