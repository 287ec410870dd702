//! Form parameters with Twilio's PascalCase names. Only fields that are set are sent, because
//! every Twilio update is partial.

/// Builder for `application/x-www-form-urlencoded` parameters.
#[derive(Debug, Default, Clone)]
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn set(mut self, name: &str, value: impl ToString) -> Self {
        self.0.push((name.to_string(), value.to_string()));
        self
    }
    pub fn opt<V: ToString>(self, name: &str, value: Option<V>) -> Self {
        match value {
            Some(v) => self.set(name, v),
            None => self,
        }
    }
    /// A list parameter: repeated once per value.
    pub fn each<V: ToString>(mut self, name: &str, values: impl IntoIterator<Item = V>) -> Self {
        for v in values {
            self.0.push((name.to_string(), v.to_string()));
        }
        self
    }
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.0
    }
}

/// Declares a string enum with Twilio's wire spellings.
macro_rules! wire_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)*
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)* }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($wire => Ok($name::$variant),)*
                    other => Err(format!(
                        "`{other}` is not one of: {}",
                        [$($wire),*].join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use wire_enum;
