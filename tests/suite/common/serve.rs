//! Running the real `mentorbook serve` in tests: start it on a free port, speak raw HTTP to it
//! (so that `..` and `%2e%2e` reach the server exactly as written) and listen on its reload
//! WebSocket. The server is killed when the handle drops.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// A running `mentorbook serve`.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Every line the server prints (stdout and stderr), in arrival order.
    lines: Receiver<String>,
    /// The lines received so far.
    history: RefCell<Vec<String>>,
}

impl Drop for Server {
    /// Stops the server as a user would (SIGTERM, so it removes its temporary folder), and kills
    /// it if it has not stopped within 5 s.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        // The shell's builtin `kill`: no dependency on a `kill` binary being installed.
        let _ = Command::new("sh").args(["-c", &format!("kill -TERM {pid}")]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The private folder the server builds into, as it prints it at start.
    pub fn out(&self) -> std::path::PathBuf {
        let line = self.printed(|l| l.starts_with("preview files in "));
        std::path::PathBuf::from(line.trim_start_matches("preview files in "))
    }
}

/// Starts `mentorbook serve --root ROOT --port 0 EXTRA...` with `env` set, waits for its URL.
pub fn start(root: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("mentorbook"));
    cmd.args(["serve", "--root", root.to_str().expect("utf-8 path"), "--port", "0"]).args(extra);
    cmd.envs(env.iter().copied()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start mentorbook serve");
    let (tx, lines) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let mut server = Server { child, addr: String::new(), lines, history: RefCell::default() };
    let line = server.wait_for_line(|l| l.contains(" at http://"));
    let url = line.split(" at http://").nth(1).expect("url").split('/').next().expect("host:port");
    server.addr = url.to_string();
    server
}

impl Server {
    /// Waits (up to 20 s) for a new printed line matching `pred`; panics with what was printed.
    pub fn wait_for_line(&self, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.history.borrow_mut().push(line.clone());
                    if pred(&line) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!("the server never printed the expected line; it printed:\n{}", self.history.borrow().join("\n"));
    }

    /// A line matching `pred`, printed earlier or within the next 20 s.
    pub fn printed(&self, pred: impl Fn(&str) -> bool) -> String {
        let earlier = self.history.borrow().iter().find(|l| pred(l)).cloned();
        earlier.unwrap_or_else(|| self.wait_for_line(pred))
    }

    /// `GET raw_path` exactly as written; returns (status, lower-cased headers, body).
    pub fn get(&self, raw_path: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        write!(stream, "GET {raw_path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read response");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        let mut head_lines = head.lines();
        let status = head_lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
        let headers = head_lines.map(str::to_ascii_lowercase).collect();
        Response { status, headers, body: body.to_string() }
    }

    /// Connects to the reload WebSocket.
    pub fn websocket(&self) -> tungstenite::WebSocket<TcpStream> {
        let stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
        let url = format!("ws://{}/__mentorbook/ws", self.addr);
        let (socket, _) = tungstenite::client(url.as_str(), stream).expect("websocket handshake");
        socket
    }
}

/// The next text message on `socket` (fails after the 20 s read timeout).
pub fn next_message(socket: &mut tungstenite::WebSocket<TcpStream>) -> String {
    loop {
        match socket.read().expect("a message before the timeout") {
            tungstenite::Message::Text(text) => return text.to_string(),
            _ => continue,
        }
    }
}

/// One HTTP response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, lower-cased (`content-type: text/html; charset=utf-8`).
    pub headers: Vec<String>,
    /// Body as text.
    pub body: String,
}

impl Response {
    /// The value of header `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|h| h.strip_prefix(&format!("{name}: ")).map(|v| v.trim()))
    }
}
