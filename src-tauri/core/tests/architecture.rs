//! The core's layers, checked from its own `crate::…` paths (test code left out):
//!
//! ```text
//! app       demo
//! features  targets, plan, review, evaluation, customers, dashboard, deck, import, calendar::workspace,
//!           org, setup
//! engines   chart, export, variance, split, calendar
//! store     store, settings
//! units     error, money, number, units, the crate root's helpers
//! ```
//!
//! A module may use its own layer and the ones below, never one above, and modules never use each
//! other in a loop. Nor do files: two files of one module never use each other, directly or
//! around a circle (see `files.rs` for how a file's uses are read). `KNOWN_DEBTS` and
//! `KNOWN_FILE_LOOPS` list what still breaks the rules today (issue #14); the tests fail on
//! anything new, and also on a debt that was paid but is still listed, so the lists only shrink.

#[path = "architecture/files.rs"]
mod files;
mod source;
#[path = "architecture/sql.rs"]
mod sql;

use source::{files_under, production};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LAYERS: &[(&str, &[&str])] = &[
    // The crate root's own helpers and re-exports count with the module they come from.
    (
        "units",
        &[
            "error",
            "money",
            "number",
            "units",
            "ratio_bp",
            "today",
            "now_stamp",
            "STAMP_FORMAT",
            "Error",
            "ErrorDto",
            "Lang",
            "Result",
        ],
    ),
    ("store", &["store", "settings", "Workspace"]),
    (
        "engines",
        &[
            "calendar",
            "split",
            "variance",
            "export",
            "chart",
            "selection",
        ],
    ),
    (
        "features",
        &[
            "import",
            "calendar::workspace",
            "targets",
            "plan",
            "evaluation",
            "customers",
            "review",
            "dashboard",
            "deck",
            "org",
            "setup",
        ],
    ),
    ("app", &["bootstrap", "demo"]),
];

/// Arrows that break the layers or close a loop today, each to be removed when it is mended.
const KNOWN_DEBTS: &[(&str, &str)] = &[];

/// Files that use each other in a circle today, each group to go when its circle is opened. A
/// loop found among some of a group's files is tolerated; one reaching outside it is new.
const KNOWN_FILE_LOOPS: &[&[&str]] = &[];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, mods)| mods.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` has no layer: add it to LAYERS"))
}

/// The module a source file belongs to: its first path component, except the workspace
/// calendar, which is a feature inside the calendar engine's folder.
fn module_of(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .collect();
    match parts.as_slice() {
        [only] if only == "lib" => "units".to_string(),
        [first, second, ..] if first == "calendar" && second == "workspace" => {
            "calendar::workspace".to_string()
        }
        [first, ..] => first.clone(),
        [] => unreachable!(),
    }
}

fn is_test_file(rel: &Path) -> bool {
    let name = rel.file_name().unwrap().to_string_lossy();
    name == "tests.rs"
        || name.ends_with("_tests.rs")
        || rel.components().any(|c| c.as_os_str() == "tests")
}

/// The modules a text names through `crate::`, including `use crate::{a::x, b}` groups.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if matches!(before, Some(c) if c.is_alphanumeric() || c == '_') {
            continue; // e.g. `targetline_core::`, not ours
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group, skipping nested braces.
            let mut depth = 0;
            let mut name = String::new();
            let mut at_start = true;
            for ch in group.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        at_start = true;
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && at_start {
                    if ch.is_alphanumeric() || ch == '_' {
                        name.push(ch);
                    } else if !name.is_empty() {
                        out.insert(std::mem::take(&mut name));
                        at_start = false;
                    }
                }
            }
            if !name.is_empty() {
                out.insert(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name == "calendar" && rest["calendar".len()..].starts_with("::workspace") {
                out.insert("calendar::workspace".to_string());
            } else if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Module → the other modules its production code names.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    files_under(&src, "rs", &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        if is_test_file(rel) {
            continue;
        }
        let from = module_of(rel);
        let text = std::fs::read_to_string(&file).unwrap();
        let targets = graph.entry(from.clone()).or_default();
        for to in crate_paths(production(&text)) {
            if to != from {
                targets.insert(to);
            }
        }
    }
    graph
}

/// Every loop of modules (strongly connected components of more than one module).
fn loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.to_string()];
        while let Some(m) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut found: Vec<BTreeSet<String>> = Vec::new();
    for (m, r) in &reaches {
        let component: BTreeSet<String> = r
            .iter()
            .filter(|o| *o != *m && reaches.get(o).is_some_and(|back| back.contains(*m)))
            .cloned()
            .chain(std::iter::once((*m).clone()))
            .collect();
        if component.len() > 1 && !found.contains(&component) {
            found.push(component);
        }
    }
    found
}

#[test]
fn no_module_uses_a_layer_above_it_or_closes_a_loop() {
    let graph = module_graph();
    assert!(graph.len() > 10, "the core's modules were not found");
    let debts: BTreeSet<(String, String)> = KNOWN_DEBTS
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();

    let mut breaks = BTreeSet::new();
    for (from, targets) in &graph {
        for to in targets {
            if layer_of(to) > layer_of(from) {
                breaks.insert((from.clone(), to.clone()));
            }
        }
    }
    // A loop is broken by its arrows that go up; a loop inside one layer is reported whole.
    let mut loop_errors = Vec::new();
    for component in loops(&graph) {
        let upward_in_loop = breaks
            .iter()
            .any(|(a, b)| component.contains(a) && component.contains(b));
        if !upward_in_loop {
            loop_errors.push(component);
        }
    }

    let new: Vec<_> = breaks.difference(&debts).collect();
    let paid: Vec<_> = debts.difference(&breaks).collect();
    assert!(
        new.is_empty() && loop_errors.is_empty(),
        "layering broken: {new:?} go up a layer (see LAYERS); modules in a loop: {loop_errors:?}"
    );
    assert!(
        paid.is_empty(),
        "these debts are paid: remove them from KNOWN_DEBTS: {paid:?}"
    );
}

#[test]
fn no_two_files_use_each_other_in_a_loop() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = files::Files::read(&src, is_test_file).graph();
    assert!(graph.len() > 100, "the core's files were not found");
    let known: Vec<BTreeSet<String>> = KNOWN_FILE_LOOPS
        .iter()
        .map(|group| group.iter().map(|f| f.to_string()).collect())
        .collect();
    let found = loops(&graph);
    let new: Vec<_> = found
        .iter()
        .filter(|circle| !known.iter().any(|group| circle.is_subset(group)))
        .collect();
    let paid: Vec<_> = known
        .iter()
        .filter(|group| !found.iter().any(|circle| circle.is_subset(group)))
        .collect();
    assert!(
        new.is_empty(),
        "files that use each other in a loop: {new:?} (move what they share to a file both use)"
    );
    assert!(
        paid.is_empty(),
        "these loops are opened: remove them from KNOWN_FILE_LOOPS: {paid:?}"
    );
}

#[test]
fn the_checker_sees_grouped_and_nested_paths() {
    let text = "use crate::{error::Result, store::{Workspace, batches}, units};\n\
                let x = crate::variance::as_of(ws);\n\
                use targetline_core::store::Workspace;\n\
                crate::calendar::workspace::days(ws);";
    let found: Vec<String> = crate_paths(text).into_iter().collect();
    assert_eq!(
        found,
        ["calendar::workspace", "error", "store", "units", "variance"]
    );
    assert_eq!(
        module_of(Path::new("calendar/workspace/import.rs")),
        "calendar::workspace"
    );
    assert_eq!(module_of(Path::new("calendar/periods.rs")), "calendar");
    assert_eq!(module_of(Path::new("lib.rs")), "units");
    assert_eq!(
        production("a\n#[cfg(test)]\nmod tests { crate::demo }"),
        "a\n"
    );
    // A test module in its own file does not end the production code after it.
    let declared = "#[cfg(test)]\nmod tests;\nfn f() { crate::demo }\n";
    assert_eq!(production(declared), declared);
}
