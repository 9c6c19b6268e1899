//! `gongzhi-indexer`: the command line.
//!
//! ```text
//! gongzhi-indexer --node ws://127.0.0.1:9944 --database sqlite://gongzhi-index.sqlite?mode=rwc --http 127.0.0.1:8080
//! gongzhi-indexer serve --database URL --http ADDR      # HTTP only, no node
//! gongzhi-indexer dump --database URL                   # the whole index, canonical order
//! ```

use clap::{Parser, Subcommand};
use gongzhi_indexer::db::Db;
use gongzhi_indexer::follow::{self, FollowConfig, SharedState};
use gongzhi_indexer::http::{self, AppState};
use std::net::SocketAddr;
use std::time::Duration;

const DEFAULT_DATABASE: &str = "sqlite://gongzhi-index.sqlite?mode=rwc";

/// Follows a Gongzhi chain's finalized blocks into SQL and serves them over HTTP.
#[derive(Parser, Debug)]
#[command(name = "gongzhi-indexer", version, about)]
struct Cli {
	#[command(subcommand)]
	command: Option<Command>,
	/// WebSocket RPC URL of a Gongzhi node (archive state, e.g. `--state-pruning archive-canonical`,
	/// to backfill old blocks).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Database URL: `sqlite://FILE?mode=rwc` (a bare file name works too) or `postgres://…`.
	#[arg(long, default_value = DEFAULT_DATABASE)]
	database: String,
	/// Address for the read-only HTTP API, e.g. `127.0.0.1:8080`; none if not given.
	#[arg(long)]
	http: Option<SocketAddr>,
	/// Longest pause, in seconds, between attempts to reach the node.
	#[arg(long, default_value_t = 60)]
	max_backoff_secs: u64,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Serve the HTTP API over an existing index, without following a node.
	Serve {
		/// Database URL.
		#[arg(long, default_value = DEFAULT_DATABASE)]
		database: String,
		/// Address for the HTTP API.
		#[arg(long, default_value = "127.0.0.1:8080")]
		http: SocketAddr,
	},
	/// Print the whole index in a canonical order (`table<TAB>json` per row, timing columns left
	/// out), to compare two indexes.
	Dump {
		/// Database URL.
		#[arg(long, default_value = DEFAULT_DATABASE)]
		database: String,
	},
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.init();
	match run(Cli::parse()).await {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("gongzhi-indexer: {e:#}");
			std::process::ExitCode::FAILURE
		},
	}
}

async fn run(cli: Cli) -> anyhow::Result<()> {
	match cli.command {
		Some(Command::Dump { database }) => {
			let db = Db::open(&database).await?;
			let stdout = std::io::stdout();
			let mut out = std::io::BufWriter::new(stdout.lock());
			db.dump(&mut out).await?;
			Ok(())
		},
		Some(Command::Serve { database, http }) => {
			let db = Db::open(&database).await?;
			http::serve(http, AppState { db, follow: None }).await
		},
		None => {
			let db = Db::open(&cli.database).await?;
			let state = SharedState::default();
			let mut cfg = FollowConfig::new(cli.node.clone());
			cfg.backoff_max = Duration::from_secs(cli.max_backoff_secs.max(1));
			let follower = tokio::spawn(follow::run(db.clone(), cfg, state.clone()));
			let server = cli
				.http
				.map(|addr| tokio::spawn(http::serve(addr, AppState { db, follow: Some(state) })));
			tokio::select! {
				_ = tokio::signal::ctrl_c() => {
					tracing::info!("interrupted; stopping (the cursor is at the last committed block)");
					Ok(())
				},
				r = follower => Err(anyhow::anyhow!("the follower stopped: {r:?}")),
				r = async { match server { Some(s) => s.await, None => std::future::pending().await } } => match r {
					Ok(Ok(())) => Err(anyhow::anyhow!("the HTTP server stopped")),
					Ok(Err(e)) => Err(e),
					Err(e) => Err(anyhow::anyhow!("the HTTP server failed: {e}")),
				},
			}
		},
	}
}
