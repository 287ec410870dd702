//! Far-side sheets as one self-contained HTML page (inline CSS, no scripts, no remote
//! resources) with a print stylesheet, so a partner can print it or save it as PDF from any
//! browser. Also the generic sheet for a spec that did not come from a preset.

use std::fmt::Write;

use crate::preset::{Row, Section, Sheet};
use crate::spec::Spec;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.1rem;margin-top:1.75rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e3e3e3}
th{width:38%;font-weight:600}td code,pre{font-family:ui-monospace,Menlo,Consolas,monospace}
pre{background:#f5f5f5;border:1px solid #ddd;padding:.75rem;overflow-x:auto;white-space:pre-wrap}
.note{color:#555;font-size:.9rem}.confirm{display:inline-block;background:#fff3cd;border:1px solid #e0c56e;border-radius:3px;padding:0 .3rem;font-size:.8rem;margin-left:.4rem}
.warnings{background:#fff3cd;border-left:4px solid #e0a800;padding:.5rem 1rem}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}table,pre,section{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{margin:15mm}";

/// The sheet as a printable HTML page.
pub fn sheet_html(sheet: &Sheet) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&sheet.title),
        escape(&sheet.title)
    );
    if !sheet.intro.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", escape(&sheet.intro));
    }
    if !sheet.warnings.is_empty() {
        h.push_str("<div class=\"warnings\"><ul>\n");
        for w in &sheet.warnings {
            let _ = writeln!(h, "<li>{}</li>", escape(w));
        }
        h.push_str("</ul></div>\n");
    }
    for s in &sheet.sections {
        section(&mut h, s);
    }
    if !sheet.steps.is_empty() {
        h.push_str("<section>\n<h2>Next steps</h2>\n<ol>\n");
        for s in &sheet.steps {
            let _ = writeln!(h, "<li>{}</li>", escape(s));
        }
        h.push_str("</ol>\n</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn section(h: &mut String, s: &Section) {
    let id =
        s.id.as_deref()
            .map(|i| format!(" id=\"{}\"", escape(i)))
            .unwrap_or_default();
    let _ = writeln!(h, "<section{id}>\n<h2>{}</h2>", escape(&s.title));
    if !s.note.is_empty() {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(&s.note));
    }
    if !s.rows.is_empty() {
        h.push_str("<table>\n");
        for r in &s.rows {
            row(h, r);
        }
        h.push_str("</table>\n");
    }
    if let Some(code) = &s.code {
        let _ = writeln!(h, "<pre><code>{}</code></pre>", escape(code.trim()));
    }
    h.push_str("</section>\n");
}

fn row(h: &mut String, r: &Row) {
    let confirm = if r.unverified {
        "<span class=\"confirm\">confirm</span>"
    } else {
        ""
    };
    let note = if r.note.is_empty() {
        String::new()
    } else {
        format!("<br><span class=\"note\">{}</span>", escape(&r.note))
    };
    let _ = writeln!(
        h,
        "<tr><th>{}</th><td><code>{}</code>{confirm}{note}</td></tr>",
        escape(&r.field),
        escape(&r.value)
    );
}

fn rows(items: &[(&str, String)]) -> Vec<Row> {
    items
        .iter()
        .map(|(f, v)| Row {
            field: f.to_string(),
            value: v.clone(),
            note: String::new(),
            unverified: false,
        })
        .collect()
}

fn sec(title: &str, rows: Vec<Row>) -> Section {
    Section {
        id: None,
        title: title.into(),
        note: String::new(),
        rows,
        code: None,
        code_language: None,
    }
}

/// A far-side sheet for any spec: the values the other end needs to reach Twilio and to be
/// reached by it. Passwords are named, never shown.
pub fn sheet_for_spec(spec: &Spec) -> Sheet {
    let mut sections = vec![];
    match spec {
        Spec::ElasticTrunk(t) => {
            let mut r = vec![
                ("SIP server (termination URI)", t.termination_domain.clone()),
                (
                    "Transport",
                    if t.secure {
                        "TLS, port 5061, SRTP media"
                    } else {
                        "UDP or TCP, port 5060"
                    }
                    .to_string(),
                ),
                ("Number format", "+E.164 in From and Request-URI".into()),
                ("Codecs", "PCMU, PCMA".into()),
            ];
            for c in &t.credential_lists {
                for u in &c.usernames {
                    r.push(("Digest username", u.clone()));
                    r.push((
                        "Digest password",
                        format!("the password of {u} (not exported)"),
                    ));
                }
            }
            for a in &t.ip_acls {
                r.push(("Twilio accepts calls from", a.addresses.join(", ")));
            }
            sections.push(sec("Sending calls to Twilio", rows(&r)));
            let o: Vec<_> = t
                .origination_urls
                .iter()
                .map(|o| {
                    (
                        "Twilio sends calls to",
                        format!(
                            "{} (priority {}, weight {})",
                            o.sip_url, o.priority, o.weight
                        ),
                    )
                })
                .collect();
            if !o.is_empty() {
                sections.push(sec("Receiving calls from Twilio", rows(&o)));
            }
            if !t.numbers.is_empty() {
                sections.push(sec(
                    "Numbers",
                    rows(&[("Numbers on this trunk", t.numbers.join(", "))]),
                ));
            }
        }
        Spec::Byoc(b) => {
            let r: Vec<_> = b
                .connection_policy
                .targets
                .iter()
                .map(|t| {
                    (
                        "Twilio sends calls to",
                        format!("{} (priority {})", t.sip_url, t.priority),
                    )
                })
                .collect();
            sections.push(sec("Receiving calls from Twilio", rows(&r)));
        }
        Spec::SipDomain(d) => {
            let mut r = vec![("SIP domain", d.domain.clone())];
            if d.registration {
                r.push(("Registration", "Register phones to this domain".into()));
            }
            for c in &d.credential_lists {
                for u in &c.usernames {
                    r.push(("Username", u.clone()));
                }
            }
            sections.push(sec("SIP endpoints", rows(&r)));
        }
    }
    Sheet {
        title: format!("Far-side settings for {}", spec.title()),
        intro: "Enter these values on the system that connects to Twilio.".into(),
        sections,
        steps: vec!["Place a test call in each direction.".into()],
        warnings: vec![],
    }
}
