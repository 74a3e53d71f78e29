//! Legends toggle their series in the real window: a click on "累计实际" hides the actual line
//! (Rust draws the chart again without it, the entry greyed and marked not pressed), Enter on the
//! focused entry shows it again; in English the achievement chart's "100% achieved" line the same
//! way, with Space. A chart exported while a series is hidden leaves it out, as shown.

use super::webdriver::{keys, Session};
use super::{env, switch_lang};
use serde_json::json;

/// Whether the chart `kind` as shown (its SVG) has a mark stroked in `hex`.
fn drawn_in(s: &Session, kind: &str, hex: &str) -> bool {
    s.script(
        "const img = document.querySelector(`figure[data-chart='${arguments[0]}'] .chart-stage img`);
         const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
         return svg.includes(`stroke=\"${arguments[1]}\"`);",
        json!([kind, hex]),
    ) == json!(true)
}

fn entry(kind: &str, bit: u32) -> String {
    format!("figure[data-chart='{kind}'] .hit[data-series='{bit}']")
}

/// Waits until the entry says it is shown (`true`) or hidden, and the chart agrees.
fn wait_series(s: &Session, kind: &str, bit: u32, hex: &str, shown: bool) {
    let css = entry(kind, bit);
    s.wait_until(
        &format!("{css} pressed {shown}"),
        &format!(
            "return document.querySelector(\"{css}\")?.getAttribute('aria-pressed') === '{shown}'"
        ),
    );
    assert_eq!(drawn_in(s, kind, hex), shown, "{kind} in {hex}");
}

/// Clicks a legend entry with the pointer once its chart is laid out, brought into view first
/// as the wheel would.
fn click_entry(s: &Session, css: &str) {
    s.wait_until(
        &format!("{css} laid out"),
        &format!(
            "return (document.querySelector(\"{css}\")?.getBoundingClientRect().width ?? 0) > 0"
        ),
    );
    s.script(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        json!([css]),
    );
    s.pointer_click(css, 0, 0);
}

/// Puts the keyboard focus on a legend entry (where Tab would bring it) and presses `key`.
fn press_on(s: &Session, css: &str, key: &str) {
    s.script("document.querySelector(arguments[0]).focus()", json!([css]));
    s.press(&[], key);
}

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn legend_entries_hide_and_show_their_series_by_pointer_and_keyboard() {
    let env = env();
    let db = env.dir.path().join("legend.targetline");
    let s = env.launch(Some(&db));
    s.wait("[data-testid='kpi-target']");
    const BLUE: &str = "#2563EB"; // the actual line
    const RED: &str = "#D63638"; // the 100% line
    let actual = entry("cumulative", 8);
    s.wait(&actual);
    assert!(s.attr(&actual, "aria-label").starts_with("累计实际"));
    wait_series(&s, "cumulative", 8, BLUE, true);

    click_entry(&s, &actual);
    wait_series(&s, "cumulative", 8, BLUE, false);
    assert!(s.attr(&actual, "aria-label").contains("显示这条数据系列"));
    // The other series stay drawn.
    assert!(drawn_in(&s, "cumulative", "#EA8A1E"));
    env.shot(&s, "75-legend-hidden-zh");
    // The exported chart is the picture shown: without the hidden line.
    let file = env.dir.path().join("hidden-actual.svg");
    env.answer_dialog(&file);
    click_entry(&s, "button[data-export='cumulative-svg']");
    s.wait(".banner.notice");
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(
        !svg.contains(&format!("stroke=\"{BLUE}\"")),
        "the hidden line was exported"
    );
    assert!(svg.contains("stroke=\"#EA8A1E\""));
    press_on(&s, &actual, keys::ENTER);
    wait_series(&s, "cumulative", 8, BLUE, true);
    // The keyboard stays on the entry: Enter again hides it again.
    s.press(&[], keys::ENTER);
    wait_series(&s, "cumulative", 8, BLUE, false);

    switch_lang(&s, "en");
    let line = entry("achievement", 1);
    s.wait_until(
        "the English legend",
        &format!("return !!document.querySelector(\"{line}\")?.getAttribute('aria-label')?.startsWith('100% achieved')"),
    );
    // A new view shows every series again.
    wait_series(&s, "cumulative", 8, BLUE, true);
    wait_series(&s, "achievement", 1, RED, true);
    click_entry(&s, &line);
    wait_series(&s, "achievement", 1, RED, false);
    assert!(s.attr(&line, "aria-label").contains("show this series"));
    env.shot(&s, "76-legend-hidden-en");
    press_on(&s, &line, " ");
    wait_series(&s, "achievement", 1, RED, true);
}
