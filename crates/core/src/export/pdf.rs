//! The far-side sheet as a PDF, written directly (no PDF dependency): A4 pages, the PDF
//! standard fonts (Helvetica, Helvetica-Bold, Helvetica-Oblique, Courier) so nothing is
//! embedded, text in WinAnsi encoding. Layout is simple on purpose: a title, warnings, each
//! section as field / value rows or a code block, then numbered steps, wrapped by estimated
//! glyph widths and broken across pages.

use std::fmt::Write;

use crate::preset::Sheet;

const W: f32 = 595.0;
const H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const FIELD_W: f32 = 170.0;

#[derive(Clone, Copy)]
enum Font {
    Regular,
    Bold,
    Italic,
    Mono,
}

impl Font {
    fn name(self) -> &'static str {
        match self {
            Font::Regular => "F1",
            Font::Bold => "F2",
            Font::Italic => "F3",
            Font::Mono => "F4",
        }
    }
    /// Average advance per character, in ems (Courier is exact; Helvetica is an upper bound
    /// for typical text so lines never overflow).
    fn em(self) -> f32 {
        match self {
            Font::Mono => 0.6,
            Font::Bold => 0.58,
            _ => 0.53,
        }
    }
}

struct Layout {
    pages: Vec<String>,
    y: f32,
}

impl Layout {
    fn page(&mut self) -> &mut String {
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        self.pages.last_mut().expect("a page")
    }

    fn need(&mut self, h: f32) {
        if self.pages.is_empty() || self.y - h < MARGIN {
            self.pages.push(String::new());
            self.y = H - MARGIN;
        }
    }

    fn text(&mut self, x: f32, font: Font, size: f32, s: &str) {
        let y = self.y;
        let _ = writeln!(
            self.page(),
            "BT /{} {size} Tf {x:.1} {y:.1} Td ({}) Tj ET",
            font.name(),
            escape(s)
        );
    }

    /// Writes `s` wrapped to `width` at `x`, moving down a line at a time.
    fn para(&mut self, x: f32, width: f32, font: Font, size: f32, s: &str) {
        for line in wrap(s, width, font, size) {
            self.need(size * 1.35);
            self.y -= size * 1.35;
            self.text(x, font, size, &line);
        }
    }
}

fn wrap(s: &str, width: f32, font: Font, size: f32) -> Vec<String> {
    let max = ((width / (font.em() * size)) as usize).max(8);
    let mut out = Vec::new();
    for raw in s.lines() {
        let mut line = String::new();
        for word in raw.split(' ') {
            let mut word = word.to_string();
            while word.chars().count() > max {
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                let head: String = word.chars().take(max).collect();
                word = word.chars().skip(max).collect();
                out.push(head);
            }
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push(line);
    }
    out
}

/// A PDF string body: WinAnsi bytes with `\`, `(` and `)` escaped, octal for the rest.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let b = match c {
            '\u{20}'..='\u{7e}' => c as u32,
            '\u{a0}'..='\u{ff}' => c as u32,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2018}' | '\u{2019}' => 0x27,
            '\u{201c}' | '\u{201d}' => 0x22,
            '\u{2022}' => 0x95,
            _ => '?' as u32,
        };
        match b {
            0x5c => out.push_str("\\\\"),
            0x28 => out.push_str("\\("),
            0x29 => out.push_str("\\)"),
            0x20..=0x7e => out.push(char::from_u32(b).unwrap_or('?')),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out
}

/// The sheet as PDF bytes.
pub fn sheet_pdf(sheet: &Sheet) -> Vec<u8> {
    let mut l = Layout {
        pages: vec![],
        y: H - MARGIN,
    };
    let full = W - 2.0 * MARGIN;
    l.para(MARGIN, full, Font::Bold, 16.0, &sheet.title);
    if !sheet.intro.is_empty() {
        l.y -= 4.0;
        l.para(MARGIN, full, Font::Regular, 10.0, &sheet.intro);
    }
    for w in &sheet.warnings {
        l.y -= 4.0;
        l.para(MARGIN, full, Font::Bold, 9.5, &format!("Note: {w}"));
    }
    for s in &sheet.sections {
        l.y -= 10.0;
        l.need(40.0);
        l.para(MARGIN, full, Font::Bold, 12.0, &s.title);
        if !s.note.is_empty() {
            l.para(MARGIN, full, Font::Italic, 8.5, &s.note);
        }
        for r in &s.rows {
            let mut value = r.value.clone();
            if r.unverified {
                value.push_str("  [confirm]");
            }
            let field = wrap(&r.field, FIELD_W - 8.0, Font::Bold, 9.0);
            let vals = wrap(&value, full - FIELD_W, Font::Regular, 9.0);
            let notes = if r.note.is_empty() {
                vec![]
            } else {
                wrap(&r.note, full - FIELD_W, Font::Italic, 8.0)
            };
            let lines = field.len().max(vals.len() + notes.len());
            l.need(lines as f32 * 12.5 + 4.0);
            l.y -= 4.0;
            let top = l.y;
            for (i, f) in field.iter().enumerate() {
                l.y = top - 12.5 * (i as f32 + 1.0);
                l.text(MARGIN, Font::Bold, 9.0, f);
            }
            for (i, v) in vals.iter().enumerate() {
                l.y = top - 12.5 * (i as f32 + 1.0);
                l.text(MARGIN + FIELD_W, Font::Regular, 9.0, v);
            }
            for (i, n) in notes.iter().enumerate() {
                l.y = top - 12.5 * ((vals.len() + i) as f32 + 1.0);
                l.text(MARGIN + FIELD_W, Font::Italic, 8.0, n);
            }
            l.y = top - 12.5 * lines as f32;
        }
        if let Some(code) = &s.code {
            l.y -= 4.0;
            for line in code.trim().lines() {
                l.para(MARGIN + 8.0, full - 8.0, Font::Mono, 8.0, line);
            }
        }
    }
    if !sheet.steps.is_empty() {
        l.y -= 10.0;
        l.need(40.0);
        l.para(MARGIN, full, Font::Bold, 12.0, "Next steps");
        for (i, s) in sheet.steps.iter().enumerate() {
            l.para(MARGIN, full, Font::Regular, 9.5, &format!("{}. {s}", i + 1));
        }
    }
    assemble(&l.pages)
}

/// Objects: 1 catalog, 2 page tree, 3–6 fonts, then a page and its content per page.
fn assemble(pages: &[String]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
    let mut objs = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    ];
    for base in [
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Courier",
    ] {
        objs.push(format!(
            "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
        ));
    }
    for (i, content) in pages.iter().enumerate() {
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {W} {H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R /F4 6 0 R >> >> /Contents {} 0 R >>",
            8 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let mut x = format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1);
    for off in offsets {
        let _ = writeln!(x, "{off:010} 00000 n ");
    }
    let _ = write!(
        x,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    );
    out.extend_from_slice(x.as_bytes());
    out
}
