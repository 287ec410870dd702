//! Apply benchmark against the sandbox with 50 ms of latency per request and a concurrency cap
//! of 100 (run: `cargo bench -p switchboard-core --bench apply`). Prints:
//! (a) an Elastic trunk with 2 ACLs × 4 IPs, a credential list, 2 origination URLs and 10
//!     numbers: apply wall time and its ratio to the floor (DAG depth × latency);
//! (b) associating 1,000 numbers with a trunk: ratio to ⌈1000 / 100⌉ × latency.
//! The apply time includes the stale-plan check (one round of reads), which the floor does not;
//! the figures are printed both with and without it. (a) runs against the seeded demo sandbox.
//! For (b) the in-memory sandbox is given 1,000 free numbers with `Sandbox::add_numbers`.
//! The same scenarios are then run by `bench/sdk_baseline.py` (the official Python SDK, one call
//! after another) against a fresh sandbox with the same faults, and the ratios are printed. The
//! interpreter is `$SWITCHBOARD_BENCH_PYTHON` (default `python3`); it needs `pip install twilio`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use switchboard_core::engine::{ApplyOptions, Event, GeneratedPasswords, StateDir, apply, plan};
use switchboard_core::spec::Spec;
use switchboard_sandbox::{Faults, Sandbox, SandboxConfig};
use switchboard_twilio::{Client, Credentials, Endpoints, RetryPolicy, Secret};

const LATENCY_MS: u64 = 50;
const CAP: usize = 100;
/// Ten free numbers of the seeded demo account (crates/sandbox/src/seed.rs).
const SEEDED: [&str; 10] = [
    "+12125552368",
    "+13125557412",
    "+16175553049",
    "+13105559032",
    "+14165553287",
    "+16045558832",
    "+15145556671",
    "+442079460958",
    "+441614960123",
    "+447400123456",
];

fn number(i: usize) -> String {
    format!("+1312555{:04}", 1000 + i)
}

/// A demo sandbox with 1,000 more free numbers, +1 312 555 1000 to 1999.
async fn with_thousand_numbers() -> Sandbox {
    let sb = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let numbers: Vec<String> = (0..1000).map(number).collect();
    sb.add_numbers(&numbers).expect("1,000 numbers added");
    sb
}

fn client(sb: &Sandbox) -> Client {
    let creds =
        Credentials::auth_token(sb.account_sid(), Secret::new(sb.auth_token())).expect("sid");
    Client::builder(creds)
        .endpoints(Endpoints::single(&sb.base_url()))
        .max_concurrency(CAP)
        .retry(RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(20),
            max_delay: Duration::from_secs(2),
        })
        .build()
        .expect("client")
}

fn trunk_spec(numbers: &[String], with_lists: bool) -> Spec {
    let lists = if with_lists {
        r#"
[[ip_acls]]
name = "Bench EU"
addresses = ["52.215.127.10", "52.215.127.11", "52.215.127.12", "52.215.127.13"]
[[ip_acls]]
name = "Bench US"
addresses = ["54.172.60.0/30", "54.172.60.4/30", "54.172.60.8/30", "54.172.60.12/30"]
[[credential_lists]]
name = "Bench users"
usernames = ["bench-pbx"]
[[origination_urls]]
name = "primary"
sip_url = "sip:pbx1.bench-corp.com:5060"
[[origination_urls]]
name = "backup"
sip_url = "sip:pbx2.bench-corp.com:5060"
priority = 20
"#
    } else {
        ""
    };
    let nums: Vec<String> = numbers.iter().map(|n| format!("\"{n}\"")).collect();
    Spec::from_toml_str(&format!(
        "version = 1\nkind = \"elastic_trunk\"\nname = \"{name}\"\ntermination_domain = \"{label}.pstn.twilio.com\"\nnumbers = [{}]\n{lists}",
        nums.join(", "),
        name = if with_lists { "Bench A" } else { "Bench B" },
        label = if with_lists { "bench-a" } else { "bench-b" },
    ))
    .expect("bench spec")
}

async fn run(client: &Client, spec: &Spec, state: &StateDir) -> (Duration, Duration, usize, usize) {
    let t0 = Instant::now();
    let p = plan(spec, client).await.expect("plan");
    let planned = t0.elapsed();
    let depth = p.depth();
    let changes = p.changes().count();
    let mut opts = ApplyOptions::new(
        state.clone(),
        Arc::new(GeneratedPasswords(|_: &str, _: &str, _: &Secret| {})),
    );
    opts.concurrency = CAP;
    let t1 = Instant::now();
    apply(p, client, &opts, &mut |_: &Event| {})
        .await
        .expect("apply");
    (planned, t1.elapsed(), depth, changes)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let sb = with_thousand_numbers().await;
        let faults = Faults { latency_ms: LATENCY_MS, max_concurrency: Some(CAP), ..Faults::default() };
        sb.set_faults(faults);
        let c = client(&sb);
        let state = StateDir(dir.path().join("state"));
        let lat = Duration::from_millis(LATENCY_MS);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;

        let seeded = Sandbox::start(SandboxConfig::default()).await.expect("seeded sandbox");
        seeded.set_faults(Faults { latency_ms: LATENCY_MS, max_concurrency: Some(CAP), ..Faults::default() });
        let ten: Vec<String> = SEEDED.iter().map(|s| s.to_string()).collect();
        let (planned, took, depth, changes) = run(&client(&seeded), &trunk_spec(&ten, true), &state).await;
        seeded.shutdown().await;
        let rust_a = planned + took;
        let floor = lat * depth as u32;
        println!("(a) elastic trunk, 2 ACLs x 4 IPs, 1 credential list, 2 origination URLs, 10 numbers");
        println!("    {changes} changes, DAG depth {depth}; plan {:.0} ms", ms(planned));
        println!(
            "    apply {:.0} ms; floor {:.0} ms; ratio {:.2} (with the stale-plan read counted in the floor: {:.2})",
            ms(took),
            ms(floor),
            ms(took) / ms(floor),
            ms(took) / ms(floor + lat)
        );

        let thousand: Vec<String> = (0..1000).map(number).collect();
        let empty = trunk_spec(&[], false);
        run(&c, &empty, &state).await;
        let (planned, took, depth, changes) = run(&c, &trunk_spec(&thousand, false), &state).await;
        let floor = lat * 1000u32.div_ceil(CAP as u32);
        println!("(b) associate 1,000 numbers with an existing trunk");
        println!("    {changes} changes, DAG depth {depth}; plan {:.0} ms", ms(planned));
        println!(
            "    apply {:.0} ms; floor {:.0} ms; ratio {:.2} (with the stale-plan read counted in the floor: {:.2})",
            ms(took),
            ms(floor),
            ms(took) / ms(floor),
            ms(took) / ms(floor + lat)
        );
        let rust_b = planned + took;
        sb.shutdown().await;
        let sdk_a = Sandbox::start(SandboxConfig::default()).await.expect("seeded sandbox for the SDK");
        sdk_a.set_faults(Faults { latency_ms: LATENCY_MS, max_concurrency: Some(CAP), ..Faults::default() });
        let sdk = with_thousand_numbers().await;
        sdk.set_faults(Faults { latency_ms: LATENCY_MS, max_concurrency: Some(CAP), ..Faults::default() });
        let python = std::env::var("SWITCHBOARD_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/sdk_baseline.py");
        let out = tokio::process::Command::new(&python)
            .args([script, &sdk_a.base_url(), &sdk.base_url(), sdk.account_sid(), sdk.auth_token()])
            .output()
            .await;
        match out {
            Ok(o) if o.status.success() => {
                let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the script prints JSON");
                let (a, b) = (v["a_ms"].as_f64().unwrap_or(0.0), v["b_ms"].as_f64().unwrap_or(0.0));
                println!("Python SDK, one call after another (same sandbox settings):");
                println!("    (a) {a:.0} ms: Switchboard plan + apply is {:.1}x faster", a / ms(rust_a));
                println!("    (b) {b:.0} ms: Switchboard plan + apply is {:.1}x faster", b / ms(rust_b));
            }
            Ok(o) => println!(
                "Python SDK baseline failed ({}): {}",
                o.status,
                String::from_utf8_lossy(&o.stderr).lines().last().unwrap_or_default()
            ),
            Err(e) => println!("Python SDK baseline not run: {python}: {e}"),
        }
        sdk.shutdown().await;
    });
}
