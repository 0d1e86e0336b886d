//! The register of rules through HTTP: the public register with the schemes the
//! documents name, a rule's tickets and outcomes, adding rules, and the rules a
//! ticket concerns (who may name them).

use crate::helpers::{TestApp, Who, expect_problem, new_barrier, pointers, spawn_app};
use zorgpact_contract::barrier::BarrierResponse;
use zorgpact_contract::codes::{Ministry, RegulationKind};
use zorgpact_contract::regulation::{
    CreateRegulationRequest, RegulationDetailResponse, RegulationListResponse, RegulationResponse,
    TicketRegulationsRequest,
};

const REGULATIONS: &str = "/api/v1/regulations";

async fn register(app: &TestApp, query: &str) -> Vec<RegulationResponse> {
    let (status, body) = app.get_as(None, &format!("{REGULATIONS}{query}")).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value::<RegulationListResponse>(body)
        .expect("the register")
        .items
}

async fn rule_named(app: &TestApp, name: &str) -> RegulationResponse {
    register(app, "")
        .await
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} in the register"))
}

async fn detail(app: &TestApp, who: Option<Who>, id: &str) -> RegulationDetailResponse {
    let (status, body) = app.get_as(who, &format!("{REGULATIONS}/{id}")).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a rule")
}

fn new_rule(name: &str) -> CreateRegulationRequest {
    CreateRegulationRequest {
        name: name.into(),
        kind: RegulationKind::SectorAgreement,
        ministry: None,
        url: Some("https://www.cao-vvt.nl".into()),
        description: Some("Cao voor de verpleeg-, verzorgingshuizen en thuiszorg.".into()),
    }
}

#[tokio::test]
async fn the_public_register_holds_the_schemes_of_the_documents_with_their_tickets_and_outcomes() {
    let app = spawn_app().await;
    let names: Vec<String> = register(&app, "").await.into_iter().map(|r| r.name).collect();
    for scheme in [
        "Stagefonds Zorg",
        "SectorplanPlus",
        "Regionaal Investeringsfonds mbo (RIF)",
    ] {
        assert!(names.iter().any(|n| n == scheme), "{scheme} in {names:?}");
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "by name");
    let laws = register(&app, "?kind=law").await;
    assert!(!laws.is_empty() && laws.iter().all(|r| r.kind == RegulationKind::Law));

    let fund = rule_named(&app, "Stagefonds Zorg").await;
    assert_eq!(fund.ministry, Some(Ministry::Vws));
    let public = detail(&app, None, &fund.id).await;
    assert!(public.tickets.is_empty(), "tickets need a token");
    assert_eq!(public.outcomes.iter().map(|o| o.tickets).sum::<u32>(), 1);
    assert!(
        public
            .factsheets
            .iter()
            .any(|f| f.question.contains("begeleiding van stagiairs"))
    );
    let inside = detail(&app, Some(Who::Analyst), &fund.id).await;
    assert_eq!(
        inside.tickets.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(),
        ["Welke middelen zijn er voor stagebegeleiding?"]
    );
    app.anonymous_get_problem(&format!("{REGULATIONS}/nope"), 404).await;
}

#[tokio::test]
async fn officials_and_the_programme_team_add_rules_once() {
    let app = spawn_app().await;
    let rule = new_rule("Cao VVT");
    let post = |who: Option<Who>, body: serde_json::Value| {
        let client = app.client_for(who);
        let url = app.url(REGULATIONS);
        async move { client.post(url).json(&body).send().await.expect("request") }
    };
    let body = serde_json::to_value(&rule).expect("json");
    expect_problem(post(None, body.clone()).await, 401).await;
    expect_problem(post(Some(Who::CoordinatorTwente), body.clone()).await, 403).await;
    let response = post(Some(Who::OfficialVws), body.clone()).await;
    assert_eq!(response.status(), 201);
    let created: RegulationResponse = response.json().await.expect("a rule");
    assert_eq!(created.kind, RegulationKind::SectorAgreement);
    assert_eq!(rule_named(&app, "Cao VVT").await.id, created.id);
    expect_problem(post(Some(Who::Admin), body).await, 409).await;
    let bad = CreateRegulationRequest {
        name: " ".into(),
        kind: RegulationKind::Law,
        ministry: None,
        url: Some("wetten.nl".into()),
        description: Some("x".repeat(2001)),
    };
    let bad = serde_json::to_value(&bad).expect("json");
    let problem = expect_problem(post(Some(Who::Admin), bad).await, 422).await;
    assert_eq!(pointers(&problem), ["/name", "/url", "/description"]);
}

#[tokio::test]
async fn the_parties_of_a_ticket_name_the_rules_it_concerns() {
    let app = spawn_app().await;
    let ticket: BarrierResponse = app
        .post_json(
            "/api/v1/barrier-tickets",
            &new_barrier("twente", Some("OCW"), "Stage-uren tellen niet mee"),
        )
        .await
        .json()
        .await
        .expect("a ticket");
    let web = rule_named(&app, "Wet educatie en beroepsonderwijs (WEB)").await;
    let rif = rule_named(&app, "Regionaal Investeringsfonds mbo (RIF)").await;
    let path = format!("/api/v1/barrier-tickets/{}/regulations", ticket.id);
    let body = TicketRegulationsRequest {
        regulation_ids: vec![web.id.clone(), rif.id.clone()],
    };
    let put = |who: Option<Who>, body: serde_json::Value| {
        let request = app.client_for(who).put(app.url(&path)).json(&body);
        async move { request.send().await.expect("request") }
    };
    let json_body = serde_json::to_value(&body).expect("json");
    for (who, status) in [
        (None, 401),
        (Some(Who::CoordinatorGelderland), 404),
        (Some(Who::OfficialVws), 404),
        (Some(Who::Analyst), 403),
        (Some(Who::PartnerTwente), 403),
        (Some(Who::OfficialOcw), 200),
        (Some(Who::CoordinatorTwente), 200),
    ] {
        let response = put(who, json_body.clone()).await;
        if status == 200 {
            assert_eq!(response.status(), 200, "{who:?}");
        } else {
            expect_problem(response, status).await;
        }
    }
    let (status, linked) = app.get_as(Some(Who::CoordinatorTwente), &path).await;
    assert_eq!(status, 200);
    let linked: RegulationListResponse = serde_json::from_value(linked).expect("rules");
    let names: Vec<&str> = linked.items.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, [rif.name.as_str(), web.name.as_str()], "by name");
    assert_eq!(app.get_as(Some(Who::CoordinatorGelderland), &path).await.0, 404);
    let listed = detail(&app, Some(Who::CoordinatorTwente), &rif.id).await;
    assert!(listed.tickets.iter().any(|t| t.id == ticket.id));
    assert!(
        listed.outcomes.iter().any(|o| o.resolution.is_none() && o.tickets == 1),
        "open"
    );

    let rules = |ids: &[&str]| {
        let body = TicketRegulationsRequest {
            regulation_ids: ids.iter().map(|id| (*id).to_owned()).collect(),
        };
        serde_json::to_value(&body).expect("json")
    };
    let bad = rules(&[&web.id, "no-such-rule", &web.id]);
    let problem = expect_problem(put(Some(Who::Admin), bad).await, 422).await;
    assert_eq!(pointers(&problem), ["/regulation_ids/2"]);
    let unknown = rules(&["no-such-rule"]);
    let problem = expect_problem(put(Some(Who::Admin), unknown).await, 422).await;
    assert_eq!(pointers(&problem), ["/regulation_ids/0"]);
    let trail = app.audit_trail("barrier_ticket", &ticket.id).await;
    assert!(trail.iter().any(|e| e["operation"] == "set_regulations"));
}
