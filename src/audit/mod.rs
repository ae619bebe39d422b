//! The `audit` stage (in progress).
