//! Who may do what with progress reviews: every operation as anonymous and as
//! every role, with the exact status; and which reviews each one's list shows.

use crate::helpers::{Access, TestApp, Who, allowed_or, check_access, identities, new_review, review_scores};
use reqwest::Method;
use zorgpact_contract::codes::{ActionLine, ReviewRound, ScoreLevel};
use zorgpact_contract::review::{IntentionActionRequest, ReviewListResponse, ReviewResponse, UpdateReviewRequest};

fn only(allowed: &'static [Who], ok: u16) -> impl Fn(Option<Who>) -> u16 {
    move |who| allowed_or(who, allowed, ok)
}

const READERS: &[Who] = &[
    Who::Admin,
    Who::CoordinatorTwente,
    Who::CoordinatorGelderland,
    Who::OfficialVws,
    Who::OfficialOcw,
    Who::Analyst,
];
const FINAL_READERS: &[Who] = &[
    Who::Admin,
    Who::CoordinatorTwente,
    Who::OfficialVws,
    Who::OfficialOcw,
    Who::Analyst,
];

/// One Twente review per caller, taken as far as `steps` go.
async fn reviews_per_caller(app: &TestApp, steps: &[&str]) -> Vec<String> {
    let mut ids = Vec::new();
    for n in 0..identities().len() {
        let body = new_review(ReviewRound::SharpenQuestion, "2017-07-05", &[&format!("Voornemen {n}")]);
        let review = app.create_review("twente", &body).await;
        for step in steps {
            assert_eq!(app.review_step(&review.id, step).await.status(), 200, "{step}");
        }
        ids.push(review.id);
    }
    ids
}

#[tokio::test]
async fn the_programme_team_writes_the_region_reads_once_shared_and_others_once_final() {
    let app = spawn().await;
    let scores = review_scores(ScoreLevel::Broaden, ScoreLevel::Strengthen, ScoreLevel::Strengthen);
    let round = |n| new_review(ReviewRound::SharpenQuestion, "2017-07-05", &[n]);
    let draft = app.create_review("twente", &round("Concept")).await;
    let shared = app.settled_review("twente", &round("Gedeeld"), &scores, false).await;
    let final_ = app.settled_review("twente", &round("Definitief"), &scores, true).await;
    let to_share = reviews_per_caller(&app, &[]).await;
    let to_finalise = reviews_per_caller(&app, &["share"]).await;
    let to_correct = reviews_per_caller(&app, &["share", "finalise"]).await;
    let to_act_on = reviews_per_caller(&app, &["share"]).await;
    let change = UpdateReviewRequest {
        round: None,
        review_date: Some("2017-07-06".into()),
        parts: None,
    };
    let intention = IntentionActionRequest {
        action_line: ActionLine::Choose,
        owner: "Focusgroep".into(),
    };
    let review = |id: &str, rest: &str| format!("/api/v1/reviews/{id}{rest}");
    let matrix = [
        Access::get("/api/v1/regions/twente/reviews", only(READERS, 200)),
        Access::get("/api/v1/regions/twente/review-scores", only(READERS, 200)),
        Access::get("/api/v1/review-scores?round=sharpen_question", only(READERS, 200)),
        Access::get(&review(&draft.id, ""), only(&[Who::Admin], 200)),
        Access::get(
            &review(&shared.id, ""),
            only(&[Who::Admin, Who::CoordinatorTwente], 200),
        ),
        Access::get(&review(&final_.id, ""), only(FINAL_READERS, 200)),
        Access::get(&review(&final_.id, "/report"), only(FINAL_READERS, 200)),
        Access::new(Method::POST, "/api/v1/regions/twente/reviews", only(&[Who::Admin], 201)).body(&round("Nieuw")),
        Access::new(Method::PATCH, &review(&draft.id, ""), only(&[Who::Admin], 200)).body(&change),
        Access::new(Method::PUT, &review(&draft.id, "/scores"), only(&[Who::Admin], 200)).body(&scores),
        Access::new(Method::POST, "", only(&[Who::Admin], 200)).path_per_caller(|n| review(&to_share[n], "/share")),
        Access::new(Method::POST, "", only(&[Who::Admin], 200))
            .path_per_caller(|n| review(&to_finalise[n], "/finalise")),
        Access::new(Method::POST, "", only(&[Who::Admin], 201))
            .path_per_caller(|n| review(&to_correct[n], "/corrections")),
        Access::new(Method::POST, "", only(&[Who::Admin, Who::CoordinatorTwente], 201))
            .path_per_caller(|n| review(&to_act_on[n], "/intentions/1/action"))
            .body(&intention),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("reviews access: {cases} cases");
}

#[tokio::test]
async fn each_list_shows_only_the_reviews_its_reader_may_read() {
    let app = spawn().await;
    let scores = review_scores(ScoreLevel::Broaden, ScoreLevel::Strengthen, ScoreLevel::Strengthen);
    let round = |n| new_review(ReviewRound::SharpenQuestion, "2017-07-05", &[n]);
    app.create_review("twente", &round("Concept")).await;
    app.settled_review("twente", &round("Gedeeld"), &scores, false).await;
    app.settled_review("twente", &round("Definitief"), &scores, true).await;
    let statuses = |who| {
        let client = app.client_as(who);
        let url = app.url("/api/v1/regions/twente/reviews");
        async move {
            let list: ReviewListResponse = client
                .get(url)
                .send()
                .await
                .expect("request")
                .json()
                .await
                .expect("json");
            let mut statuses: Vec<String> = list
                .items
                .iter()
                .map(|r: &ReviewResponse| r.status.to_string())
                .collect();
            statuses.sort();
            statuses
        }
    };
    assert_eq!(statuses(Who::Admin).await, ["draft", "final", "shared"]);
    assert_eq!(statuses(Who::CoordinatorTwente).await, ["final", "shared"]);
    assert_eq!(statuses(Who::CoordinatorGelderland).await, Vec::<String>::new());
    assert_eq!(statuses(Who::OfficialVws).await, ["final"]);
    assert_eq!(statuses(Who::Analyst).await, ["final"]);
}

async fn spawn() -> TestApp {
    crate::helpers::spawn_app().await
}
