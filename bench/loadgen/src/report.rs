//! bench/REPORT.md from the raw figures of a `scripts/bench.sh` run (bench/raw/).

use crate::rpc::Result;
use serde_json::Value;
use std::{collections::BTreeMap, fmt::Write as _, fs, path::Path};

/// frame-support's `ParityDbWeight` per storage access, in ps: the runtime's `DbWeight` until it
/// had its own (`runtime/src/weights/paritydb_weights.rs`, `scripts/bench-storage.sh`), so the
/// database costs of a run whose raw figures don't include that file.
const DEFAULT_DB_READ_PS: f64 = 8_000_000.0;
const DEFAULT_DB_WRITE_PS: f64 = 50_000_000.0;

/// The load run the headline and the figures behind the findings (§5) come from: the node's
/// default configuration (`fork-aware` pool), named before any run, never the fastest of them.
pub const HEADLINE_RUN: &str = "fork-aware";

/// The headline's load run among a report's runs: the one labelled [`HEADLINE_RUN`], whatever
/// the others measured.
fn headline_run(loads: &[Value]) -> Option<&Value> {
	loads.iter().find(|l| l["label"] == HEADLINE_RUN)
}

/// What one storage read and one storage write cost the runtime under test, in ps.
#[derive(Clone, Copy, Debug, PartialEq)]
struct DbCosts {
	read_ps: f64,
	write_ps: f64,
	/// Measured by `benchmark storage` (raw/paritydb_weights.rs), or frame-support's constant.
	measured: bool,
}

impl DbCosts {
	/// From `read: N * constants::WEIGHT_REF_TIME_PER_NANOS` and `write: …` in a generated
	/// db weights file (the run's copy of runtime/src/weights/paritydb_weights.rs).
	fn of(raw: &Path) -> Self {
		read(&raw.join("paritydb_weights.rs"))
			.and_then(|s| {
				let ns = |field: &str| -> Option<f64> {
					let line = s.lines().map(str::trim).find(|l| l.starts_with(field))?;
					Some(num(line[field.len()..].split('*').next()?))
				};
				Some(Self {
					read_ps: ns("read:")? * 1e3,
					write_ps: ns("write:")? * 1e3,
					measured: true,
				})
			})
			.unwrap_or(Self {
				read_ps: DEFAULT_DB_READ_PS,
				write_ps: DEFAULT_DB_WRITE_PS,
				measured: false,
			})
	}

	fn describe(&self) -> String {
		format!(
			"{} ({} µs a read, {} µs a write)",
			if self.measured {
				"the database weights measured by `benchmark storage` (raw/paritydb_weights.rs)"
			} else {
				"frame-support's `ParityDbWeight`, the runtime's `DbWeight` in this run"
			},
			us(self.read_ps),
			us(self.write_ps)
		)
	}
}

/// frame-support's default `ExtrinsicBaseWeight`, in ps: what a runtime without its own
/// `benchmark overhead` figures charges.
const DEFAULT_EXTRINSIC_BASE_PS: f64 = 108_157_000.0;

/// What the runtime under test charges per extrinsic on top of the call, read from its sources
/// (runtime/src/weights, written by scripts/bench-weights.sh): the extrinsic base weight and the
/// payment extension's weight, which a free resident call gives back after dispatch
/// (`fees::RefundSkippedPayment`).
struct Charged {
	base_ps: f64,
	/// `ChargeTransactionPayment`'s weight, if the runtime has measured weights for it.
	payment_ps: Option<f64>,
	/// Whether the runtime gives a skipped payment's weight back.
	refunds_skipped_payment: bool,
}

impl Charged {
	fn of(root: &Path, db: DbCosts) -> Self {
		let weights = root.join("runtime/src/weights");
		let base_ps =
			overhead_ps(&weights.join("extrinsic_weights.rs")).unwrap_or(DEFAULT_EXTRINSIC_BASE_PS);
		let payment_ps = read(&weights.join("pallet_transaction_payment.rs"))
			.and_then(|w| parse_weight_fn(&w, "charge_transaction_payment"))
			.map(|w| w.eval(db, &[]).0);
		// The wrapper sits in the runtime's extensions directly or inside `fees::FreeTxGuard`.
		let refunds_skipped_payment = ["runtime/src/lib.rs", "runtime/src/fees.rs"]
			.iter()
			.any(|f| read(&root.join(f)).is_some_and(|l| l.contains("RefundSkippedPayment<")));
		Self { base_ps, payment_ps, refunds_skipped_payment }
	}

	/// What a free (feeless) call's extrinsic finally counts against the block, from its
	/// declared weight (`payment_queryInfo`, before dispatch).
	fn free_call_ps(&self, declared_ps: f64) -> f64 {
		let refund =
			if self.refunds_skipped_payment { self.payment_ps.unwrap_or(0.0) } else { 0.0 };
		declared_ps + self.base_ps - refund
	}

	/// What a paid call's extrinsic counts against the block.
	fn paid_call_ps(&self, declared_ps: f64) -> f64 {
		declared_ps + self.base_ps
	}
}

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
	/// `(ref_time ps, proof bytes, reads, writes)` at the given component values (others 0),
	/// with the database costs of the run.
	fn eval(&self, db: DbCosts, components: &[(&str, f64)]) -> (f64, f64, f64, f64) {
		let mut r = (
			self.base_ref_ps + self.base_reads * db.read_ps + self.base_writes * db.write_ps,
			self.base_proof,
			self.base_reads,
			self.base_writes,
		);
		for (c, v) in components {
			if let Some((rf, rd, wr, pf)) = self.slopes.get(*c) {
				r.0 += v * (rf + rd * db.read_ps + wr * db.write_ps);
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
	let mut times: Vec<f64> =
		b["time_results"].as_array()?.iter().filter_map(|r| r["extrinsic_time"].as_f64()).collect();
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
		.rev()
		.find_map(|l| l.split("Extrinsics per block: ").nth(1))?
		.trim()
		.parse()
		.ok()?;
	let stats = &log[log.rfind("takes[ns]:")?..];
	let field = |name: &str| -> Option<f64> {
		let rest = &stats[stats.find(name)? + name.len()..];
		rest.split([',', '\n']).next()?.trim().parse().ok()
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
	let ratio =
		num(after("NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(")?.split(')').next()?)
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
	// The hand-written prose of the report being replaced, kept (see `kept_prose`).
	let previous = read(out).unwrap_or_default();
	let db = DbCosts::of(raw);
	let machine = read(&raw.join("machine.txt")).unwrap_or_default();
	let commit = read(&raw.join("commit.txt")).unwrap_or_default();
	let pallet_json = read_json(&raw.join("pallet/pallet.json")).unwrap_or(Value::Null);
	let weights_dir = raw.join("pallet");
	let weight_file = |pallet: &str| read(&weights_dir.join(format!("{pallet}.rs")));
	let weight_of = |pallet: &str, bench: &str| -> Option<WeightFn> {
		parse_weight_fn(&weight_file(pallet)?, bench)
	};
	let transfer = weight_of("pallet_balances", "transfer_keep_alive");
	let transfer_w = transfer.as_ref().map(|w| w.eval(db, &[]));
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
	// Configurations by name, the profiled run last.
	loads.sort_by_key(|l| (l["label"] == "profile", l["label"].as_str().unwrap_or("").to_string()));
	let phase = |l: &Value, i: usize| l["phases"][i].clone();
	// One run, named in advance: never the best of several.
	let headline = headline_run(&loads).cloned();
	let scale = read_json(&raw.join("scale.json"));
	let charged = Charged::of(root, db);
	// The transaction extensions' weights measured in this run: frame-system's (every signed
	// extrinsic) and `ChargeTransactionPayment`'s (paid extrinsics only).
	let measured_extensions = weight_file("frame_system_extensions").map(|file| {
		let system: f64 = [
			"check_genesis",
			"check_mortality_mortal_transaction",
			"check_non_zero_sender",
			"check_nonce",
			"check_spec_version",
			"check_tx_version",
			"check_weight",
			"weight_reclaim",
		]
		.iter()
		.filter_map(|n| parse_weight_fn(&file, n))
		.map(|w| w.eval(db, &[]).0)
		.sum();
		let payment = weight_of("pallet_transaction_payment", "charge_transaction_payment")
			.map(|w| w.eval(db, &[]).0);
		(system, payment)
	});
	// `.txt` since the logs are kept in git (`*.log` is ignored); `.log` from older runs.
	let ext = |p: &str, e: &str| {
		extrinsic_log(&raw.join(format!("extrinsic-{p}-{e}.txt")))
			.or_else(|| extrinsic_log(&raw.join(format!("extrinsic-{p}-{e}.log"))))
	};

	// ----- Title and headline -----
	let _ = writeln!(r, "# Gongzhi benchmarks: ballots per second against a balance transfer\n");
	let _ = writeln!(
		r,
		"Written by `scripts/bench.sh` (issue 9). Every figure below was measured in the same run on \
		 the same machine; raw figures are in [`raw/`](raw/). Commit: `{}`.\n",
		commit.lines().next().unwrap_or("?")
	);
	let _ = writeln!(r, "```text\n{}```\n", machine);

	let vote_w = weight_of("pallet_procurement", "vote").map(|w| w.eval(db, &[]));
	let _ = writeln!(r, "## Headline\n");
	let _ = writeln!(
		r,
		"The load-run figures below (and the figures behind the findings, §5) are those of the \
		 `{HEADLINE_RUN}` run: the node's default configuration, named before the runs, not the \
		 best of the runs in §3.{}\n",
		if headline.is_none() { " **This run has no such load run.**" } else { "" }
	);
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
	if let Some(b) = &headline {
		let (v, t) = (phase(b, 0), phase(b, 1));
		let (vd, td) = (
			charged.free_call_ps(f(&v["declared_weight"][0])),
			charged.paid_call_ps(f(&t["declared_weight"][0])),
		);
		let _ = writeln!(
			r,
			"| … as a whole extrinsic counts against a block (base, extensions and call; a free ballot gives the payment's weight back) | vote {} µs vs transfer {} µs (×{:.2}, §1) | {} |",
			us(vd),
			us(td),
			vd / td.max(1.0),
			goal(vd <= td)
		);
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
		let scale_tps = scale.as_ref().map(|s| f(&s["phase"]["finalized_tps"])).unwrap_or(0.0);
		let _ = writeln!(
			r,
			"| ≥ 500 finalized ballots per second | {:.0}/s submitted→finalized for N = {} ({:.0}/s while blocks were filling); the district's {} ballots: {:.0}/s (§4) | {} |",
			f(&v["finalized_tps"]),
			b["n"],
			f(&v["block_span_tps"]),
			scale.as_ref().map(|s| s["phase"]["n"].to_string()).unwrap_or("?".into()),
			scale_tps,
			goal(f(&v["finalized_tps"]) >= 500.0)
		);
	}
	if let (Some(v), Some(t)) = (ext("procurement", "vote"), ext("balances", "transfer_keep_alive"))
	{
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
	prose(&mut r, &previous, "headline");

	// ----- 1. Weights -----
	let _ = writeln!(
		r,
		"## 1. Weights of the resident calls next to `Balances::transfer_keep_alive`\n"
	);
	let _ = writeln!(
		r,
		"From `gongzhi-node benchmark pallet --chain dev` in this run ({}; JSON in `raw/pallet/pallet.json`, \
		 generated weight functions in `raw/pallet/*.rs`). **ref_time** is what the generated \
		 `weights.rs` would charge: the regression's base execution time plus the benchmark's \
		 storage reads and writes at {}. \
		 **proof_size** is the generated (worst-case, `MaxEncodedLen`) estimate; the measured \
		 proof of the benchmark's own state is given beside it. Neither includes the extrinsic \
		 base weight (signature check, nonce, fee logic; see §2), which is the same for every \
		 signed extrinsic.\n",
		read(&raw.join("pallet-args.txt")).unwrap_or_default().trim(),
		db.describe()
	);
	let _ = writeln!(
		r,
		"| call | ref_time µs | of which execution µs | reads / writes | proof_size B (estimated) | proof B (measured) | ref_time ÷ transfer | proof ÷ transfer |\n|---|---|---|---|---|---|---|---|"
	);
	let mut rows: Vec<(&str, &str, &str)> =
		vec![("pallet_balances", "transfer_keep_alive", "Balances::transfer_keep_alive")];
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
		match (w.as_ref().map(|w| w.eval(db, &comps)), transfer_w) {
			(Some(v), Some(t)) => {
				let _ = writeln!(
					r,
					"| `{label}`{} | {} | {} | {} / {} | {:.0} | {} | {:.2} | {:.2} |",
					if comps.is_empty() {
						String::new()
					} else {
						format!(
							" ({})",
							comps
								.iter()
								.map(|c| format!("{}=1", c.0))
								.collect::<Vec<_>>()
								.join(", ")
						)
					},
					us(v.0),
					us(v.0 - v.2 * db.read_ps - v.3 * db.write_ps),
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
	if let Some(b) = &headline {
		let (v, t) = (&phase(b, 0)["declared_weight"], &phase(b, 1)["declared_weight"]);
		let _ = writeln!(
			r,
			"\nWhat the runtime declares before dispatch (`payment_queryInfo`: the call's weight plus \
			 the transaction extensions'; the Gongzhi pallets carry {}): vote {} µs / {} B, \
			 transfer {} µs / {} B (×{:.2}). With the extrinsic base weight ({} µs, from \
			 runtime/src/weights) and{} what a free ballot gives back after dispatch, the \
			 payment extension's {} µs (the check that made it free, declared with it, stays \
			 charged), a whole ballot counts **{} µs** against the block and a \
			 transfer **{} µs** (×{:.2}).\n",
			weights_kind(root),
			us(f(&v[0])),
			v[1],
			us(f(&t[0])),
			t[1],
			f(&v[0]) / f(&t[0]).max(1.0),
			us(charged.base_ps),
			if charged.refunds_skipped_payment { "" } else { " (not in this runtime)" },
			charged.payment_ps.map(us).unwrap_or("?".into()),
			us(charged.free_call_ps(f(&v[0]))),
			us(charged.paid_call_ps(f(&t[0]))),
			charged.free_call_ps(f(&v[0])) / charged.paid_call_ps(f(&t[0])).max(1.0)
		);
	}
	if let Some((system, payment)) = measured_extensions {
		let _ =
			writeln!(
			r,
			"Transaction extensions measured here: frame-system's {} µs{} per signed extrinsic.\n",
			us(system),
			payment.map(|p| format!(" + `ChargeTransactionPayment` {} µs", us(p))).unwrap_or_default()
		);
	}
	for (pallet, bench, comp) in
		[("pallet_procurement", "close", "b"), ("pallet_procurement", "reap_ballots", "n")]
	{
		if let Some(w) = weight_of(pallet, bench) {
			let (base, _, _, _) = w.eval(db, &[]);
			let (one, p1, _, _) = w.eval(db, &[(comp, 1.0)]);
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
		 `VoteBuilder` and `RespondBuilder` in node/lib/src/benchmarking.rs sign with bench resident \
		 `n`'s key for extrinsic `n`.\n"
	);
	let _ = writeln!(
		r,
		"| extrinsic | per block | µs each (average) | median | p95 |\n|---|---|---|---|---|"
	);
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
				let _ = writeln!(
					r,
					"| `{p}::{e}` | (no result in `raw/extrinsic-{p}-{e}.txt`) | | | |"
				);
			},
		}
	}
	let _ = writeln!(
		r,
		"\nThe block fills by **weight** as the runtime declares it ({} for the Gongzhi \
		 pallets; {} for the FRAME pallets, the transaction extensions and the base weights), so \
		 these counts are the runtime's accounting; the µs columns are this machine's speed.\n",
		weights_kind(root),
		if charged.payment_ps.is_some() {
			"weights measured on this machine (runtime/src/weights)"
		} else {
			"the SDK's reference-hardware weights"
		}
	);

	let _ = writeln!(r, "### Computed from the block limits and the weights measured here\n");
	if let Some((max_ps, ratio, max_len)) = block_limits(root) {
		let normal_ps = max_ps * ratio;
		let normal_len = max_len * ratio;
		let _ = writeln!(
			r,
			"Limits (runtime/src/configs/mod.rs): {:.1} s of ref_time per block, {:.0}% for normal \
			 extrinsics = {:.2} s; {:.1} MiB per block, normal {:.2} MiB. Extrinsic base weight: \
			 {} µs measured in this run by `benchmark overhead` (the runtime charges {} µs, from \
			 runtime/src/weights); an empty block: {} µs. Proposal time: Aura proposes for 2/3 of \
			 the 6 s slot = 4 s.\n",
			max_ps / 1e12,
			ratio * 100.0,
			normal_ps / 1e12,
			max_len / 1048576.0,
			normal_len / 1048576.0,
			base_ps.map(us).unwrap_or("?".into()),
			us(charged.base_ps),
			block_ps.map(us).unwrap_or("?".into())
		);
		let _ = writeln!(
			r,
			"| extrinsic | weight each (call + base + extensions, measured in this run) µs | fit by weight | bytes each | fit by length | execution µs each (`benchmark extrinsic`) | fit in 4 s of proposing |\n|---|---|---|---|---|---|---|"
		);
		let vote_len = headline.as_ref().map(|b| f(&phase(b, 0)["encoded_len"])).unwrap_or(0.0);
		let transfer_len = headline.as_ref().map(|b| f(&phase(b, 1)["encoded_len"])).unwrap_or(0.0);
		let (system_ext, payment_ext) = measured_extensions.unwrap_or((0.0, None));
		let payment_ext = payment_ext.unwrap_or(0.0);
		// (…, whether the call is free for the resident: then the payment weight is given back)
		for (label, pallet, bench, len, cap, free) in [
			(
				"Balances::transfer_keep_alive",
				"pallet_balances",
				"transfer_keep_alive",
				transfer_len,
				&caps[1].2,
				false,
			),
			("Procurement::vote", "pallet_procurement", "vote", vote_len, &caps[2].2, true),
			("NeedsSurvey::respond", "pallet_needs_survey", "respond", 0.0, &caps[3].2, true),
		] {
			let payment = if free && charged.refunds_skipped_payment { 0.0 } else { payment_ext };
			// A call that may be free runs its feeless check before dispatch, free or not; the
			// runtime charges it (benchmarked as `feeless_<call>`) with the pool guard's read of
			// the sender's nonce. A runtime without that benchmark charges none.
			let check = if free {
				weight_of(pallet, &format!("feeless_{bench}"))
					.map_or(0.0, |w| w.eval(db, &[]).0 + db.read_ps)
			} else {
				0.0
			};
			let w = weight_of(pallet, bench).map(|w| {
				w.eval(db, &[]).0
					+ base_ps.unwrap_or(charged.base_ps)
					+ system_ext + payment
					+ check
			});
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
			"\nExtensions: frame-system's on every extrinsic; the payment extension's only on paid \
			 ones (a free ballot or response gives it back, but pays for the check that made it \
			 free: `feeless_vote`, `feeless_respond`, plus one read). At one block per 6 s, a block of `k` \
			 ballots is `k / 6` ballots per second: the 500/s goal needs 3,000 ballots per block.\n"
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
			"### `{}`{} — N = {}, pool `{}`\n\nNode: `gongzhi-node {}`\n",
			l["label"].as_str().unwrap_or("?"),
			describe(l["label"].as_str().unwrap_or("")),
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
				.map(|b| {
					format!(
						"#{}: {} ({} ms, {})",
						b["number"],
						b["ours"],
						b["proposing_ms"].as_u64().map(|m| m.to_string()).unwrap_or("?".into()),
						b["end"].as_str().unwrap_or("?")
					)
				})
				.collect();
			let _ = writeln!(
				r,
				"- `{}` per block (extrinsics of the batch, time the node took to build the block, why it stopped adding): {}. Node CPU: {:.1} s while accepting the batch, {:.1} s after (blocks, finality, pool upkeep).",
				p["name"].as_str().unwrap_or("?"),
				blocks.join("; "),
				f(&p["node_cpu_secs_submitting"]),
				f(&p["node_cpu_secs_after"])
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
			"| `close` with {} ballots counted | charged {} µs / {} B before dispatch (call + extensions, `payment_queryInfo`; the extrinsic base weight comes on top); block #{}, where `close` was the only signed extrinsic ({} extrinsics in all), consumed {} µs of normal weight after `close`'s refund for the bids it didn't have |",
			s["ballots_after"][0],
			us(f(&s["close_declared_weight"][0])),
			s["close_declared_weight"][1],
			s["close_block"],
			s["close_block_extrinsics"],
			us(f(&cw[0][0]))
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
			"| `reap_ballots` charged before dispatch (call + extensions; base on top) | {} |",
			reap.join("; ")
		);
		let dry = s["reap_dry_run"].as_str().unwrap_or("?");
		let batch = &s["reap_declared_weight"][1][0];
		let _ = writeln!(
			r,
			"| `reap_ballots(project, {batch})` (`MaxReapBatch`) dry run right after `close` | `{dry}`: {} |",
			dry_run_error(root, dry).unwrap_or("(not a Procurement module error)".into())
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
		let threads = read(&raw.join(format!("profile-{file}-dso.txt")));
		let symbols = read(&raw.join(format!("profile-{file}-symbols.txt")));
		if threads.is_none() && symbols.is_none() {
			continue;
		}
		let _ = writeln!(
			r,
			"### perf, node under {phase_name} (`perf record -e cpu-clock -F 499 -p <node>`)\n"
		);
		if let Some(t) = threads {
			let _ = writeln!(
				r,
				"CPU by binary (`[JIT]` is the runtime's wasm code):\n\n```text\n{}```\n",
				top_lines(&t, 8)
			);
		}
		if let Some(s) = symbols {
			let _ = writeln!(
				r,
				"Where the node's CPU went, by kind of work (from every sampled symbol):\n"
			);
			let _ = writeln!(r, "| work | share of node CPU samples |\n|---|---|");
			for (kind, share) in categorize(&s) {
				let _ = writeln!(r, "| {kind} | {share:.1}% |");
			}
			let _ = writeln!(r, "\nHottest symbols (`[JIT]` frames are the runtime's wasm code, compiled by wasmtime and named through its perf map):\n\n```text\n{}```\n", top_lines(&s, 25));
		}
	}
	if let Some(b) = &headline {
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
	findings_figures(&mut r, raw, headline.as_ref(), &caps, base_ps, &charged, db);
	prose(&mut r, &previous, "findings");

	// ----- 5b. The resident app -----
	app_section(&mut r, raw);

	// ----- 5c. The indexer -----
	indexer_section(&mut r, raw);

	// ----- 5d. Anonymous ballots -----
	anon_section(&mut r, raw, headline.as_ref().map(|b| phase(b, 0)).as_ref(), &previous);

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
			"- `{}`{}: votes {:.0}/s vs transfers {:.0}/s finalized (×{:.2}: {}); ≥ 500 ballots/s: {}.",
			l["label"].as_str().unwrap_or("?"),
			describe(l["label"].as_str().unwrap_or("")),
			f(&v["finalized_tps"]),
			f(&t["finalized_tps"]),
			f(&l["ratio_finalized_tps"]),
			goal(f(&l["ratio_finalized_tps"]) >= 0.9),
			goal(f(&v["finalized_tps"]) >= 500.0)
		);
	}
	if let Some(s) = &scale {
		let p = &s["phase"];
		let _ = writeln!(
			r,
			"- scale ({} residents, one ballot): {:.0} ballots/s finalized over all {} ({:.0}/s block span); ≥ 500 ballots/s: {}.",
			s["residents"],
			f(&p["finalized_tps"]),
			p["finalized"],
			f(&p["block_span_tps"]),
			goal(f(&p["finalized_tps"]) >= 500.0)
		);
	}
	if let (Some(s), Some(w)) = (&scale, weight_of("pallet_procurement", "reap_ballots")) {
		if let Some((max_ps, ratio, _)) = block_limits(root) {
			let per = w.eval(db, &[("n", 1.0)]).0 - w.eval(db, &[]).0;
			let limit =
				((max_ps * ratio - w.eval(db, &[]).0 - charged.base_ps) / per).floor().max(1.0);
			let n = f(&s["ballots_after"][0]);
			let batch = f(&s["reap_declared_weight"][1][0]).max(1.0);
			let _ = writeln!(
				r,
				"- Reaping {} ballots at {} µs each (measured over 1..=MaxReapBatch): a block's normal weight would hold {:.0} per call, and a call takes at most {:.0} (`MaxReapBatch`), so {:.0} calls.",
				n,
				us(per),
				limit,
				batch,
				(n / limit.min(batch)).ceil()
			);
		}
	}
	let _ = writeln!(r);
	storage_section(&mut r, raw, root, &previous);
	let _ = writeln!(
		r,
		"## Reproduce\n\n```sh\nscripts/bench.sh                      # builds what it needs, then everything above (about an hour on 2 cores)\nBENCH_N=20000 scripts/bench.sh        # more ballots per load run\nscripts/bench-storage.sh              # §7 only: the database weights, on a 50,000-resident district\n```\n\nSee the header of `scripts/bench.sh` for the other knobs."
	);

	fs::write(out, r).map_err(|e| format!("{}: {e}", out.display()))
}

/// The resident app's figures (scripts/bench-app.sh: raw/app-load.json, raw/app-vote.json), if
/// that script ran.
fn app_section(r: &mut String, raw: &Path) {
	let load = read_json(&raw.join("app-load.json"));
	let vote = read_json(&raw.join("app-vote.json"));
	if load.is_none() && vote.is_none() {
		return;
	}
	let ms = |v: &Value| format!("{:.0} ms", f(v));
	let _ = writeln!(r, "## 5b. The resident app (light client in the page)\n");
	let _ = writeln!(
		r,
		"From `scripts/bench-app.sh`: headless Chromium at 360×740 opens `app/` served on loopback; the page's smoldot reaches a dev node over WebSocket p2p. Times are the page's own clock (`performance.now()`), median (min–max) of the runs.\n"
	);
	if let Some(l) = load {
		let _ = writeln!(
			r,
			"- **Page load → synced and first screen drawn**, chain of {} finalized blocks (a `fast-blocks` node: the page's work is the same, the chain is just made faster): cold (new browser profile, nothing cached) {} ({}–{}), warm (reload; metadata cached in the page) {} ({}–{}); {} runs.",
			l["chainFinalized"],
			ms(&l["coldMs"]["median"]),
			ms(&l["coldMs"]["min"]),
			ms(&l["coldMs"]["max"]),
			ms(&l["warmMs"]["median"]),
			ms(&l["warmMs"]["min"]),
			ms(&l["warmMs"]["max"]),
			l["coldMs"]["runs"]
		);
	}
	if let Some(v) = vote {
		let _ = writeln!(
			r,
			"- **Tap \"vote\" → shown in a block** {} ({}–{}); **→ shown finalized** {} ({}–{}); {} taps, 6-second blocks (the check through `GongzhiApi.check_call`, signing, the pool, inclusion and GRANDPA finality, as the resident sees them).",
			ms(&v["inBlockMs"]["median"]),
			ms(&v["inBlockMs"]["min"]),
			ms(&v["inBlockMs"]["max"]),
			ms(&v["finalizedMs"]["median"]),
			ms(&v["finalizedMs"]["min"]),
			ms(&v["finalizedMs"]["max"]),
			v["finalizedMs"]["runs"]
		);
	}
	let _ = writeln!(r);
}

/// The indexer's figures on the district run (raw/indexer.json: `how`, `produced`, `live`,
/// `backfill` per backend), if they were measured.
fn indexer_section(r: &mut String, raw: &Path) {
	let Some(x) = read_json(&raw.join("indexer.json")) else { return };
	let _ = writeln!(r, "## 5c. The indexer (gongzhi-indexer)\n");
	let _ = writeln!(r, "How: {}\n", x["how"].as_str().unwrap_or("(not recorded)"));
	let p = &x["produced"];
	let l = &x["live"];
	let _ = writeln!(
		r,
		"- **Produced**: {} ballots in {} blocks ({} per full block), {:.1} ballots/s finalized.\n- **Live** (indexer beside the node, `/status` every {} s): cursor at the finalized head in {} of {} samples, at most {} block(s) behind.",
		p["ballots"],
		p["blocks"],
		p["per_full_block"],
		f(&p["finalized_per_sec"]),
		l["poll_secs"],
		l["at_head_samples"],
		l["samples"],
		l["max_lag_blocks"]
	);
	if let Some(backends) = x["backfill"].as_object() {
		for (name, b) in backends {
			let secs = f(&b["secs"]);
			let events = f(&b["events"]);
			let _ = writeln!(
				r,
				"- **Backfill from genesis, {name}**: {} blocks, {} events in {:.1} s ({:.0} events/s, {:.0}× the production rate).",
				b["blocks"],
				b["events"],
				secs,
				if secs > 0.0 { events / secs } else { 0.0 },
				if secs > 0.0 && f(&p["finalized_per_sec"]) > 0.0 { events / secs / f(&p["finalized_per_sec"]) } else { 0.0 }
			);
		}
	}
	let _ = writeln!(r);
}

/// Anonymous ballots through a real node (scripts/bench-anon.sh: raw/anon.json), if measured,
/// beside the open ballot's figures of the headline load run (`open`: its vote phase).
fn anon_section(r: &mut String, raw: &Path, open: Option<&Value>, previous: &str) {
	let Some(a) = read_json(&raw.join("anon.json")) else { return };
	let _ = writeln!(r, "## 5d. Anonymous ballots (ring-VRF proofs, no signer)\n");
	let _ = writeln!(
		r,
		"From `scripts/bench-anon.sh`. How: {}\n",
		a["how"].as_str().unwrap_or("(not recorded)")
	);
	let rings = a["rings"]
		.as_array()
		.map(|rs| {
			rs.iter()
				.map(|ring| {
					format!("{} in {}", ring["members"], ring["domain"].as_str().unwrap_or("?"))
				})
				.collect::<Vec<_>>()
				.join(", ")
		})
		.unwrap_or_default();
	let _ = writeln!(
		r,
		"- **Rings**: {} residents in {} rings ({rings}); proved ahead in {:.0} s ({:.1} proofs/s on the machine's cores), taken by the pool in {:.1} s.",
		a["residents"],
		a["rings"].as_array().map_or(0, |rs| rs.len()),
		f(&a["proveSeconds"]),
		f(&a["proofsPerSecond"]),
		f(&a["poolAcceptSeconds"])
	);
	let _ = writeln!(
		r,
		"- **Blocks**: #{}–#{}: {} blocks held ballots, at most {} in one ({} on average in a full one); {} session-change block(s) in between took none.",
		a["firstBlock"],
		a["lastBlock"],
		a["blocksWithBallots"],
		a["mostInBlock"],
		a["meanInFullBlock"],
		a["sessionChangesWithoutBallots"]
	);
	let _ = writeln!(
		r,
		"- **Rate**: all {} in blocks {:.0} s after submission ({:.2}/s), finalized after {:.0} s (**{:.2}/s**).\n",
		a["residents"],
		f(&a["inBlocksSeconds"]),
		f(&a["ballotsPerSecondInBlocks"]),
		f(&a["finalizedSeconds"]),
		f(&a["ballotsPerSecondFinalized"])
	);
	let _ = writeln!(r, "| ballot | most in a block | finalized per second |\n|---|---|---|");
	if let Some(v) = open {
		let _ = writeln!(
			r,
			"| open, signed (`vote`; headline run `{HEADLINE_RUN}`, §3) | {} | {:.0} |",
			v["max_per_block"],
			f(&v["finalized_tps"])
		);
	}
	let _ = writeln!(
		r,
		"| anonymous (`cast_anonymous_ballot`, this run) | {} | {:.2} |\n",
		a["mostInBlock"],
		f(&a["ballotsPerSecondFinalized"])
	);
	prose(r, previous, "anon");
}

/// The figures the findings draw on (the headline run, `benchmark extrinsic`, the profile, the
/// node logs), as measured: what they mean is written by hand in the `findings` prose that
/// follows them (see `kept_prose`).
fn findings_figures(
	r: &mut String,
	raw: &Path,
	run: Option<&Value>,
	caps: &[(&str, &str, Option<(u64, f64, f64, f64)>)],
	base_ps: Option<f64>,
	charged: &Charged,
	db: DbCosts,
) {
	let Some(b) = run else { return };
	let label = b["label"].as_str().unwrap_or("?");
	let (v, t) = (&b["phases"][0], &b["phases"][1]);
	let blocks = |p: &Value| -> Vec<Value> { p["blocks"].as_array().cloned().unwrap_or_default() };
	let full: Vec<Value> =
		blocks(v).into_iter().filter(|b| b["end"] == "HitBlockWeightLimit").collect();
	let proposing: Vec<u64> = full.iter().filter_map(|b| b["proposing_ms"].as_u64()).collect();
	let per_block = full.first().map(|b| f(&b["ours"])).unwrap_or(0.0);
	let vote_declared = f(&v["declared_weight"][0]);
	let transfer_declared = f(&t["declared_weight"][0]);
	let ext = f(&b["remark_declared_weight"][0]);
	let _ = writeln!(r, "### Figures behind the findings (`{label}` run unless named)\n");
	let _ = writeln!(
		r,
		"- Ballot blocks: {} held ballots, {} stopped at `HitBlockWeightLimit`, with {:.0} ballots each, built in {} ms (Aura proposes for up to 4 s); node CPU {:.0}% (100% = one core of 2). {:.0} ballots a block ÷ 6 s = {:.0}/s. Transfers: at most {} in a block ({:.0}/s).",
		blocks(v).len(),
		full.len(),
		per_block,
		match (proposing.iter().min(), proposing.iter().max()) {
			(Some(lo), Some(hi)) => format!("{lo}–{hi}"),
			_ => "?".to_string(),
		},
		f(&v["node_cpu_pct"]),
		per_block,
		per_block / 6.0,
		t["max_per_block"],
		f(&t["max_per_block"]) / 6.0
	);
	if ext > 0.0 {
		let _ = writeln!(
			r,
			"- Charged against the block per whole extrinsic: ballot {} µs, transfer {} µs. Of it: the extrinsic base weight {} µs; an empty `remark` declared at {} µs (its call and the transaction extensions); the payment extension's weight a free ballot gives back: {}; the vote call {} µs. Reads and writes priced at {}.",
			us(charged.free_call_ps(vote_declared)),
			us(charged.paid_call_ps(transfer_declared)),
			us(charged.base_ps),
			us(ext),
			if charged.refunds_skipped_payment {
				format!("{} µs", charged.payment_ps.map(us).unwrap_or("?".into()))
			} else {
				"none (this runtime keeps it)".to_string()
			},
			us(vote_declared - ext),
			db.describe()
		);
	}
	let vote_exec = caps.get(2).and_then(|c| c.2).map(|c| c.2 * 1000.0);
	let transfer_exec = caps.get(1).and_then(|c| c.2).map(|c| c.2 * 1000.0);
	if let (Some(ve), Some(te)) = (vote_exec, transfer_exec) {
		let _ = writeln!(
			r,
			"- Executed in a full block (`benchmark extrinsic`, median): vote {} µs, transfer {} µs ({:+.0}%); an empty remark's whole extrinsic {} µs (`benchmark overhead`). Charged ÷ executed for a ballot: {:.1}.",
			us(ve),
			us(te),
			(ve / te - 1.0) * 100.0,
			base_ps.map(us).unwrap_or("?".into()),
			charged.free_call_ps(vote_declared) / ve
		);
	}
	let categories =
		read(&raw.join("profile-vote-symbols.txt")).map(|s| categorize(&s)).unwrap_or_default();
	if !categories.is_empty() {
		let _ = writeln!(
			r,
			"- Node CPU under ballots by kind of work (perf, §5): {}.",
			categories
				.iter()
				.take(3)
				.map(|(k, v)| format!("{k} {v:.0}%"))
				.collect::<Vec<_>>()
				.join(", ")
		);
	}
	let _ = writeln!(
		r,
		"- Latency of a ballot (N = {}): p50 {:.1} s to a block, {:.1} s to finality; block-span rate {:.0}/s; accepted by the node at {:.0}/s.",
		b["n"],
		f(&v["latency_included"]["p50_ms"]) / 1000.0,
		f(&v["latency_finalized"]["p50_ms"]) / 1000.0,
		f(&v["block_span_tps"]),
		f(&v["accept_rate"])
	);
	let overflow = |name: &str| {
		read(&raw.join(name))
			.map(|l| l.matches("Trying to notify an import but the channel is full").count())
	};
	let load_log = format!("load-{label}-node.log");
	let _ = writeln!(
		r,
		"- \"Trying to notify an import but the channel is full\" in the node's log: {} in the `{label}` run, {} in the scale run.",
		overflow(&load_log).map_or(format!("(no raw/{load_log})"), |n| format!("{n} times")),
		overflow("scale-node.log").map_or("(no raw/scale-node.log)".into(), |n| format!("{n} times"))
	);
	if let Some(l) = read_json(&raw.join("load-no-cow.json")) {
		let v = &l["phases"][0];
		let blocks = v["blocks"].as_array().cloned().unwrap_or_default();
		let _ = writeln!(
			r,
			"- `no-cow` run (`--wasmtime-instantiation-strategy pooling`): {:.0} ballots/s finalized, {} of {} blocks stopped at `HitDeadline`, node CPU {:.0}%, {:.0} s of node CPU while accepting the batch ({:.0} s in the `{label}` run).",
			f(&v["finalized_tps"]),
			blocks.iter().filter(|b| b["end"] == "HitDeadline").count(),
			blocks.len(),
			f(&v["node_cpu_pct"]),
			f(&v["node_cpu_secs_submitting"]),
			f(&b["phases"][0]["node_cpu_secs_submitting"])
		);
	}
	let _ = writeln!(r);
}

/// The hand-written block `name` of a report: the text between `<!-- prose:NAME -->` and
/// `<!-- /prose:NAME -->`, markers included. `report` writes such blocks back where they were,
/// so conclusions are prose in REPORT.md and the code writes only measured figures.
fn kept_prose(report: &str, name: &str) -> Option<String> {
	let (open, close) = (format!("<!-- prose:{name} -->"), format!("<!-- /prose:{name} -->"));
	let start = report.find(&open)?;
	let end = start + report[start..].find(&close)? + close.len();
	Some(report[start..end].to_string())
}

/// Writes the kept prose block `name`, or an empty one to be written by hand.
fn prose(r: &mut String, previous: &str, name: &str) {
	let block = kept_prose(previous, name).unwrap_or_else(|| {
		format!(
			"<!-- prose:{name} -->\n(Written by hand between these markers; `gongzhi-loadgen report` keeps it.)\n<!-- /prose:{name} -->"
		)
	});
	let _ = writeln!(r, "{block}\n");
}

/// What a load run's label stands for, for headings.
fn describe(label: &str) -> &'static str {
	match label {
		"profile" => " (under `perf record`, smaller N)",
		"no-cow" => " (wasmtime `pooling` without copy-on-write)",
		_ => "",
	}
}

/// Whether the pallets' weights are still the hand-made placeholders.
fn weights_kind(root: &Path) -> &'static str {
	match read(&root.join("pallets/procurement/src/weights.rs")) {
		Some(w) if w.contains("PLACEHOLDER") => "hand-made placeholder weights",
		Some(_) => "weights generated by `benchmark pallet`",
		None => "weights of unknown origin",
	}
}

/// The `benchmark storage` run behind the runtime's database weights (scripts/bench-storage.sh:
/// raw/storage/), if it ran. It is a run of its own, on its own date: its machine is given.
fn storage_section(r: &mut String, raw: &Path, root: &Path, previous: &str) {
	let dir = raw.join("storage");
	let Some(log) = read(&dir.join("benchmark-storage.txt")) else { return };
	let _ = writeln!(r, "## 7. Database weights (`benchmark storage` on the district's state)\n");
	let _ = writeln!(
		r,
		"From `scripts/bench-storage.sh`, a run of its own (not part of `scripts/bench.sh`): \
		 `gongzhi-loadgen district` builds the state on a real dev node (ParityDB), every resident \
		 answering a survey and voting; then `gongzhi-node benchmark storage --database paritydb \
		 --state-version 1` on that database, without the trie cache: every key read once, in \
		 random order, and every key overwritten, in batches whose storage root is computed and \
		 committed as a block import does (time per key of the batch). Log: \
		 `raw/storage/benchmark-storage.txt`.\n"
	);
	if let Some(m) = read(&dir.join("machine.txt")) {
		let _ = writeln!(r, "```text\n{m}```\n");
	}
	let count = |needle: &str| -> String {
		log.lines()
			.find_map(|l| l.split(needle).nth(1))
			.map(|rest| rest.trim().to_string())
			.unwrap_or("?".into())
	};
	let stats = storage_stats(&log);
	let _ = writeln!(
		r,
		"| | keys | min | average | median | p75 | p95 | p99 | max | std-dev |\n|---|---|---|---|---|---|---|---|---|---|"
	);
	for (i, what) in ["read (ns)", "write (ns per key)"].iter().enumerate() {
		let keys = if i == 0 { count("Reading ") } else { count("Writing ") };
		match stats.get(i) {
			Some(s) => {
				let _ = writeln!(
					r,
					"| {what} | {keys} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |",
					s.min, s.avg, s.median, s.p75, s.p95, s.p99, s.max, s.stddev
				);
			},
			None => {
				let _ = writeln!(r, "| {what} | {keys} | (no summary in the log) | | | | | | | |");
			},
		}
	}
	let runtime = DbCosts::of(&root.join("runtime/src/weights"));
	let _ = writeln!(
		r,
		"\nThe runtime's `DbWeight` (runtime/src/weights/paritydb_weights.rs, the averages): {}.\n",
		if runtime.measured {
			format!("{} ns a read, {} ns a write", runtime.read_ps / 1e3, runtime.write_ps / 1e3)
		} else {
			"(no such file: frame-support's `ParityDbWeight`)".to_string()
		}
	);
	prose(r, previous, "storage");
}

/// One "Time summary [ns]" of a `benchmark storage` log.
#[derive(Debug, Default, PartialEq)]
struct StorageStats {
	min: f64,
	max: f64,
	avg: f64,
	median: f64,
	stddev: f64,
	p99: f64,
	p95: f64,
	p75: f64,
}

/// The time summaries of a `benchmark storage` log, in order (the read's, then the write's).
fn storage_stats(log: &str) -> Vec<StorageStats> {
	let mut out = Vec::new();
	let mut lines = log.lines();
	while let Some(line) = lines.next() {
		if !line.contains("Time summary [ns]:") {
			continue;
		}
		let mut s = StorageStats::default();
		for l in lines.by_ref().take(4) {
			let values = |after: &str| -> Vec<f64> {
				l.split(after).nth(1).map(|v| v.split(',').map(num).collect()).unwrap_or_default()
			};
			if l.starts_with("Min: ") {
				let v: Vec<f64> =
					l.split(',').map(|p| num(p.split(':').nth(1).unwrap_or(""))).collect();
				(s.min, s.max) = (v[0], v.get(1).copied().unwrap_or(0.0));
			} else if l.starts_with("Average: ") {
				let v: Vec<f64> =
					l.split(',').map(|p| num(p.split(':').nth(1).unwrap_or(""))).collect();
				s.avg = v[0];
				s.median = v.get(1).copied().unwrap_or(0.0);
				s.stddev = v.get(2).copied().unwrap_or(0.0);
			} else if l.starts_with("Percentiles") {
				let v = values("75th: ");
				(s.p99, s.p95, s.p75) = (
					v.first().copied().unwrap_or(0.0),
					v.get(1).copied().unwrap_or(0.0),
					v.get(2).copied().unwrap_or(0.0),
				);
			}
		}
		out.push(s);
	}
	out
}

/// Names a dry run's `ApplyExtrinsicResult` if it is a module error of pallet-procurement:
/// `0x00 01 03 <pallet> <error> 00 00 00` is `Ok(Err(DispatchError::Module { … }))`.
fn dry_run_error(root: &Path, hex: &str) -> Option<String> {
	let b = crate::keys::unhex(hex).ok()?;
	if b.len() < 5 || b[..3] != [0, 1, 3] {
		return None;
	}
	let (pallet, index) = (b[3], b[4] as usize);
	let src = read(&root.join("pallets/procurement/src/lib.rs"))?;
	let body = &src[src.find("pub enum Error<T> {")?..];
	let body = &body[..body.find("\n\t}")?];
	let name = body
		.lines()
		.map(str::trim)
		.filter(|l| !l.starts_with("//") && !l.starts_with('#'))
		.filter_map(|l| l.strip_suffix(','))
		.filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric()))
		.nth(index)?;
	Some(format!("module error {index} of pallet {pallet} (Procurement): `{name}`"))
}

/// Sums a `perf report --sort dso,sym` listing by kind of work.
fn categorize(report: &str) -> Vec<(&'static str, f64)> {
	const KINDS: &[(&str, &[&str])] = &[
		(
			"sr25519 signature checks (curve25519, schnorrkel, merlin/keccak, sha512)",
			&["curve25519", "schnorrkel", "merlin", "keccak", "sha2::", "sha512", "subtle::"],
		),
		("runtime (wasm) code", &["[JIT]"]),
		(
			"wasm executor and host-call glue (wasmtime, allocator, runtime interface)",
			&[
				"wasmtime",
				"sc_executor",
				"sc_allocator",
				"sp_runtime_interface",
				"sp_wasm_interface",
				"cranelift",
				"sp_io::",
			],
		),
		(
			"state: trie, caches, ParityDB, hashing",
			&[
				"sp_trie",
				"trie_db",
				"parity_db",
				"sp_state_machine",
				"memory_db",
				"hash_db",
				"blake2",
				"twox",
				"xxhash",
				"sc_client_db",
				"lz4",
				"zstd",
				"sp_database",
			],
		),
		("transaction pool", &["sc_transaction_pool", "txpool"]),
		(
			"JSON-RPC, SCALE/JSON (de)serialisation, networking",
			&[
				"jsonrpsee",
				"serde_json",
				"sc_rpc",
				"soketto",
				"hyper",
				"litep2p",
				"sc_network",
				"parity_scale_codec",
				"serde::",
				"base64",
				"array_bytes",
				"hex::",
			],
		),
		("libc (malloc, free, memcpy, …)", &["libc.so"]),
		("kernel (scheduling, page faults, syscalls)", &["[kernel"]),
	];
	let mut sums = vec![0.0; KINDS.len() + 1];
	for line in report.lines().filter(|l| !l.starts_with('#')) {
		let t = line.trim();
		let Some(pct) = t.split('%').next().and_then(|p| p.trim().parse::<f64>().ok()) else {
			continue;
		};
		let i = KINDS
			.iter()
			.position(|(_, needles)| needles.iter().any(|n| t.contains(n)))
			.unwrap_or(KINDS.len());
		sums[i] += pct;
	}
	let mut out: Vec<(&'static str, f64)> =
		KINDS.iter().map(|k| k.0).chain(["other native code"]).zip(sums).collect();
	out.sort_by(|a, b| b.1.total_cmp(&a.1));
	out
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

/// Writes `input` (a `benchmark pallet --json-file` array) to `out` with at most `keep` time and
/// `keep` database samples per benchmark and component values.
pub fn slim_pallet_json(input: &Path, out: &Path, keep: usize) -> Result<()> {
	let mut json = read_json(input).ok_or(format!("{}: not JSON", input.display()))?;
	for bench in json.as_array_mut().into_iter().flatten() {
		for field in ["time_results", "db_results"] {
			let Some(results) = bench[field].as_array() else { continue };
			let mut seen: BTreeMap<String, usize> = BTreeMap::new();
			let kept: Vec<Value> = results
				.iter()
				.filter(|r| {
					let n = seen.entry(r["components"].to_string()).or_default();
					*n += 1;
					*n <= keep
				})
				.cloned()
				.collect();
			bench[field] = Value::Array(kept);
		}
	}
	fs::write(out, serde_json::to_string(&json).map_err(|e| e.to_string())?)
		.map_err(|e| format!("{}: {e}", out.display()))
}

/// Prints `<label> <pool type> <finalized ballots/s> <block-span ballots/s>` of the load run
/// with the most finalized ballots per second, or, among runs within 3% of it, the one whose
/// node used the least CPU (for scripts/bench.sh).
pub fn pick(raw: &Path) -> Result<()> {
	// (finalized ballots/s, label, pool, block-span ballots/s, node CPU %)
	let mut runs: Vec<(f64, String, String, f64, f64)> = Vec::new();
	for e in fs::read_dir(raw).map_err(|e| e.to_string())?.flatten() {
		let name = e.file_name().to_string_lossy().to_string();
		if !(name.starts_with("load-") && name.ends_with(".json")) {
			continue;
		}
		if let Some(v) = read_json(&e.path()) {
			let p = &v["phases"][0];
			runs.push((
				f(&p["finalized_tps"]),
				v["label"].as_str().unwrap_or("?").into(),
				v["pool_type"].as_str().unwrap_or("fork-aware").into(),
				f(&p["block_span_tps"]),
				f(&p["node_cpu_pct"]),
			));
		}
	}
	let top = runs.iter().map(|r| r.0).fold(0.0, f64::max);
	// Runs within 3% of the fastest are a tie (blocks full by weight): take the cheapest in CPU.
	let best = runs
		.iter()
		.filter(|r| r.0 >= top * 0.97)
		.min_by(|a, b| a.4.total_cmp(&b.4))
		.ok_or("no load-*.json")?;
	println!("{} {} {:.0} {:.0}", best.1, best.2, best.0, best.3.max(best.0));
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
		let db = DbCosts { read_ps: 8e6, write_ps: 50e6, measured: false };
		let v = parse_weight_fn(GENERATED, "vote").unwrap();
		assert_eq!(v.eval(db, &[]), (21e6 + 4.0 * 8e6 + 2.0 * 50e6, 3900.0, 4.0, 2.0));
		let r = parse_weight_fn(GENERATED, "reap_ballots").unwrap();
		let (one, proof, reads, writes) = r.eval(db, &[("n", 1.0)]);
		assert_eq!((proof, reads, writes), (4000.0, 2.0, 2.0));
		assert_eq!(one, 12e6 + 2.0 * 8e6 + 2.0 * 50e6);
	}

	/// A scratch directory of its own for each test.
	fn scratch(name: &str) -> std::path::PathBuf {
		let dir =
			std::env::temp_dir().join(format!("gongzhi-report-{name}-{}", std::process::id()));
		let _ = fs::remove_dir_all(&dir);
		fs::create_dir_all(&dir).unwrap();
		dir
	}

	/// A load run's raw figures with the given finalized rates of its two phases.
	fn load_run(label: &str, votes_per_sec: f64, transfers_per_sec: f64) -> String {
		serde_json::json!({
			"label": label,
			"n": 1000,
			"pool_type": label,
			"node_args": [],
			"ratio_finalized_tps": votes_per_sec / transfers_per_sec,
			"remark_declared_weight": [200e6, 0],
			"phases": [
				{ "name": "vote", "finalized_tps": votes_per_sec, "declared_weight": [700e6, 0] },
				{ "name": "transfer_keep_alive", "finalized_tps": transfers_per_sec, "declared_weight": [300e6, 0] },
			],
		})
		.to_string()
	}

	fn root() -> std::path::PathBuf {
		Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
	}

	#[test]
	fn the_headline_is_the_named_run_even_when_another_is_faster() {
		let raw = scratch("headline");
		fs::write(
			raw.join(format!("load-{HEADLINE_RUN}.json")),
			load_run(HEADLINE_RUN, 208.0, 289.0),
		)
		.unwrap();
		// Faster in every figure: a best-of rule would put it in the headline.
		fs::write(raw.join("load-single-state.json"), load_run("single-state", 251.0, 301.0))
			.unwrap();
		let out = raw.join("REPORT.md");
		write(&raw, &root(), &out).unwrap();
		let report = fs::read_to_string(&out).unwrap();
		let headline = &report[report.find("## Headline").unwrap()..report.find("## 1.").unwrap()];
		assert!(headline.contains(&format!("`{HEADLINE_RUN}` run")), "{headline}");
		assert!(headline.contains("208 vs 289 finalized per second"), "{headline}");
		for other in ["251 vs 301", "251/s"] {
			assert!(
				!headline.contains(other),
				"a figure of another run in the headline:\n{headline}"
			);
		}
		// Both runs are still reported in full (§3).
		assert!(report.contains("### `single-state`"));
		let _ = fs::remove_dir_all(&raw);
	}

	#[test]
	fn the_hand_written_prose_is_kept_and_the_code_writes_none() {
		let raw = scratch("prose");
		fs::write(
			raw.join(format!("load-{HEADLINE_RUN}.json")),
			load_run(HEADLINE_RUN, 208.0, 289.0),
		)
		.unwrap();
		let out = raw.join("REPORT.md");
		write(&raw, &root(), &out).unwrap();
		let first = fs::read_to_string(&out).unwrap();
		assert!(kept_prose(&first, "findings").unwrap().contains("Written by hand"));
		let by_hand = "<!-- prose:findings -->\n### Findings\n\n1. Blocks fill by weight.\n<!-- /prose:findings -->";
		fs::write(&out, first.replace(&kept_prose(&first, "findings").unwrap(), by_hand)).unwrap();
		write(&raw, &root(), &out).unwrap();
		let second = fs::read_to_string(&out).unwrap();
		assert_eq!(kept_prose(&second, "findings").as_deref(), Some(by_hand));
		let _ = fs::remove_dir_all(&raw);
	}

	#[test]
	fn parses_the_time_summaries_of_benchmark_storage() {
		let log =
			"2026-12-01 17:00:00 INFO main frame_benchmarking_cli::storage::cmd: Time summary [ns]:
Total: 1000
Min: 1, Max: 90
Average: 10, Median: 9, Stddev: 2.5
Percentiles 99th, 95th, 75th: 50, 30, 12
Value size summary:
Total: 5
Min: 1, Max: 2
Average: 1, Median: 1, Stddev: 0
Percentiles 99th, 95th, 75th: 2, 2, 1
2026-12-01 17:01:00 INFO main frame_benchmarking_cli::storage::cmd: Time summary [ns]:
Total: 2000
Min: 20, Max: 400
Average: 40, Median: 35, Stddev: 7
Percentiles 99th, 95th, 75th: 300, 100, 45
";
		let s = storage_stats(log);
		assert_eq!(s.len(), 2);
		let read = StorageStats {
			min: 1.0,
			max: 90.0,
			avg: 10.0,
			median: 9.0,
			stddev: 2.5,
			p99: 50.0,
			p95: 30.0,
			p75: 12.0,
		};
		assert_eq!(s[0], read);
		assert_eq!((s[1].avg, s[1].p99, s[1].max), (40.0, 300.0, 400.0));
	}

	#[test]
	fn database_costs_come_from_the_runs_db_weights_file() {
		let raw = scratch("db");
		assert_eq!(
			DbCosts::of(&raw),
			DbCosts { read_ps: 8e6, write_ps: 50e6, measured: false },
			"without the file: frame-support's ParityDbWeight"
		);
		fs::write(
			raw.join("paritydb_weights.rs"),
			"\t\t\t/// Time to read one storage item.\n\t\t\tread: 12_345 * constants::WEIGHT_REF_TIME_PER_NANOS,\n\t\t\twrite: 67_890 * constants::WEIGHT_REF_TIME_PER_NANOS,\n",
		)
		.unwrap();
		assert_eq!(
			DbCosts::of(&raw),
			DbCosts { read_ps: 12_345e3, write_ps: 67_890e3, measured: true }
		);
		let _ = fs::remove_dir_all(&raw);
	}
}
