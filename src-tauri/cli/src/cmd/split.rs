//! `targetline-cli split`: one split spec as JSON on stdin, the parts as JSON on stdout. Pure: no
//! workspace. Money is decimal yuan (strings, or plain numbers) with at most two decimals.
//!
//! ```text
//! {"total":"1000000000","method":"even","keys":["Q1","Q2","Q3","Q4"]}
//! {"total":"100000000","method":"percent","weights":{"华东":40,"华南":30,"华北":30}}
//! {"total":"3800000","method":"capacity","capacity":{"A":{"headcount":1,"perHead":"2000000"}}}
//! {"total":"1200000","method":"workdays","from":"2026-01-01","to":"2026-12-31","by":"month","holidays":"cn"}
//! {"total":"1000","method":"history","weights":{"Q1":"100","Q2":"300"}}
//! {"total":"1000","method":"potential","weights":{"a":3,"b":1.5}}
//! {"total":"1000","method":"manual","values":{"a":"700","b":"300"}}
//! {"total":"1000","method":"blend","drivers":[{"weight":60,"method":"history",...},{"weight":40,...}]}
//! any spec may add "locked":{"key":"amount"}
//! -> {"parts":[{"key":"Q1","value":"250000000.00"},...],"sum":"1000000000.00"}
//! ```

use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::io::Read;
use targetline_core::calendar::{periods_in_range, PeriodKind, WorkCalendar};
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::money::{format_yuan, parse_yuan};
use targetline_core::split::{split as split_parts, Capacity, Driver, Method};

fn bad_spec(zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(Code::BadSpec, zh, en)
}

fn field<'a>(spec: &'a Map<String, Value>, name: &str) -> Result<&'a Value> {
    spec.get(name).ok_or_else(|| {
        bad_spec(
            format!("拆分说明缺少字段“{name}”"),
            format!("The split spec is missing \"{name}\""),
        )
    })
}

fn object<'a>(spec: &'a Map<String, Value>, name: &str) -> Result<&'a Map<String, Value>> {
    let v = field(spec, name)?.as_object().ok_or_else(|| {
        bad_spec(
            format!("字段“{name}”应为对象（名称 → 值）"),
            format!("\"{name}\" must be an object (name -> value)"),
        )
    })?;
    if v.is_empty() {
        return Err(bad_spec(
            format!("字段“{name}”不能为空"),
            format!("\"{name}\" cannot be empty"),
        ));
    }
    Ok(v)
}

fn text<'a>(spec: &'a Map<String, Value>, name: &str) -> Result<&'a str> {
    field(spec, name)?.as_str().ok_or_else(|| {
        bad_spec(
            format!("字段“{name}”应为文本"),
            format!("\"{name}\" must be a string"),
        )
    })
}

/// The text of a JSON string or number.
fn number_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn amount(v: &Value, what: &str) -> Result<i64> {
    let t = number_text(v).ok_or_else(|| {
        Error::new(
            Code::BadAmount,
            format!("“{what}”的金额应为数字或文本"),
            format!("The amount of \"{what}\" must be a number or a string"),
        )
    })?;
    parse_yuan(&t)
}

/// A non-negative decimal with at most `decimals` decimals, scaled by 10^decimals.
fn scaled(v: &Value, decimals: u32, what: &str) -> Result<i128> {
    let bad = || {
        Error::new(
            Code::BadWeight,
            format!("“{what}”的权重无效：应为不小于 0、最多 {decimals} 位小数的数字"),
            format!(
                "Invalid weight for \"{what}\": expected a number from 0 with at most {decimals} decimals"
            ),
        )
    };
    let t = number_text(v).ok_or_else(bad)?;
    let t = t.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty()
        || int.len() > 18
        || frac.len() > decimals as usize
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let int: i128 = int.parse().map_err(|_| bad())?;
    let frac_val: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().map_err(|_| bad())?
    };
    Ok(int * 10i128.pow(decimals) + frac_val * 10i128.pow(decimals - frac.len() as u32))
}

fn keys_of(m: &Map<String, Value>) -> Vec<String> {
    m.keys().cloned().collect()
}

fn date(spec: &Map<String, Value>, name: &str) -> Result<NaiveDate> {
    let t = text(spec, name)?;
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
        bad_spec(
            format!("字段“{name}”的日期“{t}”无效，应形如 2026-01-01"),
            format!("\"{name}\": invalid date \"{t}\", expected e.g. 2026-01-01"),
        )
    })
}

fn calendar(spec: &Map<String, Value>) -> Result<WorkCalendar> {
    match spec
        .get("holidays")
        .and_then(Value::as_str)
        .unwrap_or("none")
    {
        "cn" => Ok(WorkCalendar::cn()),
        "none" | "weekdays" => Ok(WorkCalendar::weekdays()),
        other => Err(bad_spec(
            format!("假日日历“{other}”未知：可用 cn 或 none"),
            format!("Unknown holiday calendar \"{other}\": use cn or none"),
        )),
    }
}

/// The keys (in the order written) and the method of one spec (or one blend driver).
fn method_of(spec: &Map<String, Value>, top: bool) -> Result<(Vec<String>, Method)> {
    let name = text(spec, "method")?;
    Ok(match name {
        "even" => {
            let keys: Vec<String> = field(spec, "keys")?
                .as_array()
                .filter(|a| !a.is_empty())
                .and_then(|a| a.iter().map(|k| k.as_str().map(String::from)).collect())
                .ok_or_else(|| {
                    bad_spec(
                        "字段“keys”应为非空的文本数组",
                        "\"keys\" must be a non-empty array of strings",
                    )
                })?;
            let n = keys.len();
            (keys, Method::Even(n))
        }
        "percent" => {
            let w = object(spec, "weights")?;
            let bp = w
                .iter()
                .map(|(k, v)| {
                    i64::try_from(scaled(v, 2, k)?).map_err(|_| {
                        Error::new(
                            Code::BadWeight,
                            format!("“{k}”的百分比过大"),
                            format!("The percentage of \"{k}\" is too large"),
                        )
                    })
                })
                .collect::<Result<_>>()?;
            (keys_of(w), Method::Percent(bp))
        }
        "potential" => {
            let w = object(spec, "weights")?;
            let weights = w
                .iter()
                .map(|(k, v)| Ok(scaled(v, 6, k)? as u128))
                .collect::<Result<_>>()?;
            (keys_of(w), Method::Potential(weights))
        }
        "history" => {
            let w = object(spec, "weights")?;
            let fen = w.iter().map(|(k, v)| amount(v, k)).collect::<Result<_>>()?;
            (keys_of(w), Method::History(fen))
        }
        "manual" => {
            let w = object(spec, "values")?;
            let fen = w.iter().map(|(k, v)| amount(v, k)).collect::<Result<_>>()?;
            (keys_of(w), Method::Manual(fen))
        }
        "capacity" => {
            let c = object(spec, "capacity")?;
            let caps = c
                .iter()
                .map(|(k, v)| {
                    let o = v.as_object().ok_or_else(|| {
                        bad_spec(
                            format!("“{k}”的产能应为 {{\"headcount\",\"perHead\"}}"),
                            format!("Capacity of \"{k}\" must be {{\"headcount\",\"perHead\"}}"),
                        )
                    })?;
                    let headcount = field(o, "headcount")?
                        .as_i64()
                        .filter(|h| *h >= 0)
                        .ok_or_else(|| {
                            bad_spec(
                                format!("“{k}”的人数应为不小于 0 的整数"),
                                format!("Headcount of \"{k}\" must be a whole number from 0"),
                            )
                        })?;
                    Ok(Capacity {
                        headcount,
                        per_head: amount(field(o, "perHead")?, k)?,
                    })
                })
                .collect::<Result<_>>()?;
            (keys_of(c), Method::Capacity(caps))
        }
        "workdays" => {
            let (from, to) = (date(spec, "from")?, date(spec, "to")?);
            let kind = PeriodKind::parse(text(spec, "by")?)?;
            let start_month = match spec.get("startMonth") {
                Some(v) => v.as_u64().filter(|m| (1..=12).contains(m)).ok_or_else(|| {
                    bad_spec("startMonth 应为 1 到 12", "startMonth must be 1 to 12")
                })? as u32,
                None => 1,
            };
            let cal = calendar(spec)?;
            let mut periods = periods_in_range(from, to, kind, start_month)?;
            if kind == PeriodKind::Day {
                periods.retain(|p| cal.is_working_day(p.start));
            }
            if periods.is_empty() {
                return Err(bad_spec(
                    "所给日期范围内没有期间",
                    "There is no period in the given date range",
                ));
            }
            let keys = periods.iter().map(|p| p.key.clone()).collect();
            (keys, Method::workdays(&periods, &cal))
        }
        "blend" if top => blend(spec)?,
        other => {
            return Err(Error::new(
                Code::UnknownMethod,
                format!("未知的拆分方法“{other}”：可用 even、percent、capacity、potential、history、workdays、blend、manual"),
                format!("Unknown split method \"{other}\": use even, percent, capacity, potential, history, workdays, blend or manual"),
            ))
        }
    })
}

/// Blend drivers may list their keys in any order; each is aligned to the first driver's keys.
fn blend(spec: &Map<String, Value>) -> Result<(Vec<String>, Method)> {
    let list = field(spec, "drivers")?
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            bad_spec(
                "字段“drivers”应为非空数组",
                "\"drivers\" must be a non-empty array",
            )
        })?;
    let mut keys: Vec<String> = Vec::new();
    let mut drivers = Vec::with_capacity(list.len());
    for (i, d) in list.iter().enumerate() {
        let o = d.as_object().ok_or_else(|| {
            bad_spec(
                format!("第 {} 个驱动因素应为对象", i + 1),
                format!("Driver {} must be an object", i + 1),
            )
        })?;
        let weight = field(o, "weight")?.as_i64().ok_or_else(|| {
            bad_spec(
                format!("第 {} 个驱动因素的权重应为整数", i + 1),
                format!("Driver {} needs a whole-number weight", i + 1),
            )
        })?;
        let (k, method) = method_of(o, false)?;
        let weights = method.weights()?;
        if i == 0 {
            keys = k.clone();
        }
        let mut aligned = Vec::with_capacity(keys.len());
        for key in &keys {
            let j = k.iter().position(|x| x == key);
            aligned.push(j.map(|j| weights[j]));
        }
        let aligned: Option<Vec<u128>> = aligned.into_iter().collect();
        match aligned {
            Some(w) if k.len() == keys.len() => drivers.push(Driver {
                weight,
                method: Method::Potential(w),
            }),
            _ => {
                return Err(Error::new(
                    Code::BlendLengthMismatch,
                    format!("第 {} 个驱动因素的项与第一个不一致", i + 1),
                    format!("Driver {} does not list the same parts as the first", i + 1),
                ))
            }
        }
    }
    Ok((keys, Method::Blend(drivers)))
}

/// Runs a split spec given as JSON text.
pub fn split_spec(input: &str) -> Result<Value> {
    let spec: Value = serde_json::from_str(input).map_err(|e| {
        bad_spec(
            format!("拆分说明不是有效的 JSON：{e}"),
            format!("The split spec is not valid JSON: {e}"),
        )
    })?;
    let spec = spec.as_object().ok_or_else(|| {
        bad_spec(
            "拆分说明应为 JSON 对象",
            "The split spec must be a JSON object",
        )
    })?;
    let total = amount(field(spec, "total")?, "total")?;
    let (keys, method) = method_of(spec, true)?;
    let mut locks = vec![None; keys.len()];
    if let Some(l) = spec.get("locked") {
        let l = l.as_object().ok_or_else(|| {
            bad_spec(
                "字段“locked”应为对象（名称 → 金额）",
                "\"locked\" must be an object (name -> amount)",
            )
        })?;
        for (k, v) in l {
            let i = keys.iter().position(|x| x == k).ok_or_else(|| {
                Error::new(
                    Code::UnknownLockKey,
                    format!("锁定项“{k}”不在拆分项中"),
                    format!("Locked part \"{k}\" is not one of the parts"),
                )
            })?;
            locks[i] = Some(amount(v, k)?);
        }
    }
    let parts = split_parts(total, &method, &locks)?;
    let sum: i64 = parts.iter().sum();
    let parts: Vec<Value> = keys
        .iter()
        .zip(&parts)
        .map(|(k, v)| json!({"key": k, "value": format_yuan(*v)}))
        .collect();
    Ok(json!({"parts": parts, "sum": format_yuan(sum)}))
}

pub fn split(stdin: &mut dyn Read) -> Result<Value> {
    let mut input = String::new();
    stdin.read_to_string(&mut input).map_err(|e| {
        bad_spec(
            format!("无法读取标准输入：{e}"),
            format!("Could not read standard input: {e}"),
        )
    })?;
    split_spec(&input)
}

#[cfg(test)]
mod tests {
    use crate::cmd::run;

    fn cli(spec: &str) -> String {
        crate::cmd::run_text(&["split"], spec).unwrap()
    }

    fn cli_err(spec: &str) -> (String, String) {
        let mut out = Vec::new();
        let e = run(vec!["split".into()], &mut spec.as_bytes(), &mut out).unwrap_err();
        assert!(out.is_empty());
        (e.code.to_string(), e.en)
    }

    #[test]
    fn ten_yi_a_year_is_two_and_a_half_yi_a_quarter() {
        assert_eq!(
            cli(r#"{"total":"1000000000","method":"even","keys":["Q1","Q2","Q3","Q4"]}"#),
            concat!(
                r#"{"parts":[{"key":"Q1","value":"250000000.00"},{"key":"Q2","value":"250000000.00"},"#,
                r#"{"key":"Q3","value":"250000000.00"},{"key":"Q4","value":"250000000.00"}],"sum":"1000000000.00"}"#,
                "\n"
            )
        );
    }

    #[test]
    fn regions_by_percent_in_the_order_written() {
        assert_eq!(
            cli(
                r#"{"total":"100000000","method":"percent","weights":{"华东":40,"华南":30,"华北":30}}"#
            ),
            concat!(
                r#"{"parts":[{"key":"华东","value":"40000000.00"},{"key":"华南","value":"30000000.00"},"#,
                r#"{"key":"华北","value":"30000000.00"}],"sum":"100000000.00"}"#,
                "\n"
            )
        );
        // Written in another order, printed in that order.
        assert!(cli(
            r#"{"total":"100000000","method":"percent","weights":{"华北":30,"华东":40,"华南":30}}"#
        )
        .starts_with(r#"{"parts":[{"key":"华北","value":"30000000.00"},{"key":"华东""#));
    }

    #[test]
    fn one_hundred_yuan_in_three() {
        assert_eq!(
            cli(r#"{"total":"100","method":"even","keys":["a","b","c"]}"#),
            r#"{"parts":[{"key":"a","value":"33.34"},{"key":"b","value":"33.33"},{"key":"c","value":"33.33"}],"sum":"100.00"}"#
                .to_string()
                + "\n"
        );
    }

    #[test]
    fn capacity_per_head() {
        assert_eq!(
            cli(r#"{"total":"3800000","method":"capacity","capacity":{"A":{"headcount":1,"perHead":"2000000"},"B":{"headcount":1,"perHead":"1800000"}}}"#),
            r#"{"parts":[{"key":"A","value":"2000000.00"},{"key":"B","value":"1800000.00"}],"sum":"3800000.00"}"#
                .to_string()
                + "\n"
        );
    }

    #[test]
    fn working_days_by_month_with_china_holidays() {
        // 2026 working days per month (official calendar): 21 16 22 21 19 21 23 21 22 18 21 23 = 248.
        let expected = [
            ("2026-01", "101612.91"),
            ("2026-02", "77419.36"),
            ("2026-03", "106451.61"),
            ("2026-04", "101612.90"),
            ("2026-05", "91935.49"),
            ("2026-06", "101612.90"),
            ("2026-07", "111290.32"),
            ("2026-08", "101612.90"),
            ("2026-09", "106451.61"),
            ("2026-10", "87096.78"),
            ("2026-11", "101612.90"),
            ("2026-12", "111290.32"),
        ];
        let parts: Vec<String> = expected
            .iter()
            .map(|(k, v)| format!(r#"{{"key":"{k}","value":"{v}"}}"#))
            .collect();
        assert_eq!(
            cli(
                r#"{"total":"1200000","method":"workdays","from":"2026-01-01","to":"2026-12-31","by":"month","holidays":"cn"}"#
            ),
            format!(r#"{{"parts":[{}],"sum":"1200000.00"}}"#, parts.join(",")) + "\n"
        );
    }

    #[test]
    fn weeks_crossing_a_month_are_apportioned_by_working_days() {
        // March 2026 without holidays: W09 holds only Sunday the 1st, W14 only Mon 30 and Tue 31.
        assert_eq!(
            cli(
                r#"{"total":"2200","method":"workdays","from":"2026-03-01","to":"2026-03-31","by":"week"}"#
            ),
            concat!(
                r#"{"parts":[{"key":"2026-W09","value":"0.00"},{"key":"2026-W10","value":"500.00"},"#,
                r#"{"key":"2026-W11","value":"500.00"},{"key":"2026-W12","value":"500.00"},"#,
                r#"{"key":"2026-W13","value":"500.00"},{"key":"2026-W14","value":"200.00"}],"sum":"2200.00"}"#,
                "\n"
            )
        );
        // 5-11 October 2026 in China: the 5th-7th are National Day, Saturday the 10th is worked.
        let out = cli(
            r#"{"total":"300","method":"workdays","from":"2026-10-05","to":"2026-10-11","by":"day","holidays":"cn"}"#,
        );
        assert_eq!(
            out,
            concat!(
                r#"{"parts":[{"key":"2026-10-08","value":"100.00"},{"key":"2026-10-09","value":"100.00"},"#,
                r#"{"key":"2026-10-10","value":"100.00"}],"sum":"300.00"}"#,
                "\n"
            )
        );
    }

    #[test]
    fn locks_keep_their_value() {
        assert_eq!(
            cli(
                r#"{"total":"100000000","method":"percent","weights":{"华东":40,"华南":30,"华北":30},"locked":{"华东":"45000000"}}"#
            ),
            concat!(
                r#"{"parts":[{"key":"华东","value":"45000000.00"},{"key":"华南","value":"27500000.00"},"#,
                r#"{"key":"华北","value":"27500000.00"}],"sum":"100000000.00"}"#,
                "\n"
            )
        );
    }

    #[test]
    fn history_potential_blend_and_manual() {
        assert_eq!(
            cli(
                r#"{"total":"2000","method":"history","weights":{"Q1":"100","Q2":"300","Q3":"600"}}"#
            ),
            concat!(
                r#"{"parts":[{"key":"Q1","value":"200.00"},{"key":"Q2","value":"600.00"},"#,
                r#"{"key":"Q3","value":"1200.00"}],"sum":"2000.00"}"#,
                "\n"
            )
        );
        assert_eq!(
            cli(r#"{"total":"900","method":"potential","weights":{"a":3,"b":1.5}}"#),
            r#"{"parts":[{"key":"a","value":"600.00"},{"key":"b","value":"300.00"}],"sum":"900.00"}"#
                .to_string()
                + "\n"
        );
        // 60% history (1:3) + 40% capacity (1:1) = 0.35 / 0.65; the capacity driver lists B first.
        assert_eq!(
            cli(concat!(
                r#"{"total":"1000","method":"blend","drivers":["#,
                r#"{"weight":60,"method":"history","weights":{"A":"100","B":"300"}},"#,
                r#"{"weight":40,"method":"capacity","capacity":{"B":{"headcount":2,"perHead":"10"},"A":{"headcount":1,"perHead":"20"}}}]}"#
            )),
            r#"{"parts":[{"key":"A","value":"350.00"},{"key":"B","value":"650.00"}],"sum":"1000.00"}"#
                .to_string()
                + "\n"
        );
        assert_eq!(
            cli(r#"{"total":"1000","method":"manual","values":{"a":"700.5","b":"299.50"}}"#),
            r#"{"parts":[{"key":"a","value":"700.50"},{"key":"b","value":"299.50"}],"sum":"1000.00"}"#
                .to_string()
                + "\n"
        );
    }

    #[test]
    fn bad_specs_fail_with_a_code() {
        let (code, msg) = cli_err(
            r#"{"total":"100000000","method":"percent","weights":{"华东":40,"华南":30,"华北":20}}"#,
        );
        assert_eq!(code, "percent_not_100");
        assert_eq!(
            msg,
            "Percentage Allocation should be equal to 100% (it is 90.00%)"
        );
        assert_eq!(
            cli_err(r#"{"total":"100","method":"magic","keys":["a"]}"#).0,
            "unknown_method"
        );
        assert_eq!(
            cli_err(r#"{"total":"1.234","method":"even","keys":["a"]}"#).0,
            "bad_amount"
        );
        assert_eq!(
            cli_err(r#"{"total":"100","method":"even","keys":["a","b"],"locked":{"a":"150"}}"#).0,
            "locks_exceed_total"
        );
        assert_eq!(
            cli_err(r#"{"total":"100","method":"even","keys":["a","b"],"locked":{"c":"1"}}"#).0,
            "unknown_lock_key"
        );
        assert_eq!(cli_err("not json").0, "bad_spec");
        assert_eq!(
            cli_err(r#"{"total":"1","method":"percent","weights":{"a":"999999999999999999"}}"#).0,
            "bad_weight"
        );
        assert_eq!(
            cli_err(r#"{"total":"1","method":"potential","weights":{"a":-1}}"#).0,
            "bad_weight"
        );
        assert_eq!(cli_err(r#"{"method":"even","keys":["a"]}"#).0, "bad_spec");
        assert_eq!(
            cli_err(r#"{"total":"10","method":"manual","values":{"a":"7","b":"2"}}"#).0,
            "manual_sum_mismatch"
        );
        assert_eq!(
            cli_err(r#"{"total":"10","method":"blend","drivers":[{"weight":1,"method":"even","keys":["a"]},{"weight":1,"method":"even","keys":["b"]}]}"#).0,
            "blend_length_mismatch"
        );
    }
}
