//! The Twilio client against the sandbox: one test binary (one link, one executable) for every
//! resource family, each in its own module. Every test starts its own sandbox on a free port
//! (helpers in `switchboard_tests`), so tests share nothing but the process.

mod behaviour;
mod serverless;
mod sip;
mod trunking;
mod voice;
