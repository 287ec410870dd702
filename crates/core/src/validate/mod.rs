//! Input validation shared by the GUI, the CLI and the plan builder.
//!
//! Every validator returns structured [`Issue`]s naming the field (`path`), the value and the
//! rule in plain language, so the three fronts never disagree about what is acceptable.

pub mod credential;
pub mod dialplan;
pub mod ip;
pub mod issue;
pub mod phone;
pub mod sip_uri;
pub mod twilio;

pub use issue::{Issue, Severity, has_errors};
