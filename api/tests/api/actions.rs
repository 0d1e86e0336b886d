//! Actions and their progress timelines through HTTP: create, read, update with
//! optimistic concurrency, archive, filters, pagination, validation errors,
//! idempotent creates, and progress updates that move the action.

mod access;

use std::collections::HashSet;

use crate::helpers::{self, TestApp, expect_problem, header, json_body, pointers, spawn_app};
use serde_json::{Value, json};

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

/// A valid new action of Twente as JSON, for tests that then break one field.
fn new_action(title: &str, partner_ids: &[String]) -> Value {
    serde_json::to_value(helpers::new_action(REGION, title, partner_ids)).expect("JSON")
}

/// The editable fields of `action` (a response) as JSON, ready for a PUT.
fn fields_of(action: &Value) -> Value {
    serde_json::to_value(helpers::action_fields(action)).expect("JSON")
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

    let mut fields = fields_of(&read);
    fields["status"] = json!("in_progress");
    fields["progress"] = json!(25);
    fields["themes"] = json!(["permanent_leren", "zorg_en_technologie"]);
    fields["partner_ids"] = json!([partners[1]]);
    fields["indicators"] = json!([{"code": "bbl_programmes"}]);
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
    let mut moved = fields.clone();
    moved["region_code"] = json!("zeeland");
    expect_problem(app.put_json(&location, Some("\"v2\""), &moved).await, 422).await;
    assert_eq!(json(app.get(&location).await).await["region_code"], REGION);
}

#[tokio::test]
async fn unknown_actions_are_404() {
    let app = spawn_app().await;
    let path = "/api/v1/actions/0193a1e2-7c1d-7000-8000-00000000dead";
    let problem = expect_problem(app.get(path).await, 404).await;
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("00000000dead")));
    let fields = fields_of(&create(&app, "Bestaat").await.0);
    expect_problem(app.put_json(path, Some("\"v1\""), &fields).await, 404).await;
    expect_problem(app.delete(path, Some("*")).await, 404).await;
    expect_problem(app.get(&format!("{path}/updates")).await, 404).await;
    let update = json!({"date": "2024-01-31", "progress": 10, "status": "in_progress", "author": "Kartrekker"});
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

#[tokio::test]
async fn invalid_actions_are_refused_with_pointers() {
    let app = spawn_app().await;
    let good = new_action("Goed", &[]);
    let refused = |change: Value| {
        let mut body = good.clone();
        for (key, value) in change.as_object().expect("object") {
            body[key] = value.clone();
        }
        let app = &app;
        async move {
            let problem = expect_problem(app.post_json("/api/v1/actions", &body).await, 422).await;
            pointers(&problem)
        }
    };
    assert_eq!(refused(json!({"progress": 101})).await, ["/progress"]);
    assert_eq!(refused(json!({"progress": -1})).await, ["/progress"]);
    assert_eq!(refused(json!({"progress": 1e30})).await, ["/progress"]);
    assert_eq!(refused(json!({"progress": "ten"})).await, ["/progress"]);
    assert_eq!(
        refused(json!({"themes": ["permanent_leren", "wellness"]})).await,
        ["/themes/1"]
    );
    assert_eq!(refused(json!({"themes": ["permanent_leren", 7]})).await, ["/themes/1"]);
    assert_eq!(
        refused(json!({"start_date": "2025-09-01", "end_date": "2025-08-31"})).await,
        ["/end_date"]
    );
    assert_eq!(refused(json!({"end_date": "31-08-2027"})).await, ["/end_date"]);
    assert_eq!(
        refused(json!({"status": "completed", "progress": 80})).await,
        ["/progress"]
    );
    assert_eq!(refused(json!({"status": "done"})).await, ["/status"]);
    assert_eq!(refused(json!({"title": "  ", "owner": ""})).await, ["/title", "/owner"]);
    assert_eq!(refused(json!({"title": "x".repeat(201)})).await, ["/title"]);
    assert_eq!(refused(json!({"region_code": "atlantis"})).await, ["/region_code"]);
    assert_eq!(
        refused(json!({"indicators": [{"code": "side_entrants"}, {"code": "happiness"}]})).await,
        ["/indicators/1/code"]
    );
    assert_eq!(
        refused(json!({"indicators": [{"code": "side_entrants", "weight": 2}]}))
            .await
            .len(),
        1
    );

    let own = partner_ids(&app, REGION, 1).await;
    let other = partner_ids(&app, "zeeland", 1).await;
    let problem = refused(json!({"partner_ids": [own[0], other[0]]})).await;
    assert_eq!(problem, ["/partner_ids/1"], "a partner of another region");
    assert_eq!(
        refused(json!({"partner_ids": [own[0], own[0]]})).await,
        ["/partner_ids/1"]
    );

    let mut unknown_field = good.clone();
    unknown_field["priority"] = json!("high");
    let problem = expect_problem(app.post_json("/api/v1/actions", &unknown_field).await, 422).await;
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains("priority")),
        "{problem}"
    );

    let mut missing = good.clone();
    missing.as_object_mut().expect("object").remove("title");
    expect_problem(app.post_json("/api/v1/actions", &missing).await, 422).await;

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

    let march = json!({"date": "2024-03-31", "progress": 30, "status": "in_progress",
        "note": "Eerste cohort gestart", "author": "Kartrekker Twente"});
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
    let half_done = json!({"date": "2024-06-30", "progress": 90, "status": "completed", "author": "Kartrekker Twente"});
    assert_eq!(
        pointers(&expect_problem(app.post_json(&updates, &half_done).await, 422).await),
        ["/progress"]
    );
    let too_far = json!({"date": "2024-06-30", "progress": 101, "status": "in_progress", "author": ""});
    assert_eq!(
        pointers(&expect_problem(app.post_json(&updates, &too_far).await, 422).await),
        ["/progress"]
    );

    let june = json!({"date": "2024-06-30", "progress": 100, "status": "completed"});
    assert_eq!(app.post_json(&updates, &june).await.status(), 201);
    // Filling in an older entry keeps the history but does not turn the action back.
    let january = json!({"date": "2024-01-31", "progress": 10, "status": "in_progress"});
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
        app.put_json(&location, Some("\"v2\""), &fields_of(&archived)).await,
        409,
    )
    .await;
    assert!(
        problem["detail"].as_str().is_some_and(|d| d.contains("archived")),
        "{problem}"
    );
    let update = json!({"date": "2024-01-31", "progress": 10, "status": "in_progress", "author": "Kartrekker"});
    expect_problem(app.post_json(&format!("{location}/updates"), &update).await, 409).await;
    assert_eq!(app.delete(&location, Some("*")).await.status(), 204);
    assert_eq!(json(app.get(&location).await).await["version"], 2);
    assert_eq!(
        json(app.get(&format!("{location}/updates")).await).await["items"],
        json!([])
    );
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
    for (body, pointer) in [
        (
            json!({"date": "2024-01-31", "progress": "half", "status": "in_progress", "author": "A"}),
            "/progress",
        ),
        (
            json!({"date": 20240131, "progress": 50, "status": "in_progress", "author": "A"}),
            "/date",
        ),
        (
            json!({"date": "2024-02-30", "progress": 50, "status": "in_progress", "author": "A"}),
            "/date",
        ),
        (
            json!({"date": "2024-01-31", "progress": 50, "status": "paused", "author": "A"}),
            "/status",
        ),
        (
            json!({"date": "2024-01-31", "progress": 50, "status": "planned", "author": "A", "note": "x".repeat(4001)}),
            "/note",
        ),
    ] {
        let problem = expect_problem(app.post_json(&updates, &body).await, 422).await;
        assert_eq!(pointers(&problem), [pointer], "{body}");
    }
    let extra = json!({"date": "2024-01-31", "progress": 50, "status": "in_progress", "author": "A", "mood": "good"});
    expect_problem(app.post_json(&updates, &extra).await, 422).await;
    assert_eq!(
        json(app.get(&updates).await).await["items"],
        json!([]),
        "nothing was recorded"
    );
}
