//! Response field lists read out of the official specs in `shared/twilio-oai/`
//! (twilio/twilio-oai commit d50069b), `components.schemas.<name>.properties`: `v1` for the
//! Trunking and Voice v1 products, `v2010` for the 2010-04-01 API.

mod v1;
mod v2010;

/// The fields of spec schema `name` (e.g. `trunking.v1.trunk`); panics when it is not listed.
pub fn fields(name: &str) -> &'static [&'static str] {
    v1::SCHEMAS
        .iter()
        .chain(v2010::SCHEMAS)
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("schema {name} is not listed in common/schemas"))
        .1
}
