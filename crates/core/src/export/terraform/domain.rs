//! A SIP domain in HCL: the domain (its voice URL the router's address when it has a router),
//! its IP access control lists and credential lists, and their auth mappings for calls and
//! registrations.

use super::hcl::{Hcl, V, enum_str};
use super::lists::{acls, cred_lists};
use crate::spec::SipDomain;

/// The SIP domain; with a router, its voice URL is `router_url` (the router's address).
pub(super) fn domain(h: &mut Hcl, d: &SipDomain, router_url: Option<V>) {
    let vm = enum_str(&d.voice_method);
    let mut attrs = vec![("domain_name", V::Str(&d.domain))];
    if let Some(n) = &d.friendly_name {
        attrs.push(("friendly_name", V::Str(n)));
    }
    match (router_url, &d.voice_url) {
        (Some(r), _) => {
            attrs.push(("voice_url", r));
            attrs.push(("voice_method", V::Str("POST")));
        }
        (None, Some(u)) => {
            attrs.push(("voice_url", V::Str(u)));
            attrs.push(("voice_method", V::Str(&vm)));
        }
        (None, None) => {}
    }
    attrs.push(("sip_registration", V::Bool(d.registration)));
    attrs.push(("emergency_calling_enabled", V::Bool(d.emergency_calling)));
    attrs.push(("secure", V::Bool(d.secure)));
    h.resource("twilio_api_accounts_sip_domains_v2010", "domain", &attrs);
    let dom = || V::Expr("twilio_api_accounts_sip_domains_v2010.domain.sid".into());
    for (i, r) in acls(h, &d.ip_acls).into_iter().enumerate() {
        h.resource(
            "twilio_api_accounts_sip_domains_auth_calls_ip_access_control_list_mappings_v2010",
            &format!("calls_acl_{}", i + 1),
            &[
                ("domain_sid", dom()),
                ("ip_access_control_list_sid", V::Expr(r)),
            ],
        );
    }
    let lists = d
        .credential_lists
        .iter()
        .map(|c| (c.name.as_str(), c.usernames.as_slice()));
    let refs = cred_lists(h, lists);
    for (i, (c, r)) in d.credential_lists.iter().zip(refs).enumerate() {
        if c.calls {
            h.resource(
                "twilio_api_accounts_sip_domains_auth_calls_credential_list_mappings_v2010",
                &format!("calls_cl_{}", i + 1),
                &[
                    ("domain_sid", dom()),
                    ("credential_list_sid", V::Expr(r.clone())),
                ],
            );
        }
        if c.registrations {
            h.resource(
                "twilio_api_accounts_sip_domains_auth_registrations_credential_list_mappings_v2010",
                &format!("registrations_cl_{}", i + 1),
                &[("domain_sid", dom()), ("credential_list_sid", V::Expr(r))],
            );
        }
    }
}
