//! The plan / apply engine (nix-installer's Action + receipt pattern with sqlx's rails): `plan`
//! reads the account and lists the steps; `apply` runs them as a DAG within a concurrency bound,
//! journals every step, reverts exactly what it did when something fails or is cancelled, holds
//! a per-account lock and refuses a plan whose live state changed.

mod check;
mod drive;
mod events;
mod exec;
mod exec_router;
mod find;
mod journal;
mod live;
mod live_more;
mod live_router;
mod plan;
mod plan_elastic;
mod plan_lists;
mod plan_more;
mod plan_router;
mod revert;
mod run;
mod secrets;
mod step;
mod step_router;
mod teardown;
mod undo;

pub use events::Event;
pub use journal::{AccountLock, Journal, LockError, Phase, StateDir, StepState};
pub use live::{Known, Live, read as read_live};
pub use plan::{Plan, PlanError, build as build_plan, plan};
pub use run::{ApplyError, ApplyOptions, apply, fingerprint_now, resume, rollback};
pub use secrets::{
    GeneratedPasswords, KeptInMemory, SecretSource, forget_kept, generate_password, masked,
    voice_url_key, without_password,
};
pub use step::{Op, Ref, Step, StepId, StepKind};
pub use step_router::{RouterOp, VoiceTarget};
pub use teardown::{TeardownLive, build as build_teardown, teardown};
