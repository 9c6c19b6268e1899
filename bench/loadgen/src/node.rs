//! Starting and stopping a node, and watching its CPU and memory through /proc.

use crate::rpc::{Result, Rpc};
use std::{
	collections::BTreeMap,
	fs,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// How to start a node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// The `gongzhi-node` binary.
	pub bin: PathBuf,
	/// The chain spec file.
	pub chain: PathBuf,
	/// The database directory (a temporary directory of the run).
	pub base_path: PathBuf,
	/// Where the node's log goes.
	pub log: PathBuf,
	/// `--pool-type`: `fork-aware` (the default) or `single-state`.
	pub pool_type: String,
	/// More arguments, verbatim.
	pub extra_args: Vec<String>,
	/// Environment variables for the node (e.g. `WASMTIME_PROFILING_STRATEGY`).
	pub env: Vec<(String, String)>,
}

/// A running node.
pub struct Node {
	child: Child,
	/// Its process id.
	pub pid: u32,
	/// `ws://127.0.0.1:<port>`.
	pub url: String,
	/// The arguments it was started with (for the report).
	pub args: Vec<String>,
}

/// A TCP port that is free on loopback right now.
pub fn free_port() -> u16 {
	std::net::TcpListener::bind("127.0.0.1:0")
		.and_then(|l| l.local_addr())
		.map(|a| a.port())
		.expect("binding 127.0.0.1:0")
}

impl Node {
	/// Starts the node as the chain's only validator (Alice), on loopback only, with limits high
	/// enough that the pool and the RPC server, not their configured caps, are what is measured.
	pub async fn start(cfg: &NodeConfig) -> Result<Self> {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let mut args: Vec<String> = [
			"--chain",
			&cfg.chain.to_string_lossy(),
			"--base-path",
			&cfg.base_path.to_string_lossy(),
			"--alice",
			"--validator",
			"--force-authoring",
			// A validator needs a network key; any fixed one will do on loopback.
			"--node-key",
			"0000000000000000000000000000000000000000000000000000000000000001",
			"--rpc-port",
			&rpc_port.to_string(),
			"--listen-addr",
			&format!("/ip4/127.0.0.1/tcp/{p2p_port}"),
			"--no-mdns",
			"--no-prometheus",
			"--no-telemetry",
			"--rpc-max-connections",
			"1000",
			"--rpc-max-request-size",
			"64",
			"--rpc-max-response-size",
			"512",
			"--rpc-max-subscriptions-per-connection",
			"4096",
			"--rpc-message-buffer-capacity-per-connection",
			"65536",
			"--pool-limit",
			"200000",
			"--pool-kbytes",
			"2000000",
			"--pool-type",
			&cfg.pool_type,
		]
		.iter()
		.map(|s| s.to_string())
		.collect();
		args.extend(cfg.extra_args.iter().cloned());
		// Appended to: a restarted node (the scale run) keeps one log.
		let log = fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&cfg.log)
			.map_err(|e| format!("{}: {e}", cfg.log.display()))?;
		let mut cmd = Command::new(&cfg.bin);
		cmd.args(&args)
			.stdin(Stdio::null())
			.stdout(log.try_clone().map_err(|e| e.to_string())?)
			.stderr(log);
		for (k, v) in &cfg.env {
			cmd.env(k, v);
		}
		let child = cmd.spawn().map_err(|e| format!("starting {}: {e}", cfg.bin.display()))?;
		let pid = child.id();
		// For scripts/bench.sh to stop the node if this process dies first.
		let _ = fs::write(cfg.log.with_extension("pid"), pid.to_string());
		let url = format!("ws://127.0.0.1:{rpc_port}");
		let mut node = Self { child, pid, url, args };
		// Genesis with tens of thousands of residents takes a while to build.
		let deadline = Instant::now() + Duration::from_secs(300);
		loop {
			if let Ok(Some(status)) = node.child.try_wait() {
				return Err(format!(
					"node exited during start-up ({status}); see {}",
					cfg.log.display()
				));
			}
			if let Ok(rpc) = Rpc::connect(&node.url).await {
				if rpc.call("system_health", vec![]).await.is_ok() {
					return Ok(node);
				}
			}
			if Instant::now() > deadline {
				node.stop();
				return Err(format!("node did not answer RPC in time; see {}", cfg.log.display()));
			}
			tokio::time::sleep(Duration::from_millis(300)).await;
		}
	}

	/// Stops the node: SIGTERM, then SIGKILL after 30 s.
	pub fn stop(&mut self) {
		if let Ok(Some(_)) = self.child.try_wait() {
			return;
		}
		let _ = Command::new("kill").args(["-TERM", &self.pid.to_string()]).status();
		let deadline = Instant::now() + Duration::from_secs(30);
		while Instant::now() < deadline {
			if let Ok(Some(_)) = self.child.try_wait() {
				return;
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.stop();
	}
}

/// Clock ticks per second of /proc's CPU times.
pub fn clk_tck() -> f64 {
	Command::new("getconf")
		.arg("CLK_TCK")
		.output()
		.ok()
		.and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
		.unwrap_or(100.0)
}

/// `(utime + stime)` in ticks of a process or thread's `stat` file.
fn stat_ticks(path: &Path) -> Option<(String, u64)> {
	let s = fs::read_to_string(path).ok()?;
	// The command name is in parentheses and may contain spaces.
	let open = s.find('(')?;
	let close = s.rfind(')')?;
	let name = s[open + 1..close].to_string();
	let fields: Vec<&str> = s[close + 2..].split_whitespace().collect();
	// After the name: state is field 3 of stat, so utime (14) and stime (15) are at 11 and 12.
	let utime: u64 = fields.get(11)?.parse().ok()?;
	let stime: u64 = fields.get(12)?.parse().ok()?;
	Some((name, utime + stime))
}

/// Resident memory (VmRSS) in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
	let s = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
	s.lines()
		.find(|l| l.starts_with("VmRSS:"))
		.and_then(|l| l.split_whitespace().nth(1))
		.and_then(|v| v.parse().ok())
}

/// CPU ticks per thread name (threads of the same name summed).
pub fn thread_ticks(pid: u32) -> BTreeMap<String, u64> {
	let mut out = BTreeMap::new();
	if let Ok(dir) = fs::read_dir(format!("/proc/{pid}/task")) {
		for entry in dir.flatten() {
			if let Some((name, ticks)) = stat_ticks(&entry.path().join("stat")) {
				*out.entry(name).or_insert(0) += ticks;
			}
		}
	}
	out
}

/// One sample of a process.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
	/// When.
	pub at: Instant,
	/// Node CPU ticks so far.
	pub node_ticks: u64,
	/// Node resident memory, KiB.
	pub node_rss_kib: u64,
	/// This process's CPU ticks so far.
	pub self_ticks: u64,
}

/// Samples the node (and this process) every 200 ms until dropped.
pub struct Sampler {
	samples: Arc<Mutex<Vec<Sample>>>,
	stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Sampler {
	/// Starts sampling `pid`.
	pub fn start(pid: u32) -> Self {
		let samples = Arc::new(Mutex::new(Vec::new()));
		let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
		let (s, st) = (samples.clone(), stop.clone());
		std::thread::spawn(move || {
			let me = PathBuf::from("/proc/self/stat");
			let node = PathBuf::from(format!("/proc/{pid}/stat"));
			while !st.load(std::sync::atomic::Ordering::Relaxed) {
				if let (Some((_, node_ticks)), Some(rss)) = (stat_ticks(&node), rss_kib(pid)) {
					let self_ticks = stat_ticks(&me).map(|x| x.1).unwrap_or(0);
					s.lock().unwrap().push(Sample {
						at: Instant::now(),
						node_ticks,
						node_rss_kib: rss,
						self_ticks,
					});
				}
				std::thread::sleep(Duration::from_millis(200));
			}
		});
		Self { samples, stop }
	}

	/// `(node CPU %, peak node RSS MiB, end node RSS MiB, loadgen CPU %)` between two instants.
	/// 100% is one core; this machine has two.
	pub fn summary(&self, from: Instant, to: Instant) -> (f64, f64, f64, f64) {
		let samples = self.samples.lock().unwrap();
		let window: Vec<&Sample> = samples.iter().filter(|s| s.at >= from && s.at <= to).collect();
		if window.len() < 2 {
			return (0.0, 0.0, 0.0, 0.0);
		}
		let (a, b) = (window[0], window[window.len() - 1]);
		let secs = (b.at - a.at).as_secs_f64().max(1e-9);
		let tck = clk_tck();
		let node_cpu = (b.node_ticks - a.node_ticks) as f64 / tck / secs * 100.0;
		let self_cpu = (b.self_ticks - a.self_ticks) as f64 / tck / secs * 100.0;
		let peak = window.iter().map(|s| s.node_rss_kib).max().unwrap_or(0) as f64 / 1024.0;
		(node_cpu, peak, b.node_rss_kib as f64 / 1024.0, self_cpu)
	}
}

impl Drop for Sampler {
	fn drop(&mut self) {
		self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
	}
}

/// Total size in bytes of the files under `dir`.
pub fn dir_bytes(dir: &Path) -> u64 {
	let mut total = 0;
	if let Ok(entries) = fs::read_dir(dir) {
		for e in entries.flatten() {
			match e.metadata() {
				Ok(m) if m.is_dir() => total += dir_bytes(&e.path()),
				Ok(m) => total += m.len(),
				Err(_) => {},
			}
		}
	}
	total
}
