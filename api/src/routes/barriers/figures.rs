//! `GET /api/v1/barrier-figures`: the programme's barrier figures, in JSON or CSV.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use zorgpact_contract::barrier_figures::{
    BarrierFiguresResponse, CategoryCount, DaySpreadResponse, LocationCount, MinistryClockResponse, MinistryCount,
    OverdueResponse, RegionCount, ResolutionCount, StatusCount,
};
use zorgpact_db::DbError;
use zorgpact_db::barrier_figures::{self, FigureInputs};
use zorgpact_db::barriers::StoredBarrier;
use zorgpact_domain::analytics::csv::write_record;
use zorgpact_domain::auth::Permission;
use zorgpact_domain::barrier::BarrierStatus;
use zorgpact_domain::barrier::clock::TargetPeriod;
use zorgpact_domain::barrier::figures::{BarrierFigures, DaySpread, TicketFacts, barrier_figures};

use super::contacts::counts_response;
use super::convert::ticket_clock;
use super::today;
use crate::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::http::extract::Params;
use crate::http::negotiate::{MediaType, negotiate};
use crate::problem_responses::ListErrors;
use crate::routes::stored;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// `json` (the default) or `csv`; without it, `Accept` decides.
    #[param(pattern = r"^(json|csv)$")]
    format: Option<String>,
}

/// A stored ticket as the figures read it.
fn facts(ticket: &StoredBarrier, targets: &[TargetPeriod], today: NaiveDate) -> Result<TicketFacts, DbError> {
    let workflow = ticket.row.workflow()?;
    let (clock, targets) = ticket_clock(ticket, targets, today)?;
    let answered = ticket
        .steps
        .iter()
        .any(|step| step.to_status == BarrierStatus::Answered.as_str());
    Ok(TicketFacts {
        region: ticket.row.region_code.clone(),
        status: workflow.status,
        resolution: workflow.resolution,
        ministry: workflow.ministry,
        category: stored::code("barrier category", &ticket.row.category)?,
        location: workflow.location,
        clock,
        targets,
        answered,
        duplicate: ticket.row.duplicate_of.is_some(),
    })
}

fn spread(days: DaySpread) -> DaySpreadResponse {
    DaySpreadResponse {
        tickets: days.tickets,
        median_days: days.median,
        p90_days: days.p90,
    }
}

fn figures_response(figures: BarrierFigures, as_of: NaiveDate) -> BarrierFiguresResponse {
    BarrierFiguresResponse {
        as_of: as_of.to_string(),
        tickets: figures.tickets,
        duplicates: figures.duplicates,
        by_status: figures
            .by_status
            .into_iter()
            .map(|(status, tickets)| StatusCount { status, tickets })
            .collect(),
        by_resolution: figures
            .by_resolution
            .into_iter()
            .map(|(resolution, tickets)| ResolutionCount { resolution, tickets })
            .collect(),
        by_ministry: figures
            .by_ministry
            .into_iter()
            .map(|(ministry, tickets)| MinistryCount { ministry, tickets })
            .collect(),
        by_category: figures
            .by_category
            .into_iter()
            .map(|(category, tickets)| CategoryCount { category, tickets })
            .collect(),
        by_location: figures
            .by_location
            .into_iter()
            .map(|(location, tickets)| LocationCount { location, tickets })
            .collect(),
        by_region: figures
            .by_region
            .into_iter()
            .map(|(region_code, tickets)| RegionCount { region_code, tickets })
            .collect(),
        clock_by_ministry: figures
            .clocks
            .into_iter()
            .map(|clock| MinistryClockResponse {
                ministry: clock.ministry,
                first_response: spread(clock.first_response),
                answer: spread(clock.answer),
                overdue: clock.overdue,
            })
            .collect(),
        overdue: OverdueResponse {
            tickets: figures.overdue,
            share: figures.share_overdue,
            open: figures.open,
            open_overdue: figures.open_overdue,
        },
        contacts: counts_response(figures.contacts),
    }
}

/// The figures as a long table: `figure, group, value`, one row per number.
fn figures_csv(figures: &BarrierFiguresResponse) -> String {
    let mut out = String::new();
    let mut row = |figure: &str, group: &str, value: String| write_record(&mut out, &[figure, group, &value]);
    let none = |code: Option<&str>| code.unwrap_or("none").to_owned();
    let optional = |value: Option<String>| value.unwrap_or_default();
    row("figure", "group", "value".into());
    row("tickets", "", figures.tickets.to_string());
    row("duplicates", "", figures.duplicates.to_string());
    for c in &figures.by_status {
        row("by_status", c.status.as_str(), c.tickets.to_string());
    }
    for c in &figures.by_resolution {
        row(
            "by_resolution",
            &none(c.resolution.map(|r| r.as_str())),
            c.tickets.to_string(),
        );
    }
    for c in &figures.by_ministry {
        row(
            "by_ministry",
            &none(c.ministry.map(|m| m.as_str())),
            c.tickets.to_string(),
        );
    }
    for c in &figures.by_category {
        row("by_category", c.category.as_str(), c.tickets.to_string());
    }
    for c in &figures.by_location {
        row(
            "by_location",
            &none(c.location.map(|l| l.as_str())),
            c.tickets.to_string(),
        );
    }
    for c in &figures.by_region {
        row("by_region", &c.region_code, c.tickets.to_string());
    }
    for clock in &figures.clock_by_ministry {
        let ministry = clock.ministry.as_str();
        for (name, days) in [("first_response", &clock.first_response), ("answer", &clock.answer)] {
            row(&format!("{name}_tickets"), ministry, days.tickets.to_string());
            row(
                &format!("{name}_median_days"),
                ministry,
                optional(days.median_days.map(|d| d.to_string())),
            );
            row(
                &format!("{name}_p90_days"),
                ministry,
                optional(days.p90_days.map(|d| d.to_string())),
            );
        }
        row("overdue", ministry, clock.overdue.to_string());
    }
    row("overdue", "", figures.overdue.tickets.to_string());
    row(
        "overdue_share",
        "",
        optional(figures.overdue.share.map(|s| s.to_string())),
    );
    row("open", "", figures.overdue.open.to_string());
    row("open_overdue", "", figures.overdue.open_overdue.to_string());
    let contacts = &figures.contacts;
    for (kind, count) in [
        ("meeting", contacts.meetings),
        ("phone_call", contacts.phone_calls),
        ("email", contacts.emails),
        ("total", contacts.total),
    ] {
        row("contacts", kind, count.to_string());
    }
    out
}

/// The barrier figures of the whole programme: tickets by status, resolution,
/// ministry, category, where the barrier sat and region; per ministry the median
/// and 90th percentile (nearest rank) of working days to the first response and
/// to the answer; overdue tickets and their share; contacts by kind. Clocks are
/// read today (UTC). In JSON, or with `format=csv` or `Accept: text/csv` as a long
/// table `figure,group,value`. Open to everyone: the programme publishes its
/// figures; they hold counts, never a ticket.
#[utoipa::path(
    tag = "barrier-tickets",
    params(FiguresQuery),
    responses(
        (status = 200, description = "The figures", content(
            (BarrierFiguresResponse = "application/json"),
            (String = "text/csv", example = json!("figure,group,value\r\ntickets,,12\r\nby_status,submitted,1\r\n"))
        )),
        ListErrors
    )
)]
#[get("/barrier-figures")]
pub async fn get_barrier_figures(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    Params(query): Params<FiguresQuery>,
) -> Result<HttpResponse, ApiError> {
    caller.require(&Permission::ReadPublic)?;
    let format = negotiate(&req, query.format.as_deref(), &[MediaType::Json, MediaType::Csv])?;
    let FigureInputs {
        tickets,
        targets,
        contacts,
    } = state.with_conn(barrier_figures::load).await?;
    let as_of = today();
    let facts = tickets
        .iter()
        .map(|ticket| facts(ticket, &targets, as_of))
        .collect::<Result<Vec<_>, _>>()?;
    let figures = figures_response(barrier_figures(&facts, contacts), as_of);
    Ok(match format {
        MediaType::Csv => HttpResponse::Ok()
            .content_type(format.content_type())
            .body(figures_csv(&figures)),
        MediaType::Json | MediaType::Ndjson => HttpResponse::Ok().json(figures),
    })
}
