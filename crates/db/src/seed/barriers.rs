//! The demo barrier tickets: each filed and then moved through the workflow step
//! by step, by the same domain rules as the API, so the demo data holds only
//! tickets and timelines the product itself could have produced.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::Deserialize;
use zorgpact_domain::barrier::comment::NewComment;
use zorgpact_domain::barrier::contact::{ContactInput, ContactKind, NewContact};
use zorgpact_domain::barrier::workflow::{self, StepInput, WorkflowFields};
use zorgpact_domain::barrier::{BarrierCategory, BarrierLocation, BarrierStatus, Ministry, Resolution};
use zorgpact_domain::user::{Assignable, Role, check_official_of};
use zorgpact_domain::{Code, InvalidValue};

use super::accounts::DEMO_USERS;
use super::demo_id;
use crate::barrier_comments::CommentRow;
use crate::barrier_contacts::ContactRow;
use crate::barriers::{BarrierRow, StepRow};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoBarrier {
    pub region: String,
    pub title: String,
    pub description: String,
    pub category: String,
    /// The ministry the region named when filing, if it knew.
    pub ministry: Option<String>,
    pub filed_on: NaiveDate,
    /// Who filed it: a demo account's e-mail address or a person's name.
    pub filed_by: String,
    /// The steps after the filing, in order.
    #[serde(default)]
    pub steps: Vec<DemoStep>,
    /// The title of the (earlier) demo ticket this one duplicates.
    pub duplicate_of: Option<String>,
    #[serde(default)]
    pub comments: Vec<DemoComment>,
    #[serde(default)]
    pub contacts: Vec<DemoContact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoComment {
    pub on: NaiveDate,
    /// A demo account's e-mail address, or a person's name.
    pub by: String,
    pub body: String,
    #[serde(default)]
    pub internal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoContact {
    pub kind: String,
    pub on: NaiveDate,
    pub by: String,
    pub participants: String,
    pub note: Option<String>,
}

/// One step of a demo ticket, with the fields the step takes (see the workflow).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoStep {
    pub to: String,
    pub on: NaiveDate,
    /// A demo account's e-mail address, or the name of a person without one.
    pub by: String,
    pub note: Option<String>,
    pub ministry: Option<String>,
    /// A demo official's e-mail address.
    pub official: Option<String>,
    pub answer: Option<String>,
    pub resolution: Option<String>,
    pub location: Option<String>,
    pub reason: Option<String>,
    pub public: Option<bool>,
}

/// A demo ticket as stored: the ticket, its timeline, comments and contacts.
pub struct DemoBarrierRows {
    pub ticket: BarrierRow,
    pub steps: Vec<StepRow>,
    pub comments: Vec<CommentRow>,
    pub contacts: Vec<ContactRow>,
}

/// Steps are dated; they happen during office hours.
fn office_time(day: NaiveDate, hour: i64) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN) + TimeDelta::hours(hour)
}

fn code<T: Code>(field: &str, value: Option<&str>) -> Result<Option<T>, String> {
    value
        .map(T::parse)
        .transpose()
        .map_err(|e: InvalidValue| format!("{field}: {e}"))
}

/// The actor's id and name in the timeline: a demo account, or a named person.
fn actor(by: &str) -> (String, String) {
    match DEMO_USERS.iter().find(|u| u.email == by) {
        Some(user) => (
            format!("user:{}", demo_id("user", user.email)),
            user.display_name.to_owned(),
        ),
        None => (format!("demo:{by}"), by.to_owned()),
    }
}

/// The demo official with this e-mail address, checked as an assignee of `ministry`.
fn official(email: &str, ministry: Option<Ministry>) -> Result<String, String> {
    let account = match DEMO_USERS.iter().find(|u| u.email == email) {
        Some(user) => Some(Assignable {
            role: Role::parse(user.role).map_err(|e| format!("role of {email}: {e}"))?,
            ministry: code("ministry", user.ministry)?,
            active: true,
        }),
        None => None,
    };
    if let Some(ministry) = ministry {
        check_official_of(ministry, account).map_err(|e| format!("official {email}: {e}"))?;
    }
    Ok(demo_id("user", email))
}

impl DemoBarrier {
    pub fn id(&self) -> String {
        demo_id("barrier", &format!("{}:{}", self.region, self.title))
    }

    /// Files the ticket and takes its steps; an error names the broken rule.
    pub fn replay(&self) -> Result<DemoBarrierRows, String> {
        let id = self.id();
        BarrierCategory::parse(&self.category).map_err(|e| format!("category: {e}"))?;
        let filed_at = office_time(self.filed_on, 9);
        let (filer_id, filer_name) = actor(&self.filed_by);
        let mut steps = vec![StepRow {
            id: demo_id("barrier-step", &format!("{id}:0")),
            ticket_id: id.clone(),
            from_status: None,
            to_status: BarrierStatus::Submitted.as_str().to_owned(),
            actor_id: filer_id,
            actor_name: filer_name,
            note: None,
            taken_at: filed_at,
        }];
        let mut fields = WorkflowFields {
            status: BarrierStatus::Submitted,
            ministry: code("ministry", self.ministry.as_deref())?,
            official: None,
            answer: None,
            resolution: None,
            location: None,
            public: false,
            rejection_reason: None,
            answered_at: None,
            closed_at: None,
        };
        let mut updated_at = filed_at;
        for (n, demo) in self.steps.iter().enumerate() {
            let step_no = n + 1;
            let to = BarrierStatus::parse(&demo.to).map_err(|e| format!("step {step_no}: {e}"))?;
            let rule = workflow::rule(fields.status, to)
                .ok_or_else(|| format!("step {step_no}: no step from {} to {to}", fields.status))?;
            let ministry: Option<Ministry> = code("ministry", demo.ministry.as_deref())?;
            let official = demo.official.as_deref().map(|e| official(e, ministry)).transpose()?;
            let input = StepInput {
                note: demo.note.as_deref(),
                ministry,
                official: official.as_deref(),
                answer: demo.answer.as_deref(),
                resolution: code::<Resolution>("resolution", demo.resolution.as_deref())?,
                location: code::<BarrierLocation>("location", demo.location.as_deref())?,
                reason: demo.reason.as_deref(),
                public: demo.public,
            };
            let step = workflow::parse_step(rule, &input).map_err(|e| format!("step {step_no}: {e}"))?;
            let at = office_time(demo.on, 10);
            if at < updated_at {
                return Err(format!("step {step_no}: dated before the step it follows"));
            }
            let (actor_id, actor_name) = actor(&demo.by);
            steps.push(StepRow {
                id: demo_id("barrier-step", &format!("{id}:{step_no}")),
                ticket_id: id.clone(),
                from_status: Some(fields.status.as_str().to_owned()),
                to_status: to.as_str().to_owned(),
                actor_id,
                actor_name,
                note: step.note.clone(),
                taken_at: at,
            });
            fields = fields.after(&step, at);
            updated_at = at;
        }
        let ticket = BarrierRow {
            id: id.clone(),
            region_code: self.region.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            category: self.category.clone(),
            ministry: fields.ministry.map(|m| m.as_str().to_owned()),
            status: fields.status.as_str().to_owned(),
            resolution: fields.resolution.map(|r| r.as_str().to_owned()),
            answer: fields.answer,
            filed_on: self.filed_on,
            closed_at: fields.closed_at,
            version: i64::try_from(steps.len()).unwrap_or(i64::MAX),
            created_at: filed_at,
            updated_at,
            official_id: fields.official,
            location: fields.location.map(|l| l.as_str().to_owned()),
            public: fields.public,
            rejection_reason: fields.rejection_reason,
            answered_at: fields.answered_at,
            // Set by `DemoData::barrier_rows`, which knows the other tickets.
            duplicate_of: None,
        };
        Ok(DemoBarrierRows {
            ticket,
            steps,
            comments: self.comment_rows(&id)?,
            contacts: self.contact_rows(&id)?,
        })
    }

    fn comment_rows(&self, id: &str) -> Result<Vec<CommentRow>, String> {
        self.comments
            .iter()
            .enumerate()
            .map(|(n, demo)| {
                let comment = NewComment::parse(&demo.body, demo.internal).map_err(|e| format!("comment {n}: {e}"))?;
                let (author_id, author_name) = actor(&demo.by);
                Ok(CommentRow {
                    id: demo_id("barrier-comment", &format!("{id}:{n}")),
                    ticket_id: id.to_owned(),
                    author_id,
                    author_name,
                    body: comment.body,
                    internal: comment.internal,
                    created_at: office_time(demo.on, 14),
                })
            })
            .collect()
    }

    fn contact_rows(&self, id: &str) -> Result<Vec<ContactRow>, String> {
        self.contacts
            .iter()
            .enumerate()
            .map(|(n, demo)| {
                let input = ContactInput {
                    kind: ContactKind::parse(&demo.kind).map_err(|e| format!("contact {n}: {e}"))?,
                    contact_on: &demo.on.to_string(),
                    participants: &demo.participants,
                    note: demo.note.as_deref(),
                };
                let contact = NewContact::parse(&input, demo.on).map_err(|e| format!("contact {n}: {e}"))?;
                let (recorded_by_id, recorded_by_name) = actor(&demo.by);
                Ok(ContactRow {
                    id: demo_id("barrier-contact", &format!("{id}:{n}")),
                    ticket_id: id.to_owned(),
                    kind: contact.kind.as_str().to_owned(),
                    contact_on: contact.contact_on,
                    participants: contact.participants,
                    note: contact.note,
                    recorded_by_id,
                    recorded_by_name,
                    recorded_at: office_time(demo.on, 16),
                })
            })
            .collect()
    }
}
