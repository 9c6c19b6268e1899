//! The Gongzhi (共治) node: gongzhi-node-lib with the runtime's wasm and this build's version.

// sc_cli::Error is large; every node returns it, and boxing it would only move the cost.
#![allow(clippy::result_large_err)]

fn main() -> sc_cli::Result<()> {
	gongzhi_node_lib::run(gongzhi_node_lib::Embedded {
		wasm: gongzhi_runtime_wasm::WASM_BINARY,
		impl_version: env!("SUBSTRATE_CLI_IMPL_VERSION"),
		description: env!("CARGO_PKG_DESCRIPTION"),
	})
}
