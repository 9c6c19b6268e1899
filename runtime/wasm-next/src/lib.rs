//! The Gongzhi (共治) runtime's `next-version` build in wasm, as substrate-wasm-builder builds it
//! (`build.rs`): `WASM_BINARY`, the compact, compressed runtime that the upgrade tests set on a
//! live chain, at `WASM_BINARY_PATH` (`None` when built with `SKIP_WASM_BUILD`), and
//! `WASM_BINARY_BLOATY`, the same before compaction. The e2e tests read the file itself.

#![no_std]

// substrate-wasm-builder names the generated file after `set_file_name` (build.rs).
include!(concat!(env!("OUT_DIR"), "/gongzhi_runtime_next"));
