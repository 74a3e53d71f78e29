use super::*;
use crate::variance::{Engine, VarianceQuery};
use crate::Workspace;

fn demo() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    crate::demo::create_demo(&mut ws, crate::demo::DEFAULT_SEED).unwrap();
    ws
}

#[test]
fn explore() {
    let ws = demo();
    let r = scorecards(&ws, "/", "2026-Q3", &load_scorecard(&ws).unwrap()).unwrap();
    println!("{}", serde_json::to_string_pretty(&r.to_json()).unwrap());
    let _ = Engine::new(&ws).unwrap().variance(&VarianceQuery::new("revenue", "/", "2026")).unwrap();
}
