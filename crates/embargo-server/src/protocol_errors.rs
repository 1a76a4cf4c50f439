//! JSON bodies for the errors hyper answers by itself.
//!
//! When a request head cannot be parsed (a malformed request line or
//! header: 400; a head larger than the limit: 431; a URI past hyper's
//! 64 KiB: 414), hyper writes a response of its own, with an empty body,
//! before any handler runs, and closes the connection; it offers no hook
//! to change that response. [`ProtocolErrorBodies`] sits between hyper
//! and the socket and replaces exactly those responses, as they are
//! written, with the same status and the JSON body every other error of
//! the server has ([`crate::errors::ErrorBody`]).
//!
//! What is recognised: a write that ends with a complete response head
//! `HTTP/1.1 400|414|431 ...` carrying `content-length: 0`. No response of
//! the application looks like that: every 4xx it sends has a JSON body
//! (see [`crate::errors::json_errors`]), and response bodies are JSON, UTF-8
//! text or the UI's files, none of which holds a raw CR LF followed by a
//! status line. Hyper is told to write each response as one buffer
//! ([`ProtocolErrorBodies`] does not take vectored writes), so its error
//! head ends a write.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::errors::ApiError;

/// The statuses hyper answers parse errors with.
const HYPER_STATUSES: [u16; 3] = [400, 414, 431];

/// An I/O stream whose outgoing hyper error responses get JSON bodies.
#[derive(Debug)]
pub struct ProtocolErrorBodies<S> {
    inner: S,
    /// Replacement bytes not yet written to `inner`.
    pending: Vec<u8>,
    /// How much of `pending` is written.
    written: usize,
    /// The largest request head, in bytes, for the 431 message.
    max_head_bytes: usize,
}

impl<S> ProtocolErrorBodies<S> {
    /// Wraps `inner`; `max_head_bytes` is named in the 431 message.
    pub fn new(inner: S, max_head_bytes: usize) -> ProtocolErrorBodies<S> {
        ProtocolErrorBodies {
            inner,
            pending: Vec::new(),
            written: 0,
            max_head_bytes,
        }
    }
}

impl<S: AsyncWrite + Unpin> ProtocolErrorBodies<S> {
    /// Writes what is pending; ready once all of it is written.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.written < self.pending.len() {
            let wrote =
                ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.written..]))?;
            if wrote == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.written += wrote;
        }
        self.pending.clear();
        self.written = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for ProtocolErrorBodies<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for ProtocolErrorBodies<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        ready!(this.poll_drain(cx))?;
        match rewrite(buf, this.max_head_bytes) {
            Some(replacement) => {
                this.pending = replacement;
                this.written = 0;
                // The bytes are taken. Start writing the replacement now;
                // what is left (and any error) is met by the flush or
                // shutdown hyper sends next.
                let _ = this.poll_drain(cx);
                Poll::Ready(Ok(buf.len()))
            }
            None => Pin::new(&mut this.inner).poll_write(cx, buf),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.poll_drain(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        ready!(this.poll_drain(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

/// `buf` with a trailing hyper error response replaced by one with a
/// JSON body, or `None` when it ends with no such response.
fn rewrite(buf: &[u8], max_head_bytes: usize) -> Option<Vec<u8>> {
    if !buf.ends_with(b"\r\n\r\n") {
        return None;
    }
    let start = find_last(buf, b"HTTP/1.1 ")?;
    let head = &buf[start..];
    // One head only: no blank line before its end.
    if find_last(&head[..head.len() - 2], b"\r\n\r\n").is_some() {
        return None;
    }
    let status: u16 = std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()?;
    if !HYPER_STATUSES.contains(&status)
        || !contains_ignore_case(head, b"\r\ncontent-length: 0\r\n")
    {
        return None;
    }
    let status = StatusCode::from_u16(status).ok()?;
    let body =
        serde_json::to_vec(&ApiError::new(status, detail(status, max_head_bytes)).body()).ok()?;
    let status_line_end = find_first(head, b"\r\n")?;
    let mut out = Vec::with_capacity(start + head.len() + body.len() + 96);
    out.extend_from_slice(&buf[..start]);
    out.extend_from_slice(&head[..status_line_end]);
    out.extend_from_slice(b"\r\ncontent-type: application/json");
    out.extend_from_slice(format!("\r\ncontent-length: {}", body.len()).as_bytes());
    out.extend_from_slice(b"\r\nconnection: close");
    // The remaining headers (date), without hyper's content-length.
    for line in head[status_line_end + 2..head.len() - 4].split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || starts_with_ignore_case(line, b"content-length:") {
            continue;
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(line);
    }
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&body);
    Some(out)
}

/// What went wrong, for each status hyper sends.
fn detail(status: StatusCode, max_head_bytes: usize) -> String {
    match status.as_u16() {
        431 => format!(
            "request head too large: the request line and headers may take at most \
             {max_head_bytes} bytes, in at most 100 header fields"
        ),
        414 => "request URI too long".to_string(),
        _ => "malformed HTTP/1.1 request: the request line or a header could not be parsed"
            .to_string(),
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

fn find_first(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

fn starts_with_ignore_case(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn hyper_error_heads_get_a_json_body() {
        let head = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Fri, 04 Dec 2026 10:00:00 GMT\r\n\r\n";
        let out = String::from_utf8(rewrite(head, 32768).unwrap()).unwrap();
        let (headers, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(headers.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(headers.contains("content-type: application/json"));
        assert!(headers.contains("date: Fri, 04 Dec 2026"));
        assert!(!headers.contains("content-length: 0"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["status"], 431);
        assert!(json["detail"].as_str().unwrap().contains("32768 bytes"));
        assert!(headers.contains(&format!("content-length: {}", body.len())));
    }

    #[test]
    fn application_responses_pass_unchanged() {
        let ours = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 55\r\n\r\n";
        assert!(rewrite(ours, 1).is_none());
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(rewrite(ok, 1).is_none());
        let body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert!(rewrite(body, 1).is_none());
    }

    #[test]
    fn an_error_after_an_earlier_response_in_the_same_write_is_replaced() {
        let mut buf = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec();
        buf.extend_from_slice(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
        let out = String::from_utf8(rewrite(&buf, 1).unwrap()).unwrap();
        assert!(out.starts_with("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 400"));
        assert!(out.ends_with('}'));
    }
}
