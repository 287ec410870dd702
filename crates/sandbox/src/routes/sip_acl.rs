//! SIP IP Access Control Lists and their IP addresses (v2010).

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, api_prefix, check_account, created, d2010, deleted, ok, set};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, IpAccessControlList, IpAddress, Link};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::rules::{MAX_ACLS, MAX_IPS_PER_ACL, NAME_255, check_ipv4};
use crate::state::{Shared, new_sid};

const BASE: &str = "/2010-04-01/Accounts/{account}/SIP/IpAccessControlLists";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(&format!("{BASE}.json"), get(list).post(create))
        .route(
            &format!("{BASE}/{{acl}}"),
            get(fetch).post(update).delete(remove),
        )
        .route(
            &format!("{BASE}/{{acl}}/IpAddresses.json"),
            get(list_ip).post(create_ip),
        )
        .route(
            &format!("{BASE}/{{acl}}/IpAddresses/{{sid}}"),
            get(fetch_ip).post(update_ip).delete(remove_ip),
        )
}

fn acl_json(s: &Shared, a: &IpAccessControlList) -> Value {
    let uri = format!("{}/SIP/IpAccessControlLists/{}", api_prefix(s), a.sid);
    json!({
        "sid": a.sid,
        "account_sid": s.account_sid,
        "friendly_name": a.friendly_name,
        "date_created": d2010(a.meta.created),
        "date_updated": d2010(a.meta.updated),
        "subresource_uris": {"ip_addresses": format!("{uri}/IpAddresses.json")},
        "uri": format!("{uri}.json"),
    })
}

fn ip_json(s: &Shared, ip: &IpAddress) -> Value {
    json!({
        "sid": ip.sid,
        "account_sid": s.account_sid,
        "friendly_name": ip.friendly_name,
        "ip_address": ip.ip_address,
        "cidr_prefix_length": ip.cidr_prefix_length,
        "ip_access_control_list_sid": ip.acl_sid,
        "date_created": d2010(ip.meta.created),
        "date_updated": d2010(ip.meta.updated),
        "uri": format!("{}/SIP/IpAccessControlLists/{}/IpAddresses/{}.json", api_prefix(s), ip.acl_sid, ip.sid),
    })
}

fn find<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a IpAccessControlList> {
    db.ip_access_control_lists
        .iter()
        .find(|a| a.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

/// Where a list is still in use (trunks and domains), for refusing its deletion.
pub fn users_of(db: &Db, sid: &str) -> Vec<String> {
    db.links
        .iter()
        .filter(|l: &&Link| l.sid == sid)
        .map(|l| l.parent_sid.clone())
        .collect()
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.ip_access_control_lists.iter().collect(), &req);
        let items = page.items.iter().map(|a| acl_json(&s, a)).collect();
        page.v2010(&input.path, "ip_access_control_lists", items)
    }))
}

async fn create(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let name = input.form.require_name("FriendlyName", NAME_255)?;
    created(s.write(|db| {
        if db.ip_access_control_lists.len() >= MAX_ACLS {
            return Err(ApiError::invalid(format!(
                "The account already has {MAX_ACLS} IP access control lists, the most allowed"
            )));
        }
        let a = IpAccessControlList {
            sid: new_sid("AL"),
            meta: db.meta(),
            friendly_name: name,
        };
        db.ip_access_control_lists.push(a.clone());
        Ok(acl_json(&s, &a))
    })?)
}

async fn fetch(
    State(s): St,
    Path((account, acl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&acl, "AL", true, &input.path)?;
    ok(s.read(|db| find(db, &sid, &input.path).map(|a| acl_json(&s, a)))?)
}

async fn update(
    State(s): St,
    Path((account, acl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&acl, "AL", true, &input.path)?;
    let name = input.form.require_name("FriendlyName", NAME_255)?;
    ok(s.write(|db| {
        find(db, &sid, &input.path)?;
        let a = db
            .ip_access_control_lists
            .iter_mut()
            .find(|a| a.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        a.friendly_name = name;
        a.meta.updated = crate::clock::now_secs();
        Ok(acl_json(&s, a))
    })?)
}

/// Refused with 409 while a trunk or domain still uses the list.
async fn remove(
    State(s): St,
    Path((account, acl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&acl, "AL", true, &input.path)?;
    s.write(|db| {
        find(db, &sid, &input.path)?;
        let users = users_of(db, &sid);
        if !users.is_empty() {
            return Err(ApiError::conflict(format!(
                "IP access control list {sid} is still associated with {}; remove those associations first",
                users.join(", ")
            )));
        }
        db.ip_access_control_lists.retain(|a| a.sid != sid);
        db.ip_addresses.retain(|ip| ip.acl_sid != sid);
        Ok(())
    })?;
    deleted()
}

/// Validates the address fields of `p` onto `ip`. Twilio stores a prefix length of 0 as 32.
fn apply_ip(db: &Db, ip: &mut IpAddress, p: &Params) -> ApiResult<()> {
    set(&mut ip.friendly_name, p.opt_name("FriendlyName", NAME_255)?);
    if let Some(addr) = p.get("IpAddress") {
        check_ipv4(addr)?;
        ip.ip_address = addr.to_string();
    }
    if let Some(n) = p.opt_int("CidrPrefixLength", 0, 32)? {
        ip.cidr_prefix_length = if n == 0 { 32 } else { n as u8 };
    }
    let duplicate = db.ip_addresses.iter().any(|o| {
        o.acl_sid == ip.acl_sid
            && o.sid != ip.sid
            && o.ip_address == ip.ip_address
            && o.cidr_prefix_length == ip.cidr_prefix_length
    });
    if duplicate {
        return Err(ApiError::conflict(format!(
            "Invalid value '{}/{}' for IpAddress: already in this access control list",
            ip.ip_address, ip.cidr_prefix_length
        )));
    }
    Ok(())
}

async fn list_ip(
    State(s): St,
    Path((account, acl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&acl, "AL", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find(db, &sid, &input.path)?;
        let page = select(
            db.ip_addresses
                .iter()
                .filter(|ip| ip.acl_sid == sid)
                .collect(),
            &req,
        );
        let items = page.items.iter().map(|ip| ip_json(&s, ip)).collect();
        Ok::<_, ApiError>(page.v2010(&input.path, "ip_addresses", items))
    })?)
}

async fn create_ip(
    State(s): St,
    Path((account, acl)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&acl, "AL", false, &input.path)?;
    input.form.require("FriendlyName")?;
    input.form.require("IpAddress")?;
    created(s.write(|db| {
        find(db, &sid, &input.path)?;
        if db.ip_addresses.iter().filter(|ip| ip.acl_sid == sid).count() >= MAX_IPS_PER_ACL {
            return Err(ApiError::invalid(format!(
                "IP access control list {sid} already has {MAX_IPS_PER_ACL} addresses, the most allowed"
            )));
        }
        let mut ip = IpAddress {
            sid: new_sid("IP"),
            acl_sid: sid.clone(),
            meta: db.meta(),
            friendly_name: String::new(),
            ip_address: String::new(),
            cidr_prefix_length: 32,
        };
        apply_ip(db, &mut ip, &input.form)?;
        db.ip_addresses.push(ip.clone());
        Ok(ip_json(&s, &ip))
    })?)
}

fn find_ip<'a>(db: &'a Db, acl: &str, sid: &str, path: &str) -> ApiResult<&'a IpAddress> {
    db.ip_addresses
        .iter()
        .find(|ip| ip.acl_sid == acl && ip.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

type IpPath = Path<(String, String, String)>;

async fn fetch_ip(State(s): St, Path((account, acl, ip)): IpPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let acl = path_sid(&acl, "AL", false, &input.path)?;
    let sid = path_sid(&ip, "IP", true, &input.path)?;
    ok(s.read(|db| find_ip(db, &acl, &sid, &input.path).map(|ip| ip_json(&s, ip)))?)
}

async fn update_ip(State(s): St, Path((account, acl, ip)): IpPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let acl = path_sid(&acl, "AL", false, &input.path)?;
    let sid = path_sid(&ip, "IP", true, &input.path)?;
    ok(s.write(|db| {
        let mut ip = find_ip(db, &acl, &sid, &input.path)?.clone();
        apply_ip(db, &mut ip, &input.form)?;
        ip.meta.updated = crate::clock::now_secs();
        let body = ip_json(&s, &ip);
        if let Some(slot) = db.ip_addresses.iter_mut().find(|x| x.sid == sid) {
            *slot = ip;
        }
        Ok(body)
    })?)
}

async fn remove_ip(State(s): St, Path((account, acl, ip)): IpPath, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let acl = path_sid(&acl, "AL", false, &input.path)?;
    let sid = path_sid(&ip, "IP", true, &input.path)?;
    s.write(|db| {
        find_ip(db, &acl, &sid, &input.path)?;
        db.ip_addresses.retain(|ip| ip.sid != sid);
        Ok(())
    })?;
    deleted()
}
