//! One integration-test binary; a module per area.

mod util;

mod audit;
mod cli;
mod ingest;
mod render;
mod workbook;
