//! The `tables` stage (in progress).
