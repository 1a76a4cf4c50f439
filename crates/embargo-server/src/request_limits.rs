//! Limits on one request beyond its body: the length of its URI, and the
//! time its screening may take ([`Budget`]).
//!
//! A screening request (`/match`, `/search`, `/scan`) runs on the blocking
//! pool under a budget (`--request-timeout`, 30 s by default): the client
//! gets a 503 with a JSON body once it is spent, and the screening itself
//! stops at the next query it would start (each query's cost is bounded
//! by the query limits, see `embargo_core::matching::limits`), so an
//! abandoned request does not keep a core busy.

use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::errors::ApiError;

/// The time a request may still spend screening.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    deadline: Instant,
    allowed: Duration,
}

impl Budget {
    /// A budget of `allowed` from now.
    pub fn starting_now(allowed: Duration) -> Budget {
        Budget {
            deadline: Instant::now() + allowed,
            allowed,
        }
    }

    /// The whole budget.
    pub fn allowed(&self) -> Duration {
        self.allowed
    }

    /// Fails with the budget's 503 once the deadline has passed.
    pub fn check(&self) -> Result<(), ApiError> {
        if Instant::now() >= self.deadline {
            Err(self.exceeded())
        } else {
            Ok(())
        }
    }

    /// The 503 of a spent budget.
    pub fn exceeded(&self) -> ApiError {
        ApiError::unavailable(format!(
            "the request took longer than the server's time budget of {} s per request \
             (--request-timeout); send fewer queries or a shorter text at once",
            self.allowed.as_secs_f64()
        ))
    }
}

/// Middleware: a URI longer than the limit is answered 414 with a JSON
/// body naming the limit (hyper itself only refuses URIs past 64 KiB, or
/// heads past the head limit, without a body).
pub async fn check_uri(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |path| path.as_str().len());
    let max = state.limits().max_uri_bytes;
    if length > max {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("request URI: {length} bytes, at most {max} allowed"),
        )
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_says_so() {
        let spent = Budget::starting_now(Duration::ZERO);
        let error = spent.check().err();
        assert_eq!(
            error.map(|e| e.status),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert!(
            Budget::starting_now(Duration::from_secs(60))
                .check()
                .is_ok()
        );
    }
}
