//! The Kopgroep catalogue through HTTP: a visitor finds published projects by a
//! word of their story and by filters that combine, sees similar projects, the
//! figures per care domain and province, and the coalitions; a coordinator
//! writes and proposes the region's projects; the programme team publishes. And
//! who may do what, as every identity.

use crate::helpers::{
    Access, TestApp, Who, allowed_or, check_access, expect_problem, header, identities, pointers, spawn_app,
};
use reqwest::Method;
use serde_json::json;
use zorgpact_contract::codes::{CareDomain, EducationLevel, FundingScheme, ProjectStatus, Province, Theme};
use zorgpact_contract::leading_project::{
    CoalitionListResponse, Funding, LeadingProjectFieldsRequest, LeadingProjectFiguresResponse,
    LeadingProjectListResponse, LeadingProjectResponse, ProjectStatusRequest,
};

const PROJECTS: &str = "/api/v1/leading-projects";

/// The names a catalogue query shows `who`, in order.
async fn names(app: &TestApp, who: Option<Who>, query: &str) -> Vec<String> {
    let (status, body) = app.get_as(who, &format!("{PROJECTS}{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    serde_json::from_value::<LeadingProjectListResponse>(body)
        .expect("a page")
        .items
        .into_iter()
        .map(|p| p.name)
        .collect()
}

async fn project(app: &TestApp, who: Option<Who>, name: &str) -> LeadingProjectResponse {
    let (_, body) = app.get_as(who, &format!("{PROJECTS}?limit=200")).await;
    let list: LeadingProjectListResponse = serde_json::from_value(body).expect("a page");
    let id = list.items.into_iter().find(|p| p.name == name).expect(name).id;
    let (status, body) = app.get_as(who, &format!("{PROJECTS}/{id}")).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).expect("a project")
}

/// A new project of Twente, in mental health care, funded by the RIF.
fn new_project(name: &str) -> LeadingProjectFieldsRequest {
    LeadingProjectFieldsRequest {
        name: name.into(),
        region_code: Some("twente".into()),
        province: Some(Province::Overijssel),
        care_domains: vec![CareDomain::MentalHealth],
        themes: vec![Theme::VmboZorgEnWelzijn],
        education_levels: vec![EducationLevel::Vmbo],
        partners: vec!["ROC van Twente".into()],
        story: "Vmbo-leerlingen lopen een snuffelstage bij een ggz-instelling in Enschede.".into(),
        results: String::new(),
        contact: String::new(),
        support_tracks: vec![],
        coalition_ids: vec![],
        funding: vec![Funding {
            scheme: FundingScheme::Rif,
            label: "RIF-subsidie".into(),
            amount_eur: Some(250_000),
            from_year: 2019,
            to_year: Some(2022),
        }],
    }
}

async fn create_as(app: &TestApp, who: Who, body: &LeadingProjectFieldsRequest) -> (LeadingProjectResponse, String) {
    let response = app
        .client_as(who)
        .post(app.url(PROJECTS))
        .json(body)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 201);
    assert!(header(&response, "location").starts_with(PROJECTS));
    let etag = header(&response, "etag");
    (response.json().await.expect("a project"), etag)
}

async fn move_as(app: &TestApp, who: Who, id: &str, etag: &str, to: ProjectStatus) -> reqwest::Response {
    app.client_as(who)
        .put(app.url(&format!("{PROJECTS}/{id}/status")))
        .header("If-Match", etag)
        .json(&ProjectStatusRequest { status: to })
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn a_visitor_finds_published_projects_by_a_word_of_their_story_and_by_filters() {
    let app = spawn_app().await;
    assert_eq!(names(&app, None, "?q=tablets").await, ["Samen Slim Zorgen Thuis"]);
    // Case, diacritics and word prefixes: `CLIENTEN` finds `cliënten`.
    let clients = names(&app, None, "?q=CLIENTEN%20respectvol").await;
    assert_eq!(clients, ["sTimul Nederland"]);
    assert_eq!(names(&app, None, "?q=werkcoach").await, ["Leerbedrijf De Koperhorst"]);
    assert_eq!(
        names(&app, None, "?q=Amersfoort").await,
        ["Leerbedrijf De Koperhorst"],
        "partners count"
    );

    let practice = names(&app, None, "?theme=leren_in_de_praktijk").await;
    assert_eq!(
        practice,
        ["Leerbedrijf De Koperhorst", "Sparkcentres", "Vakschool Zorgwacht"]
    );
    let mbo2 = names(&app, None, "?theme=leren_in_de_praktijk&education_level=mbo_2").await;
    assert_eq!(mbo2, ["Leerbedrijf De Koperhorst", "Vakschool Zorgwacht"]);
    let combined = names(&app, None, "?province=utrecht&education_level=mbo_2&q=BBL").await;
    assert_eq!(combined, ["Vakschool Zorgwacht"]);
    assert_eq!(
        names(&app, None, "?domain=welfare&theme=permanent_leren").await,
        ["Ondersteuning Thuis"]
    );
    assert_eq!(names(&app, None, "?domain=youth_care").await, Vec::<String>::new());

    // Pages by name, with a cursor.
    let (_, first) = app.get_as(None, &format!("{PROJECTS}?limit=3")).await;
    let first: LeadingProjectListResponse = serde_json::from_value(first).expect("a page");
    let cursor = first.next_cursor.expect("more pages");
    let second = names(&app, None, &format!("?limit=3&cursor={cursor}")).await;
    let all = names(&app, None, "").await;
    assert_eq!(all.len(), 8);
    let paged: Vec<String> = first.items.into_iter().map(|p| p.name).chain(second).collect();
    assert_eq!(paged, all[..6]);

    for (query, parameter) in [("?domain=ggz", "domain"), ("?q=%20***", "q"), ("?limit=0", "limit")] {
        let response = app
            .anonymous
            .get(app.url(&format!("{PROJECTS}{query}")))
            .send()
            .await
            .expect("request");
        let problem = expect_problem(response, 400).await;
        assert_eq!(pointers(&problem), [parameter], "{query}");
    }
}

#[tokio::test]
async fn a_project_shows_the_projects_most_like_it() {
    let app = spawn_app().await;
    let koperhorst = project(&app, None, "Leerbedrijf De Koperhorst").await;
    assert_eq!(koperhorst.education_levels, [EducationLevel::Mbo2]);
    assert_eq!(koperhorst.province, Some(Province::Utrecht));
    let similar: Vec<&str> = koperhorst.similar.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(similar.len(), 5, "{similar:?}");
    assert_eq!(similar[0], "Vakschool Zorgwacht", "shares the theme and the domain");
    assert!(!similar.contains(&"Leerbedrijf De Koperhorst"));
    let zwolle = project(&app, None, "Zorgtrainingscentrum Zwolle").await;
    assert_eq!(
        zwolle.funding,
        [Funding {
            scheme: FundingScheme::Rif,
            label: "Regionaal Investeringsfonds mbo".into(),
            amount_eur: None,
            from_year: 2015,
            to_year: None,
        }]
    );
    assert!(zwolle.results.contains("3.600 studenten"), "{}", zwolle.results);
}

#[tokio::test]
async fn figures_count_published_projects_per_domain_and_province_beside_the_programmes_own() {
    let app = spawn_app().await;
    let figures = |app: &TestApp| {
        let app_url = app.url(&format!("{PROJECTS}/figures"));
        let client = app.anonymous.clone();
        async move {
            let response = client.get(app_url).send().await.expect("request");
            assert_eq!(response.status(), 200);
            response.json::<LeadingProjectFiguresResponse>().await.expect("figures")
        }
    };
    let before = figures(&app).await;
    let domain = |f: &LeadingProjectFiguresResponse, d: CareDomain| {
        f.by_care_domain.iter().find(|c| c.care_domain == d).map(|c| c.projects)
    };
    let province = |f: &LeadingProjectFiguresResponse, p: Province| {
        f.by_province.iter().find(|c| c.province == p).map(|c| c.projects)
    };
    assert_eq!((before.projects, before.provinces), (8, 4));
    assert_eq!(domain(&before, CareDomain::ElderlyAndHomeCare), Some(7));
    assert_eq!(domain(&before, CareDomain::Welfare), Some(3));
    assert_eq!(domain(&before, CareDomain::MentalHealth), Some(0));
    assert_eq!(province(&before, Province::Utrecht), Some(2));
    assert_eq!(province(&before, Province::Zeeland), Some(0));
    assert_eq!(
        before.by_province.len(),
        12,
        "every province, also those without projects"
    );
    let programme = &before.programme;
    assert_eq!((programme.projects, programme.provinces), (80, 12));
    let published: Vec<i64> = programme.by_care_domain.iter().map(|c| c.projects).collect();
    assert_eq!(published, [31, 58, 23, 15, 10, 21]);
    assert_eq!(
        (programme.support_tracks, programme.coalitions, programme.rif_grants),
        (15, 3, 19)
    );

    // A draft counts only once published.
    let (draft, etag) = create_as(&app, Who::Admin, &new_project("Snuffelstage ggz")).await;
    assert_eq!(figures(&app).await.projects, 8);
    let response = move_as(&app, Who::Admin, &draft.id, &etag, ProjectStatus::Published).await;
    assert_eq!(response.status(), 200);
    let after = figures(&app).await;
    assert_eq!(
        (after.projects, after.provinces),
        (9, 4),
        "Overijssel had a project already"
    );
    assert_eq!(domain(&after, CareDomain::MentalHealth), Some(1));
    assert_eq!(province(&after, Province::Overijssel), Some(2));
}

#[tokio::test]
async fn the_three_coalitions_are_listed_with_their_members() {
    let app = spawn_app().await;
    let response = app
        .anonymous
        .get(app.url("/api/v1/coalitions"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let coalitions: CoalitionListResponse = response.json().await.expect("coalitions");
    let listed: Vec<&str> = coalitions.items.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        listed,
        [
            "Mbo 2 de juiste plek in het zorgteam",
            "Samenwerken in Onderzoek",
            "Werken en leren"
        ]
    );
    let werken = &coalitions.items[2];
    assert!(werken.aim.contains("zij-instroomtrajecten"), "{}", werken.aim);
    assert!(werken.members.is_empty(), "the documents name no members");

    // A published project that joins shows as a member; a draft does not.
    let mut body = new_project("Zij-instroom in de ggz");
    body.coalition_ids = vec![werken.id.clone()];
    let (created, etag) = create_as(&app, Who::Admin, &body).await;
    assert_eq!(created.coalitions[0].name, "Werken en leren");
    let members = |app: &TestApp| {
        let url = app.url("/api/v1/coalitions");
        let client = app.anonymous.clone();
        async move {
            let list: CoalitionListResponse = client
                .get(url)
                .send()
                .await
                .expect("request")
                .json()
                .await
                .expect("json");
            list.items[2].members.iter().map(|m| m.name.clone()).collect::<Vec<_>>()
        }
    };
    assert!(members(&app).await.is_empty());
    move_as(&app, Who::Admin, &created.id, &etag, ProjectStatus::Published).await;
    assert_eq!(members(&app).await, ["Zij-instroom in de ggz"]);
}

#[tokio::test]
async fn a_coordinator_proposes_and_the_programme_team_publishes() {
    let app = spawn_app().await;
    let (draft, etag) = create_as(&app, Who::CoordinatorTwente, &new_project("Snuffelstage ggz")).await;
    assert_eq!(draft.status, ProjectStatus::Draft);
    let path = format!("{PROJECTS}/{}", draft.id);

    // Nobody outside the region and the programme sees a draft.
    for outsider in [
        None,
        Some(Who::CoordinatorGelderland),
        Some(Who::OfficialVws),
        Some(Who::PartnerTwente),
    ] {
        let (status, _) = app.get_as(outsider, &path).await;
        assert_eq!(status, 404, "{outsider:?}");
        assert!(names(&app, outsider, "?status=draft").await.is_empty(), "{outsider:?}");
    }
    assert!(
        !names(&app, None, "?q=snuffelstage")
            .await
            .contains(&"Snuffelstage ggz".to_owned())
    );
    assert_eq!(
        names(&app, Some(Who::CoordinatorTwente), "?status=draft").await,
        ["Snuffelstage ggz"]
    );
    assert_eq!(
        names(&app, Some(Who::Analyst), "?status=draft").await,
        ["Snuffelstage ggz"]
    );

    // The coordinator edits, then proposes; publishing is for the programme team.
    let mut changed = new_project("Snuffelstage ggz Twente");
    changed.results = "Twintig leerlingen kozen daarna voor zorg en welzijn.".into();
    let response = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .header("If-Match", &etag)
        .json(&changed)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let etag = header(&response, "etag");
    let stale = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .header("If-Match", "\"v1\"")
        .json(&changed)
        .send()
        .await
        .expect("request");
    expect_problem(stale, 412).await;
    let unconditional = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .json(&changed)
        .send()
        .await
        .expect("request");
    expect_problem(unconditional, 428).await;
    let mut elsewhere = changed.clone();
    elsewhere.region_code = Some("zeeland".into());
    let moved_away = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .header("If-Match", &etag)
        .json(&elsewhere)
        .send()
        .await
        .expect("request");
    expect_problem(moved_away, 403).await;

    let response = move_as(&app, Who::CoordinatorTwente, &draft.id, &etag, ProjectStatus::Proposed).await;
    assert_eq!(response.status(), 200);
    let etag = header(&response, "etag");
    let published_by_coordinator =
        move_as(&app, Who::CoordinatorTwente, &draft.id, &etag, ProjectStatus::Published).await;
    expect_problem(published_by_coordinator, 403).await;
    let again = move_as(&app, Who::Admin, &draft.id, &etag, ProjectStatus::Proposed).await;
    expect_problem(again, 409).await;
    assert_eq!(
        names(&app, Some(Who::Admin), "?status=proposed").await,
        ["Snuffelstage ggz Twente"]
    );
    let response = move_as(&app, Who::Admin, &draft.id, &etag, ProjectStatus::Published).await;
    assert_eq!(response.status(), 200);
    let etag = header(&response, "etag");

    // Now public and found by a word of its results; the coordinator may no
    // longer change it, the programme team may.
    assert_eq!(
        names(&app, None, "?q=twintig%20leerlingen").await,
        ["Snuffelstage ggz Twente"]
    );
    let (status, body) = app.get_as(None, &path).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("published")));
    let late = app
        .client_as(Who::CoordinatorTwente)
        .put(app.url(&path))
        .header("If-Match", &etag)
        .json(&changed)
        .send()
        .await
        .expect("request");
    expect_problem(late, 403).await;

    let trail = app.audit_trail("leading_project", &draft.id).await;
    let operations: Vec<&str> = trail.iter().filter_map(|e| e["operation"].as_str()).collect();
    for operation in ["create", "update", "proposed", "published"] {
        assert!(operations.contains(&operation), "{operation} in {operations:?}");
    }
}

#[tokio::test]
async fn refusals_name_every_bad_field() {
    let app = spawn_app().await;
    let mut body = new_project(" ");
    body.care_domains = vec![];
    body.region_code = Some("nergens".into());
    body.coalition_ids = vec!["geen-coalitie".into()];
    body.partners = vec!["ROC".into(), "ROC".into()];
    body.funding = vec![
        Funding {
            scheme: FundingScheme::Rif,
            label: "RIF".into(),
            amount_eur: Some(-1),
            from_year: 1990,
            to_year: None,
        },
        Funding {
            scheme: FundingScheme::Other,
            label: "Stagefonds".into(),
            amount_eur: None,
            from_year: 2020,
            to_year: Some(2019),
        },
    ];
    let problem = expect_problem(app.post_json(PROJECTS, &body).await, 422).await;
    assert_eq!(
        pointers(&problem),
        [
            "/name",
            "/care_domains",
            "/partners/1",
            "/funding/0/amount_eur",
            "/funding/0/from_year",
            "/funding/1/to_year"
        ]
    );
    // References are checked once the fields are valid.
    let mut body = new_project("Onbekende verwijzingen");
    body.region_code = Some("nergens".into());
    body.coalition_ids = vec!["geen-coalitie".into()];
    let problem = expect_problem(app.post_json(PROJECTS, &body).await, 422).await;
    assert_eq!(pointers(&problem), ["/region_code", "/coalition_ids/0"]);
    // An unknown code is refused where it stands.
    let mut raw = serde_json::to_value(new_project("Onbekende code")).expect("json");
    raw["care_domains"] = json!(["ggz"]);
    let problem = expect_problem(app.post_json(PROJECTS, &raw).await, 422).await;
    assert_eq!(pointers(&problem), ["/care_domains/0"]);
}

/// Who may do what: reads are public; writing is for the region's coordinator
/// (drafts and proposals) and the programme team; publishing for the programme team.
#[tokio::test]
async fn access_matrix_of_the_kopgroep() {
    let app = spawn_app().await;
    let koperhorst = project(&app, None, "Leerbedrijf De Koperhorst").await;
    // A fresh Twente draft per caller, for the changes.
    let mut drafts = Vec::new();
    for n in 0..identities().len() {
        let (draft, _) = create_as(&app, Who::Admin, &new_project(&format!("Proefproject {n}"))).await;
        drafts.push(format!("{PROJECTS}/{}", draft.id));
    }
    let twente = |ok| {
        move |who| match who {
            None => 401,
            Some(Who::Admin | Who::CoordinatorTwente) => ok,
            // Readers of Twente's drafts who may not write them.
            Some(Who::Analyst) => 403,
            Some(_) => 404,
        }
    };
    let published = format!("{PROJECTS}/{}", koperhorst.id);
    let fields = new_project("Proefproject");
    let matrix = [
        Access::get(PROJECTS, |_| 200),
        Access::get(&format!("{PROJECTS}/figures"), |_| 200),
        Access::get(&published, |_| 200),
        Access::get("/api/v1/coalitions", |_| 200),
        Access::new(Method::POST, PROJECTS, |who| {
            allowed_or(who, &[Who::Admin, Who::CoordinatorTwente], 201)
        })
        .body_per_caller(|n| new_project(&format!("Nieuw project {n}"))),
        Access::new(Method::PUT, "", twente(200))
            .path_per_caller(|n| drafts[n].clone())
            .body(&fields),
        Access::new(Method::PUT, "", twente(200))
            .path_per_caller(|n| format!("{}/status", drafts[n]))
            .body(&ProjectStatusRequest {
                status: ProjectStatus::Proposed,
            }),
        // A published project of another region: the programme team only.
        Access::new(Method::PUT, &published, |who| allowed_or(who, &[Who::Admin], 200)).body(
            &LeadingProjectFieldsRequest {
                region_code: Some("midden-nederland".into()),
                province: Some(Province::Utrecht),
                ..new_project("Leerbedrijf De Koperhorst")
            },
        ),
    ];
    let cases = check_access(&app, &matrix).await.len();
    eprintln!("leading projects access: {cases} cases");
    assert_eq!(cases, 8 * identities().len());
}
