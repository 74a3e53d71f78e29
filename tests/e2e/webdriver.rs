//! A minimal W3C WebDriver client for tauri-driver: just what the end-to-end tests use.
// Not every test uses every helper (the Actions helpers serve the typing and pointer tests).
#![allow(dead_code)]

use base64::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// WebDriver key codes for keys that are not characters.
#[allow(dead_code)]
pub mod keys {
    pub const ENTER: &str = "\u{E007}";
    pub const TAB: &str = "\u{E004}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const BACKSPACE: &str = "\u{E003}";
    pub const DELETE: &str = "\u{E017}";
    pub const INSERT: &str = "\u{E016}";
    pub const F2: &str = "\u{E032}";
    pub const SHIFT: &str = "\u{E008}";
    pub const CONTROL: &str = "\u{E009}";
    pub const ALT: &str = "\u{E00A}";
    pub const META: &str = "\u{E03D}";
    pub const LEFT: &str = "\u{E012}";
    pub const UP: &str = "\u{E013}";
    pub const RIGHT: &str = "\u{E014}";
    pub const DOWN: &str = "\u{E015}";
}

pub struct Session {
    base: String,
    id: String,
}

fn try_request(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let req = ureq::request(method, url).timeout(Duration::from_secs(60));
    let resp = match body {
        Some(b) => req.send_json(b),
        None => req.call(),
    };
    match resp {
        Ok(r) => r.into_json().map_err(|e| e.to_string()),
        Err(ureq::Error::Status(code, r)) => Err(format!(
            "WebDriver {method} {url} -> {code}: {}",
            r.into_string().unwrap_or_default()
        )),
        Err(e) => Err(format!("WebDriver {method} {url}: {e}")),
    }
}

/// A W3C element reference (an Actions origin).
fn element_ref(id: &str) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(ELEMENT_KEY.to_string(), Value::String(id.to_string()));
    Value::Object(m)
}

fn request(method: &str, url: &str, body: Option<Value>) -> Value {
    try_request(method, url, body).unwrap_or_else(|e| panic!("{e}"))
}

impl Session {
    /// Starts the app binary with `args` through tauri-driver at `base` (e.g. http://127.0.0.1:4444).
    pub fn start(base: &str, application: &str, args: &[String]) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": application, "args": args}}}});
        let v = request("POST", &format!("{base}/session"), Some(caps));
        let id = v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        Session {
            base: base.to_string(),
            id,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base, self.id, path)
    }

    pub fn title(&self) -> String {
        request("GET", &self.url("/title"), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn find(&self, css: &str) -> Option<String> {
        let v = ureq::post(&self.url("/element"))
            .timeout(Duration::from_secs(30))
            .send_json(json!({"using": "css selector", "value": css}));
        match v {
            Ok(r) => {
                let v: Value = r.into_json().ok()?;
                v["value"][ELEMENT_KEY].as_str().map(str::to_string)
            }
            Err(_) => None,
        }
    }

    /// Waits up to 20 s for an element to appear.
    pub fn wait(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(id) = self.find(css) {
                return id;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let body = self.script("return document.body.innerText", json!([]));
                panic!("no element {css} after 20 s; page text: {body}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Clicks the element `css`, finding it again if the page re-rendered meanwhile and waiting
    /// while something lies over it for a moment (a page still settling), as a person would.
    pub fn click(&self, css: &str) {
        let start = Instant::now();
        loop {
            let id = self.wait(css);
            match try_request(
                "POST",
                &self.url(&format!("/element/{id}/click")),
                Some(json!({})),
            ) {
                Ok(_) => return,
                Err(e)
                    if (e.contains("stale element")
                        || e.contains("not interactable")
                        || e.contains("click intercepted"))
                        && start.elapsed() < Duration::from_secs(20) =>
                {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => {
                    // Still covered after 20 s: name what lies on top of it.
                    let on_top = self.script(ON_TOP, json!([css]));
                    panic!("{e}; on top of {css}: {on_top}")
                }
            }
        }
    }

    /// Reads a property of the element `css`, finding it again if the page re-rendered meanwhile.
    fn read(&self, css: &str, what: &str) -> String {
        let start = Instant::now();
        loop {
            let id = self.wait(css);
            match try_request("GET", &self.url(&format!("/element/{id}/{what}")), None) {
                Ok(v) => return v["value"].as_str().unwrap_or_default().to_string(),
                Err(e)
                    if e.contains("stale element") && start.elapsed() < Duration::from_secs(20) =>
                {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    pub fn text(&self, css: &str) -> String {
        self.read(css, "text")
    }

    pub fn attr(&self, css: &str, name: &str) -> String {
        self.read(css, &format!("attribute/{name}"))
    }

    pub fn script(&self, script: &str, args: Value) -> Value {
        request(
            "POST",
            &self.url("/execute/sync"),
            Some(json!({"script": script, "args": args})),
        )["value"]
            .clone()
    }

    /// Waits until `script` returns true (e.g. a text changed after a click).
    pub fn wait_until(&self, what: &str, script: &str) {
        let start = Instant::now();
        while self.script(script, json!([])) != json!(true) {
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Performs W3C Actions (real key and pointer events, as a person makes them), then releases
    /// every key and button so the next step starts clean.
    pub fn actions(&self, sources: Value) {
        request(
            "POST",
            &self.url("/actions"),
            Some(json!({ "actions": sources })),
        );
        let _ = try_request("DELETE", &self.url("/actions"), None);
    }

    /// Types `text` key by key into whatever has the focus (keyDown/keyUp for every character).
    pub fn type_keys(&self, text: &str) {
        let mut steps = Vec::new();
        for ch in text.chars() {
            let key = ch.to_string();
            steps.push(json!({"type": "keyDown", "value": key}));
            steps.push(json!({"type": "keyUp", "value": key}));
        }
        self.actions(json!([{"type": "key", "id": "keyboard", "actions": steps}]));
    }

    /// Presses one key, optionally with modifiers held (e.g. `press(&[keys::CONTROL], "z")`).
    pub fn press(&self, modifiers: &[&str], key: &str) {
        let mut steps = Vec::new();
        for m in modifiers {
            steps.push(json!({"type": "keyDown", "value": m}));
        }
        steps.push(json!({"type": "keyDown", "value": key}));
        steps.push(json!({"type": "keyUp", "value": key}));
        for m in modifiers.iter().rev() {
            steps.push(json!({"type": "keyUp", "value": m}));
        }
        self.actions(json!([{"type": "key", "id": "keyboard", "actions": steps}]));
    }

    /// Presses a key that may end the app (Ctrl+Q): the driver may lose the window before the
    /// key is released, so a failed request is returned, not a panic.
    pub fn press_to_quit(&self, modifiers: &[&str], key: &str) -> Result<(), String> {
        let mut steps = Vec::new();
        for m in modifiers {
            steps.push(json!({"type": "keyDown", "value": m}));
        }
        steps.push(json!({"type": "keyDown", "value": key}));
        steps.push(json!({"type": "keyUp", "value": key}));
        for m in modifiers.iter().rev() {
            steps.push(json!({"type": "keyUp", "value": m}));
        }
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": steps}]});
        try_request("POST", &self.url("/actions"), Some(actions)).map(|_| ())
    }

    /// Moves the mouse onto the centre of `css` (plus an offset in CSS px), as hovering does.
    pub fn hover(&self, css: &str, dx: i64, dy: i64) {
        let id = self.wait(css);
        self.actions(json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": element_ref(&id), "x": dx, "y": dy}]}]));
    }

    /// Moves onto `css` and presses and releases the left button there (a real click).
    pub fn pointer_click(&self, css: &str, dx: i64, dy: i64) {
        // An element redrawn between finding it and pressing on it is found again (for up to
        // 20 s), as `click` does.
        let start = Instant::now();
        loop {
            let id = self.wait(css);
            let actions = json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "duration": 0, "origin": element_ref(&id), "x": dx, "y": dy},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0}]}]);
            match try_request(
                "POST",
                &self.url("/actions"),
                Some(json!({ "actions": actions })),
            ) {
                Ok(_) => {
                    let _ = try_request("DELETE", &self.url("/actions"), None);
                    return;
                }
                Err(e)
                    if e.contains("stale element") && start.elapsed() < Duration::from_secs(20) =>
                {
                    let _ = try_request("DELETE", &self.url("/actions"), None);
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("{e}"),
            }
        }
    }

    /// Moves onto the centre of `css` and clicks the right button there (a context menu).
    pub fn context_click(&self, css: &str) {
        let id = self.wait(css);
        self.actions(
            json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "duration": 0, "origin": element_ref(&id), "x": 0, "y": 0},
                {"type": "pointerDown", "button": 2},
                {"type": "pointerUp", "button": 2}]}]),
        );
    }

    /// Presses on `css`, drags by (`dx`, `dy`) CSS px in a few steps, and releases.
    pub fn drag(&self, css: &str, dx: i64, dy: i64) {
        let id = self.wait(css);
        self.actions(json!([{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "duration": 0, "origin": element_ref(&id), "x": 0, "y": 0},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerMove", "duration": 100, "origin": "pointer", "x": dx / 2, "y": dy / 2},
                {"type": "pointerMove", "duration": 100, "origin": "pointer", "x": dx - dx / 2, "y": dy - dy / 2},
                {"type": "pointerUp", "button": 0}]}]));
    }

    /// Resizes the window to `width` × `height`, as dragging its corner does.
    pub fn set_window_size(&self, width: u32, height: u32) {
        request(
            "POST",
            &self.url("/window/rect"),
            Some(json!({"width": width, "height": height})),
        );
    }

    /// Saves what the window shows. WebKitWebDriver takes the picture at the page's next
    /// presentation update; with compositing off (Linux without a GPU) a page where nothing
    /// changes never has one, and the request would wait forever. So a transparent 1×1 element
    /// is touched every 50 ms for two seconds while the picture is taken (it paints nothing).
    pub fn screenshot(&self, path: &std::path::Path) {
        self.script(REPAINT_WHILE_SHOT, json!([]));
        let v = request("GET", &self.url("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["value"].as_str().expect("screenshot data"))
            .expect("base64 screenshot");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG screenshot");
        std::fs::write(path, png).expect("write screenshot");
    }
}

/// The element at the centre of the first element `arguments[0]` selects (for a click that is
/// intercepted).
const ON_TOP: &str = "const r = document.querySelector(arguments[0])?.getBoundingClientRect(); \
  return r ? document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.outerHTML.slice(0, 200) ?? null : null";

/// See `Session::screenshot`: keeps the page presenting frames for two seconds.
const REPAINT_WHILE_SHOT: &str = r#"
let tick = document.getElementById('e2e-repaint');
if (!tick) {
  tick = document.createElement('div');
  tick.id = 'e2e-repaint';
  tick.setAttribute('aria-hidden', 'true');
  tick.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;';
  document.documentElement.append(tick);
}
clearInterval(window.__e2eRepaint);
const until = performance.now() + 2000;
let odd = false;
window.__e2eRepaint = setInterval(() => {
  odd = !odd;
  tick.style.opacity = odd ? '0.99' : '1';
  if (performance.now() > until) clearInterval(window.__e2eRepaint);
}, 50);
return true;"#;

impl Drop for Session {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.id)).call();
        // Give the app a moment to close its workspace before the next session opens it.
        std::thread::sleep(Duration::from_millis(500));
    }
}
