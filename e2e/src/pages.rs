//! Every page of the web app by route (`web/src/app.rs`), with what shows once it
//! has loaded: the accessibility tours check them all, the screenshot tour
//! photographs them.

use crate::Server;
use crate::demo::{archived_action, demo_ticket, first_listed};

/// A page: a short name (also its screenshot's file name), its path and what
/// shows once it has loaded. `{action}`, `{archived}`, `{ticket}`, `{factsheet}`,
/// `{draft}`, `{project}` and `{review}` in the path stand for demo records
/// ([`DemoRecords::path`]).
pub struct Stop {
    pub name: &'static str,
    pub path: &'static str,
    pub ready: &'static str,
}

const fn stop(name: &'static str, path: &'static str, ready: &'static str) -> Stop {
    Stop { name, path, ready }
}

/// Every route of a signed-in user. A page the role may not use shows its
/// refusal instead, which is a page too.
pub const SIGNED_IN: &[Stop] = &[
    stop("overview", "/", ".region-card"),
    stop("region", "/regio/twente", ".indicator-chart svg"),
    stop("region-agenda", "/regio/midden-en-zuid-gelderland", ".actions-table"),
    stop(
        "region-agenda-archive-sorted",
        "/regio/twente?archief=true&sorteer=-voortgang",
        ".actions-table .badge-archived",
    ),
    stop("action", "/acties/{action}", ".action-summary"),
    stop(
        "action-archived",
        "/acties/{archived}",
        ".action-summary [data-archived=true]",
    ),
    stop(
        "action-edit",
        "/acties/{action}/bewerken",
        "#action-title, [data-problem=forbidden]",
    ),
    stop("action-new", "/acties/nieuw", "#action-title, [data-problem=forbidden]"),
    stop("explorer", "/indicatoren", ".values-table"),
    stop("monitor", "/monitor", ".tile-map .tile"),
    stop(
        "explorer-chosen",
        "/indicatoren?indicator=side_entrants&regios=twente,midden-en-zuid-gelderland&van=2019",
        ".values-table",
    ),
    stop("barriers", "/belemmeringen", ".status-column"),
    stop(
        "barriers-filtered",
        "/belemmeringen?ministerie=VWS&status=triaged",
        ".status-column[data-status=triaged]",
    ),
    stop(
        "barrier-new",
        "/belemmeringen/nieuw",
        "#barrier-title, [data-problem=forbidden]",
    ),
    stop("barrier-figures", "/belemmeringen/cijfers", "[data-figure=tickets] dd"),
    stop("barrier", "/belemmeringen/{ticket}", ".barrier-detail"),
    stop("factsheets", "/factsheets", ".factsheet-list"),
    stop("factsheet", "/factsheets/{factsheet}", ".factsheet h1"),
    stop("factsheet-draft", "/factsheets/{draft}", ".factsheet h1, .notice.error"),
    stop(
        "factsheet-new",
        "/factsheets/nieuw",
        "#factsheet-question, [data-problem=forbidden]",
    ),
    stop(
        "factsheet-edit",
        "/factsheets/{factsheet}/bewerken",
        "#factsheet-question, [data-problem=forbidden]",
    ),
    stop("kopgroep", "/kopgroep", ".project-list li"),
    stop(
        "kopgroep-filtered",
        "/kopgroep?thema=leren_in_de_praktijk&niveau=mbo_2",
        "[data-project='Vakschool Zorgwacht']",
    ),
    stop("leading-project", "/kopgroep/{project}", ".leading-project h1"),
    stop(
        "leading-project-new",
        "/kopgroep/voorstellen",
        "#project-name, [data-problem=forbidden]",
    ),
    stop(
        "review",
        "/voortgangsgesprekken/{review}",
        ".review-intentions, [data-problem=forbidden]",
    ),
    stop(
        "review-report",
        "/voortgangsgesprekken/{review}/verslag",
        ".report-actions, .report [data-as-of], [data-problem=forbidden]",
    ),
    stop(
        "review-scores",
        "/voortgangsgesprekken?ronde=sharpen_question",
        ".score-matrix, .no-scored-regions",
    ),
    stop("statement", "/toegankelijkheid", "#statement-title"),
    stop("not-found", "/bestaat-niet", ".not-found h1"),
];

/// Every route of a visitor: the public pages, and the login shown in place of
/// the others.
pub const LOGGED_OUT: &[Stop] = &[
    stop("overview", "/", ".region-card [data-key=latest]"),
    stop("region", "/regio/twente", ".agenda-summary [data-summary=actions]"),
    stop("monitor", "/monitor", ".tile-map .tile"),
    stop("explorer", "/indicatoren", ".values-table"),
    stop("login", "/inloggen", "#login-email"),
    stop("login-for-a-page", "/belemmeringen", "#login-email"),
    stop("barrier-figures", "/belemmeringen/cijfers", "[data-figure=tickets] dd"),
    stop("factsheets", "/factsheets", ".factsheet-list"),
    stop("factsheet", "/factsheets/{factsheet}", ".factsheet h1"),
    stop("factsheet-new-asks-login", "/factsheets/nieuw", "#login-email"),
    stop("kopgroep", "/kopgroep", ".project-list li"),
    stop(
        "kopgroep-filtered",
        "/kopgroep?thema=leren_in_de_praktijk&niveau=mbo_2",
        "[data-project='Vakschool Zorgwacht']",
    ),
    stop("leading-project", "/kopgroep/{project}", ".leading-project h1"),
    stop(
        "leading-project-new-asks-login",
        "/kopgroep/voorstellen",
        "#login-email",
    ),
    stop("statement", "/toegankelijkheid", "#statement-title"),
];

/// The demo records the paths name: an action (of Midden- en Zuid-Gelderland), an
/// archived action of Twente (made for the tour), a ticket of Twente for VWS,
/// a published factsheet and a draft, a published leading project, and the
/// final progress review of Midden- en Zuid-Gelderland.
pub struct DemoRecords {
    action: String,
    archived: String,
    ticket: String,
    factsheet: String,
    draft: String,
    project: String,
    review: String,
}

impl DemoRecords {
    pub async fn look_up(server: &Server) -> anyhow::Result<Self> {
        Ok(Self {
            action: first_listed(server, "/actions").await?,
            archived: archived_action(server).await?,
            ticket: demo_ticket(server, "twente", "Investering in sensortechnologie").await?,
            factsheet: first_listed(server, "/factsheets?status=published").await?,
            draft: first_listed(server, "/factsheets?status=draft").await?,
            project: first_listed(server, "/leading-projects").await?,
            review: first_listed(server, "/regions/midden-en-zuid-gelderland/reviews").await?,
        })
    }

    /// A stop's path with the records filled in.
    pub fn path(&self, template: &str) -> String {
        template
            .replace("{action}", &self.action)
            .replace("{archived}", &self.archived)
            .replace("{ticket}", &self.ticket)
            .replace("{factsheet}", &self.factsheet)
            .replace("{draft}", &self.draft)
            .replace("{project}", &self.project)
            .replace("{review}", &self.review)
    }
}
