//! A tiny dataset builder for the analytics tests: people, spaces and messages placed by day and
//! hour, and `org()`, the small organisation whose numbers `analytics_definitions.rs` computes by hand.

use clover_core::civil::days_from_civil;
use clover_core::model::{Builder, Dataset, MessageDraft, MessageKind, PersonInfo, SpaceKind};

pub const HOUR: i64 = 3_600_000;
pub const DAY: i64 = 86_400_000;

/// Day number of 2024-01-01, a Monday (ISO week 2024-W01).
pub fn day0() -> i64 {
    days_from_civil(2024, 1, 1)
}

/// UTC milliseconds of `day` days and `hour` hours after 2024-01-01 00:00.
pub fn at(day: i64, hour: i64) -> i64 {
    (day0() + day) * DAY + hour * HOUR
}

pub struct T {
    pub b: Builder,
}

impl Default for T {
    fn default() -> Self {
        T::new()
    }
}

impl T {
    pub fn new() -> T {
        T { b: Builder::new() }
    }

    /// A person `t:<id>` named `<Name>` (first letter upper-cased).
    pub fn person(&mut self, id: &str, dept: Option<&str>, leader: bool) -> u32 {
        self.person_with(
            id,
            PersonInfo { department: dept.map(str::to_string), leader: Some(leader), ..Default::default() },
        )
    }

    pub fn person_with(&mut self, id: &str, mut info: PersonInfo) -> u32 {
        let p = self.b.person(&format!("t:{id}"));
        let mut name: Vec<char> = id.chars().collect();
        if let Some(c) = name.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        if info.name.is_none() {
            info.name = Some(name.into_iter().collect());
        }
        self.b.describe_person(p, info);
        // The people of a fixture are its member list, as a users file would make them.
        self.b.list_person(p);
        p
    }

    pub fn bot(&mut self, id: &str) -> u32 {
        self.person_with(id, PersonInfo { bot: Some(true), ..Default::default() })
    }

    pub fn space(&mut self, id: &str, kind: SpaceKind) -> u32 {
        let s = self.b.space(&format!("t:{id}"));
        self.b.describe_space(s, Some(id), kind, None);
        s
    }

    #[allow(clippy::too_many_arguments)]
    fn msg(
        &mut self,
        key: &str,
        space: u32,
        author: u32,
        time: i64,
        kind: MessageKind,
        by_bot: bool,
        parent: Option<&str>,
        root: Option<&str>,
    ) -> u32 {
        self.b
            .message(MessageDraft {
                key: &format!("t:{key}"),
                space,
                author,
                time_ms: time,
                kind,
                by_bot,
                parent: parent.map(|p| format!("t:{p}")),
                root: root.map(|r| format!("t:{r}")),
            })
            .0
    }

    pub fn post(&mut self, key: &str, space: u32, author: u32, time: i64) -> u32 {
        self.msg(key, space, author, time, MessageKind::Post, false, None, None)
    }

    pub fn reply(&mut self, key: &str, space: u32, author: u32, time: i64, parent: &str) -> u32 {
        self.msg(key, space, author, time, MessageKind::Reply, false, Some(parent), None)
    }

    /// A reply that names both its parent and its thread's root.
    pub fn reply_in(&mut self, key: &str, space: u32, author: u32, time: i64, parent: &str, root: &str) -> u32 {
        self.msg(key, space, author, time, MessageKind::Reply, false, Some(parent), Some(root))
    }

    pub fn system(&mut self, key: &str, space: u32, author: u32, time: i64) -> u32 {
        self.msg(key, space, author, time, MessageKind::System, false, None, None)
    }

    pub fn bot_post(&mut self, key: &str, space: u32, author: u32, time: i64) -> u32 {
        self.msg(key, space, author, time, MessageKind::Post, true, None, None)
    }

    pub fn react(&mut self, row: u32, person: u32, time: i64) {
        self.b.reaction(row, person, "+1", Some(time));
    }

    pub fn finish(self) -> Dataset {
        self.b.finish().0
    }
}

/// The small organisation most tests use; every number the tests expect is derived by hand in
/// the comments of `analytics_definitions.rs`.
///
/// People: alice (Eng, leader), bob (Eng), carol (Sales), dave (Sales, deactivated, silent),
/// erin (Sales, deactivated, one reaction), frank (no department, silent), a bot.
/// Spaces: general (public channel), priv (private channel), dm (direct).
pub fn org() -> Dataset {
    let mut t = T::new();
    let alice = t.person("alice", Some("Eng"), true);
    let bob = t.person("bob", Some("Eng"), false);
    let carol = t.person("carol", Some("Sales"), false);
    let _dave = t.person_with(
        "dave",
        PersonInfo { department: Some("Sales".into()), deactivated: Some(true), ..Default::default() },
    );
    let erin = t.person_with(
        "erin",
        PersonInfo { department: Some("Sales".into()), deactivated: Some(true), ..Default::default() },
    );
    let _frank = t.person("frank", None, false);
    let bot = t.bot("bot");
    let general = t.space("general", SpaceKind::Channel);
    let private = t.space("priv", SpaceKind::PrivateChannel);
    let dm = t.space("dm", SpaceKind::Direct);

    let m1 = t.post("m1", general, alice, at(0, 10));
    let m2 = t.reply("m2", general, bob, at(0, 11), "m1");
    t.reply("m3", general, alice, at(0, 12), "m2");
    t.post("m4", private, carol, at(1, 9));
    t.reply("m5", private, bob, at(8, 9), "m4");
    let m6 = t.post("m6", general, bob, at(8, 10));
    t.system("m7", general, alice, at(8, 11));
    t.bot_post("m8", general, bot, at(9, 9));
    t.reply("m9", general, carol, at(9, 10), "m8");
    let dm1 = t.post("dm1", dm, alice, at(10, 9));
    t.reply("dm2", dm, bob, at(10, 10), "dm1");

    t.react(m1, bob, at(0, 13));
    t.react(m1, alice, at(0, 13)); // her own message: ignored
    t.react(m6, erin, at(8, 12));
    t.react(m2, carol, at(2, 9));
    t.react(m1, bot, at(0, 14)); // a bot: ignored
    t.react(dm1, bob, at(10, 11)); // a direct conversation: left out by default
    t.finish()
}
