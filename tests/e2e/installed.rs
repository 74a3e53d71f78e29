//! The app as a user installs it: `scripts/installed-smoke.sh` installs the built .deb and runs
//! this test against the installed binary (`TARGETLINE_APP=/usr/bin/targetline`). It starts
//! like a first launch, shows the demo's dashboard in Chinese, and a chart exported from the
//! installed app is the very picture the core draws with a font that has every glyph (no tofu).

use super::{env, section};
use targetline_core::chart::font::missing_glyphs;
use targetline_core::{Lang, Workspace};

#[test]
#[ignore = "needs the installed .deb, Xvfb and tauri-driver: run `make installed-smoke`"]
fn installed_app_starts_with_the_demo_and_draws_chinese() {
    let env = env();
    let ws = env.dir.path().join("演示.targetline");
    let s = env.launch(Some(&ws));
    s.wait("[data-testid='kpi-target']");
    assert_eq!(s.title(), "Targetline 业绩目标管理");
    assert_eq!(s.text("[data-testid='kpi-target'] .kpi-value"), "1.00亿");
    assert!(s
        .text("button[data-section='dashboard']")
        .contains("仪表盘"));
    env.shot(&s, "installed-01-dashboard-zh");

    // The achievement chart of the company (its regions by name) exported as PNG.
    let png = env.dir.path().join("达成率.png");
    env.answer_dialog(&png);
    s.click("button[data-export='achievement-png']");
    s.wait_until(
        "the saved notice",
        "return document.querySelector('.banner.notice')?.innerText.includes('达成率.png')",
    );
    let exported = std::fs::read(&png).unwrap();
    assert_eq!(&exported[..8], b"\x89PNG\r\n\x1a\n");
    // Reading which period the dashboard shows (state read only, the export was a click).
    let period = s
        .script(
            "return document.querySelector('tl-dashboard').view.report.period",
            serde_json::json!([]),
        )
        .as_str()
        .unwrap()
        .to_string();
    // ... and the size the chart was shown at: the export is that picture at 2x.
    let shown = s.script(
        "const c = document.querySelector('tl-dashboard').view.charts.find((c) => c.kind === 'achievement'); return [c.width, c.height]",
        serde_json::json!([]),
    );
    let size = targetline_core::chart::Size::new(
        shown[0].as_u64().unwrap() as u32,
        shown[1].as_u64().unwrap() as u32,
    );
    let reference = env.dir.path().join("reference.png");
    let workspace = Workspace::open_existing(&ws).unwrap();
    targetline_core::dashboard::write_chart(
        &workspace,
        targetline_core::chart::ChartKind::Achievement,
        "/",
        &period,
        Lang::Zh,
        targetline_core::dashboard::Shown::all(size),
        &reference,
    )
    .unwrap();
    assert_eq!(
        exported,
        std::fs::read(&reference).unwrap(),
        "the installed app draws the chart exactly as the core does"
    );
    assert!(
        exported.len() > 20_000,
        "a drawn 2x chart, {} bytes",
        exported.len()
    );
    // ... with a font that has a glyph for every character of the units' names (the core's
    // chart tests prove the same for every chart word).
    let tree = targetline_core::variance::OrgTree::load(workspace.conn()).unwrap();
    let names: String = tree.nodes.iter().map(|n| n.name.as_str()).collect();
    assert!(names.contains("华东"), "{names}");
    assert_eq!(missing_glyphs(&names).unwrap(), Vec::<char>::new());

    section(&s, "settings");
    s.wait("[data-testid='workspace-path']");
    env.shot(&s, "installed-02-settings-zh");
}
