use crate::dialogs;
use crate::state::Shared;
use targetline_core::chart::{ChartKind, Size};
use targetline_core::dashboard::{self, DashboardView, TableName, ViewTable};
use targetline_core::setup::plan_year::selected_year;
use targetline_core::variance::timing::{self, step};
use targetline_core::variance::{company_headline, Dim, Headline};
use targetline_core::ErrorDto;
use tauri::{AppHandle, Runtime, State};

/// The company's revenue headline for the current fiscal year (None when there is no target yet).
#[tauri::command]
pub async fn dashboard_headline(state: State<'_, Shared>) -> Result<Option<Headline>, ErrorDto> {
    state
        .with_workspace(|ws| company_headline(ws, selected_year(ws)?))
        .await
}

/// Figures, charts (SVG), ranking and funnel of one node (`/`, `/华东`, …) and period; the
/// charts are drawn at `chartWidth` × `chartHeight` CSS pixels, the size the window shows them.
#[tauri::command]
pub async fn dashboard_view(
    state: State<'_, Shared>,
    node: String,
    period: String,
    chart_width: Option<u32>,
    chart_height: Option<u32>,
) -> Result<DashboardView, ErrorDto> {
    let lang = state.lang();
    let size = Size::or_default(chart_width, chart_height);
    let view = state
        .with_workspace(move |ws| {
            step("dashboard_view", || {
                dashboard::window_view(ws, &node, &period, lang, size)
            })
        })
        .await?;
    if timing::enabled() {
        let bytes = serde_json::to_string(&view).map_or(0, |s| s.len());
        timing::note("dashboard_view payload bytes", bytes);
    }
    Ok(view)
}

/// One chart (SVG with its regions) drawn again at the size it is now shown, after a resize, or
/// without the legend's series the user hid (`hidden`: their bits).
#[tauri::command]
pub async fn dashboard_chart(
    state: State<'_, Shared>,
    kind: ChartKind,
    node: String,
    period: String,
    width: u32,
    height: u32,
    hidden: Option<u32>,
) -> Result<dashboard::ChartSvg, ErrorDto> {
    let lang = state.lang();
    let size = Size::new(width, height);
    let hidden = hidden.unwrap_or(0);
    state
        .with_workspace(move |ws| {
            dashboard::chart_svg(ws, kind, &node, &period, lang, size, hidden)
        })
        .await
}

/// The node's figures by product line, customer type or channel.
#[tauri::command]
pub async fn dashboard_dimension(
    state: State<'_, Shared>,
    node: String,
    period: String,
    dim: Dim,
) -> Result<dashboard::DimensionView, ErrorDto> {
    state
        .with_workspace(move |ws| dashboard::by_dimension(ws, &node, &period, dim.code()))
        .await
}

/// The transactions behind the figure (drill-down), 50 from `offset`, with file, sheet and row.
#[tauri::command]
pub async fn dashboard_transactions(
    state: State<'_, Shared>,
    node: String,
    period: String,
    offset: i64,
) -> Result<targetline_core::variance::DrillDown, ErrorDto> {
    state
        .with_workspace(move |ws| dashboard::transactions(ws, &node, &period, offset))
        .await
}

/// How a chart is shown: its CSS size and the bits of the legend's series hidden (none if absent).
#[derive(serde::Deserialize)]
pub struct ShownSize {
    width: u32,
    height: u32,
    #[serde(default)]
    hidden: u32,
}

/// Saves one chart as PNG (2×) or SVG through a save dialog, the picture on screen: its shown
/// size and without the legend's series the user hid; returns the file's name (None: cancelled).
#[tauri::command]
pub async fn dashboard_export_chart<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    kind: ChartKind,
    node: String,
    period: String,
    format: super::ChartFormat,
    size: Option<ShownSize>,
) -> Result<Option<String>, ErrorDto> {
    let shown = size.map_or(dashboard::Shown::all(Size::DEFAULT), |s| dashboard::Shown {
        size: Size::new(s.width, s.height),
        hidden: s.hidden,
    });
    let ask = super::chart_ask(
        ("导出图表", "Export chart"),
        &format!("{period}_{}", kind.code()),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        dashboard::write_chart(ws, kind, &node, &period, lang, shown, path)
    })
    .await
}

/// Saves one of the view's tables (variance, dimension, ranking, indicators, stuck,
/// transactions) as CSV (UTF-8 with BOM) or XLSX through a save dialog.
#[tauri::command]
pub async fn dashboard_export_table<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    node: String,
    period: String,
    format: super::TableFormat,
    table: Option<TableName>,
    dim: Option<Dim>,
) -> Result<Option<String>, ErrorDto> {
    let table = ViewTable::new(table.unwrap_or(TableName::Variance), dim);
    let ask = super::table_ask(
        ("导出表格", "Export table"),
        &format!("{period}_{}", table.code()),
        format,
    );
    super::save_via_dialog(&app, &state, ask, move |ws, lang, path| {
        dashboard::write_table(ws, &node, &period, &table, lang, path)
    })
    .await
}

/// Writes every chart and table of the view into a folder the user picks; returns the count.
#[tauri::command]
pub async fn dashboard_meeting_pack<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    node: String,
    period: String,
) -> Result<Option<usize>, ErrorDto> {
    let lang = state.lang();
    let Some(dir) = dialogs::folder(
        &app,
        ("选择会议资料文件夹", "Choose a folder for the meeting pack"),
        lang,
    )
    .await
    else {
        return Ok(None);
    };
    let files = state
        .with_workspace(move |ws| dashboard::meeting_pack(ws, &node, &period, lang, &dir))
        .await?;
    Ok(Some(files.len()))
}
