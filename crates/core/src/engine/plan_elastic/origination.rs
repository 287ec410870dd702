//! Planning an Elastic SIP trunk's origination URLs (where Twilio sends the trunk's incoming
//! calls): each is matched by name on the adopted trunk and made, updated, or found already
//! right. Those the spec no longer lists are removed by `extras`.

use crate::engine::live::ElasticLive;
use crate::engine::plan::{Builder, changes};
use crate::engine::step::{Op, OriginationFields, Ref, StepKind};
use crate::spec::ElasticTrunk;

/// Plans the spec's origination URLs on `trunk` (existing, or made by a step).
pub(super) fn plan_origination_urls(
    b: &mut Builder,
    t: &ElasticTrunk,
    l: &ElasticLive,
    trunk: &Ref,
) {
    let existing_urls = l
        .trunk
        .as_ref()
        .map(|d| d.origination_urls.clone())
        .unwrap_or_default();
    for o in &t.origination_urls {
        let want = OriginationFields {
            friendly_name: o.name.clone(),
            sip_url: o.sip_url.clone(),
            priority: o.priority,
            weight: o.weight,
            enabled: o.enabled,
        };
        let params = [
            ("FriendlyName", want.friendly_name.clone()),
            ("SipUrl", want.sip_url.clone()),
            ("Priority", want.priority.to_string()),
            ("Weight", want.weight.to_string()),
            ("Enabled", want.enabled.to_string()),
        ];
        match existing_urls
            .iter()
            .find(|(_, f)| f.friendly_name == o.name)
        {
            Some((sid, f)) if *f == want => b.satisfied(
                format!(
                    "Origination URL '{}' already points to {}",
                    o.name, o.sip_url
                ),
                sid,
            ),
            Some((sid, f)) => {
                let diff = changes(&[
                    ("SIP URL", f.sip_url.clone(), want.sip_url.clone()),
                    (
                        "priority",
                        f.priority.to_string(),
                        want.priority.to_string(),
                    ),
                    ("weight", f.weight.to_string(), want.weight.to_string()),
                    ("enabled", f.enabled.to_string(), want.enabled.to_string()),
                ]);
                let Ref::Sid(tk) = trunk else {
                    unreachable!("an existing URL belongs to an existing trunk")
                };
                b.push(
                    StepKind::Update,
                    format!("Update origination URL '{}': {diff}", o.name),
                    &params,
                    &[],
                    Op::UpdateOriginationUrl {
                        trunk: tk.clone(),
                        sid: sid.clone(),
                        new: want,
                        old: f.clone(),
                    },
                );
            }
            None => {
                b.push(
                    StepKind::Create,
                    format!(
                        "Create origination URL '{}' → {} (priority {}, weight {}{})",
                        o.name,
                        o.sip_url,
                        o.priority,
                        o.weight,
                        if o.enabled { "" } else { ", disabled" }
                    ),
                    &params,
                    &[],
                    Op::CreateOriginationUrl {
                        trunk: trunk.clone(),
                        fields: want,
                    },
                );
            }
        }
    }
}
