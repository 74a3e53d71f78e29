//! The JSON of a variance report for the CLI and the shell: camelCase keys, money as decimal
//! yuan strings, counts as whole-number strings, percent and ratio values as percent strings
//! with two decimals ("8.00" = 8%); achievement, time progress and pace variance in basis points.

use super::engine::{Figures, VarianceReport};
use serde_json::{json, Value};

/// A value in a metric's unit as a decimal string.
pub fn format_value(unit: &str, v: i64) -> String {
    match unit {
        "currency" => crate::money::format_yuan(v),
        "percent" | "ratio" => crate::money::format_yuan(v),
        _ => v.to_string(),
    }
}

fn figures_json(unit: &str, f: &Figures) -> Value {
    let s = |v: Option<i64>| v.map(|v| format_value(unit, v));
    let fc = f.forecast;
    json!({
        "path": f.path,
        "name": f.name,
        "kind": f.kind,
        "target": s(f.target.map(|t| t.base)),
        "floor": s(f.target.map(|t| t.floor)),
        "challenge": s(f.target.map(|t| t.challenge)),
        "actual": format_value(unit, f.actual),
        "achievement": f.achievement_bp,
        "gap": s(f.gap),
        "timeProgress": f.time_progress_bp,
        "expectedToDate": s(f.expected_to_date),
        "paceVariance": f.pace_variance_bp,
        "alert": f.alert,
        "forecast": s(fc.map(|x| x.value)),
        "forecastSeasonal": s(fc.and_then(|x| x.seasonal)),
        "forecastLinear": s(fc.and_then(|x| x.linear)),
        "pipelineWeighted": s(fc.and_then(|x| x.pipeline_weighted)),
        "forecastWithPipeline": s(fc.and_then(|x| x.with_pipeline)),
        "tierReached": f.tier_reached.map(|t| t.code()),
        "children": f.children.iter().map(|c| figures_json(unit, c)).collect::<Vec<_>>(),
    })
}

impl VarianceReport {
    /// The report as the CLI prints it and the shell returns it.
    pub fn to_json(&self) -> Value {
        let mut v = figures_json(&self.metric.unit, &self.figures);
        if let Value::Object(map) = &mut v {
            map.insert("metric".into(), json!(self.metric.code));
            map.insert(
                "metricName".into(),
                json!({"zh": self.metric.name_zh, "en": self.metric.name_en}),
            );
            map.insert("unit".into(), json!(self.metric.unit));
            map.insert("lowerIsBetter".into(), json!(self.metric.lower_is_better));
            map.insert("indicatorKind".into(), json!(self.metric.kind));
            map.insert("horizon".into(), json!(self.metric.horizon));
            map.insert("node".into(), json!(self.figures.path));
            map.insert("period".into(), json!(self.period));
            map.insert("periodStart".into(), json!(self.period_start.to_string()));
            map.insert("periodEnd".into(), json!(self.period_end.to_string()));
            map.insert("asOf".into(), json!(self.as_of.to_string()));
            map.insert(
                "dimension".into(),
                json!(self
                    .dimension
                    .as_ref()
                    .map(|d| json!({"dim": d.dim, "code": d.code}))),
            );
        }
        v
    }
}
