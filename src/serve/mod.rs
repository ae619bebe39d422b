//! `perfprog serve`: a local web app over the library (issue 20).

pub mod jobs;
