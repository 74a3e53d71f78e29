//! A `.targetline` file handed to the app on its command line, as the installers' file
//! association does when a user double-clicks one: the app opens that workspace.

use super::{env, section, webdriver::Session};

#[test]
#[ignore = "needs Xvfb and tauri-driver: run `make e2e`"]
fn a_workspace_file_on_the_command_line_is_opened() {
    let env = env();
    // A workspace made beforehand, with a name a user would give it.
    let file = env.dir.path().join("华东 2026 目标.targetline");
    targetline_core::Workspace::open_or_create_demo(&file).unwrap();
    let args = vec![
        "--config-dir".to_string(),
        env.dir.path().join("config").display().to_string(),
        file.display().to_string(),
    ];
    let s = Session::start(&env.driver, &env.app, &args);
    s.wait("[data-testid='kpi-target']");
    section(&s, "settings");
    assert_eq!(
        s.text("[data-testid='workspace-path']"),
        file.display().to_string()
    );
}
