//! The demo's last step: the messages sorted by time, times made unique (a message made in
//! the same millisecond as the one before moves one later), replies, reactions and mentions
//! pointed at the messages' new rows, reactions after their message and deduplicated.

use super::activity::Gen;
use super::{DemoMessage, DemoReaction, NONE};

/// The messages, reactions and mentions as [`super::DemoOrg`] holds them.
pub(super) struct Frozen {
    pub(super) messages: Vec<DemoMessage>,
    pub(super) reactions: Vec<DemoReaction>,
    pub(super) mentions: Vec<(u32, u32)>,
    pub(super) reaction_start: Vec<u32>,
    pub(super) mention_start: Vec<u32>,
}

/// Sorts what the months made by time and makes times unique, all before `end_ms`.
pub(super) fn freeze(g: Gen, end_ms: i64) -> Frozen {
    let Gen { msgs, mut reactions, mut mentions, .. } = g;
    let mut order: Vec<u32> = (0..msgs.len() as u32).collect();
    order.sort_unstable_by_key(|&i| (msgs[i as usize].time_ms, i));
    let mut new_of = vec![0u32; msgs.len()];
    for (new, &old) in order.iter().enumerate() {
        new_of[old as usize] = new as u32;
    }
    let mut messages: Vec<DemoMessage> = Vec::with_capacity(msgs.len());
    let mut last = i64::MIN;
    for &old in &order {
        let mut m = msgs[old as usize];
        if m.time_ms <= last {
            m.time_ms = last + 1;
        }
        last = m.time_ms;
        if m.parent != NONE {
            m.parent = new_of[m.parent as usize];
        }
        messages.push(m);
    }
    drop(msgs);
    drop(order);
    for r in &mut reactions {
        r.message = new_of[r.message as usize];
        r.time_ms = r.time_ms.max(messages[r.message as usize].time_ms + 1000).min(end_ms - 1);
    }
    reactions.sort_unstable_by_key(|r| (r.message, r.person, r.emoji, r.time_ms));
    reactions.dedup_by_key(|r| (r.message, r.person, r.emoji));
    for mt in &mut mentions {
        mt.0 = new_of[mt.0 as usize];
    }
    mentions.sort_unstable();
    mentions.dedup();
    let offsets = |keys: &mut dyn Iterator<Item = u32>| -> Vec<u32> {
        let mut start = vec![0u32; messages.len() + 1];
        for k in keys {
            start[k as usize + 1] += 1;
        }
        for i in 0..messages.len() {
            start[i + 1] += start[i];
        }
        start
    };
    let reaction_start = offsets(&mut reactions.iter().map(|r| r.message));
    let mention_start = offsets(&mut mentions.iter().map(|m| m.0));
    Frozen { messages, reactions, mentions, reaction_start, mention_start }
}
