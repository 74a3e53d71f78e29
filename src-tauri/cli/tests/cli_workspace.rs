//! The `targetline-cli` binary as a user runs it: JSON on stdout, `{code,message}` on stderr.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_targetline-cli"))
        .args(args)
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("run targetline-cli");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn demo_then_info() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("演示.targetline");
    let db = db.to_str().unwrap();
    let (code, out, err) = cli(&["demo", "--db", db]);
    assert_eq!(code, 0, "{err}");
    let info: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(info["people"], 30);
    assert_eq!(info["orgUnits"], 10);
    // Revenue's 40 nodes x 13 periods, four more additive metrics the same, seven rates on the
    // company and its three regions.
    assert_eq!(info["targets"], 5 * 40 * 13 + 7 * 4);
    // 11,609 revenue rows and the other indicators' rows (the repurchase and attrition
    // components: 180 + 100).
    assert_eq!(info["actuals"], 24_142);
    assert_eq!(info["deals"], 240);
    assert_eq!(info["actions"], 8);
    assert_eq!(
        info["schemaVersion"],
        targetline_core::store::migrations::LATEST
    );

    let (code, out2, _) = cli(&["info", "--db", db]);
    assert_eq!(code, 0);
    assert_eq!(out2, out);

    // No silent overwrite; --force rebuilds the same data.
    let (code, _, err) = cli(&["demo", "--db", db]);
    assert_eq!(code, 1);
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "exists");
    assert!(e["message"].as_str().unwrap().contains("--force"));
    let (code, out3, _) = cli(&["demo", "--db", db, "--force"]);
    assert_eq!((code, out3), (0, out));
}

#[test]
fn errors_are_json_in_the_users_language() {
    let (code, _, err) = cli(&["info", "--db", "/nonexistent/x.targetline"]);
    assert_eq!(code, 1);
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "workspace_missing");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with("找不到工作区文件"));

    let (code, _, err) = cli(&["frobnicate", "--lang", "en"]);
    assert_eq!(code, 2);
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["code"], "usage");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("unknown command 'frobnicate'"));

    let (code, _, err) = cli(&["info", "--db", "x", "--bogus"]);
    assert_eq!(code, 2, "{err}");
}
