//! Personas after SWOOP Analytics: what a person gives (C) against what they receive (R).

use super::pass::{Acc, Pass};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Persona {
    /// Gives and receives in balance.
    Engager,
    /// Their posts draw many responses.
    Catalyst,
    /// Mostly answers others.
    Responder,
    /// Posts, with little dialogue.
    Broadcaster,
    /// Reads only: no posts, replies or reactions in the window.
    Observer,
}

impl Persona {
    /// Its name as a label (`Engager`).
    pub fn title(self) -> &'static str {
        match self {
            Persona::Engager => "Engager",
            Persona::Catalyst => "Catalyst",
            Persona::Responder => "Responder",
            Persona::Broadcaster => "Broadcaster",
            Persona::Observer => "Observer",
        }
    }

    /// Its name in a sentence (`engager`).
    pub fn label(self) -> &'static str {
        match self {
            Persona::Engager => "engager",
            Persona::Catalyst => "catalyst",
            Persona::Responder => "responder",
            Persona::Broadcaster => "broadcaster",
            Persona::Observer => "observer",
        }
    }
}

/// C = posts + replies + reactions_given, R = replies_received + reactions_received.
/// Observer if C = 0; else with ratio = R / C: catalyst if ratio ≥ 2, engager if
/// 0.5 < ratio < 2, and if ratio ≤ 0.5 responder when replies + reactions_given ≥ posts,
/// otherwise broadcaster. Compared in integers (R ≥ 2C, 2R ≤ C), so boundaries are exact.
pub(crate) fn persona(a: &Acc) -> Persona {
    classify(
        a.posts as u64,
        a.replies as u64,
        a.reactions_given as u64,
        a.replies_received as u64,
        a.reactions_received as u64,
    )
}

/// [`persona`] on plain counts.
pub fn classify(
    posts: u64,
    replies: u64,
    reactions_given: u64,
    replies_received: u64,
    reactions_received: u64,
) -> Persona {
    let c = posts + replies + reactions_given;
    let r = replies_received + reactions_received;
    if c == 0 {
        Persona::Observer
    } else if r >= 2 * c {
        Persona::Catalyst
    } else if 2 * r > c {
        Persona::Engager
    } else if replies + reactions_given >= posts {
        Persona::Responder
    } else {
        Persona::Broadcaster
    }
}

/// How many of the segment's members have each persona.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PersonaCounts {
    pub engager: u64,
    pub catalyst: u64,
    pub responder: u64,
    pub broadcaster: u64,
    pub observer: u64,
}

pub(crate) fn counts(pass: &Pass, members: &[u32]) -> PersonaCounts {
    let mut c = PersonaCounts::default();
    for &m in members {
        match persona(&pass.acc[m as usize]) {
            Persona::Engager => c.engager += 1,
            Persona::Catalyst => c.catalyst += 1,
            Persona::Responder => c.responder += 1,
            Persona::Broadcaster => c.broadcaster += 1,
            Persona::Observer => c.observer += 1,
        }
    }
    c
}
