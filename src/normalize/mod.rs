//! The `normalize` stage: Turkish numbers and text repair.
//!
//! Sits between `tables` (recognised table cells as raw text) and `model`
//! (the canonical programme). It turns printed Turkish number text into exact
//! [`Decimal`](rust_decimal::Decimal)s and back ([`number`]), and repairs
//! printed names and titles — wrapped lines, hyphenation, spacing, stray
//! separators, Turkish casing, the broken dotted capital — and builds
//! matching keys ([`text`]), following "Value conventions" and "Text repair"
//! of the programme-model spec. Everything here is a pure function: no I/O,
//! no floating point.

pub mod number;
pub mod text;

pub use number::{format_amount, format_number, is_number, parse_amount, parse_number};
pub use text::{
    clean, distance_within, edit_distance, fix_dotted_capital, join_cell_lines, join_lines,
    join_wrapped, lower_char_tr, lower_tr, normalize_key, title_case_tr, to_lower_tr, to_upper_tr,
    within_distance, within_distance_of,
};
