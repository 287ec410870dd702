//! `plan(spec, client)`: validate the spec, read the live account, and turn the difference into
//! a DAG of [`Step`]s. A spec that is already applied gives a plan whose steps are all
//! `satisfied`. The plan carries the fingerprint of what it read so `apply` can refuse it if
//! Twilio changed in between.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use switchboard_twilio::Client;

use super::live::{self, Known, Live};
use super::step::{Op, Step, StepId, StepKind};
use crate::spec::{SPEC_VERSION, Spec};
use crate::validate::{Issue, has_errors};

/// A reviewed list of changes for one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub account_sid: String,
    /// What the plan is for ("Elastic SIP trunk 'Acme'").
    pub title: String,
    /// SHA-256 of the live state the plan was built from.
    pub fingerprint: String,
    /// The spec, so `apply` can read the same live state again.
    pub spec: serde_json::Value,
    pub steps: Vec<Step>,
    /// The SIDs the plan was built around, so the stale-plan check reads in one wave.
    #[serde(default)]
    pub known: Known,
    /// Set for a [`teardown`](super::teardown()) plan: the trunk it removes (`spec` is null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teardown: Option<String>,
}

impl Plan {
    /// True when nothing needs to change.
    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|s| s.kind == StepKind::Satisfied)
    }

    /// Steps that will send a request.
    pub fn changes(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.op.is_some())
    }

    /// Length of the longest dependency chain of changing steps.
    pub fn depth(&self) -> usize {
        let mut depth = vec![0usize; self.steps.len()];
        for s in &self.steps {
            if s.op.is_some() {
                depth[s.id] = 1 + s.depends_on.iter().map(|d| depth[*d]).max().unwrap_or(0);
            }
        }
        depth.into_iter().max().unwrap_or(0)
    }

    /// `{"steps": [{"id", "kind", "description", "depends_on"}]}` for `plan --json`.
    pub fn summary_json(&self) -> serde_json::Value {
        let steps: Vec<serde_json::Value> = self
            .steps
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id, "kind": s.kind, "description": s.description,
                    "depends_on": s.depends_on,
                })
            })
            .collect();
        serde_json::json!({ "title": self.title, "fingerprint": self.fingerprint, "steps": steps })
    }

    /// The spec this plan was made from.
    pub fn spec(&self) -> Result<Spec, crate::spec::SpecError> {
        Spec::from_value(self.spec.clone())
    }
}

/// Why no plan could be made.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The spec has errors, or refers to things the account lacks (a number not on it).
    #[error("the spec has {} problem(s): {}", issues.len(), issues.iter().map(|i| format!("{}: {}", i.path, i.message)).collect::<Vec<_>>().join("; "))]
    Invalid { issues: Vec<Issue> },
    #[error(transparent)]
    Twilio(#[from] switchboard_twilio::Error),
}

/// Validates `spec`, reads the account and builds the plan.
pub async fn plan(spec: &Spec, client: &Client) -> Result<Plan, PlanError> {
    let issues = crate::spec::validate(spec);
    if has_errors(&issues) {
        return Err(PlanError::Invalid {
            issues: issues
                .into_iter()
                .filter(|i| i.severity == crate::validate::Severity::Error)
                .collect(),
        });
    }
    let live = live::read(spec, client).await?;
    build(spec, &live, client.account_sid().as_str())
}

/// The pure part: spec + snapshot → plan.
pub fn build(spec: &Spec, live: &Live, account_sid: &str) -> Result<Plan, PlanError> {
    let mut b = Builder::default();
    match (spec, live) {
        (Spec::ElasticTrunk(t), Live::ElasticTrunk(l)) => super::plan_elastic::build(&mut b, t, l)?,
        (Spec::Byoc(s), Live::Byoc(l)) => super::plan_more::build_byoc(&mut b, s, l)?,
        (Spec::SipDomain(s), Live::SipDomain(l)) => super::plan_more::build_domain(&mut b, s, l)?,
        _ => unreachable!("live::read returns the snapshot kind of its spec"),
    }
    b.flush_last();
    let mut spec_json = serde_json::to_value(spec).unwrap_or_default();
    if let Some(o) = spec_json.as_object_mut() {
        o.insert("version".into(), SPEC_VERSION.into());
    }
    Ok(Plan {
        account_sid: account_sid.to_string(),
        title: spec.title(),
        fingerprint: live.fingerprint(),
        spec: spec_json,
        steps: b.steps,
        known: live.known(),
        teardown: None,
    })
}

/// Collects steps, deriving dependencies from the references in each op.
#[derive(Default)]
pub(crate) struct Builder {
    pub steps: Vec<Step>,
    /// Steps a rollback cannot undo, added after all others (see [`Builder::push_last`]).
    last: Vec<LastStep>,
}

/// A step queued by [`Builder::push_last`]: kind, description, parameters, op.
type LastStep = (StepKind, String, Vec<(String, String)>, Op);

impl Builder {
    pub fn push(
        &mut self,
        kind: StepKind,
        description: String,
        params: &[(&str, String)],
        extra_deps: &[StepId],
        op: Op,
    ) -> StepId {
        let id = self.steps.len();
        let mut depends_on = op.refs();
        depends_on.extend_from_slice(extra_deps);
        depends_on.sort_unstable();
        depends_on.dedup();
        let params: BTreeMap<String, String> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.steps.push(Step {
            id,
            kind,
            description,
            params,
            depends_on,
            op: Some(op),
            sid: None,
        });
        id
    }

    /// Queues a step that a rollback cannot undo: it is added after every other step and
    /// depends on all of them, so it runs only once everything else has succeeded.
    pub fn push_last(
        &mut self,
        kind: StepKind,
        description: String,
        params: &[(&str, String)],
        op: Op,
    ) {
        let params = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        self.last.push((kind, description, params, op));
    }

    /// Adds the queued [`Builder::push_last`] steps.
    pub fn flush_last(&mut self) {
        let before: Vec<StepId> = self
            .steps
            .iter()
            .filter(|s| s.op.is_some())
            .map(|s| s.id)
            .collect();
        for (kind, description, params, op) in std::mem::take(&mut self.last) {
            let params: Vec<(&str, String)> = params
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            self.push(kind, description, &params, &before, op);
        }
    }

    pub fn satisfied(&mut self, description: String, sid: &str) {
        let id = self.steps.len();
        self.steps.push(Step {
            id,
            kind: StepKind::Satisfied,
            description,
            params: BTreeMap::new(),
            depends_on: vec![],
            op: None,
            sid: Some(sid.to_string()),
        });
    }
}

/// "field old → new" for each differing field.
pub(crate) fn changes(pairs: &[(&str, String, String)]) -> String {
    pairs
        .iter()
        .filter(|(_, old, new)| old != new)
        .map(|(f, old, new)| format!("{f} {old} → {new}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn show(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "(none)".into())
}
