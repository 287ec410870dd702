//! The sandbox's HTTP behaviour, seen by a plain HTTP client: one test binary (one link, one
//! executable) for every area, each in its own module. Every test starts its own sandbox on a
//! free port, so tests share nothing but the process.

mod common;

mod admin_numbers;
mod auth_keys;
mod faults;
mod ip_records;
mod lifecycle;
mod numbers_calls;
mod paging;
mod serverless;
mod shapes;
mod sip;
mod sip_domains;
mod trunk_links;
mod trunking;
mod voice;
