//! Whether an OFAC companion file covers the whole primary file.
//!
//! A companion file cut exactly at a line break parses cleanly: every row
//! it still has is whole. What gives it away is what its rows cover. OFAC
//! writes every file in `ent_num` order, and the newest designations, with
//! the highest `ent_num`s, come last in all of them; so the rows of a whole
//! companion file reach the end of the primary file (in every real
//! `alt.csv` and `add.csv` kept for tests, the last row belongs to the
//! last entity). A file cut short stops early, leaving a long run of the
//! primary file's last entities without a row.
//!
//! How long a run may be is judged against the file itself: entities
//! without a row come in runs in the middle of a file too (in 2024-05 up to
//! 327 in a row in `alt.csv`, 23 in `add.csv`; the few rows of a comments
//! file leave runs of thousands). A file is in doubt when the run after its
//! last row is longer than twice the longest run before it, and longer than
//! [`MIN_TAIL_RUN`] entities. Comments files, with rows for a handful of
//! entities, are rarely in doubt this way; their cut shows in remarks left
//! mid-item without continuation (see the parser).

use std::collections::HashSet;

use crate::sources::FileRole;
use crate::sources::limits::grouped;

/// Shortest run of entities without a row after a companion file's last
/// row that can make the file doubtful.
pub(super) const MIN_TAIL_RUN: usize = 50;

/// A primary file at least this large with an aliases or addresses file
/// holding no row at all puts that file in doubt (OFAC gives every entity
/// an address row, and about half of them aliases).
pub(super) const MIN_ENTITIES_FOR_EMPTY: usize = 100;

/// One companion row: the entity it belongs to and its line.
#[derive(Debug, Clone, Copy)]
pub(super) struct CompanionRow {
    /// Its `ent_num`.
    pub ent_num: u64,
    /// Its line.
    pub line: u64,
}

/// Why a companion file looks cut short, if it does. `primary` holds the
/// primary file's `ent_num`s (any order), `rows` the companion's rows in
/// file order; `file` and `primary_file` name the two files in the message.
pub(super) fn companion_doubt(
    role: FileRole,
    file: &str,
    primary_file: &str,
    primary: &[u64],
    rows: &[CompanionRow],
) -> Option<String> {
    let Some(last) = rows.last() else {
        let expects_rows = matches!(role, FileRole::Aliases | FileRole::Addresses);
        return (expects_rows && primary.len() >= MIN_ENTITIES_FOR_EMPTY).then(|| {
            format!(
                "{file} holds no row, yet {primary_file} lists {} entities and OFAC gives most of \
                 them {}: the file looks empty by mistake or cut short",
                grouped(primary.len()),
                role.name()
            )
        });
    };
    let in_order = rows
        .windows(2)
        .all(|pair| pair[0].ent_num <= pair[1].ent_num);
    if !in_order {
        // Not the order OFAC writes: nothing can be said from the cover.
        return None;
    }
    let mut entities = primary.to_vec();
    entities.sort_unstable();
    let covered: HashSet<u64> = rows.iter().map(|row| row.ent_num).collect();
    let mut longest_run = 0usize;
    let mut run = 0usize;
    for ent_num in entities
        .iter()
        .take_while(|&&ent_num| ent_num <= last.ent_num)
    {
        if covered.contains(ent_num) {
            run = 0;
        } else {
            run += 1;
            longest_run = longest_run.max(run);
        }
    }
    let after = entities
        .iter()
        .filter(|&&ent_num| ent_num > last.ent_num)
        .count();
    if after <= MIN_TAIL_RUN || after <= 2 * longest_run {
        return None;
    }
    Some(format!(
        "the rows of {file} stop at ent_num {} (line {}), yet {} of the {} entities of \
         {primary_file} come after it, while before it no more than {} entities in a row lack a \
         row: the file looks cut short",
        last.ent_num,
        last.line,
        grouped(after),
        grouped(entities.len()),
        grouped(longest_run)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(ent_nums: &[u64]) -> Vec<CompanionRow> {
        ent_nums
            .iter()
            .enumerate()
            .map(|(at, &ent_num)| CompanionRow {
                ent_num,
                line: at as u64 + 1,
            })
            .collect()
    }

    fn doubt(primary: &[u64], companion: &[u64]) -> Option<String> {
        companion_doubt(
            FileRole::Aliases,
            "alt.csv",
            "sdn.csv",
            primary,
            &rows(companion),
        )
    }

    #[test]
    fn rows_reaching_the_end_are_whole() {
        let primary: Vec<u64> = (1..=1000).collect();
        let every_other: Vec<u64> = (1..=1000).step_by(2).collect();
        assert_eq!(doubt(&primary, &every_other), None);
        // The last 40 entities without aliases: within the minimum.
        let early: Vec<u64> = (1..=960).collect();
        assert_eq!(doubt(&primary, &early), None);
    }

    #[test]
    fn rows_stopping_early_are_in_doubt() {
        let primary: Vec<u64> = (1..=1000).collect();
        let cut: Vec<u64> = (1..=100).collect();
        let message = doubt(&primary, &cut).unwrap();
        assert_eq!(
            message,
            "the rows of alt.csv stop at ent_num 100 (line 100), yet 900 of the 1,000 entities \
             of sdn.csv come after it, while before it no more than 0 entities in a row lack a \
             row: the file looks cut short"
        );
    }

    #[test]
    fn the_files_own_gaps_set_the_bar() {
        let primary: Vec<u64> = (1..=1000).collect();
        // 300 in a row without a row in the middle: 599 after the end is
        // within twice that, 799 after a run of 100 is not.
        let mut gappy: Vec<u64> = (1..=100).collect();
        gappy.push(401);
        assert_eq!(doubt(&primary, &gappy), None);
        let mut gappy: Vec<u64> = (1..=100).collect();
        gappy.push(201);
        assert!(doubt(&primary, &gappy).is_some());
    }

    #[test]
    fn rows_out_of_order_say_nothing() {
        let primary: Vec<u64> = (1..=1000).collect();
        assert_eq!(doubt(&primary, &[5, 3, 9]), None);
    }

    #[test]
    fn empty_alias_or_address_file_of_a_large_list_is_in_doubt() {
        let large: Vec<u64> = (1..=500).collect();
        assert!(
            doubt(&large, &[])
                .unwrap()
                .starts_with("alt.csv holds no row")
        );
        let small: Vec<u64> = (1..=20).collect();
        assert_eq!(doubt(&small, &[]), None);
        let comments = companion_doubt(FileRole::Comments, "c", "p", &large, &[]);
        assert_eq!(comments, None, "most entities have no comment row");
    }
}
