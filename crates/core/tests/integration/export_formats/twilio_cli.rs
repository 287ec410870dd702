//! The twilio-cli script run against the recording stand-in: it refuses to run without a SIP
//! password, and names, passwords, addresses and SIP URIs reach `twilio` exactly as written
//! (quotes, `$`, backticks and spaces included).

use switchboard_core::export::{Format, export_text as export, shell_quote};
use switchboard_core::spec::Spec;

use super::{flag, run_script};
use crate::preset_common::golden;

#[test]
fn twilio_cli_script_passes_values_through_exactly() {
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    let spec = Spec::from_toml_str(
        r#"version = 1
kind = "elastic_trunk"
name = "Bob's $HOME `x` trunk"
termination_domain = "acme-bob.pstn.twilio.com"
numbers = ["+12125552368"]
[[credential_lists]]
name = "Bob's users"
usernames = ["bob"]
[[ip_acls]]
name = "Office"
addresses = ["52.215.127.10", "54.172.60.0/30"]
[[origination_urls]]
name = "PBX"
sip_url = "sip:pbx.example.com;transport=tcp"
"#,
    )
    .unwrap();
    let script = export(&spec, Format::TwilioCli);
    golden("quoting.twilio-cli.sh", &script);
    let (out, _) = run_script(&script, &[]);
    assert!(
        !out.status.success(),
        "the script refuses to run without the password"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("SIP_PASSWORD_BOB_S_USERS_BOB"));
    let (out, calls) = run_script(&script, &[("SIP_PASSWORD_BOB_S_USERS_BOB", "Pa ss'word1X")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = &calls[0];
    assert_eq!(first[0], "api:trunking:v1:trunks:create");
    assert_eq!(flag(first, "--friendly-name"), "Bob's $HOME `x` trunk");
    let cred = calls
        .iter()
        .find(|c| c[0] == "api:core:sip:credential-lists:credentials:create")
        .unwrap();
    assert_eq!(flag(cred, "--password"), "Pa ss'word1X");
    assert_eq!(flag(cred, "--credential-list-sid"), "SIDFAKE");
    let ips: Vec<_> = calls
        .iter()
        .filter(|c| c[0] == "api:core:sip:ip-access-control-lists:ip-addresses:create")
        .map(|c| (flag(c, "--ip-address"), flag(c, "--cidr-prefix-length")))
        .collect();
    assert_eq!(
        ips,
        [
            ("52.215.127.10".into(), "32".into()),
            ("54.172.60.0".into(), "30".into())
        ]
    );
    let o = calls
        .iter()
        .find(|c| c[0] == "api:trunking:v1:trunks:origination-urls:create")
        .unwrap();
    assert_eq!(flag(o, "--sip-url"), "sip:pbx.example.com;transport=tcp");
    assert!(
        calls
            .iter()
            .any(|c| c[0] == "api:trunking:v1:trunks:phone-numbers:create")
    );
}
