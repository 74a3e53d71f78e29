//! Migrations 2–11: imports, action plans, aggregates, baselines, catalog rates, evaluation,
//! reviews and customer growth.

/// 2: saved column mappings for imports, and the index the dashboard's date scans use.
pub(super) const M02: &str = r#"
CREATE TABLE import_mapping (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    header_key  TEXT NOT NULL,  -- normalised header row, to propose the mapping again
    mapping_json TEXT NOT NULL
);
CREATE INDEX actual_by_metric_date ON actual(metric_id, date);
"#;

/// 3: action plans: the start a user asked for (start_date/finish_date hold the scheduled dates;
/// NULL means start_date), manual rollup weights, the strategy-resource matching table's
/// columns (responsible department, tools, share of the available budget) and each year's budget.
pub(super) const M03: &str = r#"
ALTER TABLE action ADD COLUMN requested_start TEXT;
ALTER TABLE action ADD COLUMN rollup_weight INTEGER NOT NULL DEFAULT 1 CHECK (rollup_weight >= 0);
ALTER TABLE strategy ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE strategy ADD COLUMN tools TEXT NOT NULL DEFAULT '';
ALTER TABLE strategy ADD COLUMN budget_share_bp INTEGER CHECK (budget_share_bp BETWEEN 0 AND 10000);
ALTER TABLE fiscal_year ADD COLUMN plan_budget INTEGER NOT NULL DEFAULT 0 CHECK (plan_budget >= 0);
"#;

/// 4: aggregates of the actuals, kept by store::batches (after_commit / before_remove), so the
/// dashboard never scans the raw rows. actual_day: per person, metric and day. actual_month:
/// per person, metric and month, in total (dim = '', member_id = 0) and per dimension member.
pub(super) const M04: &str = r#"
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
"#;

/// 5: rows created by an import batch (targets, org units, customers, dimension members) carry
/// the batch, so undoing the batch removes exactly them.
pub(super) const M05: &str = r#"
ALTER TABLE target ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE org_unit ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE customer ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
ALTER TABLE dimension_member ADD COLUMN batch_id INTEGER REFERENCES import_batch(id);
CREATE INDEX target_by_batch ON target(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX org_unit_by_batch ON org_unit(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX customer_by_batch ON customer(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX dimension_member_by_batch ON dimension_member(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX import_batch_by_sha ON import_batch(sha256, kind);
"#;

/// 6: the approved baseline of a target plan: every target's tiers as they were approved.
/// Plans approved before this table existed get the value before their first revision.
pub(super) const M06: &str = r#"
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
"#;

/// 7: the components of collection rate (collections / revenue) and complaint rate
/// (complaints / orders), so both are computed from summed components at every level. Only
/// workspaces that already have the catalog get them here (a new one gets them from
/// store::catalog::write_catalog).
pub(super) const M07: &str = r#"
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
"#;

/// 8: evaluation settings (the commission plan, the scorecard), one JSON document per key.
pub(super) const M08: &str = r#"
CREATE TABLE evaluation_setting (
    key  TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
"#;

/// 9: the components of repurchase rate (repeat customers / customers served) and team
/// attrition (leavers / average headcount), so both are computed from summed components at
/// every level, like migration 7's rates. Only workspaces that already have the catalog get
/// them here (a new one gets them from store::catalog::write_catalog). A workspace that
/// already holds the rates themselves keeps reading them: counts cannot be made from rates.
pub(super) const M09: &str = r#"
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
"#;

/// 10: reviews (复盘, PDCA): findings by fishbone category, the lessons and improvement lists
/// with the metric that verifies each item, and the weekly 3-2-1 reports. The placeholder
/// tables of migration 1 were never written by any version, so they are replaced.
pub(super) const M10: &str = r#"
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
"#;

/// 11: each customer's growth coefficient (seed 001: potential = contribution × growth), in
/// basis points, 1.00 until the manager sets it.
pub(super) const M11: &str = r#"
ALTER TABLE customer ADD COLUMN growth_bp INTEGER NOT NULL DEFAULT 10000 CHECK (growth_bp BETWEEN 0 AND 100000);
"#;
