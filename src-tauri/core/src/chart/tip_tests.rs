//! Every mark's tooltip holds its exact figures: checked against sums of the rows.

use super::{render_chart_with_hits, ChartKind, Format, Hit, Size};
use crate::error::Lang;
use crate::variance::{Engine, VarianceQuery};

fn hits(
    ws: &crate::store::Workspace,
    kind: ChartKind,
    node: &str,
    period: &str,
    lang: Lang,
) -> Vec<Hit> {
    let engine = Engine::new(ws).unwrap();
    let q = VarianceQuery::new("revenue", node, period);
    render_chart_with_hits(&engine, kind, &q, lang, Format::Svg, Size::new(640, 400))
        .unwrap()
        .1
        .into_iter()
        // The marks' regions; the legend's entries are tested in legend_tests.
        .filter(|h| h.series.is_none())
        .collect()
}

/// Revenue of the people under the unit `name` (a region or a team) between two days.
fn sum(ws: &crate::store::Workspace, name: &str, from: &str, to: &str) -> i64 {
    ws.conn()
        .query_row(
            "WITH RECURSIVE under(id) AS (SELECT id FROM org_unit WHERE name = ?1
                 UNION ALL SELECT o.id FROM org_unit o JOIN under u ON o.parent_id = u.id)
             SELECT IFNULL(SUM(a.amount), 0) FROM actual a WHERE a.person_id IN (SELECT id FROM under)
             AND a.date BETWEEN ?2 AND ?3 AND a.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [name, from, to],
            |r| r.get(0),
        )
        .unwrap()
}

/// 123456789 fen -> "1,234,567.89", written out here independently of the chart code.
fn grouped(fen: i64) -> String {
    let yuan = (fen / 100).to_string();
    let mut out = String::new();
    for (i, c) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{:02}", fen % 100)
}

fn line<'a>(hit: &'a Hit, label: &str) -> &'a super::TipLine {
    hit.tip
        .iter()
        .find(|l| l.label == label)
        .unwrap_or_else(|| panic!("no {label} in {:?}", hit.tip))
}

#[test]
fn bars_cells_bands_and_stages_carry_their_exact_figures() {
    let ws = crate::demo::in_memory();
    // A bar of the achievement chart: 华东's Q3 actual to the fen.
    let bars = hits(&ws, ChartKind::Achievement, "/", "2026-Q3", Lang::Zh);
    let east = bars
        .iter()
        .find(|h| h.node.as_deref() == Some("/华东"))
        .unwrap();
    let actual = sum(&ws, "华东", "2026-07-01", "2026-09-30");
    assert_eq!(line(east, "实际").raw, Some(actual));
    assert_eq!(line(east, "实际").value, grouped(actual));
    assert_eq!(line(east, "名称").value, "华东");
    assert_eq!(line(east, "期间").value, "2026-Q3");
    let target: i64 = ws
        .conn()
        .query_row(
            "SELECT SUM(t.base_value) FROM target t JOIN org_unit o ON o.id = t.org_unit_id
             WHERE o.name = '华东' AND t.period IN ('2026-07', '2026-08', '2026-09') AND t.dimension_id IS NULL
             AND t.metric_id = (SELECT id FROM metric WHERE code = 'revenue')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(line(east, "目标").raw, Some(target));
    // A cell of the heatmap: 华南一组 in September, in English.
    let cells = hits(&ws, ChartKind::Heatmap, "/华南", "2026", Lang::En);
    let cell = cells
        .iter()
        .find(|h| {
            h.node.as_deref() == Some("/华南/华南一组") && h.period.as_deref() == Some("2026-09")
        })
        .unwrap();
    let sept = sum(&ws, "华南一组", "2026-09-01", "2026-09-30");
    assert_eq!(line(cell, "Actual").raw, Some(sept));
    assert_eq!(line(cell, "Actual").value, grouped(sept));
    assert_eq!(line(cell, "Month").value, "2026-09");
    // A month band of the cumulative chart: August's own actual and the total to its end.
    let bands = hits(&ws, ChartKind::Cumulative, "/华北", "2026", Lang::Zh);
    let aug = bands
        .iter()
        .find(|h| h.period.as_deref() == Some("2026-08"))
        .unwrap();
    assert_eq!(
        line(aug, "当月实际").raw,
        Some(sum(&ws, "华北", "2026-08-01", "2026-08-31"))
    );
    assert_eq!(
        line(aug, "累计实际").raw,
        Some(sum(&ws, "华北", "2026-01-01", "2026-08-31"))
    );
    // A month's cumulative chart has a band per day, with that day's actual.
    let days = hits(&ws, ChartKind::Cumulative, "/华北", "2026-09", Lang::Zh);
    assert_eq!(days.len(), 30);
    assert_eq!(
        line(&days[14], "当日实际").raw,
        Some(sum(&ws, "华北", "2026-09-15", "2026-09-15"))
    );
    // Every funnel stage names its deals reached.
    let stages = hits(&ws, ChartKind::Funnel, "/", "2026", Lang::Zh);
    let leads: i64 = ws
        .conn()
        .query_row("SELECT COUNT(*) FROM deal", [], |r| r.get(0))
        .unwrap();
    assert_eq!(line(&stages[0], "到达商机数").raw, Some(leads));
    assert!(stages.iter().all(|h| !h.tip.is_empty()));
}
