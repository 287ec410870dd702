//! The `switchboard-desktop` binary: hands over to the library so tests can build the same app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    #[cfg(target_os = "linux")]
    if let Some((name, value)) = renderer::setting(std::path::Path::new("/dev/dri"), |k| {
        std::env::var_os(k).is_some()
    }) {
        // SAFETY: the first thing the process does, before any thread exists.
        unsafe { std::env::set_var(name, value) };
    }
    switchboard_desktop::run();
}

/// How WebKitGTK draws the window. By default it composites pages with OpenGL; on a machine
/// without a GPU (a VM, a remote desktop, Xvfb) that OpenGL is Mesa's llvmpipe, which compiles
/// every shader on the CPU: the wizard's first screen (text, borders, buttons) then took about a
/// second longer to appear than a blank page. Without a GPU render node the app therefore asks
/// WebKit to paint without GPU compositing, which is faster there and uses ~90 MB less memory.
/// With a GPU, WebKit's defaults stay. `SWITCHBOARD_GPU=1` keeps compositing on regardless, and
/// a `WEBKIT_DISABLE_COMPOSITING_MODE` set by the user is never overridden.
#[cfg(any(target_os = "linux", test))]
mod renderer {
    use std::path::Path;

    pub const COMPOSITING_VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    pub const OPT_OUT_VAR: &str = "SWITCHBOARD_GPU";

    /// The environment variable to set before WebKit starts, if any.
    pub fn setting(
        dri: &Path,
        is_set: impl Fn(&str) -> bool,
    ) -> Option<(&'static str, &'static str)> {
        if is_set(COMPOSITING_VAR) || is_set(OPT_OUT_VAR) || has_render_node(dri) {
            return None;
        }
        Some((COMPOSITING_VAR, "1"))
    }

    /// True when the kernel exposes a GPU render node (`/dev/dri/renderD128`, …).
    fn has_render_node(dri: &Path) -> bool {
        std::fs::read_dir(dri).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::renderer::*;

    #[test]
    fn compositing_is_turned_off_only_without_a_gpu_and_without_a_choice() {
        let dir = tempfile::tempdir().unwrap();
        let nothing = |_: &str| false;
        let missing = dir.path().join("no-dri");
        assert_eq!(
            setting(&missing, nothing),
            Some((COMPOSITING_VAR, "1")),
            "no /dev/dri: software GL only"
        );
        std::fs::create_dir_all(dir.path().join("dri")).unwrap();
        std::fs::write(dir.path().join("dri/card0"), b"").unwrap();
        assert_eq!(
            setting(&dir.path().join("dri"), nothing),
            Some((COMPOSITING_VAR, "1")),
            "a display controller without a render node is no GPU"
        );
        std::fs::write(dir.path().join("dri/renderD128"), b"").unwrap();
        assert_eq!(setting(&dir.path().join("dri"), nothing), None, "a GPU");
        for chosen in [COMPOSITING_VAR, OPT_OUT_VAR] {
            assert_eq!(
                setting(&missing, |k| k == chosen),
                None,
                "{chosen} set by the user wins"
            );
        }
    }
}
