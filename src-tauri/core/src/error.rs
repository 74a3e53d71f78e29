//! One error type for the whole core: a stable machine code plus the message in both languages.
//! The shell picks the user's language; the UI never parses message text.

use serde::Serialize;
use std::fmt;

mod code;
pub use code::{js_module, Code};

/// The two languages every label and message exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Reads a locale tag such as `zh_CN.UTF-8`, `zh-Hans-CN`, `en-US`; anything Chinese is zh-CN.
    pub fn from_locale(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

/// A text in both languages carried by data (the UI shows the user's), e.g. why an item cannot
/// be verified any more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    pub zh: String,
    pub en: String,
}

/// What crosses to JS and to the CLI's stderr: `{ "code", "message" }`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorDto {
    pub code: String,
    pub message: String,
}

impl Error {
    pub fn new(code: Code, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Error {
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn to_dto(&self, lang: Lang) -> ErrorDto {
        // Every error a user is shown lands in the log (Help → Copy diagnostics lists the last).
        log::warn!("{}: {}", self.code, self.en);
        ErrorDto {
            code: self.code.as_str().to_string(),
            message: self.message(lang).to_string(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.en)
    }
}

impl std::error::Error for Error {}

/// An [`Error`] as serde carries it when a value a command receives is refused: its
/// `{"code","zh","en"}` as JSON text. The window's door (`ui/js/errors.js`) reads it back and
/// shows the message in the user's language, so an unknown value of an enum-like argument is
/// refused like any other error, never in a library's words.
#[derive(Debug)]
pub struct Refused(pub Error);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.0;
        let json = serde_json::json!({ "code": e.code.as_str(), "zh": e.zh, "en": e.en });
        write!(f, "{json}")
    }
}

/// `Deserialize` for an enum-like type from its code through its `parse(&str) -> Result<Self>`:
/// an unknown code is [`Refused`] with the type's own bilingual error.
macro_rules! deserialize_by_code {
    ($t:ty) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let code = <String as serde::Deserialize>::deserialize(d)?;
                <$t>::parse(&code).map_err(|e| serde::de::Error::custom($crate::error::Refused(e)))
            }
        }
    };
}
pub(crate) use deserialize_by_code;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked)) {
            // Another connection (the background index rebuild, the CLI) holds the write lock
            // longer than the busy timeout: a retry later succeeds, nothing is wrong with the file.
            return Error::new(
                Code::Busy,
                "工作区正忙（正在整理索引），请稍后再试",
                "The workspace is busy (rebuilding indexes); try again in a moment",
            );
        }
        Error::new(
            Code::Database,
            format!("数据库错误：{e}"),
            format!("Database error: {e}"),
        )
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(
            Code::Io,
            format!("文件读写失败：{e}"),
            format!("File error: {e}"),
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::Error;
    use rusqlite::{Connection, TransactionBehavior};

    #[test]
    fn a_busy_database_says_so_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut holder = Connection::open(&path).unwrap();
        holder.execute_batch("CREATE TABLE t(x)").unwrap();
        let _tx = holder
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let other = Connection::open(&path).unwrap();
        other.busy_timeout(std::time::Duration::ZERO).unwrap();
        let raw = other.execute("INSERT INTO t VALUES (1)", []).unwrap_err();
        let e = Error::from(raw);
        assert_eq!(e.code, "busy");
        assert_eq!(e.zh, "工作区正忙（正在整理索引），请稍后再试");
        assert_eq!(
            e.en,
            "The workspace is busy (rebuilding indexes); try again in a moment"
        );
    }
}
