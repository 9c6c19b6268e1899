//! Builds the wasm runtime (and, with the `metadata-hash` feature, its metadata hash), and beside
//! it the `next-version` runtime the upgrade test upgrades a live chain to.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Symbol and decimals must agree with the chain properties in the chain specs.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(gongzhi_token::SYMBOL, gongzhi_token::DECIMALS)
		.build();
	build_next_version();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	build_next_version();
}

/// The runtime with its `next-version` feature (spec_version one ahead, a storage migration), as
/// `wbuild/gongzhi-runtime/gongzhi_runtime_next.compact.compressed.wasm`: the code
/// `e2e/tests/06-upgrade.test.js` sets on a live chain. Nothing includes it in the node. Only the
/// runtime and needs-survey compile again for it (the other crates' features are the same); its
/// metadata hash is not computed (clients of the test run with `CheckMetadataHash` disabled).
#[cfg(feature = "std")]
fn build_next_version() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("next-version")
		.set_file_name("gongzhi_runtime_next")
		.build();
}

#[cfg(not(feature = "std"))]
fn main() {}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
mod gongzhi_token {
	include!("src/token.rs");
}
