//! `POST /api/v1/imports/indicator-values`: a file of values and targets, JSON or
//! CSV, stored all together or not at all.

use std::collections::BTreeSet;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;
use zorgpact_contract::Problem;
use zorgpact_contract::imports::{ImportReport, ImportRequest};
use zorgpact_db::audit::Actor;
use zorgpact_db::import_audit::Recording;
use zorgpact_db::indicator_values::{self, IndicatorTargetRow, IndicatorValueRow, write_all};
use zorgpact_db::{DbConnection, DbError, in_transaction};
use zorgpact_domain::auth::{Permission, authorize};
use zorgpact_domain::indicator::KeyParts;
use zorgpact_domain::{FieldError, InvalidValue, ValidationErrors};

use super::check::{ImportCatalogue, Points, check};
use super::report::{Outcome, outliers, report};
use super::rows::{self, Sheet};
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::{Params, in_time, parse_json};
use crate::http::idempotent;
use crate::problem_responses::AuthErrors;

/// Largest accepted file: 50 000 rows of the export's 12 columns fit easily. Only
/// this route takes more than the API's usual 4 MiB.
pub const IMPORT_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// The most row problems a refusal lists; a last entry counts the rest.
const MAX_LISTED_ERRORS: usize = 1_000;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `true`: check the file and report what the import would do (what it would
    /// create, change with old and new figures, and leave), storing nothing.
    /// Default `false`.
    dry_run: Option<bool>,
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Json,
    Csv,
}

fn format_of(req: &HttpRequest) -> Result<Format, ApiError> {
    let mime = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok());
    match mime {
        Some(m) if m.type_() == mime::APPLICATION && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON)) => {
            Ok(Format::Json)
        }
        Some(m) if m.type_() == mime::TEXT && m.subtype() == mime::CSV => Ok(Format::Csv),
        _ => Err(ApiError::UnsupportedMediaType),
    }
}

async fn read_body(req: &HttpRequest, payload: web::Payload) -> Result<Bytes, ApiError> {
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if length.is_some_and(|n| n > IMPORT_BODY_LIMIT) {
        return Err(ApiError::PayloadTooLarge(IMPORT_BODY_LIMIT));
    }
    match in_time(req, payload.to_bytes_limited(IMPORT_BODY_LIMIT)).await? {
        Err(_) => Err(ApiError::PayloadTooLarge(IMPORT_BODY_LIMIT)),
        Ok(Err(e)) => Err(ApiError::BadRequest(format!("cannot read the body: {e}"))),
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

/// The file's rows, well-formed or with their problems.
fn read(format: Format, bytes: &[u8]) -> Result<Sheet, ApiError> {
    match format {
        Format::Json => Ok(rows::from_json(parse_json::<ImportRequest>(bytes)?)?),
        Format::Csv => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                ApiError::BadRequest(format!(
                    "the CSV file is not UTF-8 text ({e}); save it as \"CSV UTF-8\""
                ))
            })?;
            Ok(rows::from_csv(text)?)
        }
    }
}

/// The whole file is refused (403) unless the caller may write values in every
/// region it has values for, and targets in every region it has targets for.
fn permit(
    caller: &Caller,
    value_regions: &BTreeSet<String>,
    target_regions: &BTreeSet<String>,
) -> Result<(), ApiError> {
    let denied = |regions: &BTreeSet<String>, permission: fn(&str) -> Permission<'_>| -> Vec<String> {
        regions
            .iter()
            .filter(|region| authorize(caller.principal(), &permission(region)).is_err())
            .cloned()
            .collect()
    };
    let values = denied(value_regions, |region| Permission::WriteIndicatorValues { region });
    let targets = denied(target_regions, |region| Permission::WriteIndicatorTargets { region });
    let mut refused = Vec::new();
    if !values.is_empty() {
        refused.push(format!("values in {}", values.join(", ")));
    }
    if !targets.is_empty() {
        refused.push(format!("targets in {}", targets.join(", ")));
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(ApiError::Forbidden(format!(
        "The file writes {}, which your credentials do not allow: the whole file was refused and nothing was stored.",
        refused.join(" and ")
    )))
}

/// `7` for `/rows/7/value`.
fn row_of(pointer: &str) -> usize {
    pointer.split('/').nth(2).and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// Refuses the file (422) when any row is bad, listing the problems in file order.
fn refuse_bad_rows(root: &str, mut errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        return Ok(());
    }
    errors.sort_by_key(|e| row_of(&e.pointer));
    if errors.len() > MAX_LISTED_ERRORS {
        let rest = errors.len() - MAX_LISTED_ERRORS;
        errors.truncate(MAX_LISTED_ERRORS);
        errors.push(
            InvalidValue::too_many(
                MAX_LISTED_ERRORS,
                format!("has {rest} more problems, not listed: fix these and send the file again"),
            )
            .at(root),
        );
    }
    Err(ApiError::Validation(ValidationErrors(errors)))
}

/// What the import reports besides the points, and the file's hash for the audit
/// trail.
struct FileFacts {
    rows: usize,
    ignored_columns: Vec<String>,
    sha256: String,
}

/// Writes the points (or, in a dry run, works out what writing would do) and
/// reports. Runs inside the caller's transaction.
fn run(
    conn: &mut DbConnection,
    actor: &Actor,
    snapshot: &ImportCatalogue,
    facts: FileFacts,
    points: &Points,
    dry_run: bool,
) -> Result<ImportReport, DbError> {
    if ImportCatalogue::load(conn)? != *snapshot {
        return Err(DbError::Conflict(
            "the indicators or regions changed while the file was being checked; send it again".into(),
        ));
    }
    let stored = if points.values.is_empty() {
        Vec::new()
    } else {
        let parts = KeyParts::of(points.values.iter().map(|(key, _)| key));
        indicator_values::values_of(conn, &parts.indicators, &parts.regions)?
    };
    let recording = Recording::OneImport {
        file_sha256: &facts.sha256,
    };
    let values = write_all::<IndicatorValueRow>(conn, actor, &points.values, dry_run, recording)?;
    let targets = write_all::<IndicatorTargetRow>(conn, actor, &points.targets, dry_run, recording)?;
    let warnings = outliers(&stored, points, &values);
    report(Outcome {
        dry_run,
        rows: facts.rows,
        ignored_columns: facts.ignored_columns,
        points,
        values: &values,
        targets: &targets,
        warnings,
    })
}

/// Imports values and targets from a file: JSON (`application/json`, `{"items":
/// [...]}`) or CSV (`text/csv`, the analysts' tidy table: an export of
/// `GET /api/v1/analytics?format=csv` imports unchanged). A CSV file has a header
/// row naming at least `indicator`, `period`, a region key (`region`, or
/// `regioplus_code` or `cbs_code` for files keyed by external codes) and `value`
/// and/or `target`; it may add `status` and `source`. The delimiter may be `,`,
/// `;` or tab; with `;` or tab a decimal comma is read. Up to 50 000 rows and
/// 16 MiB.
///
/// **All or nothing**: the whole file is stored in one transaction, or, if any
/// row is bad, nothing (422, listing the problems of every bad row under
/// `/rows/N/column`, N the 1-based data row of a CSV file, or `/items/N/field`, N
/// the 0-based item of a JSON file). Each row is checked against the catalogue:
/// the indicator exists and is not derived, the period has its period type, the
/// figures fit its unit, the region exists (an external code must name exactly
/// one region), and no indicator, region and period comes twice.
///
/// **Idempotent**: points sent exactly as stored are not rewritten and keep their
/// version, so the same file twice changes nothing the second time. A status or
/// source left empty keeps the stored one, except that a corrected `final` value
/// becomes `revised`; a target keeps its note. Every changed value keeps its
/// earlier figure in its history (`GET /api/v1/indicator-values/{indicator}/{region}/{period}/history`).
///
/// **Report** (200, for a real run and a dry run alike): counts of created,
/// changed and unchanged values and targets, each change with its old and new
/// figure, and warnings that did not block the import, such as a value far
/// outside its region's history. `dry_run=true` stores nothing (and ignores
/// `Idempotency-Key`). A value or target in a locked period that would change
/// refuses the whole file (409 naming the lock), in a dry run too.
///
/// Roles: admin; coordinator of every region in the file; partner system of every
/// region in the file with `indicator-values:write` (for values) and
/// `indicator-targets:write` (for targets). A row in any other region refuses the
/// whole file (403), and nothing is stored.
#[utoipa::path(
    tag = "imports",
    params(
        ImportQuery,
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first report instead of importing twice"),
    ),
    request_body(
        description = "The file: JSON items or a CSV table",
        content(
            (ImportRequest = "application/json"),
            (String = "text/csv", example = json!(
                "indicator,region,period,value,target,status,source\r\n\
                 employees,twente,2024,71250,,final,CBS\r\n\
                 side_entrants,twente,2025,,2100,,\r\n"
            )),
        )
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Imported (or, with `dry_run=true`, checked): what the import did or would do",
            body = ImportReport),
        (status = 400, description = "The body is not valid JSON or UTF-8 text, or a parameter or header is invalid",
            body = Problem, content_type = "application/problem+json"),
        AuthErrors,
        (status = 409, description = "A value or target that would change lies in a locked period (the lock is named), or the catalogue changed meanwhile",
            body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than 16 MiB", body = Problem,
            content_type = "application/problem+json"),
        (status = 415, description = "The body is neither `application/json` nor `text/csv`", body = Problem,
            content_type = "application/problem+json"),
        (status = 422, description = "Bad rows: `errors` lists each problem with a pointer to its row and column; nothing was stored. Also: a file without a usable header row, no rows or more than 50 000",
            body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/imports/indicator-values")]
pub async fn import_indicator_values(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    Params(query): Params<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::Authenticated)?;
    let format = format_of(&req)?;
    let bytes = read_body(&req, payload).await?;
    let dry_run = query.dry_run.unwrap_or(false);
    let snapshot = state.with_conn(ImportCatalogue::load).await?;
    let (sheet, checked) = web::block({
        let (bytes, snapshot) = (bytes.clone(), snapshot.clone());
        move || -> Result<_, ApiError> {
            let mut sheet = read(format, &bytes)?;
            let checked = check(&snapshot, &sheet.rows);
            sheet.rows = Vec::new();
            Ok((sheet, checked))
        }
    })
    .await
    .map_err(|e| ApiError::Internal(format!("blocking task failed: {e}")))??;
    permit(&caller, &checked.value_regions, &checked.target_regions)?;
    let mut errors = sheet.errors;
    errors.extend(checked.errors);
    refuse_bad_rows(sheet.root, errors)?;
    let actor = caller.actor();
    let facts = FileFacts {
        rows: sheet.count,
        ignored_columns: sheet.ignored_columns,
        sha256: format!("{:x}", Sha256::digest(&bytes)),
    };
    let points = checked.points;
    if dry_run {
        let report = state
            .with_conn(move |conn| in_transaction(conn, |conn| run(conn, &actor, &snapshot, facts, &points, true)))
            .await?;
        return Ok(HttpResponse::Ok().json(report));
    }
    idempotent::at_most_once(&state, &req, &bytes, move |conn| {
        let report = run(conn, &actor, &snapshot, facts, &points, false)?;
        idempotent::response(200, &report, None, None)
    })
    .await
}
