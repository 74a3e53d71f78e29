//! The one trait an import kind implements (a registry in the manner of an importer table):
//! the fields its preview shows, its preview (type every row, count errors and unknown values,
//! write nothing) and its commit (write inside the batch's transaction). Preview and commit
//! look a kind up with [`super::ImportKind::importer`] and know nothing else about it.
//!
//! How a row is typed is each kind's own: `actuals_row::type_row`, `org::type_row` and the
//! target grid's cells, shared by that kind's preview and commit so both count the same rows.

use super::headers::Field;
use super::job::{Job, PreviewJob};
use crate::error::Result;
use crate::store::batches::AggregateDelta;

pub(super) trait Importer: Sync {
    /// The fields of a preview row, in the order its values come.
    fn fields(&self) -> &'static [Field];

    /// The fields a file must give a column for: a commit without one is refused
    /// (`import_missing_column`).
    fn required(&self) -> &'static [Field];

    /// The columns named as examples (zh, en) when no header row is found in a file.
    fn header_hint(&self) -> (&'static str, &'static str);

    /// Whether a batch of this kind books to the chosen metric (the organisation does not).
    fn books_to_metric(&self) -> bool {
        true
    }

    /// Reads every row as the commit would, writing nothing; returns the data rows counted
    /// (records, for a target grid).
    fn preview(&self, job: PreviewJob<'_>) -> Result<u64>;

    /// Writes every row into the batch; actuals return the aggregate change they made, other
    /// kinds leave the aggregates to be rebuilt for the batch.
    fn commit(&self, job: Job<'_>) -> Result<Option<AggregateDelta>>;
}
