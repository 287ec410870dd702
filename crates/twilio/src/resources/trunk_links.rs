//! What a trunk is linked to: the IP access control lists and credential lists that
//! authenticate termination, and the phone numbers that route to it. Removing a link only
//! detaches; the list or number itself survives (a number is never released here).

use futures::Stream;
use serde::Deserialize;

use super::trunks::trunk_path;
use crate::client::Request;
use crate::de::empty_as_none;
use crate::form::Form;
use crate::page::page_size;
use crate::{
    AccountSid, Client, CredentialListSid, Error, Host, IpAccessControlListSid, PhoneNumberSid,
    TrunkSid,
};

/// A list linked to a trunk; `sid` is the linked list's own SID.
#[derive(Debug, Clone, Deserialize)]
pub struct TrunkLink<S> {
    pub sid: S,
    #[serde(default)]
    pub account_sid: Option<AccountSid>,
    #[serde(default)]
    pub trunk_sid: Option<TrunkSid>,
    #[serde(default)]
    pub friendly_name: Option<String>,
}

/// `trunking.v1.trunk.phone_number`.
#[derive(Debug, Clone, Deserialize)]
pub struct TrunkPhoneNumber {
    pub sid: PhoneNumberSid,
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(default)]
    pub friendly_name: Option<String>,
    #[serde(default, deserialize_with = "empty_as_none")]
    pub trunk_sid: Option<TrunkSid>,
    #[serde(default)]
    pub voice_url: Option<String>,
}

macro_rules! trunk_link {
    ($sid:ty, $item:ty, $segment:literal, $param:literal, $key:literal,
     $add:ident, $list:ident, $fetch:ident, $remove:ident) => {
        impl Client {
            #[doc = concat!("Links a ", $segment, " entry to a trunk (`POST /v1/Trunks/{TK}/", $segment, "`).")]
            pub async fn $add(&self, trunk: &TrunkSid, sid: &$sid) -> Result<$item, Error> {
                let form = Form::new().set($param, sid).into_pairs();
                self.send(&Request::create(Host::Trunking, trunk_path(trunk, concat!("/", $segment)), form))
                    .await
            }

            pub fn $list(
                &self,
                trunk: &TrunkSid,
            ) -> impl Stream<Item = Result<$item, Error>> + Send + 'static {
                let req = Request::get(Host::Trunking, trunk_path(trunk, concat!("/", $segment)))
                    .query(vec![page_size(1000)]);
                self.items(req, $key)
            }

            pub async fn $fetch(&self, trunk: &TrunkSid, sid: &$sid) -> Result<$item, Error> {
                let path = trunk_path(trunk, &format!(concat!("/", $segment, "/{}"), sid));
                self.send(&Request::get(Host::Trunking, path)).await
            }

            #[doc = "Detaches; the linked resource itself is kept."]
            pub async fn $remove(&self, trunk: &TrunkSid, sid: &$sid) -> Result<(), Error> {
                let path = trunk_path(trunk, &format!(concat!("/", $segment, "/{}"), sid));
                self.send_empty(&Request::delete(Host::Trunking, path)).await
            }
        }
    };
}

trunk_link!(
    IpAccessControlListSid,
    TrunkLink<IpAccessControlListSid>,
    "IpAccessControlLists",
    "IpAccessControlListSid",
    "ip_access_control_lists",
    add_trunk_ip_acl,
    list_trunk_ip_acls,
    fetch_trunk_ip_acl,
    remove_trunk_ip_acl
);
trunk_link!(
    CredentialListSid,
    TrunkLink<CredentialListSid>,
    "CredentialLists",
    "CredentialListSid",
    "credential_lists",
    add_trunk_credential_list,
    list_trunk_credential_lists,
    fetch_trunk_credential_list,
    remove_trunk_credential_list
);
trunk_link!(
    PhoneNumberSid,
    TrunkPhoneNumber,
    "PhoneNumbers",
    "PhoneNumberSid",
    "phone_numbers",
    add_trunk_phone_number,
    list_trunk_phone_numbers,
    fetch_trunk_phone_number,
    remove_trunk_phone_number
);
