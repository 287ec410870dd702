//! Turns a profile's Advanced settings (region + edge, or a base URL) into the client's
//! [`Endpoints`], checking each field first. `SWITCHBOARD_BASE_URL`, when set, sends every
//! non-demo profile that has no Advanced settings of its own to that URL: it is how the
//! end-to-end tests point "Use my Twilio account" at a local sandbox (a profile whose region,
//! edge or base URL was set explicitly goes where it says).

use switchboard_twilio::Endpoints;

use crate::error::{AppError, AppResult};
use crate::ipc::EndpointSettings;

pub const BASE_URL_ENV: &str = "SWITCHBOARD_BASE_URL";

/// Trims the settings, drops empty fields and checks what is left.
pub fn normalise(s: &EndpointSettings) -> AppResult<EndpointSettings> {
    let clean = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let out = EndpointSettings {
        region: clean(&s.region).map(|r| r.to_ascii_lowercase()),
        edge: clean(&s.edge).map(|e| e.to_ascii_lowercase()),
        base_url: clean(&s.base_url).map(|u| u.trim_end_matches('/').to_string()),
    };
    if let Some(region) = &out.region {
        let ok = region.len() == 3
            && region[..2].bytes().all(|b| b.is_ascii_lowercase())
            && region.as_bytes()[2].is_ascii_digit();
        if !ok {
            return Err(AppError::invalid(
                "region",
                format!(
                    "`{region}` is not a Twilio region: use two letters and a digit, such as ie1, au1 or us1."
                ),
            ));
        }
        if out.edge.is_none() {
            return Err(AppError::invalid(
                "edge",
                format!(
                    "Region {region} needs an edge (the Twilio location you connect through), such as dublin for ie1 or sydney for au1."
                ),
            ));
        }
    }
    if let Some(edge) = &out.edge
        && !edge.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        return Err(AppError::invalid(
            "edge",
            format!(
                "`{edge}` is not a Twilio edge: use a location name such as dublin, frankfurt, sydney or ashburn."
            ),
        ));
    }
    if let Some(url) = &out.base_url {
        if out.region.is_some() || out.edge.is_some() {
            return Err(AppError::invalid(
                "base_url",
                "Give either a region and edge or a base URL, not both.",
            ));
        }
        check_url(url)?;
    }
    Ok(out)
}

fn check_url(url: &str) -> AppResult<()> {
    match url::Url::parse(url) {
        Ok(u) if (u.scheme() == "https" || u.scheme() == "http") && u.host().is_some() => Ok(()),
        _ => Err(AppError::invalid(
            "base_url",
            format!(
                "`{url}` is not a base URL: use the form https://host[:port], for example http://127.0.0.1:8080."
            ),
        )),
    }
}

/// The endpoints a saved profile's client uses (honouring `SWITCHBOARD_BASE_URL`).
pub fn resolve(s: &EndpointSettings) -> AppResult<Endpoints> {
    resolve_with(s, std::env::var(BASE_URL_ENV).ok())
}

/// [`resolve`] with the environment's base URL passed in.
fn resolve_with(s: &EndpointSettings, env_base_url: Option<String>) -> AppResult<Endpoints> {
    let s = normalise(s)?;
    if s == EndpointSettings::default()
        && let Some(forced) = env_base_url.filter(|v| !v.trim().is_empty())
    {
        check_url(forced.trim()).map_err(|_| {
            AppError::invalid(
                BASE_URL_ENV,
                format!("{BASE_URL_ENV}=`{forced}` is not an http(s) URL."),
            )
        })?;
        return Ok(Endpoints::single(forced.trim()));
    }
    Ok(match (&s.base_url, &s.region, &s.edge) {
        (Some(url), _, _) => Endpoints::single(url),
        (None, Some(region), Some(edge)) => Endpoints::regional(region, edge),
        // Twilio's documented default region when only an edge is chosen.
        (None, None, Some(edge)) => Endpoints::regional("us1", edge),
        _ => Endpoints::twilio(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use switchboard_twilio::Host;

    fn settings(region: Option<&str>, edge: Option<&str>, base: Option<&str>) -> EndpointSettings {
        EndpointSettings {
            region: region.map(Into::into),
            edge: edge.map(Into::into),
            base_url: base.map(Into::into),
        }
    }

    #[test]
    fn region_and_edge_build_regional_hosts() {
        let e = resolve(&settings(Some(" IE1 "), Some("dublin"), None)).unwrap();
        assert_eq!(e.base(Host::Api), "https://api.dublin.ie1.twilio.com");
        assert_eq!(
            resolve(&settings(None, None, Some("")))
                .unwrap()
                .base(Host::Api),
            "https://api.twilio.com"
        );
        let b = resolve(&settings(None, None, Some("http://127.0.0.1:9/"))).unwrap();
        assert_eq!(b.base(Host::Trunking), "http://127.0.0.1:9");
    }

    #[test]
    fn the_environment_base_url_applies_only_to_profiles_without_settings() {
        let env = || Some("http://127.0.0.1:7777".to_string());
        let plain = resolve_with(&EndpointSettings::default(), env()).unwrap();
        assert_eq!(plain.base(Host::Api), "http://127.0.0.1:7777");
        let blank = resolve_with(&settings(Some(" "), None, Some("")), env()).unwrap();
        assert_eq!(
            blank.base(Host::Api),
            "http://127.0.0.1:7777",
            "blank fields are no settings"
        );
        let own = resolve_with(&settings(None, None, Some("http://127.0.0.1:9")), env()).unwrap();
        assert_eq!(
            own.base(Host::Api),
            "http://127.0.0.1:9",
            "an explicit base URL wins"
        );
        let eu = resolve_with(&settings(Some("ie1"), Some("dublin"), None), env()).unwrap();
        assert_eq!(eu.base(Host::Api), "https://api.dublin.ie1.twilio.com");
        let e = resolve_with(&EndpointSettings::default(), Some("ftp://x".into())).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(BASE_URL_ENV));
    }

    #[test]
    fn bad_settings_name_their_field() {
        let cases = [
            (settings(Some("ireland"), Some("dublin"), None), "region"),
            (settings(Some("ie1"), None, None), "edge"),
            (settings(None, Some("dub lin"), None), "edge"),
            (settings(None, None, Some("ftp://x")), "base_url"),
            (
                settings(Some("ie1"), Some("dublin"), Some("http://x")),
                "base_url",
            ),
        ];
        for (s, field) in cases {
            let e = normalise(&s).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{s:?} → {e:?}");
        }
    }
}
