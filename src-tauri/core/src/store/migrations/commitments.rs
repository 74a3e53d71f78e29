//! Migrations from 20 on: commitment batches in a table of their own.

/// 20: each imported commitment sheet is a row of `commitment_batch`, kept per target plan
/// (`target_set_id`); AUTOINCREMENT so an id is never given twice, even after a row is lost.
/// The batches kept before as JSON in `meta` (`commitments.batch.<id>`) move here with their
/// ids, each under the newest plan of its year that holds its unit's targets. A record that
/// cannot be read keeps its id and its text, with no plan: the app reports it as damaged.
pub(super) const M20: &str = r#"
CREATE TABLE commitment_batch (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    target_set_id INTEGER REFERENCES target_set(id) ON DELETE CASCADE,
    metric        TEXT NOT NULL,
    file          TEXT NOT NULL,
    unit_id       INTEGER NOT NULL,
    unit_path     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    undone_at     TEXT,
    approved_at   TEXT,
    last_revision INTEGER NOT NULL,
    cells_json    TEXT NOT NULL
);
CREATE INDEX commitment_batch_by_set ON commitment_batch(target_set_id);
INSERT INTO commitment_batch(id, target_set_id, metric, file, unit_id, unit_path, imported_at,
                             undone_at, approved_at, last_revision, cells_json)
SELECT id,
       CASE WHEN ok THEN (SELECT s.id FROM target_set s
                            JOIN target t ON t.target_set_id = s.id
                            JOIN metric m ON m.id = t.metric_id
                           WHERE s.fiscal_year = json_extract(j, '$.year')
                             AND m.code = json_extract(j, '$.metric')
                             AND t.org_unit_id = json_extract(j, '$.unitId')
                           ORDER BY s.id DESC LIMIT 1) END,
       CASE WHEN ok THEN json_extract(j, '$.metric') ELSE '' END,
       CASE WHEN ok THEN json_extract(j, '$.file') ELSE '' END,
       CASE WHEN ok THEN json_extract(j, '$.unitId') ELSE 0 END,
       CASE WHEN ok THEN json_extract(j, '$.unitPath') ELSE '' END,
       CASE WHEN ok THEN json_extract(j, '$.importedAt') ELSE '' END,
       CASE WHEN ok THEN json_extract(j, '$.undoneAt') END,
       CASE WHEN ok THEN json_extract(j, '$.approvedAt') END,
       CASE WHEN ok THEN json_extract(j, '$.lastRevision') ELSE 0 END,
       CASE WHEN ok THEN json_extract(j, '$.cells') ELSE raw END
  FROM (SELECT id, j, raw,
               IFNULL(j IS NOT NULL
                      AND json_type(j, '$.year') = 'integer'
                      AND json_type(j, '$.metric') = 'text'
                      AND json_type(j, '$.file') = 'text'
                      AND json_type(j, '$.unitId') = 'integer'
                      AND json_type(j, '$.unitPath') = 'text'
                      AND json_type(j, '$.importedAt') = 'text'
                      AND json_type(j, '$.lastRevision') = 'integer'
                      AND json_type(j, '$.cells') = 'array', 0) AS ok
          FROM (SELECT CAST(substr(key, 19) AS INTEGER) AS id,
                       CASE WHEN json_valid(value) THEN value END AS j, value AS raw
                  FROM meta WHERE key GLOB 'commitments.batch.[0-9]*'))
 ORDER BY id;
DELETE FROM meta WHERE key GLOB 'commitments.batch.[0-9]*';
"#;
