//! Duplicates: a ticket that asks what another already asks follows that
//! original's resolution instead of being handled twice.

use crate::InvalidValue;

/// How long a chain of duplicates may grow; far beyond any real one, it bounds
/// the walk over a chain.
pub const CHAIN_MAX: usize = 50;

/// Whether `ticket` may become a duplicate of `original`, given the chain of
/// originals above `original` (its original, that one's original, ...). A ticket
/// cannot duplicate itself, nor a ticket that (through others) duplicates it.
pub fn check_duplicate_of(ticket: &str, original: &str, chain_above: &[String]) -> Result<(), InvalidValue> {
    if ticket == original {
        return Err(InvalidValue::inconsistent("a ticket cannot be a duplicate of itself"));
    }
    if chain_above.iter().any(|id| id == ticket) {
        return Err(InvalidValue::inconsistent(format!(
            "ticket {original} is itself (through others) a duplicate of this ticket: that would make a cycle"
        )));
    }
    if chain_above.len() >= CHAIN_MAX {
        return Err(InvalidValue::too_many(
            CHAIN_MAX,
            "the chain of duplicates above that ticket is too long",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn cycles_are_refused() {
        assert!(check_duplicate_of("a", "b", &[]).is_ok());
        assert!(check_duplicate_of("a", "b", &ids(&["c", "d"])).is_ok());
        assert!(check_duplicate_of("a", "a", &[]).is_err(), "itself");
        assert!(check_duplicate_of("a", "b", &ids(&["a"])).is_err(), "b duplicates a");
        assert!(check_duplicate_of("a", "b", &ids(&["c", "a"])).is_err(), "through c");
    }
}
