//! Live reads for BYOC and SIP domain specs (see [`super::live`] for the Elastic trunk).

use futures::TryStreamExt;
use switchboard_twilio::{Client, Error, HttpMethod};

use super::live::{
    ByocLive, DomainLive, Known, Named, Speculative, opt, read_lists, read_mappings,
};
use super::step::{ByocFields, DomainFields, Ref, TargetFields};
use crate::spec::{Byoc, SipDomain};

async fn targets(client: &Client, sid: String) -> Result<Vec<(String, TargetFields)>, Error> {
    let sid =
        switchboard_twilio::ConnectionPolicySid::parse(&sid).map_err(|e| Error::InvalidInput {
            field: "connection_policy".into(),
            value: sid.clone(),
            rule: e.to_string(),
        })?;
    let mut t: Vec<(String, TargetFields)> = client
        .list_targets(&sid)
        .try_collect::<Vec<_>>()
        .await?
        .into_iter()
        .map(|t| {
            (
                t.sid.to_string(),
                TargetFields {
                    friendly_name: opt(t.friendly_name),
                    target: t.target.unwrap_or_default(),
                    priority: t.priority.unwrap_or(10),
                    weight: t.weight.unwrap_or(10),
                    enabled: t.enabled.unwrap_or(true),
                },
            )
        })
        .collect();
    t.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(t)
}

pub(crate) async fn read_byoc(b: &Byoc, client: &Client, known: &Known) -> Result<ByocLive, Error> {
    let early = Speculative::start(known, |sid| targets(client, sid));
    let (policies, trunks, domains, early) = tokio::join!(
        client.list_connection_policies().try_collect::<Vec<_>>(),
        client.list_byoc_trunks().try_collect::<Vec<_>>(),
        client.list_sip_domains().try_collect::<Vec<_>>(),
        early,
    );
    let (policies, trunks, domains) = (policies?, trunks?, domains?);
    let mut policies: Vec<Named> = policies
        .into_iter()
        .map(|p| Named {
            sid: p.sid.to_string(),
            name: p.friendly_name.unwrap_or_default(),
        })
        .collect();
    policies.sort_by(|a, b| a.sid.cmp(&b.sid));
    let policy_sid = policies
        .iter()
        .find(|p| p.name == b.connection_policy.name)
        .map(|p| p.sid.clone());
    let targets = match &policy_sid {
        None => vec![],
        Some(sid) => early
            .pick(sid, |sid| targets(client, sid))
            .await?
            .unwrap_or_default(),
    };
    let mut trunks: Vec<(String, ByocFields)> = trunks
        .into_iter()
        .map(|t| {
            (
                t.sid.to_string(),
                ByocFields {
                    friendly_name: t.friendly_name.unwrap_or_default(),
                    voice_url: opt(t.voice_url),
                    voice_method: t.voice_method.unwrap_or(HttpMethod::Post),
                    voice_fallback_url: opt(t.voice_fallback_url),
                    voice_fallback_method: t.voice_fallback_method.unwrap_or(HttpMethod::Post),
                    status_callback_url: opt(t.status_callback_url),
                    status_callback_method: t.status_callback_method.unwrap_or(HttpMethod::Post),
                    cnam_lookup_enabled: t.cnam_lookup_enabled.unwrap_or(false),
                    connection_policy: t.connection_policy_sid.map(|s| Ref::Sid(s.to_string())),
                    from_domain_sid: t.from_domain_sid.map(|s| s.to_string()),
                },
            )
        })
        .collect();
    trunks.sort_by(|a, b| a.0.cmp(&b.0));
    let mut domains: Vec<Named> = domains
        .into_iter()
        .map(|d| Named {
            sid: d.sid.to_string(),
            name: d.domain_name.unwrap_or_default(),
        })
        .collect();
    domains.sort_by(|a, b| a.sid.cmp(&b.sid));
    Ok(ByocLive {
        policy_sid,
        policies,
        targets,
        trunks,
        domains,
        router: super::live_router::read(client, b.router.as_ref()).await?,
        inbound: super::live_router::read_inbound(client, b.inbound.as_ref()).await?,
    })
}

pub(crate) async fn read_domain(
    d: &SipDomain,
    client: &Client,
    known: &Known,
) -> Result<DomainLive, Error> {
    let cls: Vec<String> = d.credential_lists.iter().map(|c| c.name.clone()).collect();
    let mappings = |sid: String| async move {
        let sid =
            switchboard_twilio::SipDomainSid::parse(&sid).map_err(|e| Error::InvalidInput {
                field: "sip_domain".into(),
                value: sid.clone(),
                rule: e.to_string(),
            })?;
        read_mappings(client, &sid).await
    };
    let early = Speculative::start(known, mappings);
    let (domains, lists, early) = tokio::join!(
        client.list_sip_domains().try_collect::<Vec<_>>(),
        read_lists(client, &d.ip_acls, &cls, known),
        early,
    );
    let (domains, lists) = (domains?, lists?);
    let found = domains
        .into_iter()
        .find(|x| x.domain_name.as_deref() == Some(d.domain.as_str()));
    let (domain, mappings) = match found {
        None => (None, Default::default()),
        Some(x) => {
            let mappings = early
                .pick(x.sid.as_str(), mappings)
                .await?
                .unwrap_or_default();
            let fields = DomainFields {
                domain_name: x.domain_name.unwrap_or_default(),
                friendly_name: opt(x.friendly_name),
                voice_url: opt(x.voice_url),
                voice_method: x.voice_method.unwrap_or(HttpMethod::Post),
                sip_registration: x.sip_registration.unwrap_or(false),
                emergency_calling_enabled: x.emergency_calling_enabled.unwrap_or(false),
                secure: x.secure.unwrap_or(false),
            };
            (Some((x.sid.to_string(), fields)), mappings)
        }
    };
    Ok(DomainLive {
        domain,
        lists,
        mappings,
        router: super::live_router::read_with_numbers(client, d.router.as_ref()).await?,
    })
}
