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

/// A 20-character password with upper and lower case letters and digits, as Twilio requires
/// (at least 12 characters, a digit, mixed case). Private because the shared validation module
/// had no generator when this was written.
pub fn generate_password() -> Result<Secret, String> {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const DIGIT: &[u8] = b"23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    let all: Vec<u8> = [UPPER, LOWER, DIGIT].concat();
    let mut out: Vec<u8> = bytes.iter().map(|b| all[*b as usize % all.len()]).collect();
    out[0] = UPPER[bytes[0] as usize % UPPER.len()];
    out[1] = LOWER[bytes[1] as usize % LOWER.len()];
    out[2] = DIGIT[bytes[2] as usize % DIGIT.len()];
    Ok(Secret::new(String::from_utf8(out).expect("ASCII")))
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
