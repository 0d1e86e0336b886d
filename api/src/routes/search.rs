//! `GET /api/v1/search`: full-text search over barrier tickets and published
//! factsheets, with each database's own engine; also the suggestions a region
//! sees while filing (`answered=true`: earlier answers first found, not refiled).

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::codes::SearchKind;
use zorgpact_contract::search::{SearchHit, SearchResponse};
use zorgpact_db::DbError;
use zorgpact_db::fulltext::{self, Found, SearchFilter};
use zorgpact_domain::auth::Permission;
use zorgpact_domain::search::{SearchQuery, excerpt};
use zorgpact_domain::{InvalidValue, ValidationErrors, Validator, at};

use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::problem_responses::ListErrors;
use crate::routes::regulations::readable_scope;
use crate::routes::stored;

/// Hits per answer unless `limit` says otherwise.
const DEFAULT_LIMIT: i64 = 10;
const MAX_LIMIT: i64 = 50;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find (up to 200 characters): each word also finds longer words it
    /// starts (`stagecontract` finds `stagecontracten`), case and accents do not
    /// matter (`coordinatie` finds `coördinatie`), and every word must occur.
    // Optional in the type so that a missing `q` is reported under its name.
    #[param(required = true, min_length = 1, max_length = 200)]
    q: Option<String>,
    /// Only tickets, or only factsheets.
    kind: Option<SearchKind>,
    /// `true`: only answered (or closed) tickets — the suggestions while filing.
    answered: Option<bool>,
    /// `any`: a hit needs only one of the words, those with more rank higher (for
    /// suggestions from what someone typed); default `all`.
    #[param(inline)]
    words: Option<WordsMode>,
    /// Hits, 1 to 50; default 10.
    #[param(minimum = 1, maximum = 50)]
    limit: Option<i64>,
}

/// Whether a hit needs every word of `q` or one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum WordsMode {
    All,
    Any,
}

fn parse(params: &SearchParams) -> Result<(SearchQuery, usize), ValidationErrors> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    let limit = at(
        "limit",
        usize::try_from(limit)
            .ok()
            .filter(|_| (1..=MAX_LIMIT).contains(&limit))
            .ok_or_else(|| {
                InvalidValue::out_of_range(1..=MAX_LIMIT, limit as f64, format!("must be 1 to {MAX_LIMIT}"))
            }),
    );
    Validator::all((
        at("q", SearchQuery::parse(params.q.as_deref().unwrap_or_default())),
        limit,
    ))
}

fn hit(found: Found, query: &SearchQuery) -> Result<SearchHit, DbError> {
    Ok(match found {
        Found::Ticket(row) => SearchHit {
            kind: SearchKind::Ticket,
            excerpt: excerpt(row.answer.as_deref().unwrap_or(&row.description), &query.terms),
            status: Some(stored::code("barrier status", &row.status)?),
            resolution: stored::optional("resolution", row.resolution.as_deref())?,
            ministry: stored::optional("ministry", row.ministry.as_deref())?,
            id: row.id,
            title: row.title,
        },
        Found::Factsheet(view) => SearchHit {
            kind: SearchKind::Factsheet,
            excerpt: excerpt(&view.content.answer, &query.terms),
            status: None,
            resolution: None,
            ministry: Some(stored::code("ministry", &view.content.ministry)?),
            id: view.id,
            title: view.content.question,
        },
    })
}

/// Barrier tickets (title, description, answer) and published factsheets
/// (question, answer) that contain every word (or, with `words=any`, one), best first. Tickets only as far as
/// the caller may read them (none without a token); factsheets as published.
#[utoipa::path(
    tag = "search",
    params(SearchParams),
    responses(
        (status = 200, description = "Hits, best first", body = SearchResponse),
        ListErrors
    )
)]
#[get("/search")]
pub async fn search(
    state: web::Data<AppState>,
    caller: Caller,
    Params(params): Params<SearchParams>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let (query, limit) = parse(&params).map_err(ApiError::InvalidParameters)?;
    let filter = SearchFilter {
        scope: readable_scope(&caller),
        tickets: params.kind != Some(SearchKind::Factsheet),
        factsheets: params.kind != Some(SearchKind::Ticket),
        answered_only: params.answered.unwrap_or(false),
        any_word: params.words == Some(WordsMode::Any),
        limit,
    };
    let found = state
        .with_conn({
            let query = query.clone();
            move |conn| fulltext::search(conn, &query, &filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(SearchResponse {
        items: found
            .into_iter()
            .map(|found| hit(found, &query))
            .collect::<Result<_, _>>()?,
    }))
}
