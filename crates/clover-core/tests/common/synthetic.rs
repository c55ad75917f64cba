//! A deterministic synthetic organisation for timing the analytics (about a million messages),
//! built with `model::Builder` directly, and the small random generator the reference test
//! draws its random organisations with.

use clover_core::model::{Builder, Dataset, MessageDraft, MessageKind, PersonInfo, SpaceKind};

/// A small xorshift generator: the same data on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Skewed towards low indices (a few people do most of the talking).
    pub fn skewed(&mut self, n: u64) -> u64 {
        let u = self.unit();
        ((u * u * u) * n as f64) as u64 % n.max(1)
    }
}

/// `messages` messages by `people` people over two years, with replies in threads, reactions,
/// system and bot messages, departments, leaders, private and direct spaces.
pub fn synthetic(people: u32, messages: u32) -> Dataset {
    let mut rng = Rng::new(0x5eed_c10e);
    let mut b = Builder::new();
    let depts: Vec<String> = (0..20).map(|d| format!("Dept {d:02}")).collect();
    let mut ids = Vec::with_capacity(people as usize);
    for i in 0..people {
        let p = b.person(&format!("syn:U{i}"));
        b.describe_person(
            p,
            PersonInfo {
                name: Some(format!("Person {i}")),
                department: (i % 17 != 0).then(|| depts[(i % 20) as usize].clone()),
                location: Some(format!("City {}", i % 5)),
                leader: Some(i % 50 == 3),
                deactivated: Some(i % 97 == 5),
                ..Default::default()
            },
        );
        b.list_person(p);
        ids.push(p);
    }
    let bot = b.person("syn:BOT");
    b.describe_person(bot, PersonInfo { name: Some("Bot".into()), bot: Some(true), ..Default::default() });
    let mut spaces = Vec::new();
    for s in 0..60 {
        let sp = b.space(&format!("syn:C{s}"));
        let kind = match s {
            0..=44 => SpaceKind::Channel,
            45..=54 => SpaceKind::PrivateChannel,
            _ => SpaceKind::Direct,
        };
        b.describe_space(sp, Some(&format!("space-{s}")), kind, None);
        spaces.push(sp);
    }
    let start: i64 = 1_672_531_200_000; // 2023-01-01
    let span: i64 = 730 * 86_400_000;
    let step = span / messages.max(1) as i64;
    // Recent posts per space, to reply to.
    let mut recent: Vec<Vec<(u32, String)>> = vec![Vec::new(); spaces.len()];
    for i in 0..messages {
        let t = start + i as i64 * step + rng.below(step.max(1) as u64) as i64;
        let s = rng.skewed(spaces.len() as u64) as usize;
        let author = ids[rng.skewed(people as u64) as usize];
        let key = format!("syn:m{i}");
        let roll = rng.below(100);
        let (kind, parent, by_bot) = if roll < 3 {
            (MessageKind::System, None, false)
        } else if roll < 5 {
            (MessageKind::Post, None, true)
        } else if roll < 58 && !recent[s].is_empty() {
            let r = &recent[s];
            let pick = r.len() - 1 - rng.skewed(r.len() as u64) as usize;
            (MessageKind::Reply, Some(r[pick].1.clone()), false)
        } else {
            (MessageKind::Post, None, false)
        };
        let (row, _) = b.message(MessageDraft {
            key: &key,
            space: spaces[s],
            author: if by_bot { bot } else { author },
            time_ms: t,
            kind,
            by_bot,
            parent: parent.clone(),
            root: parent,
        });
        if kind == MessageKind::Post && !by_bot {
            let r = &mut recent[s];
            r.push((row, key));
            if r.len() > 64 {
                r.remove(0);
            }
        }
        let n_rx = match rng.below(10) {
            0..=4 => 0,
            5..=7 => 1,
            8 => 2,
            _ => 4,
        };
        for _ in 0..n_rx {
            let who = ids[rng.skewed(people as u64) as usize];
            let emoji = ["+1", "heart", "tada"][rng.below(3) as usize];
            let delay = rng.below(3 * 86_400_000) as i64;
            b.reaction(row, who, emoji, Some(t + delay));
        }
    }
    b.finish().0
}
