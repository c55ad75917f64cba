//! The story the demo organisation tells (docs/demo.md): a grass-roots launch, an executive
//! sponsor who joins a few months in, first wins 6–9 months in, departments ahead and behind,
//! and a culture that opens up as leaders take part. Everything here is a function of the
//! period's month, scaled to the period's length (the default is 18 months).

use super::rng;

/// Where a person takes part, by kind of space: the story shifts weight between them.
pub const DEPT: u8 = 0;
pub const GENERAL: u8 = 1;
pub const RANDOM: u8 = 2;
pub const ANNOUNCE: u8 = 3;
pub const INTEREST: u8 = 4;
/// `#wins`: quiet until the first wins.
pub const WINS: u8 = 5;
pub const PRIVATE: u8 = 6;
pub const CLASSES: usize = 7;

/// How ready a department is: (slug, months behind the organisation in an 18-month story,
/// how much more likely than average its people are to take part at all).
const READINESS: &[(&str, f64, f64)] = &[
    // Ahead: the teams who answer customers and ship the product found a use for it first.
    ("customer-success", -1.5, 1.45),
    ("product", -1.0, 1.35),
    ("it", -1.5, 1.25),
    ("people-and-culture", -1.0, 1.3),
    ("engineering", -0.5, 1.1),
    ("office-of-the-ceo", 0.0, 1.2),
    ("marketing", 0.0, 1.0),
    ("research", 0.5, 0.95),
    // Behind: busy with customers on the road, or with the month-end close and the contracts.
    ("sales", 1.5, 0.75),
    ("operations", 2.5, 0.6),
    ("finance", 2.0, 0.55),
    ("legal", 3.0, 0.5),
];

/// (months behind, participation multiplier) of a department by its slug.
pub fn readiness(slug: &str, months: f64) -> (f64, f64) {
    READINESS.iter().find(|r| r.0 == slug).map_or((0.0, 1.0), |r| (r.1 * months / 18.0, r.2))
}

/// The period's milestones, in (fractional) months since the start.
#[derive(Clone, Copy, Debug)]
pub struct Story {
    pub months: f64,
    /// The executive sponsor (the CEO) joins and starts working out loud.
    pub sponsor: f64,
    /// `#wins` comes alive: the first business wins are shared.
    pub wins: f64,
    /// The middle of the S-shaped adoption (before a department's lag).
    pub adoption_mid: f64,
    pub adoption_spread: f64,
    /// The culture (answering, acknowledging, working across teams and in the open) turns
    /// around this month, after the sponsor, over about `culture_scale` months.
    pub culture_mid: f64,
    pub culture_scale: f64,
}

impl Story {
    pub fn new(months: u32) -> Story {
        let m = months.max(1) as f64;
        Story {
            months: m,
            sponsor: 0.2 * m,
            wins: 0.33 * m,
            adoption_mid: 0.4 * m,
            adoption_spread: 0.085 * m,
            culture_mid: 0.38 * m,
            culture_scale: 0.1 * m,
        }
    }

    /// 0 at the launch, 1 once sharing, answering and working across teams are the norm.
    pub fn culture(&self, month: f64) -> f64 {
        1.0 / (1.0 + rng::exp(-(month - self.culture_mid) / self.culture_scale))
    }

    /// Multipliers of the weights of each kind of space in `month`: departments' own
    /// channels and private channels lose ground to the cross-functional ones.
    pub fn class_weights(&self, month: f64) -> [f64; CLASSES] {
        let c = self.culture(month);
        let wins = ((month - self.wins) / 1.5).clamp(0.0, 1.0) * (0.8 + 0.8 * c);
        let mut w = [0.0; CLASSES];
        w[DEPT as usize] = 2.6 - 1.9 * c;
        w[GENERAL as usize] = 1.0;
        w[RANDOM as usize] = 1.0;
        w[ANNOUNCE as usize] = 1.0;
        w[INTEREST as usize] = 0.3 + 1.0 * c;
        w[WINS as usize] = wins;
        w[PRIVATE as usize] = 2.2 - 1.7 * c;
        w
    }
}

/// Less happens in the summer holidays and at the end of the year (`month` 1–12).
pub fn season(month: u32) -> f64 {
    match month {
        8 => 0.72,
        12 => 0.75,
        7 => 0.88,
        1 => 0.92,
        _ => 1.0,
    }
}
