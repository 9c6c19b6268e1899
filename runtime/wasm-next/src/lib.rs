//! The Gongzhi (共治) runtime's `next-version` build in wasm, as substrate-wasm-builder builds it
//! (`build.rs`): `WASM_BINARY`, the compact, compressed runtime that the upgrade tests set on a
//! live chain, at `WASM_BINARY_PATH` (`None` when built with `SKIP_WASM_BUILD`), and
//! `WASM_BINARY_BLOATY`, the same before compaction. The e2e tests read the file itself.

#![no_std]

// substrate-wasm-builder names the generated file after `set_file_name` (build.rs).
include!(concat!(env!("OUT_DIR"), "/gongzhi_runtime_next"));

#[cfg(test)]
mod tests {
	/// The file `e2e/lib/tools.js` (`NEXT_WASM`) reads, under the target dir.
	const E2E_PATH: &str =
		"/release/wbuild/gongzhi-runtime/gongzhi_runtime_next.compact.compressed.wasm";

	#[test]
	fn the_cargo_tests_build_the_runtime_where_the_e2e_tests_read_it() {
		// Fails when the build made no wasm (SKIP_WASM_BUILD on a target dir without one: with one,
		// substrate-wasm-builder names the one there) or wrote it under another name.
		let path = super::WASM_BINARY_PATH.expect("the next-version runtime was built");
		assert!(path.ends_with(E2E_PATH), "{path} is not where e2e/lib/tools.js reads it");
		assert!(super::WASM_BINARY.is_some_and(|code| !code.is_empty()));
	}
}
