//! A minimal DevTools-protocol client over `--remote-debugging-pipe`: the
//! browser reads NUL-terminated JSON commands on its descriptor 3 and writes
//! replies and events on descriptor 4; a shell maps them to our pipes.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A message the page wrote to its console, or an error the browser logged
/// about it (a failed request, a blocked resource, an uncaught exception).
#[derive(Debug, Clone)]
#[allow(dead_code)] // read through `Debug` in failure messages
pub struct Problem {
    pub kind: String,
    pub text: String,
}

pub struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    session: String,
    pub problems: Vec<Problem>,
    _profile: tempfile::TempDir,
}

const TIMEOUT: Duration = Duration::from_secs(30);

impl Browser {
    pub fn launch(executable: &std::path::Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile folder");
        let mut args = super::base_args(profile.path());
        args.push("--remote-debugging-pipe".to_owned());
        args.push("about:blank".to_owned());
        let quoted: Vec<String> = std::iter::once(executable.display().to_string())
            .chain(args)
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let script = format!(
            "exec {} 3<&0 4>&1 0</dev/null 1>/dev/null",
            quoted.join(" ")
        );
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromium");
        let input = child.stdin.take().expect("browser input");
        let output = child.stdout.take().expect("browser output");
        let (sender, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut buffer = Vec::new();
                match reader.read_until(0, &mut buffer) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        buffer.pop();
                        if let Ok(message) = serde_json::from_slice(&buffer)
                            && sender.send(message).is_err()
                        {
                            return;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            input,
            messages,
            next_id: 0,
            session: String::new(),
            problems: Vec::new(),
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", &json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("target id").to_owned();
        let attached = browser.call(
            "Target.attachToTarget",
            &json!({"targetId": target_id, "flatten": true}),
        );
        attached["sessionId"]
            .as_str()
            .expect("session")
            .clone_into(&mut browser.session);
        for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
            browser.call(domain, &json!({}));
        }
        browser
    }

    /// Sends a command (to the page once attached) and waits for its reply,
    /// noting the problems reported meanwhile.
    pub fn call(&mut self, method: &str, params: &Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|error| panic!("{method} failed: {error}"))
    }

    /// [`Browser::call`], with the browser's error as an `Err`.
    fn try_call(&mut self, method: &str, params: &Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("JSON");
        bytes.push(0);
        self.input.write_all(&bytes).expect("write to the browser");
        self.input.flush().expect("flush");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let reply = match self.messages.recv_timeout(left) {
                Ok(reply) => reply,
                Err(RecvTimeoutError::Timeout) => panic!("no reply to {method} within {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the browser went away during {method}")
                }
            };
            if reply["id"] == json!(id) {
                return match reply.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(reply["result"].clone()),
                };
            }
            self.note(&reply);
        }
    }

    fn note(&mut self, event: &Value) {
        let params = &event["params"];
        match event["method"].as_str() {
            Some("Runtime.consoleAPICalled") => {
                let kind = params["type"].as_str().unwrap_or_default();
                // Warnings are left out: they do not stop a page working.
                if kind == "error" || kind == "assert" {
                    let text: Vec<String> = params["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| {
                            a["value"]
                                .as_str()
                                .map_or_else(|| a["description"].to_string(), str::to_owned)
                        })
                        .collect();
                    self.problems.push(Problem {
                        kind: format!("console.{kind}"),
                        text: text.join(" "),
                    });
                }
            }
            Some("Runtime.exceptionThrown") => self.problems.push(Problem {
                kind: "exception".to_owned(),
                text: params["exceptionDetails"].to_string(),
            }),
            Some("Log.entryAdded") => {
                let entry = &params["entry"];
                if entry["level"] == json!("error") {
                    self.problems.push(Problem {
                        kind: format!("log.{}", entry["level"].as_str().unwrap_or_default()),
                        text: format!("{} {}", entry["text"], entry["url"]),
                    });
                }
            }
            _ => {}
        }
    }

    pub fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", &json!({"url": url}));
    }

    /// Presses and releases one key (`Tab`, `" "`) in the page.
    pub fn press(&mut self, key: &str) {
        let (code, text, key_code) = match key {
            "Tab" => ("Tab", "", 9),
            " " => ("Space", " ", 32),
            other => panic!("no key code for {other}"),
        };
        for kind in ["keyDown", "keyUp"] {
            let mut event = json!({"type": kind, "key": key, "code": code,
                "windowsVirtualKeyCode": key_code});
            if kind == "keyDown" && !text.is_empty() {
                event["text"] = json!(text);
            }
            self.call("Input.dispatchKeyEvent", &event);
        }
    }

    /// Lays pages out as on a phone of this width.
    pub fn phone_width(&mut self, width: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            &json!({"width": width, "height": 800, "deviceScaleFactor": 2, "mobile": true}),
        );
    }

    /// Turns JavaScript off for the next pages.
    pub fn without_scripts(&mut self) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            &json!({"value": true}),
        );
    }

    /// Evaluates an expression in the page (awaiting a promise) and returns
    /// its value.
    pub fn eval(&mut self, expression: &str) -> Value {
        self.try_eval(expression)
            .unwrap_or_else(|error| panic!("Runtime.evaluate failed: {error}"))
    }

    /// Runs an expression that may take the page elsewhere (a click on a
    /// link, `history.back()`). It runs once its evaluation has answered:
    /// a page that leaves while an evaluation runs loses the answer.
    pub fn leave_by(&mut self, expression: &str) {
        self.eval(&format!("setTimeout(() => {{ {expression}; }}, 0)"));
    }

    /// [`Browser::eval`], with the browser's error as an `Err`: an
    /// evaluation made while the page changes may find no page to run in.
    fn try_eval(&mut self, expression: &str) -> Result<Value, Value> {
        let result = self.try_call(
            "Runtime.evaluate",
            &json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        assert!(
            result.get("exceptionDetails").is_none(),
            "`{expression}` threw: {}",
            result["exceptionDetails"]
        );
        Ok(result["result"]["value"].clone())
    }

    /// Waits until `condition` is true in the page, then returns `value`.
    /// The page may be changing meanwhile: an evaluation that finds no
    /// page to run in is made again.
    pub fn wait_for(&mut self, condition: &str, value: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let met = self.try_eval(&format!("Boolean({condition})"));
            if met == Ok(json!(true)) {
                return self.eval(value);
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for `{condition}`"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
