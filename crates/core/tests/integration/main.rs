//! The core's integration tests, in one binary (one link instead of one per file): the engine
//! against the sandbox (plan, apply, rollback, resume, stale plans, teardown), the number
//! router and BYOC inbound, presets and exports (golden files in `tests/golden/`), the
//! connectivity check (against sipp when installed) and the test call.

mod engine_common;
mod preset_common;

mod byoc_inbound;
mod byoc_inbound_extras;
mod connectivity;
mod engine_byoc_domain;
mod engine_check_overlap;
mod engine_elastic;
mod engine_extras;
mod engine_extras_byoc_domain;
mod engine_journal;
mod engine_rollback;
mod engine_stale;
mod engine_teardown;
mod engine_voice_password;
mod export_formats;
mod preset_apply;
mod preset_bolna_register;
mod preset_build;
mod router_deploy;
mod router_unroute;
mod test_call;
