//! The account itself (`/Accounts/{Sid}.json`, the credential check) and its API keys.
//! A key's secret is returned once, on create, and kept only as a digest; deleting the key
//! revokes it at once.

use axum::Router;
use axum::extract::State;
use axum::extract::{Extension, Path};
use axum::routing::get;
use rand::Rng;
use serde_json::{Map, Value, json};

use super::{St, api_prefix, check_account, created, d2010, deleted, ok};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::model::{ApiKey, Db};
use crate::page::{PageRequest, select};
use crate::params::{Input, path_sid};
use crate::rules::NAME_64;
use crate::state::{Shared, new_sid, sha256_hex};

/// The account was "created" at this time (2023-06-01T12:00:00Z).
const ACCOUNT_CREATED: i64 = 1_685_620_800;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route("/2010-04-01/Accounts/{account}", get(fetch_account))
        .route(
            "/2010-04-01/Accounts/{account}/Keys.json",
            get(list).post(create),
        )
        .route(
            "/2010-04-01/Accounts/{account}/Keys/{sid}",
            get(fetch).post(update).delete(remove),
        )
}

const SUBRESOURCES: [(&str, &str); 19] = [
    ("available_phone_numbers", "AvailablePhoneNumbers"),
    ("calls", "Calls"),
    ("conferences", "Conferences"),
    ("incoming_phone_numbers", "IncomingPhoneNumbers"),
    ("notifications", "Notifications"),
    ("outgoing_caller_ids", "OutgoingCallerIds"),
    ("recordings", "Recordings"),
    ("transcriptions", "Transcriptions"),
    ("addresses", "Addresses"),
    ("signing_keys", "SigningKeys"),
    ("connect_apps", "ConnectApps"),
    ("sip", "SIP"),
    ("authorized_connect_apps", "AuthorizedConnectApps"),
    ("usage", "Usage"),
    ("keys", "Keys"),
    ("applications", "Applications"),
    ("short_codes", "SMS/ShortCodes"),
    ("queues", "Queues"),
    ("messages", "Messages"),
];

/// `auth_token` is included only for a caller that authenticated with it (an API key gets null).
async fn fetch_account(
    State(s): St,
    Extension(who): Extension<Principal>,
    Path(account): Path<String>,
    input: Input,
) -> ApiResult {
    let sid = path_sid(&account, "AC", true, &input.path)?;
    check_account(&s, &sid, &input.path)?;
    let prefix = api_prefix(&s);
    let subresources: Map<String, Value> = SUBRESOURCES
        .iter()
        .map(|(k, seg)| (k.to_string(), json!(format!("{prefix}/{seg}.json"))))
        .collect();
    let status = s.read(|db| db.account_status.clone());
    let token = (who == Principal::Account).then(|| s.auth_token().to_string());
    ok(json!({
        "auth_token": token,
        "date_created": d2010(ACCOUNT_CREATED),
        "date_updated": d2010(ACCOUNT_CREATED),
        "friendly_name": s.friendly_name,
        "owner_account_sid": s.account_sid,
        "sid": s.account_sid,
        "status": status,
        "subresource_uris": subresources,
        "type": "Full",
        "uri": format!("{prefix}.json"),
    }))
}

fn key_json(k: &ApiKey) -> Value {
    json!({
        "sid": k.sid,
        "friendly_name": k.friendly_name,
        "date_created": d2010(k.meta.created),
        "date_updated": d2010(k.meta.updated),
    })
}

fn find<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a ApiKey> {
    db.keys
        .iter()
        .find(|k| k.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    ok(s.read(|db| {
        let page = select(db.keys.iter().collect(), &req);
        let items = page.items.iter().map(|k| key_json(k)).collect();
        page.v2010(&input.path, "keys", items)
    }))
}

/// 32 random letters and digits.
fn new_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..32)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

async fn create(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let name = input.form.opt_name("FriendlyName", NAME_64)?;
    let secret = new_secret();
    let digest = sha256_hex(&secret);
    let mut body = s.write(|db| {
        let k = ApiKey {
            sid: new_sid("SK"),
            meta: db.meta(),
            friendly_name: name,
            secret_sha256: digest,
        };
        db.keys.push(k.clone());
        Ok(key_json(&k))
    })?;
    if let Some(obj) = body.as_object_mut() {
        obj.insert("secret".into(), Value::String(secret));
    }
    created(body)
}

async fn fetch(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "SK", true, &input.path)?;
    ok(s.read(|db| find(db, &sid, &input.path).map(key_json))?)
}

async fn update(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "SK", true, &input.path)?;
    let name = input.form.opt_name("FriendlyName", NAME_64)?;
    ok(s.write(|db| {
        find(db, &sid, &input.path)?;
        let k = db
            .keys
            .iter_mut()
            .find(|k| k.sid == sid)
            .ok_or_else(|| ApiError::not_found(&input.path))?;
        if name.is_some() {
            k.friendly_name = name;
        }
        k.meta.updated = crate::clock::now_secs();
        Ok(key_json(k))
    })?)
}

async fn remove(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "SK", true, &input.path)?;
    s.write(|db| {
        find(db, &sid, &input.path)?;
        db.keys.retain(|k| k.sid != sid);
        Ok(())
    })?;
    deleted()
}
