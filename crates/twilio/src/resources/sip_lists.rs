//! SIP IP access control lists with their addresses, and credential lists with their
//! credentials (API v2010, `…/Accounts/{AC}/SIP/…`).

use futures::Stream;
use serde::Deserialize;

use crate::client::Request;
use crate::de::lenient_u32;
use crate::form::Form;
use crate::page::page_size;
use crate::{
    AccountSid, Client, CredentialListSid, CredentialSid, Error, Host, IpAccessControlListSid,
    IpAddressSid, Secret,
};

/// `api.v2010.account.sip.sip_ip_access_control_list`.
#[derive(Debug, Clone, Deserialize)]
pub struct IpAccessControlList {
    pub sid: IpAccessControlListSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `…sip_ip_access_control_list.sip_ip_address`.
#[derive(Debug, Clone, Deserialize)]
pub struct IpAddress {
    pub sid: IpAddressSid,
    #[serde(default)]
    pub ip_access_control_list_sid: Option<IpAccessControlListSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default, deserialize_with = "lenient_u32")]
    pub cidr_prefix_length: Option<u32>,
}

/// `api.v2010.account.sip.sip_credential_list`.
#[derive(Debug, Clone, Deserialize)]
pub struct CredentialList {
    pub sid: CredentialListSid,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// A credential; Twilio never returns its password.
#[derive(Debug, Clone, Deserialize)]
pub struct Credential {
    pub sid: CredentialSid,
    #[serde(default)]
    pub credential_list_sid: Option<CredentialListSid>,
    #[serde(default)]
    pub username: Option<String>,
}

/// A new entry of an IP access control list.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIpAddress {
    pub friendly_name: String,
    pub ip_address: String,
    /// `None` = the single address.
    pub cidr_prefix_length: Option<u32>,
}

impl Client {
    fn sip(&self, rest: &str) -> String {
        self.account_path(&format!("/SIP{rest}"))
    }

    pub async fn create_ip_acl(&self, friendly_name: &str) -> Result<IpAccessControlList, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Api,
            self.sip("/IpAccessControlLists.json"),
            form,
        ))
        .await
    }

    pub fn list_ip_acls(
        &self,
    ) -> impl Stream<Item = Result<IpAccessControlList, Error>> + Send + 'static {
        let req = Request::get(Host::Api, self.sip("/IpAccessControlLists.json"))
            .query(vec![page_size(1000)]);
        self.items(req, "ip_access_control_lists")
    }

    pub async fn fetch_ip_acl(
        &self,
        sid: &IpAccessControlListSid,
    ) -> Result<IpAccessControlList, Error> {
        self.send(&Request::get(
            Host::Api,
            self.sip(&format!("/IpAccessControlLists/{sid}.json")),
        ))
        .await
    }

    pub async fn rename_ip_acl(
        &self,
        sid: &IpAccessControlListSid,
        friendly_name: &str,
    ) -> Result<IpAccessControlList, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        let path = self.sip(&format!("/IpAccessControlLists/{sid}.json"));
        self.send(&Request::update(Host::Api, path, form)).await
    }

    pub async fn delete_ip_acl(&self, sid: &IpAccessControlListSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Api,
            self.sip(&format!("/IpAccessControlLists/{sid}.json")),
        ))
        .await
    }

    pub async fn create_ip_address(
        &self,
        acl: &IpAccessControlListSid,
        p: &NewIpAddress,
    ) -> Result<IpAddress, Error> {
        let form = Form::new()
            .set("FriendlyName", &p.friendly_name)
            .set("IpAddress", &p.ip_address)
            .opt("CidrPrefixLength", p.cidr_prefix_length)
            .into_pairs();
        let path = self.sip(&format!("/IpAccessControlLists/{acl}/IpAddresses.json"));
        self.send(&Request::create(Host::Api, path, form)).await
    }

    pub fn list_ip_addresses(
        &self,
        acl: &IpAccessControlListSid,
    ) -> impl Stream<Item = Result<IpAddress, Error>> + Send + 'static {
        let path = self.sip(&format!("/IpAccessControlLists/{acl}/IpAddresses.json"));
        self.items(
            Request::get(Host::Api, path).query(vec![page_size(1000)]),
            "ip_addresses",
        )
    }

    pub async fn fetch_ip_address(
        &self,
        acl: &IpAccessControlListSid,
        sid: &IpAddressSid,
    ) -> Result<IpAddress, Error> {
        let path = self.sip(&format!(
            "/IpAccessControlLists/{acl}/IpAddresses/{sid}.json"
        ));
        self.send(&Request::get(Host::Api, path)).await
    }

    pub async fn update_ip_address(
        &self,
        acl: &IpAccessControlListSid,
        sid: &IpAddressSid,
        friendly_name: Option<&str>,
        ip_address: Option<&str>,
        cidr_prefix_length: Option<u32>,
    ) -> Result<IpAddress, Error> {
        let form = Form::new()
            .opt("FriendlyName", friendly_name)
            .opt("IpAddress", ip_address)
            .opt("CidrPrefixLength", cidr_prefix_length)
            .into_pairs();
        let path = self.sip(&format!(
            "/IpAccessControlLists/{acl}/IpAddresses/{sid}.json"
        ));
        self.send(&Request::update(Host::Api, path, form)).await
    }

    pub async fn delete_ip_address(
        &self,
        acl: &IpAccessControlListSid,
        sid: &IpAddressSid,
    ) -> Result<(), Error> {
        let path = self.sip(&format!(
            "/IpAccessControlLists/{acl}/IpAddresses/{sid}.json"
        ));
        self.send_empty(&Request::delete(Host::Api, path)).await
    }

    pub async fn create_credential_list(
        &self,
        friendly_name: &str,
    ) -> Result<CredentialList, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        self.send(&Request::create(
            Host::Api,
            self.sip("/CredentialLists.json"),
            form,
        ))
        .await
    }

    pub fn list_credential_lists(
        &self,
    ) -> impl Stream<Item = Result<CredentialList, Error>> + Send + 'static {
        let req =
            Request::get(Host::Api, self.sip("/CredentialLists.json")).query(vec![page_size(1000)]);
        self.items(req, "credential_lists")
    }

    pub async fn fetch_credential_list(
        &self,
        sid: &CredentialListSid,
    ) -> Result<CredentialList, Error> {
        self.send(&Request::get(
            Host::Api,
            self.sip(&format!("/CredentialLists/{sid}.json")),
        ))
        .await
    }

    pub async fn rename_credential_list(
        &self,
        sid: &CredentialListSid,
        friendly_name: &str,
    ) -> Result<CredentialList, Error> {
        let form = Form::new().set("FriendlyName", friendly_name).into_pairs();
        let path = self.sip(&format!("/CredentialLists/{sid}.json"));
        self.send(&Request::update(Host::Api, path, form)).await
    }

    pub async fn delete_credential_list(&self, sid: &CredentialListSid) -> Result<(), Error> {
        self.send_empty(&Request::delete(
            Host::Api,
            self.sip(&format!("/CredentialLists/{sid}.json")),
        ))
        .await
    }

    pub async fn create_credential(
        &self,
        list: &CredentialListSid,
        username: &str,
        password: &Secret,
    ) -> Result<Credential, Error> {
        let form = Form::new()
            .set("Username", username)
            .set("Password", password.expose())
            .into_pairs();
        let path = self.sip(&format!("/CredentialLists/{list}/Credentials.json"));
        self.send(&Request::create(Host::Api, path, form)).await
    }

    pub fn list_credentials(
        &self,
        list: &CredentialListSid,
    ) -> impl Stream<Item = Result<Credential, Error>> + Send + 'static {
        let path = self.sip(&format!("/CredentialLists/{list}/Credentials.json"));
        self.items(
            Request::get(Host::Api, path).query(vec![page_size(1000)]),
            "credentials",
        )
    }

    pub async fn fetch_credential(
        &self,
        list: &CredentialListSid,
        sid: &CredentialSid,
    ) -> Result<Credential, Error> {
        let path = self.sip(&format!("/CredentialLists/{list}/Credentials/{sid}.json"));
        self.send(&Request::get(Host::Api, path)).await
    }

    /// Sets a new password (the username cannot change).
    pub async fn update_credential_password(
        &self,
        list: &CredentialListSid,
        sid: &CredentialSid,
        password: &Secret,
    ) -> Result<Credential, Error> {
        let form = Form::new().set("Password", password.expose()).into_pairs();
        let path = self.sip(&format!("/CredentialLists/{list}/Credentials/{sid}.json"));
        self.send(&Request::update(Host::Api, path, form)).await
    }

    pub async fn delete_credential(
        &self,
        list: &CredentialListSid,
        sid: &CredentialSid,
    ) -> Result<(), Error> {
        let path = self.sip(&format!("/CredentialLists/{list}/Credentials/{sid}.json"));
        self.send_empty(&Request::delete(Host::Api, path)).await
    }
}
