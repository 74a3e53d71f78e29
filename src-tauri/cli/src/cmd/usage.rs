//! Usage errors in the user's language: ours, and clap's (with its suggestion for a typo).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use targetline_core::error::Code;
use targetline_core::error::{Error, Lang};

/// The message language: `--lang` wins, then the LANG environment variable.
pub fn lang_from(argv: &[String]) -> Lang {
    let mut tag = None;
    for (i, a) in argv.iter().enumerate() {
        if a == "--lang" {
            tag = argv.get(i + 1).map(String::as_str);
        } else if let Some(t) = a.strip_prefix("--lang=") {
            tag = Some(t);
        }
    }
    if let Some(tag) = tag {
        return Lang::from_locale(tag);
    }
    std::env::var("LANG")
        .map(|l| Lang::from_locale(&l))
        .unwrap_or(Lang::En)
}

/// A bad command line found by a subcommand (a value clap cannot judge).
pub fn usage_error(what: &str) -> Error {
    Error::new(
        Code::Usage,
        format!("命令行参数有误：{what}\n（targetline-cli <命令> --help 列出全部选项）"),
        format!("Bad command line: {what}\n(targetline-cli <command> --help lists every option)"),
    )
}

/// A bad command line found by clap: what is wrong, the suggestion when there is one, the usage.
pub fn clap_error(e: &clap::Error) -> Error {
    // A value the core refused (an unknown --kind, --table, --by …): the core's own error.
    if let Some(refused) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>()) {
        return refused.clone();
    }
    let ctx = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_string();
    let (zh, en) = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let c = ctx(ContextKind::InvalidSubcommand);
            (format!("没有命令“{c}”"), format!("unknown command '{c}'"))
        }
        ErrorKind::UnknownArgument => {
            let a = ctx(ContextKind::InvalidArg);
            (
                format!("无法识别的参数“{a}”"),
                format!("unexpected argument '{a}'"),
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let a = ctx(ContextKind::InvalidArg);
            (format!("缺少必需的参数 {a}"), format!("{a} is required"))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (a, v) = (ctx(ContextKind::InvalidArg), ctx(ContextKind::InvalidValue));
            (format!("{a} 的值“{v}”无效"), first.clone())
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            ("缺少命令".to_string(), "missing command".to_string())
        }
        _ => (first.clone(), first.clone()),
    };
    let suggestions: Vec<String> = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .filter_map(|kind| match e.get(kind) {
            Some(ContextValue::String(s)) => Some(vec![s.clone()]),
            Some(ContextValue::Strings(v)) => Some(v.clone()),
            _ => None,
        })
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    let (zh_tip, en_tip) = match suggestions.split_last() {
        None => (String::new(), String::new()),
        Some((last, [])) => (
            format!("；您是不是想输入“{last}”？"),
            format!("; did you mean '{last}'?"),
        ),
        Some((last, rest)) => (
            format!("；您是不是想输入“{}”或“{last}”？", rest.join("”、“")),
            format!("; did you mean '{}' or '{last}'?", rest.join("', '")),
        ),
    };
    let usage = rendered
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .map(|l| l.trim_start_matches("Usage:").trim().to_string())
        .unwrap_or_else(|| "targetline-cli <command> [options]".into());
    Error::new(
        Code::Usage,
        format!("命令行参数有误：{zh}{zh_tip}\n用法：{usage}\n（加 --help 查看全部选项）"),
        format!("Bad command line: {en}{en_tip}\nUsage: {usage}\n(add --help for every option)"),
    )
}
