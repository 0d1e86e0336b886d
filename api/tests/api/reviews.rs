//! Progress reviews (Volgspot) through HTTP: the workflow draft → shared →
//! final, corrections as new versions, scores compared across rounds and
//! regions, intentions that become actions, and the report as of the review date.

mod access;

use crate::helpers::{
    TestApp, expect_problem, header, new_indicator, new_review, pointers, progress_update, review_scores, spawn_app,
    value_of,
};
use serde_json::json;
use zorgpact_contract::action::ActionResponse;
use zorgpact_contract::codes::{ActionLine, ActionStatus, ReviewRound, ReviewStatus, ScoreLevel, ScoreMovement};
use zorgpact_contract::review::{
    IntentionActionRequest, RegionReviewScoresResponse, ReviewListResponse, ReviewReportResponse, ReviewResponse,
    ReviewScoreMatrixResponse, UpdateReviewRequest,
};

use ReviewRound::{CooperationInnovation, SharpenQuestion};
use ScoreLevel::{Broaden, Strengthen, Sustain};

#[tokio::test]
async fn a_review_goes_from_draft_to_shared_to_final_and_final_is_read_only() {
    let app = spawn_app().await;
    let review = app
        .create_review(
            "twente",
            &new_review(SharpenQuestion, "2017-07-05", &["Kartrekkers aanwijzen"]),
        )
        .await;
    assert_eq!(review.status, ReviewStatus::Draft);
    assert_eq!((review.number, review.version), (1, 1));
    let path = format!("/api/v1/reviews/{}", review.id);

    let mut parts = review.parts.clone();
    parts.how_barriers = "Urgentiebesef bij bestuurders ontbreekt.".into();
    let change = UpdateReviewRequest {
        round: None,
        review_date: None,
        parts: Some(parts),
    };
    assert_eq!(app.patch_json(&path, None, &change).await.status(), 428);
    assert_eq!(app.patch_json(&path, Some("\"v7\""), &change).await.status(), 412);
    let response = app.patch_json(&path, Some("\"v1\""), &change).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "etag"), "\"v2\"");
    let changed: ReviewResponse = response.json().await.expect("json");
    assert_eq!(changed.parts.how_barriers, "Urgentiebesef bij bestuurders ontbreekt.");
    assert_eq!(changed.parts.intentions, ["Kartrekkers aanwijzen"]);

    let problem = expect_problem(app.review_step(&review.id, "finalise").await, 409).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap_or("")
            .contains("only a shared review"),
        "{problem}"
    );
    assert_eq!(app.review_step(&review.id, "share").await.status(), 200);
    let final_: ReviewResponse = app
        .review_step(&review.id, "finalise")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(final_.status, ReviewStatus::Final);
    assert!(final_.shared_at.is_some() && final_.finalised_at.is_some());

    let problem = expect_problem(app.patch_json(&path, Some("*"), &change).await, 409).await;
    assert!(
        problem["detail"].as_str().unwrap_or("").contains("read-only"),
        "{problem}"
    );
    let scores = review_scores(Strengthen, Strengthen, Broaden);
    expect_problem(app.put_json(&format!("{path}/scores"), Some("*"), &scores).await, 409).await;
    expect_problem(app.review_step(&review.id, "share").await, 409).await;

    let operations: Vec<String> = app
        .audit_trail("progress_review", &review.id)
        .await
        .iter()
        .map(|e| e["operation"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(operations, ["create", "update", "share", "finalise"]);
}

#[tokio::test]
async fn bad_parts_and_tickets_of_another_region_are_refused_at_their_pointers() {
    let app = spawn_app().await;
    let mut body = new_review(SharpenQuestion, "2017-13-05", &["", "Goed voornemen"]);
    body.parts.barrier_ticket_ids = vec!["no-such-ticket".into()];
    let problem = expect_problem(app.post_json("/api/v1/regions/twente/reviews", &body).await, 422).await;
    assert_eq!(pointers(&problem), ["/review_date", "/parts/intentions/0"]);
    body = new_review(SharpenQuestion, "2017-07-05", &[]);
    body.parts.barrier_ticket_ids = vec!["no-such-ticket".into()];
    let problem = expect_problem(app.post_json("/api/v1/regions/twente/reviews", &body).await, 422).await;
    assert_eq!(pointers(&problem), ["/parts/barrier_ticket_ids/0"]);
    let unknown = json!({"round": "round_7", "review_date": "2017-07-05"});
    expect_problem(app.post_json("/api/v1/regions/twente/reviews", &unknown).await, 422).await;
    expect_problem(
        app.post_json(
            "/api/v1/regions/atlantis/reviews",
            &new_review(SharpenQuestion, "2017-07-05", &[]),
        )
        .await,
        404,
    )
    .await;
}

#[tokio::test]
async fn a_correction_is_a_new_version_and_the_final_one_stays_in_the_history() {
    let app = spawn_app().await;
    let scores = review_scores(Strengthen, Broaden, Strengthen);
    let first = app
        .settled_review(
            "twente",
            &new_review(SharpenQuestion, "2017-07-05", &["Plan maken"]),
            &scores,
            true,
        )
        .await;
    let response = app
        .post_json(&format!("/api/v1/reviews/{}/corrections", first.id), &json!({}))
        .await;
    assert_eq!(response.status(), 201);
    let second: ReviewResponse = response.json().await.expect("json");
    assert_eq!((second.number, second.status), (2, ReviewStatus::Draft));
    assert_eq!(second.previous_id.as_deref(), Some(first.id.as_str()));
    assert_eq!(second.parts, first.parts);
    assert_eq!(second.scores, first.scores);

    let kept: ReviewResponse = app
        .get(&format!("/api/v1/reviews/{}", first.id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(kept.status, ReviewStatus::Final);
    assert_eq!(kept.superseded_by.as_deref(), Some(second.id.as_str()));
    expect_problem(
        app.post_json(&format!("/api/v1/reviews/{}/corrections", first.id), &json!({}))
            .await,
        409,
    )
    .await;
    expect_problem(
        app.post_json(&format!("/api/v1/reviews/{}/corrections", second.id), &json!({}))
            .await,
        409,
    )
    .await;

    let list: ReviewListResponse = app
        .get("/api/v1/regions/twente/reviews")
        .await
        .json()
        .await
        .expect("json");
    let numbers: Vec<i64> = list.items.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [2, 1]);
}

#[tokio::test]
async fn scores_are_compared_across_rounds_and_across_regions() {
    let app = spawn_app().await;
    app.settled_review(
        "twente",
        &new_review(SharpenQuestion, "2017-07-05", &[]),
        &review_scores(Strengthen, Strengthen, Broaden),
        true,
    )
    .await;
    app.settled_review(
        "twente",
        &new_review(CooperationInnovation, "2018-03-01", &[]),
        &review_scores(Broaden, Strengthen, Strengthen),
        true,
    )
    .await;
    let zeeland = app
        .settled_review(
            "zeeland",
            &new_review(SharpenQuestion, "2017-09-01", &[]),
            &review_scores(Sustain, Broaden, Broaden),
            false,
        )
        .await;

    let compared: RegionReviewScoresResponse = app
        .get("/api/v1/regions/twente/review-scores")
        .await
        .json()
        .await
        .expect("json");
    let rounds: Vec<ReviewRound> = compared.rounds.iter().map(|r| r.round).collect();
    assert_eq!(rounds, [SharpenQuestion, CooperationInnovation]);
    let moves: Vec<Option<ScoreMovement>> = compared.rounds[1].scores.iter().map(|s| s.movement).collect();
    // regional_vision, action_plan, governance
    assert_eq!(
        moves,
        [
            Some(ScoreMovement::Forward),
            Some(ScoreMovement::Same),
            Some(ScoreMovement::Back)
        ]
    );
    assert!(compared.rounds[0].scores.iter().all(|s| s.movement.is_none()));

    let matrix = |who| {
        let client = app.client_as(who);
        let url = app.url("/api/v1/review-scores?round=sharpen_question");
        async move {
            let response = client.get(url).send().await.expect("request");
            assert_eq!(response.status(), 200);
            response.json::<ReviewScoreMatrixResponse>().await.expect("json")
        }
    };
    let regions = |m: &ReviewScoreMatrixResponse| m.rows.iter().map(|r| r.region_code.clone()).collect::<Vec<_>>();
    let admin = matrix(crate::helpers::Who::Admin).await;
    assert!(regions(&admin).contains(&"twente".to_owned()));
    let row = admin
        .rows
        .iter()
        .find(|r| r.review_id == zeeland.id)
        .expect("zeeland's row");
    assert_eq!(row.scores[0].level, Sustain);
    // Zeeland's review is only shared: the analyst sees final reviews only.
    let analyst = matrix(crate::helpers::Who::Analyst).await;
    assert!(regions(&analyst).contains(&"twente".to_owned()));
    assert!(!regions(&analyst).contains(&"zeeland".to_owned()));
    expect_problem(app.get("/api/v1/review-scores?round=fifth").await, 400).await;
}

#[tokio::test]
async fn an_intention_becomes_an_action_once_and_shows_its_status() {
    let app = spawn_app().await;
    let review = app
        .create_review(
            "twente",
            &new_review(
                SharpenQuestion,
                "2017-07-05",
                &[
                    "Een gesprekspartner vanuit de gemeenten organiseren",
                    "Welzijn aansluiten",
                ],
            ),
        )
        .await;
    let act = format!("/api/v1/reviews/{}/intentions/1/action", review.id);
    let body = IntentionActionRequest {
        action_line: ActionLine::Work,
        owner: "Focusgroep".into(),
    };
    expect_problem(app.post_json(&act, &body).await, 409).await;
    assert_eq!(app.review_step(&review.id, "share").await.status(), 200);

    let coordinator = app.client_as(crate::helpers::Who::CoordinatorTwente);
    let response = app.post_json_as(&coordinator, &act, &body).await;
    assert_eq!(response.status(), 201);
    let action: ActionResponse = response.json().await.expect("json");
    assert_eq!(action.region_code, "twente");
    assert_eq!(action.title, "Een gesprekspartner vanuit de gemeenten organiseren");
    assert_eq!(action.status, ActionStatus::Planned);
    assert!(action.description.contains("2017-07-05"), "{}", action.description);

    let shown = progress_shows_on_the_intention(&app, &review.id, 0, &action.id, 40).await;
    assert!(shown.intentions[1].action.is_none());

    let problem = expect_problem(app.post_json(&act, &body).await, 409).await;
    assert!(
        problem["detail"].as_str().unwrap_or("").contains(&action.id),
        "{problem}"
    );
    let missing = format!("/api/v1/reviews/{}/intentions/9/action", review.id);
    expect_problem(app.post_json(&missing, &body).await, 404).await;

    // The intention that became an action keeps its text and place.
    let mut parts = shown.parts.clone();
    parts.intentions.reverse();
    let change = UpdateReviewRequest {
        round: None,
        review_date: None,
        parts: Some(parts),
    };
    let path = format!("/api/v1/reviews/{}", review.id);
    let problem = expect_problem(app.patch_json(&path, Some("*"), &change).await, 422).await;
    assert_eq!(pointers(&problem), ["/parts/intentions/0"]);
}

#[tokio::test]
async fn the_action_made_from_an_intention_links_back_to_its_review() {
    let app = spawn_app().await;
    let review = app
        .create_review(
            "twente",
            &new_review(
                SharpenQuestion,
                "2017-07-05",
                &["Welzijn aansluiten", "Kartrekkers aanwijzen"],
            ),
        )
        .await;
    assert_eq!(app.review_step(&review.id, "share").await.status(), 200);
    let body = IntentionActionRequest {
        action_line: ActionLine::Work,
        owner: "Focusgroep".into(),
    };
    let made = app
        .post_json(&format!("/api/v1/reviews/{}/intentions/2/action", review.id), &body)
        .await;
    assert_eq!(made.status(), 201);
    let action: ActionResponse = made.json().await.expect("json");
    let source = action.source_review.as_ref().expect("the action names its review");
    assert_eq!(
        (source.review_id.as_str(), source.intention_number),
        (review.id.as_str(), 2)
    );

    // Read back, the action still names the review; an action made otherwise names none.
    let path = format!("/api/v1/actions/{}", action.id);
    let read: ActionResponse = app.get(&path).await.json().await.expect("json");
    assert_eq!(read.source_review, action.source_review);
    let listed: zorgpact_contract::action::ActionListResponse = app
        .get("/api/v1/actions?region=twente&limit=200")
        .await
        .json()
        .await
        .expect("json");
    assert!(
        listed
            .items
            .iter()
            .all(|a| (a.id == action.id) == a.source_review.is_some()),
        "only the action made from the intention names a review"
    );

    // The review's intention shows the action's status as it moves.
    progress_shows_on_the_intention(&app, &review.id, 1, &action.id, 60).await;
}

/// Reports `percent` progress on the action made from the intention at `index`
/// and reads the review back: the intention shows the action, in progress at
/// `percent`. Yields the review as read.
async fn progress_shows_on_the_intention(
    app: &TestApp,
    review: &str,
    index: usize,
    action: &str,
    percent: i64,
) -> ReviewResponse {
    let progress = app
        .post_json(
            &format!("/api/v1/actions/{action}/updates"),
            &progress_update("2017-09-01", percent),
        )
        .await;
    assert_eq!(progress.status(), 201);
    let shown: ReviewResponse = app
        .get(&format!("/api/v1/reviews/{review}"))
        .await
        .json()
        .await
        .expect("json");
    let linked = shown.intentions[index].action.as_ref().expect("the intention's action");
    assert_eq!(
        (linked.id.as_str(), linked.status, linked.progress),
        (action, ActionStatus::InProgress, percent)
    );
    shown
}

#[tokio::test]
async fn the_report_shows_figures_and_actions_as_of_the_review_date() {
    let app = spawn_app().await;
    assert_eq!(
        app.post_json("/api/v1/indicators", &new_indicator("review_figure"))
            .await
            .status(),
        201
    );
    let value = |period: &str| format!("/api/v1/indicator-values/review_figure/twente/{period}");
    assert!(
        app.put_json(&value("2019-Q4"), None, &value_of(4.5))
            .await
            .status()
            .is_success()
    );
    assert!(
        app.put_json(&value("2020-Q3"), None, &value_of(9.9))
            .await
            .status()
            .is_success()
    );
    let action: ActionResponse = app
        .create_action(&crate::helpers::new_action("twente", "Stagepool opzetten", &[]))
        .await
        .json()
        .await
        .expect("json");
    for (date, percent) in [("2020-03-01", 30), ("2020-09-01", 60)] {
        let path = format!("/api/v1/actions/{}/updates", action.id);
        assert_eq!(
            app.post_json(&path, &progress_update(date, percent)).await.status(),
            201
        );
    }
    let review = app
        .settled_review(
            "twente",
            &new_review(SharpenQuestion, "2020-06-30", &[]),
            &review_scores(Broaden, Broaden, Broaden),
            true,
        )
        .await;
    // A correction of the figure after the review: the report keeps the value of then.
    assert!(
        app.put_json(&value("2019-Q4"), Some("*"), &value_of(5.5))
            .await
            .status()
            .is_success()
    );

    let report: ReviewReportResponse = app
        .get(&format!("/api/v1/reviews/{}/report", review.id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(report.as_of, "2020-07-01T00:00:00.000Z");
    let figure = report
        .indicators
        .iter()
        .find(|i| i.code == "review_figure")
        .expect("the indicator");
    let points: Vec<(&str, f64)> = figure.points.iter().map(|p| (p.period.as_str(), p.value)).collect();
    assert_eq!(points, [("2019-Q4", 4.5)]);
    let state = report.actions.iter().find(|a| a.id == action.id).expect("the action");
    assert_eq!(
        (state.status, state.progress),
        (Some(ActionStatus::InProgress), Some(30))
    );
    assert_eq!(state.reported_on.as_deref(), Some("2020-03-01"));
    assert_eq!(report.review.id, review.id);
}

#[tokio::test]
async fn the_demo_data_holds_the_volgspot_of_midden_en_zuid_gelderland_of_5_july_2017() {
    let app = spawn_app().await;
    let coordinator = app.client_as(crate::helpers::Who::CoordinatorGelderland);
    let url = app.url("/api/v1/regions/midden-en-zuid-gelderland/reviews");
    let list: ReviewListResponse = coordinator
        .get(url)
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let review = list
        .items
        .iter()
        .find(|r| r.review_date == "2017-07-05")
        .expect("the 2017 review");
    assert_eq!((review.round, review.status), (SharpenQuestion, ReviewStatus::Final));
    assert!(review.parts.why_transition.contains("dichter naar de burger"));
    assert_eq!(review.intentions.len(), 6);
    assert_eq!(review.scores.len(), 3);
    let report: ReviewReportResponse = app
        .get(&format!("/api/v1/reviews/{}/report", review.id))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(report.as_of, "2017-07-06T00:00:00.000Z");
    assert_eq!(report.region_name, "Midden- en Zuid-Gelderland");
}
