use super::tests::{change, demo};
use super::*;
use crate::money::{WAN, YI};

#[test]
fn probe() {
    let ws = demo();
    let r = TierRatios { floor_bp: 8_500, challenge_bp: 13_000, sprint_bp: Some(15_000) };
    let out = set_tier_ratios(&ws, r, Some(&change())).unwrap();
    println!("changed {}", out.changed);
    let mut st = ws.conn().prepare("SELECT o.name, t.period, t.floor_value, t.base_value, t.challenge_value, t.sprint_value FROM target t JOIN org_unit o ON o.id=t.org_unit_id WHERE o.name IN ('星辰智能科技','华东','华东一组','张三') AND t.period IN ('2026','2026-01','2026-02')").unwrap();
    let rows = st.query_map([], |r| Ok((r.get::<_,String>(0)?, r.get::<_,String>(1)?, r.get::<_,i64>(2)?, r.get::<_,i64>(3)?, r.get::<_,i64>(4)?, r.get::<_,Option<i64>>(5)?))).unwrap();
    for r in rows { println!("{:?}", r.unwrap()); }
    let _ = (WAN, YI);
}
