//! IncomingPhoneNumbers (v2010): list with filters, fetch, update (including `TrunkSid`) and
//! delete. The wizard never deletes (that releases the number), but Twilio has it, so it is here.

use axum::Router;
use axum::extract::Path;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};

use super::{St, api_prefix, check_account, d1, d2010, deleted, ok, set, set_opt};
use crate::error::{ApiError, ApiResult};
use crate::model::{Db, PhoneNumber};
use crate::page::{PageRequest, select};
use crate::params::{Input, Params, path_sid};
use crate::rules::NAME_64;
use crate::state::Shared;

pub fn routes() -> Router<std::sync::Arc<Shared>> {
    Router::new()
        .route(
            "/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json",
            get(list),
        )
        .route(
            "/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}",
            get(fetch).post(update).delete(remove),
        )
}

/// The v2010 `api.v2010.account.incoming_phone_number` body.
pub fn number_json(s: &Shared, n: &PhoneNumber) -> Value {
    json!({
        "account_sid": s.account_sid,
        "address_sid": null,
        "address_requirements": n.address_requirements,
        "api_version": "2010-04-01",
        "beta": n.beta,
        "capabilities": n.capabilities,
        "date_created": d2010(n.meta.created),
        "date_updated": d2010(n.meta.updated),
        "friendly_name": n.friendly_name,
        "identity_sid": null,
        "phone_number": n.phone_number,
        "origin": "twilio",
        "sid": n.sid,
        "sms_application_sid": n.sms_application_sid,
        "sms_fallback_method": n.sms_fallback_method,
        "sms_fallback_url": n.sms_fallback_url,
        "sms_method": n.sms_method,
        "sms_url": n.sms_url,
        "status_callback": n.status_callback,
        "status_callback_method": n.status_callback_method,
        "trunk_sid": n.trunk_sid,
        "uri": format!("{}/IncomingPhoneNumbers/{}.json", api_prefix(s), n.sid),
        "voice_receive_mode": n.voice_receive_mode,
        "voice_application_sid": n.voice_application_sid,
        "voice_caller_id_lookup": n.voice_caller_id_lookup,
        "voice_fallback_method": n.voice_fallback_method,
        "voice_fallback_url": n.voice_fallback_url,
        "voice_method": n.voice_method,
        "voice_url": n.voice_url,
        "emergency_status": n.emergency_status,
        "emergency_address_sid": null,
        "emergency_address_status": "unregistered",
        "bundle_sid": null,
        "status": "in-use",
        "type": n.number_type,
    })
}

/// The trunking v1 `trunking.v1.trunk.phone_number` body.
pub fn trunk_number_json(s: &Shared, n: &PhoneNumber) -> Value {
    let trunk = n.trunk_sid.clone().unwrap_or_default();
    json!({
        "account_sid": s.account_sid,
        "address_requirements": n.address_requirements,
        "api_version": "2010-04-01",
        "beta": n.beta,
        "capabilities": n.capabilities,
        "date_created": d1(n.meta.created),
        "date_updated": d1(n.meta.updated),
        "friendly_name": n.friendly_name,
        "links": {
            "phone_number": format!("{}{}/IncomingPhoneNumbers/{}.json", s.base_url, api_prefix(s), n.sid),
        },
        "phone_number": n.phone_number,
        "sid": n.sid,
        "sms_application_sid": n.sms_application_sid,
        "sms_fallback_method": n.sms_fallback_method,
        "sms_fallback_url": n.sms_fallback_url,
        "sms_method": n.sms_method,
        "sms_url": n.sms_url,
        "status_callback": n.status_callback,
        "status_callback_method": n.status_callback_method,
        "trunk_sid": n.trunk_sid,
        "url": format!("{}/v1/Trunks/{trunk}/PhoneNumbers/{}", s.base_url, n.sid),
        "voice_application_sid": n.voice_application_sid,
        "voice_caller_id_lookup": n.voice_caller_id_lookup,
        "voice_fallback_method": n.voice_fallback_method,
        "voice_fallback_url": n.voice_fallback_url,
        "voice_method": n.voice_method,
        "voice_url": n.voice_url,
    })
}

/// Twilio's `PhoneNumber` filter: a substring match in which `*` stands for any one digit.
pub fn number_matches(number: &str, pattern: &str) -> bool {
    let n: Vec<char> = number.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    if p.is_empty() {
        return true;
    }
    if p.len() > n.len() {
        return false;
    }
    (0..=n.len() - p.len()).any(|start| {
        p.iter().zip(&n[start..]).all(|(pc, nc)| {
            if *pc == '*' {
                nc.is_ascii_digit()
            } else {
                pc == nc
            }
        })
    })
}

async fn list(State(s): St, Path(account): Path<String>, input: Input) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let req = PageRequest::parse(&input.query)?;
    let q = &input.query;
    let beta = q.opt_bool("Beta")?;
    let origin = q.opt_enum("Origin", &["twilio", "hosted"])?;
    let (numbers, page) = s.read(|db| {
        let matching = db.phone_numbers.iter().filter(|n| {
            q.get("PhoneNumber")
                .is_none_or(|p| number_matches(&n.phone_number, p))
                && q.get("FriendlyName").is_none_or(|f| n.friendly_name == f)
                && beta.is_none_or(|b| n.beta == b)
                && origin.as_deref().is_none_or(|o| o == "twilio")
        });
        select(matching.collect(), &req).into_owned()
    });
    let items = numbers.iter().map(|n| number_json(&s, n)).collect();
    ok(page.v2010(&input.path, "incoming_phone_numbers", items))
}

fn find<'a>(db: &'a Db, sid: &str, path: &str) -> ApiResult<&'a PhoneNumber> {
    db.phone_numbers
        .iter()
        .find(|n| n.sid == sid)
        .ok_or_else(|| ApiError::not_found(path))
}

async fn fetch(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "PN", true, &input.path)?;
    ok(s.read(|db| find(db, &sid, &input.path).map(|n| number_json(&s, n)))?)
}

/// Validates and applies an update. Setting `TrunkSid` clears `voice_url` and
/// `voice_application_sid`; setting `VoiceApplicationSid` clears `trunk_sid`.
fn apply(s: &Shared, db: &Db, n: &mut PhoneNumber, p: &Params) -> ApiResult<()> {
    if let Some(a) = p.get("AccountSid")
        && a != s.account_sid
    {
        return Err(ApiError::invalid(format!(
            "Invalid value '{a}' for AccountSid: the sandbox has no subaccounts to move the number to"
        )));
    }
    set(&mut n.friendly_name, p.opt_name("FriendlyName", NAME_64)?);
    set_opt(&mut n.voice_url, p.opt_url("VoiceUrl")?);
    set(&mut n.voice_method, p.opt_method("VoiceMethod")?);
    set_opt(&mut n.voice_fallback_url, p.opt_url("VoiceFallbackUrl")?);
    set(
        &mut n.voice_fallback_method,
        p.opt_method("VoiceFallbackMethod")?,
    );
    set_opt(&mut n.status_callback, p.opt_url("StatusCallback")?);
    set(
        &mut n.status_callback_method,
        p.opt_method("StatusCallbackMethod")?,
    );
    set(
        &mut n.voice_caller_id_lookup,
        p.opt_bool("VoiceCallerIdLookup")?,
    );
    set(
        &mut n.voice_receive_mode,
        p.opt_enum("VoiceReceiveMode", &["voice", "fax"])?,
    );
    set_opt(&mut n.sms_url, p.opt_url("SmsUrl")?);
    set(&mut n.sms_method, p.opt_method("SmsMethod")?);
    set_opt(&mut n.sms_fallback_url, p.opt_url("SmsFallbackUrl")?);
    set(
        &mut n.sms_fallback_method,
        p.opt_method("SmsFallbackMethod")?,
    );
    set_opt(
        &mut n.sms_application_sid,
        p.opt_sid("SmsApplicationSid", "AP")?,
    );
    set(
        &mut n.emergency_status,
        p.opt_enum("EmergencyStatus", &["Active", "Inactive"])?,
    );
    let app = p.opt_sid("VoiceApplicationSid", "AP")?;
    let trunk = p.opt_sid("TrunkSid", "TK")?;
    if let (Some(Some(a)), Some(Some(t))) = (&app, &trunk) {
        return Err(ApiError::invalid(format!(
            "TrunkSid '{t}' and VoiceApplicationSid '{a}' cannot both be set: a number routes to one of them"
        )));
    }
    if let Some(app) = app {
        if app.is_some() {
            n.trunk_sid = None;
        }
        n.voice_application_sid = app;
    }
    if let Some(trunk) = trunk {
        if let Some(t) = &trunk {
            if !db.trunks.iter().any(|x| &x.sid == t) {
                return Err(ApiError::invalid(format!(
                    "Invalid value '{t}' for TrunkSid: no such trunk on this account"
                )));
            }
            n.voice_url = None;
            n.voice_application_sid = None;
        }
        n.trunk_sid = trunk;
    }
    Ok(())
}

async fn update(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "PN", true, &input.path)?;
    ok(s.write(|db| {
        let mut n = find(db, &sid, &input.path)?.clone();
        apply(&s, db, &mut n, &input.form)?;
        n.meta.updated = crate::clock::now_secs();
        let body = number_json(&s, &n);
        if let Some(slot) = db.phone_numbers.iter_mut().find(|x| x.sid == sid) {
            *slot = n;
        }
        Ok(body)
    })?)
}

/// Releases the number from the account (Twilio's behaviour; the wizard never calls it).
async fn remove(
    State(s): St,
    Path((account, sid)): Path<(String, String)>,
    input: Input,
) -> ApiResult {
    check_account(&s, &account, &input.path)?;
    let sid = path_sid(&sid, "PN", true, &input.path)?;
    s.write(|db| {
        find(db, &sid, &input.path)?;
        db.phone_numbers.retain(|n| n.sid != sid);
        for d in db
            .domains
            .iter_mut()
            .filter(|d| d.emergency_caller_sid.as_deref() == Some(&sid))
        {
            d.emergency_caller_sid = None;
        }
        Ok(())
    })?;
    deleted()
}

#[cfg(test)]
mod tests {
    use super::number_matches;

    #[test]
    fn phone_number_filter() {
        assert!(number_matches("+14155552671", "+14155552671"));
        assert!(number_matches("+14155552671", "555"));
        assert!(number_matches("+14155552671", "+1415555267*"));
        assert!(number_matches("+14155552671", "4*5"));
        assert!(!number_matches("+14155552671", "+1415555267**"));
        assert!(!number_matches("+14155552671", "+44"));
    }
}
