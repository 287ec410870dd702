//! Attaching a number to a trunk and undoing it. Attaching clears the number's voice URL, and
//! the undo puts it back. A URL with a password in it is recorded in the plan without the
//! password: just before attaching, the full URL is read from the number and kept in the run's
//! [`SecretSource`]; the undo recalls it, and when it cannot (a rollback run by another
//! process than the CLI run that kept it in memory), it restores the URL without the password
//! and says so in plain words.

use switchboard_twilio::{Client, Error, NumberUpdate, Secret};

use super::{sid, uncertain};
use crate::engine::SecretSource;
use crate::engine::secrets::{masked, voice_url_key, without_password};

/// What an attach step recorded about the number's voice settings.
pub(crate) struct Previous<'a> {
    pub number_sid: &'a str,
    pub number: &'a str,
    /// Without its password when `password` is set.
    pub voice_url: &'a Option<String>,
    pub application_sid: &'a Option<String>,
    pub password: bool,
}

impl<'a> Previous<'a> {
    /// What an attach step recorded; `None` for any other step.
    pub(crate) fn of(op: &'a crate::engine::step::Op) -> Option<Previous<'a>> {
        match op {
            crate::engine::step::Op::AttachNumber {
                number_sid,
                number,
                old_voice_url,
                old_voice_application_sid,
                voice_url_password,
                ..
            } => Some(Previous {
                number_sid,
                number,
                voice_url: old_voice_url,
                application_sid: old_voice_application_sid,
                password: *voice_url_password,
            }),
            _ => None,
        }
    }
}

/// Attaches the number to `trunk`, first keeping its voice URL's password for the rollback.
pub(crate) async fn attach(
    client: &Client,
    trunk: &str,
    was: &Previous<'_>,
    secrets: &dyn SecretSource,
) -> Result<(), Error> {
    let number_sid = sid!(PhoneNumberSid, was.number_sid);
    let key = voice_url_key(client.account_sid().as_str(), was.number_sid);
    if was.password {
        let n = client.fetch_incoming_phone_number(&number_sid).await?;
        // Already on the trunk: an earlier attempt of this step attached it (and kept the URL).
        if n.trunk_sid.as_ref().map(|t| t.as_str()) != Some(trunk) {
            keep(&n.voice_url, was, &key, secrets)?;
        }
    }
    let result = client
        .add_trunk_phone_number(&sid!(TrunkSid, trunk), &number_sid)
        .await;
    if let Err(e) = &result
        && was.password
        && !uncertain(e)
    {
        // Certainly not attached: the URL is still on the number, nothing to keep it for.
        let _ = secrets.forget(&key);
    }
    result.map(|_| ())
}

/// Keeps the number's current voice URL, which must be the one the plan recorded.
fn keep(
    now: &Option<String>,
    was: &Previous<'_>,
    key: &str,
    secrets: &dyn SecretSource,
) -> Result<(), Error> {
    let refused = |value: String, rule: String| Error::InvalidInput {
        field: format!("voice URL of {}", was.number),
        value,
        rule,
    };
    let planned = was.voice_url.as_deref().unwrap_or_default();
    let Some(full) = now
        .as_deref()
        .filter(|u| without_password(u).as_deref() == Some(planned))
    else {
        return Err(refused(
            now.as_deref().map(masked).unwrap_or_default(),
            format!(
                "it changed since the plan was made (the plan has {}); the number was not \
                 attached: make a new plan",
                masked_planned(planned)
            ),
        ));
    };
    secrets
        .keep(key, &Secret::new(full.to_string()))
        .map_err(|e| {
            refused(
                masked(full),
                format!(
                    "it has a password, which could not be kept aside for a rollback ({e}); \
                     the number was not attached"
                ),
            )
        })
}

/// A planned URL (user, no password) shown as the person knows it: `https://bob:•••@host/…`.
fn masked_planned(planned: &str) -> String {
    match planned.split_once("://") {
        Some((scheme, rest)) => match rest.split(['/', '?', '#']).next() {
            Some(authority) if authority.contains('@') => {
                format!("{scheme}://{}", rest.replacen('@', ":•••@", 1))
            }
            _ => planned.to_string(),
        },
        None => planned.to_string(),
    }
}

/// Puts the number's voice settings back after it left the trunk. Returns a note for the
/// person watching when the URL could only be put back without its password.
pub(crate) async fn restore(
    client: &Client,
    was: &Previous<'_>,
    secrets: &dyn SecretSource,
) -> Result<Option<String>, Error> {
    if !was.password {
        restore_voice(client, was.number_sid, was.voice_url, was.application_sid).await?;
        return Ok(None);
    }
    let key = voice_url_key(client.account_sid().as_str(), was.number_sid);
    let planned = was.voice_url.clone().unwrap_or_default();
    let recalled = secrets.recall(&key);
    let full = match &recalled {
        Ok(Some(s)) if without_password(s.expose()).as_deref() == Some(planned.as_str()) => {
            Some(s.expose().to_string())
        }
        _ => None,
    };
    if let Some(full) = full {
        restore_voice(client, was.number_sid, &Some(full), was.application_sid).await?;
        return Ok(match secrets.forget(&key) {
            Ok(()) => None,
            Err(e) => Some(format!(
                "Took {} off the trunk and put its voice URL back as it was, but the copy of \
                 the URL kept for this rollback could not be removed ({e}): remove the \
                 keychain entry {key}",
                was.number
            )),
        });
    }
    restore_voice(client, was.number_sid, was.voice_url, was.application_sid).await?;
    let why = match recalled {
        Err(e) => format!("it could not be read from where the run kept it ({e})"),
        _ => "it was kept aside only while the apply was running (in the memory of the CLI, or \
              in the app's keychain until the run ended), and it is no longer there"
            .to_string(),
    };
    Ok(Some(format!(
        "Took {} off the trunk; its voice URL is back as {planned}, but without its password: \
         {why}. Type the password into the number's voice URL again (Twilio Console, Phone \
         Numbers, {}), or calls to it will not reach your web server",
        was.number, was.number
    )))
}

/// Restores a number's voice settings after it leaves a trunk.
pub(crate) async fn restore_voice(
    client: &Client,
    number_sid: &str,
    voice_url: &Option<String>,
    app: &Option<String>,
) -> Result<(), Error> {
    if voice_url.is_none() && app.is_none() {
        return Ok(());
    }
    let update = NumberUpdate {
        voice_url: voice_url.clone(),
        voice_application_sid: match app {
            Some(a) => Some(sid!(ApplicationSid, a)),
            None => None,
        },
        ..NumberUpdate::default()
    };
    client
        .update_incoming_phone_number(&sid!(PhoneNumberSid, number_sid), &update)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_planned_url_shows_where_its_password_was() {
        assert_eq!(
            super::masked_planned("https://bob@hooks.example/voice"),
            "https://bob:•••@hooks.example/voice"
        );
        assert_eq!(
            super::masked_planned("https://hooks.example/voice?a=b@c"),
            "https://hooks.example/voice?a=b@c"
        );
    }
}
