//! `gongzhi-loadgen`: the load generator and report writer behind `scripts/bench.sh`.
//!
//! - `load`: a dev chain with N bench residents and N endowed senders in genesis; office Bob
//!   opens a procurement project, providers Eve and Ferdie bid; once voting opens, N signed
//!   ballots from N residents are submitted as fast as the node takes them (pipelined
//!   `author_submitExtrinsic` over a few WebSocket connections, through subxt's RPC client;
//!   calls built and signed by subxt from the node's metadata), then N
//!   `Balances::transfer_keep_alive`; each extrinsic is followed to the best block that holds it
//!   and to finality. Writes throughput, latency, and the node's CPU and memory as JSON.
//! - `scale`: a district of 50,000 residents in genesis and one ballot all of them vote in; also
//!   exports the state with the project and a survey open, patched for `benchmark extrinsic`.
//! - `prove`: ring-VRF proofs of anonymous ballots, made natively (`anon.rs`): a ring and its
//!   ballots as JSON on stdin, one proof per line on stdout (for e2e tests and load runs).
//! - `report`: writes bench/REPORT.md from the raw figures of a `scripts/bench.sh` run.
//!
//! Only loopback addresses are used; every node started is stopped before the command returns.

mod anon;
mod chain;
mod keys;
mod modes;
mod node;
mod report;
mod rpc;
mod run;
mod spec;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(about = "Gongzhi load generator and benchmark report writer")]
struct Cli {
	#[command(subcommand)]
	cmd: Cmd,
}

#[derive(Args, Clone)]
struct CommonArgs {
	/// The gongzhi-node binary (release, built with `runtime-benchmarks`).
	#[arg(long)]
	node: PathBuf,
	/// Scratch directory for chain specs, databases and node logs.
	#[arg(long)]
	work: PathBuf,
	/// The node's transaction pool: `fork-aware` (default) or `single-state`.
	#[arg(long, default_value = "fork-aware")]
	pool_type: String,
	/// Another argument for the node (repeatable), e.g. `--node-arg=--max-runtime-instances=4`.
	#[arg(long = "node-arg", allow_hyphen_values = true)]
	node_args: Vec<String>,
	/// WebSocket connections that submit.
	#[arg(long, default_value_t = 4)]
	connections: usize,
	/// Requests in flight per connection.
	#[arg(long, default_value_t = 256)]
	inflight: usize,
}

impl CommonArgs {
	fn common(&self) -> modes::Common {
		modes::Common {
			node: self.node.clone(),
			work: self.work.clone(),
			pool_type: self.pool_type.clone(),
			node_args: self.node_args.clone(),
			connections: self.connections,
			inflight: self.inflight,
		}
	}
}

#[derive(Subcommand)]
enum Cmd {
	/// N ballots from N residents, then N transfers from N accounts, on one fresh dev node.
	Load {
		#[command(flatten)]
		common: CommonArgs,
		/// Ballots (and transfers).
		#[arg(long, default_value_t = 10_000)]
		n: u32,
		/// A name for this configuration (file names, report).
		#[arg(long, default_value = "load")]
		label: String,
		/// Where the JSON results go.
		#[arg(long)]
		out: PathBuf,
		/// Record the node with `perf record -e cpu-clock` during each phase, into
		/// `<PATH>.vote.data` and `<PATH>.transfer.data` (wasm frames named through wasmtime's
		/// perf map).
		#[arg(long)]
		perf: Option<PathBuf>,
	},
	/// A district of RESIDENTS residents in genesis and one ballot all of them vote in.
	Scale {
		#[command(flatten)]
		common: CommonArgs,
		/// Residents in the district.
		#[arg(long, default_value_t = 50_000)]
		residents: u32,
		/// Ballots per second expected (sizes the voting window; from the load run).
		#[arg(long, default_value_t = 200.0)]
		expected_rate: f64,
		/// Where the JSON results go.
		#[arg(long)]
		out: PathBuf,
		/// Where the exported, patched state for `benchmark extrinsic` goes.
		#[arg(long)]
		bench_spec: PathBuf,
	},
	/// A state snapshot for `scripts/try-upgrade.sh`: a district of RESIDENTS residents in genesis
	/// answers a survey and votes in a ballot (every resident both), then the node stops and its
	/// state at the finalized head is exported (`gongzhi-node export-state`, a raw chain spec).
	District {
		#[command(flatten)]
		common: CommonArgs,
		/// Residents in the district.
		#[arg(long, default_value_t = 50_000)]
		residents: u32,
		/// Where the snapshot goes.
		#[arg(long)]
		out: PathBuf,
	},
	/// Writes the report from a run's raw figures.
	Report {
		/// The raw figures (bench/raw).
		#[arg(long)]
		raw: PathBuf,
		/// The repository root (for the runtime's configured limits).
		#[arg(long)]
		root: PathBuf,
		/// The report to write (bench/REPORT.md).
		#[arg(long)]
		out: PathBuf,
	},
	/// Copies `benchmark pallet --json-file` output keeping at most KEEP samples per benchmark and
	/// component values (with `--min-duration` the full file runs to tens of megabytes).
	SlimPalletJson {
		/// The full JSON.
		#[arg(long = "in")]
		input: PathBuf,
		/// Where the slimmed JSON goes.
		#[arg(long)]
		out: PathBuf,
		/// Samples kept per benchmark and component values.
		#[arg(long, default_value_t = 50)]
		keep: usize,
	},
	/// Ring-VRF proofs of anonymous ballots: reads one ring and its ballots as JSON on stdin
	/// (`{domain, keys, root, context, ballots: [{entropy, message}]}`, bytes as hex) and writes
	/// one line per proof, as each is made and checked: `{"index","alias","proof"}`.
	Prove,
	/// Prints `<label> <pool type> <ballots/s>` of the fastest load run in RAW.
	Pick {
		/// The raw figures (bench/raw).
		#[arg(long)]
		raw: PathBuf,
	},
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
	let cli = Cli::parse();
	let result = match cli.cmd {
		Cmd::Load { common, n, label, out, perf } => {
			modes::load(&common.common(), n, &label, &out, perf).await
		},
		Cmd::Scale { common, residents, expected_rate, out, bench_spec } => {
			modes::scale(&common.common(), residents, expected_rate, &out, &bench_spec).await
		},
		Cmd::District { common, residents, out } => {
			modes::district(&common.common(), residents, &out).await
		},
		Cmd::Report { raw, root, out } => report::write(&raw, &root, &out),
		Cmd::Prove => anon::run(),
		Cmd::Pick { raw } => report::pick(&raw),
		Cmd::SlimPalletJson { input, out, keep } => report::slim_pallet_json(&input, &out, keep),
	};
	if let Err(e) = result {
		eprintln!("gongzhi-loadgen: {e}");
		std::process::exit(1);
	}
}
