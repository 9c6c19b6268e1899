// The builder of the runtime's wasm with the settings every Substrate runtime uses: the build
// scripts of gongzhi-runtime-wasm (the node's runtime) and gongzhi-runtime-next-wasm (the
// `next-version` runtime) both start from it (`include!`).

/// substrate-wasm-builder on the runtime beside the crate whose build script this is.
fn runtime() -> substrate_wasm_builder::WasmBuilder {
	// Without `..`: substrate-wasm-builder finds the runtime in `cargo metadata` by this path.
	let runtime_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
		.parent()
		.expect("the crate is in a folder of runtime/");
	substrate_wasm_builder::WasmBuilder::new()
		.with_project(runtime_dir.join("Cargo.toml"))
		.expect("runtime/Cargo.toml exists beside this crate")
		.import_memory()
		.export_heap_base()
}
