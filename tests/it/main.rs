//! Integration tests: the real binary on real files, snapshots of every format, properties of
//! scoring, and one diagnostic test per validity rule.

// Tests may panic: a failed unwrap is a failed test, and helpers outside #[test] functions are
// still test code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod authoring;
mod cli;
mod common;
mod diagnostics;
mod hardening;
mod html;
mod props;
mod scoring;
mod snapshots;
