//! Portable case-insensitive free-text search: `lower(column) LIKE lower(pattern)`
//! works the same on SQLite and PostgreSQL.

use diesel::define_sql_function;
use diesel::sql_types::Text;

define_sql_function! {
    /// `lower(text)`: both backends have it (SQLite folds ASCII letters only; as it
    /// is applied to both sides of a comparison, the result stays consistent).
    fn lower(x: Text) -> Text;
}

/// A `LIKE` pattern that finds `text` anywhere, with `\` escaping the wildcards so
/// a `%` or `_` the user typed matches only itself (use with `.escape('\\')`).
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_in_search_text_are_escaped() {
        assert_eq!(contains_pattern("stage"), "%stage%");
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }
}
