//! Full-text search through HTTP, on whichever backend the suite runs: answered
//! tickets and factsheets about a word, accents folded both ways, what each
//! caller may see, and the suggestions while filing (answered tickets only).

use crate::helpers::{TestApp, Who, expect_problem, new_barrier, spawn_app};
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::codes::SearchKind;
use zorgpact_contract::search::{SearchHit, SearchResponse};

async fn search(app: &TestApp, who: Option<Who>, query: &str) -> Vec<SearchHit> {
    let (status, body) = app.get_as(who, &format!("/api/v1/search?{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    serde_json::from_value::<SearchResponse>(body).expect("hits").items
}

fn titles(hits: &[SearchHit], kind: SearchKind) -> Vec<&str> {
    hits.iter()
        .filter(|h| h.kind == kind)
        .map(|h| h.title.as_str())
        .collect()
}

/// Files a ticket in Twente for OCW, as the admin.
async fn file(app: &TestApp, title: &str, description: &str) -> BarrierResponse {
    let mut filing = new_barrier("twente", Some("OCW"), title);
    filing.description = description.into();
    let response = app.post_json("/api/v1/barrier-tickets", &filing).await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("a ticket")
}

#[tokio::test]
async fn stagecontract_and_stagefonds_find_the_answered_tickets_and_factsheets() {
    let app = spawn_app().await;
    let hits = search(&app, Some(Who::Analyst), "q=stagecontract").await;
    assert!(
        titles(&hits, SearchKind::Ticket).contains(&"Standaard stagecontract past niet bij een ketenstage"),
        "{hits:?}"
    );
    assert!(
        titles(&hits, SearchKind::Factsheet)
            .iter()
            .any(|q| q.contains("ketenstage")),
        "{hits:?}"
    );
    // Noord's answered ticket; Flevoland's duplicate of it, still submitted, is found too.
    let ticket = hits
        .iter()
        .find(|h| h.kind == SearchKind::Ticket && h.title.contains("ketenstage"))
        .expect("the chain-internship ticket");
    assert!(
        ticket.status.is_some() && ticket.resolution.is_some(),
        "answered: {ticket:?}"
    );

    // "Stagefonds" occurs only in the answer of the ticket about supervision.
    let hits = search(&app, Some(Who::CoordinatorTwente), "q=Stagefonds").await;
    assert!(titles(&hits, SearchKind::Ticket).contains(&"Welke middelen zijn er voor stagebegeleiding?"));
    assert!(
        titles(&hits, SearchKind::Factsheet)
            .iter()
            .any(|q| q.contains("begeleiding van stagiairs"))
    );
    let fact = hits
        .iter()
        .find(|h| h.kind == SearchKind::Factsheet)
        .expect("a factsheet");
    assert!(fact.excerpt.to_lowercase().contains("stagefonds"), "{}", fact.excerpt);

    let anonymous = search(&app, None, "q=stagefonds").await;
    assert!(
        titles(&anonymous, SearchKind::Ticket).is_empty(),
        "tickets need a token"
    );
    assert!(
        !titles(&anonymous, SearchKind::Factsheet).is_empty(),
        "published factsheets are public"
    );
    let only_tickets = search(&app, Some(Who::Admin), "q=stagefonds&kind=ticket").await;
    assert!(!only_tickets.is_empty() && only_tickets.iter().all(|h| h.kind == SearchKind::Ticket));
    assert_eq!(search(&app, Some(Who::Admin), "q=stagefonds&limit=1").await.len(), 1);
    assert!(
        search(&app, Some(Who::Admin), "q=stagefonds+kangoeroe")
            .await
            .is_empty(),
        "every word must occur"
    );
    let any = search(&app, Some(Who::Admin), "q=stagefonds+kangoeroe&words=any").await;
    assert!(
        !titles(&any, SearchKind::Factsheet).is_empty(),
        "one word suffices: {any:?}"
    );
}

#[tokio::test]
async fn accented_and_plain_words_find_the_same_tickets() {
    let app = spawn_app().await;
    let accented = file(
        &app,
        "Regionale coördinatie van stages",
        "De financiële afspraken verschillen per school.",
    )
    .await;
    let plain = file(
        &app,
        "Coordinatie van leerwerkplekken",
        "Geen financiele ruimte voor een coordinator.",
    )
    .await;
    for query in ["coördinatie", "coordinatie", "COÖRDINATIE"] {
        let hits = search(&app, Some(Who::Admin), &format!("q={query}&kind=ticket")).await;
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert!(
            ids.contains(&accented.id.as_str()) && ids.contains(&plain.id.as_str()),
            "{query}: {hits:?}"
        );
    }
    for query in ["financiële", "financiele"] {
        let hits = search(&app, Some(Who::Admin), &format!("q={query}&kind=ticket")).await;
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert!(
            ids.contains(&accented.id.as_str()) && ids.contains(&plain.id.as_str()),
            "{query}: {hits:?}"
        );
    }
}

#[tokio::test]
async fn a_word_finds_the_longer_words_it_starts() {
    let app = spawn_app().await;
    let plural = file(
        &app,
        "Stagecontracten voor zij-instromers",
        "Elke instelling heeft eigen stagecontracten.",
    )
    .await;
    let hits = search(&app, Some(Who::Admin), "q=stagecontract&kind=ticket").await;
    assert!(hits.iter().any(|h| h.id == plural.id), "{hits:?}");
}

#[tokio::test]
async fn search_shows_only_tickets_the_caller_may_read() {
    let app = spawn_app().await;
    let private = file(
        &app,
        "Kangoeroezorg op de kinderafdeling",
        "Kangoeroezorg vraagt een eigen stageplek.",
    )
    .await;
    let found = |hits: Vec<SearchHit>| hits.iter().any(|h| h.id == private.id);
    for (who, sees) in [
        (None, false),
        (Some(Who::CoordinatorGelderland), false),
        (Some(Who::OfficialVws), false),
        (Some(Who::PartnerTwente), false),
        (Some(Who::CoordinatorTwente), true),
        (Some(Who::OfficialOcw), true),
        (Some(Who::Analyst), true),
    ] {
        assert_eq!(found(search(&app, who, "q=kangoeroezorg").await), sees, "{who:?}");
    }
}

#[tokio::test]
async fn filing_suggestions_are_earlier_answers() {
    let app = spawn_app().await;
    let new = file(
        &app,
        "Stagecontract voor drie instellingen",
        "Wij zoeken een stagecontract voor een ketenstage.",
    )
    .await;
    let all = search(
        &app,
        Some(Who::CoordinatorTwente),
        "q=stagecontract ketenstage&kind=ticket",
    )
    .await;
    assert!(all.iter().any(|h| h.id == new.id), "the new ticket is found: {all:?}");
    let suggestions = search(
        &app,
        Some(Who::CoordinatorTwente),
        "q=stagecontract ketenstage&answered=true",
    )
    .await;
    assert!(!suggestions.iter().any(|h| h.id == new.id), "not yet answered");
    assert!(titles(&suggestions, SearchKind::Ticket).contains(&"Standaard stagecontract past niet bij een ketenstage"));
    assert!(!titles(&suggestions, SearchKind::Factsheet).is_empty());
}

#[tokio::test]
async fn a_search_needs_words() {
    let app = spawn_app().await;
    for (query, parameter) in [
        ("", "q"),
        ("q=%20%20", "q"),
        ("q=***", "q"),
        ("q=stage&limit=0", "limit"),
        ("q=stage&limit=51", "limit"),
        ("q=stage&kind=action", "kind"),
    ] {
        let response = app
            .anonymous
            .get(app.url(&format!("/api/v1/search?{query}")))
            .send()
            .await
            .expect("request");
        let problem = expect_problem(response, 400).await;
        assert_eq!(problem["errors"][0]["pointer"], parameter, "{query}: {problem}");
    }
}
