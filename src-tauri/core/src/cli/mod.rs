//! `targetline-cli`: the same core, headless. Every subcommand prints JSON on stdout; errors
//! exit non-zero with `{"code","message"}` on stderr.

mod args;
mod bench_import;
mod bench_split;
mod bench_variance;
mod calendar;
mod evaluation;
mod export;
mod import;
mod plan;
mod plan_files;
mod review;
mod split;
mod variance;
mod workspace;

pub use args::Args;

use crate::error::{Error, Lang, Result};
use std::io::{Read, Write};

pub const USAGE: &str = "targetline-cli <command> [options]

Commands:
  demo --db FILE [--force] [--seed N]   create the demo workspace
  info --db FILE                        counts of what a workspace holds (JSON)
  headline --db FILE                    the company's headline figures (JSON)
  plan --db FILE --schedule             the plan's schedule: dates, total float, critical path (JSON)
  plan --db FILE --coverage             each target's remaining gap against its open actions (JSON)
  plan --db FILE --resources            the strategy-resource matching table (JSON)
  plan --db FILE --synthesize N         replace the plan with N synthetic actions (Gantt benchmark)
  plan --schedule < plan.json           schedule a plan given as JSON on stdin:
                                        {start, calendar: weekdays|all-days|cn, tasks: [{id, duration,
                                         start?, deps: [{on, type: FS|SS|FF|SF, lag}]}]} (working days)
  bench plan [--tasks N]                scheduling speed (last line JSON)
  plan-chart --db FILE --out FILE.png|FILE.svg [--lang zh-CN|en]
                                        the Gantt (newest baseline, holidays, as-of line)
  plan-export --db FILE --out FILE.csv|FILE.xlsx [--lang zh-CN|en]
                                        the action plan table
  plan-import --db FILE --start YYYY-MM-DD PATH
                                        import an action plan table (目标维度, 具体举措, 责任人,
                                        完成时间 as a date, 第1-4周 from --start, or 持续进行;
                                        资源需求; optional 开始时间, 预算)
  bench gantt [--tasks N]               Gantt render times, demo and N synthetic tasks (1,000)
  split                                 split one JSON spec read from stdin (see cli/split.rs)
  bench split [--quick]                 split 1.2 million target cells and store them, against
                                        the floor of a bare insert
  variance --db FILE --node PATH --period P [--metric revenue] [--dim product_line:saas]
                                        figures of a node and its children (JSON; P is 2026,
                                        2026-H1, 2026-Q1, 2026-03 or 2026-W14; PATH / or /华东/…)
  chart --db FILE --kind cumulative|achievement|heatmap|funnel --node PATH --period P
        --out FILE.png|FILE.svg [--metric M] [--lang zh-CN|en]
  export --db FILE --table variance --node PATH --period P --out FILE.csv|FILE.xlsx [--metric M]
         --table dimension [--by product_line|customer_type|channel] | ranking | indicators |
                 stuck | transactions   the dashboard's other tables (revenue)
  bench variance [--quick]              dashboard refresh from the aggregates against a naive
                                        GROUP BY over 6,000,000 actual rows; chart render times
  import --db FILE [--kind actuals|targets|org] [--mapping NAME | --map col=field,...]
         [--encoding auto|utf-8|gbk|utf-16] [--delimiter comma|tab|semicolon] [--sheet NAME]
         [--header-row N] [--number-format auto|point|comma] [--metric CODE] [--create-unknown]
         [--save-mapping NAME] PATH
                                        import a CSV/TSV/TXT/XLSX/XLSM/XLS/ODS file as one batch.
                                        Unknown customers and product lines are created; unknown
                                        people are skipped and listed under \"unresolved\" with
                                        their amount unless --create-unknown creates them under
                                        the team their rows name. Every line counts once: the
                                        same file twice adds nothing, lines already present count
                                        as duplicates; \"money\" reconciles the amounts (fen).
  import-preview --db FILE [same options] [--rows N] PATH
                                        what an import would do (typed rows, errors, unknowns)
  undo-import --db FILE --batch ID      remove an import batch and everything it created
  import-batches --db FILE              the import batches, newest first
  bench import [--quick]                import benchmark (1,000,000-row CSV; XLSX)
  calendar --db FILE --year Y [--out FILE.csv|FILE.xlsx]
                                        working days per month and in the year, and the special
                                        days (holidays, 调休 working days, named or custom days);
                                        --out exports the year's entries (re-importable)
  calendar-set --db FILE --date YYYY-MM-DD --kind normal|holiday|workday [--name-zh N] [--name-en N]
                                        set one day; prints the day as it was
  calendar-reset --db FILE --year Y     restore the official mainland-China calendar (2025, 2026)
  calendar-import --db FILE PATH        import holidays/调休 days from CSV/TSV/TXT/XLSX/XLS/ODS
                                        (日期, 类型 休/班/正常, 名称, 英文名称); all or nothing:
                                        any bad row is listed and nothing is written

  evaluate --db FILE --node PATH --period P [--out FILE.csv|FILE.xlsx]
                                        the scorecards of the people under the node (weighted
                                        KPIs, short/long-term, rank, champion) with their
                                        commission, by the workspace's saved settings (JSON)
  review --db FILE --node PATH --period P [--create] [--out FILE.csv|FILE.xlsx]
         [--fishbone FILE.png|FILE.svg]
                                        the unit's PDCA review of the period: findings, lessons
                                        and improvements verified from the data, what the data
                                        proposes (JSON); --create opens it when there is none
  weekly --db FILE [--node PATH] --week 2026-W42 [--out FILE.csv|FILE.xlsx]
                                        the 3-2-1 reports of the people under the node
  customers --db FILE [--out FILE.csv|FILE.xlsx]
                                        every customer's contribution (12 months), growth,
                                        potential, ABC class and lifecycle stage (JSON)
  commission                            one commission from JSON on stdin: {plan?: {kind:
                                        marginal|stepped, tiers: [{from, rateBp}], targetBonus,
                                        excessBp, cap}, actual, target?} (yuan; see
                                        cli/evaluation.rs)

Options for all: --lang zh-CN|en (message language; default from LANG)";

/// Runs one command line (without the program name).
pub fn run(argv: Vec<String>, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<()> {
    let lang = lang_from(&argv);
    let mut args = Args::parse(argv)?;
    let Some(command) = args.command() else {
        return Err(usage_error("missing command"));
    };
    let value = match command.as_str() {
        "demo" => workspace::demo(&mut args)?,
        "info" => workspace::info(&mut args)?,
        "headline" => workspace::headline(&mut args)?,
        "plan" => plan::plan(&mut args, stdin)?,
        "plan-chart" => plan_files::plan_chart(&mut args, lang)?,
        "plan-export" => plan_files::plan_export(&mut args, lang)?,
        "plan-import" => plan_files::plan_import(&mut args, lang)?,
        "split" => split::split(&mut args, stdin)?,
        "evaluate" => evaluation::evaluate(&mut args, lang)?,
        "customers" => evaluation::customers(&mut args, lang)?,
        "review" => review::review(&mut args, lang)?,
        "weekly" => review::weekly(&mut args, lang)?,
        "commission" => evaluation::commission(&mut args, stdin)?,
        "variance" => variance::variance(&mut args)?,
        "chart" => variance::chart(&mut args, lang)?,
        "export" => export::export(&mut args, lang)?,
        "import" => import::import(&mut args, lang)?,
        "import-preview" => import::preview(&mut args)?,
        "undo-import" => import::undo(&mut args)?,
        "calendar" => calendar::calendar(&mut args, lang)?,
        "calendar-set" => calendar::calendar_set(&mut args)?,
        "calendar-reset" => calendar::calendar_reset(&mut args)?,
        "calendar-import" => calendar::calendar_import(&mut args)?,
        "import-batches" => import::batches(&mut args)?,
        "bench" => match args.positional().as_deref() {
            Some("plan") => plan::bench_plan(&mut args, out)?,
            Some("gantt") => plan_files::bench_gantt(&mut args, out)?,
            Some("split") => bench_split::bench_split(&mut args, out)?,
            Some("variance") => bench_variance::bench_variance(&mut args, out)?,
            Some("import") => bench_import::bench_import(&mut args, &mut *out)?,
            other => {
                return Err(usage_error(&format!(
                    "unknown benchmark '{}'",
                    other.unwrap_or("")
                )))
            }
        },
        "help" | "--help" | "-h" => {
            writeln!(out, "{USAGE}")?;
            return Ok(());
        }
        other => return Err(usage_error(&format!("unknown command '{other}'"))),
    };
    serde_json::to_writer(&mut *out, &value)
        .map_err(|e| Error::new("io", e.to_string(), e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// The message language: `--lang` wins, then the LANG environment variable.
pub fn lang_from(argv: &[String]) -> Lang {
    if let Some(i) = argv.iter().position(|a| a == "--lang") {
        if let Some(tag) = argv.get(i + 1) {
            return Lang::from_locale(tag);
        }
    }
    std::env::var("LANG")
        .map(|l| Lang::from_locale(&l))
        .unwrap_or(Lang::En)
}

pub fn usage_error(what: &str) -> Error {
    Error::new(
        "usage",
        format!("命令行参数有误：{what}\n{USAGE}"),
        format!("Bad command line: {what}\n{USAGE}"),
    )
}

/// Runs the CLI with `args` and `stdin`, for tests: what it printed.
#[cfg(test)]
pub(crate) fn run_text(args: &[&str], stdin: &str) -> Result<String> {
    let mut out = Vec::new();
    run(
        args.iter().map(|s| s.to_string()).collect(),
        &mut stdin.as_bytes(),
        &mut out,
    )?;
    Ok(String::from_utf8(out).expect("the CLI prints UTF-8"))
}

/// The JSON the CLI printed last (a benchmark prints figures before it), for tests.
#[cfg(test)]
pub(crate) fn run_json_with(args: &[&str], stdin: &str) -> Result<serde_json::Value> {
    let text = run_text(args, stdin)?;
    Ok(serde_json::from_str(text.lines().last().unwrap_or_default()).expect("the CLI prints JSON"))
}

#[cfg(test)]
pub(crate) fn run_json(args: &[&str]) -> Result<serde_json::Value> {
    run_json_with(args, "")
}
