//! Gongzhi indexer: follows a Gongzhi node's finalized blocks (subxt, decoding with each block's
//! own metadata), writes the Gongzhi pallets' events and the domain tables built from them to SQL
//! (sqlx: SQLite by default, PostgreSQL by URL), and serves them read-only over HTTP (axum) in
//! JSON and CSV.
//!
//! - [`follow`]: the follower (backfill, then finalized heads; back-off on every failure).
//! - [`db`]: the pool, migrations, the one-transaction-per-block writer, reads and `dump`.
//! - [`mapping`]: event → domain rows (pure), [`value`]: decoded values → JSON.
//! - [`http`], [`openapi`]: the API. [`tables`]: what it exposes.

pub mod calendar;
pub mod db;
pub mod follow;
pub mod http;
pub mod mapping;
pub mod openapi;
pub mod tables;
pub mod value;
