//! The app's frame: language and session, the header, the navigation and the page
//! of the URL; on every page a footer linking the accessibility statement. What the
//! programme publishes (the overview, region pages, the national monitor, the
//! indicator explorer, barrier figures, factsheets, the accessibility statement)
//! shows without login; every other page asks a visitor to log in.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, path};

use crate::api::AuthorizedApi;
use crate::catalogue;
use crate::components::announce::{LiveRegion, provide_announcer};
use crate::components::focus;
use crate::components::status::{ErrorNotice, Loading};
use crate::i18n::{self, T, tr, use_i18n};
use crate::session::{LoggedOutReason, SessionState, provide_session, use_session};
use crate::{lazy_pages, pages};

#[component]
pub fn App() -> impl IntoView {
    i18n::provide_i18n();
    provide_session();
    catalogue::provide_catalogue();
    provide_announcer();
    // The router turns `#main` into a navigation that scrolls but leaves the focus
    // on the link, so the next Tab would land in the header again: move the focus.
    let skip = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        focus::to_content();
    };
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip>
                {tr(T::SkipToContent)}
            </a>
            <Header />
            <main id="main" tabindex="-1">
                <Frame />
            </main>
            <Footer />
            <LiveRegion />
            <FocusOnNavigation />
        </Router>
    }
}

/// After an in-app navigation (another page, logging in or out) the focus goes
/// to the new page's heading, as a page load would start there: a keyboard or
/// screen reader user hears where they are and tabs on from the content, not from
/// the link they followed. Not on the first load: there the skip link stays the
/// first Tab stop.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    let session = use_session();
    Effect::new(move |previous: Option<(String, Option<bool>)>| {
        let path = location.pathname.get();
        let signed_in = match session.state() {
            // Between the login and the user's details: not a change yet.
            SessionState::Checking => previous.as_ref().and_then(|(_, signed_in)| *signed_in),
            SessionState::LoggedIn { .. } => Some(true),
            SessionState::LoggedOut(_) | SessionState::Failed(_) => Some(false),
        };
        if let Some((old_path, old_signed_in)) = &previous
            && old_signed_in.is_some()
            && (*old_path != path || *old_signed_in != signed_in)
        {
            focus::to_heading_once_shown();
        }
        (path, signed_in)
    });
}

/// The programme's barrier figures: public.
const FIGURES_PATH: &str = "/belemmeringen/cijfers";
/// The login page for a visitor who chose to log in (a page that needs a login
/// shows the form itself).
pub const LOGIN_PATH: &str = "/inloggen";
/// The accessibility statement: public, in the footer of every page.
const STATEMENT_PATH: &str = "/toegankelijkheid";

/// What the main area shows for the session: the page, or for a visitor the public
/// pages and otherwise the login.
#[component]
fn Frame() -> impl IntoView {
    let session = use_session();
    view! {
                {move || match session.state() {
                    SessionState::Checking => view! { <Loading text=T::CheckingSession /> }.into_any(),
                    SessionState::LoggedOut(reason) => view! { <Visitor reason /> }.into_any(),
                    SessionState::Failed(error) => {
                        view! { <ErrorNotice error on_retry=Callback::new(move |()| session.retry()) /> }.into_any()
                    }
                    SessionState::LoggedIn { api, .. } => view! { <SignedIn api /> }.into_any(),
                }}
    }
}

/// The frame of a signed-in user: the API for every page.
#[component]
fn SignedIn(api: AuthorizedApi) -> impl IntoView {
    provide_context(api);
    view! { <AppRoutes /> }
}

/// The pages, by URL (Dutch paths; the server answers every non-API path with the app).
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <pages::not_found::NotFoundPage /> }>
            <Route path=path!("/") view={Lazy::<lazy_pages::Overview>::new()} />
            // Signed in from the login page: on to the overview.
            <Route path=path!("/inloggen") view=|| view! { <Redirect path="/" /> } />
            <Route path=path!("/monitor") view={Lazy::<lazy_pages::Monitor>::new()} />
            <Route path=path!("/regio/:code") view={Lazy::<lazy_pages::Region>::new()} />
            <Route path=path!("/acties/nieuw") view={Lazy::<lazy_pages::NewAction>::new()} />
            <Route path=path!("/acties/:id/bewerken") view={Lazy::<lazy_pages::EditAction>::new()} />
            <Route path=path!("/acties/:id") view={Lazy::<lazy_pages::Action>::new()} />
            <Route path=path!("/indicatoren") view={Lazy::<lazy_pages::Explorer>::new()} />
            <Route path=path!("/belemmeringen/nieuw") view={Lazy::<lazy_pages::NewBarrier>::new()} />
            <Route path=path!("/belemmeringen/cijfers") view={Lazy::<lazy_pages::BarrierFigures>::new()} />
            <Route path=path!("/belemmeringen/:id") view={Lazy::<lazy_pages::Barrier>::new()} />
            <Route path=path!("/belemmeringen") view={Lazy::<lazy_pages::Barriers>::new()} />
            <Route path=path!("/factsheets/nieuw") view={Lazy::<lazy_pages::NewFactsheet>::new()} />
            <Route path=path!("/factsheets/:id/bewerken") view={Lazy::<lazy_pages::EditFactsheet>::new()} />
            <Route path=path!("/factsheets/:id") view={Lazy::<lazy_pages::Factsheet>::new()} />
            <Route path=path!("/factsheets") view={Lazy::<lazy_pages::Factsheets>::new()} />
            <Route path=path!("/kopgroep/voorstellen") view={Lazy::<lazy_pages::NewLeadingProject>::new()} />
            <Route path=path!("/kopgroep/:id") view={Lazy::<lazy_pages::LeadingProject>::new()} />
            <Route path=path!("/kopgroep") view={Lazy::<lazy_pages::Kopgroep>::new()} />
            <Route path=path!("/voortgangsgesprekken/:id/verslag") view={Lazy::<lazy_pages::ReviewReport>::new()} />
            <Route path=path!("/voortgangsgesprekken/:id") view={Lazy::<lazy_pages::Review>::new()} />
            <Route path=path!("/voortgangsgesprekken") view={Lazy::<lazy_pages::ScoreMatrix>::new()} />
            <Route path=path!("/toegankelijkheid") view={Lazy::<lazy_pages::AccessibilityStatement>::new()} />
        </Routes>
    }
}

/// A visitor who is not logged in: what the programme publishes is public, every
/// other page (writing a factsheet too) asks to log in. A visitor whose session
/// just ended sees the login first, with the reason.
#[component]
fn Visitor(reason: LoggedOutReason) -> impl IntoView {
    if reason == LoggedOutReason::Expired {
        return view! { <pages::login::LoginPage reason /> }.into_any();
    }
    view! {
        <Routes fallback=move || view! { <pages::login::LoginPage reason /> }>
            <Route path=path!("/") view={Lazy::<lazy_pages::Overview>::new()} />
            <Route path=path!("/inloggen") view=move || view! { <pages::login::LoginPage reason /> } />
            <Route path=path!("/monitor") view={Lazy::<lazy_pages::Monitor>::new()} />
            <Route path=path!("/regio/:code") view={Lazy::<lazy_pages::Region>::new()} />
            <Route path=path!("/indicatoren") view={Lazy::<lazy_pages::Explorer>::new()} />
            <Route path=path!("/belemmeringen/cijfers") view={Lazy::<lazy_pages::BarrierFigures>::new()} />
            // Writing a factsheet asks to log in (not "no such factsheet").
            <Route path=path!("/factsheets/nieuw") view=move || view! { <pages::login::LoginPage reason /> } />
            <Route path=path!("/factsheets/:id") view={Lazy::<lazy_pages::Factsheet>::new()} />
            <Route path=path!("/factsheets") view={Lazy::<lazy_pages::Factsheets>::new()} />
            <Route path=path!("/kopgroep/voorstellen") view=move || view! { <pages::login::LoginPage reason /> } />
            <Route path=path!("/kopgroep/:id") view={Lazy::<lazy_pages::LeadingProject>::new()} />
            <Route path=path!("/kopgroep") view={Lazy::<lazy_pages::Kopgroep>::new()} />
            <Route path=path!("/toegankelijkheid") view={Lazy::<lazy_pages::AccessibilityStatement>::new()} />
        </Routes>
    }
    .into_any()
}

/// The site's footer, on every page and for everyone: where the accessibility
/// statement is found, as the Dutch government's rules ask.
#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label=tr(T::FooterNav)>
                <a href=STATEMENT_PATH>{tr(T::AccessibilityLink)}</a>
            </nav>
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="brand">
                <a href="/" class="brand-name">
                    {tr(T::AppName)}
                </a>
                <span class="subtitle">{tr(T::Subtitle)}</span>
            </div>
            <div class="header-tools">
                <button
                    type="button"
                    class="lang-switch"
                    lang=move || i18n.other().code()
                    aria-label=tr(T::SwitchLanguage)
                    on:click=move |_| i18n.set(i18n.other())
                >
                    {move || i18n.other().name()}
                </button>
                {move || {
                    session
                        .me()
                        .map(|me| {
                            let role = me.role;
                            view! {
                                <span class="who">
                                    <span class="who-name">{me.name}</span>
                                    " · "
                                    <span class="who-role">
                                        {move || i18n.label(role)}
                                    </span>
                                </span>
                                <button
                                    type="button"
                                    class="logout"
                                    on:click=move |_| session.logout()
                                >
                                    {tr(T::Logout)}
                                </button>
                            }
                                .into_any()
                        })
                        .unwrap_or_else(|| {
                            view! {
                                <a class="login-link button" href=LOGIN_PATH>
                                    {tr(T::LoginTitle)}
                                </a>
                            }
                                .into_any()
                        })
                }}
            </div>
            <Nav />
        </header>
    }
}

/// The main navigation; the barrier board only for those signed in (a visitor
/// reads the figures).
#[component]
fn Nav() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let current = move |prefix: &'static str| {
        move || {
            let path = location.pathname.get();
            let active = if prefix == "/" {
                path == "/" || path.starts_with("/regio") || path.starts_with("/acties")
            } else {
                path.starts_with(prefix)
            };
            active.then_some("page")
        }
    };
    // The figures have their own entry.
    let current_barriers = move || {
        let path = location.pathname.get();
        (path.starts_with("/belemmeringen") && !path.starts_with(FIGURES_PATH)).then_some("page")
    };
    view! {
        <nav class="main-nav" aria-label=tr(T::MainNav)>
            <a href="/" aria-current=current("/")>
                {tr(T::NavOverview)}
            </a>
            <a href="/monitor" aria-current=current("/monitor")>
                {tr(T::NavMonitor)}
            </a>
            <a href="/indicatoren" aria-current=current("/indicatoren")>
                {tr(T::NavIndicators)}
            </a>
            {move || {
                session
                    .me()
                    .map(|_| {
                        view! {
                            <a href="/belemmeringen" aria-current=current_barriers>
                                {tr(T::NavBarriers)}
                            </a>
                        }
                    })
            }}
            {move || {
                session
                    .me()
                    .map(|_| {
                        view! {
                            <a href="/voortgangsgesprekken" aria-current=current("/voortgangsgesprekken")>
                                {tr(T::NavReviews)}
                            </a>
                        }
                    })
            }}
            <a href=FIGURES_PATH aria-current=current(FIGURES_PATH)>
                {tr(T::NavBarrierFigures)}
            </a>
            <a href="/factsheets" aria-current=current("/factsheets")>
                {tr(T::Factsheets)}
            </a>
            <a href="/kopgroep" aria-current=current("/kopgroep")>
                {tr(T::NavKopgroep)}
            </a>
        </nav>
    }
}
