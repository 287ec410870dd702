//! Twilio paging: `PageSize` (1–1000, default 50), `Page`, `PageToken`, and the two page
//! envelopes (v1 `meta` with absolute URLs, v2010 top-level fields with relative URIs).
//!
//! Page tokens point at the creation sequence of the last (or first) item shown, so a client
//! that follows `next_page_url` verbatim sees every item exactly once even when items are
//! created or deleted between pages.

use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::model::Listed;
use crate::params::Params;

const DEFAULT_SIZE: usize = 50;
const MAX_SIZE: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    /// Items created after this sequence number.
    After(u64),
    /// Items created before this sequence number.
    Before(u64),
}

impl Token {
    fn parse(s: &str) -> Option<Self> {
        let (kind, num) = s.split_at_checked(2)?;
        let n = u64::from_str_radix(num, 16).ok()?;
        match kind {
            "PA" => Some(Self::After(n)),
            "PB" => Some(Self::Before(n)),
            _ => None,
        }
    }

    fn render(self) -> String {
        match self {
            Self::After(n) => format!("PA{n:x}"),
            Self::Before(n) => format!("PB{n:x}"),
        }
    }
}

/// The paging part of a list request.
#[derive(Clone, Debug)]
pub struct PageRequest {
    size: usize,
    page: u64,
    token: Option<Token>,
    filters: Vec<(String, String)>,
}

impl PageRequest {
    pub fn parse(q: &Params) -> ApiResult<Self> {
        let size = match q.get("PageSize") {
            None => DEFAULT_SIZE,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=MAX_SIZE).contains(&n) => n,
                _ => {
                    return Err(ApiError::invalid(format!(
                        "Invalid PageSize '{v}': must be an integer between 1 and {MAX_SIZE}"
                    )));
                }
            },
        };
        let page = match q.get("Page") {
            None => 0,
            Some(v) => v.parse::<u64>().map_err(|_| {
                ApiError::invalid(format!(
                    "Invalid Page '{v}': must be an integer of 0 or more"
                ))
            })?,
        };
        let token = match q.get("PageToken") {
            None | Some("") => None,
            Some(v) => Some(Token::parse(v).ok_or_else(|| {
                ApiError::invalid(format!(
                    "Invalid PageToken '{v}': use the page URLs the API returns"
                ))
            })?),
        };
        Ok(Self {
            size,
            page,
            token,
            filters: q.filters(),
        })
    }

    fn query(&self, page: u64, token: Option<Token>) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.filters {
            s.append_pair(k, v);
        }
        s.append_pair("PageSize", &self.size.to_string());
        s.append_pair("Page", &page.to_string());
        if let Some(t) = token {
            s.append_pair("PageToken", &t.render());
        }
        s.finish()
    }
}

/// One page cut out of a list ordered by creation.
pub struct Page<'a, T> {
    pub items: Vec<&'a T>,
    req: PageRequest,
    next: Option<Token>,
    prev: Option<Token>,
}

/// Cuts the page `req` asks for out of `all` (which must be in creation order).
pub fn select<'a, T: Listed>(mut all: Vec<&'a T>, req: &PageRequest) -> Page<'a, T> {
    all.sort_by_key(|t| t.seq());
    let items: Vec<&T> = match req.token {
        None => all
            .iter()
            .skip(req.page as usize * req.size)
            .take(req.size)
            .copied()
            .collect(),
        Some(Token::After(s)) => all
            .iter()
            .filter(|t| t.seq() > s)
            .take(req.size)
            .copied()
            .collect(),
        Some(Token::Before(s)) => {
            let before: Vec<&T> = all.iter().filter(|t| t.seq() < s).copied().collect();
            before[before.len().saturating_sub(req.size)..].to_vec()
        }
    };
    let (next, prev) = match (items.first(), items.last()) {
        (Some(first), Some(last)) => (
            all.iter()
                .any(|t| t.seq() > last.seq())
                .then(|| Token::After(last.seq())),
            all.iter()
                .any(|t| t.seq() < first.seq())
                .then(|| Token::Before(first.seq())),
        ),
        _ => (None, None),
    };
    Page {
        items,
        req: req.clone(),
        next,
        prev,
    }
}

impl<T: Clone + 'static> Page<'_, T> {
    /// The page's items copied out, and the page without them: a large page is then rendered
    /// after the database lock is released, so requests that change the account are not held up
    /// while a thousand items become JSON.
    pub fn into_owned(self) -> (Vec<T>, Page<'static, T>) {
        let items = self.items.iter().map(|t| (*t).clone()).collect();
        let page = Page {
            items: vec![],
            req: self.req,
            next: self.next,
            prev: self.prev,
        };
        (items, page)
    }
}

impl<T> Page<'_, T> {
    fn next_page(&self) -> u64 {
        self.req.page + 1
    }

    fn prev_page(&self) -> u64 {
        self.req.page.saturating_sub(1)
    }

    /// The v1 envelope: `{ <key>: [...], meta: {...} }` with absolute URLs under `base`.
    pub fn v1(&self, base: &str, path: &str, key: &str, rendered: Vec<Value>) -> Value {
        let url = |q: String| format!("{base}{path}?{q}");
        let mut out = Map::new();
        out.insert(key.to_string(), Value::Array(rendered));
        out.insert(
            "meta".into(),
            json!({
                "first_page_url": url(self.req.query(0, None)),
                "key": key,
                "next_page_url": self.next.map(|t| url(self.req.query(self.next_page(), Some(t)))),
                "previous_page_url": self.prev.map(|t| url(self.req.query(self.prev_page(), Some(t)))),
                "page": self.req.page,
                "page_size": self.req.size,
                "url": url(self.req.query(self.req.page, self.req.token)),
            }),
        );
        Value::Object(out)
    }

    /// The v2010 envelope: key and paging fields side by side, URIs relative to the host.
    pub fn v2010(&self, path: &str, key: &str, rendered: Vec<Value>) -> Value {
        let uri = |q: String| format!("{path}?{q}");
        let start = self.req.page as usize * self.req.size;
        let end = start + rendered.len().saturating_sub(1);
        let mut out = Map::new();
        out.insert(key.to_string(), Value::Array(rendered));
        out.insert("first_page_uri".into(), json!(uri(self.req.query(0, None))));
        out.insert(
            "next_page_uri".into(),
            json!(
                self.next
                    .map(|t| uri(self.req.query(self.next_page(), Some(t))))
            ),
        );
        out.insert(
            "previous_page_uri".into(),
            json!(
                self.prev
                    .map(|t| uri(self.req.query(self.prev_page(), Some(t))))
            ),
        );
        out.insert(
            "uri".into(),
            json!(uri(self.req.query(self.req.page, self.req.token))),
        );
        out.insert("page".into(), json!(self.req.page));
        out.insert("page_size".into(), json!(self.req.size));
        out.insert("start".into(), json!(start));
        out.insert("end".into(), json!(end));
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Item(u64);
    impl Listed for Item {
        fn seq(&self) -> u64 {
            self.0
        }
    }

    #[test]
    fn tokens_walk_every_item_once() {
        let items: Vec<Item> = (1..=7).map(Item).collect();
        let mut req = PageRequest::parse(&Params::parse("PageSize=3")).unwrap();
        let mut seen = Vec::new();
        loop {
            let page = select(items.iter().collect(), &req);
            seen.extend(page.items.iter().map(|i| i.0));
            let Some(next) = page.next else { break };
            req.token = Some(next);
            req.page += 1;
        }
        assert_eq!(seen, vec![1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn bad_paging_refused() {
        assert!(PageRequest::parse(&Params::parse("PageSize=0")).is_err());
        assert!(PageRequest::parse(&Params::parse("PageSize=1001")).is_err());
        assert!(PageRequest::parse(&Params::parse("Page=-1")).is_err());
        assert!(PageRequest::parse(&Params::parse("PageToken=zzz")).is_err());
    }
}
