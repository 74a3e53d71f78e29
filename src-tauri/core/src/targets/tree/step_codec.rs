//! An undo step's cells in a compact binary form (one blob per step): for each cell its unit,
//! member, period, and its state before and after. Whole numbers are written as variable-length
//! integers (zigzag LEB128, a unit as the difference from the cell before, which is usually
//! small), and each period's text once per blob (then by its index), so a deep split's new cell
//! takes about 20 bytes instead of 54 with 8-byte numbers: 65,000 cells make a blob of about 1.3
//! megabytes, written and read without parsing text.

use super::{CellState, Key, PeriodKey};
use crate::targets::tiers::Tiers;

/// One cell of a step: where it is, and its state before and after (None: no row).
#[derive(Debug, Clone)]
pub(crate) struct StoredCell {
    pub unit: i64,
    pub member: Option<i64>,
    pub period: PeriodKey,
    pub before: Option<CellState>,
    pub after: Option<CellState>,
}

impl StoredCell {
    pub(crate) fn key(&self) -> Key {
        (self.unit, self.member, self.period.clone())
    }
}

// A cell's head byte: which parts follow.
const MEMBER: u8 = 1;
const BEFORE: u8 = 2;
const AFTER: u8 = 4;
// A state's head byte.
const LOCKED: u8 = 1;
const SPRINT: u8 = 2;
const COMMITMENT: u8 = 4;

fn put_int(out: &mut Vec<u8>, v: i64) {
    // Zigzag: small negative numbers stay short too.
    let mut z = ((v << 1) ^ (v >> 63)) as u64;
    while z >= 0x80 {
        out.push(z as u8 | 0x80);
        z >>= 7;
    }
    out.push(z as u8);
}

fn put_state(out: &mut Vec<u8>, s: &CellState) {
    let mut head = 0;
    if s.locked {
        head |= LOCKED;
    }
    if s.tiers.sprint.is_some() {
        head |= SPRINT;
    }
    if s.commitment.is_some() {
        head |= COMMITMENT;
    }
    out.push(head);
    put_int(out, s.tiers.floor);
    put_int(out, s.tiers.base);
    put_int(out, s.tiers.challenge);
    for v in [s.tiers.sprint, s.commitment].into_iter().flatten() {
        put_int(out, v);
    }
}

/// Writes cells one after another; remembers the unit before and the periods written.
struct Writer<'a> {
    out: Vec<u8>,
    unit: i64,
    periods: Vec<&'a str>,
}

impl<'a> Writer<'a> {
    fn new(cells: usize) -> Writer<'a> {
        Writer {
            out: Vec::with_capacity(cells * 20),
            unit: 0,
            periods: Vec::new(),
        }
    }

    fn cell(&mut self, key: &'a Key, before: &Option<CellState>, after: &Option<CellState>) {
        let mut head = 0;
        if key.1.is_some() {
            head |= MEMBER;
        }
        if before.is_some() {
            head |= BEFORE;
        }
        if after.is_some() {
            head |= AFTER;
        }
        let out = &mut self.out;
        out.push(head);
        put_int(out, key.0.wrapping_sub(self.unit));
        self.unit = key.0;
        if let Some(m) = key.1 {
            put_int(out, m);
        }
        // A period is its index among those written so far; a new one is followed by its text.
        let period = key.2.as_str();
        match self.periods.iter().position(|p| *p == period) {
            Some(i) => put_int(out, i as i64),
            None => {
                put_int(out, self.periods.len() as i64);
                put_int(out, period.len() as i64);
                out.extend_from_slice(period.as_bytes());
                self.periods.push(period);
            }
        }
        for s in [before, after].into_iter().flatten() {
            put_state(out, s);
        }
    }
}

/// The cells as one blob.
#[cfg(test)]
pub(crate) fn encode(cells: &[StoredCell]) -> Vec<u8> {
    let keys: Vec<Key> = cells.iter().map(StoredCell::key).collect();
    let mut w = Writer::new(cells.len());
    for (c, k) in cells.iter().zip(&keys) {
        w.cell(k, &c.before, &c.after);
    }
    w.out
}

/// The cells a change touched (key, before, after) as one blob, read back by [`decode`].
pub(crate) fn encode_touched(cells: &[(Key, Option<CellState>, Option<CellState>)]) -> Vec<u8> {
    let mut w = Writer::new(cells.len());
    for (key, before, after) in cells {
        w.cell(key, before, after);
    }
    w.out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    unit: i64,
    periods: Vec<PeriodKey>,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn int(&mut self) -> Option<i64> {
        let mut z = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            // The tenth byte holds the 64th bit only.
            if shift == 63 && b > 1 {
                return None;
            }
            z |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(((z >> 1) as i64) ^ -((z & 1) as i64));
            }
        }
        None
    }

    /// The next whole number when the head says one is there (`Some(None)` when it is not;
    /// None when the step ends early).
    fn int_if(&mut self, present: bool) -> Option<Option<i64>> {
        if present {
            self.int().map(Some)
        } else {
            Some(None)
        }
    }

    fn state(&mut self) -> Option<CellState> {
        let head = self.byte()?;
        if head & !(LOCKED | SPRINT | COMMITMENT) != 0 {
            return None;
        }
        let (floor, base, challenge) = (self.int()?, self.int()?, self.int()?);
        let sprint = self.int_if(head & SPRINT != 0)?;
        let commitment = self.int_if(head & COMMITMENT != 0)?;
        Some(CellState {
            tiers: Tiers {
                floor,
                base,
                challenge,
                sprint,
            },
            locked: head & LOCKED != 0,
            commitment,
        })
    }

    fn cell(&mut self) -> Option<StoredCell> {
        let head = self.byte()?;
        if head & !(MEMBER | BEFORE | AFTER) != 0 {
            return None;
        }
        self.unit = self.unit.wrapping_add(self.int()?);
        let member = self.int_if(head & MEMBER != 0)?;
        let index = usize::try_from(self.int()?).ok()?;
        if index == self.periods.len() {
            let len = usize::try_from(self.int()?).ok()?;
            let text = self.bytes.get(self.at..self.at.checked_add(len)?)?;
            self.at += len;
            self.periods
                .push(PeriodKey::new(std::str::from_utf8(text).ok()?));
        }
        let period = self.periods.get(index)?.clone();
        let before = if head & BEFORE != 0 {
            Some(self.state()?)
        } else {
            None
        };
        let after = if head & AFTER != 0 {
            Some(self.state()?)
        } else {
            None
        };
        Some(StoredCell {
            unit: self.unit,
            member,
            period,
            before,
            after,
        })
    }
}

/// The cells of a blob; None when it is damaged.
pub(crate) fn decode(bytes: &[u8]) -> Option<Vec<StoredCell>> {
    let mut r = Reader {
        bytes,
        at: 0,
        unit: 0,
        periods: Vec::new(),
    };
    let mut out = Vec::new();
    while r.at < bytes.len() {
        out.push(r.cell()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(base: i64, sprint: Option<i64>, locked: bool, commitment: Option<i64>) -> CellState {
        CellState {
            tiers: Tiers {
                floor: base * 8 / 10,
                base,
                challenge: -base,
                sprint,
            },
            locked,
            commitment,
        }
    }

    #[test]
    fn cells_round_trip_exactly_and_damage_is_seen() {
        let cells = vec![
            StoredCell {
                unit: 7,
                member: None,
                period: "2026-03".into(),
                before: None,
                after: Some(state(123_456_789, Some(i64::MAX), false, None)),
            },
            StoredCell {
                unit: -1,
                member: Some(42),
                period: "2026-Q1".into(),
                before: Some(state(i64::MIN / 20, None, true, Some(-5))),
                after: None,
            },
            StoredCell {
                unit: 3,
                member: None,
                period: "2026".into(),
                before: Some(state(0, Some(0), false, Some(0))),
                after: Some(state(1, None, true, None)),
            },
        ];
        let blob = encode(&cells);
        let back = decode(&blob).unwrap();
        assert_eq!(back.len(), 3);
        for (a, b) in cells.iter().zip(&back) {
            assert_eq!(
                (a.unit, a.member, &a.period, a.before, a.after),
                (b.unit, b.member, &b.period, b.before, b.after)
            );
        }
        // A new cell stays small: head 1, unit 7 (zigzag 14) 1, period index 0 1, its length 1
        // and text 7, state head 1, floor 98,765,431 (zigzag 197,530,862 < 2^28) 4, base
        // 123,456,789 (246,913,578 < 2^28) 4, challenge -123,456,789 (246,913,577) 4, sprint
        // i64::MAX (2^64 - 2) 10 = 34 bytes.
        assert_eq!(encode(&cells[..1]).len(), 34);
        assert!(decode(&blob[..blob.len() - 3]).is_none());
        assert!(decode(&[9, 9, 9]).is_none());
        assert_eq!(decode(&[]).unwrap().len(), 0);
        // Unknown head bits, an index past the periods known, a number of more than 64 bits.
        assert!(decode(&[8, 0]).is_none());
        assert!(decode(&[0, 2, 1]).is_none());
        assert!(decode(&[0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]).is_none());
    }

    #[test]
    fn a_period_written_once_is_then_an_index_and_extremes_survive() {
        let cell = |unit: i64, member: Option<i64>, period: &str| StoredCell {
            unit,
            member,
            period: period.into(),
            before: Some(state(5, None, false, None)),
            after: None,
        };
        let cells = vec![
            cell(i64::MIN, Some(i64::MAX), "2026-01"),
            cell(i64::MAX, Some(i64::MIN), "2026-02"),
            cell(i64::MAX - 1, None, "2026-01"),
            cell(0, None, "一个很长很长的期间名称"),
        ];
        let blob = encode(&cells);
        let back = decode(&blob).unwrap();
        for (a, b) in cells.iter().zip(&back) {
            assert_eq!(
                (a.unit, a.member, &a.period, a.before, a.after),
                (b.unit, b.member, &b.period, b.before, b.after)
            );
        }
        // The third cell: head 1, unit difference -1 (zigzag 1) 1, period index 0 1, state
        // head 1, floor 4, base 5, challenge -5 (zigzag 8, 10, 9: one byte each) 3 = 7 bytes.
        let two = encode(&cells[..2]).len();
        assert_eq!(encode(&cells[..3]).len() - two, 7);
    }
}
