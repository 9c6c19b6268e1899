//! The Gongzhi (共治) node's code: the service (Aura + GRANDPA, ParityDB), its JSON-RPC and the
//! command line. The `gongzhi-node` binary (`node/src/main.rs`) is this library plus what it
//! embeds ([`Embedded`]): they are two crates so that this code compiles while the runtime's wasm
//! builds (gongzhi-runtime-wasm), not after it.

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

use std::sync::OnceLock;

/// What the binary that runs this node embeds.
#[derive(Debug)]
pub struct Embedded {
	/// The runtime's wasm: the code of the built-in `dev` and `local` chains (`None` in a build
	/// with `SKIP_WASM_BUILD`, whose node can only join chains from a chain spec file).
	pub wasm: Option<&'static [u8]>,
	/// The node's version with its git commit: `--version`, telemetry and `system_version`.
	pub impl_version: &'static str,
	/// What the node is, for `--help`.
	pub description: &'static str,
}

static EMBEDDED: OnceLock<Embedded> = OnceLock::new();

/// What `run` was given. `run` is this library's only entry point and sets it first, so every
/// reader finds it set.
fn embedded() -> &'static Embedded {
	EMBEDDED
		.get()
		.expect("gongzhi_node_lib::run sets what the binary embeds before anything reads it")
}

/// Parses the command line and runs the node or the subcommand, with the runtime and version the
/// binary embeds. Called once per process (by `main`).
pub fn run(embedded: Embedded) -> sc_cli::Result<()> {
	EMBEDDED
		.set(embedded)
		.map_err(|_| sc_cli::Error::Input("gongzhi_node_lib::run was called twice".into()))?;
	command::run()
}
