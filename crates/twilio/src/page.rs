//! Pagination as a stream of pages. Twilio's v1 APIs (trunking, voice) put the next page's
//! absolute URL in `meta.next_page_url`; API v2010 puts a relative `next_page_uri` at the top
//! level. Both are followed until null. The next link's path and query are kept verbatim and
//! sent to this client's configured host, so paging works the same through a proxy or sandbox.

use futures::{Stream, TryStreamExt};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::client::{Request, decode};
use crate::{Client, Error};

/// One page of a list.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Zero-based page number, as Twilio reports it.
    pub page: u32,
    pub page_size: u32,
    /// Path and query of the next page, if there is one.
    pub next: Option<String>,
}

#[derive(serde::Deserialize)]
struct Meta {
    next_page_url: Option<String>,
    page: Option<u32>,
    page_size: Option<u32>,
}

/// A page's top level, each member left as raw JSON (borrowed from the body), so the items are
/// deserialized straight from the bytes: no JSON tree of a thousand numbers built, copied and
/// walked again.
type Members<'a> = std::collections::HashMap<String, &'a RawValue>;

/// Reads one page body whose items are under `key`.
pub(crate) fn parse_page<T: DeserializeOwned>(body: &[u8], key: &str) -> Result<Page<T>, Error> {
    let members: Members<'_> = decode(body)?;
    // A member that is absent or null reads as `None`.
    fn member<T: DeserializeOwned>(m: &Members<'_>, name: &str) -> Result<Option<T>, Error> {
        m.get(name)
            .map(|raw| serde_json::from_str::<Option<T>>(raw.get()))
            .transpose()
            .map(Option::flatten)
            .map_err(|e| Error::Decode {
                path: name.into(),
                message: e.to_string(),
            })
    }
    let raw = members.get(key).ok_or_else(|| Error::Decode {
        path: key.into(),
        message: format!("the list has no `{key}` array"),
    })?;
    let de = &mut serde_json::Deserializer::from_str(raw.get());
    let items: Vec<T> = serde_path_to_error::deserialize(de).map_err(|e| Error::Decode {
        path: format!("{key}{}", bracket(e.path().to_string())),
        message: e.inner().to_string(),
    })?;
    let (next, page, page_size) = match member::<Meta>(&members, "meta")? {
        Some(m) => (m.next_page_url, m.page, m.page_size),
        None => (
            member(&members, "next_page_uri")?,
            member(&members, "page")?,
            member(&members, "page_size")?,
        ),
    };
    let next = next.filter(|s| !s.is_empty()).map(|s| path_and_query(&s));
    Ok(Page {
        items,
        page: page.unwrap_or(0),
        page_size: page_size.unwrap_or(0),
        next,
    })
}

fn bracket(path: String) -> String {
    if path.starts_with('[') || path == "." {
        path
    } else {
        format!(".{path}")
    }
}

/// `https://trunking.twilio.com/v1/Trunks?Page=1` → `/v1/Trunks?Page=1`; relative URIs as they are.
fn path_and_query(link: &str) -> String {
    match url::Url::parse(link) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        Err(_) => link.to_string(),
    }
}

impl Client {
    /// Every page of a list, fetched one after another as the stream is polled.
    pub fn pages<T: DeserializeOwned + Send + 'static>(
        &self,
        first: Request,
        key: &'static str,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + Send + 'static {
        let client = self.clone();
        futures::stream::try_unfold(Some(first), move |next| {
            let client = client.clone();
            async move {
                let Some(req) = next else { return Ok(None) };
                let body = client.send_raw(&req).await?;
                let page: Page<T> = parse_page(&body, key)?;
                let following = page.next.as_ref().map(|link| {
                    let (path, query) = split_link(link);
                    Request::get(req.host, path).query(query)
                });
                Ok(Some((page, following)))
            }
        })
    }

    /// Every item of a list, across all pages.
    pub fn items<T: DeserializeOwned + Send + 'static>(
        &self,
        first: Request,
        key: &'static str,
    ) -> impl Stream<Item = Result<T, Error>> + Send + 'static {
        self.pages::<T>(first, key)
            .map_ok(|p| futures::stream::iter(p.items.into_iter().map(Ok)))
            .try_flatten()
    }

    /// Collects every item of a list.
    pub async fn collect<T: DeserializeOwned + Send + 'static>(
        &self,
        first: Request,
        key: &'static str,
    ) -> Result<Vec<T>, Error> {
        self.items(first, key).try_collect().await
    }
}

fn split_link(link: &str) -> (String, Vec<(String, String)>) {
    match link.split_once('?') {
        Some((path, q)) => (
            path.to_string(),
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect(),
        ),
        None => (link.to_string(), vec![]),
    }
}

/// Page size parameter for the first request of a list.
pub(crate) fn page_size(n: u32) -> (String, String) {
    ("PageSize".into(), n.clamp(1, 1000).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_meta_next_page_url() {
        let body = br#"{"trunks":[{"a":1}],"meta":{"page":0,"page_size":1,"key":"trunks",
            "next_page_url":"https://trunking.twilio.com/v1/Trunks?PageSize=1&Page=1&PageToken=PTabc"}}"#;
        let p: Page<serde_json::Value> = parse_page(body, "trunks").unwrap();
        assert_eq!(p.items.len(), 1);
        assert_eq!(
            p.next.as_deref(),
            Some("/v1/Trunks?PageSize=1&Page=1&PageToken=PTabc")
        );
    }

    #[test]
    fn v2010_next_page_uri_and_last_page() {
        let body = br#"{"incoming_phone_numbers":[],"page":2,"page_size":50,
            "next_page_uri":"/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?Page=3&PageToken=PAx"}"#;
        let p: Page<serde_json::Value> = parse_page(body, "incoming_phone_numbers").unwrap();
        assert_eq!(p.page, 2);
        assert!(
            p.next
                .unwrap()
                .starts_with("/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?")
        );
        let last = br#"{"keys":[],"next_page_uri":null}"#;
        assert!(
            parse_page::<serde_json::Value>(last, "keys")
                .unwrap()
                .next
                .is_none()
        );
    }

    #[test]
    fn item_decode_error_names_index_and_field() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct X {
            priority: u16,
        }
        let body = br#"{"origination_urls":[{"priority":1},{"priority":-1}],"meta":{}}"#;
        match parse_page::<X>(body, "origination_urls").unwrap_err() {
            Error::Decode { path, .. } => assert_eq!(path, "origination_urls[1].priority"),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn splits_links_into_path_and_decoded_query() {
        let (p, q) = split_link(
            "/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B1415&Page=1",
        );
        assert_eq!(p, "/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json");
        assert_eq!(q[0], ("PhoneNumber".to_string(), "+1415".to_string()));
    }
}
