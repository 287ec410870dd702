//! "Register on Bolna" against the Bolna stand-in: the API key checked, kept in the keychain and
//! never returned; a second run reuses the trunk; a username/password trunk gets its password.

use serde_json::json;
use switchboard_desktop::keychain::SecretStore;

use crate::{BOLNA_KEY, app, bolna_answers, env};

#[test]
fn register_on_bolna_keeps_the_key_in_the_keychain_and_never_returns_it() {
    let t = app();
    let label = "acme-bolna-register";
    let status = t.invoke("bolna_key", json!({})).unwrap();
    assert_eq!(status, json!({ "stored": false }));

    // No key yet: the field is named.
    let e = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label) } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "apiKey");

    // A wrong key: Bolna's 401 said against the key field; nothing created.
    let e = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label), "apiKey": "wrong-key" } }),
        )
        .unwrap_err();
    assert_eq!(e["field"], "apiKey", "{e}");
    assert!(e["message"].as_str().unwrap().contains("401"), "{e}");

    // The right key: trunk and number created on the stand-in, key kept, never echoed.
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label), "apiKey": BOLNA_KEY } }),
        )
        .unwrap();
    assert!(
        !r.to_string().contains(BOLNA_KEY),
        "the key is never returned"
    );
    assert_eq!(r["reusedTrunk"], false);
    assert_eq!(r["addedNumbers"], json!(["+14155550102"]));
    assert_eq!(
        t.keychain
            .get("bolna-api-key")
            .unwrap()
            .unwrap()
            .expose()
            .to_string(),
        BOLNA_KEY
    );
    let state = env().bolna.state();
    let trunk = state["trunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == format!("Bolna {label}"))
        .unwrap_or_else(|| panic!("trunk on Bolna: {state}"))
        .clone();
    assert_eq!(trunk["auth_type"], "ip-based");
    assert_eq!(
        trunk["gateways"][0]["gateway_address"],
        format!("{label}.pstn.twilio.com")
    );
    assert_eq!(trunk["numbers"][0]["phone_number"], "+14155550102");

    // Again, with the kept key: the trunk is reused and the number skipped.
    let r = t
        .invoke(
            "register_on_bolna",
            json!({ "request": { "answers": bolna_answers(label) } }),
        )
        .unwrap();
    assert_eq!(r["reusedTrunk"], true);
    assert_eq!(r["existingNumbers"], json!(["+14155550102"]));
    assert_eq!(
        t.invoke("bolna_key", json!({})).unwrap(),
        json!({ "stored": true })
    );

    // Username/password: the password set on the Review step reaches Bolna.
    let label2 = "acme-bolna-userpass";
    let mut a = bolna_answers(label2);
    a["auth_type"] = json!("userpass");
    let e = t
        .invoke("register_on_bolna", json!({ "request": { "answers": a } }))
        .unwrap_err();
    assert_eq!(e["field"], "sipPassword", "{e}");
    let pw = "Xk7pQ2mN9vR4tW8yZ3bC";
    t.invoke(
        "register_on_bolna",
        json!({ "request": { "answers": a, "sipPassword": pw } }),
    )
    .unwrap();
    assert!(env().bolna.password_matches(&format!("Bolna {label2}"), pw));

    assert_eq!(
        t.invoke("forget_bolna", json!({})).unwrap(),
        json!({ "stored": false })
    );
    assert!(t.keychain.get("bolna-api-key").unwrap().is_none());
}
