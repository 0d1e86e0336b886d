//! Debian's chromium, headless, through its chromedriver; and the few things the
//! scenarios do with a page, each waiting (up to a limit) for the app to get there.

use std::net::TcpListener;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::process::{Child, Command};

use crate::paths;

/// How long a step may wait for the app (a page load, an answer of the API).
const STEP_TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);
/// More Tab stops than any page has: a walk that needs more is lost.
const MAX_TAB_STOPS: usize = 150;
const CHROMIUM_ARGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
];

/// A chromedriver with one browser session.
pub struct Browser {
    client: Client,
    /// chromedriver's address, for the browser log (which fantoccini does not read).
    webdriver: String,
    /// Killed on drop, with the browser it started.
    _driver: Child,
    _profile: TempDir,
}

impl Browser {
    pub async fn start() -> anyhow::Result<Self> {
        let chromium = paths::program("CHROMIUM", "/usr/bin/chromium", "chromium")?;
        let chromedriver = paths::program("CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver")?;
        let port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", chromedriver.display()))?;
        let webdriver = format!("http://127.0.0.1:{port}");
        wait_until_ready(&webdriver).await?;

        let profile = tempfile::tempdir().context("creating a browser profile folder")?;
        let mut args: Vec<String> = CHROMIUM_ARGS.iter().map(|a| (*a).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        // The browser's console log, read after each scenario: Chromium reports
        // every Content Security Policy violation there.
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args},
            "goog:loggingPrefs": {"browser": "ALL"},
        });
        let Value::Object(capabilities) = capabilities else {
            bail!("capabilities are an object");
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&webdriver)
            .await
            .context("opening a chromium session through chromedriver")?;
        Ok(Self {
            client,
            webdriver,
            _driver: driver,
            _profile: profile,
        })
    }

    pub fn page(self, base_url: &str) -> Page {
        Page {
            browser: self,
            base_url: base_url.to_owned(),
            accessibility_checks: AtomicUsize::new(0),
        }
    }
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

async fn wait_until_ready(webdriver: &str) -> anyhow::Result<()> {
    let started = Instant::now();
    let client = reqwest::Client::new();
    loop {
        if let Ok(response) = client.get(format!("{webdriver}/status")).send().await
            && response.status().is_success()
        {
            return Ok(());
        }
        if started.elapsed() > STEP_TIMEOUT {
            bail!(
                "chromedriver did not answer on {webdriver} within {}s",
                STEP_TIMEOUT.as_secs()
            );
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The browser on the app. CSS selectors throughout; every lookup waits.
pub struct Page {
    browser: Browser,
    base_url: String,
    /// How many page states axe has checked, for the scenario's summary.
    accessibility_checks: AtomicUsize,
}

impl Page {
    pub fn client(&self) -> &Client {
        &self.browser.client
    }

    pub(crate) fn count_accessibility_check(&self) {
        self.accessibility_checks.fetch_add(1, Ordering::Relaxed);
    }

    /// How many page states passed the accessibility check so far.
    pub fn accessibility_checks(&self) -> usize {
        self.accessibility_checks.load(Ordering::Relaxed)
    }

    /// The Content Security Policy violations the browser reported since the last
    /// call (chromedriver hands out each log entry once). Chromium logs each, e.g.
    /// "Refused to execute inline script because it violates the following
    /// Content Security Policy directive: …".
    pub async fn take_csp_violations(&self) -> anyhow::Result<Vec<String>> {
        let session = self
            .client()
            .session_id()
            .await?
            .context("the browser session has no id")?;
        let response: Value = reqwest::Client::new()
            .post(format!("{}/session/{session}/se/log", self.browser.webdriver))
            .json(&json!({"type": "browser"}))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .context("reading the browser log from chromedriver")?
            .json()
            .await?;
        let entries = response["value"].as_array().context("the browser log is a list")?;
        Ok(entries
            .iter()
            .filter_map(|entry| entry["message"].as_str())
            .filter(|message| message.contains("Content Security Policy"))
            .map(str::to_owned)
            .collect())
    }

    /// Opens a path of the app, e.g. `/regio/twente`.
    pub async fn goto(&self, path: &str) -> anyhow::Result<()> {
        let url = format!("{}{path}", self.base_url);
        self.client()
            .goto(&url)
            .await
            .with_context(|| format!("opening {url}"))?;
        // The app loads each page's part as many small modules, and the browser
        // keeps only 250 resource timings by default: too few for
        // `loaded_modules` once a visit has opened a few pages.
        self.script("performance.setResourceTimingBufferSize(100000);", vec![])
            .await?;
        Ok(())
    }

    pub async fn url(&self) -> anyhow::Result<String> {
        Ok(self.client().current_url().await?.to_string())
    }

    /// The path (and query) the app shows now.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client().current_url().await?;
        Ok(match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        })
    }

    pub async fn reload(&self) -> anyhow::Result<()> {
        Ok(self.client().refresh().await?)
    }

    /// The browser's back button.
    pub async fn back(&self) -> anyhow::Result<()> {
        Ok(self.client().back().await?)
    }

    /// Waits for an element to exist.
    pub async fn find(&self, css: &str) -> anyhow::Result<Element> {
        self.client()
            .wait()
            .at_most(STEP_TIMEOUT)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("waiting for `{css}`"))
    }

    pub async fn find_all(&self, css: &str) -> anyhow::Result<Vec<Element>> {
        Ok(self.client().find_all(Locator::Css(css)).await?)
    }

    /// Whether an element exists right now (no waiting).
    pub async fn exists(&self, css: &str) -> anyhow::Result<bool> {
        Ok(!self.find_all(css).await?.is_empty())
    }

    /// Waits until an element with `css` shows `text` (a substring).
    pub async fn wait_text(&self, css: &str, text: &str) -> anyhow::Result<Element> {
        let started = Instant::now();
        let mut last = String::new();
        loop {
            for element in self.find_all(css).await? {
                // The element may be replaced while we read it; then look again.
                if let Ok(shown) = element.text().await {
                    if shown.contains(text) {
                        return Ok(element);
                    }
                    last = shown;
                }
            }
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for `{css}` to show {text:?}; it shows {last:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the first element matching `css` has `name="value"`.
    pub async fn wait_attr(&self, css: &str, name: &str, value: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let found = match self.find_all(css).await?.first() {
                Some(element) => element.attr(name).await.ok().flatten(),
                None => None,
            };
            if found.as_deref() == Some(value) {
                return Ok(());
            }
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for `{css}` to have {name}={value:?}; it has {found:?}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        while self.exists(css).await? {
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for `{css}` to go away");
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }

    /// Waits until the app's URL path is `path`.
    pub async fn wait_path(&self, test: impl Fn(&str) -> bool, what: &str) -> anyhow::Result<String> {
        let started = Instant::now();
        loop {
            let path = self.path().await?;
            if test(&path) {
                return Ok(path);
            }
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for the URL to be {what}; it is {path}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Replaces an input's text.
    pub async fn fill(&self, css: &str, text: &str) -> anyhow::Result<()> {
        let input = self.find(css).await?;
        input.clear().await.with_context(|| format!("clearing `{css}`"))?;
        input
            .send_keys(text)
            .await
            .with_context(|| format!("typing into `{css}`"))?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> anyhow::Result<()> {
        let element = self.find(css).await?;
        element.click().await.with_context(|| format!("clicking `{css}`"))
    }

    pub async fn select(&self, css: &str, value: &str) -> anyhow::Result<()> {
        let element = self.find(css).await?;
        element
            .select_by_value(value)
            .await
            .with_context(|| format!("choosing {value:?} in `{css}`"))
    }

    pub async fn attr(&self, css: &str, name: &str) -> anyhow::Result<Option<String>> {
        Ok(self.find(css).await?.attr(name).await?)
    }

    /// Runs JavaScript in the page (for what a user cannot do by clicking, like
    /// tampering with the stored session).
    pub async fn script(&self, code: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        Ok(self.client().execute(code, args).await?)
    }

    /// Makes the app's next `times` API calls (every call with `None`) carry
    /// `Bearer <token>` instead of its own access token, as if that were the token
    /// it holds: the token lives only in the app's memory, out of a test's reach.
    /// Until the next page load; `window.__refreshes` counts the refreshes meanwhile.
    pub async fn swap_bearer(&self, token: &str, times: Option<u32>) -> anyhow::Result<()> {
        self.script(SWAP_BEARER, vec![Value::from(token), Value::from(times)])
            .await
            .map(drop)
    }

    /// The file names of the WebAssembly modules the page has downloaded so far:
    /// the main module and the parts of the pages shown.
    pub async fn loaded_modules(&self) -> anyhow::Result<Vec<String>> {
        let names = self
            .script(
                "return performance.getEntriesByType('resource')
                    .map(entry => new URL(entry.name).pathname.split('/').pop())
                    .filter(name => name.endsWith('.wasm'));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(names)?)
    }

    /// Presses keys wherever the focus is, as someone using the keyboard alone.
    pub async fn press(&self, keys: &[Key]) -> anyhow::Result<()> {
        self.keyboard(keys.iter().map(|&key| char::from(key))).await
    }

    /// Types text into whatever has the focus.
    pub async fn type_text(&self, text: &str) -> anyhow::Result<()> {
        self.keyboard(text.chars()).await
    }

    /// Presses `key` while `modifier` is held, e.g. Shift+Tab or Control+A.
    pub async fn chord(&self, modifier: Key, key: impl Into<char>) -> anyhow::Result<()> {
        let (modifier, value) = (char::from(modifier), key.into());
        let actions = KeyActions::new("keyboard".to_owned())
            .then(KeyAction::Down { value: modifier })
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value })
            .then(KeyAction::Up { value: modifier });
        Ok(self.client().perform_actions(actions).await?)
    }

    /// Replaces the text of the focused field: select all, then type.
    pub async fn retype(&self, text: &str) -> anyhow::Result<()> {
        self.chord(Key::Control, 'a').await?;
        self.press(&[Key::Backspace]).await?;
        self.type_text(text).await
    }

    /// Each key pressed and let go in turn.
    async fn keyboard(&self, keys: impl Iterator<Item = char>) -> anyhow::Result<()> {
        let mut actions = KeyActions::new("keyboard".to_owned());
        for value in keys {
            actions = actions.then(KeyAction::Down { value }).then(KeyAction::Up { value });
        }
        Ok(self.client().perform_actions(actions).await?)
    }

    /// Presses Tab until `css` has the focus, checking at every stop on the way
    /// that the focus can be seen; at most a page's worth. Nothing to press when
    /// it has the focus already.
    pub async fn tab_to(&self, css: &str) -> anyhow::Result<()> {
        self.tab_until(css, false).await
    }

    /// [`Page::tab_to`] backwards, with Shift+Tab.
    pub async fn shift_tab_to(&self, css: &str) -> anyhow::Result<()> {
        self.tab_until(css, true).await
    }

    async fn tab_until(&self, css: &str, backwards: bool) -> anyhow::Result<()> {
        if self.focus_matches(css).await? {
            return self.check_focus_visible().await;
        }
        for _ in 0..MAX_TAB_STOPS {
            if backwards {
                self.chord(Key::Shift, Key::Tab).await?;
            } else {
                self.press(&[Key::Tab]).await?;
            }
            // Past the page's last stop the focus leaves the page for a step
            // (the document itself has it) before it comes round again.
            if self.focus_matches("body").await? {
                continue;
            }
            self.check_focus_visible()
                .await
                .with_context(|| format!("tabbing to `{css}`"))?;
            if self.focus_matches(css).await? {
                return Ok(());
            }
        }
        bail!("{MAX_TAB_STOPS} presses of Tab never reached `{css}`")
    }

    /// Chooses the option `value` of the focused select with the arrow keys (as a
    /// keyboard user does, without opening it): Home, then Down until it is chosen.
    pub async fn arrow_to_option(&self, value: &str) -> anyhow::Result<()> {
        const CHOSEN: &str = "return document.activeElement.value";
        self.press(&[Key::Home]).await?;
        for _ in 0..MAX_TAB_STOPS {
            if self.script(CHOSEN, vec![]).await? == json!(value) {
                return Ok(());
            }
            self.press(&[Key::Down]).await?;
        }
        bail!("the arrow keys never chose {value:?} in the focused select")
    }

    /// Whether the element with the focus matches `css`.
    async fn focus_matches(&self, css: &str) -> anyhow::Result<bool> {
        let matches = self
            .script("return document.activeElement.matches(arguments[0])", vec![json!(css)])
            .await?;
        Ok(matches == Value::Bool(true))
    }

    /// Fails unless something has the focus and shows it (WCAG 2.4.7): an outline
    /// or a box shadow by its computed style, on an element with a size.
    pub async fn check_focus_visible(&self) -> anyhow::Result<()> {
        let problem = self
            .script(
                "const e = document.activeElement;
                 if (!e || e === document.body) return 'nothing has the focus';
                 const s = getComputedStyle(e);
                 const r = e.getBoundingClientRect();
                 const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
                 const shadow = s.boxShadow && s.boxShadow !== 'none';
                 const what = e.outerHTML.slice(0, 160);
                 if (!outline && !shadow) return 'the focus does not show (no outline, no box shadow) on ' + what;
                 if (r.width === 0 || r.height === 0) return 'the focus is on an element with no size: ' + what;
                 return null;",
                vec![],
            )
            .await?;
        match problem {
            Value::String(problem) => bail!("{problem}"),
            _ => Ok(()),
        }
    }

    /// Waits until the app's live region (`#announcer`) says `text`; what a
    /// screen reader reads out after a save.
    pub async fn wait_announced(&self, text: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let said = self
                .script(
                    "const e = document.getElementById('announcer');
                     return e ? [e.getAttribute('aria-live'), e.textContent] : null;",
                    vec![],
                )
                .await?;
            if said[0] == json!("polite") && said[1].as_str().is_some_and(|said| said.contains(text)) {
                return Ok(());
            }
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for the live region to say {text:?}; it is {said}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the page's `h1` has the focus (as after every change of page)
    /// and shows it.
    pub async fn wait_heading_focus(&self) -> anyhow::Result<()> {
        self.wait_focus("main h1")
            .await
            .context("the focus did not move to the new page's heading")?;
        self.check_focus_visible().await
    }

    /// Waits until the JavaScript expression `condition` is true in the page, e.g.
    /// for a smooth scroll to move; `what` says what was awaited.
    pub async fn wait_until(&self, condition: &str, what: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        let code = format!("return Boolean({condition})");
        while self.script(&code, vec![]).await? != Value::Bool(true) {
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for {what} ({condition})");
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }

    /// Waits until the element that has the focus matches `css`.
    pub async fn wait_focus(&self, css: &str) -> anyhow::Result<()> {
        let started = Instant::now();
        loop {
            let focused = self
                .script(
                    "const e = document.activeElement; \
                     return [e && e.matches(arguments[0]), e ? e.outerHTML.slice(0, 120) : 'nothing'];",
                    vec![json!(css)],
                )
                .await?;
            if focused[0] == Value::Bool(true) {
                return Ok(());
            }
            if started.elapsed() > STEP_TIMEOUT {
                bail!("waiting for the focus to be on `{css}`; it is on {}", focused[1]);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Logs in through the login form and waits for the signed-in frame. On a
    /// public page, where no form shows, through the header's login link first.
    pub async fn login(&self, email: &str, password: &str) -> anyhow::Result<()> {
        // Wait for the page (a login form or a public page's heading) before choosing.
        self.find("#login-email, main h1").await?;
        if !self.exists("#login-email").await? {
            self.click("a.login-link").await?;
        }
        self.fill("#login-email", email).await?;
        self.fill("#login-password", password).await?;
        self.click("form button[type=submit]").await?;
        self.find(".logout").await.context("the app did not sign in")?;
        Ok(())
    }

    pub async fn save_screenshot(&self, path: &Path) -> anyhow::Result<()> {
        let png = self.client().screenshot().await?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(&self) {
        let _ = self.client().clone().close().await;
    }

    /// Resizes the window, e.g. to a phone's 390×844.
    pub async fn resize(&self, width: u32, height: u32) -> anyhow::Result<()> {
        Ok(self.client().set_window_size(width, height).await?)
    }
}

/// Wraps `window.fetch` (which the app's requests go through) for [`Page::swap_bearer`].
const SWAP_BEARER: &str = "
    const original = window.__originalFetch || window.fetch;
    window.__originalFetch = original;
    window.__swap = {token: arguments[0], times: arguments[1]};
    window.__refreshes = 0;
    window.fetch = function (input, init) {
        const request = new Request(input, init);
        if (request.url.endsWith('/auth/refresh')) window.__refreshes += 1;
        const swap = window.__swap;
        if (request.headers.has('Authorization') && (swap.times === null || swap.times > 0)) {
            if (swap.times !== null) swap.times -= 1;
            const headers = new Headers(request.headers);
            headers.set('Authorization', 'Bearer ' + swap.token);
            return original.call(window, new Request(request, {headers}));
        }
        return original.call(window, request);
    };";
