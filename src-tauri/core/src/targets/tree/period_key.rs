//! The period part of a cell's key ("2026", "2026-Q1", "2026-03", "2026-W14", "2026-03-02")
//! held inside the key itself: a deep split makes, copies, hashes and compares hundreds of
//! thousands of keys, and a key that owns no text on the heap costs no allocation, no free and
//! no trip to another part of memory. Any text is accepted; one longer than a period key is
//! (never a valid period) is kept on the heap.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes held in place: every period key of the calendar fits.
const INLINE: usize = 14;

/// A period's key, read as a `&str` (it dereferences to one, hashes and orders as one).
#[derive(Clone)]
pub struct PeriodKey(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    // Boxed twice so the key stays two words long.
    Heap(Box<String>),
}

impl PeriodKey {
    pub fn new(s: &str) -> PeriodKey {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            PeriodKey(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            PeriodKey(Repr::Heap(Box::new(s.to_string())))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always whole characters: the bytes were copied from a `str` of this length.
            Repr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Deref for PeriodKey {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for PeriodKey {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for PeriodKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for PeriodKey {
    fn from(s: &str) -> PeriodKey {
        PeriodKey::new(s)
    }
}

impl From<&String> for PeriodKey {
    fn from(s: &String) -> PeriodKey {
        PeriodKey::new(s)
    }
}

impl From<String> for PeriodKey {
    fn from(s: String) -> PeriodKey {
        PeriodKey::new(&s)
    }
}

impl From<&PeriodKey> for String {
    fn from(p: &PeriodKey) -> String {
        p.as_str().to_string()
    }
}

// Hashes as its `str` does, so a key may be looked up by a borrowed `&str` period.
impl Hash for PeriodKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq for PeriodKey {
    fn eq(&self, other: &PeriodKey) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for PeriodKey {}

impl PartialEq<str> for PeriodKey {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PeriodKey {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PeriodKey {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<PeriodKey> for String {
    fn eq(&self, other: &PeriodKey) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<PeriodKey> for &str {
    fn eq(&self, other: &PeriodKey) -> bool {
        *self == other.as_str()
    }
}

impl Ord for PeriodKey {
    fn cmp(&self, other: &PeriodKey) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for PeriodKey {
    fn partial_cmp(&self, other: &PeriodKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl rusqlite::types::ToSql for PeriodKey {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(
            rusqlite::types::ValueRef::Text(self.as_bytes()),
        ))
    }
}

impl rusqlite::types::FromSql for PeriodKey {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        v.as_str().map(PeriodKey::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash_of<T: Hash + ?Sized>(v: &T) -> u64 {
        let mut h = DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    }

    #[test]
    fn reads_hashes_and_orders_as_its_text() {
        let texts = [
            "",
            "2026",
            "2026-H1",
            "2026-Q4",
            "2026-03",
            "2026-W53",
            "2026-03-02",
            "12345678901234",
            "123456789012345",
            "一个很长很长的期间名称",
        ];
        for a in texts {
            let k = PeriodKey::from(a);
            assert_eq!(k.as_str(), a);
            assert_eq!(&*k, a);
            assert_eq!(k.to_string(), a);
            assert_eq!(format!("{k:?}"), format!("{a:?}"));
            assert_eq!(hash_of(&k), hash_of(a));
            assert_eq!(k.clone(), k);
            for b in texts {
                let l = PeriodKey::from(b);
                assert_eq!(k.cmp(&l), a.cmp(b), "{a} vs {b}");
                assert_eq!(k == l, a == b);
            }
        }
        // Two words, like the text it replaces.
        assert_eq!(std::mem::size_of::<PeriodKey>(), 16);
    }
}
