//! A preset's questions as the form the window draws (kinds, choices with their details,
//! limits), and the answers checked as the user types: which questions are asked given the
//! earlier answers, each one's default rendered from them, and every problem.

use serde_json::Value;
use switchboard_core::preset::template::Template;
use switchboard_core::preset::{self, Kind, Preset};

use crate::error::AppResult;
use crate::wizard::preset_view::*;

use super::{catalog, find, given};

fn words(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(words).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

pub fn form(id: &str) -> AppResult<PresetForm> {
    let p = find(&catalog(), id)?;
    let clamp = |n: Option<i64>| n.map(|n| n.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
    Ok(PresetForm {
        id: p.id,
        version: p.version,
        title: p.title,
        summary: p.summary,
        questions: p
            .questions
            .into_iter()
            .map(|q| QuestionView {
                kind: q.kind.into(),
                has_default: q.default.is_some(),
                choices: q
                    .choices
                    .into_iter()
                    .map(|c| ChoiceView {
                        value: c.value,
                        label: c.label,
                        details: c
                            .data
                            .iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    words(&serde_json::to_value(v).unwrap_or_default()),
                                )
                            })
                            .collect(),
                    })
                    .collect(),
                id: q.id,
                label: q.label,
                help: q.help,
                unverified: q.unverified,
                confirm_with: q.confirm_with,
                pattern_rule: q.pattern_rule,
                min: clamp(q.min),
                max: clamp(q.max),
                username_from: q.username_from,
            })
            .collect(),
    })
}

/// An answer as the templates see it (a choice as its value, label and data).
fn template_value(p: &Preset, id: &str, v: &Value) -> Value {
    let Some(q) = p.questions.iter().find(|q| q.id == id) else {
        return v.clone();
    };
    match q.kind {
        Kind::Choice => {
            let s = v.as_str().unwrap_or_default();
            match q.choices.iter().find(|c| c.value == s) {
                Some(c) => {
                    let mut o = serde_json::Map::new();
                    o.insert("value".into(), c.value.clone().into());
                    o.insert("label".into(), c.label.clone().into());
                    for (k, d) in &c.data {
                        o.insert(k.clone(), serde_json::to_value(d).unwrap_or_default());
                    }
                    Value::Object(o)
                }
                None => v.clone(),
            }
        }
        Kind::NumberList | Kind::Ipv4List => match v {
            Value::String(s) => Value::Array(
                s.split([',', ';', '\n', ' ', '\t'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.into()))
                    .collect(),
            ),
            other => other.clone(),
        },
        _ => v.clone(),
    }
}

pub fn check(req: &PresetAnswers) -> AppResult<AnswersCheck> {
    let p = find(&catalog(), &req.preset_id)?;
    let answers = given(&req.answers);
    let mut ctx = serde_json::Map::new();
    let mut questions = Vec::new();
    for q in &p.questions {
        let render = |t: &str, ctx: &serde_json::Map<String, Value>| {
            Template::parse(t)
                .and_then(|t| t.render(&Value::Object(ctx.clone())))
                .ok()
        };
        let asked = match &q.when {
            None => true,
            Some(c) => {
                render(&format!("{{{{#if {c}}}}}1{{{{/if}}}}"), &ctx).as_deref() == Some("1")
            }
        };
        let default = if asked && q.kind != Kind::SecretGenerated {
            q.default.as_deref().and_then(|d| render(d, &ctx))
        } else {
            None
        };
        let value = match (asked, answers.get(&q.id), &default) {
            (false, _, _) => Value::String(String::new()),
            (true, Some(v), _) => template_value(&p, &q.id, v),
            (true, None, Some(d)) => template_value(&p, &q.id, &Value::String(d.clone())),
            (true, None, None) => Value::String(String::new()),
        };
        ctx.insert(q.id.clone(), value);
        questions.push(AnswerState {
            id: q.id.clone(),
            asked,
            default,
        });
    }
    Ok(AnswersCheck {
        questions,
        issues: preset::check_answers(&p, &answers),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_earlier_answers() {
        let req = PresetAnswers {
            preset_id: "genesys-byoc".into(),
            answers: [
                ("region".to_string(), Value::from("mypurecloud.ie")),
                ("identifier".to_string(), Value::from("acme")),
            ]
            .into(),
        };
        let c = check(&req).unwrap();
        let d = |id: &str| {
            c.questions
                .iter()
                .find(|q| q.id == id)
                .and_then(|q| q.default.clone())
        };
        assert_eq!(d("twilio_edge").as_deref(), Some("dublin"));
        assert_eq!(d("sip_username").as_deref(), Some("genesys-acme"));
        assert_eq!(d("trunk_name").as_deref(), Some("Genesys acme"));
        assert_eq!(d("calling_number"), None, "no numbers yet");
    }
}
