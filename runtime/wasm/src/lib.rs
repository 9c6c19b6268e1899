//! The Gongzhi (共治) runtime compiled to wasm, as substrate-wasm-builder builds it (`build.rs`).
//!
//! - `WASM_BINARY`: the compact, compressed runtime, the code of the node's built-in chains
//!   (`None` when built with `SKIP_WASM_BUILD`);
//! - `WASM_BINARY_BLOATY`: the same before compaction.
//!
//! The `next-version` runtime that the upgrade tests set on a live chain is another crate's
//! (gongzhi-runtime-next-wasm), built with the cargo tests rather than with the node.

#![no_std]

include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
