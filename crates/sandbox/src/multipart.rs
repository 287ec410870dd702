//! A small `multipart/form-data` reader (RFC 7578), enough for Twilio's Function Version
//! upload: named parts, optional file names, bodies kept as bytes.

/// One part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub value: Vec<u8>,
}

/// Splits `body` by the boundary named in `content_type`.
pub fn parse(content_type: &str, body: &[u8]) -> Result<Vec<Part>, String> {
    let lower = content_type.to_ascii_lowercase();
    if !lower.starts_with("multipart/form-data") {
        return Err(format!(
            "the body is `{}`, not multipart/form-data",
            if content_type.is_empty() {
                "(no Content-Type)"
            } else {
                content_type
            }
        ));
    }
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| {
            p.get(..9)
                .filter(|k| k.eq_ignore_ascii_case("boundary="))
                .map(|_| p[9..].trim_matches('"'))
        })
        .filter(|b| !b.is_empty())
        .ok_or("the Content-Type names no boundary")?;
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut rest = match find(body, &delim) {
        Some(i) => &body[i + delim.len()..],
        None => return Err("the body does not contain its boundary".into()),
    };
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("a boundary line is not followed by CRLF")?;
        let end = find(rest, &delim).ok_or("a part is not closed by the boundary")?;
        let chunk = &rest[..end];
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        parts.push(part(chunk)?);
        rest = &rest[end + delim.len()..];
    }
}

fn part(chunk: &[u8]) -> Result<Part, String> {
    let split = find(chunk, b"\r\n\r\n").ok_or("a part has no blank line after its headers")?;
    let head = String::from_utf8_lossy(&chunk[..split]);
    let value = chunk[split + 4..].to_vec();
    let mut name = None;
    let mut file_name = None;
    for line in head.split("\r\n") {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        if !k.trim().eq_ignore_ascii_case("content-disposition") {
            continue;
        }
        for param in v.split(';').map(str::trim) {
            if let Some((pk, pv)) = param.split_once('=') {
                let pv = pv.trim().trim_matches('"').to_string();
                match pk.trim().to_ascii_lowercase().as_str() {
                    "name" => name = Some(pv),
                    "filename" => file_name = Some(pv),
                    _ => {}
                }
            }
        }
    }
    Ok(Part {
        name: name.ok_or("a part has no Content-Disposition name")?,
        file_name,
        value,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_named_and_file_parts() {
        let body = b"--XY\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"a.js\"\r\nContent-Type: application/javascript\r\n\r\nexports.handler = 1;\r\n\r\n--XY\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/router\r\n--XY--\r\n";
        let parts = parse("multipart/form-data; boundary=XY", body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].name, "Content");
        assert_eq!(parts[0].file_name.as_deref(), Some("a.js"));
        assert_eq!(parts[0].value, b"exports.handler = 1;\r\n");
        assert_eq!(parts[1].value, b"/router");
    }

    #[test]
    fn refuses_other_bodies() {
        assert!(parse("application/x-www-form-urlencoded", b"a=b").is_err());
        assert!(parse("multipart/form-data", b"").is_err());
        assert!(parse("multipart/form-data; boundary=Q", b"--Q\r\nno headers").is_err());
    }
}
