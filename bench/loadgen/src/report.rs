//! bench/REPORT.md from the raw figures of a `scripts/bench.sh` run (bench/raw/).

use crate::rpc::Result;
use serde_json::Value;
use std::{collections::BTreeMap, fmt::Write as _, fs, path::Path};

/// ParityDB's weights per storage access (frame-support `ParityDbWeight`, the runtime's
/// `DbWeight`): what `benchmark pallet`'s generated weights add per read and write.
const DB_READ_PS: f64 = 8_000_000.0;
const DB_WRITE_PS: f64 = 50_000_000.0;
/// The extrinsic base weight the runtime charges (frame-support's `ExtrinsicBaseWeight`, used by
/// `BlockWeights::with_sensible_defaults`), in ps.
const RUNTIME_EXTRINSIC_BASE_PS: f64 = 108_157_000.0;

/// The resident calls the report compares with a transfer, as `(pallet, benchmark, label)`.
const RESIDENT_CALLS: &[(&str, &str, &str)] = &[
	("pallet_needs_survey", "respond", "NeedsSurvey::respond"),
	("pallet_procurement", "vote", "Procurement::vote"),
	("pallet_vouchers", "claim", "Vouchers::claim"),
	("pallet_vouchers", "redeem", "Vouchers::redeem"),
	("pallet_satisfaction", "rate", "Satisfaction::rate"),
	("pallet_community", "check_in", "Community::check_in"),
];

/// A weight function as `benchmark pallet --output` generates it.
#[derive(Clone, Debug, Default)]
struct WeightFn {
	base_ref_ps: f64,
	base_proof: f64,
	base_reads: f64,
	base_writes: f64,
	/// Per component: (ref ps, reads, writes, proof) per unit.
	slopes: BTreeMap<String, (f64, f64, f64, f64)>,
}

impl WeightFn {
	/// `(ref_time ps, proof bytes, reads, writes)` at the given component values (others 0).
	fn eval(&self, components: &[(&str, f64)]) -> (f64, f64, f64, f64) {
		let mut r = (
			self.base_ref_ps + self.base_reads * DB_READ_PS + self.base_writes * DB_WRITE_PS,
			self.base_proof,
			self.base_reads,
			self.base_writes,
		);
		for (c, v) in components {
			if let Some((rf, rd, wr, pf)) = self.slopes.get(*c) {
				r.0 += v * (rf + rd * DB_READ_PS + wr * DB_WRITE_PS);
				r.1 += v * pf;
				r.2 += v * rd;
				r.3 += v * wr;
			}
		}
		r
	}
}

fn num(s: &str) -> f64 {
	s.trim().trim_end_matches("_u64").replace('_', "").parse().unwrap_or(0.0)
}

/// The text between the first `open` after `from` and its matching `)`.
fn paren_arg(s: &str) -> Option<&str> {
	let start = s.find('(')? + 1;
	let mut depth = 1;
	for (i, ch) in s[start..].char_indices() {
		match ch {
			'(' => depth += 1,
			')' => {
				depth -= 1;
				if depth == 0 {
					return Some(&s[start..start + i]);
				}
			},
			_ => {},
		}
	}
	None
}

/// Parses `fn name(…) -> Weight { … }` out of a generated weights file.
fn parse_weight_fn(file: &str, name: &str) -> Option<WeightFn> {
	let start = file.find(&format!("fn {name}("))?;
	let body_start = start + file[start..].find("-> Weight {")?;
	let body_end = body_start + file[body_start..].find("\n\t}")?;
	let body = &file[body_start..body_end];
	let mut w = WeightFn::default();
	let mut first = true;
	for line in body.lines().map(str::trim) {
		if line.starts_with("//") {
			continue;
		}
		let component = line
			.find(".saturating_mul(")
			.and_then(|i| paren_arg(&line[i..]))
			.map(|c| c.trim_end_matches(".into()").to_string());
		if let Some(i) = line.find("Weight::from_parts(") {
			let args = paren_arg(&line[i..])?;
			let mut it = args.split(',');
			let (a, b) = (num(it.next()?), num(it.next()?));
			match (&component, first) {
				(None, true) => {
					w.base_ref_ps = a;
					w.base_proof += b;
				},
				(None, false) => w.base_proof += b,
				(Some(c), _) => {
					let e = w.slopes.entry(c.clone()).or_default();
					e.0 += a;
					e.3 += b;
				},
			}
			first = false;
		} else if let Some(i) = line.find(".reads(").or_else(|| line.find(".writes(")) {
			let is_read = line[i..].starts_with(".reads(");
			let arg = paren_arg(&line[i..])?;
			let value = num(paren_arg(arg).unwrap_or(arg));
			match component {
				None if is_read => w.base_reads += value,
				None => w.base_writes += value,
				Some(c) => {
					let e = w.slopes.entry(c).or_default();
					if is_read {
						e.1 += value
					} else {
						e.2 += value
					}
				},
			}
		}
	}
	Some(w)
}

/// Median `extrinsic_time` (ns) and the DB counts and measured proof size of a benchmark
/// without components, from `benchmark pallet --json-file`.
fn json_bench(json: &Value, pallet: &str, bench: &str) -> Option<(f64, u64, u64, u64)> {
	let b = json.as_array()?.iter().find(|b| b["pallet"] == pallet && b["benchmark"] == bench)?;
	let mut times: Vec<f64> = b["time_results"]
		.as_array()?
		.iter()
		.filter_map(|r| r["extrinsic_time"].as_f64())
		.collect();
	times.sort_by(|a, b| a.partial_cmp(b).unwrap());
	let db = b["db_results"].as_array()?.last()?;
	Some((
		*times.get(times.len() / 2)?,
		db["reads"].as_u64()?,
		db["writes"].as_u64()?,
		db["proof_size"].as_u64()?,
	))
}

fn read(path: &Path) -> Option<String> {
	fs::read_to_string(path).ok()
}

fn read_json(path: &Path) -> Option<Value> {
	serde_json::from_str(&read(path)?).ok()
}

fn us(ps: f64) -> String {
	format!("{:.1}", ps / 1e6)
}

fn f(v: &Value) -> f64 {
	v.as_f64().unwrap_or(0.0)
}

/// `benchmark extrinsic` log: `(extrinsics per block, average ns, median ns, p95 ns)`.
fn extrinsic_log(path: &Path) -> Option<(u64, f64, f64, f64)> {
	let log = read(path)?;
	let per_block = log
		.lines()
		.filter_map(|l| l.split("Extrinsics per block: ").nth(1))
		.last()?
		.trim()
		.parse()
		.ok()?;
	let stats = &log[log.rfind("takes[ns]:")?..];
	let field = |name: &str| -> Option<f64> {
		let rest = &stats[stats.find(name)? + name.len()..];
		rest.split(|c: char| c == ',' || c == '\n').next()?.trim().parse().ok()
	};
	let p95 = stats
		.lines()
		.find(|l| l.contains("Percentiles"))
		.and_then(|l| l.split(':').nth(1))
		.and_then(|v| v.split(',').nth(1))
		.and_then(|v| v.trim().parse().ok())
		.unwrap_or(0.0);
	Some((per_block, field("Average: ")?, field("Median: ")?, p95))
}

/// `WEIGHT_REF_TIME_PER_NANOS.saturating_mul(N)` in a generated overhead weights file, in ps.
fn overhead_ps(path: &Path) -> Option<f64> {
	let s = read(path)?;
	let i = s.find("WEIGHT_REF_TIME_PER_NANOS.saturating_mul(")?;
	Some(num(paren_arg(&s[i + "WEIGHT_REF_TIME_PER_NANOS.saturating_mul".len()..])?) * 1000.0)
}

/// The runtime's block limits from runtime/src/configs/mod.rs: `(max block ref_time ps, normal
/// ratio, max block length bytes)`.
fn block_limits(root: &Path) -> Option<(f64, f64, f64)> {
	let s = read(&root.join("runtime/src/configs/mod.rs"))?;
	let after = |needle: &str| -> Option<&str> { Some(&s[s.find(needle)? + needle.len()..]) };
	let secs = num(after("Weight::from_parts(")?.split("u64").next()?);
	let ratio = num(after("NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(")?.split(')').next()?)
		/ 100.0;
	let mib = num(after(".max_length(")?.split('*').next()?);
	Some((secs * 1e12, ratio, mib * 1024.0 * 1024.0))
}

fn goal(ok: bool) -> &'static str {
	if ok {
		"**met**"
	} else {
		"**not met**"
	}
}

/// Writes the report.
pub fn write(raw: &Path, root: &Path, out: &Path) -> Result<()> {
	let mut r = String::new();
	let machine = read(&raw.join("machine.txt")).unwrap_or_default();
	let commit = read(&raw.join("commit.txt")).unwrap_or_default();
	let pallet_json = read_json(&raw.join("pallet/pallet.json")).unwrap_or(Value::Null);
	let weights_dir = raw.join("pallet");
	let weight_file = |pallet: &str| read(&weights_dir.join(format!("{pallet}.rs")));
	let weight_of = |pallet: &str, bench: &str| -> Option<WeightFn> {
		parse_weight_fn(&weight_file(pallet)?, bench)
	};
	let transfer = weight_of("pallet_balances", "transfer_keep_alive");
	let transfer_w = transfer.as_ref().map(|w| w.eval(&[]));
	let base_ps = overhead_ps(&raw.join("overhead/extrinsic_weights.rs"));
	let block_ps = overhead_ps(&raw.join("overhead/block_weights.rs"));

	let mut loads: Vec<Value> = fs::read_dir(raw)
		.map_err(|e| format!("{}: {e}", raw.display()))?
		.flatten()
		.filter(|e| {
			let n = e.file_name().to_string_lossy().to_string();
			n.starts_with("load-") && n.ends_with(".json")
		})
		.filter_map(|e| read_json(&e.path()))
		.collect();
	loads.sort_by(|a, b| a["label"].as_str().cmp(&b["label"].as_str()));
	let phase = |l: &Value, i: usize| l["phases"][i].clone();
	let best = loads
		.iter()
		.filter(|l| l["label"] != "profile")
		.max_by(|a, b| f(&phase(a, 0)["finalized_tps"]).total_cmp(&f(&phase(b, 0)["finalized_tps"])))
		.cloned();
	let scale = read_json(&raw.join("scale.json"));
	let ext = |p: &str, e: &str| extrinsic_log(&raw.join(format!("extrinsic-{p}-{e}.log")));

	// ----- Title and headline -----
	let _ = writeln!(r, "# Gongzhi benchmarks: ballots per second against a balance transfer\n");
	let _ = writeln!(
		r,
		"Written by `scripts/bench.sh` (issue 9). Every figure below was measured in the same run on \
		 the same machine; raw figures are in [`raw/`](raw/). Commit: `{}`.\n",
		commit.lines().next().unwrap_or("?")
	);
	let _ = writeln!(r, "```text\n{}```\n", machine);

	let vote_w = weight_of("pallet_procurement", "vote").map(|w| w.eval(&[]));
	let _ = writeln!(r, "## Headline\n");
	let _ = writeln!(r, "| goal | measured | |\n|---|---|---|");
	if let (Some(v), Some(t)) = (vote_w, transfer_w) {
		let _ = writeln!(
			r,
			"| a vote weighs ≤ a transfer | vote {} µs / {} B proof vs transfer {} µs / {} B (ref_time ×{:.2}, proof ×{:.2}) | {} |",
			us(v.0),
			v.1,
			us(t.0),
			t.1,
			v.0 / t.0,
			v.1 / t.1.max(1.0),
			goal(v.0 <= t.0 && v.1 <= t.1)
		);
	}
	if let Some(b) = &best {
		let (v, t) = (phase(b, 0), phase(b, 1));
		let ratio = f(&v["finalized_tps"]) / f(&t["finalized_tps"]).max(1e-9);
		let _ = writeln!(
			r,
			"| votes/s ≥ 0.9 × transfers/s | {:.0} vs {:.0} finalized per second (×{:.2}; N = {}, `{}` pool) | {} |",
			f(&v["finalized_tps"]),
			f(&t["finalized_tps"]),
			ratio,
			b["n"],
			b["pool_type"].as_str().unwrap_or("?"),
			goal(ratio >= 0.9)
		);
		let _ = writeln!(
			r,
			"| ≥ 500 finalized ballots per second | {:.0}/s submitted→finalized; {:.0}/s while blocks were filling (block span) | {} |",
			f(&v["finalized_tps"]),
			f(&v["block_span_tps"]),
			goal(f(&v["finalized_tps"]) >= 500.0)
		);
	}
	if let (Some(v), Some(t)) = (ext("procurement", "vote"), ext("balances", "transfer_keep_alive")) {
		let _ = writeln!(
			r,
			"| block capacity | {} votes vs {} transfers per block (`benchmark extrinsic`) | ×{:.2} |",
			v.0,
			t.0,
			v.0 as f64 / t.0.max(1) as f64
		);
	}
	if let Some(s) = &scale {
		let p = &s["phase"];
		let keys = f(&s["ballots_after"][0]).max(1.0);
		let _ = writeln!(
			r,
			"| {} residents, one ballot | {} of {} finalized in {:.0} s ({:.0}/s); {:.0} B of `Ballots` state per ballot | |",
			s["residents"],
			p["finalized"],
			p["n"],
			f(&p["finalize_secs"]),
			f(&p["finalized_tps"]),
			(f(&s["ballots_after"][1]) + f(&s["ballots_after"][2])) / keys
		);
	}
	let _ = writeln!(r);

	// ----- 1. Weights -----
	let _ = writeln!(r, "## 1. Weights of the resident calls next to `Balances::transfer_keep_alive`\n");
	let _ = writeln!(
		r,
		"From `gongzhi-node benchmark pallet --chain dev` in this run ({}; JSON in `raw/pallet/pallet.json`, \
		 generated weight functions in `raw/pallet/*.rs`). **ref_time** is what the generated \
		 `weights.rs` would charge: the regression's base execution time plus the benchmark's \
		 storage reads and writes at ParityDB's weights (8 µs a read, 50 µs a write). \
		 **proof_size** is the generated (worst-case, `MaxEncodedLen`) estimate; the measured \
		 proof of the benchmark's own state is given beside it. Neither includes the extrinsic \
		 base weight (signature check, nonce, fee logic; see §2), which is the same for every \
		 signed extrinsic.\n",
		read(&raw.join("pallet-args.txt")).unwrap_or_default().trim()
	);
	let _ = writeln!(
		r,
		"| call | ref_time µs | of which execution µs | reads / writes | proof_size B (estimated) | proof B (measured) | ref_time ÷ transfer | proof ÷ transfer |\n|---|---|---|---|---|---|---|---|"
	);
	let mut rows: Vec<(&str, &str, &str)> = vec![("pallet_balances", "transfer_keep_alive", "Balances::transfer_keep_alive")];
	rows.extend_from_slice(RESIDENT_CALLS);
	for (pallet, bench, label) in rows {
		let w = weight_of(pallet, bench);
		// A component (e.g. `rate`'s `b`: whether the rating opens a follow-up case) is taken
		// at 1, the worst case of the 0/1 components these calls have.
		let comps: Vec<(&str, f64)> = w
			.as_ref()
			.map(|w| w.slopes.keys().map(|k| (k.as_str(), 1.0)).collect())
			.unwrap_or_default();
		let j = json_bench(&pallet_json, pallet, bench);
		match (w.as_ref().map(|w| w.eval(&comps)), transfer_w) {
			(Some(v), Some(t)) => {
				let _ = writeln!(
					r,
					"| `{label}`{} | {} | {} | {} / {} | {:.0} | {} | {:.2} | {:.2} |",
					if comps.is_empty() { String::new() } else { format!(" ({})", comps.iter().map(|c| format!("{}=1", c.0)).collect::<Vec<_>>().join(", ")) },
					us(v.0),
					us(v.0 - v.2 * DB_READ_PS - v.3 * DB_WRITE_PS),
					v.2,
					v.3,
					v.1,
					j.map(|j| j.3.to_string()).unwrap_or("–".into()),
					v.0 / t.0,
					v.1 / t.1.max(1.0)
				);
			},
			_ => {
				let _ = writeln!(r, "| `{label}` | (no benchmark result) | | | | | | |");
			},
		}
	}
	if let Some(b) = &best {
		let (v, t) = (&phase(b, 0)["declared_weight"], &phase(b, 1)["declared_weight"]);
		let _ = writeln!(
			r,
			"\nWhat the runtime charges **now** (`payment_queryInfo`, extrinsic base weight included; \
			 the pallets' `weights.rs` are still placeholders until `scripts/bench-weights.sh` \
			 regenerates them): vote {} µs / {} B, transfer {} µs / {} B (×{:.2}).\n",
			us(f(&v[0])),
			v[1],
			us(f(&t[0])),
			t[1],
			f(&v[0]) / f(&t[0]).max(1.0)
		);
	}
	for (pallet, bench, comp) in [("pallet_procurement", "close", "b"), ("pallet_procurement", "reap_ballots", "n")] {
		if let Some(w) = weight_of(pallet, bench) {
			let (base, _, _, _) = w.eval(&[]);
			let (one, p1, _, _) = w.eval(&[(comp, 1.0)]);
			let _ = writeln!(
				r,
				"- `{pallet}::{bench}({comp})`: {} µs + {} µs per {comp}; proof {:.0} B + {:.0} B per {comp}.",
				us(base),
				us(one - base),
				w.base_proof,
				p1 - w.base_proof
			);
		}
	}
	let _ = writeln!(r);

	// ----- 2. Block capacity -----
	let _ = writeln!(r, "## 2. Block capacity: votes and transfers per block\n");
	let _ = writeln!(
		r,
		"### Measured: `benchmark extrinsic`\n\n`gongzhi-node benchmark extrinsic` fills one block with \
		 as many extrinsics of a kind as the runtime accepts (it stops at `ExhaustsResources`), then \
		 executes that block repeatedly; time per extrinsic is the block's time less an empty \
		 block's, divided by their number. All four ran on the same state: the 50,000-resident \
		 district exported (`export-state`) just as its ballot and survey opened, patched so that \
		 they are open at block 1 (see `gongzhi-loadgen`'s `spec.rs`). Builders: \
		 `VoteBuilder` and `RespondBuilder` in node/src/benchmarking.rs sign with bench resident \
		 `n`'s key for extrinsic `n`.\n"
	);
	let _ = writeln!(r, "| extrinsic | per block | µs each (average) | median | p95 |\n|---|---|---|---|---|");
	let caps: Vec<(&str, &str, Option<(u64, f64, f64, f64)>)> = [
		("system", "remark"),
		("balances", "transfer_keep_alive"),
		("procurement", "vote"),
		("needs_survey", "respond"),
	]
	.iter()
	.map(|(p, e)| (*p, *e, ext(p, e)))
	.collect();
	for (p, e, c) in &caps {
		match c {
			Some((n, avg, med, p95)) => {
				let _ = writeln!(
					r,
					"| `{p}::{e}` | {n} | {:.1} | {:.1} | {:.1} |",
					avg / 1000.0,
					med / 1000.0,
					p95 / 1000.0
				);
			},
			None => {
				let _ = writeln!(r, "| `{p}::{e}` | (no result; see `raw/extrinsic-{p}-{e}.log`) | | | |");
			},
		}
	}
	let _ = writeln!(
		r,
		"\nThe block fills by **weight** as the runtime declares it today (placeholder weights for \
		 the Gongzhi pallets, reference-hardware weights for Balances), so these counts are the \
		 runtime's accounting, not this machine's speed; the µs columns are this machine's speed.\n"
	);

	let _ = writeln!(r, "### Computed from the block limits and the weights measured here\n");
	if let Some((max_ps, ratio, max_len)) = block_limits(root) {
		let normal_ps = max_ps * ratio;
		let normal_len = max_len * ratio;
		let _ = writeln!(
			r,
			"Limits (runtime/src/configs/mod.rs): {:.1} s of ref_time per block, {:.0}% for normal \
			 extrinsics = {:.2} s; {:.1} MiB per block, normal {:.2} MiB. Extrinsic base weight: \
			 {} µs measured here by `benchmark overhead` (the runtime charges frame-support's \
			 default, {} µs); an empty block: {} µs. Proposal time: Aura proposes for 2/3 of the \
			 6 s slot = 4 s.\n",
			max_ps / 1e12,
			ratio * 100.0,
			normal_ps / 1e12,
			max_len / 1048576.0,
			normal_len / 1048576.0,
			base_ps.map(us).unwrap_or("?".into()),
			us(RUNTIME_EXTRINSIC_BASE_PS),
			block_ps.map(us).unwrap_or("?".into())
		);
		let _ = writeln!(
			r,
			"| extrinsic | weight each (measured call + measured base) µs | fit by weight | bytes each | fit by length | execution µs each (`benchmark extrinsic`) | fit in 4 s of proposing |\n|---|---|---|---|---|---|---|"
		);
		let vote_len = best.as_ref().map(|b| f(&phase(b, 0)["encoded_len"])).unwrap_or(0.0);
		let transfer_len = best.as_ref().map(|b| f(&phase(b, 1)["encoded_len"])).unwrap_or(0.0);
		for (label, pallet, bench, len, cap) in [
			("Balances::transfer_keep_alive", "pallet_balances", "transfer_keep_alive", transfer_len, &caps[1].2),
			("Procurement::vote", "pallet_procurement", "vote", vote_len, &caps[2].2),
			("NeedsSurvey::respond", "pallet_needs_survey", "respond", 0.0, &caps[3].2),
		] {
			let w = weight_of(pallet, bench).map(|w| w.eval(&[]).0 + base_ps.unwrap_or(RUNTIME_EXTRINSIC_BASE_PS));
			let _ = writeln!(
				r,
				"| `{label}` | {} | {} | {} | {} | {} | {} |",
				w.map(us).unwrap_or("?".into()),
				w.map(|w| format!("{:.0}", (normal_ps / w).floor())).unwrap_or("?".into()),
				if len > 0.0 { format!("{len:.0}") } else { "–".into() },
				if len > 0.0 { format!("{:.0}", (normal_len / len).floor()) } else { "–".into() },
				cap.map(|c| format!("{:.1}", c.1 / 1000.0)).unwrap_or("?".into()),
				cap.map(|c| format!("{:.0}", 4e9 / c.1)).unwrap_or("?".into()),
			);
		}
		let _ = writeln!(
			r,
			"\nAt one block per 6 s, a block of `k` ballots is `k / 6` ballots per second: the \
			 500/s goal needs 3,000 ballots per block.\n"
		);
	} else {
		let _ = writeln!(r, "(could not read the block limits from runtime/src/configs/mod.rs)\n");
	}

	// ----- 3. Load runs -----
	let _ = writeln!(r, "## 3. End to end: N ballots, then N transfers, on one dev node\n");
	let _ = writeln!(
		r,
		"`gongzhi-loadgen load`: a dev chain (release node, Alice the only validator, loopback \
		 only) with N bench residents and N endowed senders added to the dev genesis; office Bob \
		 opens a project, providers Eve and Ferdie bid, and once voting opens N signed ballots \
		 (one per resident, nonce 0, mortal era) are submitted as fast as the node accepts them: \
		 `author_submitExtrinsic` pipelined over several WebSocket connections (a full pool is \
		 retried with back-off). Every extrinsic is followed by hash to the best block that holds \
		 it and to its finalization. Then the same for N `transfer_keep_alive` (sender `i` → Bob, \
		 one existential deposit). **finalized/s** = finalized ÷ (first submission → last \
		 finalization); **block span/s** = extrinsics in the 2nd…last block that held them ÷ time \
		 from the first such block to the last (the node's sustained rate, without the wait for \
		 the first block and the last finality). CPU: 100% = one core (the machine has 2; the \
		 load generator shares them).\n"
	);
	for l in &loads {
		let _ = writeln!(
			r,
			"### `{}` — N = {}, pool `{}`\n\nNode: `gongzhi-node {}`\n",
			l["label"].as_str().unwrap_or("?"),
			l["n"],
			l["pool_type"].as_str().unwrap_or("?"),
			l["node_args"]
				.as_array()
				.map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" "))
				.unwrap_or_default()
		);
		let _ = writeln!(
			r,
			"| phase | accepted/s | in blocks/s | **finalized/s** | block span/s | latency to block p50 / p95 ms | to finality p50 / p95 ms | most in a block | blocks | node CPU % | node RSS peak MiB | loadgen CPU % | rejected |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
		);
		for p in l["phases"].as_array().into_iter().flatten() {
			let _ = writeln!(
				r,
				"| `{}` | {:.0} | {:.0} | **{:.0}** | {:.0} | {:.0} / {:.0} | {:.0} / {:.0} | {} | {} | {:.0} | {:.0} | {:.0} | {} |",
				p["name"].as_str().unwrap_or("?"),
				f(&p["accept_rate"]),
				f(&p["included_tps"]),
				f(&p["finalized_tps"]),
				f(&p["block_span_tps"]),
				f(&p["latency_included"]["p50_ms"]),
				f(&p["latency_included"]["p95_ms"]),
				f(&p["latency_finalized"]["p50_ms"]),
				f(&p["latency_finalized"]["p95_ms"]),
				p["max_per_block"],
				p["blocks"].as_array().map(|b| b.len()).unwrap_or(0),
				f(&p["node_cpu_pct"]),
				f(&p["node_rss_peak_mib"]),
				f(&p["loadgen_cpu_pct"]),
				p["rejected"]
			);
		}
		let _ = writeln!(
			r,
			"\nRatio of finalized rates (votes ÷ transfers): **{:.2}**. Checks: {} ballot records in \
			 storage, {} transfers credited to Bob (both should equal N = {}).\n",
			f(&l["ratio_finalized_tps"]),
			l["ballots_in_storage"],
			l["transfers_credited"],
			l["n"]
		);
		for p in l["phases"].as_array().into_iter().flatten() {
			let blocks: Vec<String> = p["blocks"]
				.as_array()
				.into_iter()
				.flatten()
				.map(|b| format!("#{}: {}", b["number"], b["ours"]))
				.collect();
			let _ = writeln!(
				r,
				"- `{}` per block: {}",
				p["name"].as_str().unwrap_or("?"),
				blocks.join(", ")
			);
		}
		let _ = writeln!(r);
	}

	// ----- 4. Scale -----
	let _ = writeln!(r, "## 4. Scale: a district in one ballot\n");
	if let Some(s) = &scale {
		let p = &s["phase"];
		let (kb, vb) = (f(&s["ballots_after"][1]), f(&s["ballots_after"][2]));
		let keys = f(&s["ballots_after"][0]).max(1.0);
		let db = f(&s["db_bytes_after"]) - f(&s["db_bytes_before"]);
		let cw = &s["close_block_weight"];
		let retention = read(&root.join("runtime/src/configs/gongzhi.rs"))
			.and_then(|c| {
				let i = c.find("impl pallet_procurement::Config")?;
				let j = i + c[i..].find("type RetentionPeriod")?;
				Some(c[j..j + c[j..].find(';')?].trim().to_string())
			})
			.unwrap_or("?".into());
		let _ = writeln!(
			r,
			"`gongzhi-loadgen scale`: {} residents in genesis (the node answered RPC {:.0} s after \
			 start, genesis build included), one project open to the whole office, every resident \
			 votes once.\n",
			s["residents"],
			f(&s["node_start_secs"])
		);
		let _ = writeln!(r, "| | |\n|---|---|");
		let _ = writeln!(
			r,
			"| time to finish (first submission → last finalized) | {:.0} s for {} of {} ballots ({:.0}/s; block span {:.0}/s; p95 to finality {:.1} s) |",
			f(&p["finalize_secs"]),
			p["finalized"],
			p["n"],
			f(&p["finalized_tps"]),
			f(&p["block_span_tps"]),
			f(&p["latency_finalized"]["p95_ms"]) / 1000.0
		);
		let _ = writeln!(
			r,
			"| node during the ballot | CPU {:.0}%, RSS peak {:.0} MiB |",
			f(&p["node_cpu_pct"]),
			f(&p["node_rss_peak_mib"])
		);
		let _ = writeln!(
			r,
			"| `Procurement::Ballots` records | {} → {} ({:.0} B of key + {:.0} B of value each = {:.0} B of raw state per ballot) |",
			s["ballots_before"][0],
			s["ballots_after"][0],
			kb / keys,
			vb / keys,
			(kb + vb) / keys
		);
		let _ = writeln!(
			r,
			"| database growth during the ballot (ParityDB, all columns, archive of the blocks included) | {:.1} MiB = {:.0} B per ballot |",
			db / 1048576.0,
			db / keys
		);
		let _ = writeln!(
			r,
			"| `close` with {} ballots counted | declared {} µs / {} B (base included); block #{} consumed {} µs of normal weight with `close` its only signed extrinsic ({} extrinsics) |",
			s["ballots_after"][0],
			us(f(&s["close_declared_weight"][0])),
			s["close_declared_weight"][1],
			s["close_block"],
			us(f(&cw[0][0])),
			s["close_block_extrinsics"]
		);
		let _ = writeln!(r, "| outcome | `{}` |", s["outcome"]);
		let reap: Vec<String> = s["reap_declared_weight"]
			.as_array()
			.into_iter()
			.flatten()
			.map(|x| format!("limit {}: {} µs / {} B", x[0], us(f(&x[1])), x[2]))
			.collect();
		let _ = writeln!(
			r,
			"| `reap_ballots` declared (base included) | {} |",
			reap.join("; ")
		);
		let _ = writeln!(
			r,
			"| `reap_ballots(project, 1000)` dry run right after `close` | `{}` (an `Ok(Err(Module{{index: 22, …}}))` is the runtime refusing: the retention period has not passed) |",
			s["reap_dry_run"].as_str().unwrap_or("?")
		);
		let _ = writeln!(
			r,
			"\n**Reaping.** The runtime keeps ballots `{retention}` after a project ends (a month of \
			 6-second blocks), which no benchmark run reaches, so reaping is measured by the pallet \
			 benchmark (§1, `reap_ballots(n)`): each call removes up to `limit` records, and after \
			 it the {} ballot records above — {:.1} MiB of raw key+value state, {:.0} B each — are \
			 gone, while the tallies, counts and outcome in the `Projects` record stay. At the \
			 measured per-ballot weight, clearing this district takes the number of calls shown in \
			 §6.\n",
			s["ballots_after"][0],
			(kb + vb) / 1048576.0,
			(kb + vb) / keys
		);
	} else {
		let _ = writeln!(r, "(no scale run in this report)\n");
	}

	// ----- 5. Profile -----
	let _ = writeln!(r, "## 5. What limits throughput\n");
	for (phase_name, file) in [("votes", "vote"), ("transfers", "transfer")] {
		let threads = read(&raw.join(format!("profile-{file}-threads.txt")));
		let symbols = read(&raw.join(format!("profile-{file}-symbols.txt")));
		if threads.is_none() && symbols.is_none() {
			continue;
		}
		let _ = writeln!(
			r,
			"### perf, node under {phase_name} (`perf record -e cpu-clock -F 499 -p <node>`)\n"
		);
		if let Some(t) = threads {
			let _ = writeln!(r, "CPU by thread:\n\n```text\n{}```\n", top_lines(&t, 14));
		}
		if let Some(s) = symbols {
			let _ = writeln!(r, "Hottest symbols (`[JIT]` frames are the runtime's wasm, compiled by wasmtime):\n\n```text\n{}```\n", top_lines(&s, 30));
		}
	}
	if let Some(b) = &best {
		for p in b["phases"].as_array().into_iter().flatten() {
			let mut t: Vec<(String, f64)> = p["node_threads_cpu_secs"]
				.as_object()
				.into_iter()
				.flatten()
				.map(|(k, v)| (k.clone(), f(v)))
				.collect();
			t.sort_by(|a, b| b.1.total_cmp(&a.1));
			let total: f64 = t.iter().map(|x| x.1).sum();
			let _ = writeln!(
				r,
				"- node CPU seconds by thread during `{}` ({} run, {:.0} s in all): {}",
				p["name"].as_str().unwrap_or("?"),
				b["label"].as_str().unwrap_or("?"),
				total,
				t.iter()
					.take(8)
					.map(|(k, v)| format!("{k} {v:.1} s ({:.0}%)", v / total.max(1e-9) * 100.0))
					.collect::<Vec<_>>()
					.join(", ")
			);
		}
	}
	let _ = writeln!(r);
	let _ = writeln!(r, "{}", read(&raw.join("findings.md")).unwrap_or_default());

	// ----- 6. Goals -----
	let _ = writeln!(r, "## 6. Goals, and the arithmetic behind them\n");
	if let (Some(v), Some(t)) = (vote_w, transfer_w) {
		let _ = writeln!(
			r,
			"- **A vote weighs ≤ a transfer**: {} (vote {} µs vs transfer {} µs of ref_time; proof {} B vs {} B).",
			goal(v.0 <= t.0 && v.1 <= t.1),
			us(v.0),
			us(t.0),
			v.1,
			t.1
		);
	}
	for l in loads.iter() {
		let (v, t) = (phase(l, 0), phase(l, 1));
		let _ = writeln!(
			r,
			"- `{}`: votes {:.0}/s vs transfers {:.0}/s finalized (×{:.2}: {}); ≥ 500 ballots/s: {}.",
			l["label"].as_str().unwrap_or("?"),
			f(&v["finalized_tps"]),
			f(&t["finalized_tps"]),
			f(&l["ratio_finalized_tps"]),
			goal(f(&l["ratio_finalized_tps"]) >= 0.9),
			goal(f(&v["finalized_tps"]) >= 500.0)
		);
	}
	if let (Some(s), Some(w)) = (&scale, weight_of("pallet_procurement", "reap_ballots")) {
		if let Some((max_ps, ratio, _)) = block_limits(root) {
			let per = w.eval(&[("n", 1.0)]).0 - w.eval(&[]).0;
			let limit = ((max_ps * ratio - w.eval(&[]).0 - RUNTIME_EXTRINSIC_BASE_PS) / per).floor().max(1.0);
			let n = f(&s["ballots_after"][0]);
			let _ = writeln!(
				r,
				"- Reaping {} ballots at {} µs each (measured): at most {:.0} per call in a block's normal weight, so {:.0} full-block calls (or {:.0} calls of 1,000).",
				n,
				us(per),
				limit,
				(n / limit).ceil(),
				(n / 1000.0).ceil()
			);
		}
	}
	let _ = writeln!(
		r,
		"\n## Reproduce\n\n```sh\nscripts/bench.sh                      # builds what it needs, then everything above (~35 min on 2 cores)\nBENCH_N=20000 scripts/bench.sh        # more ballots per load run\n```\n\nSee the header of `scripts/bench.sh` for the other knobs."
	);

	fs::write(out, r).map_err(|e| format!("{}: {e}", out.display()))
}

/// The first `n` non-comment, non-empty lines of a perf report.
fn top_lines(text: &str, n: usize) -> String {
	let mut out = String::new();
	for l in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).take(n) {
		out.push_str(l);
		out.push('\n');
	}
	out
}

/// Prints `<label> <pool type> <finalized ballots per second>` of the load run with the most
/// finalized ballots per second (for scripts/bench.sh).
pub fn pick(raw: &Path) -> Result<()> {
	let mut best: Option<(f64, String, String)> = None;
	for e in fs::read_dir(raw).map_err(|e| e.to_string())?.flatten() {
		let name = e.file_name().to_string_lossy().to_string();
		if !(name.starts_with("load-") && name.ends_with(".json")) {
			continue;
		}
		if let Some(v) = read_json(&e.path()) {
			let tps = f(&v["phases"][0]["finalized_tps"]);
			if best.as_ref().map_or(true, |b| tps > b.0) {
				best = Some((
					tps,
					v["label"].as_str().unwrap_or("?").into(),
					v["pool_type"].as_str().unwrap_or("fork-aware").into(),
				));
			}
		}
	}
	let (tps, label, pool) = best.ok_or("no load-*.json")?;
	println!("{label} {pool} {tps:.0}");
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	const GENERATED: &str = "
impl<T: frame_system::Config> pallet_procurement::WeightInfo for WeightInfo<T> {
	/// Storage: `Procurement::Projects` (r:1 w:1)
	fn vote() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `300`
		//  Estimated: `3_900`
		// Minimum execution time: 20_000_000 picoseconds.
		Weight::from_parts(21_000_000, 0)
			.saturating_add(Weight::from_parts(0, 3900))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// The range of component `n` is `[1, 200]`.
	fn reap_ballots(n: u32, ) -> Weight {
		Weight::from_parts(10_000_000, 0)
			.saturating_add(Weight::from_parts(0, 1500))
			// Standard Error: 1_000
			.saturating_add(Weight::from_parts(2_000_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2500).saturating_mul(n.into()))
	}
}
";

	#[test]
	fn parses_generated_weights() {
		let v = parse_weight_fn(GENERATED, "vote").unwrap();
		assert_eq!(v.eval(&[]), (21e6 + 4.0 * DB_READ_PS + 2.0 * DB_WRITE_PS, 3900.0, 4.0, 2.0));
		let r = parse_weight_fn(GENERATED, "reap_ballots").unwrap();
		let (one, proof, reads, writes) = r.eval(&[("n", 1.0)]);
		assert_eq!((proof, reads, writes), (4000.0, 2.0, 2.0));
		assert_eq!(one, 12e6 + 2.0 * DB_READ_PS + 2.0 * DB_WRITE_PS);
	}
}
