//! Measuring: submit a batch of signed extrinsics as fast as the node takes them, and follow
//! each one to the best block that includes it and to finality.

use crate::{
	chain::Signed,
	node::{thread_ticks, Sampler},
	rpc::{Conf, Hash, Result, Rpc},
};
use futures::{stream, StreamExt};
use serde::Serialize;
use std::{
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use subxt::config::{Config, Hasher};

/// The chain's extrinsic hasher (from its metadata), for the extrinsics of the blocks followed.
pub type ExtHasher = <Conf as Config>::Hasher;

/// One extrinsic's journey.
#[derive(Clone, Debug, Default)]
struct Journey {
	sent: Option<Instant>,
	acked: Option<Instant>,
	included: Option<(u32, Instant)>,
	finalized: Option<Instant>,
	error: Option<String>,
	retries: u32,
}

/// A block that held some of the batch.
#[derive(Clone, Debug)]
struct Seen {
	hash: Hash,
	at: Instant,
	extrinsics: u32,
	ours: Vec<usize>,
	finalized: Option<Instant>,
}

#[derive(Default)]
struct State {
	index: HashMap<Hash, usize>,
	journeys: Vec<Journey>,
	blocks: BTreeMap<u32, Seen>,
}

impl State {
	fn resolved(&self) -> usize {
		self.journeys.iter().filter(|j| j.finalized.is_some() || j.error.is_some()).count()
	}
}

/// Percentiles of a set of durations, in milliseconds.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Latency {
	/// Median.
	pub p50_ms: f64,
	/// 95th percentile.
	pub p95_ms: f64,
	/// Worst.
	pub max_ms: f64,
}

fn latency(mut v: Vec<f64>) -> Latency {
	if v.is_empty() {
		return Latency::default();
	}
	v.sort_by(|a, b| a.partial_cmp(b).unwrap());
	let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
	Latency { p50_ms: at(0.5), p95_ms: at(0.95), max_ms: v[v.len() - 1] }
}

/// A block in a phase's report.
#[derive(Clone, Debug, Serialize)]
pub struct BlockRow {
	/// Block number.
	pub number: u32,
	/// Extrinsics of the batch in it.
	pub ours: u32,
	/// All extrinsics in it (inherents included).
	pub extrinsics: u32,
	/// When it was seen as best, in ms after the first submission.
	pub seen_ms: u64,
	/// When it was seen finalized, in ms after the first submission.
	pub finalized_ms: Option<u64>,
	/// How long the node took to build it (its log: "Prepared block for proposing at …").
	pub proposing_ms: Option<u64>,
	/// Why the node stopped adding extrinsics to it (`HitBlockWeightLimit`,
	/// `NoMoreTransactions`, `HitDeadline`, `HitBlockSizeLimit`, …).
	pub end: Option<String>,
}

/// The node's "Prepared block for proposing at N (T ms) … end: REASON; …" log lines, by block
/// number.
pub fn proposals(log: &std::path::Path) -> HashMap<u32, (u64, String)> {
	let mut out = HashMap::new();
	let Ok(text) = std::fs::read_to_string(log) else { return out };
	for line in text.lines() {
		let Some(rest) = line.split("Prepared block for proposing at ").nth(1) else { continue };
		let number = rest.split_whitespace().next().and_then(|n| n.parse().ok());
		let ms = rest
			.split('(')
			.nth(1)
			.and_then(|r| r.split(" ms").next())
			.and_then(|m| m.trim().parse().ok());
		let end = rest
			.split("end: ")
			.nth(1)
			.and_then(|r| r.split(';').next())
			.map(|r| r.trim().to_string())
			.unwrap_or_default();
		if let (Some(n), Some(ms)) = (number, ms) {
			out.insert(n, (ms, end));
		}
	}
	out
}

/// What one batch measured.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PhaseReport {
	/// `vote`, `transfer_keep_alive`, …
	pub name: String,
	/// Extrinsics in the batch.
	pub n: usize,
	/// Accepted by `author_submitExtrinsic`.
	pub accepted: usize,
	/// Rejected for good (after retries of "pool full").
	pub rejected: usize,
	/// Resubmissions after a full pool.
	pub retries: u32,
	/// A few of the rejections, verbatim.
	pub rejection_samples: Vec<String>,
	/// Seen in a best block.
	pub included: usize,
	/// Seen finalized.
	pub finalized: usize,
	/// Connections submitting.
	pub connections: usize,
	/// Requests in flight per connection.
	pub inflight_per_connection: usize,
	/// First submission → last acceptance, seconds.
	pub submit_secs: f64,
	/// Acceptances per second.
	pub accept_rate: f64,
	/// First submission → last inclusion, seconds.
	pub include_secs: f64,
	/// Included per second over that time.
	pub included_tps: f64,
	/// First submission → last finalization, seconds.
	pub finalize_secs: f64,
	/// Finalized per second over that time: the headline figure.
	pub finalized_tps: f64,
	/// Finalized per second between the first and the last block that held the batch
	/// (excludes the wait for the first block and for finality of the last one).
	pub block_span_tps: f64,
	/// Submission (sent) → seen in a best block.
	pub latency_included: Latency,
	/// Submission (sent) → seen finalized.
	pub latency_finalized: Latency,
	/// The most extrinsics of the batch in one block.
	pub max_per_block: u32,
	/// Blocks that held the batch.
	pub blocks: Vec<BlockRow>,
	/// Node CPU over the phase (100 = one core; the machine has 2).
	pub node_cpu_pct: f64,
	/// Node CPU seconds while the batch was being submitted (RPC and pool validation dominate).
	pub node_cpu_secs_submitting: f64,
	/// Node CPU seconds from the last acceptance to the end (block production, import,
	/// finality, pool maintenance).
	pub node_cpu_secs_after: f64,
	/// Node peak resident memory over the phase, MiB.
	pub node_rss_peak_mib: f64,
	/// Node resident memory at the end of the phase, MiB.
	pub node_rss_end_mib: f64,
	/// The load generator's own CPU over the phase (it shares the 2 cores).
	pub loadgen_cpu_pct: f64,
	/// Node CPU seconds per thread name over the phase.
	pub node_threads_cpu_secs: BTreeMap<String, f64>,
	/// `payment_queryInfo` of the first extrinsic: `(ref_time, proof_size)` the runtime
	/// declares, base extrinsic weight included.
	pub declared_weight: (u64, u64),
	/// Encoded length of the first extrinsic, bytes.
	pub encoded_len: usize,
}

/// How to submit.
#[derive(Clone, Copy, Debug)]
pub struct Pace {
	/// Requests in flight per connection.
	pub inflight: usize,
	/// Give up when nothing new is finalized for this long after the last acceptance.
	pub stall: Duration,
}

/// Follows new best and finalized blocks, marking the batch's extrinsics in them.
async fn follow(
	rpc: Rpc,
	hasher: ExtHasher,
	state: Arc<Mutex<State>>,
	done: Arc<std::sync::atomic::AtomicBool>,
) -> Result<()> {
	let mut heads = rpc.subscribe_new_heads().await?;
	let mut finals = rpc.subscribe_finalized_heads().await?;
	let (mut last_seen, _) = rpc.best().await?;
	let (mut last_final, _) = rpc.finalized().await?;

	async fn see(
		rpc: &Rpc,
		hasher: &ExtHasher,
		state: &Arc<Mutex<State>>,
		n: u32,
		hash: Hash,
	) -> Result<()> {
		let exts = rpc.block_extrinsics(hash).await?;
		let now = Instant::now();
		let mut s = state.lock().unwrap();
		let mut ours = Vec::new();
		for e in &exts {
			if let Some(&i) = s.index.get(&hasher.hash(e)) {
				if s.journeys[i].included.is_none() {
					s.journeys[i].included = Some((n, now));
				}
				ours.push(i);
			}
		}
		s.blocks.insert(
			n,
			Seen { hash, at: now, extrinsics: exts.len() as u32, ours, finalized: None },
		);
		Ok(())
	}

	while !done.load(std::sync::atomic::Ordering::Relaxed) {
		tokio::select! {
			head = heads.next() => {
				let Some(Ok(head)) = head else { return Err("new-heads subscription ended".into()) };
				let n = head.number as u32;
				for m in last_seen + 1..=n {
					let hash = rpc.block_hash(m).await?;
					see(&rpc, &hasher, &state, m, hash).await?;
				}
				last_seen = last_seen.max(n);
			}
			fin = finals.next() => {
				let Some(Ok(fin)) = fin else { return Err("finalized-heads subscription ended".into()) };
				let n = fin.number as u32;
				for m in last_final + 1..=n {
					let hash = rpc.block_hash(m).await?;
					let known = state.lock().unwrap().blocks.get(&m).map(|b| b.hash);
					if known != Some(hash) {
						see(&rpc, &hasher, &state, m, hash).await?;
					}
					let now = Instant::now();
					let mut s = state.lock().unwrap();
					let ours = s.blocks.get(&m).map(|b| b.ours.clone()).unwrap_or_default();
					for i in ours {
						if s.journeys[i].finalized.is_none() {
							s.journeys[i].finalized = Some(now);
						}
					}
					if let Some(b) = s.blocks.get_mut(&m) {
						b.finalized = Some(now);
					}
				}
				last_final = last_final.max(n);
			}
			_ = tokio::time::sleep(Duration::from_millis(250)) => {}
		}
	}
	Ok(())
}

fn retryable(e: &str) -> bool {
	// 1016: "Immediately Dropped" (pool full); 1014: "Priority is too low" (also a full pool).
	e.contains("1016") || e.contains("Immediately Dropped") || e.contains("1014")
}

/// Submits `batch` (signed extrinsics) over `conns`, pipelined, and follows it to finality;
/// `hasher` hashes the extrinsics of the blocks followed.
pub async fn measure(
	name: &str,
	batch: Vec<Signed>,
	hasher: &ExtHasher,
	conns: &[Rpc],
	follower: &Rpc,
	node_pid: u32,
	node_log: &std::path::Path,
	sampler: &Sampler,
	pace: Pace,
) -> Result<PhaseReport> {
	let n = batch.len();
	let declared_weight = follower.query_weight(&batch[0].bytes).await.unwrap_or_else(|e| {
		eprintln!("  {name}: payment_queryInfo: {e}");
		(0, 0)
	});
	let encoded_len = batch[0].bytes.len();
	let state = Arc::new(Mutex::new(State::default()));
	{
		let mut s = state.lock().unwrap();
		for (i, e) in batch.iter().enumerate() {
			s.index.insert(e.hash, i);
		}
		s.journeys = vec![Journey::default(); n];
	}
	let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
	let follower_task =
		tokio::spawn(follow(follower.clone(), *hasher, state.clone(), done.clone()));
	// Let the subscriptions start before the first submission.
	tokio::time::sleep(Duration::from_millis(500)).await;

	let threads_before = thread_ticks(node_pid);
	let start = Instant::now();
	let mut lanes: Vec<Vec<(usize, Signed)>> = vec![Vec::new(); conns.len()];
	for (i, e) in batch.into_iter().enumerate() {
		lanes[i % conns.len()].push((i, e));
	}
	let mut tasks = Vec::new();
	for (lane, rpc) in lanes.into_iter().zip(conns.iter().cloned()) {
		let state = state.clone();
		let inflight = pace.inflight;
		tasks.push(tokio::spawn(async move {
			stream::iter(lane)
				.map(|(i, ext)| {
					let rpc = rpc.clone();
					let state = state.clone();
					async move {
						state.lock().unwrap().journeys[i].sent = Some(Instant::now());
						let mut backoff = Duration::from_millis(20);
						loop {
							match rpc.submit(&ext.bytes).await {
								Ok(hash) => {
									let mut s = state.lock().unwrap();
									s.journeys[i].acked = Some(Instant::now());
									if hash != ext.hash {
										s.journeys[i].error =
											Some(format!("node hash {hash:?} differs from ours"));
									}
									break;
								},
								Err(e) if retryable(&e) => {
									state.lock().unwrap().journeys[i].retries += 1;
									tokio::time::sleep(backoff).await;
									backoff = (backoff * 2).min(Duration::from_secs(2));
								},
								Err(e) => {
									state.lock().unwrap().journeys[i].error = Some(e);
									break;
								},
							}
						}
					}
				})
				.buffer_unordered(inflight)
				.collect::<Vec<()>>()
				.await;
		}));
	}
	for t in tasks {
		t.await.map_err(|e| e.to_string())?;
	}
	let all_acked = Instant::now();
	eprintln!(
		"  {name}: {n} submitted in {:.1} s; waiting for finality",
		(all_acked - start).as_secs_f64()
	);

	// Wait until everything is finalized or rejected, or nothing moves for `pace.stall`.
	let mut last_progress = (state.lock().unwrap().resolved(), Instant::now());
	let mut last_print = Instant::now();
	loop {
		tokio::time::sleep(Duration::from_millis(200)).await;
		let resolved = state.lock().unwrap().resolved();
		if resolved == n {
			break;
		}
		if resolved != last_progress.0 {
			last_progress = (resolved, Instant::now());
		} else if last_progress.1.elapsed() > pace.stall {
			eprintln!("  {name}: stalled at {resolved}/{n} for {:?}; giving up", pace.stall);
			break;
		}
		if follower_task.is_finished() {
			break;
		}
		if last_print.elapsed() > Duration::from_secs(5) {
			eprintln!("  {name}: {resolved}/{n} finalized or rejected");
			last_print = Instant::now();
		}
	}
	let end = Instant::now();
	done.store(true, std::sync::atomic::Ordering::Relaxed);
	match follower_task.await {
		Ok(Err(e)) => eprintln!("  {name}: block follower: {e}"),
		Err(e) => eprintln!("  {name}: block follower: {e}"),
		Ok(Ok(())) => {},
	}
	let threads_after = thread_ticks(node_pid);

	let s = state.lock().unwrap();
	let secs = |t: Instant| (t - start).as_secs_f64();
	let last = |f: &dyn Fn(&Journey) -> Option<Instant>| s.journeys.iter().filter_map(f).max();
	let accepted = s.journeys.iter().filter(|j| j.acked.is_some() && j.error.is_none()).count();
	let included = s.journeys.iter().filter(|j| j.included.is_some()).count();
	let finalized = s.journeys.iter().filter(|j| j.finalized.is_some()).count();
	let submit_secs = last(&|j| j.acked).map(secs).unwrap_or(0.0);
	let include_secs = last(&|j| j.included.map(|x| x.1)).map(secs).unwrap_or(0.0);
	let finalize_secs = last(&|j| j.finalized).map(secs).unwrap_or(0.0);
	let ours: Vec<(&u32, &Seen)> = s.blocks.iter().filter(|(_, b)| !b.ours.is_empty()).collect();
	let block_span_tps = match (ours.first(), ours.last()) {
		(Some((_, a)), Some((_, b))) if ours.len() > 1 => {
			// Ballots in all but the first block, over the time from the first block to the last.
			let count: usize = ours.iter().skip(1).map(|(_, b)| b.ours.len()).sum();
			count as f64 / (b.at - a.at).as_secs_f64().max(1e-9)
		},
		_ => 0.0,
	};
	let per_sec = |count: usize, t: f64| if t > 0.0 { count as f64 / t } else { 0.0 };
	let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
	let lat_inc =
		latency(s.journeys.iter().filter_map(|j| Some(ms(j.sent?, j.included?.1))).collect());
	let lat_fin =
		latency(s.journeys.iter().filter_map(|j| Some(ms(j.sent?, j.finalized?))).collect());
	let tck = crate::node::clk_tck();
	let node_threads_cpu_secs = threads_after
		.iter()
		.map(|(k, v)| (k.clone(), (v - threads_before.get(k).copied().unwrap_or(0)) as f64 / tck))
		.filter(|(_, v)| *v > 0.0)
		.collect();
	let (node_cpu_pct, node_rss_peak_mib, node_rss_end_mib, loadgen_cpu_pct) =
		sampler.summary(start, end);
	let node_cpu_secs_submitting =
		sampler.summary(start, all_acked).0 / 100.0 * (all_acked - start).as_secs_f64();
	let node_cpu_secs_after =
		sampler.summary(all_acked, end).0 / 100.0 * (end - all_acked).as_secs_f64();
	let proposed = proposals(node_log);
	let rejections: Vec<String> = s.journeys.iter().filter_map(|j| j.error.clone()).collect();
	Ok(PhaseReport {
		name: name.into(),
		n,
		accepted,
		rejected: rejections.len(),
		retries: s.journeys.iter().map(|j| j.retries).sum(),
		rejection_samples: rejections.into_iter().take(5).collect(),
		included,
		finalized,
		connections: conns.len(),
		inflight_per_connection: pace.inflight,
		submit_secs,
		accept_rate: per_sec(accepted, submit_secs),
		include_secs,
		included_tps: per_sec(included, include_secs),
		finalize_secs,
		finalized_tps: per_sec(finalized, finalize_secs),
		block_span_tps,
		latency_included: lat_inc,
		latency_finalized: lat_fin,
		max_per_block: ours.iter().map(|(_, b)| b.ours.len() as u32).max().unwrap_or(0),
		blocks: ours
			.iter()
			.map(|(n, b)| BlockRow {
				number: **n,
				ours: b.ours.len() as u32,
				extrinsics: b.extrinsics,
				seen_ms: (b.at.saturating_duration_since(start)).as_millis() as u64,
				finalized_ms: b
					.finalized
					.map(|f| f.saturating_duration_since(start).as_millis() as u64),
				proposing_ms: proposed.get(n).map(|p| p.0),
				end: proposed.get(n).map(|p| p.1.clone()),
			})
			.collect(),
		node_cpu_pct,
		node_cpu_secs_submitting,
		node_cpu_secs_after,
		node_rss_peak_mib,
		node_rss_end_mib,
		loadgen_cpu_pct,
		node_threads_cpu_secs,
		declared_weight,
		encoded_len,
	})
}
