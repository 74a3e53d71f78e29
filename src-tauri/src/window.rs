//! The main window: created with the size and position it had when last closed.

use crate::state::Shared;
use targetline_core::settings::WindowGeometry;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

pub const TITLE: &str = "Targetline 业绩目标管理";

pub fn create_main<R: Runtime>(app: &AppHandle<R>, shared: &Shared) -> tauri::Result<()> {
    let mut builder = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title(TITLE)
        .min_inner_size(960.0, 600.0)
        .inner_size(1280.0, 820.0);
    if let Some(g) = shared.settings().window {
        builder = builder
            .inner_size(g.width.max(960) as f64, g.height.max(600) as f64)
            .position(g.x as f64, g.y as f64)
            .maximized(g.maximized);
    }
    let window = builder.build()?;
    let handle = app.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { .. } = event {
            remember_geometry(&handle);
        }
    });
    Ok(())
}

fn remember_geometry<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let (Ok(scale), Ok(pos), Ok(size)) = (
        window.scale_factor(),
        window.outer_position(),
        window.inner_size(),
    ) else {
        return;
    };
    let pos = pos.to_logical::<f64>(scale);
    let size = size.to_logical::<f64>(scale);
    let geometry = WindowGeometry {
        x: pos.x.round() as i32,
        y: pos.y.round() as i32,
        width: size.width.round() as u32,
        height: size.height.round() as u32,
        maximized: window.is_maximized().unwrap_or(false),
    };
    app.state::<Shared>()
        .update_settings(|s| s.window = Some(geometry));
}
