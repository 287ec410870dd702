//! Writing HCL: attribute values ([`V`]), blocks and resources with aligned attributes, unique
//! resource labels per kind, string literals escaped (templates included), and the provider's
//! spelling of an enum value.

use std::fmt::Write;

/// An attribute value.
pub(super) enum V<'a> {
    Str(&'a str),
    Num(u32),
    Bool(bool),
    /// A reference or expression, written as is.
    Expr(String),
}

pub(super) struct Hcl(
    pub(super) String,
    pub(super) std::collections::HashSet<(String, String)>,
);

impl Hcl {
    pub(super) fn block(&mut self, head: &str, attrs: &[(&str, V)]) {
        let _ = writeln!(self.0, "{head} {{");
        let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in attrs {
            let v = match v {
                V::Str(s) => quote(s),
                V::Num(n) => n.to_string(),
                V::Bool(b) => b.to_string(),
                V::Expr(e) => e.clone(),
            };
            let _ = writeln!(self.0, "  {k:width$} = {v}");
        }
        self.0.push_str("}\n\n");
    }

    /// A resource name not yet used for `kind`: `base`, else `base_2`, `base_3`, …
    pub(super) fn label(&mut self, kind: &str, base: String) -> String {
        let mut name = base.clone();
        let mut n = 1;
        while !self.1.insert((kind.to_string(), name.clone())) {
            n += 1;
            name = format!("{base}_{n}");
        }
        name
    }

    pub(super) fn resource(&mut self, kind: &str, name: &str, attrs: &[(&str, V)]) {
        self.block(&format!("resource \"{kind}\" \"{name}\""), attrs);
    }
}

/// An HCL string literal: escapes quotes, backslashes, control characters and template
/// sequences (`${`, `%{`).
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn enum_str<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
