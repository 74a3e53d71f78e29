//! The period part of a cell's key ("2026", "2026-Q1", "2026-03", "2026-W14", "2026-03-02")
//! held inside the key itself: a deep split makes, copies, hashes and compares hundreds of
//! thousands of keys, and a key that owns no text on the heap costs no allocation, no free and
//! no trip to another part of memory. Any text is accepted; one longer than a period key is
//! (never a valid period) is kept on the heap.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes held in place: every period key of the calendar fits.
const INLINE: usize = 14;

/// A period's key, read as a `&str` (it dereferences to one and orders as one).
#[derive(Clone)]
pub struct PeriodKey(Repr);

#[derive(Clone)]
enum Repr {
    Inline {
        len: u8,
        bytes: [u8; INLINE],
    },
    // A thin pointer (the `String` boxed again) keeps the key two words long.
    #[allow(clippy::box_collection)]
    Heap(Box<String>),
}

impl PeriodKey {
    #[inline]
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

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // SAFETY: `bytes[..len]` is only ever written by `new`, as an exact copy of a whole
            // `str` of `len` bytes, so it is valid UTF-8 (read on every look-up of a cell: not
            // validated again each time).
            Repr::Inline { len, bytes } => unsafe {
                std::str::from_utf8_unchecked(bytes.get(..*len as usize).unwrap_or_default())
            },
            Repr::Heap(s) => s,
        }
    }
}

impl Deref for PeriodKey {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for PeriodKey {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for PeriodKey {
    #[inline]
    fn from(s: &str) -> PeriodKey {
        PeriodKey::new(s)
    }
}

impl From<&String> for PeriodKey {
    #[inline]
    fn from(s: &String) -> PeriodKey {
        PeriodKey::new(s)
    }
}

impl From<String> for PeriodKey {
    #[inline]
    fn from(s: String) -> PeriodKey {
        PeriodKey::new(&s)
    }
}

impl From<&PeriodKey> for String {
    #[inline]
    fn from(p: &PeriodKey) -> String {
        p.as_str().to_string()
    }
}

// Equal keys have equal forms (a text that fits is always held in place, with zeroed spare
// bytes), so the form itself is hashed, without reading the text: its two words folded and
// mixed into one, every byte reaching every bit (the months of a row differ in one byte, which
// a multiplicative hasher alone would keep out of the low bits a table indexes by).
impl Hash for PeriodKey {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let mut word = [0u8; 16];
                word[0] = *len;
                word[1..=INLINE].copy_from_slice(bytes);
                let w = u128::from_le_bytes(word);
                state.write_u64(mix(w as u64 ^ ((w >> 64) as u64).rotate_left(32)));
            }
            Repr::Heap(s) => s.hash(state),
        }
    }
}

/// The finaliser of MurmurHash3: a bijection of 64 bits in which every input bit moves about
/// half the output bits.
#[inline]
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    let x = (x ^ (x >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

impl PartialEq for PeriodKey {
    #[inline]
    fn eq(&self, other: &PeriodKey) -> bool {
        match (&self.0, &other.0) {
            // Unused bytes are zero: equal texts are equal arrays.
            (Repr::Inline { len: a, bytes: x }, Repr::Inline { len: b, bytes: y }) => {
                a == b && x == y
            }
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for PeriodKey {}

impl PartialEq<str> for PeriodKey {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PeriodKey {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PeriodKey {
    #[inline]
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<PeriodKey> for String {
    #[inline]
    fn eq(&self, other: &PeriodKey) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<PeriodKey> for &str {
    #[inline]
    fn eq(&self, other: &PeriodKey) -> bool {
        *self == other.as_str()
    }
}

impl Ord for PeriodKey {
    #[inline]
    fn cmp(&self, other: &PeriodKey) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for PeriodKey {
    #[inline]
    fn partial_cmp(&self, other: &PeriodKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PeriodKey {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PeriodKey {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl rusqlite::types::ToSql for PeriodKey {
    #[inline]
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(
            rusqlite::types::ValueRef::Text(self.as_bytes()),
        ))
    }
}

impl rusqlite::types::FromSql for PeriodKey {
    #[inline]
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
            assert_eq!(hash_of(&k), hash_of(&PeriodKey::from(a.to_string())));
            assert_eq!(k.clone(), k);
            for b in texts {
                let l = PeriodKey::from(b);
                assert_eq!(k.cmp(&l), a.cmp(b), "{a} vs {b}");
                assert_eq!(k == l, a == b);
                assert_eq!(hash_of(&k) == hash_of(&l), a == b);
            }
        }
        // Two words, like the text it replaces.
        assert_eq!(std::mem::size_of::<PeriodKey>(), 16);
    }
}
