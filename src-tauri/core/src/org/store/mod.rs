//! The organisation's rows: units read as the editor shows them, units added, renamed, moved,
//! retired and described (`units`), and a transfer's membership rows, target moves and undo
//! records (`transfer`, `transfer_undo`). The feature modules check and decide; these read and
//! write.

pub(super) mod transfer;
pub(super) mod transfer_undo;
pub(super) mod units;
