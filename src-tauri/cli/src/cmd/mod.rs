//! `targetline-cli`: the same core, headless. Every subcommand prints JSON on stdout; errors
//! exit non-zero with `{"code","message"}` on stderr.

mod action;
mod args;
mod backup;
mod bench_dashboard;
mod bench_deep_split;
mod bench_import;
mod bench_split;
mod bench_variance;
mod calendar;
mod catalog;
mod commitments;
mod deck;
mod evaluation;
mod export;
mod import;
mod plan;
mod plan_files;
mod review;
mod scorecard;
mod setup;
mod split;
mod targets;
mod usage;
mod variance;
mod workspace;

use args::{Bench, Cli, Command};
use clap::{CommandFactory, Parser};
use serde_json::Value;
use std::io::{Read, Write};
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang, Result};

pub use usage::{lang_from, usage_error};

/// Runs one command line (without the program name).
pub fn run(argv: Vec<String>, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<()> {
    let lang = lang_from(&argv);
    let words = std::iter::once("targetline-cli".to_string()).chain(argv);
    let cli = match Cli::try_parse_from(words) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help, --version: the text on stdout, exit 0.
            write!(out, "{}", e.render())?;
            return Ok(());
        }
        Err(e) => return Err(usage::clap_error(&e)),
    };
    let lang = cli.lang.as_deref().map(Lang::from_locale).unwrap_or(lang);
    let value = dispatch(cli.command, lang, stdin, &mut *out)?;
    if value.is_null() {
        return Ok(());
    }
    serde_json::to_writer(&mut *out, &value)
        .map_err(|e| Error::new(Code::Io, e.to_string(), e.to_string()))?;
    writeln!(out)?;
    Ok(())
}

/// One subcommand: its JSON answer (`Null` when it printed something else, like completions).
fn dispatch(
    command: Command,
    lang: Lang,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
) -> Result<Value> {
    Ok(match command {
        Command::Demo(a) => workspace::demo(&a)?,
        Command::Info(a) => workspace::info(&a)?,
        Command::New(a) => setup::new(&a)?,
        Command::PlanYear { cmd } => setup::plan_year(&cmd)?,
        Command::Org { cmd } => setup::org(&cmd)?,
        Command::Metric { cmd } => catalog::metric(&cmd)?,
        Command::Dim { cmd } => catalog::dim(&cmd)?,
        Command::Scorecard { cmd } => scorecard::scorecard(&cmd)?,
        Command::Action { cmd } => action::action(&cmd)?,
        Command::Headline(a) => workspace::headline(&a)?,
        Command::Backup(a) => backup::backup(&a)?,
        Command::Backups(a) => backup::backups(&a)?,
        Command::Restore(a) => backup::restore(&a)?,
        Command::Plan(a) => plan::plan(&a, stdin)?,
        Command::PlanChart(a) => plan_files::plan_chart(&a, lang)?,
        Command::PlanExport(a) => plan_files::plan_export(&a, lang)?,
        Command::PlanImport(a) => plan_files::plan_import(&a, lang)?,
        Command::Split => split::split(stdin)?,
        Command::Evaluate(a) => evaluation::evaluate(&a, lang)?,
        Command::Customers(a) => evaluation::customers(&a, lang)?,
        Command::Review(a) => review::review(&a, lang)?,
        Command::Weekly(a) => review::weekly(&a, lang)?,
        Command::Commission => evaluation::commission(stdin)?,
        Command::Variance(a) => variance::variance(&a)?,
        Command::Chart(a) => variance::chart(&a, lang)?,
        Command::Deck(a) => deck::deck(&a, lang)?,
        Command::Export(a) => export::export(&a, lang)?,
        Command::Import(a) => import::import(&a, lang)?,
        Command::ImportPreview(a) => import::preview(&a)?,
        Command::UndoImport(a) => import::undo(&a)?,
        Command::RedoImport(a) => import::redo(&a)?,
        Command::ImportBatches(a) => import::batches(&a)?,
        Command::Targets { which } => targets::targets(&which, lang, out)?,
        Command::Commitments { which } => commitments::commitments(&which)?,
        Command::Calendar(a) => calendar::calendar(&a, lang)?,
        Command::CalendarSet(a) => calendar::calendar_set(&a)?,
        Command::CalendarReset(a) => calendar::calendar_reset(&a)?,
        Command::CalendarImport(a) => calendar::calendar_import(&a)?,
        Command::Bench { which } => match which {
            Bench::Plan(a) => plan::bench_plan(&a, out)?,
            Bench::Gantt(a) => plan_files::bench_gantt(&a, out)?,
            Bench::Split(a) => bench_split::bench_split(&a, out)?,
            Bench::Variance(a) => bench_variance::bench_variance(&a, out)?,
            Bench::Dashboard(a) => bench_dashboard::bench_dashboard(&a, out)?,
            Bench::Import(a) => bench_import::bench_import(&a, out)?,
        },
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "targetline-cli", out);
            Value::Null
        }
    })
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

/// A blank workspace of the company 新星 with a 1000万 plan for 2026, made as a user of the CLI does.
#[cfg(test)]
pub(crate) fn new_company(db: &str) {
    run_json(&[
        "new",
        "--db",
        db,
        "--company",
        "新星",
        "--year",
        "2026",
        "--target",
        "1000万",
    ])
    .unwrap();
}
