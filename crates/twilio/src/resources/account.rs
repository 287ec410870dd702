//! The account (credential check) and API keys (a dedicated key instead of the Auth Token).

use futures::Stream;
use serde::Deserialize;

use crate::client::Request;
use crate::de::empty_as_none;
use crate::form::Form;
use crate::page::page_size;
use crate::{AccountSid, ApiKeySid, Client, Credentials, Error, Host, Secret};

/// `api.v2010.account`. The response also carries `auth_token`, which is deliberately not kept.
#[derive(Debug, Clone, Deserialize)]
pub struct Account {
    pub sid: AccountSid,
    #[serde(default)]
    pub friendly_name: Option<String>,
    /// `active`, `suspended` or `closed`.
    #[serde(default)]
    pub status: Option<String>,
    /// `Trial` or `Full`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub owner_account_sid: Option<AccountSid>,
    #[serde(default)]
    pub date_created: Option<String>,
}

impl Account {
    pub fn is_active(&self) -> bool {
        self.status.as_deref() == Some("active")
    }
}

/// An API key as listed (the secret is never returned after creation).
#[derive(Debug, Clone, Deserialize)]
pub struct ApiKey {
    pub sid: ApiKeySid,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub date_created: Option<String>,
}

/// A key just created: the only time Twilio returns its secret.
#[derive(Debug, Clone, Deserialize)]
pub struct NewApiKey {
    pub sid: ApiKeySid,
    #[serde(default)]
    pub friendly_name: Option<String>,
    pub secret: Secret,
}

impl Client {
    /// Proves the credentials work for this account, with a call each kind of credential may
    /// make. An Auth Token fetches the Account itself. A Standard API key may not read the
    /// Accounts or Keys resources (Twilio's API-key documentation: only Main keys, made in the
    /// Console, can), so a key is checked by reading one page of the account's phone numbers;
    /// its `Account` then carries only the SID (no name or status).
    pub async fn verify(&self) -> Result<Account, Error> {
        match self.credentials() {
            Credentials::AuthToken { .. } => self.fetch_account().await,
            Credentials::ApiKey { account_sid, .. } => {
                let req = Request::get(Host::Api, self.account_path("/IncomingPhoneNumbers.json"))
                    .query(vec![page_size(1)]);
                self.send_raw(&req).await?;
                Ok(Account {
                    sid: account_sid.clone(),
                    friendly_name: None,
                    status: None,
                    kind: None,
                    owner_account_sid: None,
                    date_created: None,
                })
            }
        }
    }

    /// `GET /2010-04-01/Accounts/{Sid}.json`: proves the credentials work for this account.
    pub async fn fetch_account(&self) -> Result<Account, Error> {
        self.send(&Request::get(Host::Api, self.account_path(".json")))
            .await
    }

    /// Creates a Standard API key.
    pub async fn create_key(&self, friendly_name: &str) -> Result<NewApiKey, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Api,
            self.account_path("/Keys.json"),
            form,
        ))
        .await
    }

    pub fn list_keys(&self) -> impl Stream<Item = Result<ApiKey, Error>> + Send + 'static {
        let req =
            Request::get(Host::Api, self.account_path("/Keys.json")).query(vec![page_size(100)]);
        self.items(req, "keys")
    }

    pub async fn fetch_key(&self, sid: &ApiKeySid) -> Result<ApiKey, Error> {
        self.send(&Request::get(
            Host::Api,
            self.account_path(&format!("/Keys/{sid}.json")),
        ))
        .await
    }

    /// Deletes (revokes) an API key at once.
    pub async fn delete_key(&self, sid: &ApiKeySid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Api,
            self.account_path(&format!("/Keys/{sid}.json")),
        ))
        .await
    }
}
