//! An undo step's cells in a compact binary form (one blob per step): for each cell its unit,
//! member, period, and its state before and after. A deep split touching 65,000 cells keeps a
//! few megabytes instead of a JSON text several times larger, and is written and read without
//! parsing text.

use super::{CellState, Key, PeriodKey};
use crate::targets::tiers::Tiers;

/// One cell of a step: where it is, and its state before and after (None: no row).
#[derive(Debug, Clone)]
pub(crate) struct StoredCell {
    pub unit: i64,
    pub member: Option<i64>,
    pub period: String,
    pub before: Option<CellState>,
    pub after: Option<CellState>,
}

impl StoredCell {
    pub(crate) fn key(&self) -> Key {
        (self.unit, self.member, PeriodKey::from(&self.period))
    }
}

fn put_i64(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_opt(out: &mut Vec<u8>, v: Option<i64>) {
    match v {
        Some(v) => {
            out.push(1);
            put_i64(out, v);
        }
        None => out.push(0),
    }
}

fn put_state(out: &mut Vec<u8>, s: &Option<CellState>) {
    let Some(s) = s else {
        out.push(0);
        return;
    };
    out.push(1);
    put_i64(out, s.tiers.floor);
    put_i64(out, s.tiers.base);
    put_i64(out, s.tiers.challenge);
    put_opt(out, s.tiers.sprint);
    out.push(s.locked as u8);
    put_opt(out, s.commitment);
}

fn put_cell(out: &mut Vec<u8>, key: &Key, before: &Option<CellState>, after: &Option<CellState>) {
    put_i64(out, key.0);
    put_opt(out, key.1);
    let period = key.2.as_bytes();
    out.push(period.len().min(255) as u8);
    out.extend_from_slice(&period[..period.len().min(255)]);
    put_state(out, before);
    put_state(out, after);
}

/// The cells as one blob.
#[cfg(test)]
pub(crate) fn encode(cells: &[StoredCell]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cells.len() * 64);
    for c in cells {
        put_cell(&mut out, &c.key(), &c.before, &c.after);
    }
    out
}

/// The cells a change touched (key, before, after) as one blob, read back by [`decode`].
pub(crate) fn encode_touched(cells: &[(Key, Option<CellState>, Option<CellState>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cells.len() * 64);
    for (key, before, after) in cells {
        put_cell(&mut out, key, before, after);
    }
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn i64(&mut self) -> Option<i64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(i64::from_le_bytes)
    }

    fn opt(&mut self) -> Option<Option<i64>> {
        match self.byte()? {
            0 => Some(None),
            1 => self.i64().map(Some),
            _ => None,
        }
    }

    fn state(&mut self) -> Option<Option<CellState>> {
        match self.byte()? {
            0 => Some(None),
            1 => {
                let tiers = Tiers {
                    floor: self.i64()?,
                    base: self.i64()?,
                    challenge: self.i64()?,
                    sprint: self.opt()?,
                };
                let locked = self.byte()? != 0;
                let commitment = self.opt()?;
                Some(Some(CellState {
                    tiers,
                    locked,
                    commitment,
                }))
            }
            _ => None,
        }
    }

    fn cell(&mut self) -> Option<StoredCell> {
        let unit = self.i64()?;
        let member = self.opt()?;
        let len = self.byte()? as usize;
        let period = String::from_utf8(self.take(len)?.to_vec()).ok()?;
        Some(StoredCell {
            unit,
            member,
            period,
            before: self.state()?,
            after: self.state()?,
        })
    }
}

/// The cells of a blob; None when it is damaged.
pub(crate) fn decode(bytes: &[u8]) -> Option<Vec<StoredCell>> {
    let mut r = Reader { bytes, at: 0 };
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
        // A new cell (8 + 1 + 1 + 7 + 1 + 1 + 24 + 9 + 1 + 1 bytes) stays small.
        assert_eq!(encode(&cells[..1]).len(), 54);
        assert!(decode(&blob[..blob.len() - 3]).is_none());
        assert!(decode(&[9, 9, 9]).is_none());
        assert_eq!(decode(&[]).unwrap().len(), 0);
    }
}
