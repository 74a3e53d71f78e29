//! Hostile workbooks fail fast: each file below is built here (a few megabytes at most, though
//! some claim gigabytes), imported by the real `targetline-cli` as a child process, and must be
//! refused with a clear {code, message} while the child's peak RSS (VmHWM) stays under
//! 300 MB. No panic: the error is never `import_internal`.
#![cfg(target_os = "linux")]

use flate2::{Compress, Compression, Crc, FlushCompress};
use std::path::Path;
use std::process::{Command, Stdio};

const PEAK_LIMIT_KB: i64 = 300 * 1024;

/// One zip entry: its name, method (0 stored, 8 deflate), bytes as stored, CRC and the
/// uncompressed size its headers declare (which may be a lie).
struct Entry {
    name: String,
    method: u16,
    data: Vec<u8>,
    crc: u32,
    declared: u32,
}

fn crc_of(bytes: &[u8]) -> u32 {
    let mut c = Crc::new();
    c.update(bytes);
    c.sum()
}

fn stored(name: &str, bytes: &[u8]) -> Entry {
    Entry {
        name: name.into(),
        method: 0,
        data: bytes.to_vec(),
        crc: crc_of(bytes),
        declared: bytes.len() as u32,
    }
}

/// A raw deflate stream that inflates to each part's bytes repeated its count of times: each
/// part is compressed once into byte-aligned non-final blocks, which decode the same however
/// often they are repeated, so gigabytes cost a few hundred kilobytes to build.
fn repeated_deflate(parts: &[(&[u8], u64)]) -> (Vec<u8>, u64) {
    let mut out = Vec::new();
    let mut inflated = 0u64;
    for (bytes, times) in parts {
        let mut c = Compress::new(Compression::best(), false);
        let mut block = Vec::with_capacity(bytes.len() + 1024);
        c.compress_vec(bytes, &mut block, FlushCompress::Sync)
            .unwrap();
        assert_eq!(c.total_in() as usize, bytes.len());
        for _ in 0..*times {
            out.extend_from_slice(&block);
        }
        inflated += bytes.len() as u64 * times;
    }
    // The final block: stored and empty.
    out.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
    (out, inflated)
}

/// A deflated entry that declares `declared` bytes whatever it really inflates to.
fn bomb(name: &str, parts: &[(&[u8], u64)], declared: Option<u32>) -> Entry {
    let (data, inflated) = repeated_deflate(parts);
    Entry {
        name: name.into(),
        method: 8,
        data,
        crc: 0,
        declared: declared.unwrap_or(u32::try_from(inflated).unwrap_or(u32::MAX)),
    }
}

fn write_zip(path: &Path, entries: &[Entry]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&e.declared.to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// The parts of an XLSX around its first worksheet (and shared strings, when given).
fn xlsx(path: &Path, sheet: Entry, shared: Option<Entry>) {
    let mut entries = vec![
        stored("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#),
        stored("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
        stored("xl/workbook.xml", br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        stored("xl/_rels/workbook.xml.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#),
    ];
    entries.extend(shared);
    entries.push(sheet);
    write_zip(path, &entries);
}

const SHEET_HEAD: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &[u8] = b"</sheetData></worksheet>";

fn small_sheet() -> Entry {
    let mut s = SHEET_HEAD.to_vec();
    s.extend_from_slice(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#);
    s.extend_from_slice(SHEET_TAIL);
    stored("xl/worksheets/sheet1.xml", &s)
}

fn ods(path: &Path, table: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    write_zip(
        path,
        &[
            stored("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            stored("META-INF/manifest.xml", br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#),
            stored("content.xml", content.as_bytes()),
        ],
    );
}

/// One BIFF8 record: type, length, data.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend_from_slice(&typ.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

fn bof(kind: u16) -> Vec<u8> {
    let mut b = vec![0u8; 16];
    b[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
    b[2..4].copy_from_slice(&kind.to_le_bytes());
    b
}

fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(&row.to_le_bytes());
    b.extend_from_slice(&col.to_le_bytes());
    b.extend_from_slice(&0u16.to_le_bytes());
    b.extend_from_slice(&v.to_le_bytes());
    b
}

/// A tiny XLS (a compound file holding a BIFF8 Workbook stream) of one sheet whose DIMENSIONS
/// declare `dims` (rows, columns) and whose cells are `cells`.
fn xls(path: &Path, dims: (u32, u16), cells: &[(u16, u16)]) {
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    let mut d = Vec::new();
    d.extend_from_slice(&0u32.to_le_bytes());
    d.extend_from_slice(&dims.0.to_le_bytes());
    d.extend_from_slice(&0u16.to_le_bytes());
    d.extend_from_slice(&dims.1.to_le_bytes());
    d.extend_from_slice(&0u16.to_le_bytes());
    record(&mut sheet, 0x0200, &d);
    for (r, c) in cells {
        record(&mut sheet, 0x0203, &number(*r, *c, 1.0));
    }
    record(&mut sheet, 0x000A, &[]);
    // Globals: BOF, one BOUNDSHEET (its position filled in below), EOF.
    let name = b"Sheet1";
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    let mut bs = vec![0u8; 4];
    bs.extend_from_slice(&[0, 0, name.len() as u8, 0]);
    bs.extend_from_slice(name);
    record(&mut globals, 0x0085, &bs);
    record(&mut globals, 0x000A, &[]);
    let at = globals.len() as u32;
    // The BOUNDSHEET's data (its first field, the sheet's position) follows BOF (4 + 16 bytes)
    // and its own 4-byte header.
    globals[24..28].copy_from_slice(&at.to_le_bytes());
    globals.extend_from_slice(&sheet);
    let mut file = cfb::create(path).unwrap();
    let mut stream = file.create_stream("/Workbook").unwrap();
    std::io::Write::write_all(&mut stream, &globals).unwrap();
    drop(stream);
    file.flush().unwrap();
}

/// Imports `file` with the CLI; returns (exit status, stdout, stderr, peak RSS in KiB).
fn import(db: &Path, file: &Path) -> (i32, String, String, i64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_targetline-cli"))
        .args(["import", "--db"])
        .arg(db)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut s).unwrap();
        s
    });
    // The child's own high-water mark (VmHWM starts afresh at exec; wait4's ru_maxrss would
    // also count the test process's memory, which the child shared until exec), polled until the
    // child has exited (a zombie shows no VmHWM); it is reaped only after, so its pid cannot be
    // reused meanwhile.
    let status_file = format!("/proc/{pid}/status");
    let mut peak_kb = 0i64;
    while let Some(hwm) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
    }) {
        peak_kb = peak_kb.max(hwm);
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (code, out.join().unwrap(), err.join().unwrap(), peak_kb)
}

#[test]
fn hostile_workbooks_are_refused_fast_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("HOSTILE_KEEP").map(std::path::PathBuf::from);
    let d = keep.as_deref().unwrap_or(dir.path());
    let cell = br#"<c><v>1</v></c>"#;
    let same_cell = br#"<c r="A1"><v>1</v></c>"#;
    let mut cases: Vec<(&str, &str)> = Vec::new();

    // A worksheet that declares 64 KiB and inflates to 1 GiB.
    xlsx(
        &d.join("lying_sheet.xlsx"),
        bomb(
            "xl/worksheets/sheet1.xml",
            &[
                (SHEET_HEAD, 1),
                (&br#"<row r="1">"#[..], 1),
                (&same_cell.repeat(50_000), 1_500),
            ],
            Some(64 << 10),
        ),
        None,
    );
    cases.push(("lying_sheet.xlsx", "import_zip_bomb"));

    // Shared strings that declare 1 MiB and inflate to 2 GiB.
    let si = br#"<si><t>x</t></si>"#.repeat(60_000);
    xlsx(
        &d.join("lying_strings.xlsx"),
        small_sheet(),
        Some(bomb(
            "xl/sharedStrings.xml",
            &[
                (
                    &br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
                        [..],
                    1,
                ),
                (&si, 2_000),
            ],
            Some(1 << 20),
        )),
    );
    cases.push(("lying_strings.xlsx", "import_zip_bomb"));

    // Shared strings honestly declaring 2 GiB (a ~2 MB file).
    xlsx(
        &d.join("huge_strings.xlsx"),
        small_sheet(),
        Some(bomb(
            "xl/sharedStrings.xml",
            &[
                (
                    &br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
                        [..],
                    1,
                ),
                (&si, 2_000),
            ],
            None,
        )),
    );
    cases.push(("huge_strings.xlsx", "import_zip_bomb"));

    // One row of a million cells (stored, honest sizes).
    let mut wide = SHEET_HEAD.to_vec();
    wide.extend_from_slice(br#"<row r="1">"#);
    wide.extend_from_slice(&cell.repeat(1_000_000));
    wide.extend_from_slice(b"</row>");
    wide.extend_from_slice(SHEET_TAIL);
    xlsx(
        &d.join("million_columns.xlsx"),
        stored("xl/worksheets/sheet1.xml", &wide),
        None,
    );
    cases.push(("million_columns.xlsx", "import_too_many_columns"));

    // The same cell position 200,000 times in one row.
    let mut same = SHEET_HEAD.to_vec();
    same.extend_from_slice(br#"<row r="1">"#);
    same.extend_from_slice(&same_cell.repeat(200_000));
    same.extend_from_slice(b"</row>");
    same.extend_from_slice(SHEET_TAIL);
    xlsx(
        &d.join("same_cell.xlsx"),
        stored("xl/worksheets/sheet1.xml", &same),
        None,
    );
    cases.push(("same_cell.xlsx", "import_too_many_columns"));

    // One cell whose text is 8 MiB.
    let mut long = SHEET_HEAD.to_vec();
    long.extend_from_slice(br#"<row r="1"><c r="A1" t="inlineStr"><is><t>"#);
    long.extend_from_slice(&b"x".repeat(8 << 20));
    long.extend_from_slice(b"</t></is></c></row>");
    long.extend_from_slice(SHEET_TAIL);
    xlsx(
        &d.join("long_cell.xlsx"),
        stored("xl/worksheets/sheet1.xml", &long),
        None,
    );
    cases.push(("long_cell.xlsx", "import_cell_too_long"));

    // ODS: a million rows of a thousand repeated cells, and a row of 16,384 repeated cells.
    ods(
        &d.join("repeated_rows.ods"),
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#,
    );
    cases.push(("repeated_rows.ods", "import_too_many_cells"));
    ods(
        &d.join("repeated_columns.ods"),
        r#"<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    cases.push(("repeated_columns.ods", "import_too_many_columns"));

    // XLS: a sheet whose DIMENSIONS declare every row and column, and one whose two cells sit in
    // opposite corners (calamine builds both whole: ~0.5 GB each without the guard).
    xls(&d.join("declared_everything.xls"), (65_536, 256), &[(0, 0)]);
    cases.push(("declared_everything.xls", "import_too_many_cells"));
    xls(&d.join("far_corner.xls"), (1, 1), &[(0, 0), (65_535, 255)]);
    cases.push(("far_corner.xls", "import_too_many_cells"));

    let mut report = Vec::new();
    for (name, want) in cases {
        let db = d.join(format!("{name}.targetline"));
        drop(targetline_core::store::Workspace::open(&db).unwrap());
        let started = std::time::Instant::now();
        let (code, out, err, peak_kb) = import(&db, &d.join(name));
        let secs = started.elapsed().as_secs_f64();
        let e: serde_json::Value = serde_json::from_str(err.trim())
            .unwrap_or_else(|_| panic!("{name}: not a JSON error: {err} (stdout {out})"));
        assert_eq!(code, 1, "{name}: {err}");
        assert_eq!(e["code"], want, "{name}: {err}");
        assert!(!e["message"].as_str().unwrap_or("").is_empty(), "{name}");
        assert!(
            peak_kb < PEAK_LIMIT_KB,
            "{name}: peak RSS {peak_kb} KiB, over {PEAK_LIMIT_KB} KiB"
        );
        report.push(serde_json::json!({"file": name, "code": want, "peakRssKiB": peak_kb, "seconds": (secs * 100.0).round() / 100.0}));
    }
    println!("{}", serde_json::Value::Array(report));
}
