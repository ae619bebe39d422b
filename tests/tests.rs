//! One integration-test binary; a module per area.

mod pdfgen;
mod util;

mod audit;
mod cli;
mod ingest;
mod read;
mod render;
mod workbook;
