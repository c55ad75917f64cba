//! What the page calls the core's names: the funnel's stages, the personas, the baseline on a
//! change line. The names themselves are the core's (one spelling for the page, the deck,
//! the PowerPoint and the sentences); this room picks the right one for an analysis.

use clover_core::analytics::{stage_label_for, Analysis, People, Persona, Stage};

/// A stage's label in this analysis: members are "People seen" when the export has no
/// member list; from activity reports, the active count reading.
pub(super) fn stage_label(a: &Analysis, stage: Stage) -> &'static str {
    stage_label_for(stage, People::of(a.member_list), a.data)
}

/// A persona's label; "—" where none can be known (activity reports hold no replies).
pub(super) fn persona_label(p: Option<Persona>) -> &'static str {
    p.map_or("—", Persona::title)
}

/// What the baseline is called on a change line: `2025 Q1`.
pub(super) fn baseline_label(a: &Analysis) -> String {
    a.baseline.as_ref().and_then(|b| b.window.label.clone()).unwrap_or_else(|| "before".into())
}
