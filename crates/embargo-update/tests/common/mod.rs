//! A scriptable HTTP/1.1 server on 127.0.0.1 for the update tests: each
//! path answers from a queue of replies (the last one repeats), and every
//! request is logged with its headers.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with the body and validators; 304 when the request's
    /// `If-None-Match` equals `etag`.
    File {
        body: Arc<Vec<u8>>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
    /// An empty answer with this status.
    Status(u16),
    /// `Content-Length` of the whole body, but only `send` bytes, then the
    /// connection closes.
    Truncated { body: Arc<Vec<u8>>, send: usize },
    /// Headers and `send` bytes of the body, then silence for `pause`.
    Stall {
        body: Arc<Vec<u8>>,
        send: usize,
        pause: Duration,
    },
}

impl Reply {
    /// A plain 200 without validators.
    pub fn body(body: &Arc<Vec<u8>>) -> Reply {
        Reply::File {
            body: Arc::clone(body),
            etag: None,
            last_modified: None,
        }
    }

    /// A 200 with an `ETag` and a `Last-Modified`.
    pub fn tagged(body: &Arc<Vec<u8>>, etag: &str, last_modified: &str) -> Reply {
        Reply::File {
            body: Arc::clone(body),
            etag: Some(etag.to_string()),
            last_modified: Some(last_modified.to_string()),
        }
    }
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Logged {
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

/// The server; it runs until the test process ends.
pub struct TestServer {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, VecDeque<Reply>>>>,
    log: Arc<Mutex<Vec<Logged>>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, VecDeque<Reply>>>> = Arc::default();
        let log: Arc<Mutex<Vec<Logged>>> = Arc::default();
        let (thread_routes, thread_log) = (Arc::clone(&routes), Arc::clone(&log));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (routes, log) = (Arc::clone(&thread_routes), Arc::clone(&thread_log));
                std::thread::spawn(move || serve(stream, &routes, &log));
            }
        });
        TestServer { base, routes, log }
    }

    /// Replaces the script of `path` (`/un/consolidated.xml`).
    pub fn script(&self, path: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .unwrap()
            .insert(path.to_string(), replies.into());
    }

    /// The requests received so far, and forget them.
    pub fn take_log(&self) -> Vec<Logged> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

/// Answers one request, then closes the connection.
fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, VecDeque<Reply>>>,
    log: &Mutex<Vec<Logged>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let reply = next_reply(routes, &path);
    log.lock().unwrap().push(Logged {
        path,
        headers: headers.clone(),
    });
    let _ = answer(stream, reply, &headers);
}

/// Pops the next reply of `path`, keeping the last one.
fn next_reply(routes: &Mutex<HashMap<String, VecDeque<Reply>>>, path: &str) -> Reply {
    let mut routes = routes.lock().unwrap();
    match routes.get_mut(path) {
        Some(queue) if queue.len() > 1 => queue.pop_front().unwrap(),
        Some(queue) => queue.front().cloned().unwrap_or(Reply::Status(404)),
        None => Reply::Status(404),
    }
}

fn answer(
    mut stream: TcpStream,
    reply: Reply,
    headers: &HashMap<String, String>,
) -> std::io::Result<()> {
    match reply {
        Reply::File {
            body,
            etag,
            last_modified,
        } => {
            let mut extra = String::new();
            if let Some(etag) = &etag {
                if headers.get("if-none-match") == Some(etag) {
                    return write_head(&mut stream, 304, 0, &format!("ETag: {etag}\r\n"));
                }
                extra.push_str(&format!("ETag: {etag}\r\n"));
            }
            if let Some(modified) = &last_modified {
                extra.push_str(&format!("Last-Modified: {modified}\r\n"));
            }
            write_head(&mut stream, 200, body.len(), &extra)?;
            stream.write_all(&body)
        }
        Reply::Status(status) => write_head(&mut stream, status, 0, ""),
        Reply::Truncated { body, send } => {
            write_head(&mut stream, 200, body.len(), "")?;
            stream.write_all(&body[..send])?;
            stream.flush()
        }
        Reply::Stall { body, send, pause } => {
            write_head(&mut stream, 200, body.len(), "")?;
            stream.write_all(&body[..send])?;
            stream.flush()?;
            std::thread::sleep(pause);
            Ok(())
        }
    }
}

fn write_head(
    stream: &mut TcpStream,
    status: u16,
    length: usize,
    extra: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {length}\r\nConnection: close\r\n{extra}\r\n"
    )
}
