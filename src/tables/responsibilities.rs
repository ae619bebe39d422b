//! The responsibilities table.

use crate::ingest::Warning;
use crate::model::Responsibility;

use super::lines::Item;

/// Parses the responsibilities table.
pub fn parse(_items: &[Item], _warnings: &mut Vec<Warning>) -> Vec<Responsibility> {
    Vec::new()
}
