//! The demo account's starting data, with fixed SIDs and dates so demos and screenshots are
//! stable: 25 valid numbers in 11 countries, one trunk ("Office PBX") with an IP ACL and an
//! origination URL, two numbers on that trunk, and a credential list not yet in use.

use crate::model::{
    Capabilities, Credential, CredentialList, Db, IpAccessControlList, IpAddress, Link, LinkKind,
    Meta, OriginationUrl, PhoneNumber, Trunk,
};

/// 2024-01-15T09:00:00Z: when the demo account "bought" its numbers.
const SEED_EPOCH: i64 = 1_705_309_200;

/// The deterministic SID of the `n`th seeded resource with `prefix`.
pub fn seed_sid(prefix: &str, n: u128) -> String {
    format!("{prefix}{:032x}", (0x5eed_u128 << 112) + n)
}

/// Phone number, friendly name, type.
pub const NUMBERS: [(&str, &str, &str); 25] = [
    ("+14155552671", "(415) 555-2671", "local"),
    ("+14155552672", "(415) 555-2672", "local"),
    ("+12125552368", "(212) 555-2368", "local"),
    ("+13125557412", "(312) 555-7412", "local"),
    ("+16175553049", "(617) 555-3049", "local"),
    ("+13105559032", "(310) 555-9032", "local"),
    ("+14165553287", "(416) 555-3287", "local"),
    ("+16045558832", "(604) 555-8832", "local"),
    ("+15145556671", "(514) 555-6671", "local"),
    ("+442079460958", "+44 20 7946 0958", "local"),
    ("+441614960123", "+44 161 496 0123", "local"),
    ("+447400123456", "+44 7400 123456", "mobile"),
    ("+493012345678", "+49 30 12345678", "local"),
    ("+498912345678", "+49 89 12345678", "local"),
    ("+4915123456789", "+49 1512 3456789", "mobile"),
    ("+33123456789", "+33 1 23 45 67 89", "local"),
    ("+33612345678", "+33 6 12 34 56 78", "mobile"),
    ("+61291234567", "+61 2 9123 4567", "local"),
    ("+61412345678", "+61 412 345 678", "mobile"),
    ("+31201234567", "+31 20 123 4567", "local"),
    ("+31612345678", "+31 6 12345678", "mobile"),
    ("+35312345678", "+353 1 234 5678", "local"),
    ("+34912345678", "+34 912 34 56 78", "local"),
    ("+46812345678", "+46 8 123 456 78", "local"),
    ("+41441234567", "+41 44 123 45 67", "local"),
];

/// The seeded trunk's SID.
pub fn demo_trunk_sid() -> String {
    seed_sid("TK", 1)
}

/// A seeded account.
pub fn seeded(_account_sid: &str) -> Db {
    let mut db = Db {
        account_status: "active".into(),
        ..Db::default()
    };
    let stamp = |db: &mut Db, minutes: i64| {
        db.next_seq += 1;
        let t = SEED_EPOCH + minutes * 60;
        Meta {
            seq: db.next_seq,
            created: t,
            updated: t,
        }
    };
    let trunk_sid = demo_trunk_sid();
    for (i, (number, name, kind)) in NUMBERS.iter().enumerate() {
        let meta = stamp(&mut db, i as i64);
        let on_trunk = i < 2;
        db.phone_numbers.push(phone_number(
            seed_sid("PN", i as u128 + 1),
            meta,
            number,
            name,
            kind,
            on_trunk.then(|| trunk_sid.clone()),
            (!on_trunk && i % 3 == 0).then(|| "https://demo.twilio.com/welcome/voice/".to_string()),
        ));
    }
    let meta = stamp(&mut db, 60);
    db.trunks.push(Trunk {
        sid: trunk_sid.clone(),
        meta,
        friendly_name: Some("Office PBX".into()),
        domain_name: Some("demo-office.pstn.twilio.com".into()),
        disaster_recovery_url: None,
        disaster_recovery_method: Some("POST".into()),
        transfer_mode: "disable-all".into(),
        transfer_caller_id: "from-transferee".into(),
        secure: false,
        cnam_lookup_enabled: false,
        symmetric_rtp_enabled: false,
        recording_mode: "do-not-record".into(),
        recording_trim: "do-not-trim".into(),
    });
    let meta = stamp(&mut db, 61);
    db.origination_urls.push(OriginationUrl {
        sid: seed_sid("OU", 1),
        trunk_sid: trunk_sid.clone(),
        meta,
        sip_url: "sip:pbx.demo-office.example.com:5060".into(),
        priority: 10,
        weight: 10,
        enabled: true,
        friendly_name: "Office PBX primary".into(),
    });
    let acl_sid = seed_sid("AL", 1);
    let meta = stamp(&mut db, 62);
    db.ip_access_control_lists.push(IpAccessControlList {
        sid: acl_sid.clone(),
        meta,
        friendly_name: "Office PBX signalling".into(),
    });
    for (i, (ip, prefix, name)) in [
        ("203.0.113.10", 32, "PBX primary"),
        ("203.0.113.11", 32, "PBX secondary"),
        ("198.51.100.0", 28, "Office SBC range"),
    ]
    .into_iter()
    .enumerate()
    {
        let meta = stamp(&mut db, 63 + i as i64);
        db.ip_addresses.push(IpAddress {
            sid: seed_sid("IP", i as u128 + 1),
            acl_sid: acl_sid.clone(),
            meta,
            friendly_name: name.into(),
            ip_address: ip.into(),
            cidr_prefix_length: prefix,
        });
    }
    let meta = stamp(&mut db, 66);
    db.links.push(Link {
        sid: acl_sid,
        parent_sid: trunk_sid,
        kind: LinkKind::TrunkIpAcl,
        meta,
    });
    let cl_sid = seed_sid("CL", 1);
    let meta = stamp(&mut db, 67);
    db.credential_lists.push(CredentialList {
        sid: cl_sid.clone(),
        meta,
        friendly_name: "Office PBX users".into(),
    });
    let meta = stamp(&mut db, 68);
    db.credentials.push(Credential {
        sid: seed_sid("CR", 1),
        list_sid: cl_sid,
        meta,
        username: "office-pbx".into(),
    });
    db
}

/// A phone number as the account holds it (voice-capable; SMS/MMS as usual for its country).
pub fn phone_number(
    sid: String,
    meta: Meta,
    number: &str,
    name: &str,
    kind: &str,
    trunk_sid: Option<String>,
    voice_url: Option<String>,
) -> PhoneNumber {
    PhoneNumber {
        sid,
        meta,
        phone_number: number.to_string(),
        friendly_name: name.to_string(),
        number_type: kind.to_string(),
        trunk_sid,
        voice_url,
        voice_method: "POST".into(),
        voice_fallback_url: None,
        voice_fallback_method: "POST".into(),
        voice_application_sid: None,
        voice_caller_id_lookup: false,
        voice_receive_mode: "voice".into(),
        status_callback: None,
        status_callback_method: "POST".into(),
        sms_url: None,
        sms_method: "POST".into(),
        sms_fallback_url: None,
        sms_fallback_method: "POST".into(),
        sms_application_sid: None,
        capabilities: Capabilities {
            voice: true,
            sms: kind == "mobile" || number.starts_with("+1"),
            mms: number.starts_with("+1"),
            fax: false,
        },
        address_requirements: if number.starts_with("+1") {
            "none"
        } else {
            "local"
        }
        .into(),
        emergency_status: "Inactive".into(),
        beta: false,
    }
}
