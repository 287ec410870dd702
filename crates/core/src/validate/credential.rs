//! SIP credential usernames and passwords, and a generator whose passwords always meet
//! Twilio's policy (at least 12 characters with an upper-case letter, a lower-case letter and a
//! digit; under 256 characters). Messages describe a password, never repeat it.

use crate::secret::Sensitive;

use super::Issue;

/// Twilio's limit on credential usernames.
pub const USERNAME_MAX: usize = 32;
/// Twilio's minimum password length.
pub const PASSWORD_MIN: usize = 12;
/// Twilio refuses passwords of 256 characters or more (error 21223).
pub const PASSWORD_MAX: usize = 255;
/// The length [`generate_password`] uses by default.
pub const GENERATED_LEN: usize = 20;

/// Checks a credential username.
pub fn username_issues(path: &str, username: &str) -> Vec<Issue> {
    let n = username.chars().count();
    let mut out = Vec::new();
    if n == 0 {
        out.push(Issue::error(
            path,
            "The username is empty. Choose a name for this SIP credential, such as `pbx-main`.",
        ));
    } else if n > USERNAME_MAX {
        out.push(Issue::error(path, format!("The username `{username}` is {n} characters long; Twilio allows at most {USERNAME_MAX}.")));
    }
    if let Some(c) = username
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == ':' || *c == '@')
    {
        out.push(Issue::error(path, format!("The username `{username}` contains {}; SIP usernames cannot contain spaces, `:` or `@`.", describe_char(c))));
    }
    out
}

fn describe_char(c: char) -> String {
    if c.is_whitespace() {
        "a space".into()
    } else if c.is_control() {
        "a control character".into()
    } else {
        format!("`{c}`")
    }
}

/// Checks a password against Twilio's policy, without ever quoting it.
pub fn password_issues(path: &str, password: &Sensitive<String>) -> Vec<Issue> {
    let p = password.expose();
    let n = p.chars().count();
    let mut missing = Vec::new();
    if n < PASSWORD_MIN {
        missing.push(format!("at least {PASSWORD_MIN} characters (it has {n})"));
    }
    if !p.chars().any(|c| c.is_ascii_uppercase()) {
        missing.push("an upper-case letter".into());
    }
    if !p.chars().any(|c| c.is_ascii_lowercase()) {
        missing.push("a lower-case letter".into());
    }
    if !p.chars().any(|c| c.is_ascii_digit()) {
        missing.push("a digit".into());
    }
    let mut out = Vec::new();
    if !missing.is_empty() {
        out.push(
            Issue::error(path, format!("The password needs {}.", join_and(&missing)))
                .with_hint("Let Switchboard generate one: it always meets Twilio's rules."),
        );
    }
    if n > PASSWORD_MAX {
        out.push(Issue::error(
            path,
            format!("The password is {n} characters long; Twilio allows at most {PASSWORD_MAX}."),
        ));
    }
    if p.chars()
        .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        out.push(Issue::error(path, "The password contains spaces, control characters or non-ASCII characters, which Twilio refuses (error 21224)."));
    }
    out
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const DIGITS: &[u8] = b"23456789";

/// A uniformly random index below `n`, from the operating system's CSPRNG.
fn random_below(n: usize) -> Result<usize, getrandom::Error> {
    let n = n as u32;
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let mut b = [0u8; 4];
        getrandom::fill(&mut b)?;
        let v = u32::from_le_bytes(b);
        if v < zone {
            return Ok((v % n) as usize);
        }
    }
}

/// Generates a password of `len` characters (clamped to 12..=64) that always meets the policy:
/// one upper, one lower and one digit placed at random, the rest from all three sets (letters
/// and digits that cannot be confused with each other), shuffled with the OS CSPRNG.
pub fn generate_password(len: usize) -> Result<Sensitive<String>, getrandom::Error> {
    let len = len.clamp(PASSWORD_MIN, 64);
    let all: Vec<u8> = [UPPER, LOWER, DIGITS].concat();
    let mut chars = Vec::with_capacity(len);
    for set in [UPPER, LOWER, DIGITS] {
        chars.push(set[random_below(set.len())?]);
    }
    while chars.len() < len {
        chars.push(all[random_below(all.len())?]);
    }
    for i in (1..chars.len()).rev() {
        let j = random_below(i + 1)?;
        chars.swap(i, j);
    }
    Ok(Sensitive::new(chars.into_iter().map(char::from).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::has_errors;

    fn pw(s: &str) -> Sensitive<String> {
        Sensitive::new(s.to_string())
    }

    #[test]
    fn password_policy() {
        assert!(password_issues("p", &pw("Abcdefghijk1")).is_empty());
        let short = password_issues("credential.password", &pw("Abc1"));
        assert!(
            short[0]
                .message
                .contains("at least 12 characters (it has 4)"),
            "{short:?}"
        );
        assert_eq!(short[0].path, "credential.password");
        let weak = password_issues("p", &pw("abcdefghijklmnop"));
        assert!(
            weak[0].message.contains("an upper-case letter and a digit"),
            "{weak:?}"
        );
        assert!(has_errors(&password_issues(
            "p",
            &pw(&format!("Aa1{}", "x".repeat(253)))
        )));
        assert!(has_errors(&password_issues("p", &pw("Abcdefghij 12"))));
        for i in password_issues("p", &pw("secretSECRET")) {
            assert!(
                !i.message.contains("secretSECRET"),
                "a message quoted the password"
            );
        }
    }

    #[test]
    fn generated_passwords_always_meet_the_policy() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..2000 {
            let p = generate_password(GENERATED_LEN).unwrap();
            assert_eq!(p.expose().len(), GENERATED_LEN);
            assert!(
                password_issues("p", &p).is_empty(),
                "generated password broke the policy"
            );
            seen.insert(p.expose().clone());
        }
        assert_eq!(seen.len(), 2000, "generated passwords repeated");
        assert_eq!(generate_password(3).unwrap().expose().len(), PASSWORD_MIN);
        assert_eq!(format!("{:?}", generate_password(20).unwrap()), "••••");
    }

    #[test]
    fn usernames() {
        assert!(username_issues("u", "pbx-main").is_empty());
        assert!(
            username_issues("u", &"a".repeat(33))[0]
                .message
                .contains("at most 32")
        );
        assert!(has_errors(&username_issues("u", "")));
        assert!(
            username_issues("u", "bob smith")[0]
                .message
                .contains("a space")
        );
        assert!(has_errors(&username_issues("u", "bob@pbx")));
    }
}
