//! "Register on Bolna" in the app: the user's Bolna API key, kept in the OS keychain under
//! [`BOLNA_KEY`] and never sent back, and the registration of the Bolna preset's trunk.

use switchboard_core::preset::GeneratedSecret;
use switchboard_core::preset::bolna::{self, BolnaError, Registered};
use switchboard_core::secret::Sensitive;
use switchboard_twilio::Secret;

use crate::error::{AppError, AppResult, Code};
use crate::keychain::SecretStore;

use super::preset_view::*;
use super::presets::{built, invalid_answers, passwords};

/// The keychain entry that holds the user's Bolna API key.
pub const BOLNA_KEY: &str = "bolna-api-key";
/// Bolna's API; `SWITCHBOARD_BOLNA_URL` points the app at another one (the stand-in in tests).
pub const BOLNA_URL: &str = "https://api.bolna.ai";
fn keychain_error(e: crate::keychain::KeychainError) -> AppError {
    AppError::new(Code::Keychain, e.to_string())
}

pub fn bolna_key_status(keychain: &dyn SecretStore) -> AppResult<BolnaKeyStatus> {
    Ok(BolnaKeyStatus {
        stored: keychain.get(BOLNA_KEY).map_err(keychain_error)?.is_some(),
    })
}

pub fn forget_bolna_key(keychain: &dyn SecretStore) -> AppResult<BolnaKeyStatus> {
    keychain.delete(BOLNA_KEY).map_err(keychain_error)?;
    Ok(BolnaKeyStatus { stored: false })
}

/// Bolna's API base URL (`SWITCHBOARD_BOLNA_URL` or the real one).
pub fn bolna_url() -> String {
    std::env::var("SWITCHBOARD_BOLNA_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| BOLNA_URL.to_string())
}

/// Registers the Bolna preset's trunk on Bolna at `base_url`. A username/password trunk's SIP
/// password is the one in the request, else the one kept for the apply on `account`
/// (`set_sip_password` puts it in the keychain).
pub async fn register_bolna(
    keychain: &dyn SecretStore,
    base_url: &str,
    account: Option<&str>,
    req: RegisterBolnaRequest,
) -> AppResult<BolnaRegistration> {
    let key = match req.api_key {
        Some(k) if !k.expose().trim().is_empty() => {
            let k = Secret::new(k.expose().trim());
            keychain.set(BOLNA_KEY, &k).map_err(keychain_error)?;
            k
        }
        _ => keychain.get(BOLNA_KEY).map_err(keychain_error)?.ok_or_else(|| {
            AppError::invalid(
                "apiKey",
                "Enter your Bolna API key (Bolna dashboard > Developers > API keys). Switchboard keeps it in this computer's keychain.",
            )
        })?,
    };
    let answers = PresetAnswers {
        preset_id: "bolna".into(),
        answers: req.answers,
    };
    let mut b = match built(&answers)? {
        Ok(b) => b,
        Err(issues) => return Err(invalid_answers(&issues)),
    };
    // The password Bolna must send is the one set on the Review step, not the build's own.
    let slots = passwords(&b.spec);
    b.secrets.clear();
    for slot in slots {
        let given = req
            .sip_password
            .as_ref()
            .filter(|p| !p.expose().is_empty())
            .map(|p| p.expose().to_string());
        let kept = match (&given, account) {
            (None, Some(acct)) => keychain
                .get(&crate::wizard::secrets::key(
                    acct,
                    &slot.list,
                    &slot.username,
                ))
                .map_err(keychain_error)?
                .map(|p| p.expose().to_string()),
            _ => None,
        };
        let Some(p) = given.or(kept) else {
            return Err(AppError::invalid(
                "sipPassword",
                format!(
                    "The SIP password of `{}` is needed to register a username/password trunk on Bolna: set it on the Review step first, or enter it here.",
                    slot.username
                ),
            ));
        };
        b.secrets.push(GeneratedSecret {
            question: "sip_password".into(),
            username: Some(slot.username),
            password: Sensitive::new(p),
        });
    }
    let r: Registered = bolna::register(base_url, &key, &b)
        .await
        .map_err(bolna_error)?;
    tracing::info!(trunk = %r.trunk_id, added = r.added_numbers.len(), "registered on Bolna");
    Ok(BolnaRegistration {
        trunk_id: r.trunk_id,
        reused_trunk: r.reused_trunk,
        added_numbers: r.added_numbers,
        existing_numbers: r.existing_numbers,
        base_url: base_url.to_string(),
    })
}

fn bolna_error(e: BolnaError) -> AppError {
    match &e {
        BolnaError::Refused { status, .. } if *status == 401 || *status == 403 => {
            AppError::invalid(
                "apiKey",
                format!("{e}. Check the Bolna API key (Bolna dashboard > Developers > API keys)."),
            )
        }
        BolnaError::Refused { .. } => AppError::new(Code::InvalidInput, e.to_string()),
        BolnaError::Network { .. } => AppError::new(
            Code::Unreachable,
            format!("{e}. Check the internet connection, then try again."),
        ),
        _ => AppError::new(Code::Internal, e.to_string()),
    }
}
