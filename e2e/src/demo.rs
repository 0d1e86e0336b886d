//! The demo data the scenarios lean on: one account per role (README, "Logging in")
//! and lookups of demo records by what a user would recognise them by.

use anyhow::{Context, ensure};
use reqwest::Method;

use crate::Server;

/// An e-mail address and password of a demo account.
pub type Account = (&'static str, &'static str);

pub const ADMIN: Account = ("admin@zorgpact.demo", "demo-admin-2026");
pub const TWENTE: Account = ("coordinator.twente@zorgpact.demo", "demo-coordinator-2026");
pub const GELDERLAND: Account = ("coordinator.gelderland@zorgpact.demo", "demo-coordinator-2026");
pub const OFFICIAL_OCW: Account = ("official.ocw@zorgpact.demo", "demo-official-2026");
pub const OFFICIAL_VWS: Account = ("official.vws@zorgpact.demo", "demo-official-2026");
pub const ANALYST: Account = ("analyst@zorgpact.demo", "demo-analyst-2026");

/// The id of the demo ticket of `region` whose title starts with `title`.
pub async fn demo_ticket(server: &Server, region: &str, title: &str) -> anyhow::Result<String> {
    let list = admin_get(server, &format!("/barrier-tickets?region={region}")).await?;
    find_id(&list, "title", title).with_context(|| format!("no ticket {title:?} in {region}"))
}

/// The id of the first item that `GET /api/v1{path}` lists, as the programme team.
pub async fn first_listed(server: &Server, path: &str) -> anyhow::Result<String> {
    let list = admin_get(server, path).await?;
    find_id(&list, "id", "").with_context(|| format!("{path} lists nothing"))
}

/// A new action of Twente, archived at once by the programme team; its id.
pub async fn archived_action(server: &Server) -> anyhow::Result<String> {
    let token = server.token(ADMIN.0, ADMIN.1).await?;
    let body = serde_json::json!({
        "region_code": "twente", "title": "Gearchiveerd: gedeelde nachtdiensten", "action_line": "work",
        "status": "on_hold", "progress": 20, "owner": "Zorgpact Twente",
    });
    let (status, _, action) = server.api(Method::POST, "/actions", &token, &[], Some(body)).await?;
    ensure!(status == 201, "creating an action answered {status}: {action}");
    let id = action["id"].as_str().context("the new action has no id")?.to_owned();
    let path = format!("/actions/{id}");
    let (status, _, body) = server
        .api(Method::DELETE, &path, &token, &[("If-Match", "*")], None)
        .await?;
    ensure!(status == 204, "DELETE {path} answered {status}: {body}");
    Ok(id)
}

async fn admin_get(server: &Server, path: &str) -> anyhow::Result<serde_json::Value> {
    let token = server.token(ADMIN.0, ADMIN.1).await?;
    let (status, _, list) = server.api(Method::GET, path, &token, &[], None).await?;
    ensure!(status == 200, "GET {path} answered {status}: {list}");
    Ok(list)
}

/// The id of the first of a list's `items` whose `field` starts with `prefix`.
fn find_id(list: &serde_json::Value, field: &str, prefix: &str) -> Option<String> {
    list["items"]
        .as_array()?
        .iter()
        .find(|item| item[field].as_str().is_some_and(|v| v.starts_with(prefix)))?["id"]
        .as_str()
        .map(str::to_owned)
}

/// A progress review of `region` drafted and shared by the programme team through
/// the API, with `intentions`; its id.
pub async fn shared_review(server: &Server, region: &str, intentions: &[&str]) -> anyhow::Result<String> {
    let token = server.token(ADMIN.0, ADMIN.1).await?;
    let body = serde_json::json!({
        "round": "cooperation_innovation", "review_date": "2026-11-20",
        "parts": {"why_question": "Samen leren en werken in de wijk.", "intentions": intentions},
    });
    let path = format!("/regions/{region}/reviews");
    let (status, _, review) = server.api(Method::POST, &path, &token, &[], Some(body)).await?;
    ensure!(status == 201, "POST {path} answered {status}: {review}");
    let id = review["id"].as_str().context("the new review has no id")?.to_owned();
    let share = format!("/reviews/{id}/share");
    let (status, _, body) = server.api(Method::POST, &share, &token, &[], None).await?;
    ensure!(status == 200, "POST {share} answered {status}: {body}");
    Ok(id)
}
