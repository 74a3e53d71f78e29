//! The command line, declared once with clap: every subcommand, its options and its help text.
//! `targetline-cli --help`, `targetline-cli <command> --help`.

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use targetline_core::chart::ChartKind;
use targetline_core::dashboard::TableName;
use targetline_core::variance::Dim;

#[derive(Parser, Debug)]
#[command(
    name = "targetline-cli",
    version,
    about = "Targetline 业绩目标管理, headless: every command prints JSON on stdout; \
             errors exit non-zero with {\"code\",\"message\"} JSON on stderr.",
    after_help = "Periods: 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W14, 2026-YTD. \
                  Nodes: / or /华东/华东一组."
)]
pub struct Cli {
    /// Message language (default from LANG)
    #[arg(long, global = true, value_name = "zh-CN|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create the demo workspace
    Demo(DemoArgs),
    /// Counts of what a workspace holds, the company's name and its plan years
    Info(DbArgs),
    /// A new workspace of one's own company with its first (blank) year plan
    New(super::setup::NewArgs),
    /// Year plans: create (blank or copied with growth), approve
    PlanYear {
        #[command(subcommand)]
        cmd: super::setup::PlanYearCmd,
    },
    /// The organisation: add units, transfer a person on a date
    Org {
        #[command(subcommand)]
        cmd: super::setup::OrgCmd,
    },
    /// The metrics catalog: list, add, edit, retire (or restore), delete one nothing uses
    Metric {
        #[command(subcommand)]
        cmd: super::catalog::MetricCmd,
    },
    /// Product lines, customer types and channels: add, rename, retire (or restore)
    Dim {
        #[command(subcommand)]
        cmd: super::catalog::DimCmd,
    },
    /// The scorecard defaults an evaluation uses: show, set (weights total 100%), use again
    Scorecard {
        #[command(subcommand)]
        cmd: super::scorecard::ScorecardCmd,
    },
    /// The action plan by hand: add, delete, indent (or outdent) an action
    Action {
        #[command(subcommand)]
        cmd: super::action::ActionCmd,
    },
    /// The company's headline figures
    Headline(DbArgs),
    /// Take a backup of a workspace now (kept with the app's backups)
    Backup(BackupArgs),
    /// A workspace's backups, newest first (id, time, reason, size, counts)
    Backups(BackupArgs),
    /// Replace a workspace with one of its backups; what it holds now is backed up first
    Restore(RestoreArgs),
    /// The plan's schedule, gap coverage or resources; or schedule a plan given as JSON on stdin
    #[command(
        after_help = "plan --schedule < plan.json schedules {start, calendar: weekdays|all-days|cn, \
                      tasks: [{id, duration, start?, deps: [{on, type: FS|SS|FF|SF, lag}]}]} \
                      (working days)"
    )]
    Plan(PlanArgs),
    /// The Gantt (newest baseline, holidays, as-of line) as PNG or SVG
    PlanChart(DbOutArgs),
    /// The action plan table as CSV or XLSX
    PlanExport(DbOutArgs),
    /// Import an action plan table (目标维度, 具体举措, 责任人, 完成时间, 资源需求; 开始时间, 预算)
    PlanImport(PlanImportArgs),
    /// Split one JSON spec read from stdin (total, method, weights, …)
    Split,
    /// Figures of a node and its children for a period
    Variance(QueryArgs),
    /// A dashboard chart as PNG or SVG
    Chart(ChartArgs),
    /// The meeting deck of a node and period as one 16:9 PDF
    Deck(super::deck::DeckArgs),
    /// A dashboard table as CSV or XLSX
    Export(ExportArgs),
    /// Import a CSV/TSV/TXT/XLSX/XLSM/XLS/ODS file as one batch
    #[command(
        after_help = "Unknown customers and product lines are created; unknown people are \
                      skipped and listed under \"unresolved\" with their amount unless \
                      --create-unknown creates them under the team their rows name. Every line \
                      counts once: the same file twice adds nothing, lines already present count \
                      as duplicates; \"money\" reconciles the amounts (fen)."
    )]
    Import(ImportArgs),
    /// What an import would do (typed rows, errors, unknowns), writing nothing
    ImportPreview(PreviewArgs),
    /// Remove an import batch and everything it created (kept, so it can be redone)
    UndoImport(UndoArgs),
    /// Put an undone import batch back, exactly as it was
    RedoImport(UndoArgs),
    /// The import batches, newest first
    ImportBatches(DbArgs),
    /// Working days per month and in the year, and the special days
    Calendar(CalendarArgs),
    /// Set one day of the holiday calendar; prints the day as it was
    CalendarSet(CalendarSetArgs),
    /// Restore the official mainland-China calendar of a year (2025, 2026)
    CalendarReset(CalendarResetArgs),
    /// Import holidays and 调休 days (日期, 类型 休/班/正常, 名称, 英文名称); all or nothing
    CalendarImport(FileArgs),
    /// The scorecards of the people under a node, with their commission
    Evaluate(EvaluateArgs),
    /// A unit's PDCA review of a period, verified from the data
    Review(ReviewArgs),
    /// The 3-2-1 weekly reports of the people under a node
    Weekly(WeeklyArgs),
    /// Every customer's contribution, growth, potential, ABC class and lifecycle stage
    Customers(DbOptOutArgs),
    /// One commission from JSON on stdin: {plan?, actual, target?} (yuan)
    Commission,
    /// Targets: set, split all the way down, check consistency, set the plan's rules
    Targets {
        #[command(subcommand)]
        which: super::targets::TargetsCmd,
    },
    /// Imported commitment sheets: list, undo and redo them (kept across sessions)
    Commitments {
        #[command(subcommand)]
        which: super::commitments::CommitmentsCmd,
    },
    /// Benchmarks: figures first, the last line JSON
    Bench {
        #[command(subcommand)]
        which: Bench,
    },
    /// Shell completions: targetline-cli completions bash > /etc/bash_completion.d/targetline-cli
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum Bench {
    /// Scheduling speed on the China calendar
    Plan(TasksArgs),
    /// Gantt render times, demo and N synthetic tasks (default 1,000)
    Gantt(TasksArgs),
    /// Split 1.2 million target cells and store them, against a bare insert
    Split(SplitArgs),
    /// Dashboard refresh from the aggregates against a naive GROUP BY; chart render times
    Variance(QuickArgs),
    /// Import a 1,000,000-row CSV and an XLSX
    Import(QuickArgs),
    /// The whole dashboard view (figures and four charts) of the company, a region and a team,
    /// cold and warm, on 6,000,000 rows (--quick: 600,000)
    Dashboard(super::bench_dashboard::DashboardBenchArgs),
}

/// `--db FILE`, the workspace file: every command that opens one flattens this, so the flag
/// reads the same everywhere. It stands for the path itself (`&args.db` is a `&Path`).
#[derive(Args, Debug)]
pub struct DbArgs {
    /// The workspace file (.targetline)
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
}

impl std::ops::Deref for DbArgs {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.db
    }
}

/// `--node` (the company, `/`, unless given) and `--period`: where and when the figures are.
#[derive(Args, Debug)]
pub struct NodePeriodArgs {
    /// The organisation node: / or /华东/…
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub node: String,
    /// 2026, 2026-H1, 2026-Q1, 2026-03, 2026-W14 or 2026-YTD
    #[arg(long, value_name = "P")]
    pub period: String,
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The backups folder (default: the app's, in its app-data folder)
    #[arg(long, value_name = "DIR")]
    pub backups: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub at: BackupArgs,
    /// The backup's id, as `backups` lists it
    #[arg(long, value_name = "ID")]
    pub backup: String,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// The workspace file to create
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Overwrite the file if it exists
    #[arg(long)]
    pub force: bool,
    /// The demo's random seed
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The workspace file; without it the plan is read as JSON from stdin (--schedule only)
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Dates, total float and the critical path
    #[arg(long)]
    pub schedule: bool,
    /// Each target's remaining gap against its open actions
    #[arg(long)]
    pub coverage: bool,
    /// The strategy-resource matching table
    #[arg(long)]
    pub resources: bool,
    /// Replace the plan with N synthetic actions (Gantt benchmark)
    #[arg(long, value_name = "N")]
    pub synthesize: Option<usize>,
}

#[derive(Args, Debug)]
pub struct DbOutArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The file to write; its extension picks the format
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Args, Debug)]
pub struct DbOptOutArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Also write the table (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct PlanImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The Monday of 第1周, e.g. 2026-09-07
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: String,
    /// The action plan table (CSV/XLSX/XLS/ODS)
    pub path: PathBuf,
}

/// The figures asked for: node, period, metric, an optional dimension.
#[derive(Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub at: NodePeriodArgs,
    /// The metric's code
    #[arg(long, value_name = "M", default_value = "revenue")]
    pub metric: String,
    /// One dimension value, e.g. product_line:saas
    #[arg(long, value_name = "DIM:CODE")]
    pub dim: Option<String>,
}

#[derive(Args, Debug)]
pub struct ChartArgs {
    /// cumulative, achievement, heatmap or funnel
    #[arg(long, value_name = "KIND", value_parser = ChartKind::parse)]
    pub kind: ChartKind,
    /// The picture to write (.png or .svg)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Width in CSS pixels (default 960; the PNG is twice that)
    #[arg(long, value_name = "PX")]
    pub width: Option<u32>,
    /// Height in CSS pixels (default 540)
    #[arg(long, value_name = "PX")]
    pub height: Option<u32>,
    #[command(flatten)]
    pub query: QueryArgs,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// variance, dimension, ranking, indicators, stuck or transactions
    #[arg(long, value_name = "TABLE", value_parser = TableName::parse)]
    pub table: TableName,
    /// For --table dimension: product_line, customer_type or channel
    #[arg(long, value_name = "DIM", value_parser = Dim::parse)]
    pub by: Option<Dim>,
    /// The table to write (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[command(flatten)]
    pub query: QueryArgs,
}

/// How a file is read and mapped, shared by `import` and `import-preview`.
#[derive(Args, Debug)]
pub struct ImportFileArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// actuals, targets or org
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// A saved column mapping
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    /// Column mapping overrides: col=field,...
    #[arg(long, value_name = "COL=FIELD,...")]
    pub map: Option<String>,
    /// auto, utf-8, gbk, utf-16, big5, shift_jis or windows-1252
    #[arg(long, value_name = "ENC")]
    pub encoding: Option<String>,
    /// comma, tab or semicolon
    #[arg(long, value_name = "D")]
    pub delimiter: Option<String>,
    /// The sheet of a workbook
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The header row (1 = the first row)
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
    /// auto, point (1,234.5) or comma (1.234,5)
    #[arg(long, value_name = "F")]
    pub number_format: Option<String>,
    /// The metric imported (actuals)
    #[arg(long, value_name = "CODE")]
    pub metric: Option<String>,
    /// The file to import (CSV/TSV/TXT/XLSX/XLSM/XLS/ODS)
    pub path: PathBuf,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(flatten)]
    pub file: ImportFileArgs,
    /// Create unknown people (under the team their rows name) instead of skipping their rows
    #[arg(long)]
    pub create_unknown: bool,
    /// Save the mapping used under this name
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
}

#[derive(Args, Debug)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub file: ImportFileArgs,
    /// How many typed rows to show
    #[arg(long, value_name = "N")]
    pub rows: Option<usize>,
}

#[derive(Args, Debug)]
pub struct UndoArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The batch id (see import-batches)
    #[arg(long, value_name = "ID")]
    pub batch: i64,
}

#[derive(Args, Debug)]
pub struct CalendarArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The year, e.g. 2026
    #[arg(long, value_name = "Y")]
    pub year: i32,
    /// Also export the year's entries (.csv or .xlsx; re-importable)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CalendarSetArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The day, e.g. 2026-10-09
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    /// normal, holiday or workday
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// The day's name in Chinese
    #[arg(long, value_name = "N")]
    pub name_zh: Option<String>,
    /// The day's name in English
    #[arg(long, value_name = "N")]
    pub name_en: Option<String>,
}

#[derive(Args, Debug)]
pub struct CalendarResetArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The year to restore
    #[arg(long, value_name = "Y")]
    pub year: i32,
}

#[derive(Args, Debug)]
pub struct FileArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The file to import
    pub path: PathBuf,
}

#[derive(Args, Debug)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub at: NodePeriodArgs,
    /// Also write the scorecard table (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The unit reviewed, e.g. /华东
    #[arg(long, value_name = "PATH")]
    pub node: String,
    /// The period reviewed, e.g. 2026-Q2
    #[arg(long, value_name = "P")]
    pub period: String,
    /// Open the review when there is none
    #[arg(long)]
    pub create: bool,
    /// Also write the review table (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also draw the fishbone (.png or .svg)
    #[arg(long, value_name = "FILE")]
    pub fishbone: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct WeeklyArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The organisation node
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub node: String,
    /// The ISO week, e.g. 2026-W42
    #[arg(long, value_name = "W")]
    pub week: String,
    /// Also write the reports (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TasksArgs {
    /// How many tasks
    #[arg(long, value_name = "N")]
    pub tasks: Option<usize>,
}

#[derive(Args, Debug)]
pub struct SplitArgs {
    /// A smaller run, for a quick look
    #[arg(long)]
    pub quick: bool,
    /// Only the deep split (company year to every person and month) against its floor
    #[arg(long)]
    pub deep_only: bool,
}

#[derive(Args, Debug)]
pub struct QuickArgs {
    /// A smaller run, for a quick look
    #[arg(long)]
    pub quick: bool,
}
