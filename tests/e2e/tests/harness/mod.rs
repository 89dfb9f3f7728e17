//! What the end-to-end test stands on: a tiny static server for `dist/`, chromedriver started
//! on a free port with the flags in `webdriver.json`, and a page wrapper that waits for what it
//! expects and saves screenshots to `target/e2e/`.

#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// How long the page may take to reach a state the test waits for (a wait, not a measurement).
const PATIENCE: Duration = Duration::from_secs(20);

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace")
}

/// `dist/`, or a failure saying how to make it.
pub fn dist() -> PathBuf {
    let dist = root().join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build the site first with `trunk build --release` \
         (scripts/test.sh does, before this test)",
        dist.display()
    );
    dist
}

/// The site built for a subpath (`trunk build --release --public-url /kplay/ --dist
/// target/site-kplay`, as scripts/test.sh does), or a failure saying how to make it.
pub fn subpath_dist() -> PathBuf {
    let dist = root().join("target/site-kplay");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build it with `trunk build --release --public-url /kplay/ --dist \
         target/site-kplay` (scripts/test.sh does, before this test)",
        dist.display()
    );
    dist
}

/// Serves `dir` on a free localhost port, from a thread that lives as long as the test; the
/// address.
pub fn serve(dir: PathBuf) -> String {
    serve_under(dir, "/")
}

/// Serves `dir` under `prefix` (`/kplay/`) only, as GitHub Pages serves a project's site: any
/// other path is not found. The address, without the prefix.
pub fn serve_under(dir: PathBuf, prefix: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!("http://{}", listener.local_addr().expect("an address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir, prefix));
        }
    });
    address
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let mut request = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("a stream"));
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The rest of the request head is not needed; read it so the client is not cut off.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let under = path.strip_prefix(prefix);
    let path = under.unwrap_or_default();
    let path = if path.is_empty() { "index.html" } else { path };
    let file = dir.join(path);
    let inside = under.is_some() && !path.split('/').any(|part| part == "..");
    let (status, body) = match std::fs::read(&file) {
        Ok(body) if inside => ("200 OK", body),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}

/// chromedriver, stopped when dropped.
pub struct Driver {
    child: Child,
    /// Its WebDriver address.
    pub url: String,
}

impl Driver {
    /// Starts `$CHROMEDRIVER` (default `/usr/bin/chromedriver`) on a free port.
    pub fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a port");
        let binary = std::env::var("CHROMEDRIVER").unwrap_or("/usr/bin/chromedriver".into());
        let child = Command::new(&binary)
            .arg(format!("--port={}", port.port()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary} ({e}): run scripts/bootstrap.sh"));
        let started = Instant::now();
        while TcpStream::connect(port).is_err() {
            assert!(started.elapsed() < PATIENCE, "{binary} never listened on {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, url: format!("http://{port}") }
    }

    /// A browser session with `webdriver.json`'s Chromium flags and a fixed window size.
    pub async fn session(&self) -> Client {
        let file = root().join("webdriver.json");
        let text = std::fs::read_to_string(&file).expect("webdriver.json");
        let mut caps: serde_json::Map<String, Value> =
            serde_json::from_str(&text).expect("webdriver.json is a JSON object");
        if let Some(Value::Array(args)) = caps
            .get_mut("goog:chromeOptions")
            .and_then(|o| o.as_object_mut())
            .and_then(|o| o.get_mut("args"))
        {
            // Larger than the browser tests' laptop screen, so a screenshot shows more.
            args.retain(|a| !a.as_str().is_some_and(|a| a.starts_with("--window-size=")));
            args.push(json!("--window-size=1400,1000"));
        }
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("no browser session from chromedriver: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page in one tab, with waits and screenshots.
pub struct Page {
    /// The WebDriver session.
    pub client: Client,
}

impl Page {
    /// The first element matching `css`.
    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// The text of the first element matching `css` (empty if none).
    pub async fn text(&self, css: &str) -> String {
        match self.client.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let e = self.client.find(Locator::Css(css)).await.ok()?;
        e.attr(name).await.ok().flatten()
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Runs `script` in the page; its result.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Waits until `ready` holds of the page, failing with `what` if it never does.
    pub async fn wait_for<F, Fut>(&self, what: &str, mut ready: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let started = Instant::now();
        while !ready().await {
            if started.elapsed() > PATIENCE {
                self.screenshot("failed").await;
                panic!(
                    "the page never reached the expected state: {what} (see target/e2e/failed.png)"
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The step the clock shows.
    pub async fn step(&self) -> u64 {
        let text = self.text(".clock-step").await;
        text.rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("the clock shows no step: {text:?}"))
    }

    /// The leader shown for a partition of the drawn topic.
    pub async fn leader(&self, partition: i32) -> Option<i32> {
        let css = format!(".partition-log[data-partition=\"{partition}\"]");
        self.attr(&css, "data-leader").await.and_then(|l| l.parse().ok())
    }

    /// Saves a screenshot as `target/e2e/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let dir = root().join("target/e2e");
        std::fs::create_dir_all(&dir).expect("target/e2e");
        // Two animation frames first: what just scrolled into view (`content-visibility: auto`)
        // is drawn on the next frame, not at once.
        let frames = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => requestAnimationFrame(() => done()));";
        let _ = self.client.execute_async(frames, Vec::new()).await;
        if let Ok(png) = self.client.screenshot().await {
            std::fs::write(dir.join(format!("{name}.png")), png).expect("a screenshot");
        }
    }
}
