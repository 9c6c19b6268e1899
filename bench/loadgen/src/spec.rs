//! Chain specs: the dev spec with bench residents and endowed senders added to its genesis patch,
//! and an exported state patched so that `benchmark extrinsic` can vote and respond on it.

use crate::{
	chain::StateKeys,
	keys::{self, hex},
	rpc::Result,
};
use serde_json::{json, Value};
use std::{path::Path, process::Command};
use subxt::ext::codec::Encode;

/// `gongzhi-node export-chain-spec --chain dev`, with `residents` bench residents (in community
/// 0 of office 0, no household) and `senders` accounts endowed with `endowment` added.
pub fn dev_spec_with(node: &Path, residents: u32, senders: u32, endowment: u64) -> Result<Value> {
	let out = Command::new(node)
		.args(["export-chain-spec", "--chain", "dev"])
		.output()
		.map_err(|e| format!("running {}: {e}", node.display()))?;
	if !out.status.success() {
		return Err(format!("export-chain-spec: {}", String::from_utf8_lossy(&out.stderr)));
	}
	let mut spec: Value =
		serde_json::from_slice(&out.stdout).map_err(|e| format!("chain spec: {e}"))?;
	let patch = &mut spec["genesis"]["runtimeGenesis"]["patch"];
	if !patch.is_object() {
		return Err("the dev chain spec has no genesis.runtimeGenesis.patch".into());
	}
	let list = patch["community"]["residents"]
		.as_array_mut()
		.ok_or("no community.residents in the dev genesis patch")?;
	for i in 0..residents {
		let who = keys::ss58(&keys::account(&keys::resident(i)));
		list.push(json!([who, 0, hex(&keys::person_hash(i)), null]));
	}
	let balances = patch["balances"]["balances"]
		.as_array_mut()
		.ok_or("no balances.balances in the dev genesis patch")?;
	for i in 0..senders {
		let who = keys::ss58(&keys::account(&keys::sender(i)));
		// Balances are JSON numbers in genesis patches (exact up to u64 here).
		balances.push(json!([who, endowment]));
	}
	spec["name"] = json!(format!("Gongzhi bench ({residents} residents, {senders} senders)"));
	spec["id"] = json!("gongzhi_bench");
	Ok(spec)
}

/// Replaces the one occurrence of `from` in `value` by `to` (same length).
fn replace_once(value: &mut [u8], from: &[u8], to: &[u8], what: &str) -> Result<()> {
	let hits: Vec<usize> =
		value.windows(from.len()).enumerate().filter(|(_, w)| *w == from).map(|(i, _)| i).collect();
	if hits.len() != 1 {
		return Err(format!(
			"{what}: expected one occurrence of the windows, found {}",
			hits.len()
		));
	}
	value[hits[0]..hits[0] + to.len()].copy_from_slice(to);
	Ok(())
}

/// Makes an exported state (`gongzhi-node export-state`, a raw chain spec) usable by
/// `benchmark extrinsic`, which builds block 1 on top of it with timestamp 0 and no Aura digest:
/// - removes `System::Number` (block 1 must come after it), `Timestamp::Now` and
///   `Aura::CurrentSlot` (the inherent's timestamp 0 must be "after" the previous one and in
///   slot 0);
/// - moves the project's windows so that block 1 is in its voting window (bidding `[0, 1)`,
///   voting `[1, end)`), and the survey's opening to block 1. Residents registered at genesis
///   (block 0) stay eligible: they were registered strictly before.
///
/// `keys` are those entries' storage keys (from the metadata: `chain::state_keys`); `windows`
/// are the project's `(bidding_start, bidding_end, voting_start, voting_end)` as created,
/// `survey_window` the survey's `(opens_at, closes_at)`; each must occur exactly once in its
/// record, which guards against patching the wrong bytes if a record's layout changes.
pub fn patch_exported_state(
	spec: &mut Value,
	keys: &StateKeys,
	windows: (u32, u32, u32, u32),
	survey_window: (u32, u32),
) -> Result<()> {
	let top = spec["genesis"]["raw"]["top"].as_object_mut().ok_or("not a raw chain spec")?;
	for key in &keys.removed {
		top.remove(&hex(key));
	}
	let mut patch = |key: &[u8], from: Vec<u8>, to: Vec<u8>, what: &str| -> Result<()> {
		let k = hex(key);
		let v = top.get(&k).and_then(|v| v.as_str()).ok_or(format!("{what} not in the state"))?;
		let mut bytes = keys::unhex(v)?;
		replace_once(&mut bytes, &from, &to, what)?;
		top.insert(k, json!(hex(&bytes)));
		Ok(())
	};
	let (bs, be, vs, ve) = windows;
	patch(
		&keys.project,
		(bs, be, vs, ve).encode(),
		(0u32, 1u32, 1u32, ve).encode(),
		"Procurement::Projects",
	)?;
	let (opens, closes) = survey_window;
	patch(&keys.survey, (opens, closes).encode(), (1u32, closes).encode(), "NeedsSurvey::Surveys")?;
	spec["name"] = json!("Gongzhi bench state (project and survey open at block 1)");
	Ok(())
}
