//! One module per Twilio resource family; each adds its operations to [`crate::Client`].

pub mod account;
pub mod byoc;
pub mod calls;
pub mod domains;
pub mod ip_records;
pub mod numbers;
pub mod origination;
pub mod serverless;
pub mod sip_lists;
pub mod trunk_links;
pub mod trunks;
