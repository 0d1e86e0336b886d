//! Who may do what: the one place where the permission rules live. Every endpoint
//! names the [`Permission`] it needs; [`authorize`] decides for a caller.

use std::fmt;

use crate::barrier::workflow::Party;
use crate::barrier::{BarrierStatus, Ministry};
use crate::leading_project::ProjectStatus;
use crate::review::ReviewStatus;
// Scopes belong to partner credentials (`user`); re-exported because a
// principal carries them. The dependency runs one way: `auth` uses `user`.
use crate::user::Role;
pub use crate::user::Scope;

/// The authenticated caller: a user or a partner system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// User id, or the partner client's id.
    pub id: String,
    /// Name for people and the audit trail.
    pub name: String,
    pub role: Role,
    /// Regions a coordinator or partner works for.
    pub regions: Vec<String>,
    /// The ministry of an official.
    pub ministry: Option<Ministry>,
    /// Scopes of a partner credential.
    pub scopes: Vec<Scope>,
}

impl Principal {
    fn works_for(&self, region: &str) -> bool {
        self.regions.iter().any(|r| r == region)
    }

    fn has(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// An official of the ministry a ticket is assigned to.
    fn answers_for(&self, ministry: Option<Ministry>) -> bool {
        ministry.is_some() && ministry == self.ministry
    }
}

/// Which barrier tickets a caller's lists show: the same rule as
/// [`Permission::ReadBarrier`] for one ticket, as a filter a query can apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BarrierScope {
    All,
    /// Public tickets, and those of these regions or this ministry.
    PublicAnd {
        regions: Vec<String>,
        ministry: Option<Ministry>,
    },
    None,
}

impl BarrierScope {
    pub fn includes(&self, region: &str, ministry: Option<Ministry>, public: bool) -> bool {
        match self {
            BarrierScope::All => true,
            BarrierScope::PublicAnd { regions, ministry: own } => {
                public || regions.iter().any(|r| r == region) || (ministry.is_some() && ministry == *own)
            }
            BarrierScope::None => false,
        }
    }
}

/// Which unpublished leading projects a caller's lists show: the same rule as
/// [`Permission::ReadLeadingProjectDraft`] for one project, as a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftScope {
    All,
    /// Those of these regions.
    Regions(Vec<String>),
    None,
}

impl DraftScope {
    pub fn includes(&self, region: Option<&str>) -> bool {
        match self {
            DraftScope::All => true,
            DraftScope::Regions(regions) => region.is_some_and(|region| regions.iter().any(|r| r == region)),
            DraftScope::None => false,
        }
    }
}

pub fn leading_project_draft_scope(caller: Option<&Principal>) -> DraftScope {
    match caller.map(|c| c.role) {
        Some(Role::Admin | Role::Analyst) => DraftScope::All,
        Some(Role::Coordinator) => DraftScope::Regions(caller.map(|c| c.regions.clone()).unwrap_or_default()),
        _ => DraftScope::None,
    }
}

pub fn barrier_scope(caller: &Principal) -> BarrierScope {
    match caller.role {
        Role::Admin | Role::Analyst => BarrierScope::All,
        Role::Coordinator => BarrierScope::PublicAnd {
            regions: caller.regions.clone(),
            ministry: None,
        },
        Role::Official => BarrierScope::PublicAnd {
            regions: Vec::new(),
            ministry: caller.ministry,
        },
        Role::Partner => BarrierScope::None,
    }
}

/// What an operation needs. Region and ministry are those of the resource acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Permission<'a> {
    /// Regions, partners, the indicator catalogue: open to everyone.
    ReadPublic,
    /// Who one is (`/me`), logging out.
    Authenticated,
    ManageRegions,
    ManagePartners {
        region: &'a str,
    },
    ReadActions,
    WriteActions {
        region: &'a str,
    },
    ManageIndicatorCatalogue,
    ReadIndicatorData,
    WriteIndicatorValues {
        region: &'a str,
    },
    WriteIndicatorTargets {
        region: &'a str,
    },
    /// Listing barrier tickets at all; which ones a list shows is [`barrier_scope`].
    ReadBarriers,
    /// Reading one ticket: its region, its ministry and whether its answer is public matter.
    ReadBarrier {
        region: &'a str,
        ministry: Option<Ministry>,
        public: bool,
    },
    FileBarrier {
        region: &'a str,
    },
    /// Editing a ticket: its region, its ministry and its current status matter.
    EditBarrier {
        region: &'a str,
        ministry: Option<Ministry>,
        status: BarrierStatus,
    },
    /// Taking a step of the workflow: the parties the step is for, and the
    /// ticket's region and ministry, decide.
    TakeBarrierStep {
        region: &'a str,
        ministry: Option<Ministry>,
        to: BarrierStatus,
        by: &'a [Party],
    },
    /// Writing a comment on a ticket; an internal note is for the ministry side.
    CommentOnBarrier {
        region: &'a str,
        ministry: Option<Ministry>,
        internal: bool,
    },
    /// Reading a ticket's internal notes: officials of its ministry and the
    /// programme team.
    ReadInternalNotes {
        ministry: Option<Ministry>,
    },
    /// The ministry side's handling around the workflow: logging contacts,
    /// marking duplicates.
    HandleBarrier {
        ministry: Option<Ministry>,
    },
    /// The ministries' service targets for barrier tickets.
    SetServiceTargets,
    /// Adding rules to the register of laws, schemes and agreements.
    ManageRegulations,
    /// Naming the rules a ticket concerns: its region and its ministry matter.
    LinkRegulations {
        region: &'a str,
        ministry: Option<Ministry>,
    },
    /// Reading factsheets that are not (or not yet so) published.
    ReadFactsheetDrafts,
    /// Writing, revising and publishing a factsheet of this ministry.
    WriteFactsheet {
        ministry: Ministry,
    },
    /// Reading a leading project that is not (yet) published, of this region
    /// (none: a project across regions).
    ReadLeadingProjectDraft {
        region: Option<&'a str>,
    },
    /// Writing a leading project of this region while it has this status; a new
    /// project starts as a draft.
    WriteLeadingProject {
        region: Option<&'a str>,
        status: ProjectStatus,
    },
    /// Moving a leading project of this region from one status to another.
    MoveLeadingProject {
        region: Option<&'a str>,
        from: ProjectStatus,
        to: ProjectStatus,
    },
    /// Users, partner credentials and the full audit trail.
    Administer,
    /// Subscribing to webhooks; each caller sees only its own subscriptions.
    ManageWebhooks,
    /// Listing progress reviews at all; which ones a list shows is [`Permission::ReadReview`].
    ReadReviews,
    /// Drafting, editing, scoring, sharing, finalising and correcting progress
    /// reviews: the programme team's work.
    ManageReviews,
    /// Reading one progress review: its region and its status matter.
    ReadReview {
        region: &'a str,
        status: ReviewStatus,
    },
    /// Turning an intention of a review into an action of the region's agenda.
    TurnIntentionIntoAction {
        region: &'a str,
    },
}

/// What the permission allows, as the end of "You may not …": a phrase for people.
impl fmt::Display for Permission<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Permission as P;
        match self {
            P::ReadPublic => f.write_str("read the public parts of the programme"),
            P::Authenticated => f.write_str("use this without logging in"),
            P::ManageRegions => f.write_str("add or change regions; only the programme team may"),
            P::ManagePartners { region } => write!(f, "manage the partners of region {region}"),
            P::ReadActions => f.write_str("read action agendas"),
            P::WriteActions { region } => write!(f, "change the action agenda of region {region}"),
            P::ManageIndicatorCatalogue => f.write_str("change the indicator catalogue; only the programme team may"),
            P::ReadIndicatorData => f.write_str("read indicator values and targets"),
            P::WriteIndicatorValues { region } => write!(f, "write indicator values of region {region}"),
            P::WriteIndicatorTargets { region } => write!(f, "set indicator targets of region {region}"),
            P::ReadBarriers => f.write_str("read barrier tickets"),
            P::ReadBarrier { region, .. } => write!(f, "read this barrier ticket of region {region}"),
            P::FileBarrier { region } => write!(f, "file barrier tickets for region {region}"),
            P::EditBarrier {
                region,
                ministry,
                status,
            } => {
                write!(
                    f,
                    "change this barrier ticket of region {region} while its status is {status}"
                )?;
                match ministry {
                    Some(ministry) => write!(f, " and assigned to {ministry}"),
                    None => f.write_str(" and assigned to no ministry"),
                }
            }
            P::TakeBarrierStep { region, to, by, .. } => {
                write!(f, "move this barrier ticket of region {region} to {to}; ")?;
                let parties: Vec<&str> = by.iter().map(|party| party.described()).collect();
                write!(f, "that step is for {}", parties.join(" or "))
            }
            P::CommentOnBarrier { region, internal, .. } => match internal {
                true => f.write_str(
                    "write internal notes; only officials of the ticket's ministry and the programme team may",
                ),
                false => write!(f, "comment on this barrier ticket of region {region}"),
            },
            P::ReadInternalNotes { .. } => {
                f.write_str("read internal notes; only officials of the ticket's ministry and the programme team may")
            }
            P::HandleBarrier { .. } => f.write_str(
                "log contacts or mark duplicates; only officials of the ticket's ministry and the programme team may",
            ),
            P::SetServiceTargets => f.write_str("change the ministries' service targets; only the programme team may"),
            P::ManageRegulations => f.write_str("add rules to the register; only officials and the programme team may"),
            P::LinkRegulations { region, .. } => write!(f, "name the rules of this barrier ticket of region {region}"),
            P::ReadFactsheetDrafts => {
                f.write_str("read unpublished factsheets; only officials and the programme team may")
            }
            P::WriteFactsheet { ministry } => write!(f, "write factsheets of {ministry}; only its officials may"),
            P::ReadLeadingProjectDraft { region } => match region {
                Some(region) => write!(f, "read unpublished leading projects of region {region}"),
                None => f.write_str("read unpublished leading projects across regions"),
            },
            P::WriteLeadingProject { region, status } => match region {
                Some(region) => write!(f, "change a {status} leading project of region {region}; coordinators change their own region's drafts and proposals, the programme team any"),
                None => f.write_str("change leading projects across regions; only the programme team may"),
            },
            P::MoveLeadingProject { from, to, .. } => write!(
                f,
                "move this leading project from {from} to {to}; coordinators propose their own region's projects, only the programme team publishes"
            ),
            P::ManageWebhooks => f.write_str("manage webhook subscriptions; only the programme team and partner systems with the webhooks:manage scope may"),
            P::Administer => {
                f.write_str("manage users, partner credentials or the audit trail; only the programme team may")
            }
            P::ReadReviews => f.write_str("read progress reviews"),
            P::ManageReviews => f.write_str("draft or change progress reviews; only the programme team may"),
            P::ReadReview { region, status } => write!(f, "read this {status} progress review of region {region}"),
            P::TurnIntentionIntoAction { region } => {
                write!(f, "turn intentions of region {region}'s reviews into actions of its agenda")
            }
        }
    }
}

impl Denied {
    /// The sentence a person reads when `permission` is refused for this reason.
    pub fn explain(self, permission: &Permission<'_>) -> String {
        match self {
            Denied::Unauthenticated => NEEDS_TOKEN.to_owned(),
            Denied::Forbidden => format!("You may not {permission}."),
        }
    }
}

/// Why an anonymous caller is refused.
pub const NEEDS_TOKEN: &str = "This operation needs an access token: log in with POST /api/v1/auth/token and send it as `Authorization: Bearer` followed by the token.";

/// Why a caller may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// No (valid) credentials: 401.
    Unauthenticated,
    /// Known caller, not allowed: 403.
    Forbidden,
}

/// The rules. Admins (the programme team) may do everything; coordinators edit
/// their own regions; officials answer the barrier tickets of their ministry;
/// analysts read; partner systems do what their scopes allow in their regions.
pub fn authorize(caller: Option<&Principal>, permission: &Permission<'_>) -> Result<(), Denied> {
    use Permission as P;
    if *permission == P::ReadPublic {
        return Ok(());
    }
    let caller = caller.ok_or(Denied::Unauthenticated)?;
    let allowed = match (caller.role, permission) {
        (_, P::ReadPublic | P::Authenticated) => true,
        (Role::Admin, _) => true,
        (Role::Partner, P::ReadActions) => caller.has(Scope::ActionsRead) || caller.has(Scope::ActionsWrite),
        (Role::Partner, P::WriteActions { region }) => caller.has(Scope::ActionsWrite) && caller.works_for(region),
        (Role::Partner, P::ReadIndicatorData) => {
            caller.has(Scope::IndicatorValuesRead) || caller.has(Scope::IndicatorValuesWrite)
        }
        (Role::Partner, P::WriteIndicatorValues { region }) => {
            caller.has(Scope::IndicatorValuesWrite) && caller.works_for(region)
        }
        (Role::Partner, P::WriteIndicatorTargets { region }) => {
            caller.has(Scope::IndicatorTargetsWrite) && caller.works_for(region)
        }
        (Role::Partner, P::ManageWebhooks) => caller.has(Scope::WebhooksManage),
        (Role::Partner, _) => false,
        (_, P::ReadActions | P::ReadIndicatorData | P::ReadBarriers | P::ReadReviews) => true,
        (
            Role::Coordinator,
            P::ManagePartners { region }
            | P::WriteActions { region }
            | P::WriteIndicatorValues { region }
            | P::WriteIndicatorTargets { region }
            | P::FileBarrier { region },
        ) => caller.works_for(region),
        (Role::Coordinator, P::ReadBarrier { region, public, .. }) => *public || caller.works_for(region),
        (Role::Official, P::ReadBarrier { ministry, public, .. }) => *public || caller.answers_for(*ministry),
        (Role::Analyst, P::ReadBarrier { .. }) => true,
        // A coordinator may still correct a ticket nobody has picked up yet.
        (Role::Coordinator, P::EditBarrier { region, status, .. }) => {
            caller.works_for(region) && *status == BarrierStatus::Submitted
        }
        (Role::Official, P::EditBarrier { ministry, .. }) => caller.answers_for(*ministry),
        (Role::Coordinator, P::CommentOnBarrier { region, internal, .. }) => !internal && caller.works_for(region),
        (
            Role::Official,
            P::CommentOnBarrier { ministry, .. } | P::ReadInternalNotes { ministry } | P::HandleBarrier { ministry },
        ) => caller.answers_for(*ministry),
        (Role::Coordinator, P::TakeBarrierStep { region, by, .. }) => {
            by.contains(&Party::Region) && caller.works_for(region)
        }
        (Role::Official, P::TakeBarrierStep { ministry, by, .. }) => {
            by.contains(&Party::Ministry) && caller.answers_for(*ministry)
        }
        (Role::Official, P::ManageRegulations | P::ReadFactsheetDrafts) => true,
        (Role::Official, P::WriteFactsheet { ministry }) => caller.answers_for(Some(*ministry)),
        (Role::Official, P::LinkRegulations { ministry, .. }) => caller.answers_for(*ministry),
        (Role::Coordinator, P::LinkRegulations { region, .. }) => caller.works_for(region),
        // The region reads its reviews once they are shared with it; officials
        // and analysts read what the committee has settled.
        (Role::Coordinator, P::ReadReview { region, status }) => {
            caller.works_for(region) && *status != ReviewStatus::Draft
        }
        (Role::Official | Role::Analyst, P::ReadReview { status, .. }) => *status == ReviewStatus::Final,
        // The action lands on the region's own agenda, which its coordinator keeps.
        (Role::Coordinator, P::TurnIntentionIntoAction { region }) => caller.works_for(region),
        (Role::Analyst, P::ReadLeadingProjectDraft { .. }) => true,
        (Role::Coordinator, P::ReadLeadingProjectDraft { region: Some(region) }) => caller.works_for(region),
        (
            Role::Coordinator,
            P::WriteLeadingProject {
                region: Some(region),
                status,
            },
        ) => caller.works_for(region) && *status != ProjectStatus::Published,
        (
            Role::Coordinator,
            P::MoveLeadingProject {
                region: Some(region),
                from,
                to,
            },
        ) => caller.works_for(region) && *from != ProjectStatus::Published && *to != ProjectStatus::Published,
        _ => false,
    };
    if allowed { Ok(()) } else { Err(Denied::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, regions: &[&str], ministry: Option<Ministry>, scopes: &[Scope]) -> Principal {
        Principal {
            id: "u1".into(),
            name: "Test".into(),
            role,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            ministry,
            scopes: scopes.to_vec(),
        }
    }

    #[test]
    fn anonymous_callers_read_only_public_parts() {
        assert_eq!(authorize(None, &Permission::ReadPublic), Ok(()));
        assert_eq!(authorize(None, &Permission::ReadActions), Err(Denied::Unauthenticated));
        assert_eq!(
            authorize(None, &Permission::ManageRegions),
            Err(Denied::Unauthenticated)
        );
    }

    #[test]
    fn coordinators_edit_only_their_own_regions() {
        let c = principal(Role::Coordinator, &["twente"], None, &[]);
        assert_eq!(
            authorize(Some(&c), &Permission::WriteActions { region: "twente" }),
            Ok(())
        );
        assert_eq!(
            authorize(Some(&c), &Permission::WriteActions { region: "zeeland" }),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&c), &Permission::ManageRegions), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&c), &Permission::ReadBarriers), Ok(()));
    }

    #[test]
    fn officials_answer_tickets_of_their_ministry() {
        let o = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let ticket = |ministry| Permission::EditBarrier {
            region: "twente",
            ministry,
            status: BarrierStatus::InAnalysis,
        };
        assert_eq!(authorize(Some(&o), &ticket(Some(Ministry::Vws))), Ok(()));
        assert_eq!(
            authorize(Some(&o), &ticket(Some(Ministry::Ocw))),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&o), &ticket(None)), Err(Denied::Forbidden));
        assert_eq!(
            authorize(Some(&o), &Permission::FileBarrier { region: "twente" }),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn internal_notes_contacts_and_duplicates_are_for_the_ministry_side() {
        let vws = Some(Ministry::Vws);
        let official = principal(Role::Official, &[], vws, &[]);
        let other = principal(Role::Official, &[], Some(Ministry::Ocw), &[]);
        let coordinator = principal(Role::Coordinator, &["twente"], None, &[]);
        let admin = principal(Role::Admin, &[], None, &[]);
        let analyst = principal(Role::Analyst, &[], None, &[]);
        let comment = |internal| Permission::CommentOnBarrier {
            region: "twente",
            ministry: vws,
            internal,
        };
        let notes = Permission::ReadInternalNotes { ministry: vws };
        let handle = Permission::HandleBarrier { ministry: vws };
        let allowed = |caller: &Principal, permission: &Permission<'_>| authorize(Some(caller), permission).is_ok();
        // (comment, internal note, read notes, handle) per caller.
        let rights = |caller: &Principal| {
            [comment(false), comment(true), notes.clone(), handle.clone()].map(|p| allowed(caller, &p))
        };
        assert_eq!(rights(&official), [true, true, true, true]);
        assert_eq!(rights(&admin), [true, true, true, true]);
        assert_eq!(rights(&coordinator), [true, false, false, false]);
        assert_eq!(rights(&other), [false, false, false, false]);
        assert_eq!(rights(&analyst), [false, false, false, false]);
        let elsewhere = principal(Role::Coordinator, &["noord"], None, &[]);
        assert_eq!(rights(&elsewhere), [false, false, false, false]);
    }

    #[test]
    fn a_list_shows_exactly_the_tickets_one_may_read() {
        let callers = [
            principal(Role::Admin, &[], None, &[]),
            principal(Role::Coordinator, &["twente"], None, &[]),
            principal(Role::Official, &[], Some(Ministry::Vws), &[]),
            principal(Role::Analyst, &[], None, &[]),
            principal(Role::Partner, &["twente"], None, &[Scope::ActionsRead]),
        ];
        for caller in &callers {
            let scope = barrier_scope(caller);
            for region in ["twente", "zeeland"] {
                for ministry in [None, Some(Ministry::Vws), Some(Ministry::Ocw)] {
                    for public in [false, true] {
                        let permission = Permission::ReadBarrier {
                            region,
                            ministry,
                            public,
                        };
                        assert_eq!(
                            authorize(Some(caller), &permission).is_ok(),
                            scope.includes(region, ministry, public),
                            "{:?} reading {permission:?}",
                            caller.role
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn each_party_takes_its_own_steps() {
        use crate::barrier::workflow::{STEPS, rule};
        let coordinator = principal(Role::Coordinator, &["twente"], None, &[]);
        let official = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let admin = principal(Role::Admin, &[], None, &[]);
        let step =
            |to: BarrierStatus, by: &'static [Party], region: &'static str, ministry| Permission::TakeBarrierStep {
                region,
                ministry,
                to,
                by,
            };
        let answer = rule(BarrierStatus::InAnalysis, BarrierStatus::Answered).expect("rule");
        let close = rule(BarrierStatus::Answered, BarrierStatus::Closed).expect("rule");
        let vws = Some(Ministry::Vws);
        let answered = step(answer.to, answer.by, "twente", vws);
        assert_eq!(authorize(Some(&official), &answered), Ok(()));
        assert_eq!(authorize(Some(&coordinator), &answered), Err(Denied::Forbidden));
        let elsewhere = step(answer.to, answer.by, "twente", Some(Ministry::Ocw));
        assert_eq!(authorize(Some(&official), &elsewhere), Err(Denied::Forbidden));
        let closed = step(close.to, close.by, "twente", vws);
        assert_eq!(authorize(Some(&coordinator), &closed), Ok(()));
        assert_eq!(authorize(Some(&official), &closed), Err(Denied::Forbidden));
        let other_region = step(close.to, close.by, "zeeland", vws);
        assert_eq!(authorize(Some(&coordinator), &other_region), Err(Denied::Forbidden));
        for rule in STEPS {
            assert_eq!(
                authorize(Some(&admin), &step(rule.to, rule.by, "zeeland", None)),
                Ok(())
            );
        }
        assert_eq!(
            Denied::Forbidden.explain(&answered),
            "You may not move this barrier ticket of region twente to answered; \
             that step is for an official of the ticket's ministry."
        );
    }

    #[test]
    fn partners_need_the_scope_and_the_region() {
        let p = principal(Role::Partner, &["twente"], None, &[Scope::IndicatorValuesWrite]);
        assert_eq!(
            authorize(Some(&p), &Permission::WriteIndicatorValues { region: "twente" }),
            Ok(())
        );
        assert_eq!(
            authorize(Some(&p), &Permission::WriteIndicatorValues { region: "zeeland" }),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(Some(&p), &Permission::WriteIndicatorTargets { region: "twente" }),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&p), &Permission::ReadBarriers), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&p), &Permission::ReadIndicatorData), Ok(()));
        assert_eq!(authorize(Some(&p), &Permission::ManageWebhooks), Err(Denied::Forbidden));
        let subscriber = principal(Role::Partner, &[], None, &[Scope::WebhooksManage]);
        assert_eq!(authorize(Some(&subscriber), &Permission::ManageWebhooks), Ok(()));
        let coordinator = principal(Role::Coordinator, &["twente"], None, &[]);
        assert_eq!(
            authorize(Some(&coordinator), &Permission::ManageWebhooks),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn refusals_read_as_sentences() {
        let denied = |p: &Permission<'_>| Denied::Forbidden.explain(p);
        assert_eq!(
            denied(&Permission::WriteActions { region: "twente" }),
            "You may not change the action agenda of region twente."
        );
        assert_eq!(
            denied(&Permission::EditBarrier {
                region: "twente",
                ministry: Some(Ministry::Vws),
                status: BarrierStatus::InAnalysis,
            }),
            "You may not change this barrier ticket of region twente while its status is in_analysis and assigned to VWS."
        );
        assert!(
            Denied::Unauthenticated
                .explain(&Permission::ReadActions)
                .starts_with("This operation needs")
        );
    }

    #[test]
    fn officials_write_factsheets_of_their_ministry_and_drafts_stay_inside() {
        let vws = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let coordinator = principal(Role::Coordinator, &["twente"], None, &[]);
        let analyst = principal(Role::Analyst, &[], None, &[]);
        let admin = principal(Role::Admin, &[], None, &[]);
        let write = |ministry| Permission::WriteFactsheet { ministry };
        assert_eq!(authorize(Some(&vws), &write(Ministry::Vws)), Ok(()));
        assert_eq!(authorize(Some(&vws), &write(Ministry::Ocw)), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&admin), &write(Ministry::Szw)), Ok(()));
        assert_eq!(
            authorize(Some(&coordinator), &write(Ministry::Vws)),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(None, &write(Ministry::Vws)), Err(Denied::Unauthenticated));
        for drafts_reader in [&vws, &admin] {
            assert_eq!(authorize(Some(drafts_reader), &Permission::ReadFactsheetDrafts), Ok(()));
        }
        for outsider in [&coordinator, &analyst] {
            assert_eq!(
                authorize(Some(outsider), &Permission::ReadFactsheetDrafts),
                Err(Denied::Forbidden)
            );
        }
        assert_eq!(authorize(Some(&vws), &Permission::ManageRegulations), Ok(()));
        assert_eq!(
            authorize(Some(&coordinator), &Permission::ManageRegulations),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn the_parties_of_a_ticket_name_its_rules() {
        let link = |region, ministry| Permission::LinkRegulations { region, ministry };
        let vws = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let twente = principal(Role::Coordinator, &["twente"], None, &[]);
        let partner = principal(Role::Partner, &["twente"], None, &[Scope::ActionsWrite]);
        assert_eq!(authorize(Some(&vws), &link("zeeland", Some(Ministry::Vws))), Ok(()));
        assert_eq!(
            authorize(Some(&vws), &link("zeeland", Some(Ministry::Ocw))),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&vws), &link("zeeland", None)), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&twente), &link("twente", None)), Ok(()));
        assert_eq!(authorize(Some(&twente), &link("zeeland", None)), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&partner), &link("twente", None)), Err(Denied::Forbidden));
        assert_eq!(
            Denied::Forbidden.explain(&Permission::WriteFactsheet {
                ministry: Ministry::Ocw
            }),
            "You may not write factsheets of OCW; only its officials may."
        );
    }

    #[test]
    fn reviews_are_drafted_by_the_programme_team_and_read_once_shared_or_final() {
        let admin = principal(Role::Admin, &[], None, &[]);
        let twente = principal(Role::Coordinator, &["twente"], None, &[]);
        let official = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let analyst = principal(Role::Analyst, &[], None, &[]);
        let partner = principal(Role::Partner, &["twente"], None, &[Scope::ActionsWrite]);
        let read = |region, status| Permission::ReadReview { region, status };
        let reads = |caller: &Principal, region| {
            ReviewStatus::ALL
                .iter()
                .map(|s| authorize(Some(caller), &read(region, *s)).is_ok())
                .collect::<Vec<_>>()
        };
        assert_eq!(reads(&admin, "twente"), vec![true, true, true]);
        assert_eq!(reads(&twente, "twente"), vec![false, true, true]);
        assert_eq!(reads(&twente, "zeeland"), vec![false, false, false]);
        assert_eq!(reads(&official, "twente"), vec![false, false, true]);
        assert_eq!(reads(&analyst, "twente"), vec![false, false, true]);
        assert_eq!(reads(&partner, "twente"), vec![false, false, false]);
        assert_eq!(
            authorize(None, &read("twente", ReviewStatus::Final)),
            Err(Denied::Unauthenticated)
        );
        for caller in [&twente, &official, &analyst, &partner] {
            assert_eq!(
                authorize(Some(caller), &Permission::ManageReviews),
                Err(Denied::Forbidden)
            );
        }
        let act = |region| Permission::TurnIntentionIntoAction { region };
        assert_eq!(authorize(Some(&twente), &act("twente")), Ok(()));
        assert_eq!(authorize(Some(&twente), &act("zeeland")), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&official), &act("twente")), Err(Denied::Forbidden));
        assert_eq!(authorize(Some(&admin), &act("zeeland")), Ok(()));
    }

    #[test]
    fn coordinators_propose_their_regions_projects_and_the_programme_team_publishes() {
        use ProjectStatus::{Draft, Proposed, Published};
        let twente = principal(Role::Coordinator, &["twente"], None, &[]);
        let admin = principal(Role::Admin, &[], None, &[]);
        let official = principal(Role::Official, &[], Some(Ministry::Vws), &[]);
        let write = |region, status| Permission::WriteLeadingProject { region, status };
        let moved = |from, to| Permission::MoveLeadingProject {
            region: Some("twente"),
            from,
            to,
        };
        assert_eq!(authorize(Some(&twente), &write(Some("twente"), Draft)), Ok(()));
        assert_eq!(authorize(Some(&twente), &write(Some("twente"), Proposed)), Ok(()));
        for refused in [
            write(Some("twente"), Published),
            write(Some("zeeland"), Draft),
            write(None, Draft),
        ] {
            assert_eq!(
                authorize(Some(&twente), &refused),
                Err(Denied::Forbidden),
                "{refused:?}"
            );
            assert_eq!(authorize(Some(&admin), &refused), Ok(()));
        }
        assert_eq!(authorize(Some(&twente), &moved(Draft, Proposed)), Ok(()));
        assert_eq!(authorize(Some(&twente), &moved(Proposed, Draft)), Ok(()));
        assert_eq!(
            authorize(Some(&twente), &moved(Proposed, Published)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(Some(&twente), &moved(Published, Draft)),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&admin), &moved(Proposed, Published)), Ok(()));
        assert_eq!(
            authorize(Some(&official), &write(Some("twente"), Draft)),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(None, &write(Some("twente"), Draft)),
            Err(Denied::Unauthenticated)
        );
    }

    #[test]
    fn a_catalogue_shows_exactly_the_drafts_one_may_read() {
        let callers = [
            None,
            Some(principal(Role::Admin, &[], None, &[])),
            Some(principal(Role::Coordinator, &["twente"], None, &[])),
            Some(principal(Role::Official, &[], Some(Ministry::Vws), &[])),
            Some(principal(Role::Analyst, &[], None, &[])),
            Some(principal(Role::Partner, &["twente"], None, &[Scope::ActionsRead])),
        ];
        for caller in &callers {
            let scope = leading_project_draft_scope(caller.as_ref());
            for region in [Some("twente"), Some("zeeland"), None] {
                let permission = Permission::ReadLeadingProjectDraft { region };
                assert_eq!(
                    authorize(caller.as_ref(), &permission).is_ok(),
                    scope.includes(region),
                    "{caller:?} reading {permission:?}"
                );
            }
        }
    }

    #[test]
    fn analysts_read_everything_and_change_nothing() {
        let a = principal(Role::Analyst, &[], None, &[]);
        for read in [
            Permission::ReadActions,
            Permission::ReadIndicatorData,
            Permission::ReadBarriers,
        ] {
            assert_eq!(authorize(Some(&a), &read), Ok(()));
        }
        assert_eq!(
            authorize(Some(&a), &Permission::WriteActions { region: "twente" }),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&a), &Permission::Administer), Err(Denied::Forbidden));
    }
}
