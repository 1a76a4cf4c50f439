//! `GET /alerts`, `POST /alerts/{id}/decision` and `GET /audit`: the
//! monitoring alerts, analysts' decisions and the audit log of the store,
//! as `embargo alerts` and `embargo audit` show them.

use axum::extract::State;
use axum::{Extension, Json};
use embargo_store::{
    Alert, AlertFilter, AlertStatus, AuditEntry, Decision, DecisionRecord, StoreError, parse_since,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiJson, ApiPath, ApiQuery};

/// Query-string parameters of `/alerts`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AlertParams {
    /// `open`, `true-positive`, `false-positive` or `superseded`.
    pub status: Option<String>,
    /// Only this portfolio's alerts.
    pub portfolio: Option<String>,
}

/// The alerts selected.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertsResponse {
    /// Oldest first, each with its decisions.
    #[schema(value_type = Vec<Object>)]
    pub alerts: Vec<Alert>,
    /// Number of alerts.
    pub count: usize,
}

/// A decision on an alert.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `true-positive` or `false-positive`.
    #[serde(rename = "as")]
    #[schema(rename = "as")]
    pub decision: String,
    /// The analyst's reasoning.
    pub note: String,
    /// Who decides: always the API key's name. Accepted only when it is
    /// that name (or empty); any other name is refused, so that no
    /// client can record a decision in someone else's name.
    pub by: Option<String>,
}

/// Query-string parameters of `/audit`.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// A date (`2026-01-31`, midnight UTC) or an RFC 3339 time.
    pub since: Option<String>,
}

/// The audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditResponse {
    /// Oldest first.
    #[schema(value_type = Vec<Object>)]
    pub entries: Vec<AuditEntry>,
    /// Number of entries.
    pub count: usize,
}

/// The alerts of monitoring runs.
#[utoipa::path(
    get,
    path = "/alerts",
    params(AlertParams),
    responses(
        (status = 200, description = "Alerts, newest first", body = AlertsResponse),
        (status = 400, description = "Bad status or unknown portfolio", body = crate::errors::ErrorBody),
    )
)]
pub async fn alerts(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<AlertParams>,
) -> Result<Json<AlertsResponse>, ApiError> {
    let status = params
        .status
        .as_deref()
        .map(str::parse::<AlertStatus>)
        .transpose()
        .map_err(|message| ApiError::bad_request(format!("status: {message}")))?;
    let filter = AlertFilter {
        status,
        portfolio: params.portfolio,
    };
    let alerts = state
        .record_store()
        .run(move |store| {
            if let Some(name) = &filter.portfolio
                && !store.portfolios()?.iter().any(|p| p.name == *name)
            {
                return Err(StoreError::UnknownPortfolio(name.clone()));
            }
            store.alerts(&filter)
        })
        .await?;
    Ok(Json(AlertsResponse {
        count: alerts.len(),
        alerts,
    }))
}

/// Records a decision on an alert, superseding any earlier one, in the
/// name of the API key that sent it.
#[utoipa::path(
    post,
    path = "/alerts/{id}/decision",
    params(("id" = i64, Path, description = "Alert id")),
    request_body = DecisionRequest,
    responses(
        (status = 200, description = "The decision recorded", body = Object),
        (status = 400, description = "Bad decision, empty note, or `by` naming someone else than the key", body = crate::errors::ErrorBody),
        (status = 401, description = "No API key, or an unknown or revoked one", body = crate::errors::ErrorBody),
        (status = 403, description = "The key's role is below analyst", body = crate::errors::ErrorBody),
        (status = 404, description = "No such alert", body = crate::errors::ErrorBody),
        (status = 409, description = "The alert was superseded by a newer one", body = crate::errors::ErrorBody),
    )
)]
pub async fn decide(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(id): ApiPath<i64>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> Result<Json<DecisionRecord>, ApiError> {
    let decision: Decision = request
        .decision
        .parse()
        .map_err(|message| ApiError::bad_request(format!("as: {message}")))?;
    let note = request.note.trim().to_string();
    if note.is_empty() {
        return Err(ApiError::bad_request("note: say why"));
    }
    let Some((by, _role)) = caller.key.clone() else {
        return Err(ApiError::internal(
            "a decision reached the handler without a key",
        ));
    };
    if let Some(named) = request.by.as_deref().map(str::trim)
        && !named.is_empty()
        && named != by
    {
        return Err(ApiError::bad_request(format!(
            "by: decisions are recorded in the name of the API key that sends them ({by}), \
             not {named:?}; leave `by` out, or send the key of the person deciding"
        )));
    }
    let limit = state.limits().max_chars;
    crate::ftm::check_lengths("note", std::iter::once(note.as_str()), limit * 8)?;
    let record = state
        .record_store()
        .run(move |store| store.decide(id, decision, &note, &by))
        .await?;
    Ok(Json(record))
}

/// The append-only audit log.
#[utoipa::path(
    get,
    path = "/audit",
    params(AuditParams),
    responses(
        (status = 200, description = "Audit log entries", body = AuditResponse),
        (status = 400, description = "Bad date", body = crate::errors::ErrorBody),
    )
)]
pub async fn audit(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<AuditParams>,
) -> Result<Json<AuditResponse>, ApiError> {
    let since = params
        .since
        .as_deref()
        .map(parse_since)
        .transpose()
        .map_err(|message| ApiError::bad_request(format!("since: {message}")))?;
    state.flush_audit().await;
    let entries = state
        .record_store()
        .run(move |store| store.audit(since))
        .await?;
    Ok(Json(AuditResponse {
        count: entries.len(),
        entries,
    }))
}
