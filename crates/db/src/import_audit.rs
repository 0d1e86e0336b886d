//! How a write of many points is recorded in the audit trail. A bulk upload of a
//! partner system (a few points) records each created or replaced point with its
//! state before and after. A file import (up to 50 000 rows) is one entry: who,
//! when, the file's hash, the counts, and the keys it created and changed; the
//! changed values keep their earlier figures in their revision history
//! ([`crate::revisions`]). One full-state entry per imported value made the trail
//! most of the database (about 640 of the 970 bytes per stored value).

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;
use zorgpact_domain::period::Period;

use crate::audit::{self, Actor};
use crate::{DbConnection, DbError};

/// The audit trail's resource type of an import entry; its id is the import's own.
pub const IMPORT_RESOURCE_TYPE: &str = "indicator_import";

/// How [`crate::indicator_values::write_all`] records what it wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording<'a> {
    /// An entry per created or replaced point, with its state before and after.
    EachPoint,
    /// One entry for the file, named by the SHA-256 of its bytes (hex).
    OneImport { file_sha256: &'a str },
}

/// A point's key: indicator, region, period.
pub type Key<'a> = (&'a str, &'a str, Period);

/// Periods per region per indicator: the keys of an import, grouped so that the
/// indicator and region codes are not repeated for every period.
type Keys<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<Period>>>;

fn grouped<'a>(keys: impl Iterator<Item = Key<'a>>) -> Keys<'a> {
    let mut grouped = Keys::new();
    for (indicator, region, period) in keys {
        grouped
            .entry(indicator)
            .or_default()
            .entry(region)
            .or_default()
            .push(period);
    }
    grouped
}

#[derive(Debug, Serialize)]
struct ImportRecord<'a> {
    /// `value` or `target`.
    kind: &'a str,
    file_sha256: &'a str,
    created: usize,
    changed: usize,
    unchanged: usize,
    created_keys: Keys<'a>,
    changed_keys: Keys<'a>,
}

/// What one import wrote of one kind of point.
pub struct ImportWrites<'a, C, U> {
    pub kind: &'a str,
    pub file_sha256: &'a str,
    pub created: C,
    pub changed: U,
    pub unchanged: usize,
}

/// Records an import's writes of one kind as one entry; nothing when it changed
/// nothing.
pub fn record_import<'a, C, U>(
    conn: &mut DbConnection,
    actor: &Actor,
    writes: ImportWrites<'a, C, U>,
) -> Result<(), DbError>
where
    C: Iterator<Item = Key<'a>>,
    U: Iterator<Item = Key<'a>>,
{
    let created_keys = grouped(writes.created);
    let changed_keys = grouped(writes.changed);
    let count = |keys: &Keys<'_>| keys.values().flat_map(BTreeMap::values).map(Vec::len).sum::<usize>();
    let record = ImportRecord {
        kind: writes.kind,
        file_sha256: writes.file_sha256,
        created: count(&created_keys),
        changed: count(&changed_keys),
        unchanged: writes.unchanged,
        created_keys,
        changed_keys,
    };
    if record.created + record.changed == 0 {
        return Ok(());
    }
    audit::record(
        conn,
        actor,
        "import",
        IMPORT_RESOURCE_TYPE,
        &Uuid::now_v7().to_string(),
        None::<&()>,
        Some(&record),
    )
}
