//! Builds the runtime (`../Cargo.toml`) to wasm, and with the `metadata-hash` feature with its
//! metadata hash. substrate-wasm-builder gives the wasm build the runtime's features that are on
//! in this crate's build (the names in Cargo.toml's `[features]`). The `next-version` runtime of
//! the upgrade tests is gongzhi-runtime-next-wasm's (`../wasm-next/`).

include!("builder.rs");

#[cfg(feature = "metadata-hash")]
fn main() {
	// Symbol and decimals must agree with the chain properties in the chain specs.
	runtime().enable_metadata_hash(gongzhi_token::SYMBOL, gongzhi_token::DECIMALS).build();
}

#[cfg(not(feature = "metadata-hash"))]
fn main() {
	runtime().build();
}

#[cfg(feature = "metadata-hash")]
mod gongzhi_token {
	include!("../src/token.rs");
}
