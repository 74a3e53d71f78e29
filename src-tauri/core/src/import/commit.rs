//! Commit: one transaction, one `import_batch` row. The same file (same SHA-256) adds nothing;
//! rows already present (same fingerprint) are counted as duplicates; cancel or any error rolls
//! everything back.

use super::guard::{no_panic, Caps, Where};
use super::job::{self, Created, Job, Tally, Unknown};
use super::reconcile::Money;
use super::store;
use super::{pipeline, ImportKind, ImportOptions, Progress, Resolutions, RowError};
use crate::error::{Error, Result};
use crate::store::Workspace;
use rusqlite::{Connection, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// The new batch, or the batch that already holds this very file.
    pub batch: i64,
    pub already_imported: bool,
    pub kind: ImportKind,
    pub file_name: String,
    pub sha256: String,
    pub encoding: Option<String>,
    pub sheet: Option<String>,
    /// Data rows read (targets: non-empty person × period cells).
    pub rows: u64,
    pub inserted: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub error_rows: u64,
    pub errors: Vec<RowError>,
    /// Unknown values whose rows were skipped.
    pub unresolved: Vec<Unknown>,
    pub created: Vec<Created>,
    /// The money of the file, reconciled (actuals; zero for other kinds).
    pub money: Money,
    /// Wall time of each phase (open, rows, aggregates, commit), for the benchmark.
    #[serde(skip)]
    pub phases: Vec<(&'static str, std::time::Duration)>,
}

/// SHA-256 of the file, streamed, as lower-case hex.
pub fn sha256_file(path: &Path, caps: &Caps) -> Result<String> {
    let w = Where::file(path);
    let mut f = std::fs::File::open(path).map_err(|e| w.io(e))?;
    let len = f.metadata().map_err(|e| w.io(e))?.len();
    if len > caps.max_file_bytes {
        return Err(w.error(
            "import_file_too_large",
            format!("文件过大（{len} 字节，上限 {} 字节）", caps.max_file_bytes),
            format!(
                "the file is too large ({len} bytes; the limit is {} bytes)",
                caps.max_file_bytes
            ),
        ));
    }
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| w.io(e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// The metric a kind of import books to (none for the organisation).
pub fn batch_metric(conn: &Connection, opts: &ImportOptions) -> Result<Option<i64>> {
    if !opts.kind.importer().books_to_metric() {
        return Ok(None);
    }
    store::metric_by_code(conn, &opts.metric_code)
}

/// The batch (not undone) that already holds a file with this SHA-256, for this kind and metric:
/// the same file booked to another metric is a new import.
pub fn find_same_file(
    conn: &Connection,
    opts: &ImportOptions,
    sha256: &str,
) -> Result<Option<i64>> {
    let metric = batch_metric(conn, opts)?;
    store::batch_of_file(conn, sha256, opts.kind.as_str(), metric)
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::new("internal", e.to_string(), e.to_string())
}

/// Imports the file in one transaction as one batch. `progress` is called every few thousand
/// rows; setting `cancel` makes the import stop with `import_cancelled` and leaves the database
/// exactly as it was.
///
/// The file's SHA-256 is computed on another thread while the rows are read; as soon as it is
/// known (checked at every progress report, and at the latest before the commit) a batch that
/// already holds the same file makes the import stop, roll back and answer "already imported".
pub fn commit(
    ws: &mut Workspace,
    path: &Path,
    opts: &ImportOptions,
    resolutions: &Resolutions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<ImportSummary> {
    let summary = no_panic(&Where::file(path), || {
        let (sha_tx, sha_rx) = mpsc::channel();
        let caps = opts.caps;
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let _ = sha_tx.send(sha256_file(path, &caps));
            });
            commit_while_hashing(
                ws,
                path,
                opts,
                resolutions,
                progress,
                cancel,
                Hashing {
                    rx: sha_rx,
                    sha: None,
                },
            )
        })
    })?;
    if summary.inserted > 0 || !summary.created.is_empty() {
        ws.checkpoint_in_background();
    }
    Ok(summary)
}

/// The file's SHA-256, arriving from the hashing thread.
struct Hashing {
    rx: mpsc::Receiver<Result<String>>,
    sha: Option<Result<String>>,
}

impl Hashing {
    /// The hash if it has arrived.
    fn poll(&mut self) -> Option<&Result<String>> {
        if self.sha.is_none() {
            self.sha = self.rx.try_recv().ok();
        }
        self.sha.as_ref()
    }

    fn wait(mut self) -> Result<String> {
        match self.sha.take() {
            Some(r) => r,
            None => self
                .rx
                .recv()
                .map_err(|_| internal("the file could not be hashed"))?,
        }
    }
}

/// The summary of an import of a file some batch already holds.
fn already_imported(
    conn: &Connection,
    opts: &ImportOptions,
    sha256: &str,
) -> Result<Option<ImportSummary>> {
    Ok(
        same_file_batch(conn, opts, sha256)?.map(|(batch, rows, file_name)| ImportSummary {
            batch,
            already_imported: true,
            kind: opts.kind,
            file_name,
            sha256: sha256.to_string(),
            encoding: None,
            sheet: None,
            rows,
            inserted: 0,
            duplicates: rows,
            skipped: 0,
            error_rows: 0,
            errors: Vec::new(),
            unresolved: Vec::new(),
            created: Vec::new(),
            money: Money::default(),
            phases: Vec::new(),
        }),
    )
}

/// What the rows phase of a commit leaves for the rest.
struct Written {
    batch: i64,
    tally: Tally,
    delta: Option<crate::store::batches::AggregateDelta>,
    info: super::SourceInfo,
}

fn commit_while_hashing(
    ws: &mut Workspace,
    path: &Path,
    opts: &ImportOptions,
    resolutions: &Resolutions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    mut hashing: Hashing,
) -> Result<ImportSummary> {
    let mut clock = std::time::Instant::now();
    let mut phases = Vec::new();
    let mut lap = |name: &'static str| {
        phases.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let _bulk = crate::store::bulk::BulkMode::enter(ws.conn())?;
    let tx = rusqlite::Transaction::new_unchecked(ws.conn(), TransactionBehavior::Immediate)?;
    // Set by the user's cancel, a finished hash naming an imported file, or a failed hash.
    let stop = AtomicBool::new(false);
    let mut checked = false;
    let mut watch = |p: Progress| {
        progress(p);
        if cancel.load(Ordering::Relaxed) {
            stop.store(true, Ordering::Relaxed);
        }
        if !checked {
            match hashing.poll() {
                Some(Ok(sha)) => {
                    checked = true;
                    if !matches!(already_imported(&tx, opts, sha), Ok(None)) {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                Some(Err(_)) => stop.store(true, Ordering::Relaxed),
                None => {}
            }
        }
    };
    let written = write_rows(&tx, path, opts, resolutions, &mut watch, &stop, &mut lap);
    // The file's hash answers first, as if it had been checked before anything was read.
    let sha256 = hashing.wait()?;
    if let Some(summary) = already_imported(&tx, opts, &sha256)? {
        return Ok(summary);
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(super::cancelled_error(&Where::file(path).file));
    }
    let Written {
        batch,
        tally,
        delta,
        info,
    } = written?;
    store::set_batch_sha(&tx, batch, &sha256)?;
    match &delta {
        Some(delta) => crate::store::batches::apply_delta(&tx, delta)?,
        None => crate::store::batches::after_commit(&tx, batch)?,
    }
    lap("aggregates");
    tx.commit()?;
    lap("commit");
    Ok(ImportSummary {
        batch,
        already_imported: false,
        kind: opts.kind,
        file_name: info.file_name,
        sha256,
        encoding: info.encoding,
        sheet: info.sheet,
        rows: tally.rows,
        inserted: tally.inserted,
        duplicates: tally.duplicates,
        skipped: tally.skipped,
        error_rows: tally.error_rows,
        errors: tally.errors,
        unresolved: job::unknowns(tally.unresolved, &Default::default()),
        created: tally.created,
        money: tally.money,
        phases,
    })
}

/// Opens the file, writes the batch row and every data row (the batch's SHA-256 is filled in
/// once it is known).
fn write_rows(
    tx: &Connection,
    path: &Path,
    opts: &ImportOptions,
    resolutions: &Resolutions,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
    lap: &mut dyn FnMut(&'static str),
) -> Result<Written> {
    let mut opened = pipeline::open(tx, path, opts)?;
    opened.require_columns()?;
    lap("open");
    let mapping_json = serde_json::to_string(&opened.mapping).map_err(internal)?;
    let batch = store::insert_batch(
        tx,
        opts.kind.as_str(),
        opened.file(),
        &mapping_json,
        batch_metric(tx, opts)?,
    )?;
    let mut tally = Tally::default();
    let job = Job {
        conn: tx,
        opened: &mut opened,
        opts,
        resolutions,
        batch,
        progress,
        cancel,
        tally: &mut tally,
    };
    let delta = opts.kind.importer().commit(job)?;
    debug_assert_eq!(
        tally.rows,
        tally.inserted + tally.duplicates + tally.skipped + tally.error_rows
    );
    store::set_batch_counts(
        tx,
        batch,
        [
            tally.rows,
            tally.inserted,
            tally.duplicates,
            tally.skipped,
            tally.error_rows,
        ],
    )?;
    lap("rows");
    Ok(Written {
        batch,
        tally,
        delta,
        info: opened.source.info().clone(),
    })
}

fn same_file_batch(
    conn: &Connection,
    opts: &ImportOptions,
    sha256: &str,
) -> Result<Option<(i64, u64, String)>> {
    let Some(id) = find_same_file(conn, opts, sha256)? else {
        return Ok(None);
    };
    let (rows, name) = store::batch_rows_and_name(conn, id)?;
    Ok(Some((id, rows.max(0) as u64, name)))
}

/// Progress callback that ignores reports (for callers without a UI).
pub fn no_progress(_: Progress) {}
