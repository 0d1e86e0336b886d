//! Full-text search over barrier tickets (title, description, answer) and the
//! latest published version of each factsheet, with each backend's own engine:
//! SQLite's FTS5 (`search_index`, kept by triggers, diacritics removed by its
//! tokenizer) and PostgreSQL's Dutch text search over folded text (GIN expression
//! indexes). Both are handed the same folded words of a [`SearchQuery`], each
//! matched as a prefix (`stagecontract` finds `stagecontracten`), all required
//! (or, for suggestions, any).
//! Which hits a caller may see is decided afterwards, by the domain's scope.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use zorgpact_domain::auth::BarrierScope;
use zorgpact_domain::barrier::BarrierStatus;
use zorgpact_domain::search::SearchQuery;

use crate::barriers::BarrierRow;
use crate::factsheets::{self, Edition, FactsheetView};
use crate::schema::barrier_tickets;
use crate::{DbConnection, DbError};

/// The most candidates read before the caller's scope is applied. Both queries
/// order them by rank, higher first (`-bm25` on SQLite, `ts_rank` on PostgreSQL).
const CANDIDATES: i64 = 500;

#[derive(Debug, QueryableByName)]
struct Candidate {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    doc_id: String,
}

const SQLITE_SEARCH: &str = "SELECT kind, doc_id, -bm25(search_index, 0.0, 0.0, 2.0, 1.0) AS rank \
     FROM search_index WHERE search_index MATCH ? ORDER BY rank DESC, doc_id LIMIT ?";

const POSTGRES_SEARCH: &str = "SELECT kind, doc_id, rank FROM ( \
       SELECT 'ticket'::text AS kind, t.id AS doc_id, \
              ts_rank(zp_ticket_document(t.title, t.description, t.answer), q)::float8 AS rank \
       FROM barrier_tickets t CROSS JOIN to_tsquery('dutch', $1) q \
       WHERE zp_ticket_document(t.title, t.description, t.answer) @@ q \
       UNION ALL \
       SELECT 'factsheet'::text, v.factsheet_id, \
              ts_rank(zp_factsheet_document(v.question, v.answer), q)::float8 \
       FROM factsheet_versions v \
       JOIN factsheets f ON f.id = v.factsheet_id AND v.number = f.published_version \
       CROSS JOIN to_tsquery('dutch', $1) q \
       WHERE zp_factsheet_document(v.question, v.answer) @@ q \
     ) hits ORDER BY rank DESC, doc_id LIMIT $2";

/// FTS5: each word quoted (its characters are letters and digits anyway) and
/// marked as a prefix; all required (`AND`) or any (`OR`).
pub(crate) fn fts5_query(query: &SearchQuery, any_word: bool) -> String {
    let words: Vec<String> = query.terms.iter().map(|t| format!("\"{t}\"*")).collect();
    words.join(if any_word { " OR " } else { " AND " })
}

/// tsquery: each word a prefix (`:*`), all required (`&`) or any (`|`).
pub(crate) fn tsquery(query: &SearchQuery, any_word: bool) -> String {
    let words: Vec<String> = query.terms.iter().map(|t| format!("{t}:*")).collect();
    words.join(if any_word { " | " } else { " & " })
}

fn candidates(conn: &mut DbConnection, query: &SearchQuery, any_word: bool) -> Result<Vec<Candidate>, DbError> {
    Ok(match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(SQLITE_SEARCH)
            .bind::<Text, _>(fts5_query(query, any_word))
            .bind::<BigInt, _>(CANDIDATES)
            .load(c)?,
        DbConnection::Postgres(c) => diesel::sql_query(POSTGRES_SEARCH)
            .bind::<Text, _>(tsquery(query, any_word))
            .bind::<BigInt, _>(CANDIDATES)
            .load(c)?,
    })
}

/// What to look in, for whom.
#[derive(Debug, Clone)]
pub struct SearchFilter {
    /// The tickets the caller may read.
    pub scope: BarrierScope,
    pub tickets: bool,
    pub factsheets: bool,
    /// Only answered (or closed) tickets: earlier answers, as suggestions.
    pub answered_only: bool,
    /// Any word suffices (hits with more of them rank higher), instead of all.
    pub any_word: bool,
    pub limit: usize,
}

/// One hit, best first.
#[derive(Debug, Clone)]
pub enum Found {
    Ticket(BarrierRow),
    Factsheet(FactsheetView),
}

fn answered(row: &BarrierRow) -> bool {
    [BarrierStatus::Answered.as_str(), BarrierStatus::Closed.as_str()].contains(&row.status.as_str())
}

/// The hits of `query` the filter lets through, best first.
pub fn search(conn: &mut DbConnection, query: &SearchQuery, filter: &SearchFilter) -> Result<Vec<Found>, DbError> {
    let candidates = candidates(conn, query, filter.any_word)?;
    let ticket_ids: Vec<&str> = candidates
        .iter()
        .filter(|c| c.kind == "ticket")
        .map(|c| c.doc_id.as_str())
        .collect();
    let tickets: Vec<BarrierRow> = if filter.tickets && filter.scope != BarrierScope::None {
        barrier_tickets::table
            .filter(barrier_tickets::id.eq_any(ticket_ids))
            .select(BarrierRow::as_select())
            .load(conn)?
    } else {
        Vec::new()
    };
    let mut found = Vec::new();
    for candidate in &candidates {
        if found.len() >= filter.limit {
            break;
        }
        match candidate.kind.as_str() {
            "ticket" => {
                let Some(row) = tickets.iter().find(|t| t.id == candidate.doc_id) else {
                    continue;
                };
                let ministry = row.workflow()?.ministry;
                if filter.scope.includes(&row.region_code, ministry, row.public)
                    && (!filter.answered_only || answered(row))
                {
                    found.push(Found::Ticket(row.clone()));
                }
            }
            "factsheet" if filter.factsheets => {
                found.push(Found::Factsheet(factsheets::get(
                    conn,
                    &candidate.doc_id,
                    Edition::Published,
                )?));
            }
            _ => {}
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_gets_prefix_words_that_must_all_match() {
        let query = SearchQuery::parse("Stagecontract coördinatie").expect("a query");
        assert_eq!(fts5_query(&query, false), "\"stagecontract\"* AND \"coordinatie\"*");
        assert_eq!(tsquery(&query, false), "stagecontract:* & coordinatie:*");
        assert_eq!(fts5_query(&query, true), "\"stagecontract\"* OR \"coordinatie\"*");
        assert_eq!(tsquery(&query, true), "stagecontract:* | coordinatie:*");
    }
}
