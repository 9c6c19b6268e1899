//! Builds the runtime (`../Cargo.toml`) to wasm (and, with the `metadata-hash` feature, with its
//! metadata hash), and beside it the `next-version` runtime the upgrade test upgrades a live chain
//! to. substrate-wasm-builder gives the wasm build the runtime's features that are on in this
//! crate's build (the names in Cargo.toml's `[features]`).

use std::path::Path;
use substrate_wasm_builder::WasmBuilder;

/// The builder of the runtime's wasm, with the settings every Substrate runtime uses.
fn runtime() -> WasmBuilder {
	// Without `..`: substrate-wasm-builder finds the runtime in `cargo metadata` by this path.
	let runtime_dir =
		Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("runtime/wasm has a parent");
	WasmBuilder::new()
		.with_project(runtime_dir.join("Cargo.toml"))
		.expect("runtime/Cargo.toml exists beside this crate")
		.import_memory()
		.export_heap_base()
}

#[cfg(feature = "metadata-hash")]
fn main() {
	// Symbol and decimals must agree with the chain properties in the chain specs.
	runtime().enable_metadata_hash(gongzhi_token::SYMBOL, gongzhi_token::DECIMALS).build();
	build_next_version();
}

#[cfg(not(feature = "metadata-hash"))]
fn main() {
	runtime().build();
	build_next_version();
}

/// The runtime with its `next-version` feature (spec_version one ahead, a storage migration), as
/// `wbuild/gongzhi-runtime/gongzhi_runtime_next.compact.compressed.wasm`: the code
/// `e2e/tests/06-upgrade.test.js` sets on a live chain. Nothing includes it in the node. Only the
/// runtime and needs-survey compile again for it (the other crates' features are the same); its
/// metadata hash is not computed (clients of the test run with `CheckMetadataHash` disabled).
fn build_next_version() {
	runtime().enable_feature("next-version").set_file_name("gongzhi_runtime_next").build();
}

#[cfg(feature = "metadata-hash")]
mod gongzhi_token {
	include!("../src/token.rs");
}
