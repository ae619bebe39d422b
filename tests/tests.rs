//! One integration-test binary; a module per area.

mod pdfgen;
mod util;

mod audit;
mod cli;
mod ingest;
mod layout;
mod read;
mod render;
mod typeset;
mod workbook;
