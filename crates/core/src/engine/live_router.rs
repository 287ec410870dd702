//! What the router's plan depends on: the Serverless service (by unique name), its
//! `production` environment, the router Function, and a digest of the code deployed there;
//! for a SIP domain also the account numbers the table names (their voice URLs point at it).

use std::collections::BTreeMap;

use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use switchboard_twilio::{Client, Error, HttpMethod, NumberFilter};

use super::step_router::{ROUTER_ENV, ROUTER_FUNCTION};
use crate::router::{ByocInbound, ROUTER_PATH, RouterSpec, carrier_address};

/// The router's environment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouterEnv {
    pub sid: String,
    pub domain_name: String,
    pub build_sid: Option<String>,
}

/// The router's resources on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouterLive {
    /// The account (Studio flow URLs in the generated code name it).
    pub account_sid: String,
    pub service: Option<String>,
    pub environment: Option<RouterEnv>,
    pub function: Option<String>,
    /// SHA-256 of the router code the environment runs.
    pub deployed_code: Option<String>,
    /// The account numbers among the table's rows (SIP domain only), by number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<RoutedNumber>,
    /// Account numbers whose voice URL is this router's although the table does not name them
    /// (SIP domain only): rows removed since the router took their calls.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pointed: Vec<RoutedNumber>,
    /// The voice URL each number had before the router took its calls, as the deployed code
    /// records it (see [`PREVIOUS_MARK`]), by number.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub previous: BTreeMap<String, PreviousVoice>,
}

/// A number's voice URL and method before the router took its calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousVoice {
    pub url: Option<String>,
    pub method: HttpMethod,
}

/// The comment that records, in the deployed router code, the voice URL each routed account
/// number had before the router: the account keeps it (Twilio has nowhere else to put it), so a
/// number the table drops later gets its own voice URL back. A JSON object on one line.
pub(crate) const PREVIOUS_MARK: &str = "// switchboard-previous-voice-urls: ";

/// The code with the record of `previous` appended (the code itself when there is nothing to
/// record).
pub(crate) fn with_previous(code: String, previous: &BTreeMap<String, PreviousVoice>) -> String {
    if previous.is_empty() {
        return code;
    }
    let json = serde_json::to_string(previous).unwrap_or_default();
    format!(
        "{code}\n// The voice URL each routed number had before this router; Switchboard puts it back\n\
         // when the number leaves the table.\n{PREVIOUS_MARK}{json}\n"
    )
}

/// The record [`with_previous`] appended to deployed code (empty when there is none or it is
/// unreadable: the numbers' earlier voice URLs are then unknown).
pub(crate) fn previous_in(code: &str) -> BTreeMap<String, PreviousVoice> {
    code.lines()
        .find_map(|l| l.strip_prefix(PREVIOUS_MARK))
        .and_then(|j| serde_json::from_str(j.trim()).ok())
        .unwrap_or_default()
}

/// An account number the table names, as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoutedNumber {
    pub sid: String,
    pub phone_number: String,
    pub voice_url: Option<String>,
    pub voice_method: HttpMethod,
    /// An Elastic SIP trunk the number answers through (Twilio then ignores its voice URL).
    pub trunk_sid: Option<String>,
    /// A TwiML app the number answers through (Twilio then ignores its voice URL).
    pub voice_application_sid: Option<String>,
}

/// [`read`], plus the account numbers named by the table's rows (a SIP domain's router: the
/// numbers' voice URLs are pointed at it). One paged pass over the account's numbers.
pub(crate) async fn read_with_numbers(
    client: &Client,
    spec: Option<&RouterSpec>,
) -> Result<Option<RouterLive>, Error> {
    let Some(r) = spec else {
        return Ok(None);
    };
    let wanted: Vec<&str> = r.rows.iter().map(|x| x.number.trim()).collect();
    let numbers = async {
        let filter = NumberFilter {
            page_size: Some(1000),
            ..NumberFilter::default()
        };
        let all: Vec<_> = client
            .list_incoming_phone_numbers(&filter)
            .try_collect()
            .await?;
        let mut found: Vec<RoutedNumber> = all
            .into_iter()
            .filter(|n| {
                wanted.contains(&n.phone_number.as_str())
                    || n.voice_url
                        .as_deref()
                        .is_some_and(|u| u.ends_with(ROUTER_PATH))
            })
            .map(|n| RoutedNumber {
                sid: n.sid.to_string(),
                phone_number: n.phone_number,
                voice_url: n.voice_url.filter(|u| !u.is_empty()),
                voice_method: n.voice_method.unwrap_or(HttpMethod::Post),
                trunk_sid: n.trunk_sid.map(|t| t.to_string()),
                voice_application_sid: n.voice_application_sid.map(|a| a.to_string()),
            })
            .collect();
        found.sort_by(|a, b| a.phone_number.cmp(&b.phone_number));
        Ok::<_, Error>(found)
    };
    let (live, numbers) = tokio::try_join!(read(client, spec), numbers)?;
    Ok(live.map(|mut l| {
        let url = l
            .environment
            .as_ref()
            .map(|e| format!("https://{}{ROUTER_PATH}", e.domain_name));
        let (table, other): (Vec<_>, Vec<_>) = numbers
            .into_iter()
            .partition(|n| wanted.contains(&n.phone_number.as_str()));
        l.numbers = table;
        l.pointed = other
            .into_iter()
            .filter(|n| url.is_some() && n.voice_url == url)
            .collect();
        l
    }))
}

pub(crate) fn digest(code: &str) -> String {
    Sha256::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the router's resources when the spec has a router.
pub(crate) async fn read(
    client: &Client,
    spec: Option<&RouterSpec>,
) -> Result<Option<RouterLive>, Error> {
    let Some(r) = spec else {
        return Ok(None);
    };
    let mut live = RouterLive {
        account_sid: client.account_sid().to_string(),
        service: None,
        environment: None,
        function: None,
        deployed_code: None,
        numbers: vec![],
        pointed: vec![],
        previous: BTreeMap::new(),
    };
    let service = match client.fetch_service_named(&r.service_name).await {
        Ok(s) => s,
        Err(e) if e.is_not_found() => return Ok(Some(live)),
        Err(e) => return Err(e),
    };
    let (envs, funs) = tokio::try_join!(
        client
            .list_environments(&service.sid)
            .try_collect::<Vec<_>>(),
        client.list_functions(&service.sid).try_collect::<Vec<_>>(),
    )?;
    live.service = Some(service.sid.to_string());
    let env = envs
        .into_iter()
        .find(|e| e.unique_name.as_deref() == Some(ROUTER_ENV));
    let fun = funs
        .into_iter()
        .find(|f| f.friendly_name.as_deref() == Some(ROUTER_FUNCTION));
    live.function = fun.as_ref().map(|f| f.sid.to_string());
    if let Some(e) = &env {
        live.environment = Some(RouterEnv {
            sid: e.sid.to_string(),
            domain_name: e.domain_name.clone().unwrap_or_default(),
            build_sid: e.build_sid.as_ref().map(|b| b.to_string()),
        });
    }
    if let (Some(e), Some(f)) = (&env, &fun)
        && let Some(build) = &e.build_sid
    {
        let b = client.fetch_build(&service.sid, build).await?;
        let version = b.function_versions.iter().find(|v| match &v.function_sid {
            Some(fs) => fs == &f.sid,
            None => v.path.as_deref() == Some(ROUTER_PATH),
        });
        if let Some(v) = version {
            let fsid = match &v.function_sid {
                Some(s) => s.clone(),
                None => f.sid.clone(),
            };
            let c = client
                .fetch_function_version_content(&service.sid, &fsid, &v.sid)
                .await?;
            live.deployed_code = c.content.as_deref().map(digest);
            live.previous = c.content.as_deref().map(previous_in).unwrap_or_default();
        }
    }
    Ok(Some(live))
}

/// What a BYOC spec's `inbound` depends on: the SIP domain (by name), the IP records holding
/// the spec's carrier addresses and their source IP mappings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundLive {
    pub domain: Option<InboundDomain>,
    pub records: Vec<InboundRecord>,
    pub mappings: Vec<InboundMapping>,
    /// Mappings of other addresses to the domain (not among the spec's carrier addresses).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<InboundOther>,
}

/// A source IP mapping to the inbound domain whose address the spec does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundOther {
    pub sid: String,
    pub ip_record_sid: String,
    /// `address/prefix` of its IP record.
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundDomain {
    pub sid: String,
    pub byoc_trunk_sid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundRecord {
    pub sid: String,
    pub ip_address: String,
    pub cidr_prefix_length: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundMapping {
    pub sid: String,
    pub ip_record_sid: String,
    pub sip_domain_sid: String,
}

/// Reads the inbound side of a BYOC spec, when it has one.
pub(crate) async fn read_inbound(
    client: &Client,
    spec: Option<&ByocInbound>,
) -> Result<Option<InboundLive>, Error> {
    let Some(i) = spec else {
        return Ok(None);
    };
    let (domains, records, mappings) = tokio::try_join!(
        client.list_sip_domains().try_collect::<Vec<_>>(),
        client.list_ip_records().try_collect::<Vec<_>>(),
        client.list_source_ip_mappings().try_collect::<Vec<_>>(),
    )?;
    let domain = domains
        .into_iter()
        .find(|d| {
            d.domain_name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(i.sip_domain.trim()))
        })
        .map(|d| InboundDomain {
            sid: d.sid.to_string(),
            byoc_trunk_sid: d.byoc_trunk_sid.map(|b| b.to_string()),
        });
    let wanted: Vec<(String, u8)> = i
        .carrier_ips
        .iter()
        .filter_map(|e| carrier_address(e))
        .collect();
    let addresses: BTreeMap<String, String> = records
        .iter()
        .map(|r| {
            (
                r.sid.to_string(),
                format!(
                    "{}/{}",
                    r.ip_address.clone().unwrap_or_default(),
                    r.cidr_prefix_length.unwrap_or(32)
                ),
            )
        })
        .collect();
    let mut records: Vec<InboundRecord> = records
        .into_iter()
        .filter_map(|r| {
            let key = (r.ip_address.clone()?, r.cidr_prefix_length.unwrap_or(32));
            wanted.contains(&key).then(|| InboundRecord {
                sid: r.sid.to_string(),
                ip_address: key.0,
                cidr_prefix_length: key.1,
            })
        })
        .collect();
    records.sort_by(|a, b| a.sid.cmp(&b.sid));
    let domain_sid = domain.as_ref().map(|d| d.sid.clone());
    let mut others: Vec<InboundOther> = mappings
        .iter()
        .filter(|m| m.sip_domain_sid.as_ref().map(|d| d.to_string()) == domain_sid)
        .filter_map(|m| {
            let il = m.ip_record_sid.as_ref()?.to_string();
            (!records.iter().any(|r| r.sid == il)).then(|| InboundOther {
                sid: m.sid.to_string(),
                address: addresses.get(&il).cloned().unwrap_or_else(|| il.clone()),
                ip_record_sid: il,
            })
        })
        .collect();
    others.sort_by(|a, b| a.sid.cmp(&b.sid));
    let mut mappings: Vec<InboundMapping> = mappings
        .into_iter()
        .filter_map(|m| {
            let il = m.ip_record_sid?.to_string();
            records.iter().any(|r| r.sid == il).then(|| InboundMapping {
                sid: m.sid.to_string(),
                ip_record_sid: il,
                sip_domain_sid: m.sip_domain_sid.map(|d| d.to_string()).unwrap_or_default(),
            })
        })
        .collect();
    mappings.sort_by(|a, b| a.sid.cmp(&b.sid));
    Ok(Some(InboundLive {
        domain,
        records,
        mappings,
        others,
    }))
}
