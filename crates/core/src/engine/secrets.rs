//! Where SIP passwords come from at apply time. They are never in a spec, a plan or a journal:
//! the desktop app backs [`SecretSource`] with the OS keychain; the CLI reads the environment or
//! generates one and shows it once.

use switchboard_twilio::Secret;

/// Supplies the password of a new SIP credential.
pub trait SecretSource: Send + Sync {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String>;
}

/// Generates a fresh password for every credential and hands it to `on_new` (to show or store).
pub struct GeneratedPasswords<F: Fn(&str, &str, &Secret) + Send + Sync>(pub F);

impl<F: Fn(&str, &str, &Secret) + Send + Sync> SecretSource for GeneratedPasswords<F> {
    fn password(&self, list: &str, username: &str) -> Result<Secret, String> {
        let s = generate_password()?;
        (self.0)(list, username, &s);
        Ok(s)
    }
}

/// A password from the shared generator (`validate::credential`), in the client's `Secret`.
pub fn generate_password() -> Result<Secret, String> {
    crate::validate::credential::generate_password(crate::validate::credential::GENERATED_LEN)
        .map(|p| Secret::new(p.into_inner()))
        .map_err(|e| format!("no randomness available: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_passwords_meet_twilio_rules() {
        for _ in 0..50 {
            let p = super::generate_password().unwrap();
            let s = p.expose();
            assert!(s.len() >= 12 && s.chars().any(|c| c.is_ascii_digit()));
            assert!(
                s.chars().any(|c| c.is_ascii_uppercase())
                    && s.chars().any(|c| c.is_ascii_lowercase())
            );
        }
    }
}
