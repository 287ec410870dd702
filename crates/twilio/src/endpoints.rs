//! Where each Twilio product lives. Twilio splits its API across hosts (api, trunking, voice,
//! serverless, …); the same client must reach Twilio itself, a region-pinned account, the
//! sandbox, or a conformance proxy, so every host's base URL is a setting.

/// The Twilio products (hosts) this client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// `api.twilio.com`: accounts, numbers, calls, keys, SIP (v2010).
    Api,
    /// `trunking.twilio.com`: Elastic SIP Trunking (v1).
    Trunking,
    /// `voice.twilio.com`: BYOC trunks, connection policies (v1).
    Voice,
    /// `serverless.twilio.com`: services, functions, builds (v1).
    Serverless,
    /// `serverless-upload.twilio.com`: function code uploads.
    ServerlessUpload,
    /// `routes.twilio.com`: inbound processing region (v2).
    Routes,
}

impl Host {
    pub const ALL: [Host; 6] = [
        Host::Api,
        Host::Trunking,
        Host::Voice,
        Host::Serverless,
        Host::ServerlessUpload,
        Host::Routes,
    ];

    /// The product label in `https://<product>.twilio.com`.
    pub fn product(self) -> &'static str {
        match self {
            Host::Api => "api",
            Host::Trunking => "trunking",
            Host::Voice => "voice",
            Host::Serverless => "serverless",
            Host::ServerlessUpload => "serverless-upload",
            Host::Routes => "routes",
        }
    }
}

/// The base URL (scheme, host, optional port; no trailing slash) of every Twilio host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    api: String,
    trunking: String,
    voice: String,
    serverless: String,
    serverless_upload: String,
    routes: String,
}

impl Endpoints {
    /// Twilio's global hosts, `https://<product>.twilio.com`.
    pub fn twilio() -> Self {
        Self::from_fn(|h| format!("https://{}.twilio.com", h.product()))
    }

    /// Twilio's regional form `https://<product>.<edge>.<region>.twilio.com`, for accounts whose
    /// data is pinned to a region (e.g. region `ie1`, edge `dublin`).
    pub fn regional(region: &str, edge: &str) -> Self {
        Self::from_fn(|h| format!("https://{}.{edge}.{region}.twilio.com", h.product()))
    }

    /// Every host at one base URL, such as a sandbox's `http://127.0.0.1:PORT`. The paths of the
    /// products do not collide, so one server can answer them all.
    pub fn single(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/').to_string();
        Self::from_fn(|_| base.clone())
    }

    fn from_fn(f: impl Fn(Host) -> String) -> Self {
        Self {
            api: f(Host::Api),
            trunking: f(Host::Trunking),
            voice: f(Host::Voice),
            serverless: f(Host::Serverless),
            serverless_upload: f(Host::ServerlessUpload),
            routes: f(Host::Routes),
        }
    }

    /// Replaces one host's base URL (e.g. one conformance proxy per product).
    pub fn with(mut self, host: Host, base_url: &str) -> Self {
        *self.slot(host) = base_url.trim_end_matches('/').to_string();
        self
    }

    pub fn base(&self, host: Host) -> &str {
        match host {
            Host::Api => &self.api,
            Host::Trunking => &self.trunking,
            Host::Voice => &self.voice,
            Host::Serverless => &self.serverless,
            Host::ServerlessUpload => &self.serverless_upload,
            Host::Routes => &self.routes,
        }
    }

    fn slot(&mut self, host: Host) -> &mut String {
        match host {
            Host::Api => &mut self.api,
            Host::Trunking => &mut self.trunking,
            Host::Voice => &mut self.voice,
            Host::Serverless => &mut self.serverless,
            Host::ServerlessUpload => &mut self.serverless_upload,
            Host::Routes => &mut self.routes,
        }
    }
}

impl Default for Endpoints {
    fn default() -> Self {
        Self::twilio()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_regional_and_single_forms() {
        assert_eq!(
            Endpoints::twilio().base(Host::Trunking),
            "https://trunking.twilio.com"
        );
        let r = Endpoints::regional("ie1", "dublin");
        assert_eq!(r.base(Host::Api), "https://api.dublin.ie1.twilio.com");
        assert_eq!(r.base(Host::Voice), "https://voice.dublin.ie1.twilio.com");
        let s = Endpoints::single("http://127.0.0.1:8080/");
        for h in Host::ALL {
            assert_eq!(s.base(h), "http://127.0.0.1:8080");
        }
        let p = s.with(Host::Trunking, "http://127.0.0.1:4011");
        assert_eq!(p.base(Host::Trunking), "http://127.0.0.1:4011");
        assert_eq!(p.base(Host::Api), "http://127.0.0.1:8080");
    }
}
