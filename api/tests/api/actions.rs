//! Actions and their progress timelines through HTTP: create, read, update with
//! optimistic concurrency, archive, filters, pagination, validation errors,
//! idempotent creates, and progress updates that move the action.

mod access;

use std::collections::HashSet;

use crate::helpers::{
    self, TestApp, action_fields, changed, coded, expect_problem, header, json_body, pointers, progress_update,
    spawn_app, with_fields,
};
use serde::Serialize;
use serde_json::{Value, json};
use zorgpact_contract::action::{ActionIndicatorRequest, CreateActionRequest, CreateProgressUpdateRequest};
use zorgpact_contract::codes::{ActionStatus, Theme};

const REGION: &str = "twente";

async fn json(response: reqwest::Response) -> Value {
    response.json().await.expect("json body")
}

/// Ids of the first `n` partners of a region.
async fn partner_ids(app: &TestApp, region: &str, n: usize) -> Vec<String> {
    let partners = json(app.get(&format!("/api/v1/regions/{region}/partners")).await).await;
    let ids: Vec<String> = partners["items"]
        .as_array()
        .expect("partners")
        .iter()
        .take(n)
        .map(|p| p["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(ids.len(), n, "{region} has {n} partners");
    ids
}

/// A new action of Twente.
fn new_action(title: &str, partner_ids: &[String]) -> CreateActionRequest {
    helpers::new_action(REGION, title, partner_ids)
}

/// A progress entry that completes the action.
fn completed_on(date: &str, percent: i64) -> CreateProgressUpdateRequest {
    CreateProgressUpdateRequest {
        status: ActionStatus::Completed,
        ..progress_update(date, percent)
    }
}

/// Creates an action and returns its body and location.
async fn create(app: &TestApp, title: &str) -> (Value, String) {
    let response = app.post_json("/api/v1/actions", &new_action(title, &[])).await;
    assert_eq!(response.status(), 201, "create {title}");
    let location = header(&response, "location");
    (json(response).await, location)
}

/// Every page of a list, following `next_cursor`.
async fn all_ids(app: &TestApp, path_and_query: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let separator = if path_and_query.contains('?') { '&' } else { '?' };
        let url = match &cursor {
            Some(c) => format!("{path_and_query}{separator}cursor={c}"),
            None => path_and_query.to_owned(),
        };
        let page = json(app.get(&url).await).await;
        ids.extend(
            page["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|a| a["id"].as_str().expect("id").to_owned()),
        );
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return ids,
        }
    }
    panic!("more than 100 pages of {path_and_query}");
}

#[tokio::test]
async fn create_read_and_update_with_if_match() {
    let app = spawn_app().await;
    let partners = partner_ids(&app, REGION, 2).await;
    let response = app
        .post_json(
            "/api/v1/actions",
            &new_action("Leerwerkbanen voor zij-instromers", &partners),
        )
        .await;
    assert_eq!(response.status(), 201);
    let location = header(&response, "location");
    assert_eq!(header(&response, "etag"), "\"v1\"");
    let created = json_body(response).await;
    assert_eq!(
        location,
        format!("/api/v1/actions/{}", created["id"].as_str().expect("id"))
    );
    assert_eq!(created["region_code"], REGION);
    assert_eq!(created["archived"], false);
    assert_eq!(created["version"], 1);
    assert_eq!(created["partners"].as_array().map(Vec::len), Some(2));
    assert!(
        created["partners"][0]["organisation"].is_string(),
        "partners come with their names"
    );
    assert_eq!(created["indicators"][0]["code"], "side_entrants");
    assert_eq!(created["indicators"][0]["expected_effect"], "+30 per jaar");

    let response = app.get(&location).await;
    assert_eq!(header(&response, "etag"), "\"v1\"");
    let read = json_body(response).await;
    assert_eq!(read, created, "reads what was created");

    let mut fields = action_fields(&read);
    fields.status = ActionStatus::InProgress;
    fields.progress = 25;
    fields.themes = vec![Theme::PermanentLeren, Theme::ZorgEnTechnologie];
    fields.partner_ids = vec![partners[1].clone()];
    fields.indicators = vec![ActionIndicatorRequest {
        code: "bbl_programmes".into(),
        expected_effect: None,
    }];
    let response = app.put_json(&location, Some("\"v1\""), &fields).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let updated = json_body(response).await;
    assert_eq!(updated["version"], 2);
    assert_eq!(updated["progress"], 25);
    assert_eq!(updated["themes"], json!(["permanent_leren", "zorg_en_technologie"]));
    assert_eq!(
        updated["partners"].as_array().map(Vec::len),
        Some(1),
        "partners replaced"
    );
    assert_eq!(updated["partners"][0]["id"], json!(partners[1]));
    assert_eq!(
        updated["indicators"],
        json!([{"code": "bbl_programmes", "name": updated["indicators"][0]["name"], "expected_effect": null}])
    );
    assert_eq!(updated["created_at"], created["created_at"]);
    assert_eq!(json(app.get(&location).await).await, updated, "the update is stored");

    let stale = app.put_json(&location, Some("\"v1\""), &fields).await;
    let problem = expect_problem(stale, 412).await;
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("changed")));
    expect_problem(app.put_json(&location, None, &fields).await, 428).await;

    // The region belongs to the action for good.
    let moved = with_fields(&fields, json!({"region_code": "zeeland"}));
    expect_problem(app.put_json(&location, Some("\"v2\""), &moved).await, 422).await;
    assert_eq!(json(app.get(&location).await).await["region_code"], REGION);
}

#[tokio::test]
async fn unknown_actions_are_404() {
    let app = spawn_app().await;
    let path = "/api/v1/actions/0193a1e2-7c1d-7000-8000-00000000dead";
    let problem = expect_problem(app.get(path).await, 404).await;
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("00000000dead")));
    let fields = action_fields(&create(&app, "Bestaat").await.0);
    expect_problem(app.put_json(path, Some("\"v1\""), &fields).await, 404).await;
    expect_problem(app.delete(path, Some("*")).await, 404).await;
    let restore = app
        .client
        .post(app.url(&format!("{path}/restore")))
        .header("If-Match", "*");
    expect_problem(restore.send().await.expect("request"), 404).await;
    expect_problem(app.get(&format!("{path}/updates")).await, 404).await;
    let update = progress_update("2024-01-31", 10);
    expect_problem(app.post_json(&format!("{path}/updates"), &update).await, 404).await;
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let app = spawn_app().await;
    let region_ids = all_ids(&app, "/api/v1/actions?region=midden-en-zuid-gelderland").await;
    assert_eq!(region_ids.len(), 4, "the demo agenda of Midden- en Zuid-Gelderland");

    let list = |query: &str| {
        let path = format!("/api/v1/actions?limit=200&{query}");
        let app = &app;
        async move {
            let response = app.get(&path).await;
            assert_eq!(response.status(), 200, "{path}");
            let body = json_body(response).await;
            body["items"].as_array().expect("items").clone()
        }
    };
    let all = list("").await;
    assert!(all.len() >= 20, "the demo actions");

    let completed = list("status=completed").await;
    assert!(!completed.is_empty());
    assert!(
        completed
            .iter()
            .all(|a| a["status"] == "completed" && a["progress"] == 100)
    );

    let technology = list("theme=zorg_en_technologie").await;
    assert!(!technology.is_empty() && technology.len() < all.len());
    assert!(technology.iter().all(|a| {
        a["themes"]
            .as_array()
            .expect("themes")
            .contains(&json!("zorg_en_technologie"))
    }));

    let combined = list("region=midden-en-zuid-gelderland&action_line=learn&status=in_progress").await;
    assert_eq!(combined.len(), 3, "{combined:?}");

    // Free text in title or description, ignoring case; `%` is not a wildcard.
    let wijk = list("q=WIJK").await;
    assert!(!wijk.is_empty());
    assert!(wijk.iter().all(|a| {
        let text = format!("{} {}", a["title"], a["description"]).to_lowercase();
        text.contains("wijk")
    }));
    assert!(list("q=%25").await.is_empty(), "a literal percent sign matches nothing");
    assert!(list("q=zzz-nergens").await.is_empty());

    let roc = list("owner=roc").await;
    assert!(roc.len() >= 3);
    assert!(
        roc.iter()
            .all(|a| a["owner"].as_str().expect("owner").to_lowercase().contains("roc"))
    );

    // Changed since: only what changed at or after the moment.
    assert!(list("updated_since=2100-01-01").await.is_empty());
    assert_eq!(list("updated_since=2000-01-01").await.len(), all.len());
    let (created, _) = create(&app, "Nieuw sinds vandaag").await;
    let since = created["updated_at"].as_str().expect("updated_at");
    let changed = list(&format!("updated_since={since}")).await;
    assert_eq!(
        changed.iter().map(|a| a["id"].clone()).collect::<Vec<_>>(),
        vec![created["id"].clone()]
    );
    let offset = since.replace('Z', "+00:00").replace('+', "%2B");
    assert_eq!(list(&format!("updated_since={offset}")).await.len(), 1);

    for (query, parameter) in [
        ("status=done", "status"),
        ("theme=nonsense", "theme"),
        ("action_line=4", "action_line"),
        ("region=Twente!", "region"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2024-02-30", "updated_since"),
        ("archived=maybe", "archived"),
        ("limit=0", "limit"),
        ("limit=lots", "limit"),
        ("cursor=@@@", "cursor"),
    ] {
        let problem = expect_problem(app.get(&format!("/api/v1/actions?{query}")).await, 400).await;
        assert_eq!(pointers(&problem), [parameter], "{query}");
    }
}

#[tokio::test]
async fn pages_of_two_walk_every_action_once() {
    let app = spawn_app().await;
    let everything = all_ids(&app, "/api/v1/actions?limit=200").await;
    let paged = all_ids(&app, "/api/v1/actions?limit=2").await;
    assert_eq!(paged, everything, "same actions, same order");
    let unique: HashSet<&String> = paged.iter().collect();
    assert_eq!(unique.len(), paged.len(), "no duplicates");
    let mut sorted = paged.clone();
    sorted.sort();
    assert_eq!(paged, sorted, "ordered by id");

    let first = json(app.get("/api/v1/actions?limit=2").await).await;
    assert_eq!(first["items"].as_array().map(Vec::len), Some(2));
    assert!(first["next_cursor"].is_string());
    let filtered = all_ids(&app, "/api/v1/actions?limit=1&region=midden-en-zuid-gelderland").await;
    assert_eq!(filtered.len(), 4, "cursors keep the filters' company");
}

/// The field errors (pointer, code, limit) of the 422 a create with `body` gets.
async fn refused(app: &TestApp, body: &impl Serialize) -> Vec<String> {
    coded(&expect_problem(app.post_json("/api/v1/actions", body).await, 422).await)
}

/// Each refusal names the field, and says why as a code (with the rule's number)
/// that the app translates.
#[tokio::test]
async fn invalid_actions_are_refused_with_pointers_and_codes() {
    let app = spawn_app().await;
    let good = new_action("Goed", &[]);
    let own = partner_ids(&app, REGION, 1).await;
    let other = partner_ids(&app, "zeeland", 1).await;
    let indicator = |code: &str| ActionIndicatorRequest {
        code: code.into(),
        expected_effect: None,
    };
    let cases = [
        (changed(&good, |a| a.progress = 101), "/progress out_of_range 100"),
        (changed(&good, |a| a.progress = -1), "/progress out_of_range 0"),
        (
            changed(&good, |a| a.end_date = Some("2025-08-31".into())),
            "/end_date inconsistent",
        ),
        (
            changed(&good, |a| a.end_date = Some("31-08-2027".into())),
            "/end_date invalid_format",
        ),
        (
            changed(&good, |a| (a.status, a.progress) = (ActionStatus::Completed, 80)),
            "/progress inconsistent",
        ),
        (changed(&good, |a| a.title = "x".repeat(201)), "/title too_long 200"),
        (
            changed(&good, |a| a.description = "x".repeat(10_001)),
            "/description too_long 10000",
        ),
        (
            changed(&good, |a| a.region_code = "atlantis".into()),
            "/region_code unknown_reference",
        ),
        (
            changed(&good, |a| a.region_code = "Atlantis!".into()),
            "/region_code invalid_format",
        ),
        (
            changed(&good, |a| {
                a.indicators = vec![indicator("side_entrants"), indicator("happiness")]
            }),
            "/indicators/1/code unknown_reference",
        ),
        (
            changed(&good, |a| a.partner_ids = vec![own[0].clone(), other[0].clone()]),
            "/partner_ids/1 unknown_reference",
        ),
        (
            changed(&good, |a| a.partner_ids = vec![own[0].clone(), own[0].clone()]),
            "/partner_ids/1 duplicate",
        ),
        (
            changed(&good, |a| a.partner_ids = vec![own[0].clone(); 101]),
            "/partner_ids too_many 100",
        ),
        (
            changed(&good, |a| a.owner = "Team\u{7}".into()),
            "/owner control_characters",
        ),
        // What the body's type cannot hold: numbers out of range, wrong types,
        // unknown codes and fields.
        (with_fields(&good, json!({"progress": 1e30})), "/progress invalid_type"),
        (with_fields(&good, json!({"progress": "ten"})), "/progress invalid_type"),
        (
            with_fields(&good, json!({"themes": ["permanent_leren", "wellness"]})),
            "/themes/1 unknown_code",
        ),
        (
            with_fields(&good, json!({"themes": ["permanent_leren", 7]})),
            "/themes/1 invalid_type",
        ),
        (with_fields(&good, json!({"status": "done"})), "/status unknown_code"),
        (
            with_fields(&good, json!({"indicators": [{"code": "side_entrants", "weight": 2}]})),
            "/indicators/0/weight not_allowed",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(refused(&app, &body).await, [expected], "{body}");
    }
    let blank = changed(&good, |a| (a.title, a.owner) = ("  ".into(), String::new()));
    assert_eq!(refused(&app, &blank).await, ["/title required", "/owner required"]);
    let unknown_field = with_fields(&good, json!({"priority": "high"}));
    let problem = expect_problem(app.post_json("/api/v1/actions", &unknown_field).await, 422).await;
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains("priority")),
        "{problem}"
    );
    assert_eq!(coded(&problem), ["/priority not_allowed"]);

    let mut missing = serde_json::to_value(&good).expect("JSON");
    missing.as_object_mut().expect("object").remove("title");
    assert_eq!(refused(&app, &missing).await, ["/title required"]);

    // Not JSON at all, or not even UTF-8: 400, never a 500.
    for body in [&b"{\"title\": "[..], b"\xff\xfe\x00", b"[]"] {
        let response = app
            .client
            .post(app.url("/api/v1/actions"))
            .header("content-type", "application/json")
            .body(body.to_vec())
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        assert!(status == 400 || status == 422, "{body:?}: {status}");
    }
    let text = app
        .client
        .post(app.url("/api/v1/actions"))
        .body("title=x")
        .send()
        .await
        .expect("request");
    expect_problem(text, 415).await;

    let nothing = json(app.get("/api/v1/actions?q=Goed&limit=200").await).await;
    assert!(
        nothing["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|a| a["title"] != "Goed"),
        "nothing was stored"
    );
}

#[tokio::test]
async fn a_retried_create_makes_one_action() {
    let app = spawn_app().await;
    let before = all_ids(&app, "/api/v1/actions?region=twente").await.len();
    let body = new_action("Eén keer aanmaken", &[]);
    let first = app.post_json_with_key("/api/v1/actions", "create-1", &body).await;
    assert_eq!(first.status(), 201);
    let (location, etag) = (header(&first, "location"), header(&first, "etag"));
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first = json(first).await;

    let second = app.post_json_with_key("/api/v1/actions", "create-1", &body).await;
    assert_eq!(second.status(), 201);
    assert_eq!(header(&second, "idempotent-replayed"), "true");
    assert_eq!((header(&second, "location"), header(&second, "etag")), (location, etag));
    assert_eq!(json(second).await, first, "the first response, replayed");
    assert_eq!(all_ids(&app, "/api/v1/actions?region=twente").await.len(), before + 1);

    let other = app
        .post_json_with_key("/api/v1/actions", "create-1", &new_action("Iets anders", &[]))
        .await;
    let problem = expect_problem(other, 422).await;
    assert_eq!(pointers(&problem), ["Idempotency-Key"]);
    assert_eq!(all_ids(&app, "/api/v1/actions?region=twente").await.len(), before + 1);
}

#[tokio::test]
async fn progress_updates_build_the_timeline_and_move_the_action() {
    let app = spawn_app().await;
    let (action, location) = create(&app, "Praktijkroute ouderenzorg").await;
    let updates = format!("{location}/updates");
    let timeline = json_body(app.get(&updates).await).await;
    assert_eq!(timeline["items"], json!([]));

    let march = CreateProgressUpdateRequest {
        note: "Eerste cohort gestart".into(),
        author: Some("Kartrekker Twente".into()),
        ..progress_update("2024-03-31", 30)
    };
    let response = app.post_json_with_key(&updates, "march", &march).await;
    assert_eq!(response.status(), 201);
    let entry_location = header(&response, "location");
    let entry = json_body(response).await;
    assert_eq!(
        entry_location,
        format!("{updates}/{}", entry["id"].as_str().expect("id"))
    );
    assert_eq!(
        (entry["date"].clone(), entry["progress"].clone()),
        (json!("2024-03-31"), json!(30))
    );
    // The author is whoever is signed in (here the admin); a body `author` is ignored.
    assert_eq!(entry["author"], "Admin");
    let read = json_body(app.get(&entry_location).await).await;
    assert_eq!(read, entry);

    let response = app.get(&location).await;
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let moved = json(response).await;
    assert_eq!(
        (moved["status"].clone(), moved["progress"].clone()),
        (json!("in_progress"), json!(30))
    );
    assert_eq!(moved["version"], 2);
    assert_ne!(moved["updated_at"], action["updated_at"]);

    // A retry records nothing new; the action's rules apply to entries too.
    let retry = app.post_json_with_key(&updates, "march", &march).await;
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
    let half_done = completed_on("2024-06-30", 90);
    assert_eq!(
        pointers(&expect_problem(app.post_json(&updates, &half_done).await, 422).await),
        ["/progress"]
    );
    let too_far = CreateProgressUpdateRequest {
        author: Some(String::new()),
        ..progress_update("2024-06-30", 101)
    };
    assert_eq!(
        pointers(&expect_problem(app.post_json(&updates, &too_far).await, 422).await),
        ["/progress"]
    );

    assert_eq!(
        app.post_json(&updates, &completed_on("2024-06-30", 100)).await.status(),
        201
    );
    // Filling in an older entry keeps the history but does not turn the action back.
    let january = progress_update("2024-01-31", 10);
    assert_eq!(app.post_json(&updates, &january).await.status(), 201);

    let now = json(app.get(&location).await).await;
    assert_eq!(
        (now["status"].clone(), now["progress"].clone(), now["version"].clone()),
        (json!("completed"), json!(100), json!(3))
    );
    let timeline = json(app.get(&updates).await).await;
    let dates: Vec<&str> = timeline["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["date"].as_str().expect("date"))
        .collect();
    assert_eq!(
        dates,
        ["2024-01-31", "2024-03-31", "2024-06-30"],
        "oldest first, history kept"
    );
    let paged = all_ids(&app, &format!("{updates}?limit=2")).await;
    assert_eq!(paged.len(), 3);
    assert_eq!(
        paged,
        timeline["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|e| e["id"].as_str().expect("id"))
            .collect::<Vec<_>>()
    );
    expect_problem(app.get(&format!("{updates}?cursor=bm9wZQ")).await, 400).await;
}

#[tokio::test]
async fn archived_actions_leave_the_list_but_stay_readable() {
    let app = spawn_app().await;
    let (action, location) = create(&app, "Wordt gearchiveerd").await;
    let id = action["id"].clone();
    let listed = |query: &'static str| {
        let app = &app;
        async move { all_ids(app, &format!("/api/v1/actions?region=twente{query}")).await }
    };
    assert!(listed("").await.contains(&id.as_str().expect("id").to_owned()));

    expect_problem(app.delete(&location, None).await, 428).await;
    expect_problem(app.delete(&location, Some("\"v7\"")).await, 412).await;
    let response = app.delete(&location, Some("\"v1\"")).await;
    assert_eq!(response.status(), 204);

    let response = app.get(&location).await;
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let archived = json(response).await;
    assert_eq!(
        (archived["archived"].clone(), archived["version"].clone()),
        (json!(true), json!(2))
    );
    assert_eq!(archived["title"], "Wordt gearchiveerd");

    let id = id.as_str().expect("id").to_owned();
    assert!(!listed("").await.contains(&id), "hidden by default");
    assert!(!listed("&archived=false").await.contains(&id));
    assert_eq!(listed("&archived=true").await, vec![id.clone()], "only archived ones");

    // No more changes, nor progress; archiving again changes nothing.
    let problem = expect_problem(
        app.put_json(&location, Some("\"v2\""), &action_fields(&archived)).await,
        409,
    )
    .await;
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains("archived")),
        "{problem}"
    );
    let update = progress_update("2024-01-31", 10);
    expect_problem(app.post_json(&format!("{location}/updates"), &update).await, 409).await;
    assert_eq!(app.delete(&location, Some("*")).await.status(), 204);
    assert_eq!(json(app.get(&location).await).await["version"], 2);
    assert_eq!(
        json(app.get(&format!("{location}/updates")).await).await["items"],
        json!([])
    );
}

#[tokio::test]
async fn restored_actions_return_to_the_list_and_change_again() {
    let app = spawn_app().await;
    let (action, location) = create(&app, "Wordt teruggezet").await;
    let id = action["id"].as_str().expect("id").to_owned();
    let restore = format!("{location}/restore");
    let restore_with = |if_match: Option<&'static str>| {
        let mut request = app.client.post(app.url(&restore));
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request.send()
    };

    // Nothing to restore while it is on the agenda.
    let problem = expect_problem(restore_with(Some("*")).await.expect("request"), 409).await;
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains("not archived")),
        "{problem}"
    );
    assert_eq!(app.delete(&location, Some("\"v1\"")).await.status(), 204);

    expect_problem(restore_with(None).await.expect("request"), 428).await;
    expect_problem(restore_with(Some("\"v1\"")).await.expect("request"), 412).await;
    let response = restore_with(Some("\"v2\"")).await.expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v3\"");
    let restored = json(response).await;
    assert_eq!(
        (restored["archived"].clone(), restored["version"].clone()),
        (json!(false), json!(3))
    );
    assert_eq!(restored["title"], "Wordt teruggezet");
    let listed = all_ids(&app, "/api/v1/actions?region=twente").await;
    assert!(listed.contains(&id), "back in the list");
    assert!(
        !all_ids(&app, "/api/v1/actions?region=twente&archived=true")
            .await
            .contains(&id)
    );

    // It takes changes and progress again; restoring twice is a conflict.
    let renamed = changed(&action_fields(&restored), |f| f.title = "Weer actief".into());
    let response = app.put_json(&location, Some("\"v3\""), &renamed).await;
    assert_eq!(response.status(), 200);
    let update = progress_update("2024-01-31", 10);
    assert_eq!(
        app.post_json(&format!("{location}/updates"), &update).await.status(),
        201
    );
    expect_problem(restore_with(Some("*")).await.expect("request"), 409).await;
}

#[tokio::test]
async fn malformed_input_is_refused_without_breaking() {
    let app = spawn_app().await;
    let (_, location) = create(&app, "Robuust").await;
    for path in [
        "/api/v1/actions/%FF%FE",
        "/api/v1/actions/..%2F..%2Fetc",
        "/api/v1/actions?limit=99999999999999999999999",
        "/api/v1/actions?q=%FF",
        "/api/v1/actions?archived=1&updated_since=%00",
    ] {
        let status = app.get(path).await.status().as_u16();
        assert!((200..500).contains(&status), "{path}: {status}");
    }
    let long = format!("/api/v1/actions?q={}", "a".repeat(201));
    assert_eq!(pointers(&expect_problem(app.get(&long).await, 400).await), ["q"]);
    let updates = format!("{location}/updates");
    let good = progress_update("2024-01-31", 50);
    for (body, pointer) in [
        (with_fields(&good, json!({"progress": "half"})), "/progress"),
        (with_fields(&good, json!({"date": 20240131})), "/date"),
        (changed(&good, |u| u.date = "2024-02-30".into()), "/date"),
        (with_fields(&good, json!({"status": "paused"})), "/status"),
        (changed(&good, |u| u.note = "x".repeat(4001)), "/note"),
    ] {
        let problem = expect_problem(app.post_json(&updates, &body).await, 422).await;
        assert_eq!(pointers(&problem), [pointer], "{body}");
    }
    let extra = with_fields(&good, json!({"mood": "good"}));
    expect_problem(app.post_json(&updates, &extra).await, 422).await;
    assert_eq!(
        json(app.get(&updates).await).await["items"],
        json!([]),
        "nothing was recorded"
    );
}
