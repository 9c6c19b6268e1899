//! The Gongzhi (共治) runtime compiled to wasm, as substrate-wasm-builder builds it (`build.rs`).
//!
//! - `WASM_BINARY`: the compact, compressed runtime, the code of the node's built-in chains
//!   (`None` when built with `SKIP_WASM_BUILD`);
//! - `WASM_BINARY_BLOATY`: the same before compaction;
//! - beside them, in `wbuild/gongzhi-runtime/`, the `next-version` runtime that the upgrade test
//!   sets on a live chain (not embedded).

#![no_std]

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
