//! Front matter sections.

use crate::ingest::Warning;
use crate::model::Section;

use super::lines::Item;

/// Parses the front matter.
pub fn parse(_items: &[Item], _warnings: &mut Vec<Warning>) -> Vec<Section> {
    Vec::new()
}
