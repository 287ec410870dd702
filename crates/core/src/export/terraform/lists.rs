//! The account's lists in HCL: each IP access control list with one resource per address, and
//! each credential list with one credential per username, whose password is a `sensitive`
//! variable (never a value in the file). Both return the lists' SID references for the
//! resources that use them.

use super::hcl::{Hcl, V};
use crate::export::ident;
use crate::spec::IpAclSpec;

fn password_var(h: &mut Hcl, list: &str, user: &str) -> String {
    let name = format!("sip_password_{}_{}", ident(list), ident(user));
    h.block(
        &format!("variable \"{name}\""),
        &[
            ("type", V::Expr("string".into())),
            ("sensitive", V::Bool(true)),
            (
                "description",
                V::Str(&format!(
                    "Password of SIP user {user} in credential list {list}"
                )),
            ),
        ],
    );
    name
}

pub(super) fn acls(h: &mut Hcl, acls: &[IpAclSpec]) -> Vec<String> {
    let mut refs = vec![];
    for a in acls {
        let id = h.label(
            "twilio_api_accounts_sip_ip_access_control_lists_v2010",
            format!("acl_{}", ident(&a.name)),
        );
        h.resource(
            "twilio_api_accounts_sip_ip_access_control_lists_v2010",
            &id,
            &[("friendly_name", V::Str(&a.name))],
        );
        let r = format!("twilio_api_accounts_sip_ip_access_control_lists_v2010.{id}.sid");
        for (i, (ip, len)) in a.entries().iter().enumerate() {
            h.resource(
                "twilio_api_accounts_sip_ip_access_control_lists_ip_addresses_v2010",
                &format!("{id}_{}", i + 1),
                &[
                    ("ip_access_control_list_sid", V::Expr(r.clone())),
                    ("friendly_name", V::Str(&format!("{ip}/{len}"))),
                    ("ip_address", V::Str(ip)),
                    ("cidr_prefix_length", V::Num(*len)),
                ],
            );
        }
        refs.push(r);
    }
    refs
}

pub(super) fn cred_lists<'a>(
    h: &mut Hcl,
    lists: impl Iterator<Item = (&'a str, &'a [String])>,
) -> Vec<String> {
    let mut refs = vec![];
    for (name, users) in lists {
        let id = h.label(
            "twilio_api_accounts_sip_credential_lists_v2010",
            format!("cl_{}", ident(name)),
        );
        h.resource(
            "twilio_api_accounts_sip_credential_lists_v2010",
            &id,
            &[("friendly_name", V::Str(name))],
        );
        let r = format!("twilio_api_accounts_sip_credential_lists_v2010.{id}.sid");
        for u in users {
            let var = password_var(h, name, u);
            h.resource(
                "twilio_api_accounts_sip_credential_lists_credentials_v2010",
                &format!("{id}_{}", ident(u)),
                &[
                    ("credential_list_sid", V::Expr(r.clone())),
                    ("username", V::Str(u)),
                    ("password", V::Expr(format!("var.{var}"))),
                ],
            );
        }
        refs.push(r);
    }
    refs
}
