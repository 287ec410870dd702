//! The stale-plan check, run alongside a run's first steps.
//!
//! A run may send the steps that depend on nothing and that a rollback undoes exactly (see
//! [`speculative`]) while the check is still reading the account. The account the check reads
//! may then already hold what those steps made, so the check compares the plan's fingerprint
//! with the account *as it would be without this run*: every resource a step of this run
//! created is left out, and a number this run attached is seen as it was (on no trunk: Twilio
//! refuses to attach a number that is on a trunk already). The comparison waits until no create
//! is in flight, so the SID of everything this run made is known; a number attachment still in
//! flight is counted as made.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use sha2::{Digest, Sha256};
use switchboard_twilio::Client;

use super::events::Event;
use super::exec::{Outputs, resolve};
use super::find::find;
use super::journal::{Journal, StepState};
use super::live::{self, Known};
use super::plan::Plan;
use super::run::ApplyError;
use super::run::outputs;
use super::step::{Op, Step};
use super::teardown;
use crate::spec::Spec;

/// What the check read.
pub(crate) enum Observed {
    /// The fingerprint itself (a teardown plan, whose steps all wait for the check).
    Fingerprint(String),
    /// The live snapshot, as JSON, still to be compared.
    Live(Value),
}

impl Observed {
    /// The fingerprint of what was read, as it is.
    pub fn fingerprint(self) -> String {
        match self {
            Observed::Fingerprint(f) => f,
            Observed::Live(v) => fingerprint_of(&v),
        }
    }
}

/// What the check needs from the plan (owned, so the run can go on while it reads).
pub(crate) struct CheckInput {
    pub teardown: Option<String>,
    pub spec: Option<Spec>,
    pub known: Known,
}

impl CheckInput {
    /// What `plan`'s check reads; `hints_only` as in [`Known::hints_only`].
    pub fn of(plan: &Plan, hints_only: bool) -> Result<CheckInput, ApplyError> {
        Ok(CheckInput {
            teardown: plan.teardown.clone(),
            spec: match &plan.teardown {
                Some(_) => None,
                None => Some(plan.spec().map_err(|e| ApplyError::Spec(e.to_string()))?),
            },
            known: Known {
                hints_only,
                ..plan.known.clone()
            },
        })
    }
}

/// Before undoing a run that stopped before its check passed: decides, for each first-wave step
/// it recorded as started but never recorded a result for, whether what the account has in its
/// place (found by name, as a rollback finds it) was made by this run. The check's own read is
/// the proof: when the account without this run's recorded work *and* those finds is exactly as
/// the plan saw it, they are this run's (marked done, so the rollback undoes them). Otherwise
/// the plan was stale as well, and a resource of that name may be someone else's: it is left in
/// place and the rollback says so, rather than deleting what may not be ours.
pub(crate) async fn settle_unchecked(
    j: &mut Journal,
    client: &Client,
    events: &mut (dyn FnMut(&Event) + Send),
) -> Result<(), ApplyError> {
    let out = outputs(j);
    let mut found: Vec<(usize, String)> = vec![];
    for (id, step) in j.plan.steps.iter().enumerate() {
        let Some(op) = &step.op else { continue };
        // Creates sent before the check are recorded as started first; number attachments
        // are not (they go out as fast as the creates' records would allow), so a pending one
        // may have been sent too.
        let maybe_sent = match j.steps[id] {
            StepState::Started => true,
            StepState::Pending => matches!(op, Op::AttachNumber { .. }),
            _ => false,
        };
        if !maybe_sent || !speculative(step) {
            continue;
        }
        match find(client, op, &out).await {
            Ok(Some(sid)) => found.push((id, sid)),
            Ok(None) => {}
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e.into()),
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    let observed = observe(&CheckInput::of(&j.plan, true)?, client).await?;
    let mut trial = out.clone();
    trial.extend(found.iter().filter(|(_, s)| !s.is_empty()).cloned());
    let ids: HashSet<usize> = found.iter().map(|(id, _)| *id).collect();
    let this_run = ThisRun::of(
        &j.plan.steps,
        |i| ids.contains(&i) || matches!(j.steps[i], StepState::Done { .. }),
        &trial,
    );
    if this_run.fingerprint_without(observed) == j.plan.fingerprint {
        for (id, sid) in found {
            j.mark_done(id, Some(sid));
        }
    } else {
        for (id, sid) in found {
            leave_in_place(
                j,
                id,
                &sid,
                "the account has changed since the plan was made",
                events,
            );
        }
    }
    Ok(())
}

fn leave_in_place(
    j: &mut Journal,
    id: usize,
    sid: &str,
    why: &str,
    events: &mut (dyn FnMut(&Event) + Send),
) {
    let what = match sid.is_empty() {
        true => String::new(),
        false => format!(" ({sid})"),
    };
    let reason = format!(
        "left in place: the run stopped before it checked the account, and {why}, so what \
         \"{}\" would have made{what} may be someone else's; remove it yourself if it was this \
         run's",
        j.plan.steps[id].description
    );
    events(&Event::StepSkipped {
        id,
        reason: reason.clone(),
    });
    j.steps[id] = StepState::NotRestored { reason };
}

/// Reads the account the way the plan did.
pub(crate) async fn observe(input: &CheckInput, client: &Client) -> Result<Observed, ApplyError> {
    match (&input.teardown, &input.spec) {
        (Some(trunk), _) => Ok(Observed::Fingerprint(
            teardown::fingerprint_now(client, trunk).await?,
        )),
        (None, Some(spec)) => {
            let live = live::read_known(spec, client, &input.known).await?;
            Ok(Observed::Live(
                serde_json::to_value(&live).map_err(|e| ApplyError::Spec(e.to_string()))?,
            ))
        }
        (None, None) => Err(ApplyError::Spec("the plan has no spec".into())),
    }
}

/// [`observe`] on a task of its own, so that parsing the account's pages (a thousand numbers
/// each) runs beside the run's scheduler instead of stalling it; stopped if the run drops it.
pub(crate) fn observe_in_background(
    input: CheckInput,
    client: &Client,
) -> impl std::future::Future<Output = Result<Observed, ApplyError>> + Send + 'static {
    let client = client.clone();
    let task = AbortOnDrop(tokio::spawn(async move { observe(&input, &client).await }));
    async move {
        let mut task = task;
        match (&mut task.0).await {
            Ok(r) => r,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => Err(ApplyError::Spec(format!("the account check stopped: {e}"))),
        }
    }
}

/// A spawned task that is aborted when its handle is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// SHA-256 of a snapshot's JSON (keys in the order `serde_json::Value` keeps them, so a
/// snapshot and its filtered copy hash alike).
pub(crate) fn fingerprint_of(v: &Value) -> String {
    let bytes = serde_json::to_vec(v).unwrap_or_default();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `step` may be sent before the stale-plan check has finished: it depends on nothing,
/// and undoing it needs nothing read beforehand. A create is undone by deleting what it made;
/// attaching a number is refused by Twilio when the number is on a trunk already, so when it
/// succeeds, detaching it restores the account exactly. Updates, removals and list links wait.
pub(crate) fn speculative(step: &Step) -> bool {
    step.depends_on.is_empty()
        && step
            .op
            .as_ref()
            .is_some_and(|op| op.creates() || matches!(op, Op::AttachNumber { .. }))
}

/// What this run's finished steps changed: the SIDs they created, and the numbers they
/// attached (number SID → trunk SID).
pub(crate) struct ThisRun {
    pub created: HashSet<String>,
    pub attached: HashMap<String, String>,
}

impl ThisRun {
    /// `done` says which steps of this run finished; `outputs` holds the SIDs they returned.
    pub fn of(steps: &[Step], done: impl Fn(usize) -> bool, outputs: &Outputs) -> ThisRun {
        let mut created = HashSet::new();
        let mut attached = HashMap::new();
        for s in steps.iter().filter(|s| done(s.id)) {
            match &s.op {
                Some(op) if op.creates() => {
                    if let Some(sid) = outputs.get(&s.id) {
                        created.insert(sid.clone());
                    }
                }
                Some(Op::AttachNumber {
                    trunk, number_sid, ..
                }) => {
                    if let Ok(t) = resolve(trunk, outputs) {
                        attached.insert(number_sid.clone(), t);
                    }
                }
                _ => {}
            }
        }
        ThisRun { created, attached }
    }

    /// The fingerprint of `observed` without what this run did.
    pub fn fingerprint_without(&self, mut observed: Observed) -> String {
        if let Observed::Live(v) = &mut observed {
            self.strip(v);
        }
        observed.fingerprint()
    }

    /// True when `v` is, or names at its top level, a resource this run created.
    fn ours(&self, v: &Value) -> bool {
        match v {
            Value::String(s) => self.created.contains(s),
            Value::Object(o) => o
                .get("sid")
                .and_then(Value::as_str)
                .is_some_and(|s| self.created.contains(s)),
            Value::Array(a) => a
                .iter()
                .any(|x| x.as_str().is_some_and(|s| self.created.contains(s))),
            _ => false,
        }
    }

    fn strip(&self, v: &mut Value) {
        match v {
            Value::Array(a) => {
                a.retain(|x| !self.ours(x));
                a.iter_mut().for_each(|x| self.strip(x));
            }
            Value::Object(o) => {
                if let Some(trunk) = o
                    .get("sid")
                    .and_then(Value::as_str)
                    .and_then(|s| self.attached.get(s))
                    && o.get("trunk_sid").and_then(Value::as_str) == Some(trunk.as_str())
                {
                    o.insert("trunk_sid".into(), Value::Null);
                }
                o.retain(|k, _| !self.created.contains(k));
                for x in o.values_mut() {
                    if self.ours(x) {
                        *x = Value::Null;
                    } else {
                        self.strip(x);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(created: &[&str], attached: &[(&str, &str)]) -> ThisRun {
        ThisRun {
            created: created.iter().map(|s| s.to_string()).collect(),
            attached: attached
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn what_this_run_made_is_left_out_and_nothing_else() {
        let planned = json!({"elastic_trunk": {
            "trunks": [{"sid": "TK1", "name": "Old"}],
            "trunk": null,
            "lists": {"acls": [{"sid": "AL1", "name": "A"}], "acl_entries": {"AL1": [
                {"ip": "10.0.0.1", "prefix": 32, "sid": "IP1", "friendly_name": "a"}]},
                "credential_lists": [], "usernames": {"CL1": [["alice", "CR1"]]}},
            "numbers": [{"sid": "PN1", "number": "+1", "trunk_sid": null}],
            "service": null
        }});
        let mut now = json!({"elastic_trunk": {
            "trunks": [{"sid": "TK1", "name": "Old"}, {"sid": "TK9", "name": "New"}],
            "trunk": {"sid": "TK9", "fields": {}},
            "lists": {"acls": [{"sid": "AL1", "name": "A"}, {"sid": "AL9", "name": "B"}],
                "acl_entries": {"AL1": [
                    {"ip": "10.0.0.1", "prefix": 32, "sid": "IP1", "friendly_name": "a"},
                    {"ip": "10.0.0.2", "prefix": 32, "sid": "IP9", "friendly_name": "b"}],
                    "AL9": []},
                "credential_lists": [], "usernames": {"CL1": [["alice", "CR1"], ["bob", "CR9"]]}},
            "numbers": [{"sid": "PN1", "number": "+1", "trunk_sid": "TK1"}],
            "service": "ZS9"
        }});
        let r = run(&["TK9", "AL9", "IP9", "CR9", "ZS9"], &[("PN1", "TK1")]);
        r.strip(&mut now);
        assert_eq!(now, planned);
        assert_eq!(fingerprint_of(&now), fingerprint_of(&planned));
    }

    #[test]
    fn a_change_by_someone_else_still_shows() {
        let planned = json!({"trunks": [{"sid": "TK1", "name": "Old"}],
            "numbers": [{"sid": "PN1", "trunk_sid": null}]});
        // Someone made a trunk of the same name, and put the number on another trunk.
        let mut now = json!({"trunks": [{"sid": "TK1", "name": "Old"}, {"sid": "TK8", "name": "New"}],
            "numbers": [{"sid": "PN1", "trunk_sid": "TK7"}]});
        run(&["TK9"], &[("PN1", "TK1")]).strip(&mut now);
        assert_ne!(fingerprint_of(&now), fingerprint_of(&planned));
    }
}
