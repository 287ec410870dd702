//! Lenient decoding for Twilio's unset fields: the specs mark almost every field nullable, and
//! v2010 examples show an unset SID sometimes as `""` and sometimes as `null`. Both mean "none".

use serde::{Deserialize, Deserializer};

/// `null`, `""` or absent → `None`; anything else is parsed as `T` (a typed SID is checked).
pub fn empty_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

/// A number that Twilio may send as a JSON number or a numeric string (v2010 is inconsistent).
pub fn lenient_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Num(u32),
        Str(String),
    }
    match Option::<N>::deserialize(d)? {
        None => Ok(None),
        Some(N::Num(n)) => Ok(Some(n)),
        Some(N::Str(s)) if s.is_empty() => Ok(None),
        Some(N::Str(s)) => s.parse().map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use crate::TrunkSid;

    #[derive(serde::Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::empty_as_none")]
        trunk_sid: Option<TrunkSid>,
        #[serde(default, deserialize_with = "super::lenient_u32")]
        n: Option<u32>,
    }

    #[test]
    fn empty_null_absent_and_value() {
        for body in [r#"{"trunk_sid":""}"#, r#"{"trunk_sid":null}"#, "{}"] {
            let t: T = serde_json::from_str(body).unwrap();
            assert!(t.trunk_sid.is_none(), "{body}");
        }
        let t: T =
            serde_json::from_str(r#"{"trunk_sid":"TK0123456789abcdef0123456789abcdef","n":"32"}"#)
                .unwrap();
        assert!(t.trunk_sid.is_some());
        assert_eq!(t.n, Some(32));
        assert!(
            serde_json::from_str::<T>(r#"{"trunk_sid":"AL0123456789abcdef0123456789abcdef"}"#)
                .is_err()
        );
    }
}
