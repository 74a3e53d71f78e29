//! Numbered, append-only schema migrations. Migration N brings `user_version` from N-1 to N.
//! Never edit a migration that has shipped: add a new one at the end.

pub const MIGRATIONS: &[&str] = &[
    // 1: the whole model of a performance cycle.
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Organisation tree: company > region/department > team > person.
CREATE TABLE org_unit (
    id                INTEGER PRIMARY KEY,
    parent_id         INTEGER REFERENCES org_unit(id) ON DELETE RESTRICT,
    kind              TEXT NOT NULL CHECK (kind IN ('company','region','team','person')),
    name              TEXT NOT NULL,
    team_type         TEXT,
    headcount         INTEGER NOT NULL DEFAULT 1 CHECK (headcount >= 0),
    capacity_per_head INTEGER CHECK (capacity_per_head >= 0), -- fen per head per fiscal year
    sort              INTEGER NOT NULL DEFAULT 0,
    active            INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX org_unit_sibling_name ON org_unit(IFNULL(parent_id, 0), name);

-- Dimension members: product line, customer type, channel.
CREATE TABLE dimension_member (
    id      INTEGER PRIMARY KEY,
    dim     TEXT NOT NULL CHECK (dim IN ('product_line','customer_type','channel','region')),
    code    TEXT NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    sort    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (dim, code)
);

CREATE TABLE customer (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    customer_type_id INTEGER REFERENCES dimension_member(id),
    lifecycle        TEXT NOT NULL DEFAULT 'existing'
                     CHECK (lifecycle IN ('prospect','new','existing','churned')),
    owner_id         INTEGER REFERENCES org_unit(id)
);

CREATE TABLE metric (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name_zh         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    unit            TEXT NOT NULL CHECK (unit IN ('currency','count','percent','ratio')),
    direction       TEXT NOT NULL CHECK (direction IN ('higher','lower')),
    kind            TEXT NOT NULL CHECK (kind IN ('lagging','leading','risk','health')),
    horizon         TEXT NOT NULL CHECK (horizon IN ('short','long')),
    aggregation     TEXT NOT NULL CHECK (aggregation IN ('sum','average','last','ratio')),
    numerator_id    INTEGER REFERENCES metric(id),
    denominator_id  INTEGER REFERENCES metric(id),
    alert_threshold_bp INTEGER NOT NULL DEFAULT -1000, -- pace variance below this alerts
    sort            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fiscal_year (
    year        INTEGER PRIMARY KEY,
    start_month INTEGER NOT NULL CHECK (start_month BETWEEN 1 AND 12)
);

-- Exceptions to the Monday-Friday week: public holidays and adjusted working days (调休).
CREATE TABLE calendar_day (
    date    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
    name_zh TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE strategy (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT ''
);

-- A plan of targets for one fiscal year; approved plans record every later change as a revision.
CREATE TABLE target_set (
    id                INTEGER PRIMARY KEY,
    fiscal_year       INTEGER NOT NULL REFERENCES fiscal_year(year),
    name              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved')),
    floor_bp          INTEGER NOT NULL DEFAULT 8000,
    challenge_bp      INTEGER NOT NULL DEFAULT 12000,
    sprint_bp         INTEGER,
    approved_at       TEXT,
    approved_by       TEXT
);

-- Values are in the metric's minor unit: fen for currency, units for counts, basis points for
-- percent and ratio metrics.
CREATE TABLE target (
    id              INTEGER PRIMARY KEY,
    target_set_id   INTEGER NOT NULL REFERENCES target_set(id) ON DELETE CASCADE,
    metric_id       INTEGER NOT NULL REFERENCES metric(id),
    org_unit_id     INTEGER NOT NULL REFERENCES org_unit(id),
    dimension_id    INTEGER REFERENCES dimension_member(id),
    period          TEXT NOT NULL,  -- 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W14, 2026-03-02
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    floor_value     INTEGER NOT NULL,
    base_value      INTEGER NOT NULL,
    challenge_value INTEGER NOT NULL,
    sprint_value    INTEGER,
    commitment      INTEGER,        -- bottom-up commitment of the node
    locked          INTEGER NOT NULL DEFAULT 0,
    strategy_id     INTEGER REFERENCES strategy(id),
    last_year_actual INTEGER
);
CREATE UNIQUE INDEX target_cell ON target(target_set_id, metric_id, org_unit_id, IFNULL(dimension_id, 0), period);
CREATE INDEX target_by_node ON target(org_unit_id, period_start);

CREATE TABLE target_revision (
    id              INTEGER PRIMARY KEY,
    target_id       INTEGER NOT NULL REFERENCES target(id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    who             TEXT NOT NULL,
    reason_category TEXT NOT NULL CHECK (reason_category IN ('policy','market','execution','resources','other')),
    reason          TEXT NOT NULL DEFAULT '',
    tier            TEXT NOT NULL DEFAULT 'base',
    old_value       INTEGER NOT NULL,
    new_value       INTEGER NOT NULL,
    approver        TEXT
);

CREATE TABLE import_batch (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('actuals','targets','org','plans','demo')),
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    rows_total   INTEGER NOT NULL DEFAULT 0,
    inserted     INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0,
    mapping_json TEXT NOT NULL DEFAULT '{}'
);

-- Actual transactions. amount in fen; fingerprint makes re-imports add nothing.
CREATE TABLE actual (
    id               INTEGER PRIMARY KEY,
    batch_id         INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
    date             TEXT NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES org_unit(id),
    metric_id        INTEGER NOT NULL REFERENCES metric(id),
    amount           INTEGER NOT NULL,
    quantity         INTEGER NOT NULL DEFAULT 0,
    product_line_id  INTEGER REFERENCES dimension_member(id),
    customer_type_id INTEGER REFERENCES dimension_member(id),
    channel_id       INTEGER REFERENCES dimension_member(id),
    customer_id      INTEGER REFERENCES customer(id),
    order_id         TEXT,
    note             TEXT NOT NULL DEFAULT '',
    fingerprint      TEXT NOT NULL UNIQUE,
    source_row       INTEGER,
    source_sheet     TEXT
);
CREATE INDEX actual_by_person_date ON actual(person_id, date);
CREATE INDEX actual_by_batch ON actual(batch_id);

CREATE TABLE deal_stage (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name_zh      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    sort         INTEGER NOT NULL,
    benchmark_bp INTEGER,   -- expected conversion to the next stage
    max_days     INTEGER    -- time in stage above this is flagged
);

CREATE TABLE deal (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    owner_id        INTEGER NOT NULL REFERENCES org_unit(id),
    customer_id     INTEGER REFERENCES customer(id),
    product_line_id INTEGER REFERENCES dimension_member(id),
    stage_id        INTEGER NOT NULL REFERENCES deal_stage(id),
    amount          INTEGER NOT NULL,
    win_bp          INTEGER NOT NULL CHECK (win_bp BETWEEN 0 AND 10000),
    created_on      TEXT NOT NULL,
    stage_entered_on TEXT NOT NULL,
    expected_close  TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost'))
);

-- Action plans (目标-举措-责任人-时间节点), an outline with dependencies.
CREATE TABLE action (
    id            INTEGER PRIMARY KEY,
    parent_id     INTEGER REFERENCES action(id) ON DELETE CASCADE,
    target_id     INTEGER REFERENCES target(id) ON DELETE SET NULL,
    strategy_id   INTEGER REFERENCES strategy(id),
    objective     TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL,
    owner_id      INTEGER REFERENCES org_unit(id),
    owner_name    TEXT NOT NULL DEFAULT '',
    start_date    TEXT NOT NULL,
    finish_date   TEXT NOT NULL,
    milestone     INTEGER NOT NULL DEFAULT 0,
    progress_bp   INTEGER NOT NULL DEFAULT 0 CHECK (progress_bp BETWEEN 0 AND 10000),
    priority      TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high','medium','low')),
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','active','done','blocked','cancelled')),
    budget        INTEGER NOT NULL DEFAULT 0,
    headcount     INTEGER NOT NULL DEFAULT 0,
    resources     TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    expected_contribution INTEGER NOT NULL DEFAULT 0,
    sort          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE action_dependency (
    id             INTEGER PRIMARY KEY,
    predecessor_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    successor_id   INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('FS','SS','FF','SF')),
    lag_days       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (predecessor_id, successor_id)
);

CREATE TABLE plan_baseline (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    saved_at TEXT NOT NULL
);
CREATE TABLE plan_baseline_task (
    baseline_id INTEGER NOT NULL REFERENCES plan_baseline(id) ON DELETE CASCADE,
    action_id   INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    start_date  TEXT NOT NULL,
    finish_date TEXT NOT NULL,
    PRIMARY KEY (baseline_id, action_id)
);

-- Reviews (复盘, PDCA) and their findings, lessons and improvements.
CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,
    org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
    created_at  TEXT NOT NULL,
    summary     TEXT NOT NULL DEFAULT ''
);
CREATE TABLE review_item (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('success','root_cause','lesson','improvement')),
    category     TEXT CHECK (category IN ('people','method','market','product','resources','external')),
    controllable INTEGER,
    text         TEXT NOT NULL,
    owner        TEXT,
    due_date     TEXT,
    metric_code  TEXT,
    threshold    TEXT,
    window_days  INTEGER
);
"#,
    // 2: saved column mappings for imports, and the index the dashboard's date scans use.
    r#"
CREATE TABLE import_mapping (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    header_key  TEXT NOT NULL,  -- normalised header row, to propose the mapping again
    mapping_json TEXT NOT NULL
);
CREATE INDEX actual_by_metric_date ON actual(metric_id, date);
"#,
    // 3: action plans: the start a user asked for (start_date/finish_date hold the scheduled dates;
    // NULL means start_date), manual rollup weights, the strategy-resource matching table's
    // columns (responsible department, tools, share of the available budget) and each year's budget.
    r#"
ALTER TABLE action ADD COLUMN requested_start TEXT;
ALTER TABLE action ADD COLUMN rollup_weight INTEGER NOT NULL DEFAULT 1 CHECK (rollup_weight >= 0);
ALTER TABLE strategy ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE strategy ADD COLUMN tools TEXT NOT NULL DEFAULT '';
ALTER TABLE strategy ADD COLUMN budget_share_bp INTEGER CHECK (budget_share_bp BETWEEN 0 AND 10000);
ALTER TABLE fiscal_year ADD COLUMN plan_budget INTEGER NOT NULL DEFAULT 0 CHECK (plan_budget >= 0);
"#,
    // 4: aggregates of the actuals, kept by store::batches (after_commit / before_remove), so the
    // dashboard never scans the raw rows. actual_day: per person, metric and day. actual_month:
    // per person, metric and month, in total (dim = '', member_id = 0) and per dimension member.
    r#"
CREATE TABLE actual_day (
    metric_id INTEGER NOT NULL,
    date      TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    amount    INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    PRIMARY KEY (metric_id, date, person_id)
) WITHOUT ROWID;
CREATE TABLE actual_month (
    metric_id INTEGER NOT NULL,
    dim       TEXT NOT NULL,
    member_id INTEGER NOT NULL,
    month     TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    amount    INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    PRIMARY KEY (metric_id, dim, member_id, month, person_id)
) WITHOUT ROWID;
INSERT INTO actual_day(metric_id, date, person_id, amount, row_count)
    SELECT metric_id, date, person_id, SUM(amount), COUNT(*) FROM actual GROUP BY metric_id, date, person_id;
INSERT INTO actual_month(metric_id, dim, member_id, month, person_id, amount, row_count)
    SELECT a.metric_id, d.dim,
           CASE d.dim WHEN '' THEN 0 WHEN 'product_line' THEN a.product_line_id
                      WHEN 'customer_type' THEN a.customer_type_id ELSE a.channel_id END AS member,
           substr(a.date, 1, 7), a.person_id, SUM(a.amount), COUNT(*)
    FROM actual a CROSS JOIN (SELECT '' AS dim UNION ALL SELECT 'product_line' UNION ALL
                              SELECT 'customer_type' UNION ALL SELECT 'channel') d
    WHERE member IS NOT NULL
    GROUP BY a.metric_id, d.dim, member, substr(a.date, 1, 7), a.person_id;
"#,
    // 5: rows created by an import batch (targets, org units, customers, dimension members) carry
    // the batch, so undoing the batch removes exactly them.
    r#"
ALTER TABLE target ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE org_unit ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE customer ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE dimension_member ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
CREATE INDEX target_by_batch ON target(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX org_unit_by_batch ON org_unit(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX customer_by_batch ON customer(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX dimension_member_by_batch ON dimension_member(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX import_batch_by_sha ON import_batch(sha256, kind);
"#,
    // 6: the approved baseline of a target plan: every target's tiers as they were approved.
    // Plans approved before this table existed get the value before their first revision.
    r#"
CREATE TABLE target_baseline (
    target_id       INTEGER PRIMARY KEY REFERENCES target(id) ON DELETE CASCADE,
    floor_value     INTEGER NOT NULL,
    base_value      INTEGER NOT NULL,
    challenge_value INTEGER NOT NULL,
    sprint_value    INTEGER
);
INSERT INTO target_baseline(target_id, floor_value, base_value, challenge_value, sprint_value)
    SELECT t.id,
           COALESCE((SELECT r.old_value FROM target_revision r WHERE r.target_id = t.id AND r.tier = 'floor' ORDER BY r.id LIMIT 1), t.floor_value),
           COALESCE((SELECT r.old_value FROM target_revision r WHERE r.target_id = t.id AND r.tier = 'base' ORDER BY r.id LIMIT 1), t.base_value),
           COALESCE((SELECT r.old_value FROM target_revision r WHERE r.target_id = t.id AND r.tier = 'challenge' ORDER BY r.id LIMIT 1), t.challenge_value),
           COALESCE((SELECT r.old_value FROM target_revision r WHERE r.target_id = t.id AND r.tier = 'sprint' ORDER BY r.id LIMIT 1), t.sprint_value)
    FROM target t JOIN target_set s ON s.id = t.target_set_id
    WHERE s.status = 'approved';
"#,
    // 7: the components of collection rate (collections / revenue) and complaint rate
    // (complaints / orders), so both are computed from summed components at every level. Only
    // workspaces that already have the catalog get them here (a new one gets them from
    // store::catalog::write_catalog).
    r#"
INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation, sort)
SELECT v.code, v.zh, v.en, v.unit, v.direction, v.kind, 'short', 'sum', v.sort
FROM (SELECT 'collections' AS code, '回款额' AS zh, 'Collections' AS en, 'currency' AS unit,
             'higher' AS direction, 'lagging' AS kind, 12 AS sort
      UNION ALL SELECT 'orders', '订单数', 'Orders', 'count', 'higher', 'lagging', 13
      UNION ALL SELECT 'complaints', '客户投诉数', 'Complaints', 'count', 'lower', 'risk', 14) v
WHERE EXISTS (SELECT 1 FROM metric WHERE code = 'revenue')
  AND NOT EXISTS (SELECT 1 FROM metric m WHERE m.code = v.code);
UPDATE metric SET numerator_id = (SELECT id FROM metric WHERE code = 'collections'),
                  denominator_id = (SELECT id FROM metric WHERE code = 'revenue')
 WHERE code = 'collection_rate' AND numerator_id IS NULL
   AND EXISTS (SELECT 1 FROM metric WHERE code = 'collections');
UPDATE metric SET numerator_id = (SELECT id FROM metric WHERE code = 'complaints'),
                  denominator_id = (SELECT id FROM metric WHERE code = 'orders')
 WHERE code = 'complaint_rate' AND numerator_id IS NULL
   AND EXISTS (SELECT 1 FROM metric WHERE code = 'complaints');
"#,
    // 8: evaluation settings (the commission plan, the scorecard), one JSON document per key.
    r#"
CREATE TABLE evaluation_setting (
    key  TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
"#,
    // 9: the components of repurchase rate (repeat customers / customers served) and team
    // attrition (leavers / average headcount), so both are computed from summed components at
    // every level, like migration 7's rates. Only workspaces that already have the catalog get
    // them here (a new one gets them from store::catalog::write_catalog). A workspace that
    // already holds the rates themselves keeps reading them: counts cannot be made from rates.
    r#"
INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation, sort)
SELECT v.code, v.zh, v.en, 'count', v.direction, 'health', 'long', 'sum', v.sort
FROM (SELECT 'repeat_customers' AS code, '复购客户数' AS zh, 'Repeat customers' AS en,
             'higher' AS direction, 15 AS sort
      UNION ALL SELECT 'active_customers', '成交客户数', 'Customers served', 'higher', 16
      UNION ALL SELECT 'leavers', '离职人数', 'Leavers', 'lower', 17
      UNION ALL SELECT 'headcount_avg', '平均在职人数', 'Average headcount', 'higher', 18) v
WHERE EXISTS (SELECT 1 FROM metric WHERE code = 'revenue')
  AND NOT EXISTS (SELECT 1 FROM metric m WHERE m.code = v.code);
UPDATE metric SET numerator_id = (SELECT id FROM metric WHERE code = 'repeat_customers'),
                  denominator_id = (SELECT id FROM metric WHERE code = 'active_customers')
 WHERE code = 'repurchase_rate' AND numerator_id IS NULL
   AND EXISTS (SELECT 1 FROM metric WHERE code = 'repeat_customers')
   AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.metric_id = metric.id);
UPDATE metric SET numerator_id = (SELECT id FROM metric WHERE code = 'leavers'),
                  denominator_id = (SELECT id FROM metric WHERE code = 'headcount_avg')
 WHERE code = 'attrition' AND numerator_id IS NULL
   AND EXISTS (SELECT 1 FROM metric WHERE code = 'leavers')
   AND NOT EXISTS (SELECT 1 FROM actual a WHERE a.metric_id = metric.id);
"#,
    // 10: reviews (复盘, PDCA): findings by fishbone category, the lessons and improvement lists
    // with the metric that verifies each item, and the weekly 3-2-1 reports. The placeholder
    // tables of migration 1 were never written by any version, so they are replaced.
    r#"
DROP TABLE review_item;
DROP TABLE review;
CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
    period      TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
    created_at  TEXT NOT NULL,
    UNIQUE (org_unit_id, period)
);
CREATE TABLE review_finding (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('success','cause')),
    category     TEXT NOT NULL CHECK (category IN ('people','method','market','product','resources','external')),
    controllable INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX review_finding_review ON review_finding(review_id);
CREATE TABLE review_item (
    id             INTEGER PRIMARY KEY,
    review_id      INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    list           TEXT NOT NULL CHECK (list IN ('lesson','improvement')),
    text           TEXT NOT NULL,
    owner_id       INTEGER REFERENCES org_unit(id),
    due            TEXT,
    done           INTEGER NOT NULL DEFAULT 0,
    metric_id      INTEGER REFERENCES metric(id),
    node_id        INTEGER REFERENCES org_unit(id),
    dim            TEXT,
    member_code    TEXT,
    threshold_kind TEXT CHECK (threshold_kind IN ('relative','absolute')),
    threshold      INTEGER,
    window         TEXT
);
CREATE INDEX review_item_review ON review_item(review_id);
CREATE TABLE weekly_report (
    person_id  INTEGER NOT NULL REFERENCES org_unit(id),
    week       TEXT NOT NULL,
    highlights TEXT NOT NULL,
    problems   TEXT NOT NULL,
    request    TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (person_id, week)
);
"#,
    // 11: each customer's growth coefficient (seed 001: potential = contribution × growth), in
    // basis points, 1.00 until the manager sets it.
    r#"
ALTER TABLE customer ADD COLUMN growth_bp INTEGER NOT NULL DEFAULT 10000 CHECK (growth_bp BETWEEN 0 AND 100000);
"#,
    // 12: a transaction's identity (import::identity): metric, date, person, amount, quantity,
    // product line, customer, order number and the occurrence among rows that share all of
    // those. Existing rows get it recomputed (numbered in import order, so no row is lost; a
    // line an older import dropped as a "duplicate" comes in when its file is imported again).
    // Batches remember the metric they booked to (the same file booked to another metric is a
    // new import), and an undone batch keeps its rows in `undone_row` so it can be redone.
    r#"
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
"#,
    // 13: a year's plan can be archived (kept, readable, out of the year picker's default).
    r#"
ALTER TABLE target_set ADD COLUMN archived_at TEXT;
"#,
    // 14: membership has dates. A person's unit row holds one stretch of membership (valid_from ..
    // valid_to, open when NULL); a transfer ends one row and starts another under the new unit,
    // both carrying the person's key (the first row's id), so past actuals stay where they were
    // earned. Each unit may name its manager.
    r#"
ALTER TABLE org_unit ADD COLUMN valid_from TEXT;
ALTER TABLE org_unit ADD COLUMN valid_to TEXT;
ALTER TABLE org_unit ADD COLUMN person_key INTEGER;
ALTER TABLE org_unit ADD COLUMN manager TEXT NOT NULL DEFAULT '';
"#,
    // 15: a target plan's rules: the rounding unit of its splits and spreads (fen: 1 fen, 100 = 1
    // yuan, up to 1,000,000 = 10,000 yuan) and the allowed band of Σ children against their
    // parent in basis points (exactly 100% by default; e.g. 10000–12000 when quotas are
    // over-assigned on purpose).
    r#"
ALTER TABLE target_set ADD COLUMN rounding_unit INTEGER NOT NULL DEFAULT 1 CHECK (rounding_unit IN (1, 100, 10000, 100000, 1000000));
ALTER TABLE target_set ADD COLUMN allocation_min_bp INTEGER NOT NULL DEFAULT 10000 CHECK (allocation_min_bp BETWEEN 0 AND 10000);
ALTER TABLE target_set ADD COLUMN allocation_max_bp INTEGER NOT NULL DEFAULT 10000 CHECK (allocation_max_bp BETWEEN 10000 AND 100000);
"#,
    // 16: a sale's identity names the person by their key, not by the unit row they were in (a
    // transfer gives a person a new row with the same key), so re-importing old lines after a
    // transfer adds nothing. Only the person field of the identities of people with a key is
    // rewritten (`metric|date|person|…`); their occurrence numbers stay, and two lines that now
    // meet take occurrences after the highest of their kind, so no row is lost.
    r#"
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
"#,
    // 17: look-up indexes a bulk import set aside (dropped in its transaction, which records
    // their definitions here) until they are built again right after its commit, off the
    // user's path (`store::pending_index`); a workspace closed before that builds them on open.
    r#"
CREATE TABLE pending_index (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
"#,
    // 18: a person may move back to a unit they belonged to before: the sibling-name index counts
    // only the active, current rows (an ended membership row keeps its name beside the new one).
    // Metrics and dimension members can be retired (kept with their history, hidden by default).
    // Each transfer is logged with what undoing it must restore (the target rows as they were).
    r#"
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
"#,
    // 19: the identity's unique index is named, so a large import can set it aside and check in
    // memory (`import::insert`). The table is copied whole (its columns are unchanged since 1).
    r#"
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
"#,
];

/// The schema version this build of the app writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;
