//! Native timings for the issue-19 spike. `cargo run --release --bin bench [-- quick]`.
//! Median (and min/max) over RUNS runs (default 21), wall clock via std::time::Instant.
use parity_scale_codec::Encode;
use ringvrf_spike::*;
use std::time::{Duration, Instant};
use verifiable::ring::ark_vrf::suites::bandersnatch::BandersnatchSha512Ell2 as Suite;

fn loadavg() -> String {
	std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim().to_string()
}

struct Stat {
	med: f64,
	min: f64,
	max: f64,
	n: usize,
}

fn stat(mut v: Vec<Duration>) -> Stat {
	v.sort();
	let us = |d: Duration| d.as_secs_f64() * 1e6;
	let n = v.len();
	let med = if n % 2 == 1 { us(v[n / 2]) } else { (us(v[n / 2 - 1]) + us(v[n / 2])) / 2.0 };
	Stat { med, min: us(v[0]), max: us(v[n - 1]), n }
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> Stat {
	let mut v = Vec::with_capacity(runs);
	for i in 0..runs {
		let t = Instant::now();
		let r = f(i);
		v.push(t.elapsed());
		std::hint::black_box(r);
	}
	stat(v)
}

fn row(what: &str, s: Stat) {
	println!("| {what} | {:.1} | {:.1} | {:.1} | {} |", s.med, s.min, s.max, s.n);
}

fn dname(d: RingDomainSize) -> String {
	format!("2^{} (cap {})", d.as_power(), capacity(d))
}

fn main() {
	let runs: usize = std::env::var("RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(21);
	let quick = std::env::args().any(|a| a == "quick");
	println!("# ringvrf native bench — verifiable 0.4.1 (ark-vrf 0.6.1), BandersnatchSha512Ell2");
	println!();
	println!("- loadavg at start: {}", loadavg());
	println!("- runs per figure: {runs} (median, min, max in µs); RAYON_NUM_THREADS={}",
		std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "(unset: all cores)".into()));
	println!("- cpu: {}", std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default()
		.lines().find(|l| l.starts_with("model name")).unwrap_or("?").split(':').nth(1).unwrap_or("?").trim());
	println!();

	// One-off cold setup per domain (the crate caches these in statics).
	println!("## One-off setup per domain (first use in a process; single sample)");
	if std::env::var("SKIP_SETUP").is_ok() { println!("(skipped)"); }
	println!();
	for d in DOMAINS {
		let t = Instant::now();
		let _ = verifiable::ring::make_ring_context::<Suite>(d);
		let ctx = t.elapsed();
		let t = Instant::now();
		warm(d);
		println!("- {}: verifier ring context {:.1} ms (built in the runtime on each cold call); \
			first prove+verify incl. SRS decode {:.1} ms",
			dname(d), ctx.as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3);
	}
	println!();

	println!("## Per-operation timings (µs)");
	println!();
	println!("| operation | median | min | max | runs |");
	println!("|---|---:|---:|---:|---:|");
	row("key generation (new_secret + member_from_secret)", time(runs.max(200), |i| member(&secret(i as u32))));
	let s0 = secret(0);
	row("alias derivation (alias_in_context)", time(runs.max(200), |i| alias(&s0, &i.to_le_bytes())));
	row("plain signature sign (member-key registration proof-of-possession)", time(runs, |i| V::sign(&s0, &i.to_le_bytes()).unwrap()));
	let sig = V::sign(&s0, b"register").unwrap();
	row("plain signature verify", time(runs, |_| V::verify_signature(&sig, b"register", &member(&s0))));

	let sizes: Vec<usize> = std::env::var("SIZES")
		.ok()
		.map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
		.unwrap_or(if quick { vec![8, 255, 256] } else { vec![8, 255, 256, 767, 1024, 4096, 16127] });
	let sizes = &sizes[..];
	// ring-size-dependent prover/ring-build figures at n >= 4096 take seconds each: BIG_RUNS of them
	let big_runs: usize = std::env::var("BIG_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(21);
	let (all_secrets, all_keys) = members(*sizes.iter().max().unwrap() as u32);
	for &n in sizes {
		let d = domain_for(n).unwrap();
		let keys = &all_keys[..n];
		let tag = format!("n={n}, domain {}", dname(d));
		let r = if n >= 4096 { big_runs } else { runs };
		row(&format!("ring build, one push of all keys + finish [{tag}]"), time(r, |_| build_ring(d, keys).unwrap()));
		// incremental: cost of pushing the n-th key into a ring holding n-1 (one registration)
		let mut inter = start(d);
		V::push_members(&mut inter, keys[..n - 1].iter().copied(), lookup(d)).unwrap();
		row(&format!("push one key into a ring of n-1 [{tag}]"), time(runs, |_| {
			let mut x = inter.clone();
			V::push_members(&mut x, core::iter::once(keys[n - 1]), lookup(d)).unwrap();
			x
		}));
		V::push_members(&mut inter, core::iter::once(keys[n - 1]), lookup(d)).unwrap();
		row(&format!("finish_members (intermediate -> commitment) [{tag}]"), time(runs, |_| V::finish_members(inter.clone())));
		let root = V::finish_members(inter.clone());
		assert_eq!(root, build_ring(d, keys).unwrap());
		let me = n / 2;
		let s = &all_secrets[me];
		row(&format!("prover open (ring keys -> prover key) [{tag}]"), time(r, |_| V::open(d, &member(s), keys.iter().copied()).unwrap()));
		let c = V::open(d, &member(s), keys.iter().copied()).unwrap();
		println!("| (prover state from open, bytes: {}) | | | | |", c.encode().len());
		row(&format!("prover create (proof + alias) [{tag}]"), time(r, |i| V::create(c.clone(), s, b"gongzhi/procurement/1", &i.to_le_bytes()).unwrap()));
		let proofs: Vec<_> = (0..runs).map(|i| V::create(c.clone(), s, b"gongzhi/procurement/1", &i.to_le_bytes()).unwrap()).collect();
		row(&format!("verify = validate, returns alias [{tag}]"), time(runs, |i| {
			let a = verify(d, &proofs[i].0, &root, b"gongzhi/procurement/1", &i.to_le_bytes()).unwrap();
			assert_eq!(a, proofs[i].1);
		}));
		if n == 255 || n == 16127 {
			// batch of 16 proofs from the same ring (per-block batching, all-or-nothing)
			let items: Vec<_> = (0..16).map(|i| {
				let si = &all_secrets[i];
				let (p, _) = prove(d, keys, si, b"gongzhi/procurement/1", b"bid 1").unwrap();
				verifiable::BatchProofItem { proof: p, config: d, members: root.clone(), context: b"gongzhi/procurement/1".to_vec(), message: b"bid 1".to_vec() }
			}).collect();
			row(&format!("batch_validate of 16 proofs (total) [{tag}]"), time(runs, |_| V::batch_validate(&items).unwrap()));
		}
	}
	println!();
	let keys = &all_keys[..3];
	let root = build_ring(RingDomainSize::Domain11, keys).unwrap();
	let (p, _) = prove(RingDomainSize::Domain11, keys, &all_secrets[0], b"c", b"m").unwrap();
	println!("## Sizes (bytes)");
	println!();
	println!("- member key: {}", keys[0].encode().len());
	println!("- ring commitment (Members, MembersCommitment): {}", root.encode().len());
	println!("- ring intermediate (MembersSet, kept while a ring grows): {}", start(RingDomainSize::Domain11).encode().len());
	println!("- static chunk (one SRS G1 point for the lookup): {}", lookup(RingDomainSize::Domain11)(0..1).unwrap()[0].encode().len());
	println!("- proof (single context): {} raw, {} SCALE-encoded (BoundedVec)", p.len(), p.encode().len());
	println!("- alias: 32");
	println!();
	println!("- loadavg at end: {}", loadavg());
}
