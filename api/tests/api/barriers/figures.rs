//! `GET /barrier-figures` against the demo data, counted by hand from
//! `crates/db/src/seed/demo.json`: 12 tickets, one of them a duplicate.

use zorgpact_contract::barrier_figures::{BarrierFiguresResponse, DaySpreadResponse};
use zorgpact_contract::codes::{BarrierLocation, BarrierStatus, Ministry, Resolution};

use crate::helpers::{Who, spawn_app};

const FIGURES: &str = "/api/v1/barrier-figures";

#[tokio::test]
async fn the_figures_match_the_demo_tickets_counted_by_hand() {
    let app = spawn_app().await;
    let response = app
        .client_for(None)
        .get(app.url(FIGURES))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200, "open to everyone");
    let figures: BarrierFiguresResponse = response.json().await.expect("figures");
    assert_eq!((figures.tickets, figures.duplicates), (12, 1));

    let status = |s: BarrierStatus| figures.by_status.iter().find(|c| c.status == s).map(|c| c.tickets);
    use BarrierStatus as S;
    let statuses = [
        S::Submitted,
        S::InAnalysis,
        S::WaitingForRegion,
        S::Closed,
        S::Rejected,
        S::Answered,
    ];
    assert_eq!(statuses.map(status), [2, 1, 1, 7, 1, 0].map(Some));

    let resolution = |r: Option<Resolution>| {
        figures
            .by_resolution
            .iter()
            .find(|c| c.resolution == r)
            .map(|c| c.tickets)
    };
    use Resolution as R;
    assert_eq!(
        [
            Some(R::WithinExistingRules),
            Some(R::OtherRegionalApproach),
            Some(R::RuleChange),
            Some(R::NotResolved),
            None
        ]
        .map(resolution),
        [4, 2, 1, 0, 5].map(Some)
    );
    let ministry = |m: Option<Ministry>| figures.by_ministry.iter().find(|c| c.ministry == m).map(|c| c.tickets);
    assert_eq!(
        [Some(Ministry::Ocw), Some(Ministry::Vws), Some(Ministry::Szw), None].map(ministry),
        [5, 4, 2, 1].map(Some)
    );
    let location = |l: Option<BarrierLocation>| figures.by_location.iter().find(|c| c.location == l).map(|c| c.tickets);
    use BarrierLocation as L;
    assert_eq!(
        [
            Some(L::InstitutionalRules),
            Some(L::NationalLaw),
            Some(L::SubsidyScheme),
            Some(L::Other),
            None
        ]
        .map(location),
        [3, 2, 1, 1, 5].map(Some)
    );
    assert_eq!(figures.by_region.len(), 10);
    let twice: Vec<&str> = figures
        .by_region
        .iter()
        .filter(|c| c.tickets == 2)
        .map(|c| c.region_code.as_str())
        .collect();
    assert_eq!(twice, ["flevoland", "rotterdam"]);

    // OCW: first responses after 3 (Noord), 3 (Midden-Nederland), 3 (numerus
    // fixus) and 2 working days (Gelderland: Thursday to Monday); answers after
    // 19, 19 and 17 (Easter 2018 skipped).
    let ocw = &figures.clock_by_ministry[0];
    assert_eq!(ocw.ministry, Ministry::Ocw);
    let spread = |tickets, median, p90| DaySpreadResponse {
        tickets,
        median_days: Some(median),
        p90_days: Some(p90),
    };
    assert_eq!(ocw.first_response, spread(4, 3.0, 3));
    assert_eq!(ocw.answer, spread(3, 19.0, 19));
    // Overdue: Twente's and the duplicate's tickets never had a response, and
    // Gelderland's has been in analysis since 2019.
    assert_eq!((ocw.overdue, figures.clock_by_ministry[1].overdue), (2, 1));
    assert_eq!(
        (
            figures.overdue.tickets,
            figures.overdue.open,
            figures.overdue.open_overdue
        ),
        (3, 4, 3)
    );
    assert_eq!(figures.overdue.share, Some(0.25));

    let contacts = figures.contacts;
    assert_eq!(
        (contacts.meetings, contacts.phone_calls, contacts.emails, contacts.total),
        (2, 4, 4, 10)
    );
}

#[tokio::test]
async fn the_figures_come_as_a_long_csv_table() {
    let app = spawn_app().await;
    let response = app
        .client_as(Who::Analyst)
        .get(app.url(FIGURES))
        .header("Accept", "text/csv")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = response.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "figure,group,value");
    for expected in [
        "tickets,,12",
        "by_status,closed,7",
        "by_ministry,none,1",
        "first_response_median_days,OCW,3",
        "answer_p90_days,OCW,19",
        "overdue_share,,0.25",
        "contacts,total,10",
    ] {
        assert!(lines.contains(&expected), "{expected} in\n{csv}");
    }
    let json = app.get(&format!("{FIGURES}?format=json")).await;
    assert_eq!(json.headers()["content-type"], "application/json");
    let unknown = app.get(&format!("{FIGURES}?format=xml")).await;
    assert_eq!(unknown.status(), 400);
}
