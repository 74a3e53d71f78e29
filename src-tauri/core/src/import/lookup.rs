//! Name -> id maps of what the workspace already knows, loaded once per import, so each row costs
//! hash lookups and no queries. Values created or mapped during a commit are added as they come.

use super::UnknownKind;
use crate::error::Result;
use rusqlite::{params, Connection};
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

#[derive(Debug, Default)]
pub struct Lookups {
    people: Names,
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
        let mut stmt = conn.prepare("SELECT id, kind, name FROM org_unit")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, kind, name): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            add(&mut l.org_units, &name, id);
            match kind.as_str() {
                "person" => add(&mut l.people, &name, id),
                "team" | "region" => add(&mut l.groups, &name, id),
                _ => {}
            }
        }
        let mut stmt =
            conn.prepare("SELECT id, dim, code, name_zh, name_en FROM dimension_member")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, dim, code, zh, en): (i64, String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
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
        let mut stmt = conn.prepare("SELECT id, name FROM customer")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
            add(&mut l.customers, &name, id);
        }
        Ok(l)
    }

    fn map(&self, kind: UnknownKind) -> &Names {
        match kind {
            UnknownKind::Person => &self.people,
            UnknownKind::ProductLine => &self.product_lines,
            UnknownKind::CustomerType => &self.customer_types,
            UnknownKind::Channel => &self.channels,
            UnknownKind::Customer => &self.customers,
            UnknownKind::OrgUnit => &self.org_units,
        }
    }

    pub fn find(&self, kind: UnknownKind, name: &str) -> Found {
        match self.map(kind).get(name) {
            Some(Some(id)) => Found::Id(*id),
            Some(None) => Found::Ambiguous,
            None => Found::Unknown,
        }
    }

    /// Records that `name` now means `id` for the rest of the import.
    pub fn remember(&mut self, kind: UnknownKind, name: &str, id: i64) {
        let map = match kind {
            UnknownKind::Person => &mut self.people,
            UnknownKind::ProductLine => &mut self.product_lines,
            UnknownKind::CustomerType => &mut self.customer_types,
            UnknownKind::Channel => &mut self.channels,
            UnknownKind::Customer => &mut self.customers,
            UnknownKind::OrgUnit => &mut self.org_units,
        };
        map.insert(name.to_string(), Some(id));
    }

    /// A team (preferred) or region of that name, to put a new person under.
    pub fn group(&self, name: &str) -> Option<i64> {
        self.groups.get(name).copied().flatten()
    }
}

/// Checks that a user's "map to id" answer points at the right kind of record.
pub fn id_exists(conn: &Connection, kind: UnknownKind, id: i64) -> Result<bool> {
    let (sql, dim) = match kind {
        UnknownKind::Person => (
            "SELECT COUNT(*) FROM org_unit WHERE id = ?1 AND kind = 'person' AND ?2 = ?2",
            "",
        ),
        UnknownKind::OrgUnit => (
            "SELECT COUNT(*) FROM org_unit WHERE id = ?1 AND ?2 = ?2",
            "",
        ),
        UnknownKind::Customer => (
            "SELECT COUNT(*) FROM customer WHERE id = ?1 AND ?2 = ?2",
            "",
        ),
        UnknownKind::ProductLine => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "product_line",
        ),
        UnknownKind::CustomerType => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "customer_type",
        ),
        UnknownKind::Channel => (
            "SELECT COUNT(*) FROM dimension_member WHERE id = ?1 AND dim = ?2",
            "channel",
        ),
    };
    let n: i64 = conn.query_row(sql, params![id, dim], |r| r.get(0))?;
    Ok(n > 0)
}

/// The company (root) unit, created when the workspace has none.
pub fn company_root(conn: &Connection, batch: Option<i64>) -> Result<(i64, bool)> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(id) = found {
        return Ok((id, false));
    }
    let name: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'company_name'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|_| "公司".to_string());
    conn.execute(
        "INSERT INTO org_unit(parent_id, kind, name, headcount, batch_id) VALUES (NULL, 'company', ?1, 0, ?2)",
        params![name, batch],
    )?;
    Ok((conn.last_insert_rowid(), true))
}
