//! The small template language preset files use to turn answers into a spec and a sheet.
//!
//! Presets are data, so carrier authors need a way to say "put the identifier here" and "only
//! when TLS was chosen" without code. The language is deliberately tiny (a Handlebars subset):
//!
//! | Syntax | Meaning |
//! |---|---|
//! | `{{ path }}` | the value, escaped for a TOML basic string (`"…"` or `"""…"""`) |
//! | `{{ toml path }}` | the value as a TOML literal (`"a"`, `["a", "b"]`, `true`, `5`) |
//! | `{{ json path }}` | the value as compact JSON, escaped for a TOML basic string |
//! | `{{ pretty path }}` | the value as indented JSON, escaped for a TOML basic string |
//! | `{{#if cond}}…{{else}}…{{/if}}` | `cond` is `path`, `!path`, `path == "text"` or `path != "text"` |
//! | `{{#each path}}…{{/each}}` | repeats for each list item: `this`, `@index`, `@first`, `@last` |
//!
//! A `path` is a name with optional `.field` / `.0` steps (`region.legacy_domain`, `numbers.0`).
//! An object prints as its `value` field, so a choice answer prints as the chosen value.
//! Unknown names are errors (a typo in a preset file must not render as an empty string).

use serde_json::Value;

/// A parsed template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template(Vec<Node>);

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Text(String),
    Out(Filter, String),
    If(Cond, Vec<Node>, Vec<Node>),
    Each(String, Vec<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Filter {
    Plain,
    Toml,
    Json,
    Pretty,
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Truthy(String, bool),
    Eq(String, String, bool),
}

/// Where a template went wrong, with the offending tag.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

impl Template {
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut rest = text;
        let (nodes, end) = parse_nodes(&mut rest)?;
        match end {
            None => Ok(Template(nodes)),
            Some(tag) => Err(TemplateError(format!(
                "`{{{{{tag}}}}}` has no matching opening tag"
            ))),
        }
    }

    /// Renders with `ctx` (an object of names to values).
    pub fn render(&self, ctx: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        let mut scope = vec![ctx.clone()];
        render(&self.0, &mut scope, &mut out)?;
        Ok(out)
    }
}

/// Parses until the end of input or a closing/else tag, which it returns.
fn parse_nodes(rest: &mut &str) -> Result<(Vec<Node>, Option<String>), TemplateError> {
    let mut nodes = Vec::new();
    loop {
        let Some(start) = rest.find("{{") else {
            if !rest.is_empty() {
                nodes.push(Node::Text(rest.to_string()));
            }
            *rest = "";
            return Ok((nodes, None));
        };
        if start > 0 {
            nodes.push(Node::Text(rest[..start].to_string()));
        }
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(TemplateError(format!(
                "`{{{{` without `}}}}` near `{}`",
                after.chars().take(30).collect::<String>()
            )));
        };
        let tag = after[..end].trim().to_string();
        *rest = &after[end + 2..];
        if tag == "else" || tag.starts_with('/') {
            return Ok((nodes, Some(tag)));
        }
        if let Some(c) = tag.strip_prefix("#if ") {
            let cond = parse_cond(c.trim())?;
            let (yes, end) = parse_nodes(rest)?;
            let no = match end.as_deref() {
                Some("/if") => Vec::new(),
                Some("else") => match parse_nodes(rest)? {
                    (no, Some(t)) if t == "/if" => no,
                    (_, t) => return Err(unclosed("#if", t)),
                },
                t => return Err(unclosed("#if", t.map(str::to_string))),
            };
            nodes.push(Node::If(cond, yes, no));
        } else if let Some(p) = tag.strip_prefix("#each ") {
            let (body, end) = parse_nodes(rest)?;
            if end.as_deref() != Some("/each") {
                return Err(unclosed("#each", end));
            }
            nodes.push(Node::Each(path(p.trim())?, body));
        } else if tag.starts_with('#') {
            return Err(TemplateError(format!(
                "`{{{{{tag}}}}}`: only #if and #each blocks exist"
            )));
        } else {
            let (filter, p) = match tag.split_once(' ') {
                Some(("toml", p)) => (Filter::Toml, p),
                Some(("json", p)) => (Filter::Json, p),
                Some(("pretty", p)) => (Filter::Pretty, p),
                Some((f, _)) => {
                    return Err(TemplateError(format!(
                        "`{{{{{tag}}}}}`: `{f}` is not a filter (toml, json, pretty)"
                    )));
                }
                None => (Filter::Plain, tag.as_str()),
            };
            nodes.push(Node::Out(filter, path(p.trim())?));
        }
    }
}

fn unclosed(block: &str, found: Option<String>) -> TemplateError {
    TemplateError(match found {
        Some(t) => format!("`{{{{{block}}}}}` is closed by `{{{{{t}}}}}`"),
        None => format!("`{{{{{block} …}}}}` is never closed"),
    })
}

fn path(p: &str) -> Result<String, TemplateError> {
    let ok = !p.is_empty()
        && p.split('.').all(|s| {
            !s.is_empty()
                && s.trim_start_matches('@')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
    if ok {
        Ok(p.to_string())
    } else {
        Err(TemplateError(format!(
            "`{p}` is not a name or a dotted path"
        )))
    }
}

fn parse_cond(c: &str) -> Result<Cond, TemplateError> {
    for (op, negate) in [("==", false), ("!=", true)] {
        if let Some((l, r)) = c.split_once(op) {
            let r = r.trim();
            let lit = r
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .ok_or_else(|| {
                    TemplateError(format!("in `#if {c}`, compare with a \"quoted\" text"))
                })?;
            return Ok(Cond::Eq(path(l.trim())?, lit.to_string(), negate));
        }
    }
    match c.strip_prefix('!') {
        Some(p) => Ok(Cond::Truthy(path(p.trim())?, true)),
        None => Ok(Cond::Truthy(path(c)?, false)),
    }
}

fn lookup<'a>(scope: &'a [Value], p: &str) -> Result<&'a Value, TemplateError> {
    let mut parts = p.split('.');
    let first = parts.next().unwrap_or_default();
    let mut v = scope
        .iter()
        .rev()
        .find_map(|s| s.get(first))
        .ok_or_else(|| TemplateError(format!("`{first}` is not an answer or a derived value")))?;
    for part in parts {
        v = match v {
            Value::Array(a) => part.parse::<usize>().ok().and_then(|i| a.get(i)),
            Value::Object(o) => o.get(part),
            _ => None,
        }
        .ok_or_else(|| TemplateError(format!("`{p}`: `{part}` is not there")))?;
    }
    Ok(v)
}

fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get("value").map(plain).unwrap_or_default(),
        Value::Array(a) => a.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Number(_) => true,
        Value::Object(o) => o.get("value").map(truthy).unwrap_or(true),
    }
}

/// Escapes text for a TOML basic string.
pub fn toml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn toml_literal(v: &Value) -> String {
    match v {
        Value::Null => "\"\"".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{}\"", toml_escape(s)),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(_) => format!("\"{}\"", toml_escape(&plain(v))),
    }
}

fn render(nodes: &[Node], scope: &mut Vec<Value>, out: &mut String) -> Result<(), TemplateError> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Out(f, p) => {
                let v = lookup(scope, p)?;
                out.push_str(&match f {
                    Filter::Plain => toml_escape(&plain(v)),
                    Filter::Toml => toml_literal(v),
                    Filter::Json => toml_escape(&v.to_string()),
                    Filter::Pretty => {
                        toml_escape(&serde_json::to_string_pretty(v).unwrap_or_default())
                    }
                });
            }
            Node::If(c, yes, no) => {
                let hit = match c {
                    Cond::Truthy(p, neg) => truthy(lookup(scope, p)?) != *neg,
                    Cond::Eq(p, lit, neg) => (plain(lookup(scope, p)?) == *lit) != *neg,
                };
                render(if hit { yes } else { no }, scope, out)?;
            }
            Node::Each(p, body) => {
                let items = match lookup(scope, p)? {
                    Value::Array(a) => a.clone(),
                    Value::Null => Vec::new(),
                    other => vec![other.clone()],
                };
                let n = items.len();
                for (i, item) in items.into_iter().enumerate() {
                    scope.push(serde_json::json!({
                        "this": item, "@index": i, "@first": i == 0, "@last": i + 1 == n,
                    }));
                    let r = render(body, scope, out);
                    scope.pop();
                    r?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn r(t: &str, ctx: Value) -> Result<String, TemplateError> {
        Template::parse(t)?.render(&ctx)
    }

    #[test]
    fn substitutes_escapes_and_branches() {
        let ctx = json!({"a": "x\"y", "t": {"value": "tls", "port": 5061}, "ns": ["+1", "+2"]});
        assert_eq!(r("[{{a}}]", ctx.clone()).unwrap(), "[x\\\"y]");
        assert_eq!(r("{{t}}:{{t.port}}", ctx.clone()).unwrap(), "tls:5061");
        assert_eq!(r("{{toml ns}}", ctx.clone()).unwrap(), "[\"+1\", \"+2\"]");
        assert_eq!(
            r("{{#if t == \"tls\"}}S{{else}}P{{/if}}", ctx.clone()).unwrap(),
            "S"
        );
        assert_eq!(r("{{#if t != \"tls\"}}S{{/if}}", ctx.clone()).unwrap(), "");
        assert_eq!(
            r(
                "{{#each ns}}{{@index}}={{this}}{{#if !@last}},{{/if}}{{/each}}",
                ctx.clone()
            )
            .unwrap(),
            "0=+1,1=+2"
        );
        assert_eq!(r("{{json ns}}", ctx).unwrap(), "[\\\"+1\\\",\\\"+2\\\"]");
    }

    #[test]
    fn mistakes_are_named() {
        assert!(r("{{nope}}", json!({})).unwrap_err().0.contains("`nope`"));
        assert!(
            Template::parse("{{#if a}}x")
                .unwrap_err()
                .0
                .contains("never closed")
        );
        assert!(Template::parse("{{/each}}").is_err());
        assert!(
            Template::parse("{{upper a}}")
                .unwrap_err()
                .0
                .contains("filter")
        );
        assert!(Template::parse("{{#if a}}x{{/each}}").is_err());
    }
}
