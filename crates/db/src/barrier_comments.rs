//! Comments on barrier tickets, internal notes among them.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::barrier::comment::NewComment;
use zorgpact_domain::webhook::{BarrierCommented, WebhookEventType};

use crate::audit::{self, Actor};
use crate::schema::{barrier_comments, barrier_tickets};
use crate::webhooks;
use crate::{DbConnection, DbError, in_transaction};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = barrier_comments)]
pub struct CommentRow {
    pub id: String,
    pub ticket_id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub internal: bool,
    pub created_at: NaiveDateTime,
}

/// A ticket's comments, oldest first; internal notes only `with_internal`.
pub fn list(conn: &mut DbConnection, ticket_id: &str, with_internal: bool) -> Result<Vec<CommentRow>, DbError> {
    let mut query = barrier_comments::table
        .filter(barrier_comments::ticket_id.eq(ticket_id))
        .order((barrier_comments::created_at.asc(), barrier_comments::id.asc()))
        .select(CommentRow::as_select())
        .into_boxed();
    if !with_internal {
        query = query.filter(barrier_comments::internal.eq(false));
    }
    Ok(query.load(conn)?)
}

/// Adds a comment to an existing ticket.
pub fn add(
    conn: &mut DbConnection,
    actor: &Actor,
    ticket_id: &str,
    comment: &NewComment,
) -> Result<CommentRow, DbError> {
    in_transaction(conn, |conn| {
        let region_code: String = barrier_tickets::table
            .find(ticket_id)
            .select(barrier_tickets::region_code)
            .first(conn)?;
        let row = CommentRow {
            id: Uuid::now_v7().to_string(),
            ticket_id: ticket_id.to_owned(),
            author_id: actor.id.clone(),
            author_name: actor.name.clone(),
            body: comment.body.clone(),
            internal: comment.internal,
            created_at: Utc::now().naive_utc(),
        };
        diesel::insert_into(barrier_comments::table)
            .values(&row)
            .execute(conn)?;
        if !row.internal {
            let announced = BarrierCommented {
                ticket_id: ticket_id.to_owned(),
                region_code,
                comment_id: row.id.clone(),
            };
            webhooks::enqueue(conn, WebhookEventType::BarrierCommented, &announced)?;
        }
        audit::record(
            conn,
            actor,
            "create",
            "barrier_comment",
            &row.id,
            None::<&CommentRow>,
            Some(&row),
        )?;
        Ok(row)
    })
}
