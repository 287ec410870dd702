//! Voice v1: IP Records (a carrier's signalling addresses) and Source IP Mappings (which SIP
//! domain calls from an IP record belong to). Rules 87–90 in RULES.md.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, created, d1, deleted, ok};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, IpRecord, SourceIpMapping};
use crate::page::{PageRequest, select};
use crate::params::{Input, path_sid};
use crate::rules::{NAME_255, check_ipv4};
use crate::state::{Shared, new_sid};

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/v1/IpRecords", get(list_il).post(create_il))
        .route(
            "/v1/IpRecords/{sid}",
            get(fetch_il).post(update_il).delete(remove_il),
        )
        .route("/v1/SourceIpMappings", get(list_ib).post(create_ib))
        .route(
            "/v1/SourceIpMappings/{sid}",
            get(fetch_ib).post(update_ib).delete(remove_ib),
        )
}

fn il_json(s: &Shared, r: &IpRecord) -> Value {
    json!({
        "account_sid": s.account_sid,
        "sid": r.sid,
        "friendly_name": r.friendly_name,
        "ip_address": r.ip_address,
        "cidr_prefix_length": r.cidr_prefix_length,
        "date_created": d1(r.meta.created),
        "date_updated": d1(r.meta.updated),
        "url": format!("{}/v1/IpRecords/{}", s.base_url, r.sid),
    })
}

/// No `account_sid` (Twilio's schema has none).
fn ib_json(s: &Shared, m: &SourceIpMapping) -> Value {
    json!({
        "sid": m.sid,
        "ip_record_sid": m.ip_record_sid,
        "sip_domain_sid": m.sip_domain_sid,
        "date_created": d1(m.meta.created),
        "date_updated": d1(m.meta.updated),
        "url": format!("{}/v1/SourceIpMappings/{}", s.base_url, m.sid),
    })
}

fn find_il<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a IpRecord> {
    db.ip_records
        .iter()
        .find(|r| r.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

fn find_ib<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a SourceIpMapping> {
    db.source_ip_mappings
        .iter()
        .find(|m| m.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list_il(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.ip_records.iter().collect(), &req);
        let items = page.items.iter().map(|r| il_json(&s, r)).collect();
        page.v1(&s.base_url, &input.path, "ip_records", items)
    }))
}

/// Rule 87: `IpAddress` required (IPv4), `CidrPrefixLength` 1–32 (default 32),
/// `FriendlyName` ≤ 255; the same address and prefix twice is a conflict.
async fn create_il(State(s): St, input: Input) -> ApiResult {
    let p = &input.form;
    let addr = p.require("IpAddress")?.to_string();
    check_ipv4(&addr)?;
    let prefix = p.opt_int("CidrPrefixLength", 1, 32)?.unwrap_or(32) as u8;
    let name = p.opt_name("FriendlyName", NAME_255)?;
    created(s.write(|db| {
        if let Some(o) = db
            .ip_records
            .iter()
            .find(|o| o.ip_address == addr && o.cidr_prefix_length == prefix)
        {
            return Err(ApiError::conflict(format!(
                "IP record {} already holds {addr}/{prefix}",
                o.sid
            )));
        }
        let r = IpRecord {
            sid: new_sid("IL"),
            meta: db.meta(),
            friendly_name: name,
            ip_address: addr,
            cidr_prefix_length: prefix,
        };
        db.ip_records.push(r.clone());
        Ok(il_json(&s, &r))
    })?)
}

async fn fetch_il(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IL", false, &input.path)?;
    ok(s.read(|db| find_il(db, &sid, &input.path).map(|r| il_json(&s, r)))?)
}

/// Rule 88: only `FriendlyName` can change; `IpAddress` / `CidrPrefixLength` are refused.
async fn update_il(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IL", false, &input.path)?;
    let p = &input.form;
    for fixed in ["IpAddress", "CidrPrefixLength"] {
        if p.get(fixed).is_some() {
            return Err(ApiError::invalid(format!(
                "{fixed} cannot be changed on an IP record: delete it and create another"
            )));
        }
    }
    let name = p.opt_name("FriendlyName", NAME_255)?;
    ok(s.write(|db| {
        find_il(db, &sid, &input.path)?;
        let r = db
            .ip_records
            .iter_mut()
            .find(|r| r.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        if name.is_some() {
            r.friendly_name = name;
        }
        r.meta.updated = crate::clock::now_secs();
        Ok(il_json(&s, r))
    })?)
}

/// Rule 89: refused with 409 while a source IP mapping uses the record.
async fn remove_il(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IL", false, &input.path)?;
    s.write(|db| {
        find_il(db, &sid, &input.path)?;
        let users: Vec<&str> = db
            .source_ip_mappings
            .iter()
            .filter(|m| m.ip_record_sid == sid)
            .map(|m| m.sid.as_str())
            .collect();
        if !users.is_empty() {
            return Err(ApiError::conflict(format!(
                "IP record {sid} is still used by source IP mapping {}; delete it first",
                users.join(", ")
            )));
        }
        db.ip_records.retain(|r| r.sid != sid);
        Ok(())
    })?;
    deleted()
}

async fn list_ib(State(s): St, input: Input) -> ApiResult {
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.source_ip_mappings.iter().collect(), &req);
        let items = page.items.iter().map(|m| ib_json(&s, m)).collect();
        page.v1(&s.base_url, &input.path, "source_ip_mappings", items)
    }))
}

fn domain_on_account(db: &Db, sd: &str) -> ApiResult<()> {
    if db.domains.iter().any(|d| d.sid == sd) {
        Ok(())
    } else {
        Err(ApiError::invalid(format!(
            "Invalid value '{sd}' for SipDomainSid: no such SIP domain on this account"
        )))
    }
}

/// Rule 90: `IpRecordSid` and `SipDomainSid` required and on the account; one mapping per
/// IP record (calls from an address belong to one domain).
async fn create_ib(State(s): St, input: Input) -> ApiResult {
    let p = &input.form;
    let il = p.require_sid("IpRecordSid", "IL")?;
    let sd = p.require_sid("SipDomainSid", "SD")?;
    created(s.write(|db| {
        if !db.ip_records.iter().any(|r| r.sid == il) {
            return Err(ApiError::invalid(format!(
                "Invalid value '{il}' for IpRecordSid: no such IP record on this account"
            )));
        }
        domain_on_account(db, &sd)?;
        if let Some(o) = db.source_ip_mappings.iter().find(|m| m.ip_record_sid == il) {
            return Err(ApiError::conflict(format!(
                "IP record {il} is already mapped to SIP domain {} by {}",
                o.sip_domain_sid, o.sid
            )));
        }
        let m = SourceIpMapping {
            sid: new_sid("IB"),
            meta: db.meta(),
            ip_record_sid: il,
            sip_domain_sid: sd,
        };
        db.source_ip_mappings.push(m.clone());
        Ok(ib_json(&s, &m))
    })?)
}

async fn fetch_ib(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IB", false, &input.path)?;
    ok(s.read(|db| find_ib(db, &sid, &input.path).map(|m| ib_json(&s, m)))?)
}

/// Update: `SipDomainSid` required.
async fn update_ib(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IB", false, &input.path)?;
    let sd = input.form.require_sid("SipDomainSid", "SD")?;
    ok(s.write(|db| {
        find_ib(db, &sid, &input.path)?;
        domain_on_account(db, &sd)?;
        let m = db
            .source_ip_mappings
            .iter_mut()
            .find(|m| m.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        m.sip_domain_sid = sd;
        m.meta.updated = crate::clock::now_secs();
        Ok(ib_json(&s, m))
    })?)
}

async fn remove_ib(State(s): St, Path(sid): Path<String>, input: Input) -> ApiResult {
    let sid = path_sid(&sid, "IB", false, &input.path)?;
    s.write(|db| {
        find_ib(db, &sid, &input.path)?;
        db.source_ip_mappings.retain(|m| m.sid != sid);
        Ok(())
    })?;
    deleted()
}

/// The SIP domain that calls from `ip` belong to: the mapping of the IP record holding it
/// (longest prefix first). For the inbound simulation.
pub(crate) fn domain_for_source(db: &Db, ip: &str) -> Option<String> {
    let addr: std::net::Ipv4Addr = ip.parse().ok()?;
    let mut best: Option<(u8, &str)> = None;
    for r in &db.ip_records {
        let Ok(net) = r.ip_address.parse::<std::net::Ipv4Addr>() else {
            continue;
        };
        let bits = u32::from(r.cidr_prefix_length.min(32));
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        if u32::from(addr) & mask != u32::from(net) & mask {
            continue;
        }
        let Some(m) = db
            .source_ip_mappings
            .iter()
            .find(|m| m.ip_record_sid == r.sid)
        else {
            continue;
        };
        if best.is_none_or(|(b, _)| r.cidr_prefix_length > b) {
            best = Some((r.cidr_prefix_length, m.sip_domain_sid.as_str()));
        }
    }
    best.map(|(_, d)| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meta;

    #[test]
    fn a_source_address_finds_the_longest_mapped_prefix() {
        let meta = Meta {
            seq: 0,
            created: 0,
            updated: 0,
        };
        let rec = |sid: &str, ip: &str, p: u8| IpRecord {
            sid: sid.into(),
            meta: meta.clone(),
            friendly_name: None,
            ip_address: ip.into(),
            cidr_prefix_length: p,
        };
        let map = |sid: &str, il: &str, sd: &str| SourceIpMapping {
            sid: sid.into(),
            meta: meta.clone(),
            ip_record_sid: il.into(),
            sip_domain_sid: sd.into(),
        };
        let db = Db {
            ip_records: vec![
                rec("IL1", "203.0.113.0", 24),
                rec("IL2", "203.0.113.10", 32),
                rec("IL3", "198.51.100.7", 32),
            ],
            source_ip_mappings: vec![map("IB1", "IL1", "SD1"), map("IB2", "IL2", "SD2")],
            ..Db::default()
        };
        assert_eq!(
            domain_for_source(&db, "203.0.113.10").as_deref(),
            Some("SD2")
        );
        assert_eq!(
            domain_for_source(&db, "203.0.113.99").as_deref(),
            Some("SD1")
        );
        assert_eq!(domain_for_source(&db, "198.51.100.7"), None, "not mapped");
        assert_eq!(domain_for_source(&db, "192.0.2.1"), None);
        assert_eq!(domain_for_source(&db, "not-an-ip"), None);
    }
}
