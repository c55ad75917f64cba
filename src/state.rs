//! The page's state, split by concern into three contexts that views ask for by type:
//!
//! - [`Data`]: what is loaded and its analysis (read-only: only the worker client writes
//!   them, through [`Results`]), and the parameters every view's numbers follow (filters and
//!   editors write them);
//! - [`LoadStatus`]: how a load is going and why one failed;
//! - [`Ui`]: which view is shown, the theme, present mode.
//!
//! No state lives in the shell (`app.rs`): it creates these, provides them and lays out the
//! page, and nothing imports it.

use std::sync::Arc;

use clover_app::protocol::{LoadProgress, Loaded};
use clover_core::analytics::{Analysis, DashboardView, Params, SlideKind, Unit};
use leptos::prelude::*;

/// The loaded data, its latest analysis, and the parameters it follows.
#[derive(Clone, Copy)]
pub struct Data {
    /// The load summary and the names the filters offer; None before a load.
    pub loaded: ReadSignal<Option<Loaded>>,
    /// Every view's numbers for the loaded data and the latest parameters the worker
    /// answered (it recomputes them whenever `params` or `loaded` change).
    pub analysis: ReadSignal<Option<Arc<Analysis>>>,
    /// Window, segment, weights, targets and privacy settings.
    pub params: RwSignal<Params>,
}

impl Data {
    /// True when a Clover summary file is open: its numbers cannot change, so the controls
    /// that would change them are not offered.
    pub fn is_fixed(&self) -> bool {
        self.loaded.with_untracked(|l| l.as_ref().is_some_and(|l| l.fixed.is_some()))
    }

    /// Where the data came from when a link can bring it back (`demo`, an address).
    pub fn source(&self) -> Option<String> {
        self.loaded.with(|l| l.as_ref().and_then(|l| l.source.clone()))
    }
}

/// How a load is going.
#[derive(Clone, Copy)]
pub struct LoadStatus {
    /// A sentence about what is happening outside the worker (a download), or None.
    pub busy: RwSignal<Option<String>>,
    /// The worker's progress through a load, or None when no load is running.
    pub progress: ReadSignal<Option<LoadProgress>>,
    /// Why the last load failed as a whole (a file too big, the worker stopped).
    pub load_error: RwSignal<Option<String>>,
    /// Why the last "Load from URL" failed.
    pub url_error: RwSignal<Option<String>>,
    /// Milliseconds from handing the files to the worker until the first analysis arrived
    /// (None until it has).
    pub load_ms: ReadSignal<Option<f64>>,
}

/// What the screen shows.
#[derive(Clone, Copy)]
pub struct Ui {
    pub view: RwSignal<View>,
    /// Dark theme (starts from the system's preference).
    pub dark: RwSignal<bool>,
    /// Present mode: full screen, one view per slide, large type.
    pub presenting: RwSignal<bool>,
    /// The maturity journey's periods: calendar quarters or months.
    pub journey_by: RwSignal<Unit>,
    pub deck: Deck,
}

/// The deck's settings as a link carries them: which slides, in which order (`slides=…`,
/// only when not the default), and the title the presenter typed (`title=…`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeckLink {
    pub slides: Option<Vec<SlideKind>>,
    pub title: Option<String>,
}

/// The leadership deck: which slides, in order, where we are, and the presenter's choices.
#[derive(Clone, Copy)]
pub struct Deck {
    /// The slides shown, in order (the link's `slides=`).
    pub slides: RwSignal<Vec<SlideKind>>,
    /// The position in `slides` of the slide on screen.
    pub current: RwSignal<usize>,
    /// The title slide's title, as the presenter typed it (None: the default).
    pub title: RwSignal<Option<String>>,
    /// Show real names on the slides (pseudonyms by default).
    pub names: RwSignal<bool>,
    /// The speaker notes under the slide.
    pub notes: RwSignal<bool>,
    /// The list of slides to hide and reorder.
    pub organising: RwSignal<bool>,
}

impl Ui {
    /// Opens the definitions on the Data view at the heading `anchor`.
    pub fn show_definitions(&self, anchor: &'static str) {
        self.view.set(View::Data);
        request_animation_frame(move || {
            let doc = document();
            let target = doc.get_element_by_id(anchor).or_else(|| doc.get_element_by_id("definitions"));
            if let Some(el) = target {
                el.scroll_into_view();
            }
        });
    }
}

/// The write halves of what the worker computes: held by the worker client alone.
#[derive(Clone, Copy)]
pub struct Results {
    pub loaded: WriteSignal<Option<Loaded>>,
    pub analysis: WriteSignal<Option<Arc<Analysis>>>,
    pub progress: WriteSignal<Option<LoadProgress>>,
    pub load_ms: WriteSignal<Option<f64>>,
    /// Shared with [`LoadStatus::load_error`]: the worker reports failures too.
    pub load_error: RwSignal<Option<String>>,
    /// To show the Data view (with its errors) when a load brought nothing usable.
    pub view: RwSignal<View>,
    /// The newest parameters asked for (with what the screen needs), asked for again when
    /// they changed during an analysis.
    pub params: Signal<Params>,
}

/// Creates the page's state: the three contexts and the worker client's write halves.
pub fn new(initial_view: View, initial_params: Params, deck: &DeckLink, dark: bool) -> (Data, LoadStatus, Ui, Results) {
    let (loaded, set_loaded) = signal(None::<Loaded>);
    let (analysis, set_analysis) = signal(None::<Arc<Analysis>>);
    let (progress, set_progress) = signal(None::<LoadProgress>);
    let (load_ms, set_load_ms) = signal(None::<f64>);
    let load_error = RwSignal::new(None);
    let view = RwSignal::new(initial_view);
    let params = RwSignal::new(initial_params);
    let data = Data { loaded, analysis, params };
    let status =
        LoadStatus { busy: RwSignal::new(None), progress, load_error, url_error: RwSignal::new(None), load_ms };
    let ui = Ui {
        view,
        dark: RwSignal::new(dark),
        presenting: RwSignal::new(false),
        journey_by: RwSignal::new(Unit::Quarter),
        deck: Deck {
            slides: RwSignal::new(deck.slides.clone().unwrap_or_else(|| SlideKind::ALL.to_vec())),
            current: RwSignal::new(0),
            title: RwSignal::new(deck.title.clone()),
            names: RwSignal::new(false),
            notes: RwSignal::new(false),
            organising: RwSignal::new(false),
        },
    };
    let results = Results {
        loaded: set_loaded,
        analysis: set_analysis,
        progress: set_progress,
        load_ms: set_load_ms,
        load_error,
        view,
        params: params.into(),
    };
    (data, status, ui, results)
}

/// The dashboard's views, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Overview,
    Funnel,
    Leaderboard,
    Clover,
    Trends,
    Data,
}

impl View {
    pub const ALL: [View; 6] =
        [View::Overview, View::Funnel, View::Leaderboard, View::Clover, View::Trends, View::Data];

    /// The name in links and test hooks (`#view=funnel`, `data-view="funnel"`).
    pub fn id(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Funnel => "funnel",
            View::Leaderboard => "leaderboard",
            View::Clover => "clover",
            View::Trends => "trends",
            View::Data => "data",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Funnel => "Funnel",
            View::Leaderboard => "Leaderboard",
            View::Clover => "Clover",
            View::Trends => "Trends",
            View::Data => "Data",
        }
    }

    pub fn from_id(s: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == s)
    }
}

impl From<DashboardView> for View {
    fn from(v: DashboardView) -> View {
        match v {
            DashboardView::Overview => View::Overview,
            DashboardView::Funnel => View::Funnel,
            DashboardView::Leaderboard => View::Leaderboard,
            DashboardView::Clover => View::Clover,
            DashboardView::Trends => View::Trends,
        }
    }
}
