//! The interaction network (people as nodes, responses as weighted edges) and the
//! cross-department exchange matrix.

use super::leaderboard::Names;
use super::pass::Pass;
use super::window::Scope;
use crate::model::Dataset;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub department: Option<String>,
    pub leader: bool,
    /// In the segment (edges may reach people outside it).
    pub in_segment: bool,
    /// Responses given plus received in the window.
    pub responses: u64,
}

/// An undirected edge: `weight` responses between the two people, both directions together.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Edge {
    /// Index into `nodes`.
    pub source: usize,
    pub target: usize,
    pub weight: u64,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Network {
    pub nodes: Vec<Node>,
    /// The strongest edges (at most `network_edges`), strongest first.
    pub edges: Vec<Edge>,
    /// All pairs of people with a response either way (at least one in the segment).
    pub pairs: u64,
}

/// Responses given by the segment's people, giver's department (row) × receiver's (column).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExchangeMatrix {
    /// Row and column labels; `(no department)` last when someone has none.
    pub departments: Vec<String>,
    pub counts: Vec<Vec<u64>>,
    /// Share of responses between two different known departments, of those where both
    /// departments are known (`None` when there are none).
    pub cross_share: Option<f64>,
}

pub const NO_DEPARTMENT: &str = "(no department)";

pub(crate) fn network(ds: &Dataset, sc: &Scope, pass: &Pass, names: &Names) -> Network {
    let mut index = vec![usize::MAX; ds.people.len()];
    let mut nodes = Vec::new();
    let mut edges = Vec::with_capacity(pass.edges.len());
    let mut node = |p: u32, nodes: &mut Vec<Node>| {
        let pu = p as usize;
        if index[pu] == usize::MAX {
            index[pu] = nodes.len();
            let a = &pass.acc[pu];
            nodes.push(Node {
                id: names.id(p).to_string(),
                name: names.name(p).to_string(),
                department: ds.department(p).map(str::to_string),
                leader: sc.leader[pu],
                in_segment: sc.in_seg[pu],
                responses: a.given as u64 + a.received as u64,
            });
        }
        index[pu]
    };
    for e in &pass.edges {
        let source = node(e.a, &mut nodes);
        let target = node(e.b, &mut nodes);
        edges.push(Edge { source, target, weight: e.weight as u64 });
    }
    Network { nodes, edges, pairs: pass.pairs }
}

/// (responses between different known departments, responses with both departments known).
/// Responses between people of different known departments, and between people of known
/// departments.
pub(crate) fn cross_counts(pass: &Pass) -> (u64, u64) {
    (pass.cross, pass.known)
}

pub(crate) fn matrix(sc: &Scope, pass: &Pass) -> ExchangeMatrix {
    let k = sc.fixed.dept_names.len();
    let side = k + 1;
    let unknown_used = (0..side).any(|i| pass.matrix[i * side + k] > 0 || pass.matrix[k * side + i] > 0);
    let n = if unknown_used { side } else { k };
    let mut departments = sc.fixed.dept_names.clone();
    if unknown_used {
        departments.push(NO_DEPARTMENT.to_string());
    }
    let counts = (0..n).map(|g| (0..n).map(|r| pass.matrix[g * side + r]).collect()).collect();
    let (cross, known) = cross_counts(pass);
    ExchangeMatrix { departments, counts, cross_share: (known > 0).then(|| cross as f64 / known as f64) }
}
