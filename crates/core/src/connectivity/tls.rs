//! TLS for the check: connect whatever the certificate says, then report it — its names,
//! issuer and expiry, whether a public CA vouches for it, and whether it is for the host we
//! dialled. Refusing a bad certificate would hide exactly what the admin needs to see.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use serde::Serialize;

/// What the server's certificate says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// DNS names (subject alternative names, or the common name when there are none).
    pub names: Vec<String>,
    pub issuer: String,
    /// Expiry, RFC 3339.
    pub not_after: String,
    pub expired: bool,
    pub self_signed: bool,
    /// A public CA vouches for the chain (webpki roots).
    pub trusted: bool,
    /// One of `names` covers the host we connected to.
    pub matches_host: bool,
    /// Why the chain was not trusted, if it was not.
    pub trust_error: Option<String>,
}

/// Records the peer's certificate and the trust verdict, and lets the handshake go on.
#[derive(Debug)]
pub struct RecordingVerifier {
    inner: Arc<rustls::client::WebPkiServerVerifier>,
    provider: Arc<rustls::crypto::CryptoProvider>,
    seen: Mutex<Option<(Vec<u8>, Option<String>)>>,
}

impl RecordingVerifier {
    pub fn new() -> Arc<Self> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
            Arc::new(roots),
            provider.clone(),
        )
        .build()
        .expect("the bundled roots are valid");
        Arc::new(Self {
            inner,
            provider,
            seen: Mutex::new(None),
        })
    }

    /// A client config that uses this verifier.
    pub fn client_config(self: &Arc<Self>) -> rustls::ClientConfig {
        rustls::ClientConfig::builder_with_provider(self.provider.clone())
            .with_safe_default_protocol_versions()
            .expect("ring supports the default versions")
            .dangerous()
            .with_custom_certificate_verifier(self.clone())
            .with_no_client_auth()
    }

    /// The certificate seen in the handshake, described for `host`.
    pub fn describe(&self, host: &str) -> Option<CertificateInfo> {
        let seen = self.seen.lock().expect("verifier lock").clone()?;
        describe(&seen.0, seen.1, host)
    }
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let trust =
            self.inner
                .verify_server_cert(end_entity, intermediates, server_name, ocsp, now);
        // Name mismatches are judged separately (`matches_host`); here only the chain counts.
        let error = match trust {
            Ok(_)
            | Err(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName)) => {
                None
            }
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForNameContext { .. },
            )) => None,
            Err(e) => Some(e.to_string()),
        };
        *self.seen.lock().expect("verifier lock") = Some((end_entity.to_vec(), error));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn describe(der: &[u8], trust_error: Option<String>, host: &str) -> Option<CertificateInfo> {
    use x509_parser::prelude::*;
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let mut names: Vec<String> = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    GeneralName::DNSName(d) => Some(d.to_string()),
                    GeneralName::IPAddress(b) if b.len() == 4 => {
                        Some(std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string())
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        names = cert
            .subject()
            .iter_common_name()
            .filter_map(|cn| cn.as_str().ok().map(str::to_string))
            .collect();
    }
    let not_after = cert.validity().not_after;
    let expired = !cert.validity().is_valid() && not_after.timestamp() < time_now();
    let self_signed = cert.subject() == cert.issuer();
    let matches_host = names.iter().any(|n| name_matches(n, host));
    Some(CertificateInfo {
        names,
        issuer: cert.issuer().to_string(),
        not_after: not_after
            .to_rfc2822()
            .unwrap_or_else(|_| not_after.timestamp().to_string()),
        expired,
        self_signed,
        trusted: trust_error.is_none(),
        matches_host,
        trust_error,
    })
}

fn time_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RFC 6125 matching: exact (case-insensitive), or a `*.` wildcard covering one left-most label.
pub fn name_matches(pattern: &str, host: &str) -> bool {
    let (p, h) = (pattern.to_ascii_lowercase(), host.to_ascii_lowercase());
    if let Some(suffix) = p.strip_prefix("*.") {
        return h
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest == suffix);
    }
    p == h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_cover_one_label() {
        assert!(name_matches("sbc.example.com", "SBC.example.com"));
        assert!(name_matches("*.example.com", "sbc.example.com"));
        assert!(!name_matches("*.example.com", "a.b.example.com"));
        assert!(!name_matches("*.example.com", "example.com"));
        assert!(!name_matches("sbc.example.net", "sbc.example.com"));
    }
}
