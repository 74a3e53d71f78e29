//! The backward pass: latest finishes that keep the project finish, hence total float and the
//! critical path.

use super::model::{Network, Successors};

/// Late finish point (`F`, see [`super::model`]) of every task, given the early starts from the
/// forward pass and the topological `order`. The project finish is the latest early `F`.
pub(super) fn late_finish(
    net: &Network,
    succ: &Successors,
    order: &[usize],
    early_start: &[i64],
) -> Vec<i64> {
    let duration = |i: usize| net.tasks[i].duration;
    let project_finish = (0..net.tasks.len())
        .map(|i| early_start[i] + duration(i))
        .max()
        .unwrap_or(0);
    let mut late = vec![project_finish; net.tasks.len()];
    for &u in order.iter().rev() {
        for &li in succ.of(u) {
            let l = &net.links[li];
            let v = l.succ;
            // The latest the successor's constrained point may be...
            let point = if l.kind.to_finish() {
                late[v]
            } else {
                late[v] - duration(v)
            };
            // ...bounds the predecessor's constraining point, hence its finish.
            let mut bound = point - l.lag;
            if !l.kind.from_finish() {
                bound += duration(u);
            }
            if bound < late[u] {
                late[u] = bound;
            }
        }
    }
    late
}
