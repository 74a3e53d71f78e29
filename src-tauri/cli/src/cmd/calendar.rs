//! Holiday calendar subcommands: calendar (a year's working days and special days, optionally
//! exported), calendar-set, calendar-reset, calendar-import.

use super::args::{CalendarArgs, CalendarResetArgs, CalendarSetArgs, FileArgs};
use serde_json::{json, Value};
use targetline_core::calendar::workspace::{
    calendar_table, import_calendar, reset_year, set_day, year_days, DayKind, DayType,
};
use targetline_core::error::{Lang, Result};
use targetline_core::export::export_table;
use targetline_core::plan::edit::follow_calendar;
use targetline_core::store::Workspace;

/// `calendar --db FILE --year 2026 [--out FILE.csv|FILE.xlsx]`: working days per month and in
/// the year, and the special days (holidays, 调休 working days, named or customised days).
pub fn calendar(args: &CalendarArgs, lang: Lang) -> Result<Value> {
    let year = args.year;
    let ws = Workspace::open_existing(&args.db)?;
    let y = year_days(&ws, year)?;
    let special: Vec<_> = y
        .days
        .iter()
        .filter(|d| {
            matches!(d.kind, DayType::Holiday | DayType::AdjustedWorkday)
                || d.custom
                || !d.name_zh.is_empty()
        })
        .collect();
    let mut value = json!({
        "year": y.year,
        "workingDays": y.working_days,
        "workingDaysByMonth": y.working_days_by_month,
        "officialAvailable": y.official_available,
        "customDays": y.custom_days,
        "specialDays": special,
    });
    if let Some(out) = &args.out {
        let table = calendar_table(&ws, year, lang)?;
        export_table(&table, out)?;
        value["out"] = json!(out.display().to_string());
        value["rows"] = json!(table.rows.len());
    }
    Ok(value)
}

/// `calendar-set --db FILE --date 2026-10-09 --kind normal|holiday|workday [--name-zh N]
/// [--name-en N]`: prints the day as it was (the undo snapshot).
pub fn calendar_set(args: &CalendarSetArgs) -> Result<Value> {
    let kind = match args.kind.as_str() {
        "normal" => DayKind::Normal,
        "holiday" => DayKind::Holiday,
        "workday" => DayKind::Workday,
        _ => {
            return Err(super::usage_error(
                "--kind takes normal, holiday or workday",
            ))
        }
    };
    let name_zh = args.name_zh.as_deref().unwrap_or_default();
    let name_en = args.name_en.as_deref().unwrap_or_default();
    let ws = Workspace::open_existing(&args.db)?;
    Ok(
        json!({ "before": follow_calendar(&ws, |ws| set_day(ws, &args.date, kind, name_zh, name_en))? }),
    )
}

/// `calendar-reset --db FILE --year 2026`: the official China calendar for that year.
pub fn calendar_reset(args: &CalendarResetArgs) -> Result<Value> {
    let year = args.year;
    let ws = Workspace::open_existing(&args.db)?;
    Ok(json!({ "year": year, "entries": follow_calendar(&ws, |ws| reset_year(ws, year))? }))
}

/// `calendar-import --db FILE PATH`: the import summary.
pub fn calendar_import(args: &FileArgs) -> Result<Value> {
    let ws = Workspace::open_existing(&args.db)?;
    Ok(json!(follow_calendar(&ws, |ws| import_calendar(
        ws, &args.path, None
    ))?))
}

#[cfg(test)]
mod tests {
    use targetline_core::store::Workspace;

    use crate::cmd::run_json as cli;

    #[test]
    fn calendar_commands_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.targetline");
        Workspace::create_blank(&db, 2026).unwrap();
        let db = db.to_str().unwrap();
        let v = cli(&["calendar", "--db", db, "--year", "2026"]).unwrap();
        assert_eq!(v["workingDays"], 248);
        assert_eq!(
            v["workingDaysByMonth"],
            serde_json::json!([21, 16, 22, 21, 19, 21, 23, 21, 22, 18, 21, 23])
        );
        // 39 official entries: 19 weekday holidays, 6 worked weekend days, 14 named weekend days.
        assert_eq!(v["specialDays"].as_array().unwrap().len(), 39);
        assert_eq!(
            v["specialDays"][0],
            serde_json::json!({"date": "2026-01-01", "weekday": 4, "kind": "holiday",
                "nameZh": "元旦", "nameEn": "New Year's Day", "custom": false})
        );

        let v = cli(&[
            "calendar-set",
            "--db",
            db,
            "--date",
            "2026-10-09",
            "--kind",
            "holiday",
            "--name-zh",
            "公司假",
        ])
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"before": {"date": "2026-10-09", "entry": null}})
        );
        let out = dir.path().join("cal.xlsx");
        let v = cli(&[
            "calendar",
            "--db",
            db,
            "--year",
            "2026",
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        assert_eq!(
            (v["workingDays"].as_i64(), v["customDays"].as_i64()),
            (Some(247), Some(1))
        );
        assert_eq!(v["rows"], 40);

        let v = cli(&["calendar-reset", "--db", db, "--year", "2026"]).unwrap();
        assert_eq!(v["entries"], 39);
        let v = cli(&["calendar-import", "--db", db, out.to_str().unwrap()]).unwrap();
        assert_eq!(
            (
                v["rows"].as_i64(),
                v["holidays"].as_i64(),
                v["workdays"].as_i64(),
                v["applied"].as_bool()
            ),
            (Some(40), Some(34), Some(6), Some(true))
        );
        let v = cli(&["calendar", "--db", db, "--year", "2026"]).unwrap();
        assert_eq!(v["workingDays"], 247);
        let e = cli(&["calendar-reset", "--db", db, "--year", "2030"]).unwrap_err();
        assert_eq!(e.code, "calendar_no_official_year");
    }
}
