//! The runtime's integration tests, built as one test binary (`cargo test --test runtime`): each
//! file is a module, and `common` is what they share. One binary compiles and links the
//! runtime's generic code once: as seven binaries, one a file, they took 173 s of compile time
//! between them, as one 100 s (cargo `--timings` on 2 cores, 2026-12-03).
//! Run one file's tests with its module as the filter: `cargo test --test runtime -- fuzz::`.

mod common;

mod fuzz;
mod governance;
mod pool;
mod retention;
mod rings;
mod try_upgrade;
mod wiring;
