//! Factsheets through HTTP: anonymous reads of what is published (never drafts),
//! drafts for officials and the programme team, every published version kept,
//! who may write, and the refusals with their pointers.

use crate::helpers::{
    Access, TestApp, Who, allowed_or, check_access, expect_problem, header, new_factsheet, pointers, spawn_app,
    with_fields,
};
use reqwest::Method;
use serde_json::json;
use zorgpact_contract::codes::{FactsheetStatus, Ministry};
use zorgpact_contract::factsheet::{
    FactsheetFieldsRequest, FactsheetListResponse, FactsheetResponse, FactsheetVersionListResponse,
    FactsheetVersionResponse,
};

const FACTSHEETS: &str = "/api/v1/factsheets";
const KETENSTAGE: &str = "Moet bij een ketenstage met elke zorginstelling een apart stagecontract worden gesloten?";
const STAGEBEGELEIDING: &str = "Welke middelen zijn er voor de begeleiding van stagiairs in de zorg?";
const UITKERING_DRAFT: &str = "Behoud ik mijn uitkering tijdens een stoomcursus en een proefperiode in de zorg?";

async fn list_as(app: &TestApp, who: Option<Who>, query: &str) -> Vec<FactsheetResponse> {
    let (status, body) = app.get_as(who, &format!("{FACTSHEETS}{query}")).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value::<FactsheetListResponse>(body)
        .expect("a list")
        .items
}

fn by_question<'a>(items: &'a [FactsheetResponse], question: &str) -> Option<&'a FactsheetResponse> {
    items.iter().find(|f| f.question == question)
}

/// A new draft, written by `who`.
async fn write(app: &TestApp, who: Who, body: &FactsheetFieldsRequest) -> FactsheetResponse {
    let response = app
        .client_as(who)
        .post(app.url(FACTSHEETS))
        .json(body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    assert!(header(&response, "location").starts_with(FACTSHEETS));
    response.json().await.expect("a factsheet")
}

async fn publish(app: &TestApp, who: Who, id: &str) -> reqwest::Response {
    app.client_as(who)
        .post(app.url(&format!("{FACTSHEETS}/{id}/publish")))
        .send()
        .await
        .expect("request")
}

async fn revise(
    app: &TestApp,
    who: Who,
    id: &str,
    if_match: Option<&str>,
    body: &FactsheetFieldsRequest,
) -> reqwest::Response {
    let mut request = app
        .client_as(who)
        .put(app.url(&format!("{FACTSHEETS}/{id}")))
        .json(body);
    if let Some(tag) = if_match {
        request = request.header("If-Match", tag);
    }
    request.send().await.expect("request")
}

#[tokio::test]
async fn anonymous_callers_read_published_factsheets_and_never_drafts() {
    let app = spawn_app().await;
    let public = list_as(&app, None, "").await;
    let keten = by_question(&public, KETENSTAGE).expect("the chain-internship answer is public");
    assert!(keten.answer.contains("gecombineerd stagecontract"), "{}", keten.answer);
    assert_eq!(
        (keten.status, keten.published_version),
        (FactsheetStatus::Published, Some(1))
    );
    assert!(keten.tickets.is_empty(), "tickets need a token to be read");
    assert!(by_question(&public, STAGEBEGELEIDING).is_some());
    assert!(by_question(&public, UITKERING_DRAFT).is_none(), "drafts stay inside");
    assert_eq!(list_as(&app, None, "?status=draft").await, []);

    let inside = list_as(&app, Some(Who::OfficialVws), "").await;
    let draft = by_question(&inside, UITKERING_DRAFT).expect("officials read drafts");
    assert_eq!(
        (draft.status, draft.unpublished_changes),
        (FactsheetStatus::Draft, true)
    );
    let drafts = list_as(&app, Some(Who::Admin), "?status=draft").await;
    assert_eq!(
        drafts.iter().map(|f| f.question.as_str()).collect::<Vec<_>>(),
        [UITKERING_DRAFT]
    );
    let keten_inside = by_question(&inside, KETENSTAGE).expect("published");
    assert_eq!(keten_inside.tickets.len(), 1, "the ticket it answers, which is public");

    let draft_path = format!("{FACTSHEETS}/{}", draft.id);
    for outsider in [None, Some(Who::CoordinatorTwente), Some(Who::Analyst)] {
        let (status, body) = app.get_as(outsider, &draft_path).await;
        assert_eq!(status, 404, "{outsider:?} reads no draft: {body}");
        let (status, _) = app.get_as(outsider, &format!("{draft_path}/versions")).await;
        assert_eq!(status, 404, "nor learns of its versions");
    }
    let (status, body) = app.get_as(Some(Who::OfficialOcw), &draft_path).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("draft")));
    let (status, body) = app
        .get_as(Some(Who::OfficialOcw), &format!("{draft_path}/versions"))
        .await;
    assert_eq!((status, body["items"].as_array().map(Vec::len)), (200, Some(0)));
    let (status, body) = app.get_as(None, &format!("{FACTSHEETS}/{}", keten.id)).await;
    assert_eq!((status, body["question"].as_str()), (200, Some(KETENSTAGE)));
    app.anonymous_get_problem(&format!("{FACTSHEETS}/nope"), 404).await;
}

#[tokio::test]
async fn publishing_keeps_every_version_and_the_public_reads_the_latest() {
    let app = spawn_app().await;
    let first = new_factsheet(
        Ministry::Vws,
        "Mag een zij-instromer met een BBL-opleiding in de wijkverpleging starten?",
    );
    let draft = write(&app, Who::OfficialVws, &first).await;
    assert_eq!((draft.status, draft.published_version), (FactsheetStatus::Draft, None));
    let path = format!("{FACTSHEETS}/{}", draft.id);
    assert_eq!(app.get_as(None, &path).await.0, 404, "not public before publication");

    let response = publish(&app, Who::OfficialVws, &draft.id).await;
    assert_eq!(response.status(), 201);
    assert_eq!(header(&response, "location"), format!("{path}/versions/1"));
    let v1: FactsheetVersionResponse = response.json().await.expect("a version");
    assert_eq!((v1.number, v1.question.as_str()), (1, first.question.as_str()));
    expect_problem(publish(&app, Who::OfficialVws, &draft.id).await, 409).await;

    let mut second = first.clone();
    second.answer = "Ja; de BBL-opleiding kan in deeltijd naast het werk in de wijk.".into();
    expect_problem(revise(&app, Who::OfficialVws, &draft.id, None, &second).await, 428).await;
    expect_problem(
        revise(&app, Who::OfficialVws, &draft.id, Some("\"v9\""), &second).await,
        412,
    )
    .await;
    let response = revise(&app, Who::OfficialVws, &draft.id, Some("\"v1\""), &second).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let (_, public) = app.get_as(None, &path).await;
    assert_eq!(
        public["answer"].as_str(),
        Some(first.answer.as_str()),
        "the public still reads v1"
    );
    let (_, inside) = app.get_as(Some(Who::OfficialVws), &path).await;
    assert_eq!(
        (inside["answer"].as_str(), inside["unpublished_changes"].as_bool()),
        (Some(second.answer.as_str()), Some(true))
    );

    assert_eq!(publish(&app, Who::Admin, &draft.id).await.status(), 201);
    let (_, public) = app.get_as(None, &path).await;
    assert_eq!(
        (public["answer"].as_str(), public["published_version"].as_i64()),
        (Some(second.answer.as_str()), Some(2))
    );
    let (status, versions) = app.get_as(None, &format!("{path}/versions")).await;
    assert_eq!(status, 200);
    let versions: FactsheetVersionListResponse = serde_json::from_value(versions).expect("versions");
    let answers: Vec<&str> = versions.items.iter().map(|v| v.answer.as_str()).collect();
    assert_eq!(answers, [first.answer.as_str(), second.answer.as_str()]);
    let (status, v1) = app.get_as(None, &format!("{path}/versions/1")).await;
    assert_eq!((status, v1["answer"].as_str()), (200, Some(first.answer.as_str())));
    for missing in ["3", "0", "eerste"] {
        app.anonymous_get_problem(&format!("{path}/versions/{missing}"), 404)
            .await;
    }
    let trail = app.audit_trail("factsheet", &draft.id).await;
    let operations: Vec<&str> = trail.iter().filter_map(|e| e["operation"].as_str()).collect();
    assert_eq!(operations, ["create", "publish", "update", "publish"]);
}

#[tokio::test]
async fn officials_write_factsheets_of_their_own_ministry() {
    let app = spawn_app().await;
    let draft = write(
        &app,
        Who::Admin,
        &new_factsheet(Ministry::Vws, "Wie betaalt de praktijkopleider?"),
    )
    .await;
    let path = format!("{FACTSHEETS}/{}", draft.id);
    let writers = [Who::Admin, Who::OfficialVws];
    check_access(
        &app,
        &[
            Access::new(Method::POST, FACTSHEETS, |who| allowed_or(who, &writers, 201))
                .body_per_caller(|n| new_factsheet(Ministry::Vws, &format!("Vraag {n}?"))),
            Access::new(Method::PUT, &path, |who| allowed_or(who, &writers, 200))
                .body(&new_factsheet(Ministry::Vws, "Wie betaalt de praktijkopleider?")),
            // The admin publishes first; then nothing changed for the official.
            Access::new(Method::POST, &format!("{path}/publish"), |who| match who {
                Some(Who::OfficialVws) => 409,
                other => allowed_or(other, &[Who::Admin], 201),
            }),
        ],
    )
    .await;
    let to_ocw = new_factsheet(Ministry::Ocw, "Wie betaalt de praktijkopleider?");
    let response = revise(&app, Who::OfficialVws, &draft.id, Some("*"), &to_ocw).await;
    expect_problem(response, 403).await;
}

#[tokio::test]
async fn invalid_factsheets_are_refused_with_pointers() {
    let app = spawn_app().await;
    let mut bad = new_factsheet(Ministry::Vws, " ");
    bad.answer = "x".repeat(20_001);
    bad.regulation_ids = vec!["r".into(), "r".into()];
    let response = app
        .client_as(Who::OfficialVws)
        .post(app.url(FACTSHEETS))
        .json(&bad)
        .send()
        .await
        .expect("request");
    let problem = expect_problem(response, 422).await;
    assert_eq!(pointers(&problem), ["/question", "/answer", "/regulation_ids/1"]);

    let mut unknown = new_factsheet(Ministry::Vws, "Bestaat deze regel?");
    unknown.regulation_ids = vec!["no-such-rule".into()];
    unknown.ticket_ids = vec!["no-such-ticket".into()];
    let problem = expect_problem(app.post_json(FACTSHEETS, &unknown).await, 422).await;
    assert_eq!(pointers(&problem), ["/regulation_ids/0", "/ticket_ids/0"]);

    // A ministry the body's type does not know.
    let wrong_code = with_fields(&new_factsheet(Ministry::Vws, "Vraag?"), json!({"ministry": "EZK"}));
    let problem = expect_problem(app.post_json(FACTSHEETS, &wrong_code).await, 422).await;
    assert_eq!(pointers(&problem), ["/ministry"]);
    assert_eq!(
        list_as(&app, Some(Who::Admin), "?status=draft").await.len(),
        1,
        "nothing stored"
    );
}
