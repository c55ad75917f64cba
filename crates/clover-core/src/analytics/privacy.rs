//! The privacy floor, in one place: a group of people smaller than the minimum group
//! (`Params::min_group`) never appears with numbers — not in a table, a chart, a sentence,
//! a slide or an export — and cannot be worked out by subtraction either.
//!
//! The rule is enforced where the numbers are made, so that no sentence can quote them:
//! - a filtered analysis is suppressed when its group, or the rest of the organisation
//!   beside it (its complement), is smaller than the floor ([`complement_shown`]);
//! - leaders are a group: with fewer than the floor, the leadership indicators are
//!   `too_few` (`indicators.rs`), their board is empty and no sentence names their numbers;
//! - the department matrix pools departments under the floor ([`pool_small_departments`]);
//! - the segments table hides, beside every row under the floor, as many more rows as it
//!   takes for the hidden rest not to be a small group itself ([`secondary_suppression`]).

use super::network::{ExchangeMatrix, NO_DEPARTMENT};
use super::window::Scope;

/// Whether the people outside a filtered group are either none or at least `min_group`:
/// otherwise the organisation's numbers minus the group's would be theirs. People who are
/// deactivated may or may not count as members of a window (only if they were active in
/// it), so the rule is applied to the fewest and the most people the rest can hold.
pub(crate) fn complement_shown(sc: &Scope, min_group: usize) -> bool {
    if !sc.people_filter {
        return true;
    }
    let (mut fewest, mut most) = (0usize, 0usize);
    for (i, &in_seg) in sc.in_seg.iter().enumerate() {
        if in_seg || !sc.human[i] || !sc.joined_by_end(i) {
            continue;
        }
        most += 1;
        fewest += !sc.fixed.deactivated[i] as usize;
    }
    most == 0 || fewest >= min_group
}

/// Whether the group's leaders can be shown: none, or at least `min_group` of them.
pub(crate) fn leaders_shown(sc: &Scope, members: &[u32], min_group: usize) -> bool {
    let n = members.iter().filter(|&&m| sc.leader[m as usize]).count();
    n == 0 || n >= min_group
}

/// The note that says why the leaders' board is empty.
pub(crate) fn leaders_board_hidden(min_group: usize) -> String {
    format!("Fewer than {min_group} leaders are identified, so the leaders' board is hidden to protect their privacy.")
}

/// The label of the pooled rows and columns of the department matrix.
pub const SMALL_GROUPS: &str = "Smaller groups (pooled)";

/// The department matrix with every department smaller than `min_group` — in the
/// organisation, or among the group's members — pooled into one row and column; when the
/// pool itself is smaller than the floor, it is left out. `(no department)` is a group like
/// any other.
pub(crate) fn pool_small_departments(
    m: ExchangeMatrix,
    sc: &Scope,
    members: &[u32],
    min_group: usize,
) -> ExchangeMatrix {
    let k = sc.fixed.dept_names.len();
    // Group sizes by department code (k = no department).
    let mut in_group = vec![0usize; k + 1];
    for &p in members {
        in_group[sc.fixed.dept_code[p as usize] as usize] += 1;
    }
    let code = |label: &str| {
        if label == NO_DEPARTMENT {
            k
        } else {
            sc.fixed.dept_names.binary_search_by(|d| d.as_str().cmp(label)).unwrap_or(k)
        }
    };
    let small: Vec<bool> = m
        .departments
        .iter()
        .map(|d| {
            let c = code(d);
            let org = sc.fixed.dept_size[c];
            org < min_group || (in_group[c] > 0 && in_group[c] < min_group)
        })
        .collect();
    if !small.contains(&true) {
        return m;
    }
    let pooled: usize =
        m.departments.iter().zip(&small).filter(|(_, &s)| s).map(|(d, _)| sc.fixed.dept_size[code(d)]).sum();
    let keep_pool = pooled >= min_group;
    // Each old index → new index (None: dropped).
    let mut labels: Vec<String> = Vec::new();
    let mut map: Vec<Option<usize>> = Vec::with_capacity(small.len());
    for (d, &s) in m.departments.iter().zip(&small) {
        if s {
            map.push(None);
        } else {
            map.push(Some(labels.len()));
            labels.push(d.clone());
        }
    }
    let pool = keep_pool.then(|| {
        labels.push(SMALL_GROUPS.to_string());
        labels.len() - 1
    });
    let at = |i: usize| map[i].or(pool);
    let n = labels.len();
    let mut counts = vec![vec![0u64; n]; n];
    for (g, row) in m.counts.iter().enumerate() {
        for (r, &c) in row.iter().enumerate() {
            if let (Some(a), Some(b)) = (at(g), at(r)) {
                counts[a][b] += c;
            }
        }
    }
    ExchangeMatrix { departments: labels, counts, cross_share: m.cross_share }
}

/// Rows of one kind (all departments, or all locations, or leaders and everyone else),
/// as (people, or `None` when the row is already hidden): returns which rows to hide so
/// that the people hidden in all — the group's `total` minus the rows shown — are none or
/// at least `min_group`. Otherwise one small row could be worked out as the total minus
/// the others. The smallest rows shown are hidden first.
pub(crate) fn secondary_suppression(rows: &[Option<u64>], total: u64, min_group: usize) -> Vec<bool> {
    // The rest may also be people outside every row (no department): a small group too.
    let mut hidden: Vec<bool> = rows.iter().map(|r| r.is_none()).collect();
    loop {
        let shown: u64 = rows.iter().zip(&hidden).filter(|(_, &h)| !h).map(|(r, _)| r.unwrap_or(0)).sum();
        let rest = total.saturating_sub(shown);
        if rest == 0 || rest >= min_group as u64 {
            return hidden;
        }
        let next = rows.iter().enumerate().filter(|(i, _)| !hidden[*i]).min_by_key(|(i, r)| (r.unwrap_or(0), *i));
        match next {
            Some((i, _)) => hidden[i] = true,
            None => return hidden,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secondary_suppression;

    #[test]
    fn a_hidden_row_cannot_be_worked_out_from_the_others() {
        // Leaders (4, hidden) and everyone else (152) of 156: everyone else goes too.
        assert_eq!(secondary_suppression(&[None, Some(152)], 156, 5), vec![true, true]);
        // Three departments of 40, 30 and a hidden 3 of 73: the 30 goes, hiding 33.
        assert_eq!(secondary_suppression(&[Some(40), Some(30), None], 73, 5), vec![false, true, true]);
        // Two hidden rows of 3 and 4 together make 7: enough.
        assert_eq!(secondary_suppression(&[Some(40), None, None], 47, 5), vec![false, true, true]);
        // People with no department (6) already hide a small row among them.
        assert_eq!(secondary_suppression(&[Some(40), None], 49, 5), vec![false, true]);
        // Two people with no department would be the total minus the rows: the 30 goes.
        assert_eq!(secondary_suppression(&[Some(40), Some(30)], 72, 5), vec![false, true]);
        // Everyone in a row shown: nothing to protect.
        assert_eq!(secondary_suppression(&[Some(40), Some(30)], 70, 5), vec![false, false]);
    }
}
