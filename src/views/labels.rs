//! What the page calls the core's names: the funnel's stages, the personas, the baseline on a
//! change line. Views, slides and the PowerPoint say them the same way.

use clover_core::analytics::{Analysis, Persona, Stage};

pub(super) fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Workforce => "Workforce",
        Stage::Members => "Members",
        Stage::Active => "Active",
        Stage::Contributors => "Contributors",
        Stage::Engaged => "Engaged (two-way)",
        Stage::Champions => "Champions",
    }
}

pub(super) fn persona_label(p: Persona) -> &'static str {
    match p {
        Persona::Engager => "Engager",
        Persona::Catalyst => "Catalyst",
        Persona::Responder => "Responder",
        Persona::Broadcaster => "Broadcaster",
        Persona::Observer => "Observer",
    }
}

/// What the baseline is called on a change line: `2025 Q1`.
pub(super) fn baseline_label(a: &Analysis) -> String {
    a.baseline.as_ref().and_then(|b| b.window.label.clone()).unwrap_or_else(|| "before".into())
}
