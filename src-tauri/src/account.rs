//! Connecting to an account: verify the credentials by fetching the Account before anything is
//! saved, then keep the profile on disk and its secret in the keychain. Also opening a saved
//! profile, creating a dedicated API key, and forgetting a profile. Nothing here knows Tauri.

use switchboard_twilio::{Account, ApiKeySid, Client, Credentials, Endpoints, Host, Secret};

use crate::error::{AppError, AppResult, Code};
use crate::ipc::{
    AccountView, ConnectAccountRequest, CredentialInput, CredentialKind, ForgetOutcome,
    ForgetProfileRequest, ProfileView, SessionView,
};
use crate::keychain::SecretStore;
use crate::profiles::{ProfileStore, UpdateProfileEndpointRequest};
use crate::{endpoint, storage_error};

/// A live connection: the client every later step uses, and what the UI shows about it.
#[derive(Debug, Clone)]
pub struct Session {
    pub client: Client,
    pub view: SessionView,
}

/// Builds a client and verifies the credentials; a suspended or closed account is refused.
pub async fn verify(
    credentials: Credentials,
    endpoints: Endpoints,
) -> AppResult<(Client, AccountView)> {
    let client = Client::new(credentials, endpoints)?;
    // With a key, `verify` reads something a Standard API key may read (not the Account).
    let account = client.verify().await?;
    let view = account_view(&account);
    if matches!(account.status.as_deref(), Some("suspended" | "closed")) {
        return Err(AppError::new(
            Code::AccountSuspended,
            format!(
                "The Twilio account {} ({}) is {}. Reactivate it in the Twilio Console (Billing) before setting anything up.",
                view.friendly_name, view.sid, view.status
            ),
        ));
    }
    Ok((client, view))
}

fn account_view(a: &Account) -> AccountView {
    AccountView {
        sid: a.sid.to_string(),
        friendly_name: a.friendly_name.clone().unwrap_or_else(|| a.sid.to_string()),
        status: a.status.clone().unwrap_or_else(|| "unknown".into()),
        account_type: a.kind.clone().unwrap_or_else(|| "unknown".into()),
    }
}

/// The session view for a client that has just been verified.
pub fn session(
    client: Client,
    account: AccountView,
    demo: bool,
    profile: Option<ProfileView>,
) -> Session {
    let api_base_url = client.endpoints().base(Host::Api).to_string();
    Session {
        client,
        view: SessionView {
            account,
            demo,
            profile,
            api_base_url,
        },
    }
}

/// The name of an API key this app creates: says which computer holds it, so it can be found
/// and revoked in the Console.
pub fn api_key_name() -> String {
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let name = format!("Switchboard on {host}");
    name.chars().take(64).collect()
}

/// "Use my Twilio account": verify, optionally trade the Auth Token for a dedicated key, then
/// save the profile and its one secret.
pub async fn connect(
    req: ConnectAccountRequest,
    store: &ProfileStore,
    keychain: &dyn SecretStore,
) -> AppResult<Session> {
    let settings = endpoint::normalise(&req.endpoint)?;
    let endpoints = endpoint::resolve(&settings)?;
    let sid = req.account_sid.trim().to_string();
    let (credentials, kind, secret) = match req.credential {
        CredentialInput::AuthToken { token } => {
            let token = Secret::new(token.expose().trim());
            (
                Credentials::auth_token(&sid, token.clone())?,
                CredentialKind::AuthToken,
                token,
            )
        }
        CredentialInput::ApiKey { key_sid, secret } => {
            if req.create_api_key {
                return Err(AppError::invalid(
                    "create_api_key",
                    "A dedicated API key is created with the Auth Token; choose Auth Token, or keep using this key.",
                ));
            }
            let secret = Secret::new(secret.expose().trim());
            let key_sid = key_sid.trim().to_string();
            let creds = Credentials::api_key(&sid, &key_sid, secret.clone())?;
            (
                creds,
                CredentialKind::ApiKey {
                    key_sid,
                    created_by_app: false,
                },
                secret,
            )
        }
    };
    tracing::info!(account_sid = %sid, kind = credentials.kind(), "verifying credentials");
    let (client, account) = verify(credentials, endpoints.clone()).await?;

    let (client, kind, secret) = if req.create_api_key {
        create_dedicated_key(&client, &sid, endpoints).await?
    } else {
        (client, kind, secret)
    };

    let name = match req.profile_name.trim() {
        "" => account.friendly_name.clone(),
        n => n.to_string(),
    };
    let id = match store.find(&account.sid, &name).map_err(storage_error)? {
        Some(existing) => existing.id,
        None => uuid::Uuid::new_v4().to_string(),
    };
    let profile = ProfileView {
        id,
        name,
        account_sid: account.sid.clone(),
        credential: kind,
        endpoint: settings,
    };
    if let Err(e) = keychain.set(&profile.id, &secret) {
        cleanup_created_key(&client, &profile.credential).await;
        return Err(AppError::new(
            Code::Keychain,
            format!("{e}. Nothing was saved."),
        ));
    }
    store.save(profile.clone()).map_err(storage_error)?;
    tracing::info!(profile = %profile.id, account_sid = %profile.account_sid, "profile saved");
    Ok(session(client, account, false, Some(profile)))
}

/// Uses the (verified) Auth Token client once to create a Standard key, then proves the key works.
async fn create_dedicated_key(
    token_client: &Client,
    account_sid: &str,
    endpoints: Endpoints,
) -> AppResult<(Client, CredentialKind, Secret)> {
    let key = token_client.create_key(&api_key_name()).await?;
    tracing::info!(key_sid = %key.sid, "created a dedicated API key");
    let creds = Credentials::api_key(account_sid, key.sid.as_str(), key.secret.clone())?;
    match verify(creds, endpoints).await {
        Ok((client, _)) => Ok((
            client,
            CredentialKind::ApiKey {
                key_sid: key.sid.to_string(),
                created_by_app: true,
            },
            key.secret,
        )),
        Err(e) => {
            let _ = token_client.delete_key(&key.sid).await;
            Err(AppError {
                message: format!(
                    "The new API key did not work, so it was deleted again: {}",
                    e.message
                ),
                ..e
            })
        }
    }
}

async fn cleanup_created_key(client: &Client, kind: &CredentialKind) {
    if let CredentialKind::ApiKey {
        key_sid,
        created_by_app: true,
    } = kind
        && let Ok(sid) = ApiKeySid::parse(key_sid)
        && let Err(e) = client.delete_key(&sid).await
    {
        tracing::warn!(key_sid = %key_sid, error = %e, "could not delete the API key created for a profile that was not saved");
    }
}

fn credentials_for(profile: &ProfileView, secret: Secret) -> AppResult<Credentials> {
    Ok(match &profile.credential {
        CredentialKind::AuthToken => Credentials::auth_token(&profile.account_sid, secret)?,
        CredentialKind::ApiKey { key_sid, .. } => {
            Credentials::api_key(&profile.account_sid, key_sid, secret)?
        }
    })
}

fn load_secret(profile: &ProfileView, keychain: &dyn SecretStore) -> AppResult<Secret> {
    keychain.get(&profile.id).map_err(|e| AppError::new(Code::Keychain, e.to_string()))?.ok_or_else(|| {
        AppError::new(
            Code::Keychain,
            format!(
                "The secret for profile \"{}\" is no longer in the {} keychain. Forget this profile and connect again.",
                profile.name,
                keychain.backend()
            ),
        )
    })
}

/// Opens a saved profile: its secret from the keychain, verified again against Twilio.
pub async fn open(
    id: &str,
    store: &ProfileStore,
    keychain: &dyn SecretStore,
) -> AppResult<Session> {
    let profile = find(store, id)?;
    let secret = load_secret(&profile, keychain)?;
    let endpoints = endpoint::resolve(&profile.endpoint)?;
    let (client, account) = verify(credentials_for(&profile, secret)?, endpoints).await?;
    store.mark_used(id).map_err(storage_error)?;
    Ok(session(client, account, false, Some(profile)))
}

/// "Advanced" on a saved profile: the new region / edge / base URL is checked as at creation,
/// the profile's secret is verified against the new endpoint, and only then is it saved. On
/// any failure the profile keeps its previous settings, and the error says where it checked.
pub async fn change_endpoint(
    req: UpdateProfileEndpointRequest,
    store: &ProfileStore,
    keychain: &dyn SecretStore,
) -> AppResult<Session> {
    let profile = find(store, &req.id)?;
    let settings = endpoint::normalise(&req.endpoint)?;
    let endpoints = endpoint::resolve(&settings)?;
    let api = endpoints.base(Host::Api).to_string();
    let secret = load_secret(&profile, keychain)?;
    tracing::info!(profile = %profile.id, api = %api, "checking the profile against a new endpoint");
    let (client, account) = verify(credentials_for(&profile, secret)?, endpoints)
        .await
        .map_err(|e| AppError {
            message: format!(
                "Checked at {api}: {} \"{}\" still uses its previous settings.",
                e.message.trim_end(),
                profile.name
            ),
            ..e
        })?;
    if account.sid != profile.account_sid {
        let field = if settings.base_url.is_some() {
            "base_url"
        } else {
            "edge"
        };
        return Err(AppError::invalid(
            field,
            format!(
                "{api} answered for account {}, not for this profile's account {}. Check the address; \"{}\" still uses its previous settings.",
                account.sid, profile.account_sid, profile.name
            ),
        ));
    }
    let profile = store
        .set_endpoint(&profile.id, settings)
        .map_err(storage_error)?
        .ok_or_else(|| not_found(&req.id))?;
    tracing::info!(profile = %profile.id, api = %api, "profile endpoint changed");
    Ok(session(client, account, false, Some(profile)))
}

fn not_found(id: &str) -> AppError {
    AppError::new(
        Code::NotFound,
        format!("There is no saved profile with id `{id}`."),
    )
}

fn find(store: &ProfileStore, id: &str) -> AppResult<ProfileView> {
    store
        .get(id)
        .map_err(storage_error)?
        .ok_or_else(|| not_found(id))
}

/// Forgets a profile and its secret; first deletes its API key at Twilio when asked to.
pub async fn forget(
    req: ForgetProfileRequest,
    store: &ProfileStore,
    keychain: &dyn SecretStore,
) -> AppResult<ForgetOutcome> {
    let profile = find(store, &req.id)?;
    let mut deleted_api_key = None;
    if req.delete_api_key {
        let CredentialKind::ApiKey { key_sid, .. } = &profile.credential else {
            return Err(AppError::invalid(
                "delete_api_key",
                "This profile uses an Auth Token, not an API key; there is no key to delete.",
            ));
        };
        let sid =
            ApiKeySid::parse(key_sid).map_err(|e| AppError::invalid("key_sid", e.to_string()))?;
        let credentials = match &req.auth_token {
            Some(token) if !token.expose().trim().is_empty() => {
                Credentials::auth_token(&profile.account_sid, Secret::new(token.expose().trim()))?
            }
            _ => credentials_for(&profile, load_secret(&profile, keychain)?)?,
        };
        let client = Client::new(credentials, endpoint::resolve(&profile.endpoint)?)?;
        match client.delete_key(&sid).await {
            Ok(()) => {}
            Err(e) if e.is_not_found() => {
                tracing::info!(key_sid = %sid, "API key was already gone")
            }
            Err(e) => {
                let mut err = AppError::from(e);
                err.message = format!(
                    "Twilio did not delete the API key {sid}: {} The profile was kept. Enter the Auth Token to delete the key, or forget the profile without deleting it.",
                    err.message
                );
                return Err(err);
            }
        }
        tracing::info!(key_sid = %sid, "API key deleted at Twilio");
        deleted_api_key = Some(sid.to_string());
    }
    let secret_removed = keychain
        .delete(&profile.id)
        .map_err(|e| AppError::new(Code::Keychain, e.to_string()))?;
    store.remove(&profile.id).map_err(storage_error)?;
    tracing::info!(profile = %profile.id, secret_removed, "profile forgotten");
    Ok(ForgetOutcome {
        profile_id: profile.id,
        secret_removed,
        deleted_api_key,
    })
}
