//! The line parsers that text input (`.txt`) is still read with for two
//! table families: the performance-target tables (a text value wrapped
//! over several lines breaks its row apart in a text export) and the
//! responsibilities (an activity and its units printed without a cell
//! boundary between them). Its cost tables and summaries are read from the
//! rows of the spacing rule by the recognisers one level up.

pub mod responsibilities;
pub mod targets;
