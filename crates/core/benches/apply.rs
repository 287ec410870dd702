//! Apply benchmark against the sandbox with 50 ms of latency per request and a concurrency cap
//! of 100 (run: `cargo bench -p switchboard-core --bench apply`). Prints:
//! (a) an Elastic trunk with 2 ACLs × 4 IPs, a credential list, 2 origination URLs and 10
//!     numbers: apply wall time and its ratio to the floor (DAG depth × latency);
//! (b) associating 1,000 numbers with a trunk: ratio to ⌈1000 / 100⌉ × latency.
//! The apply time includes the stale-plan check, which the floor leaves out. The check reads
//! while the first steps go out (only creates and number attachments, which a rollback undoes
//! exactly; everything else waits for it), so on these two plans it adds no round trip. Each
//! scenario runs `RUNS` times (default 5) on a fresh account; the bench prints the median
//! apply / floor and the steps alone / floor, with the apply split into before the first step,
//! steps, and after, and the check's time when read alone. (a) runs against the seeded demo
//! sandbox.
//! For (b) the in-memory sandbox is given 1,000 free numbers with `Sandbox::add_numbers`.
//! The same scenarios are then run by `bench/sdk_baseline.py` (the official Python SDK, one call
//! after another) against a fresh sandbox with the same faults, and the ratios are printed. The
//! interpreter is `$SWITCHBOARD_BENCH_PYTHON` (default `python3`); it needs `pip install twilio`.
//! `BENCH_STATE_IN=<dir>` puts the run journal there (default: the temp dir).

use std::sync::Arc;
use std::time::{Duration, Instant};

use switchboard_core::engine::{
    ApplyOptions, Event, GeneratedPasswords, StateDir, apply, fingerprint_now as read_check, plan,
};
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

/// One plan + apply, with where the apply's time went.
struct Run {
    plan: Duration,
    apply: Duration,
    depth: usize,
    changes: usize,
    /// Apply start → first request of a step: lock, stale-plan check, journal written.
    before_steps: Duration,
    /// First step sent → last step reported (recorded in the journal on disk).
    steps: Duration,
    /// Last step reported → apply returned.
    after_steps: Duration,
    /// The same read as the stale-plan check, timed alone just before the apply.
    check: Duration,
    /// CPU time the whole process (engine, client, journal writer and the in-process sandbox)
    /// used during the apply.
    cpu: Duration,
}

/// CPU time used so far by every thread of this process.
fn process_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

async fn run(client: &Client, spec: &Spec, state: &StateDir) -> Run {
    let t0 = Instant::now();
    let p = plan(spec, client).await.expect("plan");
    let planned = t0.elapsed();
    let depth = p.depth();
    let changes = p.changes().count();
    let c0 = Instant::now();
    let _ = read_check(&p, client).await.expect("check read");
    let check = c0.elapsed();
    let mut opts = ApplyOptions::new(
        state.clone(),
        Arc::new(GeneratedPasswords(|_: &str, _: &str, _: &Secret| {})),
    );
    opts.concurrency = CAP;
    let cpu0 = process_cpu();
    let t1 = Instant::now();
    let (mut first, mut last) = (None, t1);
    apply(p, client, &opts, &mut |e: &Event| match e {
        Event::StepStarted { .. } if first.is_none() => first = Some(Instant::now()),
        Event::StepSucceeded { .. } => last = Instant::now(),
        _ => {}
    })
    .await
    .expect("apply");
    let end = Instant::now();
    let cpu = process_cpu() - cpu0;
    let first = first.unwrap_or(t1);
    Run {
        plan: planned,
        apply: end - t1,
        depth,
        changes,
        before_steps: first - t1,
        steps: last.saturating_duration_since(first),
        after_steps: end.saturating_duration_since(last),
        check,
        cpu,
    }
}

/// The run with the median apply time, with the median plan time (taken on its own: the first
/// plan of a process also loads the phone-number metadata once).
fn median(mut runs: Vec<Run>) -> Run {
    let mut plans: Vec<Duration> = runs.iter().map(|r| r.plan).collect();
    plans.sort();
    runs.sort_by_key(|r| r.apply);
    let mid = runs.len() / 2;
    let mut r = runs.swap_remove(mid);
    r.plan = plans[mid];
    r
}

/// Runs the bench `RUNS` times (default 5).
fn runs() -> usize {
    std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5)
        .max(1)
}

/// Prints the figures. `check_trips` is the least number of round trips the stale-plan check
/// takes when read alone: one wave of reads, except that the account's numbers come in pages of
/// at most 1,000 that can only be read one after another (each page names the next).
fn report(r: &Run, floor: Duration, check_trips: u32, goal: f64, n: usize) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "    {} changes, DAG depth {}; plan {:.0} ms (median)",
        r.changes,
        r.depth,
        ms(r.plan)
    );
    println!(
        "    apply (median of {n}) {:.0} ms = {:.0} ms before the first step (lock; journal \
         written) + {:.0} ms of steps (first request to last step recorded on disk; the \
         stale-plan check, {:.0} ms and {check_trips} round trip(s) when read alone, runs \
         alongside the first steps) + {:.0} ms after",
        ms(r.apply),
        ms(r.before_steps),
        ms(r.steps),
        ms(r.check),
        ms(r.after_steps),
    );
    println!(
        "    CPU used during the apply (engine, client, journal and the in-process sandbox, on \
         {} cores): {:.0} ms",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        ms(r.cpu),
    );
    println!(
        "    floor = DAG depth x latency = {:.0} ms. apply / floor = {:.2} (goal <= {goal}); \
         steps / floor = {:.2}",
        ms(floor),
        ms(r.apply) / ms(floor),
        ms(r.steps) / ms(floor),
    );
}

/// Round trips the stale-plan check needs at least on `sb`'s account (see [`report`]).
fn check_trips(sb: &Sandbox) -> u32 {
    let numbers = sb.state_json()["phone_numbers"]
        .as_array()
        .map(Vec::len)
        .unwrap_or(0) as u32;
    numbers.div_ceil(1000).max(1)
}

/// `$SWITCHBOARD_BENCH_PYTHON` (a relative path is taken from the workspace root, since
/// `cargo bench` runs in the crate's directory), else `python3`.
fn python() -> String {
    let Ok(p) = std::env::var("SWITCHBOARD_BENCH_PYTHON") else {
        return "python3".into();
    };
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    if std::path::Path::new(&p).is_relative() && std::path::Path::new(root).join(&p).exists() {
        return format!("{root}{p}");
    }
    p
}

fn main() {
    // The journal's directory: `BENCH_STATE_IN=/dev/shm` leaves the disk's fsync out.
    let dir = match std::env::var("BENCH_STATE_IN") {
        Ok(d) => tempfile::tempdir_in(d),
        Err(_) => tempfile::tempdir(),
    }
    .expect("tempdir");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let sb = with_thousand_numbers().await;
        let faults = Faults {
            latency_ms: LATENCY_MS,
            max_concurrency: Some(CAP),
            ..Faults::default()
        };
        sb.set_faults(faults);
        let c = client(&sb);
        let state = StateDir(dir.path().join("state"));
        let lat = Duration::from_millis(LATENCY_MS);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;

        let seeded = Sandbox::start(SandboxConfig::default())
            .await
            .expect("seeded sandbox");
        seeded.set_faults(Faults {
            latency_ms: LATENCY_MS,
            max_concurrency: Some(CAP),
            ..Faults::default()
        });
        let ten: Vec<String> = SEEDED.iter().map(|s| s.to_string()).collect();
        let n = runs();
        let mut all = vec![];
        for _ in 0..n {
            seeded.reset();
            all.push(run(&client(&seeded), &trunk_spec(&ten, true), &state).await);
        }
        let a = median(all);
        let trips_a = check_trips(&seeded);
        seeded.shutdown().await;
        let rust_a = a.plan + a.apply;
        println!(
            "(a) elastic trunk, 2 ACLs x 4 IPs, 1 credential list, 2 origination URLs, 10 numbers"
        );
        report(&a, lat * a.depth as u32, trips_a, 1.25, n);

        let thousand: Vec<String> = (0..1000).map(number).collect();
        let empty = trunk_spec(&[], false);
        let mut all = vec![];
        for i in 0..n {
            if i > 0 {
                sb.reset();
                sb.add_numbers(&thousand).expect("1,000 numbers added");
            }
            run(&c, &empty, &state).await;
            all.push(run(&c, &trunk_spec(&thousand, false), &state).await);
        }
        let b = median(all);
        println!("(b) associate 1,000 numbers with an existing trunk");
        report(
            &b,
            lat * 1000u32.div_ceil(CAP as u32),
            check_trips(&sb),
            1.2,
            n,
        );
        let rust_b = b.plan + b.apply;
        sb.shutdown().await;
        let sdk_a = Sandbox::start(SandboxConfig::default())
            .await
            .expect("seeded sandbox for the SDK");
        sdk_a.set_faults(Faults {
            latency_ms: LATENCY_MS,
            max_concurrency: Some(CAP),
            ..Faults::default()
        });
        let sdk = with_thousand_numbers().await;
        sdk.set_faults(Faults {
            latency_ms: LATENCY_MS,
            max_concurrency: Some(CAP),
            ..Faults::default()
        });
        let python = python();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/sdk_baseline.py");
        let out = tokio::process::Command::new(&python)
            .args([
                script,
                &sdk_a.base_url(),
                &sdk.base_url(),
                sdk.account_sid(),
                sdk.auth_token(),
            ])
            .output()
            .await;
        match out {
            Ok(o) if o.status.success() => {
                let v: serde_json::Value =
                    serde_json::from_slice(&o.stdout).expect("the script prints JSON");
                let (a, b) = (
                    v["a_ms"].as_f64().unwrap_or(0.0),
                    v["b_ms"].as_f64().unwrap_or(0.0),
                );
                println!("Python SDK, one call after another (same sandbox settings):");
                println!(
                    "    (a) {a:.0} ms: Switchboard plan + apply is {:.1}x faster",
                    a / ms(rust_a)
                );
                println!(
                    "    (b) {b:.0} ms: Switchboard plan + apply is {:.1}x faster",
                    b / ms(rust_b)
                );
            }
            Ok(o) => println!(
                "Python SDK baseline failed ({}): {}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or_default()
            ),
            Err(e) => println!("Python SDK baseline not run: {python}: {e}"),
        }
        sdk.shutdown().await;
    });
}
