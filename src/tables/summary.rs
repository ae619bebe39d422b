//! The resource summary and the economic-code summary.

use crate::ingest::Warning;
use crate::model::{EconomicSummary, ResourceSummary};

use super::lines::Item;

/// Parses İdarenin Toplam Kaynak İhtiyacı.
pub fn resources(_items: &[Item], _warnings: &mut Vec<Warning>) -> ResourceSummary {
    ResourceSummary::default()
}

/// Parses the Mali Yılı Toplam Kaynak İhtiyacı Tablosu.
pub fn economic(_items: &[Item], _warnings: &mut Vec<Warning>) -> EconomicSummary {
    EconomicSummary::default()
}
