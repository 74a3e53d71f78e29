//! How long each step of a dashboard question takes, printed to stderr when the environment
//! variable `TARGETLINE_TRACE_TIMES` is `1` (for `make bench-dashboard` and for profiling);
//! silent and nearly free otherwise.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether step times are printed (read once).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var("TARGETLINE_TRACE_TIMES").is_ok_and(|v| v == "1"))
}

/// Runs `f`; with tracing on, prints `[times] label: 12.3 ms` to stderr.
pub fn step<T>(label: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let t = Instant::now();
    let out = f();
    eprintln!(
        "[times] {label}: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    out
}

/// Prints a figure that is not a duration (a payload's size), with tracing on.
pub fn note(label: &str, value: impl std::fmt::Display) {
    if enabled() {
        eprintln!("[times] {label}: {value}");
    }
}
