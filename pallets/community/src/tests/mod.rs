//! Unit tests, one file per theme. Each test sets the scene with `mock.rs` helpers, acts once and
//! asserts the outcome, the event and the unchanged rest; `do_try_state` runs after every test.

mod activities;
mod communities;
mod conflicts;
mod deposits;
mod genesis;
mod member_keys;
mod moves;
mod offices;
mod providers;
mod registry;
mod replacements;
mod residents;
