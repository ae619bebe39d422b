//! placeholder
use super::grid::Grid;
use super::Line;
/// stub
pub fn stream(_lines: &[Line], _ruled: &[Grid]) -> Vec<Grid> { Vec::new() }
