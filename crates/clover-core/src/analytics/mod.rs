//! TODO(analytics): funnel, leaderboard, personas, Clover maturity.
