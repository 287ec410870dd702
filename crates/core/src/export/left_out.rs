//! What the Terraform and twilio-cli exports cannot build, said at the top of the file instead
//! of being dropped: a spec's number router is a Twilio Function (Serverless) whose code neither
//! tool can upload and deploy, and a SIP domain's routed numbers are phone numbers Terraform
//! would have to own (buy, and release on destroy) to change their voice URL.

use crate::router::{RouterSpec, carrier_address};
use crate::spec::Spec;

/// The spec's router and what its voice URL belongs to ("BYOC trunk", "SIP domain").
pub(crate) fn router(spec: &Spec) -> Option<(&RouterSpec, &'static str)> {
    match spec {
        Spec::Byoc(b) => b.router.as_ref().map(|r| (r, "BYOC trunk")),
        Spec::SipDomain(d) => d.router.as_ref().map(|r| (r, "SIP domain")),
        Spec::ElasticTrunk(_) => None,
    }
}

/// The comment block (lines starting `# `) for a spec with a router; `tool` names the export
/// ("Terraform"), `url_input` where the file takes the router's address.
pub(crate) fn router_block(spec: &Spec, tool: &str, url_input: &str) -> Option<String> {
    let (r, owner) = router(spec)?;
    let mut lines = vec![
        "NOT IN THIS FILE: the number router.".to_string(),
        "This spec routes incoming calls by the number called, through a Twilio Function".into(),
        format!(
            "(Serverless service \"{}\"), whose code {tool} cannot upload and deploy.",
            r.service_name
        ),
        "Instead, apply the spec with `switchboard apply <spec file>`: it deploys the router,"
            .into(),
        format!("points the {owner}'s voice URL at it and sets up everything this file would."),
        format!("If you use this file anyway, {url_input} must hold the address of a router"),
        format!(
            "you deployed yourself: https://{}-NNNN.twil.io{}.",
            r.service_name,
            crate::router::ROUTER_PATH
        ),
        format!("Without one, calls to the {owner} have nowhere to go."),
        "The routing table, as in the spec:".into(),
    ];
    for row in &r.rows {
        lines.push(format!(
            "  {} -> {}",
            row.number,
            row.destination.describe()
        ));
    }
    lines.push(format!("  every other number -> {}", r.default.describe()));
    Some(comment(&lines))
}

/// The carrier addresses of a BYOC spec's `inbound` that can be exported (each once), and a
/// comment naming those that cannot (not valid addresses: the plan refuses them too).
pub(crate) fn carrier_addresses(ips: &[String]) -> (Vec<(String, u8)>, Option<String>) {
    let mut ok: Vec<(String, u8)> = Vec::new();
    let mut bad = Vec::new();
    for entry in ips {
        match carrier_address(entry) {
            Some(k) if ok.contains(&k) => {}
            Some(k) => ok.push(k),
            None => bad.push(format!(
                "  `{entry}` is not a valid IPv4 address or CIDR block"
            )),
        }
    }
    let note = (!bad.is_empty()).then(|| {
        let mut lines = vec!["NOT IN THIS FILE: carrier addresses that are not valid:".to_string()];
        lines.extend(bad);
        comment(&lines)
    });
    (ok, note)
}

/// `# `-prefixed lines, then a blank line.
pub(crate) fn comment(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str("# ");
        out.push_str(l);
        out.push('\n');
    }
    out.push('\n');
    out
}
