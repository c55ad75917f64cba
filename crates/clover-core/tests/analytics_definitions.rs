//! Every definition of docs/metrics.md on small datasets whose numbers are computed by hand
//! in the comments. The main fixture is `common::fixture::org()`:
//!
//! ```text
//! day 0  m1  alice  post   general            bob 👍 (d0), alice 👍 own (ignored), bot 👍 (ignored)
//! day 0  m2  bob    reply  general  → m1      carol 👍 (d2)
//! day 0  m3  alice  reply  general  → m2 (thread m1)
//! day 1  m4  carol  post   priv
//! day 8  m5  bob    reply  priv     → m4
//! day 8  m6  bob    post   general            erin 👍 (d8)
//! day 8  m7  alice  system message (not counted)
//! day 9  m8  bot    post   general (bot message)
//! day 9  m9  carol  reply  general  → m8 (a bot's post: a reply, not a response)
//! day 10 dm1 alice  post   dm (direct)        bob 👍 (d10)
//! day 10 dm2 bob    reply  dm       → dm1
//! ```
//! Days count from Monday 2024-01-01 (ISO week 1); the window is 2024-01-01 – 2024-01-11
//! (ISO weeks 1 and 2).

mod common;

use clover_core::analytics::{analyze, level_name, persona, pseudonym, Analysis, Params, Persona, Pseudonyms, Segment};
use clover_core::model::{PersonInfo, SpaceKind};
use common::fixture::{at, day0, org, T};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn stage(a: &Analysis, name: &str) -> u64 {
    a.funnel.iter().find(|s| s.stage.id() == name).map(|s| s.count).expect(name)
}

fn row<'a>(a: &'a Analysis, name: &str) -> &'a clover_core::analytics::LeaderRow {
    a.leaderboard.iter().find(|r| r.name == name).expect(name)
}

fn indicator(a: &Analysis, id: &str) -> (Option<f64>, Option<f64>) {
    let c = a.clover.as_ref().expect("clover");
    let i = c.leaves.iter().flat_map(|l| &l.indicators).find(|i| i.id.id() == id).expect(id);
    (i.value, i.score)
}

fn leaf(a: &Analysis, name: &str) -> Option<f64> {
    a.clover.as_ref().expect("clover").leaves.iter().find(|l| l.leaf.id() == name).expect(name).score
}

/// The definitions on a handful of people: no minimum base (every share is given) and a
/// minimum group of one (the one leader is shown). The floors have tests of their own.
fn exact() -> Params {
    Params { min_base: 0, min_group: 1, ..Params::default() }
}

fn whole() -> Analysis {
    analyze(&org(), &exact())
}

#[test]
fn window_defaults_to_the_data_range() {
    let a = whole();
    // Messages run from day 0 to day 10 (dm1/dm2): 2024-01-01 – 2024-01-11, 11 days, ISO weeks 1–2.
    assert_eq!(a.window.from.as_deref(), Some("2024-01-01"));
    assert_eq!(a.window.to.as_deref(), Some("2024-01-11"));
    assert_eq!(a.window.days, 11);
    assert_eq!(a.window.weeks, 2);
    // The previous window of the same length ends the day before.
    assert_eq!(a.window.previous_from.as_deref(), Some("2023-12-21"));
    assert_eq!(a.window.previous_to.as_deref(), Some("2023-12-31"));
    assert!(!a.suppressed);
}

#[test]
fn funnel_stages() {
    let a = whole();
    let names: Vec<&str> = a.funnel.iter().map(|s| s.stage.id()).collect();
    assert_eq!(names, ["workforce", "members", "active", "contributors", "engaged", "champions"]);
    // members: alice, bob, carol, erin (deactivated but reacted), frank (silent); not dave
    // (deactivated, no activity) and not the bot.
    assert_eq!(stage(&a, "members"), 5);
    // No roster: workforce = members.
    assert_eq!(stage(&a, "workforce"), 5);
    // active: alice, bob, carol (posts/replies), erin (a reaction); frank did nothing.
    assert_eq!(stage(&a, "active"), 4);
    // contributors: alice, bob, carol.
    assert_eq!(stage(&a, "contributors"), 3);
    // engaged: alice gave (m3 → bob) and received (m2, bob's 👍); bob gave (m2, m5, 👍) and
    // received (m3, erin's and carol's 👍); carol gave (👍 on m2) and received (m5).
    assert_eq!(stage(&a, "engaged"), 3);
    // champions: the window touches 2 ISO weeks → threshold max(2, ⌈2/2⌉) = 2 weeks.
    // alice posted only in week 1 (dm1 in week 2 is direct, left out); bob in weeks 1 (m2) and
    // 2 (m5, m6); carol in weeks 1 (m4) and 2 (m9).
    assert_eq!(stage(&a, "champions"), 2);
    // Conversion and drop-off between stages.
    let active = &a.funnel[2];
    assert!(close(active.conversion.unwrap(), 4.0 / 5.0));
    assert_eq!(active.drop_off, Some(1));
    assert_eq!(a.funnel[0].conversion, None);
    let champions = &a.funnel[5];
    assert!(close(champions.conversion.unwrap(), 2.0 / 3.0));
    assert!(close(champions.of_members.unwrap(), 2.0 / 5.0));
}

#[test]
fn funnel_by_month_and_cohorts() {
    let a = whole();
    // One month (January 2024), the same as the window.
    assert_eq!(a.funnel_by_month.len(), 1);
    let m = &a.funnel_by_month[0];
    assert_eq!(m.month, "2024-01");
    assert_eq!((m.workforce, m.members, m.active, m.contributors, m.engaged, m.champions), (5, 5, 4, 3, 3, 2));
    // Cohort of first contribution 2024-01: alice, bob, carol.
    assert_eq!(a.cohorts.len(), 1);
    assert_eq!(a.cohorts[0].month, "2024-01");
    assert_eq!(a.cohorts[0].size, 3);
    assert_eq!(a.cohorts[0].contributing, vec![3]);
}

#[test]
fn leaderboard_counts_scores_and_ties() {
    let a = whole();
    // alice: 1 post (m1), 1 reply (m3), 0 reactions given (her 👍 on m1 is her own),
    // 1 reply received (m2 by bob in her thread m1; m3 is her own), 1 reaction received (bob's;
    // her own and the bot's are ignored), reached bob.
    // score = 3·1 + 2·1 + 1·0 + 2·1 + 1·1 = 8
    let al = row(&a, "Alice");
    assert_eq!((al.posts, al.replies, al.reactions_given, al.replies_received, al.reactions_received), (1, 1, 0, 1, 1));
    assert_eq!(al.people_reached, 1);
    assert!(close(al.score, 8.0));
    // bob: post m6; replies m2, m5 (dm2 is direct); 👍 on m1 (his 👍 on dm1 is direct);
    // replies received 0 (nobody replied in m6; m3 answers him but in alice's thread);
    // reactions received 2 (erin on m6, carol on m2); reached alice, carol, erin.
    // score = 3 + 4 + 1 + 0 + 2 = 10
    let b = row(&a, "Bob");
    assert_eq!((b.posts, b.replies, b.reactions_given, b.replies_received, b.reactions_received), (1, 2, 1, 0, 2));
    assert_eq!(b.people_reached, 3);
    assert!(close(b.score, 10.0));
    // carol: post m4, reply m9, 👍 on m2, 1 reply received (m5), 0 reactions received.
    // score = 3 + 2 + 1 + 2 + 0 = 8
    let c = row(&a, "Carol");
    assert_eq!((c.posts, c.replies, c.reactions_given, c.replies_received, c.reactions_received), (1, 1, 1, 1, 0));
    assert!(close(c.score, 8.0));
    // erin: one reaction → score 1.
    assert!(close(row(&a, "Erin").score, 1.0));
    // Ranks: bob 10; alice and carol tie at 8 with 2 posts + replies each → name: Alice first.
    let order: Vec<(&str, u64)> = a.leaderboard.iter().map(|r| (r.name.as_str(), r.rank)).collect();
    assert_eq!(order, [("Bob", 1), ("Alice", 2), ("Carol", 3), ("Erin", 4)]);
    // frank (score 0) is not ranked.
    assert_eq!(a.ranked, Some(4));
    assert!(a.leaderboard.iter().all(|r| r.name != "Frank"));
    // Ids are the people's keys.
    assert_eq!(row(&a, "Bob").id, "t:bob");
    // Leaders-only board: alice, rank 1 among leaders.
    assert_eq!(a.leaders_board.len(), 1);
    assert_eq!((a.leaders_board[0].name.as_str(), a.leaders_board[0].rank), ("Alice", 1));
    // No data before the window: nobody has a previous rank.
    assert!(a.leaderboard.iter().all(|r| r.previous_rank.is_none() && r.movement.is_none()));
}

#[test]
fn tie_break_on_posts_and_replies_before_name() {
    let mut t = T::new();
    let zed = t.person("zed", None, false);
    let amy = t.person("amy", None, false);
    let sam = t.person("sam", None, false);
    let g = t.space("g", SpaceKind::Channel);
    // zed: 2 replies to sam's post → 2·2 = 4; amy: 4 reactions given… on 4 of sam's posts → 4.
    // Both score 4 (before what they receive); zed has 2 posts + replies, amy 0 → zed first
    // although "Amy" < "Zed".
    let p1 = t.post("p1", g, sam, at(0, 1));
    t.reply("r1", g, zed, at(0, 2), "p1");
    t.reply("r2", g, zed, at(0, 3), "p1");
    let p2 = t.post("p2", g, sam, at(0, 4));
    let p3 = t.post("p3", g, sam, at(0, 5));
    let p4 = t.post("p4", g, sam, at(0, 6));
    for p in [p1, p2, p3, p4] {
        t.react(p, amy, at(0, 7));
    }
    let ds = t.finish();
    let a = analyze(&ds, &exact());
    // sam: 4 posts (12) + 2 replies received (4) + 4 reactions received (4) = 20.
    let order: Vec<(&str, f64)> = a.leaderboard.iter().map(|r| (r.name.as_str(), r.score)).collect();
    assert_eq!(order, [("Sam", 20.0), ("Zed", 4.0), ("Amy", 4.0)]);
}

#[test]
fn weights_are_editable() {
    let mut p = exact();
    p.weights.posts = 10.0;
    p.weights.reactions_received = 0.0;
    let a = analyze(&org(), &p);
    // bob: 10·1 + 2·2 + 1·1 + 2·0 + 0·2 = 15; alice: 10 + 2 + 0 + 2 + 0 = 14; carol: 10 + 2 + 1 + 2 = 15.
    // bob and carol tie at 15: posts + replies 3 vs 2 → bob first.
    let order: Vec<(&str, f64)> = a.leaderboard.iter().map(|r| (r.name.as_str(), r.score)).collect();
    assert_eq!(order[..3], [("Bob", 15.0), ("Carol", 15.0), ("Alice", 14.0)]);
}

#[test]
fn personas() {
    let a = whole();
    // alice C = 2, R = 2 → ratio 1 → engager.
    assert_eq!(row(&a, "Alice").persona, Some(Persona::Engager));
    // bob C = 4, R = 2 → 0.5 → ≤ 0.5 and replies + reactions (3) ≥ posts (1) → responder.
    assert_eq!(row(&a, "Bob").persona, Some(Persona::Responder));
    // carol C = 3, R = 1 → responder; erin C = 1, R = 0 → responder.
    assert_eq!(row(&a, "Carol").persona, Some(Persona::Responder));
    assert_eq!(row(&a, "Erin").persona, Some(Persona::Responder));
    let p = a.personas.as_ref().unwrap();
    // Over the 5 members: frank is an observer.
    assert_eq!((p.engager, p.catalyst, p.responder, p.broadcaster, p.observer), (1, 0, 3, 0, 1));
    // The boundaries (posts, replies, reactions_given, replies_received, reactions_received):
    assert_eq!(persona(0, 0, 0, 5, 5), Persona::Observer); // C = 0
    assert_eq!(persona(1, 0, 0, 2, 0), Persona::Catalyst); // ratio exactly 2
    assert_eq!(persona(1, 0, 0, 1, 0), Persona::Engager); // ratio 1
    assert_eq!(persona(3, 1, 0, 3, 4), Persona::Engager); // ratio 1.75
    assert_eq!(persona(2, 0, 0, 1, 0), Persona::Broadcaster); // ratio exactly 0.5, posts > 0
    assert_eq!(persona(1, 1, 0, 1, 0), Persona::Responder); // ratio 0.5, replies ≥ posts
    assert_eq!(persona(3, 1, 1, 0, 0), Persona::Broadcaster); // 2 < 3 posts
}

#[test]
fn responses_and_response_time() {
    let a = whole();
    let rt = a.response_time.as_ref().unwrap();
    // Posts in the window by people, outside direct conversations: m1, m4, m6 (m8 is a bot's).
    assert_eq!(rt.posts, 3);
    // m1 answered by bob after 1 h; m4 by bob after 7 days; m6 never.
    assert_eq!(rt.answered, 2);
    assert_eq!(rt.answered_within_48h, 1);
    // Median of 1 h and 168 h.
    assert!(close(rt.median_hours.unwrap(), 84.5));
    let t = a.totals.as_ref().unwrap();
    // posts m1 m4 m6; replies m2 m3 m5 m9; reactions bob→m1, carol→m2, erin→m6;
    // responses: m2 (bob→alice), m3 (alice→bob), m5 (bob→carol) and the 3 reactions (m9
    // answers a bot, so it is not a response). Spaces with posts: general and priv.
    assert_eq!((t.posts, t.replies, t.reactions, t.responses, t.active_spaces), (3, 4, 3, 6, 2));
}

#[test]
fn answers_after_the_window_end_within_48_hours_count() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let b = t.person("ben", None, false);
    let g = t.space("g", SpaceKind::Channel);
    t.post("p", g, a, at(0, 22));
    t.reply("r", g, b, at(1, 2), "p");
    let ds = t.finish();
    // Window = day 0 only: the reply (4 h later, on day 1) is outside it but within 48 h.
    let p = Params { from: Some(day0()), to: Some(day0()), ..exact() };
    let x = analyze(&ds, &p);
    let rt = x.response_time.clone().unwrap();
    assert_eq!((rt.posts, rt.answered, rt.answered_within_48h), (1, 1, 1));
    assert!(close(rt.median_hours.unwrap(), 4.0));
    // The reply itself is not in the window: ben is not active.
    assert_eq!(stage(&x, "active"), 1);
}

#[test]
fn clover_maturity() {
    let a = whole();
    let c = a.clover.as_ref().unwrap();
    let names: Vec<&str> = c.leaves.iter().map(|l| l.leaf.id()).collect();
    assert_eq!(names, ["leadership", "governance", "culture", "technology"]);
    // Leadership. Leaders among members: alice. She posted → activation 1/1 → score 100.
    assert_eq!(indicator(&a, "leader_activation"), (Some(1.0), Some(100.0)));
    // Her posts and replies (m1, m3) are not replies in threads started by non-leaders → 0.
    assert_eq!(indicator(&a, "leader_responsiveness"), (Some(0.0), Some(0.0)));
    // Active members (4) who exchanged a response with a leader other than themselves: bob → ¼;
    // score 100 · 0.25 / 0.30.
    let (v, s) = indicator(&a, "leader_reach");
    assert!(close(v.unwrap(), 0.25) && close(s.unwrap(), 250.0 / 3.0));
    let leadership = (100.0 + 0.0 + 250.0 / 3.0) / 3.0;
    assert!(close(leaf(&a, "leadership").unwrap(), leadership));
    // Governance. Responses with both departments known: m2, m3, bob's 👍 (Eng→Eng), m5
    // (Eng→Sales), erin's and carol's 👍 (Sales→Eng) → 3 of 6 cross → 0.5 → 100.
    assert_eq!(indicator(&a, "cross_functional"), (Some(0.5), Some(100.0)));
    // Contributions 3 (bob), 2, 2 of 7: bob alone has 3 < 3.5, bob + one more 5 ≥ 3.5 → 2 of 3.
    let (v, s) = indicator(&a, "key_player_resilience");
    assert!(close(v.unwrap(), 2.0 / 3.0) && close(s.unwrap(), 100.0));
    // 1 of 3 posts answered within 48 h → 100 · (1/3) / 0.7.
    let (v, s) = indicator(&a, "responsiveness");
    let resp = 100.0 / 3.0 / 0.7;
    assert!(close(v.unwrap(), 1.0 / 3.0) && close(s.unwrap(), resp));
    let governance = (100.0 + 100.0 + resp) / 3.0;
    assert!(close(leaf(&a, "governance").unwrap(), governance));
    // Culture. Posts and replies: m1 m2 m3 m6 m9 (general, public), m4 m5 (priv) → 5/7.
    let (v, s) = indicator(&a, "openness");
    let open = 100.0 * (5.0 / 7.0) / 0.85;
    assert!(close(v.unwrap(), 5.0 / 7.0) && close(s.unwrap(), open));
    // engaged 3 / contributors 3.
    assert_eq!(indicator(&a, "collaboration"), (Some(1.0), Some(100.0)));
    // Pairs: alice–bob (both ways), bob–carol (m5; carol's 👍), bob–erin (one way) → 2 of 3.
    let (v, s) = indicator(&a, "reciprocity");
    assert!(close(v.unwrap(), 2.0 / 3.0) && close(s.unwrap(), 100.0));
    let culture = (open + 200.0) / 3.0;
    assert!(close(leaf(&a, "culture").unwrap(), culture));
    // Technology. No roster → reach has no data. Activation 4/5 → 100. Habit: weekly active
    // people 3 (alice, bob, carol) and 3 (bob, carol, erin), mean 3, of 4 active → 0.75 → 100.
    assert_eq!(indicator(&a, "reach"), (None, None));
    assert_eq!(indicator(&a, "activation"), (Some(0.8), Some(100.0)));
    assert_eq!(indicator(&a, "habit"), (Some(0.75), Some(100.0)));
    assert_eq!(leaf(&a, "technology"), Some(100.0));
    // Overall: weighted mean, technology weighs ½.
    let overall = (leadership + governance + culture + 0.5 * 100.0) / 3.5;
    assert!(close(c.overall.unwrap(), overall));
    assert_eq!(c.level.as_deref(), Some("Transforming"));
    assert_eq!(c.leaves[0].level.as_deref(), Some("Integrating"));
    // Every indicator explains itself; the weakest leaf's advice comes from its weakest
    // indicator (leader responsiveness).
    assert!(c.leaves.iter().flat_map(|l| &l.indicators).all(|i| !i.explanation.is_empty()));
    assert!(c.leaves[0].recommendations[0].contains("answer staff threads"));
    // No self-assessment: nothing blended.
    assert_eq!(c.blended, None);
}

#[test]
fn clover_levels_targets_and_self_assessment() {
    assert_eq!(level_name(0.0), "Initiating");
    assert_eq!(level_name(19.49), "Initiating");
    // As shown: 19.99 reads "20", so it is Experimenting.
    assert_eq!(level_name(19.99), "Experimenting");
    assert_eq!(level_name(20.0), "Experimenting");
    assert_eq!(level_name(40.0), "Adopting");
    assert_eq!(level_name(60.0), "Integrating");
    assert_eq!(level_name(79.4), "Integrating");
    assert_eq!(level_name(79.6), "Transforming");
    assert_eq!(level_name(80.0), "Transforming");
    assert_eq!(level_name(100.0), "Transforming");

    let mut p = exact();
    p.targets.activation = 1.0;
    // All 12 veins at 2 of 4 → 50 per leaf.
    p.self_assessment = Some([2; 12]);
    let a = analyze(&org(), &p);
    // Activation 0.8 against a target of 1.0 → 80.
    assert_eq!(indicator(&a, "activation"), (Some(0.8), Some(80.0)));
    let c = a.clover.unwrap();
    let tech = &c.leaves[3];
    // Technology: (80 + 100) / 2 = 90 from data, 50 from the self-assessment, blended 70.
    assert!(close(tech.score.unwrap(), 90.0));
    assert_eq!(tech.self_score, Some(50.0));
    assert!(close(tech.blended.unwrap(), 70.0));
    assert_eq!(c.self_assessed, Some(50.0));
    // The data score is not changed by the blend.
    let data: Vec<f64> = c.leaves.iter().map(|l| l.score.unwrap()).collect();
    let overall = (data[0] + data[1] + data[2] + 0.5 * data[3]) / 3.5;
    assert!(close(c.overall.unwrap(), overall));
    let blended =
        (c.leaves.iter().enumerate()).map(|(i, l)| l.blended.unwrap() * if i == 3 { 0.5 } else { 1.0 }).sum::<f64>()
            / 3.5;
    assert!(close(c.blended.unwrap(), blended));
}

#[test]
fn missing_leaders_and_departments() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let b = t.person("ben", None, false);
    let c = t.person("cat", None, false);
    let g = t.space("g", SpaceKind::Channel);
    let h = t.space("h", SpaceKind::Channel);
    t.post("p1", g, a, at(0, 1));
    t.reply("r1", g, b, at(0, 2), "p1");
    t.post("p2", h, a, at(0, 3));
    t.post("p3", h, c, at(0, 4));
    let ds = t.finish();
    let x = analyze(&ds, &exact());
    // No leaders: every leadership indicator lacks data, the leaf is null, and the overall
    // is the weighted mean of the other leaves.
    for id in ["leader_activation", "leader_responsiveness", "leader_reach"] {
        assert_eq!(indicator(&x, id), (None, None), "{id}");
    }
    assert_eq!(leaf(&x, "leadership"), None);
    let cl = x.clover.as_ref().unwrap();
    // The leaf says why it has no score, and advises nothing it cannot measure.
    assert!(cl.leaves[0].reason.as_deref().is_some_and(|r| r.contains("identifies no leaders")), "{:?}", cl.leaves[0]);
    assert!(cl.leaves[0].recommendations.is_empty());
    assert_eq!(cl.leaves[0].coverage.measured, 0);
    let (g_, c_, t_) = (leaf(&x, "governance").unwrap(), leaf(&x, "culture").unwrap(), leaf(&x, "technology").unwrap());
    assert!(close(cl.overall.unwrap(), (g_ + c_ + 0.5 * t_) / 2.5));
    // No departments: cross-functional falls back to contributors active in 2+ spaces:
    // ann (g and h) of ann, ben, cat → 1/3.
    let (v, _) = indicator(&x, "cross_functional");
    assert!(close(v.unwrap(), 1.0 / 3.0));
    // The matrix has only the "(no department)" row.
    let m = x.exchange.as_ref().unwrap();
    assert_eq!(m.departments, ["(no department)"]);
    assert_eq!(m.counts, vec![vec![1]]);
    assert_eq!(m.cross_share, None);
}

#[test]
fn no_contributors_means_no_data() {
    let mut t = T::new();
    t.person("ann", None, false);
    t.person("ben", None, false);
    let ds = t.finish();
    let x = analyze(&ds, &exact());
    assert_eq!(x.window.from, None);
    assert_eq!(stage(&x, "members"), 2);
    assert_eq!(stage(&x, "active"), 0);
    assert_eq!(indicator(&x, "key_player_resilience"), (None, None));
    assert_eq!(indicator(&x, "collaboration"), (None, None));
    assert_eq!(indicator(&x, "activation"), (Some(0.0), Some(0.0)));
    assert_eq!(x.inequality.as_ref().unwrap().gini, None);
    assert!(x.leaderboard.is_empty());
    assert!(!x.insights.is_empty());
}

#[test]
fn deactivated_people_and_self_reactions() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let z = t.person_with("zoe", PersonInfo { deactivated: Some(true), ..Default::default() });
    let g = t.space("g", SpaceKind::Channel);
    let old = t.post("old", g, z, at(0, 1));
    t.post("p", g, a, at(7, 1));
    // zoe reacts to her own old post inside the window: ignored, so she is not active.
    t.react(old, z, at(7, 2));
    let ds = t.finish();
    let p = Params { from: Some(day0() + 7), ..exact() };
    let x = analyze(&ds, &p);
    // zoe is deactivated and did nothing that counts in the window: not a member.
    assert_eq!(stage(&x, "members"), 1);
    assert_eq!(stage(&x, "active"), 1);
    // Over the whole range she posted, so she is a member then.
    let y = analyze(&ds, &exact());
    assert_eq!(stage(&y, "members"), 2);
    assert_eq!(row(&y, "Zoe").reactions_received, 0);
}

#[test]
fn direct_conversations_only_when_included() {
    let p = Params { include_direct: true, ..exact() };
    let a = analyze(&org(), &p);
    // dm1 adds a post for alice; dm2 a reply for bob, and bob's 👍 on dm1 a reaction.
    assert_eq!(row(&a, "Alice").posts, 2);
    assert_eq!(row(&a, "Bob").replies, 3);
    assert_eq!(row(&a, "Bob").reactions_given, 2);
    // alice now posted in week 2 too → a champion: bob, carol, alice.
    assert_eq!(stage(&a, "champions"), 3);
    // Direct messages are never public: 5 public of 9.
    let (v, _) = indicator(&a, "openness");
    assert!(close(v.unwrap(), 5.0 / 9.0));
}

#[test]
fn bots_and_system_messages_never_count() {
    let a = whole();
    // The bot is not a member and not ranked; its post m8 and the system message m7 are not
    // posts; carol's reply to the bot's post is a reply but no response.
    assert!(a.leaderboard.iter().all(|r| r.name != "Bot"));
    assert_eq!(a.totals.as_ref().unwrap().posts, 3);
    assert_eq!(row(&a, "Carol").replies, 1);
    let net = a.network.as_ref().unwrap();
    assert!(net.nodes.iter().all(|n| n.name != "Bot"));
}

#[test]
fn replies_with_a_missing_parent() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let b = t.person("ben", None, false);
    let g = t.space("g", SpaceKind::Channel);
    t.post("p", g, a, at(0, 1));
    // Parent not in the export, no root: a reply without a thread, answering nobody.
    t.reply("r1", g, b, at(0, 2), "gone");
    // Parent not in the export, but the root is known: it answers the root's author.
    t.reply_in("r2", g, b, at(0, 3), "gone", "p");
    let ds = t.finish();
    let x = analyze(&ds, &exact());
    let ben = row(&x, "Ben");
    assert_eq!(ben.replies, 2);
    assert_eq!(row(&x, "Ann").replies_received, 1);
    assert_eq!(x.totals.as_ref().unwrap().responses, 1);
}

#[test]
fn segments_and_suppression() {
    let sales = Segment { departments: vec!["sales ".into()], ..Default::default() };
    // Sales: carol, dave (deactivated, silent: not a member), erin → 2 members < 5.
    let a = analyze(&org(), &Params { segment: sales.clone(), ..Params::default() });
    assert!(a.suppressed);
    assert!(a.funnel.is_empty() && a.leaderboard.is_empty() && a.series.is_empty());
    assert!(a.clover.is_none() && a.inequality.is_none() && a.totals.is_none() && a.ranked.is_none());
    assert_eq!(a.insights.len(), 1);
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains("\"suppressed\":true"));

    // With a floor of 2 the segment shows.
    let a = analyze(&org(), &Params { segment: sales, min_group: 2, ..exact() });
    assert!(!a.suppressed);
    assert_eq!(
        (stage(&a, "members"), stage(&a, "active"), stage(&a, "contributors"), stage(&a, "engaged")),
        (2, 2, 1, 1)
    );
    let order: Vec<&str> = a.leaderboard.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(order, ["Carol", "Erin"]);
    // Carol's counts include what people outside the segment did for her.
    assert_eq!(row(&a, "Carol").replies_received, 1);
    // Responses given by Sales: erin's and carol's 👍 to bob (Eng) → all cross-functional.
    assert_eq!(indicator(&a, "cross_functional").0, Some(1.0));
    // No leaders in Sales; leader reach looks at leaders anywhere, and there is one (alice):
    // under this floor of 2, her numbers are hidden.
    assert_eq!(indicator(&a, "leader_activation"), (None, None));
    assert_eq!(indicator(&a, "leader_reach"), (None, None));
    // With a floor of 1, none of carol and erin exchanged with alice → 0.
    let sales = Segment { departments: vec!["sales".into()], ..Default::default() };
    let a = analyze(&org(), &Params { segment: sales, min_group: 1, ..exact() });
    assert_eq!(indicator(&a, "leader_reach"), (Some(0.0), Some(0.0)));

    // Leaders vs others: others are bob, carol, erin, frank (4 members); the one leader
    // (alice) is their complement, and with a floor of 4 she would be the organisation's
    // numbers minus theirs: hidden.
    let others = Segment { leaders: Some(false), ..Default::default() };
    assert!(analyze(&org(), &Params { segment: others.clone(), min_group: 4, ..exact() }).suppressed);
    let a = analyze(&org(), &Params { segment: others, min_group: 1, ..exact() });
    assert!(!a.suppressed);
    assert_eq!(stage(&a, "members"), 4);
    // Active others: bob, carol, erin; bob exchanged with alice → 1/3.
    assert!(close(indicator(&a, "leader_reach").0.unwrap(), 1.0 / 3.0));
    assert!(a.leaders_board.is_empty());

    // Spaces restrict messages: only priv (m4 by carol, m5 by bob). Two people took part.
    let private = Segment { spaces: vec!["t:priv".into()], ..Default::default() };
    let a = analyze(&org(), &Params { segment: private.clone(), ..Params::default() });
    assert!(a.suppressed);
    let a = analyze(&org(), &Params { segment: private, min_group: 2, ..exact() });
    // People are not filtered, but activity is: members are alice, bob, carol, frank (erin is
    // deactivated and did nothing in priv); active and contributors: bob and carol; the only
    // response is m5 (bob → carol): nobody both gave and received.
    assert_eq!(
        (stage(&a, "members"), stage(&a, "active"), stage(&a, "contributors"), stage(&a, "engaged")),
        (4, 2, 2, 0)
    );
    // A space can be named by its name too.
    let by_name = Segment { spaces: vec!["PRIV".into()], ..Default::default() };
    let b = analyze(&org(), &Params { segment: by_name, min_group: 2, ..exact() });
    assert_eq!(stage(&b, "contributors"), 2);

    // An unknown department: nobody → suppressed.
    let none = Segment { departments: vec!["Nowhere".into()], ..Default::default() };
    assert!(analyze(&org(), &Params { segment: none, ..Params::default() }).suppressed);
    // Without a segment the floor does not apply (the org has 5 members here anyway).
    assert!(!analyze(&org(), &Params { min_group: 50, ..exact() }).suppressed);
}

#[test]
fn rank_movement_against_the_previous_window() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    let b = t.person("ben", None, false);
    let c = t.person("cat", None, false);
    let g = t.space("g", SpaceKind::Channel);
    // Week 1: ann 2 posts (6), ben 1 post (3).
    t.post("a1", g, a, at(0, 1));
    t.post("a2", g, a, at(1, 1));
    t.post("b1", g, b, at(2, 1));
    // Week 2: ben 3 posts (9), ann 1 (3), cat 1 (3).
    for (i, d) in [7, 8, 9].iter().enumerate() {
        t.post(&format!("b2{i}"), g, b, at(*d, 1));
    }
    t.post("a3", g, a, at(8, 2));
    t.post("c1", g, c, at(9, 2));
    let ds = t.finish();
    let p = Params { from: Some(day0() + 7), to: Some(day0() + 13), ..exact() };
    let x = analyze(&ds, &p);
    // Window 2024-01-08 – 2024-01-10 (clipped to the data); the previous window is the 3 days
    // before: 2024-01-05 – 2024-01-07, where nobody posted.
    assert_eq!(x.window.to.as_deref(), Some("2024-01-10"));
    assert_eq!(x.window.previous_from.as_deref(), Some("2024-01-05"));
    assert!(x.leaderboard.iter().all(|r| r.movement.is_none()));
    // A full-week window: week 2 against week 1 (2024-01-01 – 2024-01-07).
    let ds2 = {
        let mut t2 = T::new();
        let a = t2.person("ann", None, false);
        let b = t2.person("ben", None, false);
        let c = t2.person("cat", None, false);
        let g = t2.space("g", SpaceKind::Channel);
        t2.post("a1", g, a, at(0, 1));
        t2.post("a2", g, a, at(1, 1));
        t2.post("b1", g, b, at(2, 1));
        for (i, d) in [7, 8, 9].iter().enumerate() {
            t2.post(&format!("b2{i}"), g, b, at(*d, 1));
        }
        t2.post("a3", g, a, at(8, 2));
        t2.post("c1", g, c, at(13, 2));
        t2.finish()
    };
    let x = analyze(&ds2, &p);
    // Previous: ann 1st (6), ben 2nd (3). Now: ben 1st (9), ann 2nd (3, tie with cat on score
    // and posts; "Ann" < "Cat"), cat 3rd (new).
    let got: Vec<(&str, u64, Option<u64>, Option<i64>)> =
        x.leaderboard.iter().map(|r| (r.name.as_str(), r.rank, r.previous_rank, r.movement)).collect();
    assert_eq!(got, [("Ben", 1, Some(2), Some(1)), ("Ann", 2, Some(1), Some(-1)), ("Cat", 3, None, None)]);
}

#[test]
fn roster_sets_the_workforce() {
    let mut t = T::new();
    let a = t.person("ann", None, false);
    t.person("ben", None, false);
    let g = t.space("g", SpaceKind::Channel);
    t.post("p", g, a, at(0, 1));
    t.b.roster_headcount(10);
    let ds = t.finish();
    let x = analyze(&ds, &exact());
    assert_eq!(stage(&x, "workforce"), 10);
    assert_eq!(stage(&x, "members"), 2);
    // Reach = members / workforce = 0.2 → 100 · 0.2 / 0.9.
    let (v, s) = indicator(&x, "reach");
    assert!(close(v.unwrap(), 0.2) && close(s.unwrap(), 100.0 * 0.2 / 0.9));
}

#[test]
fn weekly_series() {
    let a = whole();
    assert_eq!(a.series.len(), 2);
    let w1 = &a.series[0];
    assert_eq!((w1.week.as_str(), w1.start.as_str()), ("2024-W01", "2024-01-01"));
    // Week 1: active alice, bob, carol; contributors the same; posts m1 m4; replies m2 m3;
    // reactions bob→m1 (d0), carol→m2 (d2).
    assert_eq!((w1.active, w1.contributors, w1.posts, w1.replies, w1.reactions), (3, 3, 2, 2, 2));
    // Week 2: active bob, carol, erin; contributors bob, carol; post m6; replies m5 m9;
    // reaction erin→m6.
    let w2 = &a.series[1];
    assert_eq!((w2.active, w2.contributors, w2.posts, w2.replies, w2.reactions), (3, 2, 1, 2, 1));
}

#[test]
fn inequality() {
    let a = whole();
    let q = a.inequality.as_ref().unwrap();
    // Members' posts + replies: 0, 0, 2, 2, 3 (erin, frank, alice, carol, bob); total 7.
    // Gini = 2·(3·2 + 4·2 + 5·3) / (5·7) − 6/5 = 58/35 − 1.2.
    assert!(close(q.gini.unwrap(), 58.0 / 35.0 - 1.2));
    // Top 1 % and 10 % of 5 people round up to 1 person: bob, 3 of 7.
    assert!(close(q.top1_share.unwrap(), 3.0 / 7.0));
    assert!(close(q.top10_share.unwrap(), 3.0 / 7.0));
    let r = q.rule_90_9_1.as_ref().unwrap();
    // Lurkers 2 of 5; heavy: bob + one more make half (5 ≥ 3.5) → 2 of 5; occasional 1 of 5.
    assert!(close(r.lurkers, 0.4) && close(r.heavy, 0.4) && close(r.occasional, 0.2));
    // Lorenz curve from (0, 0) to (1, 1).
    let first = q.lorenz.first().unwrap();
    let last = q.lorenz.last().unwrap();
    assert!(close(first.people, 0.0) && close(first.contributions, 0.0));
    assert!(close(last.people, 1.0) && close(last.contributions, 1.0));
}

#[test]
fn network_and_exchange_matrix() {
    let a = whole();
    let net = a.network.as_ref().unwrap();
    // alice–bob: m2, m3, bob's 👍 = 3; bob–carol: m5, carol's 👍 = 2; bob–erin: 1.
    let edges: Vec<(String, String, u64)> = net
        .edges
        .iter()
        .map(|e| (net.nodes[e.source].name.clone(), net.nodes[e.target].name.clone(), e.weight))
        .collect();
    assert_eq!(
        edges,
        [("Alice".into(), "Bob".into(), 3), ("Bob".into(), "Carol".into(), 2), ("Bob".into(), "Erin".into(), 1)]
    );
    assert_eq!(net.pairs, 3);
    // Capped to the strongest edge.
    let b = analyze(&org(), &Params { network_edges: 1, ..exact() });
    assert_eq!(b.network.as_ref().unwrap().edges.len(), 1);
    assert_eq!(b.network.as_ref().unwrap().edges[0].weight, 3);
    // Matrix (giver rows, receiver columns): Eng→Eng 3 (m2, m3, bob's 👍), Eng→Sales 1 (m5),
    // Sales→Eng 2 (erin's and carol's 👍).
    let m = a.exchange.as_ref().unwrap();
    assert_eq!(m.departments, ["Eng", "Sales"]);
    assert_eq!(m.counts, vec![vec![3, 1], vec![2, 0]]);
    assert_eq!(m.cross_share, Some(0.5));
}

#[test]
fn pseudonyms_are_stable_and_distinct() {
    let ds = org();
    let ps = Pseudonyms::new(&ds);
    let names: Vec<&str> = (0..ds.people.len() as u32).map(|i| ps.name(i)).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
    assert!(names.iter().all(|n| n.starts_with("Person ") && n.len() == "Person 0000".len()));
    // Without a collision a key's pseudonym does not depend on the dataset.
    assert_eq!(pseudonym("t:bob"), pseudonym("t:bob"));
    let bob = ds.people.iter().position(|p| p.key == "t:bob").unwrap() as u32;
    assert_eq!(ps.name(bob), pseudonym("t:bob"));
    // Many people: still distinct.
    let mut t = T::new();
    for i in 0..3000 {
        t.person(&format!("p{i}"), None, false);
    }
    let big = t.finish();
    let ps = Pseudonyms::new(&big);
    let mut all: Vec<&str> = (0..3000).map(|i| ps.name(i)).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3000);
    // Pseudonymised analyses show no names or keys.
    let a = analyze(&ds, &Params { pseudonymise: true, ..exact() });
    assert!(a.leaderboard.iter().all(|r| r.name.starts_with("Person ") && r.id == r.name));
    assert!(a.network.unwrap().nodes.iter().all(|n| n.name.starts_with("Person ")));
}

#[test]
fn insights_are_short_and_tagged() {
    // The small-base rule at its default (30); one leader shown.
    let a = analyze(&org(), &Params { min_group: 1, ..Params::default() });
    assert!((3..=5).contains(&a.insights.len()), "{:?}", a.insights);
    let views = ["overview", "funnel", "leaderboard", "clover", "trends"];
    assert!(a.insights.iter().all(|i| views.contains(&i.view.id()) && i.text.ends_with('.')));
    assert_eq!(a.insights[0].view.id(), "overview");
    // Five members are too few for a percentage: the counts alone.
    assert_eq!(
        a.insights[0].text,
        "4 of 5 members were active between 2024-01-01 and 2024-01-11, and 3 posted or replied."
    );
    // Leaders answered 0 of the 2 staff threads (m4 by carol, m6 by bob): counts, no percentage.
    assert!(a.insights.iter().any(|i| i.view.id() == "clover" && i.text == "Leaders answered 0 of 2 staff threads."));
}

#[test]
fn windows_beyond_the_data_and_empty_datasets() {
    // A window after the data: nothing in it, no panic.
    let p = Params { from: Some(day0() + 100), to: Some(day0() + 200), ..exact() };
    let a = analyze(&org(), &p);
    assert_eq!(a.window.days, 0);
    assert_eq!(stage(&a, "active"), 0);
    assert!(a.series.is_empty());
    // from after to.
    let p = Params { from: Some(day0() + 5), to: Some(day0() + 1), ..exact() };
    assert_eq!(analyze(&org(), &p).window.days, 0);
    // An empty dataset.
    let empty = T::new().finish();
    let a = analyze(&empty, &exact());
    assert_eq!(stage(&a, "members"), 0);
    assert!(a.clover.unwrap().overall.is_none());
}

#[test]
fn json_shape() {
    let a = whole();
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    assert_eq!(v["window"]["from"], "2024-01-01");
    assert_eq!(v["window"]["to"], "2024-01-11");
    assert_eq!(v["funnel"][0]["stage"], "workforce");
    assert_eq!(v["funnel"][5]["count"], 2);
    let r = &v["leaderboard"][0];
    for k in [
        "rank",
        "id",
        "name",
        "score",
        "posts",
        "replies",
        "reactions_given",
        "replies_received",
        "reactions_received",
        "persona",
    ] {
        assert!(!r[k].is_null(), "leaderboard.{k}");
    }
    assert_eq!(r["persona"], "responder");
    let c = &v["clover"];
    assert!(c["overall"].is_number() && c["level"].is_string());
    assert_eq!(c["leaves"][0]["leaf"], "leadership");
    assert_eq!(c["leaves"][3]["indicators"][0]["id"], "reach");
    assert!(c["leaves"][3]["indicators"][0]["value"].is_null());
    for k in ["id", "value", "target", "score"] {
        assert!(c["leaves"][1]["indicators"][0].get(k).is_some(), "indicator.{k}");
    }
    for k in ["gini", "top1_share", "top10_share"] {
        assert!(v["inequality"][k].is_number(), "inequality.{k}");
    }
}
