//! The JSON API, one module per endpoint group, collected with their
//! OpenAPI descriptions into one router.

pub mod alerts;
pub mod entities;
pub mod health;
pub mod lists;
pub mod matching;
pub mod metrics;
pub mod scan;
pub mod search;

use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The OpenAPI document's fixed part; the paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "embargo",
        description = "Sanctions screening: match entities against the loaded official lists, \
                       with scores and explanations. `POST /match` takes the request shape of the \
                       OpenSanctions screening API. Every route but /healthz, /readyz and this \
                       document needs an API key (`Authorization: Bearer SECRET`): role screen for \
                       screening and reading, analyst for alerts and decisions, admin for the \
                       audit log; a server started with --open-read serves the screen routes \
                       without a key."
    ),
    components(schemas(crate::errors::ErrorBody)),
    modifiers(&ApiKeyScheme),
    security(("api_key" = []))
)]
struct ApiDoc;

/// Declares the bearer API key scheme the routes ask for.
struct ApiKeyScheme;

impl utoipa::Modify for ApiKeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key made with `embargo keys add NAME --role ROLE`",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every documented endpoint.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(matching::match_entities))
        .routes(routes!(search::search))
        .routes(routes!(scan::scan))
        .routes(routes!(entities::entity))
        .routes(routes!(lists::lists))
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(metrics::metrics))
        .routes(routes!(alerts::alerts))
        .routes(routes!(alerts::decide))
        .routes(routes!(alerts::audit))
        .routes(routes!(crate::yente::matching::match_dataset))
        .routes(routes!(crate::yente::search::search_dataset))
        .routes(routes!(crate::yente::catalog::catalog))
        .routes(routes!(crate::yente::catalog::algorithms))
        .routes(routes!(crate::yente::catalog::manifest))
        .routes(routes!(crate::yente::catalog::updatez))
        .routes(routes!(
            crate::reconcile::service::reconcile_default,
            crate::reconcile::service::reconcile_default_form
        ))
        .routes(routes!(
            crate::reconcile::service::reconcile,
            crate::reconcile::service::reconcile_form
        ))
        .routes(routes!(crate::reconcile::suggest::suggest_entity))
        .routes(routes!(crate::reconcile::suggest::suggest_property))
        .routes(routes!(crate::reconcile::suggest::suggest_type))
        .routes(routes!(crate::reconcile::suggest::propose_properties))
}

/// `GET /openapi.json`: the document, serialized once.
pub fn openapi_router(openapi: Arc<utoipa::openapi::OpenApi>) -> Router<AppState> {
    let json = openapi
        .to_json()
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    Router::new().route(
        "/openapi.json",
        get(move || {
            let json = json.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], json).into_response() }
        }),
    )
}
