//! Saved profiles: `profiles.json` in the app's config directory. A profile is what the user
//! picks from the list (name, Account SID, kind of credential, advanced endpoint settings); its
//! secret is in the keychain under the profile id, never in this file. Writes are atomic
//! (temp file + rename) so a crash cannot leave half a file.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use ts_rs::TS;

use crate::ipc::{AccountView, EndpointSettings, ProfileList, ProfileView, SessionView};

const FILE_VERSION: u32 = 1;

/// "Advanced" on a saved profile: send it to another region and edge, or another base URL.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfileEndpointRequest {
    pub id: String,
    /// The new settings; all fields empty means Twilio's default (US) endpoint.
    pub endpoint: EndpointSettings,
}

/// The profile after its endpoint was changed, and what the new endpoint showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileEndpointUpdated {
    pub profile: ProfileView,
    /// The account as seen through the new endpoint (the credentials were checked there).
    pub account: AccountView,
    /// Where the profile's requests go now.
    pub api_base_url: String,
    /// When the changed profile was the one connected: the session, now through the new endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub session: Option<SessionView>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid profiles file ({message}); move it away to start afresh")]
    Corrupt { path: PathBuf, message: String },
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileFile {
    version: u32,
    #[serde(default)]
    last_used_id: Option<String>,
    #[serde(default)]
    profiles: Vec<ProfileView>,
}

/// The profiles file.
#[derive(Debug, Clone)]
pub struct ProfileStore {
    path: PathBuf,
}

impl ProfileStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join("profiles.json"),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn list(&self) -> Result<ProfileList, StoreError> {
        let f = self.load()?;
        Ok(ProfileList {
            profiles: f.profiles,
            last_used_id: f.last_used_id,
        })
    }

    pub fn get(&self, id: &str) -> Result<Option<ProfileView>, StoreError> {
        Ok(self.load()?.profiles.into_iter().find(|p| p.id == id))
    }

    /// The profile with this name for this account, if one was saved before (connecting again
    /// with the same name updates it instead of adding a twin).
    pub fn find(&self, account_sid: &str, name: &str) -> Result<Option<ProfileView>, StoreError> {
        Ok(self
            .load()?
            .profiles
            .into_iter()
            .find(|p| p.account_sid == account_sid && p.name == name))
    }

    /// Adds or replaces (by id) a profile and marks it as last used.
    pub fn save(&self, profile: ProfileView) -> Result<(), StoreError> {
        let mut f = self.load()?;
        f.last_used_id = Some(profile.id.clone());
        match f.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(slot) => *slot = profile,
            None => f.profiles.push(profile),
        }
        self.write(&f)
    }

    /// Replaces a saved profile's endpoint settings (without marking it as last used); returns
    /// the updated profile, or `None` when no profile has this id.
    pub fn set_endpoint(
        &self,
        id: &str,
        endpoint: EndpointSettings,
    ) -> Result<Option<ProfileView>, StoreError> {
        let mut f = self.load()?;
        let Some(slot) = f.profiles.iter_mut().find(|p| p.id == id) else {
            return Ok(None);
        };
        slot.endpoint = endpoint;
        let updated = slot.clone();
        self.write(&f)?;
        Ok(Some(updated))
    }

    pub fn mark_used(&self, id: &str) -> Result<(), StoreError> {
        let mut f = self.load()?;
        f.last_used_id = Some(id.to_string());
        self.write(&f)
    }

    /// Removes a profile; returns it when it existed.
    pub fn remove(&self, id: &str) -> Result<Option<ProfileView>, StoreError> {
        let mut f = self.load()?;
        let Some(pos) = f.profiles.iter().position(|p| p.id == id) else {
            return Ok(None);
        };
        let removed = f.profiles.remove(pos);
        if f.last_used_id.as_deref() == Some(id) {
            f.last_used_id = None;
        }
        self.write(&f)?;
        Ok(Some(removed))
    }

    fn load(&self) -> Result<ProfileFile, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ProfileFile {
                    version: FILE_VERSION,
                    ..Default::default()
                });
            }
            Err(source) => {
                return Err(StoreError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let f: ProfileFile = serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        if f.version != FILE_VERSION {
            return Err(StoreError::Corrupt {
                path: self.path.clone(),
                message: format!(
                    "version {} is not the supported version {FILE_VERSION}",
                    f.version
                ),
            });
        }
        Ok(f)
    }

    fn write(&self, f: &ProfileFile) -> Result<(), StoreError> {
        let err = |source| StoreError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(f).expect("profiles serialise");
        std::fs::write(&tmp, json).map_err(err)?;
        std::fs::rename(&tmp, &self.path).map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ipc::CredentialKind;

    fn profile(id: &str, name: &str) -> ProfileView {
        ProfileView {
            id: id.into(),
            name: name.into(),
            account_sid: "AC0123456789abcdef0123456789abcdef".into(),
            credential: CredentialKind::AuthToken,
            endpoint: EndpointSettings::default(),
        }
    }

    #[test]
    fn save_list_find_remove() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        assert!(
            store.list().unwrap().profiles.is_empty(),
            "no file means no profiles"
        );
        store.save(profile("a", "Acme")).unwrap();
        store.save(profile("b", "Beta")).unwrap();
        let list = store.list().unwrap();
        assert_eq!(list.profiles.len(), 2);
        assert_eq!(list.last_used_id.as_deref(), Some("b"));
        assert_eq!(
            store
                .find("AC0123456789abcdef0123456789abcdef", "Acme")
                .unwrap()
                .unwrap()
                .id,
            "a"
        );
        store
            .save(ProfileView {
                name: "Acme".into(),
                ..profile("a", "x")
            })
            .unwrap();
        assert_eq!(store.list().unwrap().profiles.len(), 2, "same id replaces");
        assert_eq!(store.remove("b").unwrap().unwrap().name, "Beta");
        assert!(store.remove("b").unwrap().is_none());
        assert_eq!(
            store.list().unwrap().last_used_id.as_deref(),
            Some("a"),
            "re-saving marks as last used"
        );
        store.remove("a").unwrap();
        assert_eq!(
            store.list().unwrap().last_used_id,
            None,
            "forgetting the last used clears it"
        );
    }

    #[test]
    fn set_endpoint_changes_only_that_profile_and_not_the_last_used() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        store.save(profile("a", "Acme")).unwrap();
        store.save(profile("b", "Beta")).unwrap();
        let eu = EndpointSettings {
            region: Some("ie1".into()),
            edge: Some("dublin".into()),
            base_url: None,
        };
        let updated = store.set_endpoint("a", eu.clone()).unwrap().unwrap();
        assert_eq!(updated.endpoint, eu);
        let list = store.list().unwrap();
        assert_eq!(list.profiles[0].endpoint, eu, "saved to the file");
        assert_eq!(list.profiles[1].endpoint, EndpointSettings::default());
        assert_eq!(
            list.last_used_id.as_deref(),
            Some("b"),
            "editing is not using"
        );
        assert!(store.set_endpoint("zz", eu).unwrap().is_none());
    }

    #[test]
    fn corrupt_file_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path());
        std::fs::write(store.path(), b"{not json").unwrap();
        let e = store.list().unwrap_err().to_string();
        assert!(e.contains("profiles.json"), "{e}");
    }
}
