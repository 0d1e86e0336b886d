//! Optimistic concurrency: every stored resource has a version that grows with each
//! change; a change names the version it was based on, so two people editing the
//! same thing never overwrite each other silently.

/// Which versions a change may apply to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// Whatever the current version is (`If-Match: *`).
    Any,
    /// One of these versions.
    OneOf(Vec<i64>),
}

impl Precondition {
    pub fn admits(&self, current: i64) -> bool {
        match self {
            Precondition::Any => true,
            Precondition::OneOf(versions) => versions.contains(&current),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_versions_are_admitted() {
        assert!(Precondition::Any.admits(7));
        assert!(Precondition::OneOf(vec![3, 4]).admits(4));
        assert!(!Precondition::OneOf(vec![3]).admits(4));
        assert!(!Precondition::OneOf(vec![]).admits(1));
    }
}
