//! Downloading one file: conditional, streamed to disk, with timeouts,
//! a size limit and retries with exponential backoff.
//!
//! The body goes from the socket to the destination file through a fixed
//! buffer while its SHA-256 is computed, so a file of any size is held in
//! memory only a buffer at a time. Nothing is written anywhere but the
//! destination the caller chose (a staging folder); a failed download
//! leaves a partial file there for the caller to delete with its folder.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use embargo_store::DownloadValidators;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};
use ureq::http::{Response, StatusCode};

use crate::config::DownloadSettings;

/// What embargo calls itself in requests.
const USER_AGENT: &str = concat!(
    "embargo/",
    env!("CARGO_PKG_VERSION"),
    " (sanctions list update; +https://github.com/embargo-screening/embargo)"
);

/// Size of the copy buffer.
const BUFFER_BYTES: usize = 64 * 1024;

/// Why a file could not be downloaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// The server answered with an error status.
    #[error("{url}: the server answered HTTP {status}")]
    Status {
        /// The address.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The server did not answer or stopped sending for longer than the
    /// configured timeout.
    #[error("{url}: timed out ({what})")]
    Timeout {
        /// The address.
        url: String,
        /// Which wait ran out.
        what: String,
    },
    /// The connection ended before the announced length was received.
    #[error("{url}: the download was cut short: {received} of {expected} bytes received")]
    Truncated {
        /// The address.
        url: String,
        /// Bytes the server announced (`Content-Length`).
        expected: u64,
        /// Bytes received.
        received: u64,
    },
    /// The connection broke before the end of the body, which had no
    /// announced length.
    #[error("{url}: the connection broke after {received} bytes: {message}")]
    Broken {
        /// The address.
        url: String,
        /// Bytes received.
        received: u64,
        /// What the client library said.
        message: String,
    },
    /// The file is larger than the configured limit.
    #[error("{url}: larger than the {limit}-byte limit (raise [download] max_megabytes)")]
    TooLarge {
        /// The address.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The server could not be reached or spoke no valid HTTP.
    #[error("{url}: {message}")]
    Network {
        /// The address.
        url: String,
        /// What the client library said.
        message: String,
    },
    /// The downloaded bytes could not be written.
    #[error("{}: cannot write the download: {message}", path.display())]
    Write {
        /// The staging file.
        path: PathBuf,
        /// What the operating system said.
        message: String,
    },
    /// The configured proxy address is not usable.
    #[error("proxy {proxy:?}: {message}")]
    Proxy {
        /// The address as configured.
        proxy: String,
        /// What the client library said.
        message: String,
    },
}

impl FetchError {
    /// True for failures worth another attempt: a 5xx, 408 or 429 answer, a
    /// timeout, a broken or truncated transfer, a failed connection.
    pub fn is_retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            FetchError::Timeout { .. }
            | FetchError::Truncated { .. }
            | FetchError::Broken { .. }
            | FetchError::Network { .. } => true,
            FetchError::TooLarge { .. } | FetchError::Write { .. } | FetchError::Proxy { .. } => {
                false
            }
        }
    }
}

/// What a request brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The server confirmed that the copy described by the validators sent
    /// is current (HTTP 304). Nothing was written.
    NotModified,
    /// The body was saved.
    Downloaded(Download),
}

/// A file saved to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The validators to send next time, with the SHA-256 of the bytes.
    pub validators: DownloadValidators,
}

/// An HTTP client with embargo's download settings.
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    settings: DownloadSettings,
    progress: bool,
}

impl Fetcher {
    /// A client with these settings; `progress` draws a progress bar on
    /// standard error when it is a terminal.
    pub fn new(settings: &DownloadSettings, progress: bool) -> Result<Fetcher, FetchError> {
        let mut builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_recv_response(Some(settings.read_timeout))
            .timeout_per_read(Some(settings.read_timeout));
        // Without an explicit proxy, ureq's default takes ALL_PROXY,
        // HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment.
        if let Some(proxy) = &settings.proxy {
            let parsed = ureq::Proxy::new(proxy).map_err(|error| FetchError::Proxy {
                proxy: proxy.clone(),
                message: error.to_string(),
            })?;
            builder = builder.proxy(Some(parsed));
        }
        Ok(Fetcher {
            agent: builder.build().new_agent(),
            settings: settings.clone(),
            progress,
        })
    }

    /// Downloads `url` into `dest`, retrying as configured. With
    /// `previous`, the request is conditional on its `ETag` and
    /// `Last-Modified`, and a 304 answer is [`Fetched::NotModified`].
    pub fn fetch(
        &self,
        url: &str,
        previous: Option<&DownloadValidators>,
        dest: &Path,
    ) -> Result<Fetched, FetchError> {
        let mut retry = 0;
        loop {
            match self.attempt(url, previous, dest) {
                Err(error) if error.is_retryable() && retry < self.settings.retries => {
                    retry += 1;
                    std::thread::sleep(backoff(self.settings.retry_delay, retry));
                }
                outcome => return outcome,
            }
        }
    }

    /// One request.
    fn attempt(
        &self,
        url: &str,
        previous: Option<&DownloadValidators>,
        dest: &Path,
    ) -> Result<Fetched, FetchError> {
        let mut request = self.agent.get(url);
        if let Some(previous) = previous {
            if let Some(etag) = &previous.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &previous.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
        }
        let response = request
            .call()
            .map_err(|error| self.via_proxy(request_error(url, error, 0)))?;
        match response.status() {
            StatusCode::NOT_MODIFIED if previous.is_some() => Ok(Fetched::NotModified),
            StatusCode::OK => self.save(url, response, dest).map(Fetched::Downloaded),
            status => Err(FetchError::Status {
                url: url.to_string(),
                status: status.as_u16(),
            }),
        }
    }

    /// Names the proxy in a connection failure when one was used, since a
    /// wrong proxy setting looks like an unreachable server.
    fn via_proxy(&self, error: FetchError) -> FetchError {
        let FetchError::Network { url, message } = error else {
            return error;
        };
        let proxy = self.agent.config().proxy().filter(|proxy| {
            url.parse::<ureq::http::Uri>()
                .is_ok_and(|uri| !proxy.is_no_proxy(&uri))
        });
        let message = match proxy {
            Some(proxy) => format!(
                "{message} (through proxy {}:{})",
                proxy.host(),
                proxy.port()
            ),
            None => message,
        };
        FetchError::Network { url, message }
    }

    /// Streams the body of a 200 answer into `dest`.
    fn save(
        &self,
        url: &str,
        response: Response<ureq::Body>,
        dest: &Path,
    ) -> Result<Download, FetchError> {
        let etag = header(&response, "etag");
        let last_modified = header(&response, "last-modified");
        let body = response.into_body();
        let expected = body.content_length();
        if expected.is_some_and(|length| length > self.settings.max_bytes) {
            return Err(FetchError::TooLarge {
                url: url.to_string(),
                limit: self.settings.max_bytes,
            });
        }
        let mut reader = body
            .into_with_config()
            .limit(self.settings.max_bytes)
            .reader();
        let bar = self.progress_bar(url, expected);
        let copied = copy_hashing(url, &mut reader, dest, &bar);
        bar.finish_and_clear();
        let (bytes, sha256) = copied.map_err(|error| cut_short(error, expected))?;
        if let Some(expected) = expected
            && bytes != expected
        {
            return Err(FetchError::Truncated {
                url: url.to_string(),
                expected,
                received: bytes,
            });
        }
        Ok(Download {
            path: dest.to_path_buf(),
            bytes,
            validators: DownloadValidators {
                url: url.to_string(),
                etag,
                last_modified,
                sha256,
            },
        })
    }

    /// A byte progress bar on standard error, hidden unless asked for and
    /// standard error is a terminal.
    fn progress_bar(&self, url: &str, length: Option<u64>) -> ProgressBar {
        if !self.progress || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::stderr());
        let template = if length.is_some() {
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}"
        } else {
            "{msg} {bytes} {bytes_per_sec}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        let name = url.rsplit('/').next().unwrap_or(url).to_string();
        bar.set_message(name);
        bar
    }
}

/// A response header as text.
fn header(response: &Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

/// Copies `reader` into a new file at `dest`, returning the byte count and
/// the SHA-256 of the bytes.
fn copy_hashing(
    url: &str,
    reader: &mut impl Read,
    dest: &Path,
    bar: &ProgressBar,
) -> Result<(u64, String), FetchError> {
    let write_error = |error: std::io::Error| FetchError::Write {
        path: dest.to_path_buf(),
        message: error.to_string(),
    };
    let mut out = BufWriter::new(File::create(dest).map_err(write_error)?);
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; BUFFER_BYTES];
    let mut total: u64 = 0;
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(request_error(url, ureq::Error::from(error), total)),
        };
        let chunk = buffer.get(..read).unwrap_or_default();
        hasher.update(chunk);
        out.write_all(chunk).map_err(write_error)?;
        total += read as u64;
        bar.set_position(total);
    }
    out.flush().map_err(write_error)?;
    out.into_inner()
        .map_err(|error| write_error(error.into_error()))?
        .sync_all()
        .map_err(write_error)?;
    Ok((total, hex::encode(hasher.finalize())))
}

/// A broken transfer of a body with an announced length is a truncation.
fn cut_short(error: FetchError, expected: Option<u64>) -> FetchError {
    match (error, expected) {
        (FetchError::Broken { url, received, .. }, Some(expected)) => FetchError::Truncated {
            url,
            expected,
            received,
        },
        (error, _) => error,
    }
}

/// Classifies a client error met after `received` body bytes.
fn request_error(url: &str, error: ureq::Error, received: u64) -> FetchError {
    let url = url.to_string();
    match error {
        ureq::Error::Timeout(which) => FetchError::Timeout {
            url,
            what: timeout_name(which),
        },
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge { url, limit },
        ureq::Error::Io(io) if received > 0 || io.kind() == std::io::ErrorKind::UnexpectedEof => {
            FetchError::Broken {
                url,
                received,
                message: io.to_string(),
            }
        }
        other => FetchError::Network {
            url,
            message: other.to_string(),
        },
    }
}

/// Which wait ran out, in words.
fn timeout_name(which: ureq::Timeout) -> String {
    match which {
        ureq::Timeout::Connect | ureq::Timeout::Resolve => "connecting".to_string(),
        ureq::Timeout::RecvResponse => "waiting for the response".to_string(),
        ureq::Timeout::PerRead | ureq::Timeout::RecvBody => {
            "the server stopped sending".to_string()
        }
        other => format!("{other:?}"),
    }
}

/// The pause before retry `attempt` (1 for the first retry).
pub fn backoff(first: Duration, attempt: u32) -> Duration {
    first.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        let first = Duration::from_millis(100);
        let pauses: Vec<u128> = (1..=4).map(|n| backoff(first, n).as_millis()).collect();
        assert_eq!(pauses, [100, 200, 400, 800]);
    }

    #[test]
    fn only_transient_failures_are_retried() {
        let status = |status| FetchError::Status {
            url: "u".to_string(),
            status,
        };
        assert!(status(500).is_retryable());
        assert!(status(503).is_retryable());
        assert!(status(429).is_retryable());
        assert!(!status(404).is_retryable());
        assert!(!status(403).is_retryable());
    }
}
