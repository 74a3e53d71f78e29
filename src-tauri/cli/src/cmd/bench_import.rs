//! `bench import [--quick]`: a 1,000,000-row, 12-column actuals CSV (~75 MB) imported by us into
//! a fresh workspace and by the sqlite3 shell's `.import` into a plain table; then a 1,048,575-row
//! XLSX imported by us and merely iterated by calamine. Prints figures; the last line is JSON.

use super::args::QuickArgs;
use rusqlite::params;
use serde_json::{json, Value};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use targetline_core::error::Code;
use targetline_core::error::{Error, Result};
use targetline_core::import::{self, Action, ImportOptions, Resolutions};
use targetline_core::store::Workspace;

const REGIONS: [&str; 3] = ["华东", "华南", "华北"];
const REPS: [&str; 30] = [
    "张三", "李四", "王五", "赵六", "陈静", "刘洋", "杨帆", "黄磊", "周敏", "吴昊", "徐丽", "孙强",
    "马超", "朱婷", "胡军", "郭鹏", "何雪", "高峰", "林晨", "罗娟", "郑凯", "梁爽", "谢宁", "宋佳",
    "唐亮", "许诺", "韩梅", "冯涛", "邓琳", "曹阳",
];
const PRODUCTS: [&str; 4] = ["硬件", "软件", "服务", "培训"];
const CUSTOMER_TYPES: [&str; 3] = ["A类", "B类", "C类"];
const CHANNELS: [&str; 3] = ["直销", "渠道", "线上"];
const NOTES: [&str; 4] = ["", "", "加急", "续约"];
const CUSTOMERS: usize = 500;
const HEADER: [&str; 12] = [
    "日期",
    "销售员",
    "区域",
    "团队",
    "产品线",
    "客户",
    "客户类型",
    "数量",
    "金额",
    "订单号",
    "渠道",
    "备注",
];

fn bench_error(what: impl std::fmt::Display) -> Error {
    Error::new(
        Code::Bench,
        format!("基准测试失败：{what}"),
        format!("Benchmark failed: {what}"),
    )
}

/// Peak resident memory of this process so far (VmHWM), in MiB.
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// The fields of a /proc stat file after the command name, in seconds where they are clock ticks;
/// `at(n)` is field n (utime is 14, stime 15, cutime 16, cstime 17).
fn stat_seconds(path: &str) -> impl Fn(usize) -> f64 {
    let stat = std::fs::read_to_string(path).unwrap_or_default();
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .map(|f| f.parse().unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    // After the command name the state is field 3.
    move |n: usize| fields.get(n - 3).copied().unwrap_or(0.0) / 100.0
}

/// CPU seconds (user + system) of this process and of its waited-for children. The machine may
/// be shared: CPU time is the fairer comparison, wall time the one a user feels; both are printed.
pub fn cpu_seconds() -> (f64, f64) {
    let at = stat_seconds("/proc/self/stat");
    (at(14) + at(15), at(16) + at(17))
}

/// CPU seconds of the calling thread: the import's critical path is the thread that writes to
/// SQLite (the reading and typing run beside it).
pub fn thread_cpu_seconds() -> f64 {
    let at = stat_seconds("/proc/thread-self/stat");
    at(14) + at(15)
}

/// A small deterministic generator (xorshift), so every run imports the same data.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One generated row: (day of year 0..365, rep, product, customer, qty, amount fen, channel, note).
struct Row {
    day: u32,
    rep: usize,
    product: usize,
    customer: usize,
    qty: u32,
    fen: i64,
    channel: usize,
    note: usize,
}

fn row(g: &mut Gen, i: usize, rows: usize) -> Row {
    Row {
        day: (i * 365 / rows) as u32,
        rep: g.below(REPS.len()),
        product: g.below(PRODUCTS.len()),
        customer: g.below(CUSTOMERS),
        qty: 1 + g.below(20) as u32,
        fen: 1_000 + (g.next() % 5_000_000) as i64,
        channel: g.below(CHANNELS.len()),
        note: g.below(NOTES.len()),
    }
}

fn team_of(rep: usize) -> (usize, String) {
    let region = rep / 10;
    (
        region,
        format!("{}{}组", REGIONS[region], 1 + (rep % 10) / 5),
    )
}

fn date_of(day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + chrono::Duration::days(day as i64)
}

/// Writes the CSV and returns (bytes, sum of amounts in fen).
fn write_csv(path: &Path, rows: usize) -> Result<(u64, i64)> {
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    writeln!(w, "{}", HEADER.join(","))?;
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let mut sum = 0i64;
    for i in 0..rows {
        let r = row(&mut g, i, rows);
        let (region, team) = team_of(r.rep);
        sum += r.fen;
        writeln!(
            w,
            "{},{},{},{},{},客户{:03},{},{},{}.{:02},SO{:07},{},{}",
            date_of(r.day),
            REPS[r.rep],
            REGIONS[region],
            team,
            PRODUCTS[r.product],
            r.customer,
            CUSTOMER_TYPES[r.customer % 3],
            r.qty,
            r.fen / 100,
            r.fen % 100,
            i + 1,
            CHANNELS[r.channel],
            NOTES[r.note]
        )?;
    }
    w.flush()?;
    Ok((std::fs::metadata(path)?.len(), sum))
}

/// Writes the XLSX in constant-memory mode and returns the sum of amounts in fen.
fn write_xlsx(path: &Path, rows: usize) -> Result<i64> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let ws = wb
        .add_worksheet_with_constant_memory()
        .map_err(bench_error)?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).map_err(bench_error)?;
    }
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    let mut sum = 0i64;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("date");
    for i in 0..rows {
        let r = row(&mut g, i, rows);
        let (region, team) = team_of(r.rep);
        sum += r.fen;
        let x = i as u32 + 1;
        let serial = (date_of(r.day) - epoch).num_days() as f64;
        let e = |e: rust_xlsxwriter::XlsxError| bench_error(e);
        ws.write_number_with_format(x, 0, serial, &date_format)
            .map_err(e)?;
        ws.write_string(x, 1, REPS[r.rep]).map_err(e)?;
        ws.write_string(x, 2, REGIONS[region]).map_err(e)?;
        ws.write_string(x, 3, &team).map_err(e)?;
        ws.write_string(x, 4, PRODUCTS[r.product]).map_err(e)?;
        ws.write_string(x, 5, format!("客户{:03}", r.customer))
            .map_err(e)?;
        ws.write_string(x, 6, CUSTOMER_TYPES[r.customer % 3])
            .map_err(e)?;
        ws.write_number(x, 7, r.qty as f64).map_err(e)?;
        ws.write_number(x, 8, r.fen as f64 / 100.0).map_err(e)?;
        ws.write_string(x, 9, format!("SO{:07}", i + 1))
            .map_err(e)?;
        ws.write_string(x, 10, CHANNELS[r.channel]).map_err(e)?;
        if !NOTES[r.note].is_empty() {
            ws.write_string(x, 11, NOTES[r.note]).map_err(e)?;
        }
    }
    wb.save(path).map_err(bench_error)?;
    Ok(sum)
}

/// A fresh workspace with the revenue metric, the synthetic org, dimensions and customers.
fn fresh_workspace(path: &Path) -> Result<Workspace> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut ws = Workspace::open(path)?;
    let tx = ws.conn_mut().transaction()?;
    tx.execute(
        "INSERT INTO metric(code, name_zh, name_en, unit, direction, kind, horizon, aggregation)
         VALUES ('revenue', '销售额', 'Revenue', 'currency', 'higher', 'lagging', 'short', 'sum')",
        [],
    )?;
    tx.execute("INSERT INTO org_unit(parent_id, kind, name, headcount) VALUES (NULL, 'company', '基准公司', 30)", [])?;
    let company = tx.last_insert_rowid();
    let mut teams = std::collections::HashMap::new();
    for (ri, region) in REGIONS.iter().enumerate() {
        tx.execute(
            "INSERT INTO org_unit(parent_id, kind, name, headcount) VALUES (?1, 'region', ?2, 10)",
            params![company, region],
        )?;
        let rid = tx.last_insert_rowid();
        for t in 1..=2 {
            let name = format!("{region}{t}组");
            tx.execute(
                "INSERT INTO org_unit(parent_id, kind, name, headcount) VALUES (?1, 'team', ?2, 5)",
                params![rid, name],
            )?;
            teams.insert((ri, t), tx.last_insert_rowid());
        }
    }
    for (i, rep) in REPS.iter().enumerate() {
        let team = teams[&(i / 10, 1 + (i % 10) / 5)];
        tx.execute(
            "INSERT INTO org_unit(parent_id, kind, name) VALUES (?1, 'person', ?2)",
            params![team, rep],
        )?;
    }
    for (dim, names) in [
        ("product_line", &PRODUCTS[..]),
        ("customer_type", &CUSTOMER_TYPES[..]),
        ("channel", &CHANNELS[..]),
    ] {
        for n in names {
            tx.execute(
                "INSERT INTO dimension_member(dim, code, name_zh, name_en) VALUES (?1, ?2, ?2, ?2)",
                params![dim, n],
            )?;
        }
    }
    for c in 0..CUSTOMERS {
        tx.execute(
            "INSERT INTO customer(name) VALUES (?1)",
            [format!("客户{c:03}")],
        )?;
    }
    tx.commit()?;
    Ok(ws)
}

fn our_import(ws: &mut Workspace, file: &Path) -> Result<(import::ImportSummary, f64)> {
    let start = Instant::now();
    let s = import::commit(
        ws,
        file,
        &ImportOptions::default(),
        &Resolutions {
            items: Vec::new(),
            otherwise: Some(Action::Skip),
        },
        &mut import::no_progress,
        &AtomicBool::new(false),
    )?;
    Ok((s, start.elapsed().as_secs_f64()))
}

/// "open 0.01 s, rows 1.20 s, …".
fn phases(s: &import::ImportSummary) -> String {
    s.phases
        .iter()
        .map(|(name, d)| format!("{name} {:.2} s", d.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn sum_fen(ws: &Workspace) -> Result<i64> {
    Ok(ws
        .conn()
        .query_row("SELECT IFNULL(SUM(amount), 0) FROM actual", [], |r| {
            r.get(0)
        })?)
}

fn sqlite3_shell() -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("sqlite3"))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .find(|p| p.is_file())
}

/// Seconds the sqlite3 shell takes to `.import` the CSV into a plain table (created from the header).
fn sqlite3_import(shell: &Path, csv: &Path, db: &Path) -> Result<f64> {
    let _ = std::fs::remove_file(db);
    let start = Instant::now();
    let mut child = std::process::Command::new(shell)
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, ".mode csv\n.import '{}' t", csv.display())?;
    }
    let status = child.wait()?;
    let secs = start.elapsed().as_secs_f64();
    if !status.success() {
        return Err(bench_error(format!("sqlite3 exited with {status}")));
    }
    Ok(secs)
}

/// Bare calamine: open the workbook and visit every cell of the first sheet.
fn calamine_iterate(path: &Path) -> Result<(u64, f64)> {
    use calamine::Reader;
    let start = Instant::now();
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).map_err(bench_error)?;
    let name = wb.sheet_names().first().cloned().unwrap_or_default();
    let mut cells = wb.worksheet_cells_reader(&name).map_err(bench_error)?;
    let mut n = 0u64;
    while let Some(c) = cells.next_cell().map_err(bench_error)? {
        if !matches!(c.get_value(), calamine::DataRef::Empty) {
            n += 1;
        }
    }
    Ok((n, start.elapsed().as_secs_f64()))
}

pub fn bench_import(args: &QuickArgs, out: &mut dyn Write) -> Result<Value> {
    let quick = args.quick;
    let rows = if quick { 100_000 } else { 1_000_000 };
    let xlsx_rows = if quick { 50_000 } else { 1_048_575 };
    let dir = std::env::temp_dir().join(format!("targetline-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir, rows, xlsx_rows, out);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(dir: &Path, rows: usize, xlsx_rows: usize, out: &mut dyn Write) -> Result<Value> {
    let csv = dir.join("actuals.csv");
    let t = Instant::now();
    let (bytes, expected_sum) = write_csv(&csv, rows)?;
    writeln!(
        out,
        "generated {rows} rows, {:.1} MB CSV in {:.2} s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    )?;

    let mut ws = fresh_workspace(&dir.join("bench.targetline"))?;
    let cpu0 = cpu_seconds().0;
    let main0 = thread_cpu_seconds();
    let (s, secs) = our_import(&mut ws, &csv)?;
    let main_cpu = thread_cpu_seconds() - main0;
    let our_cpu = cpu_seconds().0 - cpu0;
    let peak = peak_rss_mb();
    let ours = s.inserted as f64 / secs;
    let ours_cpu = s.inserted as f64 / our_cpu.max(0.01);
    writeln!(
        out,
        "ours:    {} rows inserted ({} duplicates, {} skipped, {} errors) in {secs:.2} s = {ours:.0} rows/s (CPU {our_cpu:.2} s = {ours_cpu:.0} rows/s), peak RSS {peak:.0} MB",
        s.inserted, s.duplicates, s.skipped, s.error_rows
    )?;
    writeln!(
        out,
        "ours:    phases {}; CPU of the writing thread {main_cpu:.2} s",
        phases(&s)
    )?;
    let t = Instant::now();
    ws.wait_for_checkpoint()?;
    let after = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "ours:    then, on a connection of its own and off the user's path, the look-up indexes set aside are built again and the write-ahead log is copied into the file: {after:.2} s (waited for here, before anything else is timed)",
    )?;
    if s.inserted != rows as u64 || sum_fen(&ws)? != expected_sum {
        return Err(bench_error(
            "the imported rows or their sum differ from the generated file",
        ));
    }
    let t = Instant::now();
    let again = our_import(&mut ws, &csv)?.0;
    writeln!(
        out,
        "ours:    the same file again: {} inserted, already imported = {} ({:.2} s)",
        again.inserted,
        again.already_imported,
        t.elapsed().as_secs_f64()
    )?;
    drop(ws);

    let sqlite = match sqlite3_shell() {
        Some(shell) => {
            let child0 = cpu_seconds().1;
            let secs = sqlite3_import(&shell, &csv, &dir.join("plain.db"))?;
            let cpu = cpu_seconds().1 - child0;
            let r = rows as f64 / secs;
            let r_cpu = rows as f64 / cpu.max(0.01);
            writeln!(out, "sqlite3: .import of the same file into a plain table in {secs:.2} s = {r:.0} rows/s (CPU {cpu:.2} s = {r_cpu:.0} rows/s)")?;
            Some((r, r_cpu))
        }
        None => {
            writeln!(out, "sqlite3: shell not found on PATH; comparison skipped")?;
            None
        }
    };
    let ratio = sqlite.map(|(b, _)| ours / b);
    let cpu_ratio = sqlite.map(|(_, b)| ours_cpu / b);
    if let (Some(r), Some(c)) = (ratio, cpu_ratio) {
        writeln!(out, "ratio ours/sqlite3 = {r:.2} (wall), {c:.2} (CPU)")?;
    }
    let _ = std::fs::remove_file(&csv);

    let xlsx = dir.join("actuals.xlsx");
    let t = Instant::now();
    let xsum = write_xlsx(&xlsx, xlsx_rows)?;
    writeln!(
        out,
        "generated {xlsx_rows}-row XLSX ({:.1} MB) in {:.2} s",
        std::fs::metadata(&xlsx)?.len() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    )?;
    let cpu0 = cpu_seconds().0;
    let (cells, bare) = calamine_iterate(&xlsx)?;
    let bare_cpu = cpu_seconds().0 - cpu0;
    writeln!(
        out,
        "calamine: iterated {cells} cells in {bare:.2} s (CPU {bare_cpu:.2} s)"
    )?;
    let mut ws = fresh_workspace(&dir.join("bench-xlsx.targetline"))?;
    let cpu0 = cpu_seconds().0;
    let (xs, xsecs) = our_import(&mut ws, &xlsx)?;
    let xcpu = cpu_seconds().0 - cpu0;
    ws.wait_for_checkpoint()?;
    if xs.inserted != xlsx_rows as u64 || sum_fen(&ws)? != xsum {
        return Err(bench_error(
            "the imported XLSX rows or their sum differ from the generated file",
        ));
    }
    writeln!(out, "ours:    XLSX phases {}", phases(&xs))?;
    let xratio = xsecs / bare;
    let xcpu_ratio = xcpu / bare_cpu.max(0.01);
    writeln!(
        out,
        "ours:    XLSX {} rows in {xsecs:.2} s (CPU {xcpu:.2} s) = {:.0} rows/s; ours/calamine = {xratio:.2} (wall), {xcpu_ratio:.2} (CPU); peak RSS now {:.0} MB",
        xs.inserted,
        xs.inserted as f64 / xsecs,
        peak_rss_mb()
    )?;
    Ok(json!({
        "bench": "import",
        "rows": rows,
        "oursRowsPerSecond": ours.round(),
        "sqlite3RowsPerSecond": sqlite.map(|(b, _)| b.round()),
        "ratio": ratio.map(|r| (r * 100.0).round() / 100.0),
        "peakRssMb": peak.round(),
        "afterCommitSeconds": (after * 100.0).round() / 100.0,
        "xlsxRatio": (xratio * 100.0).round() / 100.0,
        "oursCpuRowsPerSecond": ours_cpu.round(),
        "sqlite3CpuRowsPerSecond": sqlite.map(|(_, b)| b.round()),
        "cpuRatio": cpu_ratio.map(|r| (r * 100.0).round() / 100.0),
        "xlsxCpuRatio": (xcpu_ratio * 100.0).round() / 100.0,
    }))
}
