//! The Gongzhi (共治) node.

// sc_cli::Error is large; every node returns it, and boxing it would only move the cost.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

mod chain_spec;
mod check_spec;
mod cli;
mod command;
mod rpc;
mod service;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;

fn main() -> sc_cli::Result<()> {
	command::run()
}
