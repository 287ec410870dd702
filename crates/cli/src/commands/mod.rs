//! One module per command group.
pub mod account;
pub mod check;
pub mod connect;
pub mod dialplan;
pub mod engine;
pub mod export;
pub mod lists;
pub mod number;
pub mod output;
pub mod preset;
pub mod sandbox;
pub mod teardown;
