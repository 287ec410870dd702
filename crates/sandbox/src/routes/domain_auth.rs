//! SIP domain authentication mappings (v2010): the three `Auth/…` collections (list key
//! `contents`) and the two older collections Twilio still serves, which a domain's
//! `subresource_uris` point at (aliases of the `Auth/Calls` mappings here).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use serde_json::{Value, json};

use super::domains::find;
use super::trunk_links::{link_create, link_delete, link_find, target_name};
use super::{St, api_prefix, check_account, created, d2010, deleted, ok};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, Link, LinkKind};
use crate::page::{PageRequest, select};
use crate::params::{Input, path_sid};
use crate::state::Shared;

const BASE: &str = "/2010-04-01/Accounts/{account}/SIP/Domains";

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    let mut r = Router::new();
    macro_rules! mapping {
        ($seg:literal, $list:ident, $create:ident, $fetch:ident, $remove:ident) => {
            r = r
                .route(
                    &format!("{BASE}/{{domain}}/{}.json", $seg),
                    get($list).post($create),
                )
                .route(
                    &format!("{BASE}/{{domain}}/{}/{{sid}}", $seg),
                    get($fetch).delete($remove),
                );
        };
    }
    mapping!(
        "Auth/Calls/CredentialListMappings",
        l_ccl,
        c_ccl,
        f_ccl,
        d_ccl
    );
    mapping!(
        "Auth/Calls/IpAccessControlListMappings",
        l_cal,
        c_cal,
        f_cal,
        d_cal
    );
    mapping!(
        "Auth/Registrations/CredentialListMappings",
        l_rcl,
        c_rcl,
        f_rcl,
        d_rcl
    );
    mapping!("CredentialListMappings", l_ocl, c_ocl, f_ocl, d_ocl);
    mapping!("IpAccessControlListMappings", l_oal, c_oal, f_oal, d_oal);
    r
}

/// How one mapping collection renders: `legacy` ones add `domain_sid` and `uri`.
fn mapping_json(s: &Shared, db: &Db, l: &Link, legacy: Option<&str>) -> Value {
    let mut v = json!({
        "account_sid": s.account_sid,
        "date_created": d2010(l.meta.created),
        "date_updated": d2010(l.meta.updated),
        "friendly_name": target_name(db, l.kind, &l.sid),
        "sid": l.sid,
    });
    if let (Some(seg), Some(obj)) = (legacy, v.as_object_mut()) {
        obj.insert("domain_sid".into(), json!(l.parent_sid));
        obj.insert(
            "uri".into(),
            json!(format!(
                "{}/SIP/Domains/{}/{seg}/{}.json",
                api_prefix(s),
                l.parent_sid,
                l.sid
            )),
        );
    }
    v
}

struct Mapping {
    kind: LinkKind,
    /// The older collection's path segment and list key, if this is one.
    legacy: Option<(&'static str, &'static str)>,
}

fn list_map(
    s: &Shared,
    (account, domain): (String, String),
    m: Mapping,
    input: &Input,
) -> ApiResult {
    check_account(s, &account, &input.path)?;
    let sd = path_sid(&domain, "SD", false, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        find(db, &sd, &input.path)?;
        let page = select(
            db.links
                .iter()
                .filter(|l| l.parent_sid == sd && l.kind == m.kind)
                .collect(),
            &req,
        );
        let items = page
            .items
            .iter()
            .map(|l| mapping_json(s, db, l, m.legacy.map(|x| x.0)))
            .collect();
        let key = m.legacy.map_or("contents", |x| x.1);
        Ok::<_, ApiError>(page.v2010(&input.path, key, items))
    })?)
}

fn create_map(
    s: &Shared,
    (account, domain): (String, String),
    m: Mapping,
    input: &Input,
) -> ApiResult {
    check_account(s, &account, &input.path)?;
    let sd = path_sid(&domain, "SD", false, &input.path)?;
    created(s.write(|db| {
        find(db, &sd, &input.path)?;
        let link = link_create(db, &sd, m.kind, input)?;
        Ok(mapping_json(s, db, &link, m.legacy.map(|x| x.0)))
    })?)
}

fn fetch_map(
    s: &Shared,
    (account, domain, sid): (String, String, String),
    m: Mapping,
    input: &Input,
) -> ApiResult {
    check_account(s, &account, &input.path)?;
    let sd = path_sid(&domain, "SD", false, &input.path)?;
    let sid = path_sid(
        &sid,
        if m.kind.is_acl() { "AL" } else { "CL" },
        true,
        &input.path,
    )?;
    ok(s.read(|db| {
        find(db, &sd, &input.path)?;
        link_find(db, &sd, m.kind, &sid, &input.path)
            .map(|l| mapping_json(s, db, l, m.legacy.map(|x| x.0)))
    })?)
}

fn remove_map(
    s: &Shared,
    (account, domain, sid): (String, String, String),
    m: Mapping,
    input: &Input,
) -> ApiResult {
    check_account(s, &account, &input.path)?;
    let sd = path_sid(&domain, "SD", false, &input.path)?;
    let sid = path_sid(
        &sid,
        if m.kind.is_acl() { "AL" } else { "CL" },
        true,
        &input.path,
    )?;
    s.write(|db| link_delete(db, &sd, m.kind, &sid, &input.path))?;
    deleted()
}

macro_rules! handlers {
    ($l:ident, $c:ident, $f:ident, $d:ident, $kind:expr, $legacy:expr) => {
        async fn $l(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
            list_map(
                &s,
                p,
                Mapping {
                    kind: $kind,
                    legacy: $legacy,
                },
                &i,
            )
        }
        async fn $c(State(s): St, Path(p): Path<(String, String)>, i: Input) -> ApiResult {
            create_map(
                &s,
                p,
                Mapping {
                    kind: $kind,
                    legacy: $legacy,
                },
                &i,
            )
        }
        async fn $f(State(s): St, Path(p): Path<(String, String, String)>, i: Input) -> ApiResult {
            fetch_map(
                &s,
                p,
                Mapping {
                    kind: $kind,
                    legacy: $legacy,
                },
                &i,
            )
        }
        async fn $d(State(s): St, Path(p): Path<(String, String, String)>, i: Input) -> ApiResult {
            remove_map(
                &s,
                p,
                Mapping {
                    kind: $kind,
                    legacy: $legacy,
                },
                &i,
            )
        }
    };
}

handlers!(
    l_ccl,
    c_ccl,
    f_ccl,
    d_ccl,
    LinkKind::DomainCallsCredentials,
    None
);
handlers!(l_cal, c_cal, f_cal, d_cal, LinkKind::DomainCallsIpAcl, None);
handlers!(
    l_rcl,
    c_rcl,
    f_rcl,
    d_rcl,
    LinkKind::DomainRegistrationsCredentials,
    None
);
handlers!(
    l_ocl,
    c_ocl,
    f_ocl,
    d_ocl,
    LinkKind::DomainCallsCredentials,
    Some(("CredentialListMappings", "credential_list_mappings"))
);
handlers!(
    l_oal,
    c_oal,
    f_oal,
    d_oal,
    LinkKind::DomainCallsIpAcl,
    Some((
        "IpAccessControlListMappings",
        "ip_access_control_list_mappings"
    ))
);
