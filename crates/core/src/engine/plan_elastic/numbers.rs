//! Routing the spec's numbers to an Elastic SIP trunk: a number already on the trunk is left
//! as it is; one on another trunk is detached from it first and then moved; any other is
//! attached (its voice URL and TwiML app recorded for a rollback; a password in that URL is not
//! recorded, see [`crate::engine::SecretSource::keep`]). Numbers are never bought or released.

use crate::engine::live::{ElasticLive, NumberView};
use crate::engine::plan::Builder;
use crate::engine::secrets::{masked, without_password};
use crate::engine::step::{Op, Ref, StepKind};
use crate::spec::ElasticTrunk;

/// Plans the spec's numbers onto `trunk` (existing, or made by a step); `build` has checked
/// that each is on the account.
pub(super) fn plan_numbers(b: &mut Builder, t: &ElasticTrunk, l: &ElasticLive, trunk: &Ref) {
    let name = &t.name;
    let trunk_sid = match trunk {
        Ref::Sid(s) => Some(s.clone()),
        Ref::Step(_) => None,
    };
    let trunk_name = |sid: &str| {
        l.trunks
            .iter()
            .find(|x| x.sid == sid)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| sid.to_string())
    };
    let by_number: std::collections::HashMap<&str, &NumberView> =
        l.numbers.iter().map(|v| (v.number.as_str(), v)).collect();
    for n in &t.numbers {
        let v = by_number
            .get(n.as_str())
            .expect("build checked that each number is on the account");
        if v.trunk_sid.is_some() && v.trunk_sid == trunk_sid {
            b.satisfied(format!("{n} already routes to trunk '{name}'"), &v.sid);
            continue;
        }
        let mut deps = vec![];
        if let Some(other) = &v.trunk_sid {
            deps.push(b.push(
                StepKind::Associate,
                format!(
                    "Detach {n} from trunk '{}' to move it to '{name}'",
                    trunk_name(other)
                ),
                &[("PhoneNumberSid", v.sid.clone())],
                &[],
                Op::DetachNumber {
                    trunk: other.clone(),
                    number_sid: v.sid.clone(),
                    number: n.clone(),
                },
            ));
        }
        let verb = if v.trunk_sid.is_some() {
            "Move"
        } else {
            "Route"
        };
        let from = v
            .trunk_sid
            .as_ref()
            .map(|o| format!(" from trunk '{}'", trunk_name(o)))
            .unwrap_or_default();
        // A password in the voice URL stays out of the plan: the apply keeps it aside.
        let stripped = v.voice_url.as_deref().and_then(without_password);
        let kept = match (&stripped, &v.voice_url) {
            (Some(_), Some(url)) => format!(
                " (its voice URL {} has a password: the plan does not hold it; the run keeps it \
                 aside so a rollback can put the URL back as it was)",
                masked(url)
            ),
            _ => String::new(),
        };
        b.push(
            StepKind::Associate,
            format!("{verb} {n}{from} to trunk '{name}'{kept}"),
            &[("PhoneNumberSid", v.sid.clone())],
            &deps,
            Op::AttachNumber {
                trunk: trunk.clone(),
                number_sid: v.sid.clone(),
                number: n.clone(),
                voice_url_password: stripped.is_some(),
                old_voice_url: stripped.or_else(|| v.voice_url.clone()),
                old_voice_application_sid: v.voice_application_sid.clone(),
            },
        );
    }
}
