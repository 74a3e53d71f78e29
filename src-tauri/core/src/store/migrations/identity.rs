//! Migrations 12–19: a transaction's identity, archived plans, dated membership, plan rules,
//! pending indexes, retired metrics and transfers.

/// 12: a transaction's identity (import::identity): metric, date, person, amount, quantity,
/// product line, customer, order number and the occurrence among rows that share all of
/// those. Existing rows get it recomputed (numbered in import order, so no row is lost; a
/// line an older import dropped as a "duplicate" comes in when its file is imported again).
/// Batches remember the metric they booked to (the same file booked to another metric is a
/// new import), and an undone batch keeps its rows in `undone_row` so it can be redone.
pub(super) const M12: &str = r#"
UPDATE actual SET fingerprint = '#' || id;
UPDATE actual SET fingerprint = n.fp
  FROM (SELECT id, key || '|' || (ROW_NUMBER() OVER (PARTITION BY key ORDER BY batch_id, source_row, id) - 1) AS fp
          FROM (SELECT id, batch_id, source_row,
                       metric_id || '|' || date || '|' || person_id || '|' || amount || '|' || quantity || '|' || IFNULL(product_line_id, '') || '|' || IFNULL(customer_id, '') || '|' || IFNULL(order_id, '') AS key
                  FROM actual)) n
 WHERE n.id = actual.id;
ALTER TABLE import_batch ADD COLUMN metric_id INTEGER REFERENCES metric(id);
ALTER TABLE import_batch ADD COLUMN undone_at TEXT;
ALTER TABLE import_batch ADD COLUMN undone_amount INTEGER NOT NULL DEFAULT 0;
UPDATE import_batch SET metric_id = COALESCE(
    (SELECT a.metric_id FROM actual a WHERE a.batch_id = import_batch.id LIMIT 1),
    (SELECT t.metric_id FROM target t WHERE t.batch_id = import_batch.id LIMIT 1))
 WHERE kind IN ('actuals', 'targets');
CREATE TABLE undone_row (
    batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    tbl      TEXT NOT NULL,
    cols     TEXT NOT NULL,
    vals     TEXT NOT NULL
);
CREATE INDEX undone_row_by_batch ON undone_row(batch_id, tbl);
"#;

/// 13: a year's plan can be archived (kept, readable, out of the year picker's default).
pub(super) const M13: &str = r#"
ALTER TABLE target_set ADD COLUMN archived_at TEXT;
"#;

/// 14: membership has dates. A person's unit row holds one stretch of membership (valid_from ..
/// valid_to, open when NULL); a transfer ends one row and starts another under the new unit,
/// both carrying the person's key (the first row's id), so past actuals stay where they were
/// earned. Each unit may name its manager.
pub(super) const M14: &str = r#"
ALTER TABLE org_unit ADD COLUMN valid_from TEXT;
ALTER TABLE org_unit ADD COLUMN valid_to TEXT;
ALTER TABLE org_unit ADD COLUMN person_key INTEGER;
ALTER TABLE org_unit ADD COLUMN manager TEXT NOT NULL DEFAULT '';
"#;

/// 15: a target plan's rules: the rounding unit of its splits and spreads (fen: 1 fen, 100 = 1
/// yuan, up to 1,000,000 = 10,000 yuan) and the allowed band of Σ children against their
/// parent in basis points (exactly 100% by default; e.g. 10000–12000 when quotas are
/// over-assigned on purpose).
pub(super) const M15: &str = r#"
ALTER TABLE target_set ADD COLUMN rounding_unit INTEGER NOT NULL DEFAULT 1 CHECK (rounding_unit IN (1, 100, 10000, 100000, 1000000));
ALTER TABLE target_set ADD COLUMN allocation_min_bp INTEGER NOT NULL DEFAULT 10000 CHECK (allocation_min_bp BETWEEN 0 AND 10000);
ALTER TABLE target_set ADD COLUMN allocation_max_bp INTEGER NOT NULL DEFAULT 10000 CHECK (allocation_max_bp BETWEEN 10000 AND 100000);
"#;

/// 16: a sale's identity names the person by their key, not by the unit row they were in (a
/// transfer gives a person a new row with the same key), so re-importing old lines after a
/// transfer adds nothing. Only the person field of the identities of people with a key is
/// rewritten (`metric|date|person|…`); their occurrence numbers stay, and two lines that now
/// meet take occurrences after the highest of their kind, so no row is lost.
pub(super) const M16: &str = r#"
CREATE TEMP TABLE identity_16 AS
WITH keyed AS (
    SELECT a.id, a.fingerprint AS f, o.person_key AS pk, instr(a.fingerprint, '|') AS p1
      FROM actual a JOIN org_unit o ON o.id = a.person_id
     WHERE o.person_key IS NOT NULL
),
split AS (
    SELECT id, pk, substr(f, 1, p1 + 11) AS head, substr(f, p1 + 12) AS rest
      FROM keyed
     WHERE p1 > 0 AND substr(f, p1 + 11, 1) = '|'
),
renamed AS (
    SELECT id, head || pk || substr(rest, instr(rest, '|')) AS fp
      FROM split
     WHERE instr(rest, '|') > 0
),
numbered AS (
    SELECT id, fp, rtrim(fp, '0123456789') AS base,
           CAST(substr(fp, length(rtrim(fp, '0123456789')) + 1) AS INTEGER) AS k,
           ROW_NUMBER() OVER (PARTITION BY fp ORDER BY id) AS nth
      FROM renamed
)
SELECT id,
       CASE WHEN nth = 1 THEN fp
            ELSE base || (MAX(k) OVER (PARTITION BY base)
                          + ROW_NUMBER() OVER (PARTITION BY base, nth = 1 ORDER BY id)) END AS fp
  FROM numbered;
UPDATE actual SET fingerprint = '#' || id WHERE id IN (SELECT id FROM identity_16);
UPDATE actual SET fingerprint = (SELECT fp FROM identity_16 i WHERE i.id = actual.id)
 WHERE id IN (SELECT id FROM identity_16);
DROP TABLE identity_16;
"#;

/// 17: look-up indexes a bulk import set aside (dropped in its transaction, which records
/// their definitions here) until they are built again right after its commit, off the
/// user's path (`store::pending_index`); a workspace closed before that builds them on open.
pub(super) const M17: &str = r#"
CREATE TABLE pending_index (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
"#;

/// 18: a person may move back to a unit they belonged to before: the sibling-name index counts
/// only the active, current rows (an ended membership row keeps its name beside the new one).
/// Metrics and dimension members can be retired (kept with their history, hidden by default).
/// Each transfer is logged with what undoing it must restore (the target rows as they were).
pub(super) const M18: &str = r#"
DROP INDEX org_unit_sibling_name;
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit(IFNULL(parent_id, 0), name)
    WHERE active = 1 AND valid_to IS NULL;
ALTER TABLE metric ADD COLUMN retired_at TEXT;
ALTER TABLE dimension_member ADD COLUMN retired_at TEXT;
CREATE TABLE org_transfer (
    id        INTEGER PRIMARY KEY,
    from_row  INTEGER NOT NULL,
    to_row    INTEGER NOT NULL,
    date      TEXT NOT NULL,
    at        TEXT NOT NULL,
    undo_json TEXT NOT NULL
);
"#;

/// 19: the identity's unique index is named, so a large import can set it aside and check in
/// memory (`import::insert`). The table is copied whole (its columns are unchanged since 1).
pub(super) const M19: &str = r#"
CREATE TABLE actual_19 (
    id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    date TEXT NOT NULL, person_id INTEGER NOT NULL REFERENCES org_unit(id),
    metric_id INTEGER NOT NULL REFERENCES metric(id), amount INTEGER NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 0, product_line_id INTEGER REFERENCES dimension_member(id),
    customer_type_id INTEGER REFERENCES dimension_member(id),
    channel_id INTEGER REFERENCES dimension_member(id), customer_id INTEGER REFERENCES customer(id),
    order_id TEXT, note TEXT NOT NULL DEFAULT '', fingerprint TEXT NOT NULL,
    source_row INTEGER, source_sheet TEXT
);
INSERT INTO actual_19 SELECT * FROM actual ORDER BY id;
DROP TABLE actual; ALTER TABLE actual_19 RENAME TO actual;
CREATE UNIQUE INDEX actual_identity ON actual(fingerprint);
CREATE INDEX actual_by_person_date ON actual(person_id, date);
CREATE INDEX actual_by_batch ON actual(batch_id);
CREATE INDEX actual_by_metric_date ON actual(metric_id, date);
DELETE FROM pending_index WHERE name IN ('actual_by_batch', 'actual_by_metric_date', 'actual_by_person_date');
"#;
