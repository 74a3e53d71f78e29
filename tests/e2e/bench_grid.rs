//! The target grid's scroll benchmark (`make bench-grid`): 5,000 people × 12 months in the real
//! window. Prints the wall time of a scroll frame (median and 95th percentile, from the scroll
//! event to the frame painted), the web process's CPU time per frame, the machine's load, and a
//! last line of JSON. Run it with `TARGETLINE_APP` set to a release build to time the release app.

use super::{env, section};
use serde_json::json;

#[test]
#[ignore = "benchmark: run `make bench-grid`"]
fn bench_grid() {
    let env = env();
    let ws_path = env.dir.path().join("big-org.targetline");
    let cells = {
        let (ws, _) = targetline_core::Workspace::open_or_create_demo(&ws_path).unwrap();
        targetline_core::demo::synthetic::write_synthetic_org(&ws, 5, 10, 100).unwrap()
    };
    let s = env.launch(Some(&ws_path));
    s.wait("[data-testid='kpi-target']");
    let clicked = std::time::Instant::now();
    section(&s, "targets");
    s.wait(".tg-cell");
    let shown_ms = clicked.elapsed().as_secs_f64() * 1000.0;
    let expand_ms = s
        .script(
            "const g = document.querySelector('tl-targets'); const t0 = performance.now();
             g.collapsed.clear(); g.layout(); return performance.now() - t0;",
            json!([]),
        )
        .as_f64()
        .unwrap();
    let rows = s
        .script(
            "return document.querySelector('tl-targets').rows.length",
            json!([]),
        )
        .as_u64()
        .unwrap();
    assert_eq!(rows, 5_000 + 5 * 10 + 5 + 1);
    // A frame as the user gets it: the scroll position moves 25 rows (the whole view) in an
    // animation frame; the grid's own scroll handler redraws the rows; the browser lays out and
    // paints. Wall per frame = from the scroll event (a capture listener, before the grid's) to
    // the first task after that frame's rendering; the CPU of the web process over the run.
    let config = env.dir.path().join("config").display().to_string();
    s.script(
        "const g = document.querySelector('tl-targets'); const sc = g.scroller; const n = 200;
         const b = window.__bench = { walls: [], gaps: [], done: false };
         let i = 0, t0 = null, last = null;
         sc.addEventListener('scroll', () => { t0 = performance.now(); }, { capture: true });
         const step = (now) => {
           if (last !== null) b.gaps.push(now - last);
           last = now;
           if (t0 !== null) { const start = t0; setTimeout(() => b.walls.push(performance.now() - start), 0); t0 = null; }
           if (i++ < n) { sc.scrollTop = i * 750; requestAnimationFrame(step); }
           else setTimeout(() => { b.done = true; }, 50);
         };
         requestAnimationFrame(step);",
        json!([]),
    );
    let cpu_before = web_process_cpu_ms(&config);
    // Asked once a second only, so the asking costs the frames nothing to speak of.
    let started = std::time::Instant::now();
    while s.script("return window.__bench.done", json!([])) != json!(true) {
        assert!(
            started.elapsed().as_secs() < 300,
            "200 scroll frames took more than 5 minutes"
        );
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    let cpu_after = web_process_cpu_ms(&config);
    let real = s.script(
        "const q = (xs, p) => { const v = [...xs].sort((a, b) => a - b); return v[Math.min(v.length - 1, Math.floor(v.length * p))]; };
         const b = window.__bench;
         return [q(b.walls, 0.5), q(b.walls, 0.95), b.walls.length, q(b.gaps, 0.5)];",
        json!([]),
    );
    let real_f = |i: usize| real[i].as_f64().unwrap();
    let (wall_median, wall_p95, drawn, gap_median) = (real_f(0), real_f(1), real_f(2), real_f(3));
    let cpu_ms = (cpu_after - cpu_before) / drawn;
    // The same 200 jumps timed apart, synchronously: the script (redrawing the rows) and the style
    // and layout pass (forced by reading a layout value), without painting.
    let frames = s.script(
        "const g = document.querySelector('tl-targets'); const n = 200; let script = 0, layout = 0; const each = [];
         for (let i = 0; i < n; i++) {
           const t0 = performance.now();
           g.scroller.scrollTop = i * 750; g.renderRows();
           const t1 = performance.now();
           void g.body.lastElementChild.offsetWidth;
           const t2 = performance.now();
           script += t1 - t0; layout += t2 - t1; each.push(t2 - t0);
         }
         each.sort((a, b) => a - b);
         return [script / n, layout / n, each[Math.floor(n / 2)], each[Math.floor(n * 0.95)]];",
        json!([]),
    );
    let frame = |i: usize| frames[i].as_f64().unwrap();
    let (script_ms, layout_ms, sync_median, sync_p95) = (frame(0), frame(1), frame(2), frame(3));
    env.shot(&s, "bench-grid");
    // The machine's load while measuring (1-minute average), so figures can be compared.
    let load: f64 = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next()?.parse().ok())
        .unwrap_or(-1.0);
    let app = if env.app.contains("/release/") {
        "release"
    } else {
        "debug"
    };
    println!(
        "Target grid with 5,000 people x 12 months ({cells} stored cells) in the real window ({app} app):"
    );
    println!("  machine load average (1 min): {load:.1}");
    println!("  click to grid shown, including IPC and the grid query in Rust: {shown_ms:.0} ms");
    println!("  expanding every team (5,056 rows) and laying out: {expand_ms:.1} ms");
    println!("  one scroll frame, {drawn} frames of 25 rows (16.7 ms = 60 fps):");
    println!("    wall, scroll event to the frame painted: median {wall_median:.2} ms, 95th percentile {wall_p95:.2} ms");
    println!("    CPU time of the web process per frame: {cpu_ms:.2} ms; frames every {gap_median:.1} ms (median)");
    println!("    synchronously, without painting: median {sync_median:.2} ms, 95th percentile {sync_p95:.2} ms");
    println!("      of which redrawing the rows (script) {script_ms:.2} ms, style and layout {layout_ms:.2} ms");
    let r2 = |v: f64| (v * 100.0).round() / 100.0;
    println!(
        "{}",
        json!({"bench": "grid", "app": app, "people": 5000, "cells": cells, "clickToShownMs": shown_ms.round(),
               "expandAllMs": (expand_ms * 10.0).round() / 10.0,
               "frameWallMedianMs": r2(wall_median), "frameWallP95Ms": r2(wall_p95), "frameCpuMs": r2(cpu_ms),
               "frameIntervalMedianMs": r2(gap_median), "frames": drawn,
               "syncMedianMs": r2(sync_median), "syncP95Ms": r2(sync_p95),
               "scrollScriptMs": r2(script_ms), "scrollLayoutMs": r2(layout_ms), "loadAvg": load})
    );
}

/// CPU time (user + system, ms) used so far by the web content process of the app started with
/// `config_dir` (found by its command line; other apps on the machine are not counted).
fn web_process_cpu_ms(config_dir: &str) -> f64 {
    let stat = |pid: &str| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok();
    let pids: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|p| p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let apps: Vec<&String> = pids
        .iter()
        .filter(|p| {
            std::fs::read(format!("/proc/{p}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(config_dir))
        })
        .collect();
    let mut ticks = 0u64;
    for p in &pids {
        let Some(st) = stat(p) else { continue };
        // After the command name in parentheses: state, ppid, ... utime (14th), stime (15th).
        let Some((name, rest)) = st.rsplit_once(')') else {
            continue;
        };
        let f: Vec<&str> = rest.split_whitespace().collect();
        if name.contains("WebKitWebProces") && apps.iter().any(|a| a.as_str() == f[1]) {
            ticks += f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0);
        }
    }
    ticks as f64 * 10.0 // 100 clock ticks a second
}
