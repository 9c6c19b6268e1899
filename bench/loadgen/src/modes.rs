//! The two runs: `load` (N ballots, then N transfers, on one node) and `scale` (a district of
//! 50,000 residents and one ballot all of them vote in).

use crate::{
	chain::{self, Anchor, Chain, Rules, Signed},
	keys::{self, hex},
	node::{dir_bytes, Node, NodeConfig, Sampler},
	rpc::{Result, Rpc},
	run::{measure, Pace, PhaseReport},
	spec,
};
use serde::Serialize;
use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::{Command, Stdio},
	time::{Duration, Instant},
};

/// One token: 12 decimals (runtime/src/token.rs).
const UNIT: u64 = 1_000_000_000_000;
/// The runtime's existential deposit (a thousandth of a token): what each transfer sends.
const EXISTENTIAL_DEPOSIT: u128 = 1_000_000_000;

/// Options shared by both runs.
#[derive(Clone, Debug)]
pub struct Common {
	/// The node binary.
	pub node: PathBuf,
	/// A scratch directory (chain specs, database, logs).
	pub work: PathBuf,
	/// `--pool-type` of the node.
	pub pool_type: String,
	/// More node arguments.
	pub node_args: Vec<String>,
	/// WebSocket connections submitting.
	pub connections: usize,
	/// Requests in flight per connection.
	pub inflight: usize,
}

/// The procurement project every run votes in.
#[derive(Clone, Debug, Serialize)]
pub struct Setup {
	/// Its id.
	pub project: u32,
	/// `(bidding start, bidding end, voting start, voting end)`.
	pub windows: (u32, u32, u32, u32),
	/// The benchmark survey, if one was opened: `(id, opens_at, closes_at)`.
	pub survey: Option<(u32, u32, u32)>,
	/// Seconds from the first setup call to the first block of voting.
	pub secs: f64,
}

async fn wait_block(rpc: &Rpc, at_least: u32) -> Result<u32> {
	loop {
		let (n, _) = rpc.best().await?;
		if n >= at_least {
			return Ok(n);
		}
		tokio::time::sleep(Duration::from_millis(300)).await;
	}
}

/// Whether `pallet::item(keys)` holds a value at the best block.
async fn stored(chain: &Chain, pallet: &str, item: &str, keys: Vec<u32>) -> Result<bool> {
	chain::exists(&chain.at_best().await?.0, pallet, item, keys).await
}

/// Office Bob opens a project (and, with `survey`, the benchmark survey, opening when voting
/// does); providers Eve and Ferdie bid; returns once voting is open. Retries with later windows
/// if a block is missed.
pub async fn setup(chain: &Chain, voting_blocks: u32, survey: bool) -> Result<Setup> {
	let started = Instant::now();
	let (bob, eve, ferdie) = (keys::dev("Bob"), keys::dev("Eve"), keys::dev("Ferdie"));
	for attempt in 0..3 {
		let (at, best) = chain.at_best().await?;
		let project = chain::read_u32(&at, "Procurement", "NextProjectId").await?;
		let survey_id = chain::read_u32(&at, "NeedsSurvey", "NextSurveyId").await?;
		let n = best.number;
		let rules = Rules {
			office: 0,
			bidding_start: n + 2,
			bidding_end: n + 5,
			voting_start: n + 5,
			voting_end: n + 5 + voting_blocks,
			quorum_percent: 10,
		};
		let survey_window = (rules.voting_start, rules.voting_start + 100_000);
		eprintln!(
			"  setup (attempt {}): project {project}, bidding [{}, {}), voting [{}, {})",
			attempt + 1,
			rules.bidding_start,
			rules.bidding_end,
			rules.voting_start,
			rules.voting_end
		);
		chain
			.send(
				&bob,
				&chain::create_project("长者助餐服务 (bench)", "每日午餐配送", 1_000_000, &rules),
			)
			.await?;
		if survey {
			// Same sender: wait for the pool to count the first one in the next nonce.
			tokio::time::sleep(Duration::from_millis(200)).await;
			chain
				.send(
					&bob,
					&chain::create_bench_survey(
						0,
						"社区养老服务需求调研 (bench)",
						survey_window.0,
						survey_window.1,
					),
				)
				.await?;
		}
		let rpc = &chain.rpc;
		// The project must exist before bidding starts.
		let mut created = false;
		while rpc.best().await?.0 < rules.bidding_start {
			if stored(chain, "Procurement", "Projects", vec![project]).await? {
				created = true;
				break;
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
		if !created && !stored(chain, "Procurement", "Projects", vec![project]).await? {
			eprintln!("  setup: project not created in time; retrying");
			continue;
		}
		wait_block(rpc, rules.bidding_start).await?;
		chain
			.send(&eve, &chain::submit_bid(project, 900_000, "银龄居家养老服务中心：热食配送"))
			.await?;
		chain
			.send(&ferdie, &chain::submit_bid(project, 800_000, "安心家政服务社：中央厨房"))
			.await?;
		let mut bids = false;
		while rpc.best().await?.0 < rules.bidding_end {
			if stored(chain, "Procurement", "Bids", vec![project, 1]).await? {
				bids = true;
				break;
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
		if !bids && !stored(chain, "Procurement", "Bids", vec![project, 1]).await? {
			eprintln!("  setup: bids not in before bidding closed; retrying");
			continue;
		}
		if survey && !stored(chain, "NeedsSurvey", "Surveys", vec![survey_id]).await? {
			return Err("the benchmark survey was not created (see the node log)".into());
		}
		wait_block(rpc, rules.voting_start).await?;
		return Ok(Setup {
			project,
			windows: (rules.bidding_start, rules.bidding_end, rules.voting_start, rules.voting_end),
			survey: survey.then_some((survey_id, survey_window.0, survey_window.1)),
			secs: started.elapsed().as_secs_f64(),
		});
	}
	Err("could not set up a project in three attempts (see the node log)".into())
}

/// Signs `vote(project, i % 2)` for residents `0..n`, each with `nonce`, mortal from the best
/// block.
async fn votes(chain: &Chain, project: u32, n: u32, nonce: u64) -> Result<Vec<Signed>> {
	let (at, best) = chain.at_best().await?;
	(0..n)
		.map(|i| {
			chain::sign(&at, Some(best), &keys::resident(i), nonce, &chain::vote(project, i % 2))
		})
		.collect()
}

/// An account's free balance at the best block.
async fn free_balance(chain: &Chain, who: &[u8; 32]) -> Result<u128> {
	chain::free_balance(&chain.at_best().await?.0, who).await
}

/// The finalized head, for reading storage at it.
async fn finalized(chain: &Chain) -> Result<Anchor> {
	let (number, hash) = chain.rpc.finalized().await?;
	Ok(Anchor { number, hash })
}

async fn connections(url: &str, n: usize) -> Result<Vec<Rpc>> {
	let mut v = Vec::new();
	for _ in 0..n {
		v.push(Rpc::connect(url).await?);
	}
	Ok(v)
}

fn node_config(c: &Common, chain: PathBuf, name: &str, env: Vec<(String, String)>) -> NodeConfig {
	NodeConfig {
		bin: c.node.clone(),
		chain,
		base_path: c.work.join(format!("{name}-db")),
		log: c.work.join(format!("{name}-node.log")),
		pool_type: c.pool_type.clone(),
		extra_args: c.node_args.clone(),
		env,
	}
}

fn write_json(path: &Path, v: &impl Serialize) -> Result<()> {
	std::fs::write(path, serde_json::to_string_pretty(v).map_err(|e| e.to_string())?)
		.map_err(|e| format!("{}: {e}", path.display()))
}

/// A perf recording of the node, stopped (SIGINT) when dropped.
struct Perf(Option<std::process::Child>);

impl Perf {
	fn start(out: Option<PathBuf>, pid: u32) -> Self {
		Self(out.and_then(|out| {
			Command::new("perf")
				.args(["record", "-e", "cpu-clock", "-F", "499", "-p", &pid.to_string(), "-o"])
				.arg(&out)
				.stdout(Stdio::null())
				.stderr(Stdio::null())
				.spawn()
				.map_err(|e| eprintln!("  perf: {e}"))
				.ok()
		}))
	}
}

impl Drop for Perf {
	fn drop(&mut self) {
		if let Some(child) = &mut self.0 {
			let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
			let _ = child.wait();
		}
	}
}

/// What `load` writes.
#[derive(Serialize)]
pub struct LoadReport {
	/// A name for this configuration.
	pub label: String,
	/// `--pool-type`.
	pub pool_type: String,
	/// The node's arguments.
	pub node_args: Vec<String>,
	/// Residents (and transfer senders) in genesis.
	pub n: u32,
	/// Seconds from starting the node to its first RPC answer (genesis build included).
	pub node_start_secs: f64,
	/// The project.
	pub setup: Setup,
	/// The ballots, then the transfers.
	pub phases: Vec<PhaseReport>,
	/// Finalized ballots per second ÷ finalized transfers per second.
	pub ratio_finalized_tps: f64,
	/// Ballot records in storage at the end (must equal the ballots finalized).
	pub ballots_in_storage: u64,
	/// Bob's balance gain ÷ the value of one transfer (must equal the transfers finalized).
	pub transfers_credited: u128,
	/// `gongzhi_projectTally` at the end.
	pub tally: Value,
	/// `payment_queryInfo` of an empty `System::remark` by Alice: `(ref_time, proof_size)`,
	/// i.e. what the runtime charges for the transaction extensions of any signed extrinsic
	/// (the remark itself weighs next to nothing).
	pub remark_declared_weight: (u64, u64),
}

/// `load`: N ballots from N residents, then N transfers from N accounts, on one node.
pub async fn load(
	c: &Common,
	n: u32,
	label: &str,
	out: &Path,
	perf: Option<PathBuf>,
) -> Result<()> {
	std::fs::create_dir_all(&c.work).map_err(|e| e.to_string())?;
	eprintln!("==> load [{label}]: chain spec with {n} residents and {n} senders");
	let s = spec::dev_spec_with(&c.node, n, n, 1000 * UNIT)?;
	let spec_path = c.work.join(format!("{label}-spec.json"));
	write_json(&spec_path, &s)?;
	let env = if perf.is_some() {
		vec![("WASMTIME_PROFILING_STRATEGY".into(), "perfmap".into())]
	} else {
		vec![]
	};
	let cfg = node_config(c, spec_path, label, env);
	let _ = std::fs::remove_dir_all(&cfg.base_path);
	let t = Instant::now();
	let mut node = Node::start(&cfg).await?;
	let node_start_secs = t.elapsed().as_secs_f64();
	eprintln!("  node up in {node_start_secs:.1} s ({})", node.url);
	let sampler = Sampler::start(node.pid);
	let ctl = Rpc::connect(&node.url).await?;
	let follower = Rpc::connect(&node.url).await?;
	let conns = connections(&node.url, c.connections).await?;
	let chain = Chain::new(&ctl).await?;
	let hasher = *chain.at_best().await?.0.hasher();
	let setup = setup(&chain, 10_000, false).await?;
	let pace = Pace { inflight: c.inflight, stall: Duration::from_secs(60) };

	eprintln!("  signing {n} ballots");
	let batch = votes(&chain, setup.project, n, 0).await?;
	let vote = {
		let _perf = Perf::start(perf.as_ref().map(|p| p.with_extension("vote.data")), node.pid);
		measure("vote", batch, &hasher, &conns, &follower, node.pid, &cfg.log, &sampler, pace)
			.await?
	};
	print_phase(&vote);

	let bob = keys::account(&keys::dev("Bob"));
	let bob_before = free_balance(&chain, &bob).await?;
	eprintln!("  signing {n} transfers");
	let (at, best) = chain.at_best().await?;
	let call = chain::transfer_keep_alive(&bob, EXISTENTIAL_DEPOSIT);
	let batch = (0..n)
		.map(|i| chain::sign(&at, Some(best), &keys::sender(i), 0, &call))
		.collect::<Result<Vec<_>>>()?;
	let transfer = {
		let _perf = Perf::start(perf.as_ref().map(|p| p.with_extension("transfer.data")), node.pid);
		let name = "transfer_keep_alive";
		measure(name, batch, &hasher, &conns, &follower, node.pid, &cfg.log, &sampler, pace).await?
	};
	print_phase(&transfer);

	let at_fin = chain.at(finalized(&chain).await?).await?;
	let (ballots_in_storage, _, _) =
		chain::prefix_sizes(&at_fin, "Procurement", "Ballots", setup.project).await?;
	let transfers_credited = (free_balance(&chain, &bob).await? - bob_before) / EXISTENTIAL_DEPOSIT;
	let tally = ctl
		.call("gongzhi_projectTally", vec![setup.project.into()])
		.await
		.unwrap_or_else(Value::String);
	let (at, best) = chain.at_best().await?;
	let remark = chain::sign(&at, Some(best), &keys::dev("Alice"), 0, &chain::remark())?;
	let remark_declared_weight = ctl.query_weight(&remark.bytes).await?;
	drop(sampler);
	node.stop();

	let ratio = if transfer.finalized_tps > 0.0 {
		vote.finalized_tps / transfer.finalized_tps
	} else {
		0.0
	};
	eprintln!(
		"  ballots/s {:.0} vs transfers/s {:.0}: ratio {ratio:.2}; {ballots_in_storage} ballots stored, {transfers_credited} transfers credited",
		vote.finalized_tps, transfer.finalized_tps
	);
	write_json(
		out,
		&LoadReport {
			label: label.into(),
			pool_type: c.pool_type.clone(),
			node_args: node.args.clone(),
			n,
			node_start_secs,
			setup,
			phases: vec![vote, transfer],
			ratio_finalized_tps: ratio,
			ballots_in_storage,
			transfers_credited,
			tally,
			remark_declared_weight,
		},
	)
}

fn print_phase(p: &PhaseReport) {
	eprintln!(
		"  {}: {}/{} finalized in {:.1} s → {:.0}/s (accepted at {:.0}/s; in blocks {:.0}/s; p50 {:.0} ms, p95 {:.0} ms; node CPU {:.0}%, RSS {:.0} MiB)",
		p.name,
		p.finalized,
		p.n,
		p.finalize_secs,
		p.finalized_tps,
		p.accept_rate,
		p.block_span_tps,
		p.latency_finalized.p50_ms,
		p.latency_finalized.p95_ms,
		p.node_cpu_pct,
		p.node_rss_peak_mib
	);
}

/// What `scale` writes.
#[derive(Serialize)]
pub struct ScaleReport {
	/// Residents in genesis.
	pub residents: u32,
	/// Seconds from starting the node to its first RPC answer (genesis build included).
	pub node_start_secs: f64,
	/// The project (and the benchmark survey).
	pub setup: Setup,
	/// Block at which the state was exported for `benchmark extrinsic`.
	pub exported_at: u32,
	/// The ballots.
	pub phase: PhaseReport,
	/// Ballot records before and after: `(keys, key bytes, value bytes)`.
	pub ballots_before: (u64, u64, u64),
	/// After.
	pub ballots_after: (u64, u64, u64),
	/// Database directory size before the ballots, bytes.
	pub db_bytes_before: u64,
	/// After the ballots were finalized.
	pub db_bytes_after: u64,
	/// The block `close` went into.
	pub close_block: u32,
	/// `payment_queryInfo` of `close`: declared `(ref_time, proof_size)`, base included.
	pub close_declared_weight: (u64, u64),
	/// `System::BlockWeight` of that block: `(ref_time, proof_size)` per class (normal,
	/// operational, mandatory), after `close`'s refund.
	pub close_block_weight: Vec<(u64, u64)>,
	/// Extrinsics in that block.
	pub close_block_extrinsics: u32,
	/// `gongzhi_projectOutcome` after closing.
	pub outcome: Value,
	/// `payment_queryInfo` of `reap_ballots(project, 1)` and `(project, MaxReapBatch)`.
	pub reap_declared_weight: Vec<(u32, u64, u64)>,
	/// `system_dryRun` of `reap_ballots(project, MaxReapBatch)` right after closing (hex of the
	/// `ApplyExtrinsicResult`).
	pub reap_dry_run: String,
}

/// `scale`: a district of `residents` residents in genesis and one ballot all of them vote in.
pub async fn scale(
	c: &Common,
	residents: u32,
	expected_rate: f64,
	out: &Path,
	bench_spec: &Path,
) -> Result<()> {
	std::fs::create_dir_all(&c.work).map_err(|e| e.to_string())?;
	eprintln!("==> scale: chain spec with {residents} residents");
	let s = spec::dev_spec_with(&c.node, residents, 0, UNIT)?;
	let spec_path = c.work.join("scale-spec.json");
	write_json(&spec_path, &s)?;
	let mut cfg = node_config(c, spec_path.clone(), "scale", vec![]);
	cfg.extra_args.extend(["--rpc-methods".to_string(), "unsafe".to_string()]);
	let _ = std::fs::remove_dir_all(&cfg.base_path);
	let t = Instant::now();
	let mut node = Node::start(&cfg).await?;
	let node_start_secs = t.elapsed().as_secs_f64();
	eprintln!("  node up in {node_start_secs:.1} s (genesis with {residents} residents)");

	// A voting window long enough for every ballot at the expected rate, with a margin.
	let voting_blocks =
		((residents as f64 / expected_rate.max(10.0) / 6.0) * 1.5).ceil() as u32 + 10;
	let ctl = Rpc::connect(&node.url).await?;
	let chain = Chain::new(&ctl).await?;
	let setup = setup(&chain, voting_blocks, true).await?;
	let (survey_id, opens, closes) = setup.survey.expect("asked for a survey");

	// Snapshot the state with the project and the survey open, for `benchmark extrinsic`.
	let (at, best) = chain.at_best().await?;
	let exported_at = best.number;
	let state_keys = chain::state_keys(&at, setup.project, survey_id)?;
	drop((at, chain, ctl));
	node.stop();
	eprintln!("  exporting the state at block {exported_at} for benchmark extrinsic");
	let exported = Command::new(&c.node)
		.args(["export-state", "--chain"])
		.arg(&spec_path)
		.arg("--base-path")
		.arg(&cfg.base_path)
		.arg(exported_at.to_string())
		.stderr(Stdio::null())
		.output()
		.map_err(|e| format!("export-state: {e}"))?;
	if !exported.status.success() {
		return Err("export-state failed".into());
	}
	let mut state: Value =
		serde_json::from_slice(&exported.stdout).map_err(|e| format!("exported state: {e}"))?;
	spec::patch_exported_state(&mut state, &state_keys, setup.windows, (opens, closes))?;
	std::fs::write(bench_spec, serde_json::to_vec(&state).map_err(|e| e.to_string())?)
		.map_err(|e| format!("{}: {e}", bench_spec.display()))?;
	drop(state);

	let mut node = Node::start(&cfg).await?;
	let sampler = Sampler::start(node.pid);
	let ctl = Rpc::connect(&node.url).await?;
	let follower = Rpc::connect(&node.url).await?;
	let conns = connections(&node.url, c.connections).await?;
	let chain = Chain::new(&ctl).await?;
	let hasher = *chain.at_best().await?.0.hasher();
	let (project, chain_ref) = (setup.project, &chain);
	let ballots = move |at: Anchor| async move {
		chain::prefix_sizes(&chain_ref.at(at).await?, "Procurement", "Ballots", project).await
	};
	let ballots_before = ballots(finalized(&chain).await?).await?;
	let db_bytes_before = dir_bytes(&cfg.base_path);

	eprintln!("  signing {residents} ballots");
	let batch = votes(&chain, setup.project, residents, 0).await?;
	let pace = Pace { inflight: c.inflight, stall: Duration::from_secs(90) };
	let name = "vote (district)";
	let phase =
		measure(name, batch, &hasher, &conns, &follower, node.pid, &cfg.log, &sampler, pace)
			.await?;
	print_phase(&phase);
	tokio::time::sleep(Duration::from_secs(5)).await;
	let ballots_after = ballots(finalized(&chain).await?).await?;
	let db_bytes_after = dir_bytes(&cfg.base_path);
	eprintln!(
		"  ballots stored: {} ({} key + {} value bytes); database grew {} bytes",
		ballots_after.0,
		ballots_after.1,
		ballots_after.2,
		db_bytes_after as i64 - db_bytes_before as i64
	);

	// Close once voting has ended.
	eprintln!("  waiting for the end of voting (block {})", setup.windows.3);
	wait_block(&ctl, setup.windows.3).await?;
	let bob = keys::dev("Bob");
	let nonce = ctl.next_index(&keys::account(&bob)).await?;
	let (at, best) = chain.at_best().await?;
	let close_ext = chain::sign(&at, Some(best), &bob, nonce, &chain::close(setup.project))?;
	let close_declared_weight = ctl.query_weight(&close_ext.bytes).await?;
	let close = measure(
		"close",
		vec![close_ext],
		&hasher,
		&conns[..1],
		&follower,
		node.pid,
		&cfg.log,
		&sampler,
		pace,
	)
	.await?;
	let close_row = close.blocks.first().cloned().ok_or("close was not included")?;
	let close_hash = ctl.block_hash(close_row.number).await?;
	let close_at = chain.at(Anchor { number: close_row.number, hash: close_hash }).await?;
	let close_block_weight = chain::block_weight(&close_at).await?;
	let outcome = ctl
		.call("gongzhi_projectOutcome", vec![setup.project.into()])
		.await
		.unwrap_or_else(Value::String);

	// Reaping: what it would cost, and what the runtime says now (RetentionPeriod).
	let mut reap_declared_weight = Vec::new();
	let nonce = ctl.next_index(&keys::account(&bob)).await?;
	let (at, best) = chain.at_best().await?;
	// The largest batch a call may take (the runtime's `Procurement::MaxReapBatch`).
	let batch = chain::constant_u32(&at, "Procurement", "MaxReapBatch")?;
	for limit in [1u32, batch] {
		let call = chain::reap_ballots(setup.project, limit);
		let ext = chain::sign(&at, Some(best), &bob, nonce, &call)?;
		let (r, p) = ctl.query_weight(&ext.bytes).await?;
		reap_declared_weight.push((limit, r, p));
	}
	// A dry run applies the extrinsic on the best block's state without starting a new block,
	// so anchor its era one block back (the best block's own hash isn't in `BlockHash` yet).
	let (best, _) = ctl.best().await?;
	let parent = Anchor { number: best - 1, hash: ctl.block_hash(best - 1).await? };
	let call = chain::reap_ballots(setup.project, batch);
	let reap = chain::sign(&at, Some(parent), &bob, nonce, &call)?;
	let reap_dry_run = ctl
		.call("system_dryRun", vec![hex(&reap.bytes).into()])
		.await
		.map(|v| v.as_str().unwrap_or_default().to_string())
		.unwrap_or_else(|e| e);
	drop(sampler);
	node.stop();

	write_json(
		out,
		&ScaleReport {
			residents,
			node_start_secs,
			setup,
			exported_at,
			phase,
			ballots_before,
			ballots_after,
			db_bytes_before,
			db_bytes_after,
			close_block: close_row.number,
			close_declared_weight,
			close_block_weight,
			close_block_extrinsics: close_row.extrinsics,
			outcome,
			reap_declared_weight,
			reap_dry_run,
		},
	)
}

/// The `district` mode: see its command's documentation (main.rs).
pub async fn district(c: &Common, residents: u32, out: &Path) -> Result<()> {
	std::fs::create_dir_all(&c.work).map_err(|e| e.to_string())?;
	eprintln!("==> district: chain spec with {residents} residents");
	let spec_path = c.work.join("district-spec.json");
	write_json(&spec_path, &spec::dev_spec_with(&c.node, residents, 0, UNIT)?)?;
	let cfg = node_config(c, spec_path.clone(), "district", vec![]);
	let _ = std::fs::remove_dir_all(&cfg.base_path);
	let mut node = Node::start(&cfg).await?;
	let sampler = Sampler::start(node.pid);
	let ctl = Rpc::connect(&node.url).await?;
	let follower = Rpc::connect(&node.url).await?;
	let conns = connections(&node.url, c.connections).await?;
	let chain = Chain::new(&ctl).await?;
	let hasher = *chain.at_best().await?.0.hasher();
	// Voting stays open (as in a district whose ballot runs when its runtime is upgraded).
	let setup = setup(&chain, 100_000, true).await?;
	let (survey, opens, _) = setup.survey.expect("asked for a survey");
	wait_block(&ctl, opens.max(setup.windows.2)).await?;
	let pace = Pace { inflight: c.inflight, stall: Duration::from_secs(90) };
	eprintln!("  signing {residents} responses");
	let (at, best) = chain.at_best().await?;
	let batch = (0..residents)
		.map(|i| {
			let call = chain::respond_bench_survey(survey, i);
			chain::sign(&at, Some(best), &keys::resident(i), 0, &call)
		})
		.collect::<Result<Vec<_>>>()?;
	let name = "respond (district)";
	let answered =
		measure(name, batch, &hasher, &conns, &follower, node.pid, &cfg.log, &sampler, pace)
			.await?;
	print_phase(&answered);
	eprintln!("  signing {residents} ballots");
	// Each resident's second transaction (nonce 1: the response was the first).
	let batch = votes(&chain, setup.project, residents, 1).await?;
	let name = "vote (district)";
	let voted =
		measure(name, batch, &hasher, &conns, &follower, node.pid, &cfg.log, &sampler, pace)
			.await?;
	print_phase(&voted);
	if answered.finalized < residents as usize || voted.finalized < residents as usize {
		return Err(format!(
			"not every response and ballot was finalized ({} and {} of {residents})",
			answered.finalized, voted.finalized
		));
	}
	let (finalized, _) = ctl.finalized().await?;
	drop((chain, ctl, follower, conns, sampler));
	node.stop();
	eprintln!("  exporting the state at block {finalized} to {}", out.display());
	let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
	let exported = Command::new(&c.node)
		.args(["export-state", "--chain"])
		.arg(&spec_path)
		.arg("--base-path")
		.arg(&cfg.base_path)
		.arg(finalized.to_string())
		.stdout(file)
		.stderr(Stdio::null())
		.status()
		.map_err(|e| format!("export-state: {e}"))?;
	if !exported.success() {
		return Err("export-state failed".into());
	}
	Ok(())
}
