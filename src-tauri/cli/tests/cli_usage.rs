//! The command line itself: help for every subcommand, suggestions for typos as `{code,message}`
//! JSON, shell completions.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_targetline-cli"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run targetline-cli");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Every subcommand the README documents.
const SUBCOMMANDS: &[&str] = &[
    "demo",
    "info",
    "headline",
    "plan",
    "plan-chart",
    "plan-export",
    "plan-import",
    "split",
    "variance",
    "chart",
    "deck",
    "export",
    "import",
    "import-preview",
    "undo-import",
    "import-batches",
    "calendar",
    "calendar-set",
    "calendar-reset",
    "calendar-import",
    "evaluate",
    "review",
    "weekly",
    "customers",
    "commission",
    "bench",
    "completions",
];

#[test]
fn help_for_every_subcommand_exits_zero() {
    let (code, top, err) = cli(&["--help"]);
    assert_eq!((code, err.as_str()), (0, ""));
    for sub in SUBCOMMANDS {
        assert!(
            top.contains(&format!("\n  {sub} ")),
            "--help lists {sub}:\n{top}"
        );
        let (code, out, err) = cli(&[sub, "--help"]);
        assert_eq!(code, 0, "{sub} --help: {err}");
        assert!(
            out.contains(&format!("Usage: targetline-cli {sub}")),
            "{sub} --help:\n{out}"
        );
    }
    for bench in ["plan", "gantt", "split", "variance", "import"] {
        let (code, out, err) = cli(&["bench", bench, "--help"]);
        assert_eq!(code, 0, "bench {bench} --help: {err}");
        assert!(out.contains(&format!("Usage: targetline-cli bench {bench}")));
    }
    // The import options are all described.
    let (_, import, _) = cli(&["help", "import"]);
    for option in [
        "--db",
        "--kind",
        "--mapping",
        "--map",
        "--encoding",
        "--delimiter",
        "--sheet",
        "--header-row",
        "--number-format",
        "--metric",
        "--create-unknown",
        "--save-mapping",
    ] {
        assert!(import.contains(option), "import --help names {option}");
    }
}

fn usage_error(args: &[&str]) -> (i32, String) {
    let (code, out, err) = cli(args);
    assert_eq!(out, "", "nothing on stdout for {args:?}");
    let e: serde_json::Value = serde_json::from_str(err.trim()).expect("a JSON error");
    assert_eq!(e["code"], "usage", "{err}");
    (code, e["message"].as_str().unwrap().to_string())
}

#[test]
fn a_mistyped_flag_gets_a_suggestion() {
    let (code, message) = usage_error(&["import", "--dbb", "w.targetline", "a.csv"]);
    assert_eq!(code, 2);
    assert!(
        message.starts_with("Bad command line: unexpected argument '--dbb'; did you mean '--db'?"),
        "{message}"
    );
    assert!(
        message.contains("Usage: targetline-cli import"),
        "{message}"
    );

    let (code, message) = usage_error(&["import", "--creat-unknown", "--lang", "zh-CN"]);
    assert_eq!(code, 2);
    assert!(
        message.starts_with(
            "命令行参数有误：无法识别的参数“--creat-unknown”；您是不是想输入“--create-unknown”？"
        ),
        "{message}"
    );

    let (code, message) = usage_error(&["improt", "--db", "w.targetline"]);
    assert_eq!(code, 2);
    assert!(
        message.contains("unknown command 'improt'; did you mean ")
            && message.contains(" or 'import'?"),
        "{message}"
    );

    let (code, message) = usage_error(&["bench", "splt"]);
    assert_eq!(code, 2);
    assert!(message.contains("did you mean 'split'?"), "{message}");

    // A value of the wrong type, a missing option: no suggestion, still a usage error.
    let (code, message) = usage_error(&["undo-import", "--db", "w.targetline", "--batch", "x"]);
    assert_eq!(code, 2);
    assert!(message.contains("--batch"), "{message}");
    let (code, message) = usage_error(&["info"]);
    assert_eq!(code, 2);
    assert!(message.contains("--db"), "{message}");
}

#[test]
fn completions_for_four_shells() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef targetline-cli"),
        ("fish", "complete -c targetline-cli"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, err) = cli(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell} completions:\n{out}");
        assert!(
            out.contains("import-preview"),
            "{shell} completes subcommands"
        );
    }
    let (code, message) = usage_error(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(message.contains("tcsh"), "{message}");
}
