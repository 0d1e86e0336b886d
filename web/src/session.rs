//! Who is signed in, reactively: the login page, the pages, and what each may offer
//! (from the `grants` of `GET /me`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::auth::MeResponse;
use zorgpact_contract::codes::{Ministry, Role};

use crate::api::{self, ApiError, AuthorizedApi, UnauthorizedApi};

/// Why the login page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoggedOutReason {
    /// First visit, or the user logged out.
    None,
    LoggedOut,
    Expired,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Tokens were stored: asking the server who they belong to.
    Checking,
    LoggedOut(LoggedOutReason),
    /// The server could not say who the user is (network): offer to retry.
    Failed(ApiError),
    LoggedIn {
        api: AuthorizedApi,
        me: MeResponse,
    },
}

/// The session, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    state: RwSignal<SessionState>,
}

pub fn provide_session() -> Session {
    let session = Session {
        state: RwSignal::new(SessionState::Checking),
    };
    provide_context(session);
    api::on_session_expired(move || {
        if matches!(session.state.get_untracked(), SessionState::LoggedIn { .. }) {
            session.state.set(SessionState::LoggedOut(LoggedOutReason::Expired));
        }
    });
    match UnauthorizedApi.restore() {
        Some(api) => session.load_me(api),
        None => session.state.set(SessionState::LoggedOut(LoggedOutReason::None)),
    }
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    /// Asks `GET /me` for the signed-in user, then shows the app.
    pub fn load_me(&self, api: AuthorizedApi) {
        let state = self.state;
        state.set(SessionState::Checking);
        spawn_local(async move {
            state.set(match api.me().await {
                Ok(me) => SessionState::LoggedIn { api, me },
                Err(ApiError::SessionExpired) => SessionState::LoggedOut(LoggedOutReason::Expired),
                Err(error) => SessionState::Failed(error),
            });
        });
    }

    /// After a failed `GET /me`: ask again, or show the login when the tokens are gone.
    pub fn retry(&self) {
        match UnauthorizedApi.restore() {
            Some(api) => self.load_me(api),
            None => self.state.set(SessionState::LoggedOut(LoggedOutReason::None)),
        }
    }

    pub fn logout(&self) {
        let state = self.state;
        if let SessionState::LoggedIn { api, .. } = state.get_untracked() {
            spawn_local(async move {
                api.logout().await;
                state.set(SessionState::LoggedOut(LoggedOutReason::LoggedOut));
            });
        }
    }

    pub fn me(&self) -> Option<MeResponse> {
        match self.state.get() {
            SessionState::LoggedIn { me, .. } => Some(me),
            _ => None,
        }
    }

    /// Whether the user holds `permission` for `region` (or everywhere). Reactive.
    pub fn can(&self, permission: &str, region: &str) -> bool {
        self.me().is_some_and(|me| {
            me.grants.iter().any(|grant| {
                grant.permission == permission
                    && grant
                        .regions
                        .as_ref()
                        .is_none_or(|regions| regions.iter().any(|r| r == region))
            })
        })
    }

    /// The regions where the user holds `permission`: `None` when it holds everywhere,
    /// an empty list when nowhere. Reactive.
    pub fn regions_for(&self, permission: &str) -> Option<Vec<String>> {
        let me = self.me()?;
        let mut regions = Vec::new();
        for grant in me.grants.iter().filter(|grant| grant.permission == permission) {
            match &grant.regions {
                None => return None,
                Some(list) => regions.extend(list.iter().cloned()),
            }
        }
        Some(regions)
    }

    /// Whether the user holds `permission` anywhere at all. Reactive.
    pub fn can_somewhere(&self, permission: &str) -> bool {
        self.regions_for(permission).is_none_or(|regions| !regions.is_empty()) && self.me().is_some()
    }
}

impl Session {
    /// Whether the user handles tickets of `ministry` on the ministry side (logging
    /// contacts, marking duplicates, internal notes): its officials and the programme
    /// team, as the API's `HandleBarrier` rule says. Reactive.
    pub fn handles_barrier(&self, ministry: Option<Ministry>) -> bool {
        self.me().is_some_and(|me| match me.role {
            Role::Admin => true,
            Role::Official => ministry.is_some() && me.ministry == ministry,
            _ => false,
        })
    }

    /// Whether the user may comment on a ticket of `region`: besides those who handle
    /// it, the region's coordinators (without internal notes). Reactive.
    pub fn may_comment(&self, region: &str, ministry: Option<Ministry>) -> bool {
        self.handles_barrier(ministry)
            || self
                .me()
                .is_some_and(|me| me.role == Role::Coordinator && me.regions.iter().any(|r| r == region))
    }
}

impl Session {
    /// Whether the user writes factsheets at all (and reads their drafts): officials
    /// and the programme team, as the API's `ReadFactsheetDrafts` rule says. Reactive.
    pub fn writes_factsheets(&self) -> bool {
        self.me()
            .is_some_and(|me| matches!(me.role, Role::Admin | Role::Official))
    }

    /// Whether the user may write, revise and publish a factsheet of `ministry`: the
    /// programme team, and officials for their own ministry (`WriteFactsheet`). Reactive.
    pub fn writes_factsheet_of(&self, ministry: Ministry) -> bool {
        self.handles_barrier(Some(ministry))
    }

    /// The ministries the user may write factsheets for, in the code set's order:
    /// all for the programme team, their own for an official. Reactive.
    pub fn factsheet_ministries(&self) -> Vec<Ministry> {
        Ministry::ALL
            .iter()
            .copied()
            .filter(|ministry| self.writes_factsheet_of(*ministry))
            .collect()
    }
}

/// The API for a page: the signed-in user's. Pages render only inside the signed-in
/// frame, so a missing session is a bug in the frame.
pub fn use_api() -> AuthorizedApi {
    expect_context::<AuthorizedApi>()
}
