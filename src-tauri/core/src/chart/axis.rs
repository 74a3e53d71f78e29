//! Axis ticks a reader can use: values on round steps (money in 万/亿 or k/M), dates on natural
//! periods (months, weeks or days), and tick labels thinned so that none overlap.

use crate::error::Lang;
use chrono::{Datelike, NaiveDate, Weekday};

/// A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about `ticks` intervals from 0 to `max`.
pub(crate) fn nice_step(max: f64, ticks: usize) -> f64 {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / ticks.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * mag >= raw * (1.0 - 1e-9) {
            return m * mag;
        }
    }
    10.0 * mag
}

/// The ticks 0, step, 2·step … up to the first at or above `max`, and the step.
pub(crate) fn value_ticks(max: f64, ticks: usize) -> (Vec<f64>, f64) {
    let step = nice_step(max, ticks);
    let n = (max / step - 1e-9).ceil().max(1.0) as usize;
    ((0..=n).map(|i| i as f64 * step).collect(), step)
}

/// Decimals needed to tell multiples of `step` apart (at most 3).
fn decimals(step: f64) -> usize {
    (0..=3)
        .find(|&d| {
            let v = step * 10f64.powi(d as i32);
            (v - v.round()).abs() < 1e-6
        })
        .unwrap_or(3)
}

fn scaled(v: f64, unit: f64, step: f64, suffix: &str) -> String {
    let d = decimals(step / unit);
    let text = format!("{:.*}", d, v / unit);
    // 1.50亿 -> 1.5亿, 2.00亿 -> 2亿: the step's decimals, without trailing zeros.
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text}{suffix}")
}

/// A money tick in yuan, in the reader's units: 2000万, 1.2亿 (zh) or 20M, 500k (en).
pub(crate) fn money_label(v: f64, step: f64, lang: Lang) -> String {
    let a = v.abs();
    if a < 0.5 {
        return "0".into();
    }
    match lang {
        Lang::Zh if a >= 1e8 => scaled(v, 1e8, step, "亿"),
        Lang::Zh if a >= 1e4 => scaled(v, 1e4, step, "万"),
        Lang::En if a >= 1e9 => scaled(v, 1e9, step, "B"),
        Lang::En if a >= 1e6 => scaled(v, 1e6, step, "M"),
        Lang::En if a >= 1e3 => scaled(v, 1e3, step, "k"),
        _ => scaled(v, 1.0, step, ""),
    }
}

/// A value tick: money in the reader's units, a count as is, a percent with "%".
pub(crate) fn value_label(v: f64, step: f64, unit: ValueUnit, lang: Lang) -> String {
    match unit {
        ValueUnit::Money => money_label(v, step, lang),
        ValueUnit::Count => scaled(v, 1.0, step, ""),
        ValueUnit::Percent => scaled(v, 1.0, step, "%"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueUnit {
    Money,
    Count,
    Percent,
}

/// A tick of a day axis: the index of its day and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateTick {
    pub index: usize,
    pub label: String,
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A month's short name: "3月", "Mar".
pub(crate) fn month_name(month: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => EN_MONTHS[(month as usize).clamp(1, 12) - 1].to_string(),
    }
}

/// A day: "10/6" (zh) or "Oct 6" (en).
pub(crate) fn day_name(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}/{}", d.month(), d.day()),
        Lang::En => format!("{} {}", EN_MONTHS[d.month0() as usize], d.day()),
    }
}

/// Candidate ticks on natural periods for consecutive days: the first of each month over more
/// than two months, each Monday over more than two weeks, every day otherwise.
pub(crate) fn date_ticks(days: &[NaiveDate], lang: Lang) -> Vec<DateTick> {
    let span = days.len();
    days.iter()
        .enumerate()
        .filter_map(|(index, &d)| {
            let label = if span > 62 {
                (d.day() == 1).then(|| month_name(d.month(), lang))?
            } else if span > 14 {
                (d.weekday() == Weekday::Mon).then(|| day_name(d, lang))?
            } else {
                day_name(d, lang)
            };
            Some(DateTick { index, label })
        })
        .collect()
}

/// Every k-th of the labels placed at `xs` (CSS pixels, increasing) with widths `ws`: the
/// smallest k for which neighbours keep `gap` pixels between them.
pub(crate) fn thin_every(xs: &[f64], ws: &[f64], gap: f64) -> usize {
    let n = xs.len();
    (1..=n.max(1))
        .find(|&k| {
            (k..n)
                .step_by(k)
                .all(|i| xs[i] - xs[i - k] >= (ws[i] + ws[i - k]) / 2.0 + gap)
        })
        .unwrap_or(n.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_ticks_are_round_and_readable() {
        // 1.08亿 (the demo company's challenge top) gets six steps of 2000万, not 0/5000万/1亿.
        let (ticks, step) = value_ticks(108_000_000.0, 6);
        assert_eq!(step, 20_000_000.0);
        let zh: Vec<String> = ticks
            .iter()
            .map(|v| money_label(*v, step, Lang::Zh))
            .collect();
        assert_eq!(
            zh,
            ["0", "2000万", "4000万", "6000万", "8000万", "1亿", "1.2亿"]
        );
        let en: Vec<String> = ticks
            .iter()
            .map(|v| money_label(*v, step, Lang::En))
            .collect();
        assert_eq!(en, ["0", "20M", "40M", "60M", "80M", "100M", "120M"]);
        let (ticks, step) = value_ticks(370_000.0, 5);
        assert_eq!(step, 100_000.0);
        assert_eq!(ticks.len(), 5);
        assert_eq!(money_label(250_000.0, 50_000.0, Lang::Zh), "25万");
        assert_eq!(money_label(125_000_000.0, 25_000_000.0, Lang::Zh), "1.25亿");
        assert_eq!(money_label(2_500.0, 500.0, Lang::En), "2.5k");
        assert_eq!(
            value_label(120.0, 20.0, ValueUnit::Percent, Lang::En),
            "120%"
        );
        assert_eq!(nice_step(0.0, 5), 0.2);
    }

    #[test]
    fn dates_tick_on_months_weeks_and_days() {
        let days = |from: &str, n: i64| -> Vec<NaiveDate> {
            let d0: NaiveDate = from.parse().unwrap();
            (0..n).map(|i| d0 + chrono::Duration::days(i)).collect()
        };
        let year = date_ticks(&days("2026-01-01", 365), Lang::Zh);
        assert_eq!(year.len(), 12);
        assert_eq!((year[0].index, year[0].label.as_str()), (0, "1月"));
        assert_eq!((year[1].index, year[1].label.as_str()), (31, "2月"));
        let q4 = date_ticks(&days("2026-10-01", 92), Lang::En);
        assert_eq!(
            q4.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["Oct", "Nov", "Dec"]
        );
        // October 2026 starts on a Thursday: Mondays are the 5th, 12th, 19th and 26th.
        let oct = date_ticks(&days("2026-10-01", 31), Lang::Zh);
        assert_eq!(
            oct.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
            ["10/5", "10/12", "10/19", "10/26"]
        );
        let week = date_ticks(&days("2026-10-12", 7), Lang::En);
        assert_eq!(week.len(), 7);
        assert_eq!(week[6].label, "Oct 18");
    }

    #[test]
    fn labels_thin_until_they_do_not_touch() {
        let xs: Vec<f64> = (0..12).map(|i| i as f64 * 30.0).collect();
        assert_eq!(thin_every(&xs, &[20.0; 12], 4.0), 1);
        assert_eq!(thin_every(&xs, &[40.0; 12], 4.0), 2);
        assert_eq!(thin_every(&xs, &[70.0; 12], 4.0), 3);
        assert_eq!(thin_every(&[], &[], 4.0), 1);
    }
}
