//! Who is signed in, reactively: the login page, the pages, and what each may offer
//! (from the `grants` of `GET /me`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use zorgpact_contract::auth::MeResponse;
use zorgpact_contract::auth::rules::{Permission, Principal, authorize};
use zorgpact_contract::codes::Ministry;

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
    /// Asking the server for the session (refresh cookie) and who it belongs to.
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
    session.restore();
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

    /// After a failed `GET /me`: ask again, or show the login when the session is gone.
    pub fn retry(&self) {
        self.restore();
    }

    /// On start: a session the browser's refresh cookie still holds (a reload, a
    /// new tab) is taken up; without one, the login shows.
    fn restore(&self) {
        let session = *self;
        session.state.set(SessionState::Checking);
        spawn_local(async move {
            match UnauthorizedApi.restore().await {
                Ok(Some(api)) => session.load_me(api),
                Ok(None) => session.state.set(SessionState::LoggedOut(LoggedOutReason::None)),
                Err(error) => session.state.set(SessionState::Failed(error)),
            }
        });
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
    /// Whether the API would allow the signed-in user `permission`: the domain's
    /// own rules, applied to the user `/me` describes. Reactive.
    pub fn allows(&self, permission: &Permission<'_>) -> bool {
        self.me().is_some_and(|me| {
            let principal = Principal {
                id: me.id.clone(),
                name: me.name.clone(),
                role: me.role,
                regions: me.regions.clone(),
                ministry: me.ministry,
                scopes: me.scopes.clone(),
            };
            authorize(Some(&principal), permission).is_ok()
        })
    }

    /// Whether the user handles tickets of `ministry` on the ministry side (logging
    /// contacts, marking duplicates, internal notes). Reactive.
    pub fn handles_barrier(&self, ministry: Option<Ministry>) -> bool {
        self.allows(&Permission::HandleBarrier { ministry })
    }

    /// Whether the user may comment on a ticket of `region` and `ministry`. Reactive.
    pub fn may_comment(&self, region: &str, ministry: Option<Ministry>) -> bool {
        self.allows(&Permission::CommentOnBarrier {
            region,
            ministry,
            internal: false,
        })
    }

    /// Whether the user writes factsheets at all (and reads their drafts). Reactive.
    pub fn writes_factsheets(&self) -> bool {
        self.allows(&Permission::ReadFactsheetDrafts)
    }

    /// Whether the user may write, revise and publish a factsheet of `ministry`. Reactive.
    pub fn writes_factsheet_of(&self, ministry: Ministry) -> bool {
        self.allows(&Permission::WriteFactsheet { ministry })
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
/// The signed-in user's API, on a page a visitor can open too: `None` for a visitor.
pub fn signed_in_api() -> Option<AuthorizedApi> {
    use_context::<AuthorizedApi>()
}

pub fn use_api() -> AuthorizedApi {
    expect_context::<AuthorizedApi>()
}
