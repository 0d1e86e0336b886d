//! Around the workflow: comments with internal notes, the contact log, and
//! duplicates that follow their original.

use reqwest::Method;
use serde_json::json;
use zorgpact_contract::barrier::{
    BarrierResponse, CommentsResponse, ContactRequest, ContactsResponse, DuplicateOfRequest,
};
use zorgpact_contract::codes::{ContactKind, Resolution};

use super::{TICKETS, ticket};
use crate::helpers::{Access, TestApp, Who, check_access, comment, expect_problem, pointers, spawn_app, with_fields};

async fn comments_as(app: &TestApp, who: Who, id: &str) -> Vec<(String, bool)> {
    let response = app
        .client_as(who)
        .get(app.url(&format!("{TICKETS}/{id}/comments")))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "{who:?} reads the comments");
    let list: CommentsResponse = response.json().await.expect("comments");
    list.items.into_iter().map(|c| (c.body, c.internal)).collect()
}

/// 401 anonymously; 404 for those who may not read the ticket (a Twente ticket
/// of VWS); `ok` for `allowed`; 403 for the other readers and partner systems.
fn on_twente_vws_ticket(who: Option<Who>, allowed: &[Who], ok: u16) -> u16 {
    match who {
        None => 401,
        Some(who) if allowed.contains(&who) => ok,
        Some(Who::CoordinatorGelderland | Who::OfficialOcw) => 404,
        Some(_) => 403,
    }
}

#[tokio::test]
async fn comments_are_for_the_region_and_the_ministry_and_notes_for_the_ministry_side() {
    let app = spawn_app().await;
    let ticket = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let path = format!("{TICKETS}/{}/comments", ticket.id);
    let open = [Who::Admin, Who::CoordinatorTwente, Who::OfficialVws];
    let ministry_side = [Who::Admin, Who::OfficialVws];
    check_access(
        &app,
        &[
            Access::new(Method::POST, &path, |who| on_twente_vws_ticket(who, &open, 201))
                .body(&comment("Graag de cao's van beide werkgevers.", false)),
            Access::new(Method::POST, &path, |who| {
                on_twente_vws_ticket(who, &ministry_side, 201)
            })
            .body(&comment("Intern: afstemmen met SZW.", true)),
        ],
    )
    .await;

    let asked = ("Graag de cao's van beide werkgevers.".to_owned(), false);
    let note = ("Intern: afstemmen met SZW.".to_owned(), true);
    let everything = [vec![asked.clone(); 3], vec![note.clone(); 2]].concat();
    assert_eq!(comments_as(&app, Who::OfficialVws, &ticket.id).await, everything);
    assert_eq!(comments_as(&app, Who::Admin, &ticket.id).await, everything);
    assert_eq!(
        comments_as(&app, Who::CoordinatorTwente, &ticket.id).await,
        vec![asked.clone(); 3],
        "the region does not see internal notes"
    );
    assert_eq!(comments_as(&app, Who::Analyst, &ticket.id).await, vec![asked; 3]);
}

#[tokio::test]
async fn a_comment_needs_text_within_its_limit() {
    let app = spawn_app().await;
    let ticket = ticket(&app, "twente", Some("VWS"), "submitted").await;
    let path = format!("{TICKETS}/{}/comments", ticket.id);
    for body in ["   ".to_owned(), "x".repeat(5_001)] {
        let problem = expect_problem(app.post_json(&path, &comment(&body, false)).await, 422).await;
        assert_eq!(pointers(&problem), ["/body"]);
    }
    let unknown = app
        .post_json(&path, &with_fields(&comment("Ok", false), json!({"private": true})))
        .await;
    expect_problem(unknown, 422).await;
    let missing = app
        .post_json(&format!("{TICKETS}/no-such-ticket/comments"), &comment("Ok", false))
        .await;
    expect_problem(missing, 404).await;
    assert_eq!(
        comments_as(&app, Who::Admin, &ticket.id).await,
        [],
        "nothing was stored"
    );
}

fn contact(kind: ContactKind, on: &str, participants: &str) -> ContactRequest {
    ContactRequest {
        kind,
        contact_on: on.into(),
        participants: participants.into(),
        note: None,
    }
}

async fn contacts(app: &TestApp, id: &str) -> ContactsResponse {
    app.get(&format!("{TICKETS}/{id}/contacts"))
        .await
        .json()
        .await
        .expect("contacts")
}

#[tokio::test]
async fn the_ministry_side_logs_contacts_and_counts_them_by_kind() {
    let app = spawn_app().await;
    let ticket = ticket(&app, "twente", Some("VWS"), "in_analysis").await;
    let path = format!("{TICKETS}/{}/contacts", ticket.id);
    let logged = [Who::Admin, Who::OfficialVws];
    check_access(
        &app,
        &[
            Access::new(Method::POST, &path, |who| on_twente_vws_ticket(who, &logged, 201)).body(&contact(
                ContactKind::PhoneCall,
                "2024-03-04",
                "OCW, regio Twente",
            )),
            Access::get(&path, |who| {
                on_twente_vws_ticket(
                    who,
                    &[Who::Admin, Who::OfficialVws, Who::CoordinatorTwente, Who::Analyst],
                    200,
                )
            }),
        ],
    )
    .await;
    let email = contact(ContactKind::Email, "2024-03-05", "Beleidsmedewerker VWS");
    assert_eq!(app.post_json(&path, &email).await.status(), 201);

    let log = contacts(&app, &ticket.id).await;
    assert_eq!(log.items.len(), 3);
    assert_eq!(log.items[0].kind, ContactKind::Email, "most recent first");
    assert_eq!(log.items[0].recorded_by, "Admin", "the admin logged it last");
    let counts = log.counts;
    assert_eq!(
        (counts.meetings, counts.phone_calls, counts.emails, counts.total),
        (0, 2, 1, 3)
    );
}

#[tokio::test]
async fn a_contact_reports_every_bad_field_and_stores_nothing() {
    let app = spawn_app().await;
    let ticket = ticket(&app, "twente", Some("VWS"), "triaged").await;
    let path = format!("{TICKETS}/{}/contacts", ticket.id);
    let mut bad = contact(ContactKind::Meeting, "2999-01-01", " ");
    bad.note = Some("x".repeat(2_001));
    let problem = expect_problem(app.post_json(&path, &bad).await, 422).await;
    assert_eq!(pointers(&problem), ["/contact_on", "/participants", "/note"]);
    let unknown_kind = with_fields(
        &contact(ContactKind::Meeting, "2024-03-04", "OCW"),
        json!({"kind": "letter"}),
    );
    let problem = expect_problem(app.post_json(&path, &unknown_kind).await, 422).await;
    assert_eq!(pointers(&problem), ["/kind"]);
    assert!(contacts(&app, &ticket.id).await.items.is_empty());
}

async fn mark(app: &TestApp, id: &str, original: &str) -> reqwest::Response {
    let body = DuplicateOfRequest {
        original: original.into(),
    };
    app.put_json(&format!("{TICKETS}/{id}/duplicate-of"), None, &body).await
}

async fn read(app: &TestApp, id: &str) -> BarrierResponse {
    app.get(&format!("{TICKETS}/{id}")).await.json().await.expect("ticket")
}

#[tokio::test]
async fn a_duplicate_follows_its_original_and_cycles_are_refused() {
    let app = spawn_app().await;
    let original = ticket(&app, "twente", Some("OCW"), "answered").await;
    let first = ticket(&app, "twente", Some("OCW"), "submitted").await;
    let second = ticket(&app, "twente", Some("OCW"), "triaged").await;

    let response = mark(&app, &first.id, &original.id).await;
    assert_eq!(response.status(), 200);
    let marked: BarrierResponse = response.json().await.expect("ticket");
    let followed = marked.duplicate_of.expect("a duplicate");
    assert_eq!(followed.id, original.id);
    assert_eq!(
        marked.resolution,
        Some(Resolution::WithinExistingRules),
        "the original's resolution"
    );
    assert_eq!(followed.answer, original.answer);
    let listed: Vec<String> = read(&app, &original.id)
        .await
        .duplicates
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(listed, [first.id.as_str()]);

    // A duplicate of a duplicate follows the top of the chain.
    assert_eq!(mark(&app, &second.id, &first.id).await.status(), 200);
    let chained = read(&app, &second.id).await;
    assert_eq!(chained.duplicate_of.map(|o| o.id), Some(original.id.clone()));

    for (id, to, why) in [
        (&original.id, &second.id, "through first"),
        (&original.id, &first.id, "directly"),
        (&first.id, &first.id, "itself"),
        (&first.id, &"no-such-ticket".to_owned(), "unknown"),
    ] {
        let problem = expect_problem(mark(&app, id, to).await, 422).await;
        assert_eq!(pointers(&problem), ["/original"], "{why}");
    }
    assert_eq!(read(&app, &original.id).await.duplicate_of, None, "nothing changed");

    let stale = app
        .client
        .delete(app.url(&format!("{TICKETS}/{}/duplicate-of", first.id)))
        .header("If-Match", "\"v1\"")
        .send()
        .await
        .expect("request");
    expect_problem(stale, 412).await;
    let response = app.delete(&format!("{TICKETS}/{}/duplicate-of", first.id), None).await;
    assert_eq!(response.status(), 200);
    let unmarked: BarrierResponse = response.json().await.expect("ticket");
    assert_eq!((unmarked.duplicate_of, unmarked.resolution), (None, None));
}

#[tokio::test]
async fn only_the_ministry_side_marks_duplicates() {
    let app = spawn_app().await;
    let original = ticket(&app, "twente", Some("VWS"), "answered").await;
    let copies: Vec<BarrierResponse> = {
        let mut copies = Vec::new();
        for _ in 0..9 {
            copies.push(ticket(&app, "twente", Some("VWS"), "submitted").await);
        }
        copies
    };
    let ids: Vec<String> = copies.iter().map(|c| c.id.clone()).collect();
    let body = DuplicateOfRequest {
        original: original.id.clone(),
    };
    check_access(
        &app,
        &[Access::new(Method::PUT, "", |who| {
            on_twente_vws_ticket(who, &[Who::Admin, Who::OfficialVws], 200)
        })
        .path_per_caller(|n| format!("{TICKETS}/{}/duplicate-of", ids[n]))
        .body(&body)],
    )
    .await;
}
