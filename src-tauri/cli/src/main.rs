//! Headless Targetline: see `targetline-cli --help`.

mod cmd;

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let lang = cmd::lang_from(&argv);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut stdin = std::io::stdin();
    if let Err(e) = cmd::run(argv, &mut stdin, &mut out) {
        let dto = e.to_dto(lang);
        eprintln!(
            "{}",
            serde_json::to_string(&dto).unwrap_or_else(|_| format!("{dto:?}"))
        );
        std::process::exit(if e.code == targetline_core::error::Code::Usage {
            2
        } else {
            1
        });
    }
}
