//! Integration tests: the real binary on real files, snapshots of every format, properties of
//! scoring, and one diagnostic test per validity rule.

mod authoring;
mod cli;
mod common;
mod diagnostics;
mod props;
mod scoring;
mod snapshots;
