//! The line parsers that text input (`.txt`, which has no positions and so
//! no grids yet) is still read with, one per table family; positioned input
//! is read from table rows by the recognisers one level up.

pub mod responsibilities;
pub mod targets;
