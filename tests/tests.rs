//! One integration-test binary; a module per area.

mod pdfgen;
mod util;

mod audit;
mod budget_audit;
mod budget_loop;
pub mod budget_read;
mod budget_render;
mod cli;
mod i18n;
mod ingest;
mod layout;
mod nesting;
mod read;
mod render;
mod serve_jobs;
mod typeset;
mod workbook;
