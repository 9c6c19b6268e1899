//! Times ring-VRF verification (and the no_std prover) compiled to wasm32v1-none, under
//! wasmtime 36 (Cranelift, OptLevel::SpeedAndSize — the engine and setting sc-executor-wasmtime
//! 0.47 in stable2609 uses) and under wasmi 0.40 (an interpreter, for light-client-like hosts).
//! No host functions: every curve operation runs inside wasm, as in a runtime today.
//!
//! `cargo run --release --features wasm --bin wasm_bench -- <verify.wasm> [prover.wasm]`
use parity_scale_codec::Encode;
use ringvrf_spike::*;
use std::time::{Duration, Instant};

fn loadavg() -> String {
	std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim().to_string()
}

fn med(mut v: Vec<Duration>) -> (f64, f64, f64, usize) {
	v.sort();
	let us = |d: Duration| d.as_secs_f64() * 1e6;
	let n = v.len();
	let m = if n % 2 == 1 { us(v[n / 2]) } else { (us(v[n / 2 - 1]) + us(v[n / 2])) / 2.0 };
	(m, us(v[0]), us(v[n - 1]), n)
}

fn row(what: &str, s: (f64, f64, f64, usize)) {
	println!("| {what} | {:.0} | {:.0} | {:.0} | {} |", s.0, s.1, s.2, s.3);
}

/// The inputs of one verification, placed into a module's memory.
struct Case {
	d: RingDomainSize,
	n: usize,
	root: Vec<u8>,
	proofs: Vec<(Vec<u8>, Alias)>,
	ctx: Vec<u8>,
	msg: Vec<u8>,
	keys: Vec<u8>,
}

fn case(d: RingDomainSize, n: usize, proofs: usize) -> Case {
	let (secrets, keys) = members(n as u32);
	let root = build_ring(d, &keys).unwrap().encode();
	let ctx = b"gongzhi/procurement/7".to_vec();
	let msg = b"bid 2".to_vec();
	// one member, one `open`, many `create`s (blinded: every proof differs)
	let s = &secrets[7919 % n];
	let c = if proofs > 0 { Some(V::open(d, &member(s), keys.iter().copied()).unwrap()) } else { None };
	let ps = (0..proofs)
		.map(|_| {
			let (p, a) = V::create(c.clone().unwrap(), s, &ctx, &msg).unwrap();
			(p.into_inner(), a)
		})
		.collect();
	Case { d, n, root, proofs: ps, ctx, msg, keys: keys.concat() }
}

mod wt {
	use super::*;
	use wasmtime::*;

	pub struct Inst {
		pub store: Store<()>,
		pub inst: Instance,
		pub mem: Memory,
	}

	pub fn engine() -> Engine {
		let mut c = Config::new();
		c.cranelift_opt_level(OptLevel::SpeedAndSize);
		Engine::new(&c).unwrap()
	}

	pub fn new(engine: &Engine, module: &Module) -> Inst {
		let mut store = Store::new(engine, ());
		let inst = Linker::new(engine).instantiate(&mut store, module).unwrap();
		let mem = inst.get_memory(&mut store, "memory").unwrap();
		Inst { store, inst, mem }
	}

	impl Inst {
		pub fn put(&mut self, b: &[u8]) -> (u32, u32) {
			let alloc = self.inst.get_typed_func::<u32, u32>(&mut self.store, "alloc").unwrap();
			let p = alloc.call(&mut self.store, b.len().max(1) as u32).unwrap();
			self.mem.write(&mut self.store, p as usize, b).unwrap();
			(p, b.len() as u32)
		}
		pub fn out(&mut self, len: usize) -> Vec<u8> {
			let f = self.inst.get_typed_func::<(), u32>(&mut self.store, "out_ptr").unwrap();
			let p = f.call(&mut self.store, ()).unwrap() as usize;
			self.mem.data(&self.store)[p..p + len].to_vec()
		}
		/// Returns (result, elapsed) of `verify` for proof `i` of case `c`.
		pub fn verify(&mut self, c: &Case, i: usize) -> (i32, Duration) {
			let m = self.put(&c.root);
			let p = self.put(&c.proofs[i].0);
			let x = self.put(&c.ctx);
			let y = self.put(&c.msg);
			let f = self
				.inst
				.get_typed_func::<(u32, u32, u32, u32, u32, u32, u32, u32, u32), i32>(&mut self.store, "verify")
				.unwrap();
			let t = Instant::now();
			let r = f.call(&mut self.store, (c.d.as_power(), m.0, m.1, p.0, p.1, x.0, x.1, y.0, y.1)).unwrap();
			(r, t.elapsed())
		}
		pub fn build(&mut self, c: &Case) -> (Vec<u8>, Duration) {
			let k = self.put(&c.keys);
			let f = self.inst.get_typed_func::<(u32, u32, u32), i32>(&mut self.store, "build_ring").unwrap();
			let t = Instant::now();
			let r = f.call(&mut self.store, (c.d.as_power(), k.0, k.1)).unwrap();
			let el = t.elapsed();
			assert_eq!(r, 288, "wasm build_ring failed: {r}");
			(self.out(288), el)
		}
		pub fn prove(&mut self, c: &Case, entropy: [u8; 32]) -> (Vec<u8>, Duration) {
			let k = self.put(&c.keys);
			let e = self.put(&entropy);
			let x = self.put(&c.ctx);
			let y = self.put(&c.msg);
			let f = self
				.inst
				.get_typed_func::<(u32, u32, u32, u32, u32, u32, u32, u32), i32>(&mut self.store, "prove")
				.unwrap();
			let t = Instant::now();
			let r = f.call(&mut self.store, (c.d.as_power(), k.0, k.1, e.0, x.0, x.1, y.0, y.1)).unwrap();
			let el = t.elapsed();
			assert!(r > 0, "wasm prove failed: {r}");
			(self.out(r as usize), el)
		}
	}
}

mod wi {
	use super::*;
	use wasmi::*;

	pub fn verify_fresh(engine: &Engine, module: &Module, c: &Case, i: usize, repeat: usize) -> Vec<(i32, Duration)> {
		let mut store = Store::new(engine, ());
		let inst = Linker::<()>::new(engine).instantiate(&mut store, module).unwrap().start(&mut store).unwrap();
		let mem = inst.get_memory(&store, "memory").unwrap();
		let alloc = inst.get_typed_func::<u32, u32>(&store, "alloc").unwrap();
		let put = |store: &mut Store<()>, b: &[u8]| {
			let p = alloc.call(&mut *store, b.len().max(1) as u32).unwrap();
			mem.write(&mut *store, p as usize, b).unwrap();
			(p, b.len() as u32)
		};
		let f = inst
			.get_typed_func::<(u32, u32, u32, u32, u32, u32, u32, u32, u32), i32>(&store, "verify")
			.unwrap();
		(0..repeat)
			.map(|_| {
				let m = put(&mut store, &c.root);
				let p = put(&mut store, &c.proofs[i].0);
				let x = put(&mut store, &c.ctx);
				let y = put(&mut store, &c.msg);
				let t = Instant::now();
				let r = f.call(&mut store, (c.d.as_power(), m.0, m.1, p.0, p.1, x.0, x.1, y.0, y.1)).unwrap();
				(r, t.elapsed())
			})
			.collect()
	}
}

fn main() {
	let args: Vec<String> = std::env::args().collect();
	let verify_wasm = std::fs::read(&args[1]).expect("verify wasm");
	let prover_wasm = args.get(2).map(|p| std::fs::read(p).expect("prover wasm"));
	let runs: usize = std::env::var("RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(21);
	let wasmi_runs: usize = std::env::var("WASMI_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5);
	let sizes: Vec<usize> = std::env::var("SIZES")
		.ok()
		.map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
		.unwrap_or(vec![255, 767, 16127]);
	let prover_sizes: Vec<usize> = std::env::var("PROVER_SIZES")
		.ok()
		.map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
		.unwrap_or(vec![255, 767, 1024]);
	let build_sizes: Vec<usize> = std::env::var("BUILD_SIZES")
		.ok()
		.map(|s| s.split(',').map(|x| x.parse().unwrap()).collect())
		.unwrap_or(vec![255, 767, 16127]);

	println!("# ringvrf wasm bench — verifiable 0.4.1 in wasm32v1-none, no host functions");
	println!();
	println!("- loadavg at start: {}", loadavg());
	println!("- verify module: {} ({} bytes)", args[1], verify_wasm.len());
	println!("- runs: wasmtime {runs}, wasmi {wasmi_runs} (median, min, max in µs; the call only, not instantiation)");
	println!();

	let engine = wt::engine();
	let t = Instant::now();
	let module = wasmtime::Module::new(&engine, &verify_wasm).unwrap();
	println!("- wasmtime compile of the verify module: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
	println!();
	println!("| wasm verification | median | min | max | runs |");
	println!("|---|---:|---:|---:|---:|");
	let cases: Vec<Case> = sizes.iter().map(|&n| case(domain_for(n).unwrap(), n, runs)).collect();
	for c in &cases {
		let tag = format!("n={}, domain 2^{}", c.n, c.d.as_power());
		// cold: a fresh instance per proof, as a runtime call (validate_transaction) gets; the
		// first verify in an instance also builds the verifier's ring context (cached in statics)
		let mut cold = vec![];
		for i in 0..runs {
			let mut x = wt::new(&engine, &module);
			let (r, d) = x.verify(c, i);
			assert_eq!(r, 0);
			assert_eq!(x.out(32), c.proofs[i].1.to_vec(), "alias from wasm == native alias");
			cold.push(d);
		}
		row(&format!("wasmtime, cold (fresh instance: first verify, incl. ring context) [{tag}]"), med(cold));
		// warm: later verifications in the same instance (as in one block's execution)
		let mut x = wt::new(&engine, &module);
		let _ = x.verify(c, 0);
		let warm: Vec<_> = (0..runs)
			.map(|i| {
				let (r, d) = x.verify(c, i);
				assert_eq!(r, 0);
				d
			})
			.collect();
		row(&format!("wasmtime, warm (same instance, ring context cached) [{tag}]"), med(warm));
		// a wrong message must fail in wasm too
		let mut bad = Case { msg: b"bid 3".to_vec(), ..case_clone(c) };
		bad.proofs.truncate(1);
		assert!(x.verify(&bad, 0).0 < 0);
	}
	// decode of a ring commitment (validated), per call
	{
		let c = &cases[0];
		let mut x = wt::new(&engine, &module);
		let f = x.inst.get_typed_func::<(u32, u32), i32>(&mut x.store, "decode_members").unwrap();
		let m = x.put(&c.root);
		let ds: Vec<_> = (0..runs)
			.map(|_| {
				let t = Instant::now();
				assert_eq!(f.call(&mut x.store, m).unwrap(), 0);
				t.elapsed()
			})
			.collect();
		row("wasmtime, decode a 288-byte ring commitment (validated)", med(ds));
	}

	// wasmi (interpreter)
	let wengine = wasmi::Engine::default();
	let wmodule = wasmi::Module::new(&wengine, &verify_wasm[..]).unwrap();
	for c in cases.iter().filter(|c| c.n <= 767 || std::env::var("WASMI_ALL").is_ok()) {
		let tag = format!("n={}, domain 2^{}", c.n, c.d.as_power());
		let mut cold = vec![];
		for i in 0..wasmi_runs {
			let r = wi::verify_fresh(&wengine, &wmodule, c, i, 1);
			assert_eq!(r[0].0, 0);
			cold.push(r[0].1);
		}
		row(&format!("wasmi 0.40, cold [{tag}]"), med(cold));
		let r = wi::verify_fresh(&wengine, &wmodule, c, 0, wasmi_runs + 1);
		row(&format!("wasmi 0.40, warm [{tag}]"), med(r[1..].iter().map(|x| x.1).collect()));
	}

	if let Some(pw) = prover_wasm {
		println!();
		println!("- prover module: {} ({} bytes)", args[2], pw.len());
		let pmodule = wasmtime::Module::new(&engine, &pw).unwrap();
		println!();
		println!("| wasm prover (wasmtime; a browser's JIT is of the same order, not measured) | median | min | max | runs |");
		println!("|---|---:|---:|---:|---:|");
		for &n in &prover_sizes {
			let d = domain_for(n).unwrap();
			let c = case(d, n, 1);
			let root: Members = parity_scale_codec::Decode::decode(&mut &c.root[..]).unwrap();
			let r = if n > 1024 { runs.min(5) } else { runs.min(11) };
			let mut cold = vec![];
			let mut warm = vec![];
			for i in 0..r {
				let mut x = wt::new(&engine, &pmodule);
				let (p, d1) = x.prove(&c, entropy((i * 31 % n) as u32));
				// wasm-made proof verifies natively, with the native alias
				let proof: Proof = p.try_into().unwrap();
				let a = verify(d, &proof, &root, &c.ctx, &c.msg).expect("wasm proof verifies natively");
				assert_eq!(a, alias(&secret((i * 31 % n) as u32), &c.ctx));
				cold.push(d1);
				let (_, d2) = x.prove(&c, entropy(((i * 31 + 1) % n) as u32));
				warm.push(d2);
			}
			let tag = format!("n={n}, domain 2^{}", d.as_power());
			row(&format!("prove (open+create), first in instance (incl. SRS decode) [{tag}]"), med(cold));
			row(&format!("prove (open+create), second in instance [{tag}]"), med(warm));
		}
		// ring building in wasm (what a runtime would do when an item fixes its rings)
		for &n in &build_sizes {
			let d = domain_for(n).unwrap();
			let c = case(d, n, 0);
			let r = if n > 1024 { runs.min(5) } else { runs.min(11) };
			let mut ts = vec![];
			for _ in 0..r {
				let mut x = wt::new(&engine, &pmodule);
				let (root, t) = x.build(&c);
				assert_eq!(root, c.root, "wasm-built root == native root");
				ts.push(t);
			}
			row(&format!("ring build in wasm: start + push {n} keys + finish [n={n}, domain 2^{}]", d.as_power()), med(ts));
		}
	}
	println!();
	println!("- loadavg at end: {}", loadavg());
}

fn case_clone(c: &Case) -> Case {
	Case { d: c.d, n: c.n, root: c.root.clone(), proofs: c.proofs.clone(), ctx: c.ctx.clone(), msg: c.msg.clone(), keys: vec![] }
}
