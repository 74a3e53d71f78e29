//! The first schema: the whole model of a performance cycle (migration 1).

/// 1: the whole model of a performance cycle.
pub(super) const M01: &str = r#"
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
"#;
