//! What a review's fishbone shows: the effect, and root causes under six fixed categories whose
//! codes both the drawing and the labels follow.

/// The category codes, in drawing order: the first three above the spine, left to right, the
/// last three below it.
pub const FISHBONE_CATEGORIES: [&str; 6] = [
    "people",
    "method",
    "market",
    "product",
    "resources",
    "external",
];

/// What a review's fishbone shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fishbone {
    /// Title line, e.g. "华东 · 2026-Q3 复盘".
    pub title: String,
    /// The effect at the fish's head, e.g. "营收达成 86.40%".
    pub effect: String,
    pub causes: Vec<FishboneCause>,
}

/// One root cause on a bone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FishboneCause {
    /// people | method | market | product | resources | external
    pub category: String,
    pub text: String,
    pub controllable: bool,
}
