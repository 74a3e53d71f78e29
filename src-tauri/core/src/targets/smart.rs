//! SMART check of a target (seeds 000, 002, 004): specific (a metric is set), measurable (the
//! metric has a unit), achievable (compared with last year's actual: growth above a threshold or
//! a target below last year is flagged), relevant (linked to a strategy), time-bound (a valid
//! period). The check flags; it never blocks.

use crate::calendar::parse_period;
use crate::units::format_percent;
use serde::Serialize;

/// What the check looks at, taken from a target and its metric.
#[derive(Debug, Clone, Default)]
pub struct SmartInput<'a> {
    pub metric_code: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub lower_is_better: bool,
    pub base: i64,
    pub last_year_actual: Option<i64>,
    pub strategy_id: Option<i64>,
    pub period: Option<&'a str>,
    pub fiscal_start_month: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmartConfig {
    /// Growth over last year's actual above this (bp) is flagged as hard to achieve.
    pub max_growth_bp: i64,
}

impl Default for SmartConfig {
    fn default() -> Self {
        SmartConfig {
            max_growth_bp: 5_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmartFlag {
    pub code: &'static str,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SmartCheck {
    pub specific: bool,
    pub measurable: bool,
    /// None when there is no last-year actual to compare with.
    pub achievable: Option<bool>,
    pub relevant: bool,
    pub time_bound: bool,
    /// Growth of the target over last year's actual, in bp.
    pub growth_bp: Option<i64>,
    pub flags: Vec<SmartFlag>,
}

fn flag(code: &'static str, zh: String, en: String) -> SmartFlag {
    SmartFlag { code, zh, en }
}

pub fn smart_check(input: &SmartInput, config: &SmartConfig) -> SmartCheck {
    let mut flags = Vec::new();
    let specific = input.metric_code.is_some_and(|c| !c.trim().is_empty());
    if !specific {
        flags.push(flag(
            "smart_not_specific",
            "未指定指标：目标不够具体".into(),
            "No metric set: the target is not specific".into(),
        ));
    }
    let measurable = matches!(
        input.unit,
        Some("currency") | Some("count") | Some("percent") | Some("ratio")
    );
    if !measurable {
        flags.push(flag(
            "smart_not_measurable",
            "指标没有计量单位：目标无法衡量".into(),
            "The metric has no unit: the target cannot be measured".into(),
        ));
    }
    let growth_bp = input
        .last_year_actual
        .filter(|ly| *ly > 0)
        .map(|ly| crate::ratio_bp(input.base as i128 - ly as i128, ly as i128));
    let achievable = match (input.last_year_actual, growth_bp) {
        (None, _) => {
            flags.push(flag(
                "smart_no_history",
                "没有去年实际值，无法判断目标是否可实现".into(),
                "No last-year actual to judge whether the target is achievable".into(),
            ));
            None
        }
        (Some(_), None) => Some(true),
        (Some(ly), Some(g)) => {
            // For lower-is-better metrics the ambitious direction is down.
            let stretch = if input.lower_is_better { -g } else { g };
            if stretch > config.max_growth_bp {
                flags.push(flag(
                    "smart_growth_too_high",
                    format!(
                        "目标较去年实际变化 {}，超过 {} 的可实现上限",
                        format_percent(g),
                        format_percent(config.max_growth_bp)
                    ),
                    format!(
                        "The target changes last year's actual by {}, beyond the achievable limit of {}",
                        format_percent(g),
                        format_percent(config.max_growth_bp)
                    ),
                ));
                Some(false)
            } else {
                let slack = if input.lower_is_better {
                    input.base > ly
                } else {
                    input.base < ly
                };
                if slack {
                    flags.push(flag(
                        "smart_below_last_year",
                        "目标比去年实际还低，缺乏挑战".into(),
                        "The target is below last year's actual: no stretch".into(),
                    ));
                }
                Some(true)
            }
        }
    };
    let relevant = input.strategy_id.is_some();
    if !relevant {
        flags.push(flag(
            "smart_not_relevant",
            "目标未关联任何战略".into(),
            "The target is not linked to a strategy".into(),
        ));
    }
    let time_bound = input
        .period
        .is_some_and(|p| parse_period(p, input.fiscal_start_month).is_ok());
    if !time_bound {
        flags.push(flag(
            "smart_not_time_bound",
            "目标没有有效的期间：缺少时限".into(),
            "The target has no valid period: it is not time-bound".into(),
        ));
    }
    SmartCheck {
        specific,
        measurable,
        achievable,
        relevant,
        time_bound,
        growth_bp,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    fn revenue(base: i64, last_year: Option<i64>) -> SmartInput<'static> {
        SmartInput {
            metric_code: Some("revenue"),
            unit: Some("currency"),
            lower_is_better: false,
            base,
            last_year_actual: last_year,
            strategy_id: Some(1),
            period: Some("2026"),
            fiscal_start_month: 1,
        }
    }

    fn codes(c: &SmartCheck) -> Vec<&'static str> {
        c.flags.iter().map(|f| f.code).collect()
    }

    #[test]
    fn a_complete_target_has_no_flags() {
        // 1亿 against 8695.65万 last year (1亿 / 1.15): +15%.
        let c = smart_check(
            &revenue(10_000 * WAN, Some(8_695_652_174)),
            &SmartConfig::default(),
        );
        assert_eq!(c.growth_bp, Some(1500));
        assert_eq!(codes(&c), Vec::<&str>::new());
        assert_eq!(c.achievable, Some(true));
    }

    #[test]
    fn seed_004_five_times_last_year_is_not_achievable() {
        // Last year 100万, this year 500万: +400%.
        let c = smart_check(
            &revenue(500 * WAN, Some(100 * WAN)),
            &SmartConfig::default(),
        );
        assert_eq!(c.growth_bp, Some(40_000));
        assert_eq!(c.achievable, Some(false));
        assert_eq!(codes(&c), ["smart_growth_too_high"]);
    }

    #[test]
    fn flags_each_missing_part() {
        let c = smart_check(&revenue(90 * WAN, Some(100 * WAN)), &SmartConfig::default());
        assert_eq!(codes(&c), ["smart_below_last_year"]);
        let empty = SmartInput {
            period: Some("2026-Q5"),
            ..SmartInput::default()
        };
        let c = smart_check(&empty, &SmartConfig::default());
        assert_eq!(
            codes(&c),
            [
                "smart_not_specific",
                "smart_not_measurable",
                "smart_no_history",
                "smart_not_relevant",
                "smart_not_time_bound"
            ]
        );
        // A complaint-rate target that falls 60% is flagged at a 50% threshold.
        let complaints = SmartInput {
            metric_code: Some("complaint_rate"),
            unit: Some("percent"),
            lower_is_better: true,
            base: 200,
            last_year_actual: Some(500),
            strategy_id: Some(1),
            period: Some("2026-Q1"),
            fiscal_start_month: 1,
        };
        let c = smart_check(&complaints, &SmartConfig::default());
        assert_eq!(
            (c.growth_bp, codes(&c)),
            (Some(-6000), vec!["smart_growth_too_high"])
        );
    }
}
