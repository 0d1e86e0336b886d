//! Moving whole tables between two databases of either backend, typed by the one
//! diesel schema: each column is read and written as the Rust type the app itself
//! uses for its SQL type, so values arrive as the app would have stored them.
//!
//! The generic part is here; the list of tables is in [`crate::backup`].

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime, SubsecRound};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::prelude::*;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{BigInt, Bool, Date, Double, Integer, Nullable, SqlType, Text, Timestamp};

/// The Rust type a value of SQL type `Self` is moved as.
pub trait Natural {
    type Value;
    /// How many columns a row of this type has.
    const COLUMNS: usize = 1;
    /// Writes a value out in full, to compare rows by.
    fn write(value: &Self::Value, out: &mut String);
}

/// A timestamp kept to the microsecond: PostgreSQL keeps no more, SQLite keeps
/// what it was given. Every copy truncates alike, so a copy into either backend
/// holds the same values (and an audit hash over them still matches, see
/// `audit::chain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, AsExpression, FromSqlRow)]
#[diesel(sql_type = Timestamp)]
pub struct Micros(pub NaiveDateTime);

impl<DB: Backend> FromSql<Timestamp, DB> for Micros
where
    NaiveDateTime: FromSql<Timestamp, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(Micros(NaiveDateTime::from_sql(bytes)?.trunc_subsecs(6)))
    }
}

impl<DB: Backend> ToSql<Timestamp, DB> for Micros
where
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.to_sql(out)
    }
}

macro_rules! natural {
    ($($sql:ty => $rust:ty),+ $(,)?) => {$(
        impl Natural for $sql {
            type Value = $rust;
            fn write(value: &$rust, out: &mut String) {
                let _ = write!(out, "{value:?}");
            }
        }
        impl Natural for Nullable<$sql> {
            type Value = Option<$rust>;
            fn write(value: &Option<$rust>, out: &mut String) {
                let _ = write!(out, "{value:?}");
            }
        }
    )+};
}
natural!(
    Text => String,
    Integer => i32,
    BigInt => i64,
    Double => f64,
    Bool => bool,
    Date => NaiveDate,
    Timestamp => Micros,
);

/// Pairs a tuple of columns with a tuple of values: `(a, b).assign((x, y))` is
/// `(a.eq(x), b.eq(y))`, one insertable row.
pub trait Assign<V> {
    type Values;
    fn assign(self, values: V) -> Self::Values;
}

macro_rules! tuples {
    ($($C:ident $V:ident $i:tt),+) => {
        impl<$($C: Natural),+> Natural for ($($C,)+) {
            type Value = ($($C::Value,)+);
            const COLUMNS: usize = [$(stringify!($C)),+].len();
            fn write(value: &Self::Value, out: &mut String) {
                $(
                    $C::write(&value.$i, out);
                    out.push_str(" | ");
                )+
            }
        }

        impl<$($C, $V),+> Assign<($($V,)+)> for ($($C,)+)
        where
            $($C: ExpressionMethods, $C::SqlType: SqlType, $V: AsExpression<$C::SqlType>,)+
        {
            type Values = ($(diesel::dsl::Eq<$C, $V>,)+);
            fn assign(self, values: ($($V,)+)) -> Self::Values {
                ($(self.$i.eq(values.$i),)+)
            }
        }
    };
}
tuples!(C0 V0 0);
tuples!(C0 V0 0, C1 V1 1);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18, C19 V19 19);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18, C19 V19 19, C20 V20 20);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18, C19 V19 19, C20 V20 20, C21 V21 21);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18, C19 V19 19, C20 V20 20, C21 V21 21, C22 V22 22);
tuples!(C0 V0 0, C1 V1 1, C2 V2 2, C3 V3 3, C4 V4 4, C5 V5 5, C6 V6 6, C7 V7 7, C8 V8 8, C9 V9 9, C10 V10 10, C11 V11 11, C12 V12 12, C13 V13 13, C14 V14 14, C15 V15 15, C16 V16 16, C17 V17 17, C18 V18 18, C19 V19 19, C20 V20 20, C21 V21 21, C22 V22 22, C23 V23 23);

/// Orders the rows of a table that refers to itself (`(key, parent, row)`) so a
/// parent comes before the rows pointing at it: PostgreSQL checks a foreign key
/// at the end of each statement, and a large table takes several.
pub fn parents_first<R>(rows: Vec<(String, Option<String>, R)>) -> Vec<R> {
    use std::collections::HashSet;
    let keys: HashSet<String> = rows.iter().map(|(key, _, _)| key.clone()).collect();
    let mut placed: HashSet<String> = HashSet::new();
    let mut ordered = Vec::with_capacity(rows.len());
    let mut waiting = rows;
    while !waiting.is_empty() {
        let before = waiting.len();
        let (ready, rest): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|(key, parent, _)| {
            parent
                .as_ref()
                .is_none_or(|p| p == key || placed.contains(p) || !keys.contains(p))
        });
        for (key, _, row) in ready {
            placed.insert(key);
            ordered.push(row);
        }
        waiting = rest;
        if waiting.len() == before {
            // A cycle: no order helps; let the database report it.
            ordered.extend(waiting.into_iter().map(|(_, _, row)| row));
            break;
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_first() {
        let rows = vec![
            ("c".to_owned(), Some("b".to_owned()), 3),
            ("b".to_owned(), Some("a".to_owned()), 2),
            ("a".to_owned(), None, 1),
            ("d".to_owned(), Some("d".to_owned()), 4),
        ];
        let ordered = parents_first(rows);
        assert_eq!(ordered.len(), 4);
        let at = |n| ordered.iter().position(|&r| r == n).expect("placed");
        assert!(at(1) < at(2) && at(2) < at(3));
    }
}
