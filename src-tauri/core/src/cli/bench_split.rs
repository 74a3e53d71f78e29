use super::Args;
use crate::error::Result;
use serde_json::Value;
use std::io::Write;

pub fn bench_split(args: &mut Args, out: &mut dyn Write) -> Result<Value> {
    let _ = (args, out);
    todo!()
}
