//! Builds the runtime (`../Cargo.toml`) with its `next-version` feature (spec_version one ahead,
//! needs-survey's storage migration) as
//! `wbuild/gongzhi-runtime/gongzhi_runtime_next.compact.compressed.wasm`, beside the node's
//! runtime: the code `e2e/tests/06-upgrade.test.js` and `09-council.test.js` set on a live chain.
//! Only the runtime and needs-survey compile again for it (the other crates' features are the
//! node runtime's); its metadata hash is not computed (the tests' clients run with
//! `CheckMetadataHash` disabled).

include!("../wasm/builder.rs");

fn main() {
	runtime().enable_feature("next-version").set_file_name("gongzhi_runtime_next").build();
}
