//! The `Host` check: a request naming a host the server was not told it
//! serves is refused (421 Misdirected Request, JSON body), so a web page
//! on another site cannot reach a local server through DNS rebinding (its
//! requests name the attacker's host).
//!
//! Allowed by default: `localhost`, `127.0.0.1`, `[::1]` and the address
//! the server is bound to; `--allowed-host NAME` adds names (a proxy's
//! public name, the machine's name). `--allowed-host '*'` turns the check
//! off, for a server behind a proxy that checks the host itself. Ports are
//! not compared.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::uri::Authority;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::errors::ApiError;

/// The names allowed by default, besides the bound address.
pub const DEFAULT_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// The host names a server answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    /// Lower-case names without port or trailing dot; IPv6 addresses in
    /// brackets. Empty when any host is allowed.
    names: Vec<String>,
    /// True when `*` was given: no check.
    any: bool,
}

impl AllowedHosts {
    /// The defaults, the bound address `bound` (when known) and `extra`.
    pub fn new(extra: &[String], bound: Option<std::net::SocketAddr>) -> AllowedHosts {
        let any = extra.iter().any(|name| name.trim() == "*");
        let mut names: Vec<String> = DEFAULT_HOSTS.iter().map(|name| name.to_string()).collect();
        if let Some(address) = bound {
            let ip = address.ip();
            if !ip.is_unspecified() {
                names.push(match ip {
                    std::net::IpAddr::V4(v4) => v4.to_string(),
                    std::net::IpAddr::V6(v6) => format!("[{v6}]"),
                });
            }
        }
        names.extend(extra.iter().map(|name| normalize(name)));
        names.sort();
        names.dedup();
        AllowedHosts { names, any }
    }

    /// True when `host` (a `Host` header value, port allowed) is served.
    pub fn allows(&self, host: &str) -> bool {
        if self.any {
            return true;
        }
        let Ok(authority) = host.trim().parse::<Authority>() else {
            return false;
        };
        let name = normalize(authority.host());
        self.names.contains(&name)
    }

    /// The names, for messages.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Lower case, without a trailing dot; a bare IPv6 address gets brackets.
fn normalize(name: &str) -> String {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    if name.contains(':') && !name.starts_with('[') {
        format!("[{name}]")
    } else {
        name
    }
}

/// Middleware: refuses a request whose `Host` (or absolute URI) names a
/// host not allowed, with a 421 naming the host and how to allow it.
pub async fn check_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let hosts = state.allowed_hosts();
    let named = request
        .headers()
        .get(axum::http::header::HOST)
        .map(|value| value.to_str().map(str::to_string))
        .or_else(|| request.uri().authority().map(|a| Ok(a.to_string())));
    let refusal = match named {
        None => Some(ApiError::bad_request(
            "Host: missing (HTTP/1.1 requests name the host they are sent to)",
        )),
        Some(Err(_)) => Some(ApiError::bad_request("Host: not ASCII text")),
        Some(Ok(host)) if !hosts.allows(&host) => Some(ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "Host: {host:?} is not served here (served: {}); start the server with \
                 --allowed-host NAME to serve another name",
                hosts.names().join(", ")
            ),
        )),
        Some(Ok(_)) => None,
    };
    match refusal {
        Some(error) => error.into_response(),
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_the_bound_address_are_allowed() {
        let bound = "192.0.2.7:8080".parse().ok();
        let hosts = AllowedHosts::new(&["Screening.Example.COM.".to_string()], bound);
        for host in [
            "localhost:8080",
            "127.0.0.1",
            "[::1]:9",
            "192.0.2.7:8080",
            "screening.example.com",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
        for host in ["evil.example", "localhost.evil.example", "", "127.0.0.2"] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn a_star_allows_any_host_and_unspecified_binds_add_nothing() {
        assert!(AllowedHosts::new(&["*".to_string()], None).allows("evil.example"));
        let hosts = AllowedHosts::new(&[], "0.0.0.0:80".parse().ok());
        assert_eq!(hosts.names().len(), 3);
    }
}
