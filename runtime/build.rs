//! Builds the wasm runtime (and, with the `metadata-hash` feature, its metadata hash).

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Symbol and decimals must agree with the chain properties in the chain specs.
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(gongzhi_token::SYMBOL, gongzhi_token::DECIMALS)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
mod gongzhi_token {
	include!("src/token.rs");
}
