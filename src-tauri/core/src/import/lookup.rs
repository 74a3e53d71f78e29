//! Name -> id maps of what the workspace already knows, loaded once per import, so each row costs
//! hash lookups and no queries. Values created or mapped during a commit are added as they come.
//!
//! A person who transferred has one unit row per stretch of membership, all with the same person
//! key: a sale is booked to the row valid on the sale's date, and its identity uses the key, so
//! re-importing old lines after a transfer adds nothing.

use super::store::known;
use super::UnknownKind;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use rustc_hash::FxHashMap;

/// `None` marks a name that two records share (ambiguous).
type Names = FxHashMap<String, Option<i64>>;

fn add(map: &mut Names, name: &str, id: i64) {
    let key = name.trim().to_string();
    if key.is_empty() {
        return;
    }
    map.entry(key)
        .and_modify(|v| {
            if *v != Some(id) {
                *v = None
            }
        })
        .or_insert(Some(id));
}

/// The outcome of looking a name up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Id(i64),
    Ambiguous,
    Unknown,
}

/// One stretch of a person's membership: their unit row, their stable key and its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stint {
    id: i64,
    key: i64,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Stint {
    fn covers(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

fn day(text: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text?.trim(), "%Y-%m-%d").ok()
}

/// The stint of one person for `on` (the sale's date; the current stint without one). Names
/// that belong to more than one person are ambiguous.
fn pick(stints: &[Stint], on: Option<NaiveDate>) -> Found {
    let (Some(first), Some(last)) = (stints.first(), stints.last()) else {
        return Found::Unknown;
    };
    if stints.iter().any(|s| s.key != first.key) {
        return Found::Ambiguous;
    }
    let chosen = match on {
        Some(d) => stints
            .iter()
            .rev()
            .find(|s| s.covers(d))
            // Before they joined, the first stint; after they left, the last one.
            .unwrap_or(if first.from.is_some_and(|f| d < f) {
                first
            } else {
                last
            }),
        None => stints.iter().rev().find(|s| s.to.is_none()).unwrap_or(last),
    };
    Found::Id(chosen.id)
}

#[derive(Debug, Default)]
pub struct Lookups {
    /// Every stint of the people of each name, in date order.
    people: FxHashMap<String, Vec<Stint>>,
    /// Unit row of a person -> their person key (rows without a key are their own key).
    person_keys: FxHashMap<i64, i64>,
    product_lines: Names,
    customer_types: Names,
    channels: Names,
    customers: Names,
    org_units: Names,
    /// Teams and regions by name, to place a created person.
    groups: Names,
}

impl Lookups {
    pub fn load(conn: &Connection) -> Result<Lookups> {
        let mut l = Lookups::default();
        for (id, kind, name, key, from, to) in known::units(conn)? {
            let stint = Stint {
                id,
                key,
                from: day(from),
                to: day(to),
            };
            match kind.as_str() {
                "person" => {
                    l.person_keys.insert(id, stint.key);
                    let key = name.trim().to_string();
                    if !key.is_empty() {
                        l.people.entry(key).or_default().push(stint);
                    }
                }
                "team" | "region" => {
                    add(&mut l.org_units, &name, id);
                    add(&mut l.groups, &name, id);
                }
                _ => add(&mut l.org_units, &name, id),
            }
        }
        // By name, a person is their current unit row (a transfer's ended stints are the past).
        for (name, stints) in &l.people {
            let mut keys: Vec<i64> = stints.iter().map(|s| s.key).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                let mine: Vec<Stint> = stints.iter().filter(|s| s.key == key).copied().collect();
                if let Found::Id(id) = pick(&mine, None) {
                    add(&mut l.org_units, name, id);
                }
            }
        }
        for (id, dim, code, zh, en) in known::members(conn)? {
            let map = match dim.as_str() {
                "product_line" => &mut l.product_lines,
                "customer_type" => &mut l.customer_types,
                "channel" => &mut l.channels,
                _ => continue,
            };
            add(map, &zh, id);
            add(map, &en, id);
            add(map, &code, id);
        }
        for (id, name) in known::customers(conn)? {
            add(&mut l.customers, &name, id);
        }
        Ok(l)
    }

    /// The name map of every kind but people (whose names have dated stints).
    fn map(&self, kind: UnknownKind) -> &Names {
        match kind {
            UnknownKind::ProductLine => &self.product_lines,
            UnknownKind::CustomerType => &self.customer_types,
            UnknownKind::Channel => &self.channels,
            // People are looked up by their stints before this is reached.
            UnknownKind::Person | UnknownKind::Customer => &self.customers,
            UnknownKind::OrgUnit => &self.org_units,
        }
    }

    /// The record named `name`; a person's current unit row.
    pub fn find(&self, kind: UnknownKind, name: &str) -> Found {
        self.find_on(kind, name, None)
    }

    /// The record named `name`; for a person, their unit row on `day` (the sale's date).
    pub fn find_on(&self, kind: UnknownKind, name: &str, day: Option<NaiveDate>) -> Found {
        if kind == UnknownKind::Person {
            return self
                .people
                .get(name)
                .map_or(Found::Unknown, |stints| pick(stints, day));
        }
        match self.map(kind).get(name) {
            Some(Some(id)) => Found::Id(*id),
            Some(None) => Found::Ambiguous,
            None => Found::Unknown,
        }
    }

    /// Records that `name` now means `id` for the rest of the import.
    pub fn remember(&mut self, kind: UnknownKind, name: &str, id: i64) {
        if kind == UnknownKind::Person {
            let key = self.person_key(id);
            let stint = Stint {
                id,
                key,
                from: None,
                to: None,
            };
            self.people.insert(name.to_string(), vec![stint]);
            return;
        }
        let map = match kind {
            UnknownKind::ProductLine => &mut self.product_lines,
            UnknownKind::CustomerType => &mut self.customer_types,
            UnknownKind::Channel => &mut self.channels,
            // People are remembered as stints above.
            UnknownKind::Person | UnknownKind::Customer => &mut self.customers,
            UnknownKind::OrgUnit => &mut self.org_units,
        };
        map.insert(name.to_string(), Some(id));
    }

    /// The stable key of the person whose unit row is `id` (a transfer keeps it).
    pub fn person_key(&self, id: i64) -> i64 {
        self.person_keys.get(&id).copied().unwrap_or(id)
    }

    /// A team (preferred) or region of that name, to put a new person under.
    pub fn group(&self, name: &str) -> Option<i64> {
        self.groups.get(name).copied().flatten()
    }
}
