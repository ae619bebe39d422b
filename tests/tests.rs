//! One integration-test binary; a module per area.

mod pdfgen;
mod util;

mod audit;
mod budget_audit;
mod budget_loop;
pub mod budget_read;
mod budget_render;
mod cli;
mod damage;
mod i18n;
mod ingest;
mod layout;
mod nesting;
mod office;
mod preview;
mod printing;
mod read;
mod render;
mod serve;
mod serve_browser;
mod serve_jobs;
mod targets_variants;
mod titles;
mod typeset;
mod workbook;
