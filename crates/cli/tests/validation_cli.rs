//! `switchboard number check` and `switchboard dialplan check|dial`, run as the built binary:
//! output shapes, exit statuses (0 ok, 1 failed, 2 usage) and the sample plan's meaning.

use std::process::{Command, Output};

use serde_json::Value;

const SAMPLE: &str = "(911|933|1[2-9]xxxxxxxxx|0111[2-9]xxxxxxxxx|[2-9]xxxxxxxxx)";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .output()
        .expect("the switchboard binary runs")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

#[test]
fn number_check_e164_text() {
    let o = run(&["number", "check", "+44 20 7946 0958"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("+442079460958"), "{}", stdout(&o));
    assert!(stdout(&o).contains("GB, fixed line"), "{}", stdout(&o));
}

#[test]
fn number_check_national_with_region_json() {
    let o = run(&["number", "check", "2079460958", "--region", "GB", "--json"]);
    assert_eq!(code(&o), 0);
    let v = &json_lines(&o)[0];
    assert_eq!(v["input"], "2079460958");
    assert_eq!(v["valid"], true);
    assert_eq!(v["e164"], "+442079460958");
    assert_eq!(v["region"], "GB");
    assert_eq!(v["type"], "fixed_line");
    assert_eq!(v["error"], Value::Null);
}

#[test]
fn number_check_without_region_fails_with_an_explanation() {
    let o = run(&["number", "check", "2079460958", "--json"]);
    assert_eq!(code(&o), 1);
    let v = &json_lines(&o)[0];
    assert_eq!(v["valid"], false);
    assert!(
        v["error"]
            .as_str()
            .unwrap()
            .contains("no country code: choose a region"),
        "{v}"
    );
    // The CLI's own words: the flag that fixes it, with the region that makes the number valid.
    assert!(v["error"].as_str().unwrap().contains("--region GB"), "{v}");
    assert_eq!(v["no_country_code"][0]["e164"], "+12079460958", "{v}");
    let o = run(&["number", "check", "020 7946 0958"]);
    assert!(
        stdout(&o).contains("no country code: choose a region (--region GB"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn number_check_file_gives_one_result_per_line() {
    let path = std::env::temp_dir().join(format!("switchboard-dids-{}.csv", std::process::id()));
    std::fs::write(
        &path,
        "number,label\n+14155552671,SF\n+44 20 79,short\n\"+33 1 23 45 67 89\",Paris\n",
    )
    .unwrap();
    let o = run(&[
        "number",
        "check",
        "--file",
        path.to_str().unwrap(),
        "--json",
    ]);
    std::fs::remove_file(&path).ok();
    assert_eq!(code(&o), 1, "one number is invalid");
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3, "{}", stdout(&o));
    assert_eq!(lines[0]["e164"], "+14155552671");
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("too short for GB")
    );
    assert_eq!(lines[2]["region"], "FR");
}

#[test]
fn number_check_usage_errors_exit_2() {
    assert_eq!(code(&run(&["number", "check"])), 2);
    assert_eq!(code(&run(&["number", "check", "123", "--region", "XX"])), 2);
    assert_eq!(
        code(&run(&[
            "number",
            "check",
            "--file",
            "/nonexistent/dids.csv"
        ])),
        2
    );
}

#[test]
fn dialplan_check_sample() {
    let o = run(&["dialplan", "check", SAMPLE, "--json"]);
    assert_eq!(code(&o), 0);
    let v = &json_lines(&o)[0];
    assert_eq!(v["valid"], true);
    assert_eq!(v["errors"], serde_json::json!([]));
    let lints = v["lints"].as_array().unwrap();
    assert!(
        lints
            .iter()
            .any(|l| l["code"] == "emergency-delayed" && l["severity"] == "warning"),
        "{v}"
    );
    assert!(
        lints
            .iter()
            .all(|l| l["message"].as_str().is_some_and(|m| !m.is_empty()))
    );
    let text = run(&["dialplan", "check", SAMPLE]);
    assert!(
        stdout(&text).contains("valid cisco dial plan with 5 rules"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn dialplan_check_reports_column() {
    let o = run(&["dialplan", "check", "(911|[9-2]x)", "--json"]);
    assert_eq!(code(&o), 1);
    let v = &json_lines(&o)[0];
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"][0]["column"], 9);
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("runs backwards")
    );
    let text = run(&["dialplan", "check", "(911|[9-2]x)"]);
    assert_eq!(code(&text), 1);
    assert!(String::from_utf8_lossy(&text.stderr).contains("column 9"));
}

#[test]
fn dialplan_dial_outcomes() {
    let o = run(&["dialplan", "dial", SAMPLE, "12125551234", "--json"]);
    assert_eq!(code(&o), 0);
    let v = &json_lines(&o)[0];
    assert_eq!(
        (v["outcome"].as_str(), v["rule"].as_u64()),
        (Some("match"), Some(3))
    );
    assert_eq!(
        (v["sent"].as_str(), v["e164"].as_str()),
        (Some("12125551234"), Some("+12125551234"))
    );

    let o = run(&["dialplan", "dial", SAMPLE, "01112125551234", "--json"]);
    assert_eq!(json_lines(&o)[0]["e164"], "+12125551234");

    let o = run(&["dialplan", "dial", SAMPLE, "911", "--json"]);
    assert_eq!(code(&o), 0);
    let v = &json_lines(&o)[0];
    assert_eq!(
        (v["rule"].as_u64(), v["e164"].clone(), v["kind"].as_str()),
        (Some(1), Value::Null, Some("emergency"))
    );
    let text = run(&["dialplan", "dial", SAMPLE, "911"]);
    assert!(
        stdout(&text).contains("emergency number 911"),
        "{}",
        stdout(&text)
    );

    let o = run(&["dialplan", "dial", SAMPLE, "1212", "--json"]);
    assert_eq!(
        (code(&o), json_lines(&o)[0]["outcome"].as_str()),
        (1, Some("partial"))
    );
    let o = run(&["dialplan", "dial", SAMPLE, "10", "--json"]);
    assert_eq!(
        (code(&o), json_lines(&o)[0]["outcome"].as_str()),
        (1, Some("none"))
    );
    let o = run(&[
        "dialplan",
        "dial",
        "(1900xxxxxxx!|1xxxxxxxxxx)",
        "19005551234",
        "--json",
    ]);
    assert_eq!(
        (
            code(&o),
            json_lines(&o)[0]["outcome"].as_str(),
            json_lines(&o)[0]["rule"].as_u64()
        ),
        (1, Some("barred"), Some(1))
    );
}

#[test]
fn dialplan_dial_grandstream_and_other_countries() {
    let o = run(&[
        "dialplan",
        "dial",
        "{ <=1>[2-9]xxxxxxxxx | 911 }",
        "2125551234",
        "--json",
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(json_lines(&o)[0]["sent"], "12125551234");
    let o = run(&[
        "dialplan",
        "dial",
        "(999|0xxxxxxxxxx|00x.)",
        "02079460958",
        "--country",
        "GB",
        "--json",
    ]);
    assert_eq!(json_lines(&o)[0]["e164"], "+442079460958");
    assert_eq!(
        code(&run(&["dialplan", "dial", SAMPLE, "12a"])),
        2,
        "letters cannot be dialled"
    );
    assert_eq!(
        code(&run(&["dialplan", "dial", "(911", "911"])),
        2,
        "a broken plan is a usage error"
    );
    assert_eq!(
        code(&run(&[
            "dialplan",
            "dial",
            SAMPLE,
            "911",
            "--country",
            "ZZ"
        ])),
        2
    );
}
