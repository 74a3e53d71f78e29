//! A minimal W3C WebDriver client for tauri-driver: just what the end-to-end tests use.

use base64::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

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

    /// Clicks the element `css`, finding it again if the page re-rendered meanwhile.
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
                    if (e.contains("stale element") || e.contains("not interactable"))
                        && start.elapsed() < Duration::from_secs(20) =>
                {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("{e}"),
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

    pub fn screenshot(&self, path: &std::path::Path) {
        let v = request("GET", &self.url("/screenshot"), None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(v["value"].as_str().expect("screenshot data"))
            .expect("base64 screenshot");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG screenshot");
        std::fs::write(path, png).expect("write screenshot");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.id)).call();
        // Give the app a moment to close its workspace before the next session opens it.
        std::thread::sleep(Duration::from_millis(500));
    }
}
