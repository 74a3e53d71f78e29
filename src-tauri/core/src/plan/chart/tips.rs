//! The SVG's tooltips: every drawn row is covered by a see-through region whose `<title>` holds
//! the task's whole title, its days and its progress, so a viewer shows it on hover — also for a
//! title the picture had to shorten.

use super::rows::RowLayout;
use super::RIGHT;
use crate::error::Lang;
use crate::plan::view::PlanTaskView;

/// Text made safe inside an XML element or attribute.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A row's tooltip: the whole title, then its days and progress (whole percent, rounded half up).
pub(super) fn row_tip(task: &PlanTaskView, lang: Lang) -> String {
    let days = if task.milestone || task.start == task.finish {
        task.start.to_string()
    } else {
        format!("{} – {}", task.start, task.finish)
    };
    let pct = (task.progress_bp.clamp(0, 10_000) + 50) / 100;
    let progress = match lang {
        Lang::Zh => format!("进度 {pct}%"),
        Lang::En => format!("{pct}% done"),
    };
    format!("{}\n{days} · {progress}", task.title.trim())
}

/// The SVG with one tooltip region per drawn row, laid over the picture before its end.
pub(super) fn with_row_tips(
    svg: Vec<u8>,
    rows: &[RowLayout],
    tasks: &[PlanTaskView],
    lang: Lang,
) -> Vec<u8> {
    // The renderer writes the SVG as a String: its bytes are UTF-8.
    let mut svg = String::from_utf8_lossy(&svg).into_owned();
    let mut tips = String::from("<g class=\"row-tips\">\n");
    for (row, task) in rows.iter().zip(tasks) {
        tips.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" fill-opacity=\"0\" data-task=\"{}\"><title>{}</title></rect>\n",
            row.top,
            RIGHT,
            row.h,
            task.id,
            xml_escape(&row_tip(task, lang))
        ));
    }
    tips.push_str("</g>\n");
    match svg.rfind("</svg>") {
        Some(end) => svg.insert_str(end, &tips),
        None => svg.push_str(&tips),
    }
    svg.into_bytes()
}
