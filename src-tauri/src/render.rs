//! How the window's page is drawn on Linux. WebKitGTK composites the page with OpenGL; on a
//! machine without a GPU (no render node under /dev/dri: a virtual machine, a remote desktop, a
//! CI runner) that OpenGL is Mesa's software rasteriser, and compositing each frame through it
//! costs about 150 ms of CPU per scroll frame of a large target grid, against about 10 ms with
//! compositing off. There, accelerated compositing is turned off before GTK starts, unless the
//! user set `WEBKIT_DISABLE_COMPOSITING_MODE` themselves.

use std::path::Path;

const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether OpenGL can only be software: no GPU render node (`renderD*`) in `dri`, or software
/// GL forced (`LIBGL_ALWAYS_SOFTWARE`).
pub(crate) fn software_gl_only(dri: &Path, forced_software: bool) -> bool {
    let render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    forced_software || !render_node
}

/// Chooses how the page is composited; called first, before any thread or GTK starts.
pub(crate) fn choose_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(DISABLE_COMPOSITING).is_none() {
        let forced = std::env::var("LIBGL_ALWAYS_SOFTWARE").is_ok_and(|v| v == "1" || v == "true");
        if software_gl_only(Path::new("/dev/dri"), forced) {
            std::env::set_var(DISABLE_COMPOSITING, "1");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::software_gl_only;

    #[test]
    fn compositing_goes_off_only_where_opengl_can_only_be_software() {
        let dir = tempfile::tempdir().unwrap();
        let dri = dir.path().join("dri");
        // No /dev/dri at all, then one with a display card but no render node: software only.
        assert!(software_gl_only(&dri, false));
        std::fs::create_dir(&dri).unwrap();
        std::fs::write(dri.join("card0"), "").unwrap();
        assert!(software_gl_only(&dri, false));
        // A GPU render node: hardware OpenGL, unless software GL is forced.
        std::fs::write(dri.join("renderD128"), "").unwrap();
        assert!(!software_gl_only(&dri, false));
        assert!(software_gl_only(&dri, true));
    }
}
