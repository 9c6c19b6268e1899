//! What the benchmarks send to the chain and read from it, resolved against the node's own
//! metadata by subxt's dynamic API: calls by pallet and call name with named arguments
//! (`subxt::dynamic::tx`), signed by subxt (signer payload, era, nonce, transaction extensions),
//! and storage read by pallet and item name (`subxt::dynamic::storage`). Nothing here knows a
//! pallet index, a call index, a storage hasher or an extension's encoding; a runtime whose
//! calls no longer take these arguments fails here, by name, before anything is submitted.
//!
//! Why dynamic rather than `#[subxt::subxt]` codegen: nothing to regenerate and check in when
//! the runtime changes (the node serves its metadata), and no generated code for every pallet
//! of the runtime to compile — this crate uses a dozen calls and storage items.

use crate::{
	keys,
	rpc::{Conf, Hash, Result, Rpc},
};
use subxt::{
	client::{ClientAtBlock, OfflineClientAtBlockT},
	config::{substrate::BlakeTwo256, DefaultExtrinsicParamsBuilder, Hasher},
	dynamic::{self, At as _, Value},
	tx::DynamicPayload,
	OnlineClient, OnlineClientAtBlock,
};
use subxt_signer::sr25519::Keypair;

/// A call, built from names and resolved against the metadata when it is signed.
pub type Call = DynamicPayload<Value>;

/// The mortality period of every transaction: as `signed_extrinsic()` in
/// node/lib/src/benchmarking.rs (`BLOCK_HASH_COUNT.next_power_of_two() / 2` = 2048 for the
/// runtime's 2400).
pub const ERA_PERIOD: u64 = 2048;

/// The block a mortal transaction's era starts at.
#[derive(Clone, Copy, Debug)]
pub struct Anchor {
	/// Its number.
	pub number: u32,
	/// Its hash.
	pub hash: Hash,
}

/// A signed extrinsic: its encoding and the hash the node reports for it.
#[derive(Clone, Debug)]
pub struct Signed {
	/// The encoded extrinsic (length prefix included).
	pub bytes: Vec<u8>,
	/// Its hash (BLAKE2-256 of `bytes`).
	pub hash: Hash,
}

/// Signs `call` by `pair` with an explicit `nonce`, no tip, and an era of [`ERA_PERIOD`] blocks
/// from `anchor` (immortal without one). Offline: `at` only provides the metadata, the genesis
/// hash and the runtime's versions, so batches of thousands are signed without a round trip.
pub fn sign<C: OfflineClientAtBlockT<Conf>>(
	at: &ClientAtBlock<Conf, C>,
	anchor: Option<Anchor>,
	pair: &Keypair,
	nonce: u64,
	call: &Call,
) -> Result<Signed> {
	let params = DefaultExtrinsicParamsBuilder::<Conf>::new().nonce(nonce);
	let params = match anchor {
		Some(a) => params.mortal_from_unchecked(ERA_PERIOD, a.number.into(), a.hash),
		None => params.immortal(),
	};
	let tx = at
		.tx()
		.create_signable_offline(call, params.build())
		.and_then(|mut t| t.sign(pair))
		.map_err(|e| format!("{}::{}: {e}", call.pallet_name(), call.call_name()))?;
	Ok(Signed { hash: tx.hash(), bytes: tx.into_encoded() })
}

/// The chain as the benchmarks see it: a subxt client on a connection.
#[derive(Clone)]
pub struct Chain {
	/// The connection.
	pub rpc: Rpc,
	client: OnlineClient<Conf>,
}

impl Chain {
	/// A subxt client on `rpc`.
	pub async fn new(rpc: &Rpc) -> Result<Self> {
		Ok(Self { rpc: rpc.clone(), client: rpc.client().await? })
	}

	/// The client at block `anchor` (metadata fetched once per runtime version).
	pub async fn at(&self, anchor: Anchor) -> Result<OnlineClientAtBlock<Conf>> {
		self.client
			.at_block_hash_and_number(anchor.hash, anchor.number.into())
			.await
			.map_err(|e| format!("block #{}: {e}", anchor.number))
	}

	/// The best block.
	pub async fn best(&self) -> Result<Anchor> {
		let (number, hash) = self.rpc.best().await?;
		Ok(Anchor { number, hash })
	}

	/// The client at the best block, and that block.
	pub async fn at_best(&self) -> Result<(OnlineClientAtBlock<Conf>, Anchor)> {
		let best = self.best().await?;
		Ok((self.at(best).await?, best))
	}

	/// Signs `call` by `who` with its next nonce (counting the pool) and submits it; returns the
	/// node's error if any.
	pub async fn send(&self, who: &Keypair, call: &Call) -> Result<()> {
		let nonce = self.rpc.next_index(&keys::account(who)).await?;
		let (at, best) = self.at_best().await?;
		let ext = sign(&at, Some(best), who, nonce, call)?;
		self.rpc.submit(&ext.bytes).await.map(|_| ())
	}
}

fn u32v(x: u32) -> Value {
	Value::u128(x.into())
}

/// A `Vec<u8>`/`BoundedVec<u8, _>` argument.
fn bytes(b: &[u8]) -> Value {
	Value::from_bytes(b)
}

/// The BLAKE2-256 hash of `b`, as an `H256` argument.
fn hash_of(b: &[u8]) -> Value {
	Value::from_bytes(BlakeTwo256.hash(b).0)
}

fn call(pallet: &str, name: &str, args: Vec<(&str, Value)>) -> Call {
	dynamic::tx(pallet, name, Value::named_composite(args))
}

/// `System::remark` with no bytes: the cheapest signed extrinsic.
pub fn remark() -> Call {
	call("System", "remark", vec![("remark", bytes(&[]))])
}

/// `Scope::Office(office)`.
fn scope_office(office: u32) -> Value {
	Value::unnamed_variant("Office", [u32v(office)])
}

/// `Balances::transfer_keep_alive(MultiAddress::Id(dest), value)`.
pub fn transfer_keep_alive(dest: &[u8; 32], value: u128) -> Call {
	call(
		"Balances",
		"transfer_keep_alive",
		vec![("dest", Value::unnamed_variant("Id", [bytes(dest)])), ("value", Value::u128(value))],
	)
}

/// The windows of an open ballot: `ProjectRules { scope, bidding, voting, method: Open,
/// quorum_percent }`.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
	/// `Scope::Office(office)`.
	pub office: u32,
	/// First block of bidding.
	pub bidding_start: u32,
	/// First block after bidding.
	pub bidding_end: u32,
	/// First block of voting.
	pub voting_start: u32,
	/// First block after voting.
	pub voting_end: u32,
	/// Quorum in percent.
	pub quorum_percent: u8,
}

fn window(start: u32, end: u32) -> Value {
	Value::named_composite([("start", u32v(start)), ("end", u32v(end))])
}

/// `Procurement::create_project(title, description, document, budget, survey: None, rules)`,
/// the document being the description's BLAKE2-256 hash.
pub fn create_project(title: &str, description: &str, budget: u64, rules: &Rules) -> Call {
	let rules = Value::named_composite([
		("scope", scope_office(rules.office)),
		("bidding", window(rules.bidding_start, rules.bidding_end)),
		("voting", window(rules.voting_start, rules.voting_end)),
		("method", Value::unnamed_variant("Open", [])),
		("quorum_percent", Value::u128(rules.quorum_percent.into())),
	]);
	call(
		"Procurement",
		"create_project",
		vec![
			("title", bytes(title.as_bytes())),
			("description", bytes(description.as_bytes())),
			("document", hash_of(description.as_bytes())),
			("budget", Value::u128(budget.into())),
			("survey", Value::unnamed_variant("None", [])),
			("rules", rules),
		],
	)
}

/// `Procurement::submit_bid(project, price, summary, proposal)`, the proposal being the
/// summary's BLAKE2-256 hash.
pub fn submit_bid(project: u32, price: u64, summary: &str) -> Call {
	call(
		"Procurement",
		"submit_bid",
		vec![
			("project", u32v(project)),
			("price", Value::u128(price.into())),
			("summary", bytes(summary.as_bytes())),
			("proposal", hash_of(summary.as_bytes())),
		],
	)
}

/// `Procurement::vote(project, bid)`.
pub fn vote(project: u32, bid: u32) -> Call {
	call("Procurement", "vote", vec![("project", u32v(project)), ("bid", u32v(bid))])
}

/// `Procurement::close(project)`.
pub fn close(project: u32) -> Call {
	call("Procurement", "close", vec![("project", u32v(project))])
}

/// `Procurement::reap_ballots(project, limit)`.
pub fn reap_ballots(project: u32, limit: u32) -> Call {
	call("Procurement", "reap_ballots", vec![("project", u32v(project)), ("limit", u32v(limit))])
}

/// `NeedsSurvey::create_survey(scope, title, questions, opens_at, closes_at)` with the three
/// questions of the benchmark survey: 1. single choice of 4 options, 2. multiple choice of 4
/// options (at most 2), 3. a 1–5 rating.
pub fn create_bench_survey(office: u32, title: &str, opens_at: u32, closes_at: u32) -> Call {
	let options =
		|| Value::unnamed_composite(["助餐", "助浴", "助医", "陪伴"].map(|s| bytes(s.as_bytes())));
	let question = |prompt: &str, kind: Value| {
		Value::named_composite([("prompt", bytes(prompt.as_bytes())), ("kind", kind)])
	};
	let questions = Value::unnamed_composite([
		question(
			"最需要哪项服务？",
			Value::named_variant("SingleChoice", [("options", options())]),
		),
		question(
			"还需要哪些？（最多两项）",
			Value::named_variant(
				"MultipleChoice",
				[("options", options()), ("max_choices", Value::u128(2))],
			),
		),
		question("对现有服务的满意度", Value::unnamed_variant("Rating", [])),
	]);
	call(
		"NeedsSurvey",
		"create_survey",
		vec![
			("scope", scope_office(office)),
			("title", bytes(title.as_bytes())),
			("questions", questions),
			("opens_at", u32v(opens_at)),
			("closes_at", u32v(closes_at)),
		],
	)
}

/// `NeedsSurvey::respond(survey, answers)` to the benchmark survey, varied by `i` exactly as
/// node/lib/src/benchmarking.rs's `RespondBuilder` does: `[Choice(i % 4), Choices([i % 4,
/// (i + 1) % 4]), Rating(1 + i % 5)]`.
pub fn respond_bench_survey(survey: u32, i: u32) -> Call {
	let a = u128::from(i % 4);
	let answers = Value::unnamed_composite([
		Value::unnamed_variant("Choice", [Value::u128(a)]),
		Value::unnamed_variant(
			"Choices",
			[Value::unnamed_composite([Value::u128(a), Value::u128((a + 1) % 4)])],
		),
		Value::unnamed_variant("Rating", [Value::u128(1 + u128::from(i % 5))]),
	]);
	call("NeedsSurvey", "respond", vec![("survey", u32v(survey)), ("answers", answers)])
}

/// A `u32` constant of the runtime (`pallet::constant` in the metadata).
pub fn constant_u32(at: &OnlineClientAtBlock<Conf>, pallet: &str, name: &str) -> Result<u32> {
	at.constants()
		.entry(dynamic::constant::<u32>(pallet, name))
		.map_err(|e| format!("{pallet}::{name}: {e}"))
}

/// A `u32` storage value (`ValueQuery`: its default when absent).
pub async fn read_u32(at: &OnlineClientAtBlock<Conf>, pallet: &str, item: &str) -> Result<u32> {
	let v = at
		.storage()
		.fetch(dynamic::storage::<(), u32>(pallet, item), ())
		.await
		.map_err(|e| format!("{pallet}::{item}: {e}"))?;
	v.decode().map_err(|e| format!("{pallet}::{item}: {e}"))
}

/// Whether a map keyed by `keys` holds a value.
pub async fn exists(
	at: &OnlineClientAtBlock<Conf>,
	pallet: &str,
	item: &str,
	keys: Vec<u32>,
) -> Result<bool> {
	let keys: Vec<Value> = keys.into_iter().map(u32v).collect();
	at.storage()
		.try_fetch(dynamic::storage::<Vec<Value>, Value>(pallet, item), keys)
		.await
		.map(|v| v.is_some())
		.map_err(|e| format!("{pallet}::{item}: {e}"))
}

/// An account's free balance (`System::Account`).
pub async fn free_balance(at: &OnlineClientAtBlock<Conf>, who: &[u8; 32]) -> Result<u128> {
	let v = at
		.storage()
		.fetch(dynamic::storage::<([u8; 32],), Value>("System", "Account"), (*who,))
		.await
		.map_err(|e| format!("System::Account: {e}"))?
		.decode()
		.map_err(|e| format!("System::Account: {e}"))?;
	v.at("data")
		.at("free")
		.and_then(|f| f.as_u128())
		.ok_or("System::Account without data.free".into())
}

/// Every entry of `pallet::item` under the first key `first`: `(entries, total key bytes,
/// total value bytes)`.
pub async fn prefix_sizes(
	at: &OnlineClientAtBlock<Conf>,
	pallet: &str,
	item: &str,
	first: u32,
) -> Result<(u64, u64, u64)> {
	let err = |e: subxt::error::StorageError| format!("{pallet}::{item}: {e}");
	let mut entries = at
		.storage()
		.iter(dynamic::storage::<Vec<Value>, Value>(pallet, item), vec![u32v(first)])
		.await
		.map_err(err)?;
	let (mut n, mut key_bytes, mut value_bytes) = (0u64, 0u64, 0u64);
	while let Some(kv) = entries.next().await {
		let kv = kv.map_err(err)?;
		n += 1;
		key_bytes += kv.key_bytes().len() as u64;
		value_bytes += kv.value().bytes().len() as u64;
	}
	Ok((n, key_bytes, value_bytes))
}

/// `System::BlockWeight`: `(ref_time, proof_size)` per class (normal, operational, mandatory).
pub async fn block_weight(at: &OnlineClientAtBlock<Conf>) -> Result<Vec<(u64, u64)>> {
	let v = at
		.storage()
		.fetch(dynamic::storage::<(), Value>("System", "BlockWeight"), ())
		.await
		.map_err(|e| format!("System::BlockWeight: {e}"))?
		.decode()
		.map_err(|e| format!("System::BlockWeight: {e}"))?;
	let get = |class: &str, field: &str| {
		v.at(class).at(field).and_then(|x| x.as_u128()).map(|x| x as u64).unwrap_or(0)
	};
	Ok(["normal", "operational", "mandatory"]
		.iter()
		.map(|c| (get(c, "ref_time"), get(c, "proof_size")))
		.collect())
}

/// The raw storage keys `spec::patch_exported_state` edits in an exported state, computed from
/// the metadata (pallet and item names, the maps' hashers and key types).
#[derive(Clone, Debug)]
pub struct StateKeys {
	/// `System::Number`, `Timestamp::Now`, `Aura::CurrentSlot`.
	pub removed: Vec<Vec<u8>>,
	/// `Procurement::Projects(project)`.
	pub project: Vec<u8>,
	/// `NeedsSurvey::Surveys(survey)`.
	pub survey: Vec<u8>,
}

/// The keys of [`StateKeys`] for `project` and `survey`.
pub fn state_keys<C: OfflineClientAtBlockT<Conf>>(
	at: &ClientAtBlock<Conf, C>,
	project: u32,
	survey: u32,
) -> Result<StateKeys> {
	let storage = at.storage();
	let plain = |pallet: &str, item: &str| {
		storage
			.entry(dynamic::storage::<(), Value>(pallet, item))
			.and_then(|e| e.fetch_key(()))
			.map_err(|e| format!("{pallet}::{item}: {e}"))
	};
	let map = |pallet: &str, item: &str, key: u32| {
		storage
			.entry(dynamic::storage::<(u32,), Value>(pallet, item))
			.and_then(|e| e.fetch_key((key,)))
			.map_err(|e| format!("{pallet}::{item}: {e}"))
	};
	Ok(StateKeys {
		removed: vec![
			plain("System", "Number")?,
			plain("Timestamp", "Now")?,
			plain("Aura", "CurrentSlot")?,
		],
		project: map("Procurement", "Projects", project)?,
		survey: map("NeedsSurvey", "Surveys", survey)?,
	})
}

#[cfg(test)]
mod tests {
	//! Against `metadata/gongzhi-dev.scale`, the V16 metadata of the dev runtime (a node built
	//! at 9b08560; the calls used here are unchanged since), written by:
	//! `curl -s -H 'Content-Type: application/json' -d '{"id":1,"jsonrpc":"2.0",
	//! "method":"state_call","params":["Metadata_metadata_at_version","0x10000000"]}'
	//! http://127.0.0.1:9944` on a dev node, the result's `Option<OpaqueMetadata>` prefix
	//! (`01` and a compact length) stripped. Live runs use the metadata the node serves.

	use super::*;
	use subxt::{
		config::substrate::SpecVersionForRange,
		utils::{Era, H256},
		Metadata, OfflineClient, OfflineClientAtBlock,
	};

	const METADATA: &[u8] = include_bytes!("../metadata/gongzhi-dev.scale");

	fn offline() -> OfflineClientAtBlock<Conf> {
		let metadata = Metadata::decode_from(METADATA).expect("the checked-in metadata decodes");
		let config = <Conf>::builder()
			.set_genesis_hash(H256::repeat_byte(1))
			.set_spec_version_for_block_ranges([SpecVersionForRange {
				block_range: 0..u64::MAX,
				spec_version: 100,
				transaction_version: 1,
			}])
			.set_metadata_for_spec_versions([(100, metadata.arc())])
			.build();
		OfflineClient::new_with_config(config).at_block(0u64).expect("spec version 100 at block 0")
	}

	fn call_data(call: &Call) -> Vec<u8> {
		offline().tx().call_data(call).expect("the call encodes against the metadata")
	}

	#[test]
	fn calls_encode_as_node_benchmarking_does() {
		// `Procurement::vote(1, 2)`: pallet 22, call 6, two u32s, as `VoteBuilder` builds it.
		assert_eq!(call_data(&vote(1, 2)), vec![22, 6, 1, 0, 0, 0, 2, 0, 0, 0]);
		// Survey 0, resident 5: [Choice(1), Choices([1, 2]), Rating(1)], as `RespondBuilder`.
		assert_eq!(
			call_data(&respond_bench_survey(0, 5)),
			vec![21, 1, 0, 0, 0, 0, 12, 0, 1, 1, 8, 1, 2, 2, 1]
		);
	}

	#[test]
	fn every_call_encodes_against_the_metadata() {
		let rules = Rules {
			office: 0,
			bidding_start: 1,
			bidding_end: 2,
			voting_start: 3,
			voting_end: 4,
			quorum_percent: 10,
		};
		let project = call_data(&create_project("t", "d", 5, &rules));
		// The windows sit in the call in order, as `spec::patch_exported_state` expects them in
		// the stored record.
		let windows = [1u8, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0];
		assert!(project.windows(16).any(|w| w == windows));
		for call in [
			remark(),
			transfer_keep_alive(&[2; 32], 1),
			submit_bid(0, 1, "s"),
			close(0),
			reap_ballots(0, 1000),
			create_bench_survey(0, "t", 1, 2),
		] {
			call_data(&call);
		}
	}

	#[test]
	fn a_signed_ballot_decodes_as_the_intended_call() {
		let at = offline();
		let anchor = Anchor { number: 1000, hash: H256::repeat_byte(7) };
		let pair = keys::resident(3);
		let signed = sign(&at, Some(anchor), &pair, 5, &vote(7, 1)).unwrap();
		assert_eq!(signed.hash, BlakeTwo256.hash(&signed.bytes));

		let exts = futures::executor::block_on(at.extrinsics().from_bytes(vec![signed.bytes]));
		let ext = exts.iter().next().unwrap().expect("the extrinsic decodes");
		assert!(ext.is_signed());
		assert_eq!((ext.pallet_name(), ext.call_name()), ("Procurement", "vote"));
		let fields: Vec<(String, u32)> = ext
			.iter_call_data_fields()
			.map(|f| (f.name().to_string(), f.decode_as::<u32>().unwrap()))
			.collect();
		assert_eq!(fields, vec![("project".into(), 7), ("bid".into(), 1)]);
		// `MultiAddress::Id` of the resident's account.
		assert_eq!(ext.address_bytes().unwrap()[1..], keys::account(&pair));
		let extensions = ext.transaction_extensions().unwrap();
		assert_eq!(extensions.nonce(), Some(5));
		assert_eq!(extensions.tip(), Some(0));
		let era = extensions
			.find::<subxt::config::transaction_extensions::CheckMortality<Conf>>()
			.unwrap()
			.unwrap();
		assert_eq!(era, Era::mortal(ERA_PERIOD, 1000));
	}

	#[test]
	fn storage_keys_come_from_the_metadata() {
		let keys = state_keys(&offline(), 1, 2).unwrap();
		// twox128("System") ++ twox128("Number"), well known.
		assert_eq!(
			crate::keys::hex(&keys.removed[0]),
			"0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac"
		);
		// `Twox64Concat` maps keyed by a u32: prefix, 8 bytes of hash, the key itself.
		assert_eq!(keys.project.len(), 32 + 8 + 4);
		assert_eq!(keys.project[40..], 1u32.to_le_bytes());
		assert_eq!(keys.survey[40..], 2u32.to_le_bytes());
	}
}
