//! The program-budget layout (Program → Alt Program → Faaliyet): its own
//! recognisers over the same row stream as the performance-target layout.
//! Entry point: [`recognise`].

use crate::error::{Error, Warning};
use crate::layout::SourceDoc;
use crate::normalize::number::Separators;
use crate::Extraction;

use super::lines::Item;

/// Recognises a program-budget document's blocks, summaries and front
/// matter in the row stream.
pub fn recognise(
    doc: &SourceDoc,
    _rows: &[Item],
    _sep: Separators,
    _warnings: Vec<Warning>,
) -> Result<Extraction, Error> {
    Err(Error::NotProgramme {
        path: doc.path.clone(),
        reason: "the program-budget reader is not written yet".into(),
    })
}
