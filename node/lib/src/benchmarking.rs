//! `gongzhi-node benchmark …`: pallet weights, block overhead, per-extrinsic cost, storage and
//! machine benchmarks. Built only with the `runtime-benchmarks` feature.
//!
//! `benchmark extrinsic` knows four builders (`--list` shows them): `system remark`,
//! `balances transfer_keep_alive` (Alice → Bob), and two resident calls that need a chain state
//! with bench residents and an open ballot and survey, such as the one `scripts/bench.sh` exports
//! with `gongzhi-loadgen scale` (bench/raw/…; see bench/REPORT.md):
//!
//! - `procurement vote`: extrinsic `n` is bench resident `n`'s ballot (nonce 0) for bid
//!   `GONGZHI_BENCH_BID` (default 0) in project `GONGZHI_BENCH_PROJECT` (default 0);
//! - `needs_survey respond`: extrinsic `n` is bench resident `n`'s response (nonce 0) to survey
//!   `GONGZHI_BENCH_SURVEY` (default 0), which must have the three questions of the bench survey
//!   (single choice of 4, multiple choice of 4 with at most 2, a 1–5 rating).
//!
//! Bench resident `n` signs with [`bench_resident`]`(n)`. The block is built on the best block
//! (for `--chain <exported state>` that is its genesis), so the ballot and the survey must be open
//! at block 1 and the state must have no timestamp yet; `gongzhi-loadgen scale` patches its
//! export accordingly.

use crate::{cli::Cli, service, service::FullClient};
use frame_benchmarking_cli::{
	BenchmarkCmd, ExtrinsicBuilder, ExtrinsicFactory, SUBSTRATE_REFERENCE_HARDWARE,
};
use gongzhi_runtime::{self as runtime, opaque::Block, AccountId, Balance, Runtime};
use sc_cli::SubstrateCli;
use sc_client_api::BlockBackend;
use sc_service::PartialComponents;
use sp_core::{crypto::Pair, Decode, Encode};
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::HashingFor, OpaqueExtrinsic, SaturatedConversion};
use std::{sync::Arc, time::Duration};

/// Runs a `benchmark` subcommand.
pub fn run(cli: &Cli, cmd: &BenchmarkCmd) -> sc_cli::Result<()> {
	let runner = cli.create_runner(cmd)?;
	runner.sync_run(|config| match cmd {
		BenchmarkCmd::Pallet(cmd) => cmd
			.run_with_spec::<HashingFor<Block>, service::CurveHostFunctions>(Some(
				config.chain_spec,
			)),
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		},
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		},
		BenchmarkCmd::Overhead(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let builder = RemarkBuilder::new(client.clone());
			cmd.run(
				config.chain_spec.name().into(),
				client,
				inherent_benchmark_data()?,
				Vec::new(),
				&builder,
				false,
			)
		},
		BenchmarkCmd::Extrinsic(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			let factory = ExtrinsicFactory(vec![
				Box::new(RemarkBuilder::new(client.clone())),
				Box::new(TransferKeepAliveBuilder::new(
					client.clone(),
					Sr25519Keyring::Bob.to_account_id(),
					runtime::EXISTENTIAL_DEPOSIT,
				)),
				Box::new(VoteBuilder::from_env(client.clone())),
				Box::new(RespondBuilder::from_env(client.clone())),
			]);
			cmd.run(client, inherent_benchmark_data()?, Vec::new(), &factory)
		},
		BenchmarkCmd::Machine(cmd) => cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone()),
	})
}

/// Builds `System::remark` extrinsics: the cheapest possible call, for block overhead.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	/// A builder that signs with Alice.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::SystemCall::remark { remark: vec![] }.into();
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Alice.pair(), call, nonce).into())
	}
}

/// Builds `Balances::transfer_keep_alive` extrinsics from Alice: the yardstick every resident
/// call is measured against.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	/// A builder that sends `value` to `dest`.
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = runtime::BalancesCall::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: self.value,
		}
		.into();
		Ok(signed_extrinsic(&self.client, Sr25519Keyring::Alice.pair(), call, nonce).into())
	}
}

/// The key of bench resident `n`: sr25519 from the seed `blake2_256("gongzhi-bench/resident/{n}")`.
/// `gongzhi-loadgen` (bench/loadgen) registers these residents in the genesis of its chains.
pub fn bench_resident(n: u32) -> sp_core::sr25519::Pair {
	use sp_runtime::traits::{BlakeTwo256, Hash};
	let seed = BlakeTwo256::hash(format!("gongzhi-bench/resident/{n}").as_bytes());
	sp_core::sr25519::Pair::from_seed(&seed.0)
}

fn env_u32(name: &str, default: u32) -> u32 {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Pallet indices (runtime/src/lib.rs) and call indices (the pallets' `call_index`) of the
/// resident calls below. The node doesn't depend on the pallet crates, so their calls are
/// decoded from SCALE bytes, `[pallet, call, args…]`, into `RuntimeCall`.
const PROCUREMENT: u8 = 22;
const PROCUREMENT_VOTE: u8 = 6;
const NEEDS_SURVEY: u8 = 21;
const NEEDS_SURVEY_RESPOND: u8 = 1;

fn decode_call(bytes: &[u8]) -> Result<runtime::RuntimeCall, &'static str> {
	runtime::RuntimeCall::decode(&mut &bytes[..]).map_err(|_| "the call doesn't decode")
}

/// Builds `Procurement::vote(project, bid)` extrinsics: extrinsic `n` is bench resident `n`'s
/// first ballot.
pub struct VoteBuilder {
	client: Arc<FullClient>,
	project: u32,
	bid: u32,
}

impl VoteBuilder {
	/// A builder for project `GONGZHI_BENCH_PROJECT` and bid `GONGZHI_BENCH_BID` (both 0 by
	/// default).
	pub fn from_env(client: Arc<FullClient>) -> Self {
		Self {
			client,
			project: env_u32("GONGZHI_BENCH_PROJECT", 0),
			bid: env_u32("GONGZHI_BENCH_BID", 0),
		}
	}
}

impl ExtrinsicBuilder for VoteBuilder {
	fn pallet(&self) -> &str {
		"procurement"
	}

	fn extrinsic(&self) -> &str {
		"vote"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = decode_call(&(PROCUREMENT, PROCUREMENT_VOTE, self.project, self.bid).encode())?;
		if !matches!(call, runtime::RuntimeCall::Procurement(..)) {
			return Err("pallet index 22 is not Procurement");
		}
		Ok(signed_extrinsic(&self.client, bench_resident(nonce), call, 0).into())
	}
}

/// Builds `NeedsSurvey::respond(survey, answers)` extrinsics to the bench survey: extrinsic `n`
/// is bench resident `n`'s response `[Choice(n % 4), Choices([n % 4, (n + 1) % 4]),
/// Rating(1 + n % 5)]`, as `gongzhi-loadgen` builds it.
pub struct RespondBuilder {
	client: Arc<FullClient>,
	survey: u32,
}

impl RespondBuilder {
	/// A builder for survey `GONGZHI_BENCH_SURVEY` (0 by default).
	pub fn from_env(client: Arc<FullClient>) -> Self {
		Self { client, survey: env_u32("GONGZHI_BENCH_SURVEY", 0) }
	}
}

impl ExtrinsicBuilder for RespondBuilder {
	fn pallet(&self) -> &str {
		"needs_survey"
	}

	fn extrinsic(&self) -> &str {
		"respond"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let a = (nonce % 4) as u8;
		// `Answer`: Choice(u8) = 0, Choices(BoundedVec<u8>) = 1, Rating(u8) = 2.
		let answers: (u8, u8, u8, Vec<u8>, u8, u8) =
			(0, a, 1, vec![a, (a + 1) % 4], 2, 1 + (nonce % 5) as u8);
		let mut bytes = (NEEDS_SURVEY, NEEDS_SURVEY_RESPOND, self.survey).encode();
		bytes.push(3 << 2); // `Compact(3)`: three answers.
		answers.encode_to(&mut bytes);
		let call = decode_call(&bytes)?;
		if !matches!(call, runtime::RuntimeCall::NeedsSurvey(..)) {
			return Err("pallet index 21 is not NeedsSurvey");
		}
		Ok(signed_extrinsic(&self.client, bench_resident(nonce), call, 0).into())
	}
}

/// A signed extrinsic of `call` by `sender` with `nonce`, with the runtime's transaction
/// extensions, mortal from the current best block.
pub fn signed_extrinsic(
	client: &FullClient,
	sender: sp_core::sr25519::Pair,
	call: runtime::RuntimeCall,
	nonce: u32,
) -> runtime::UncheckedExtrinsic {
	let genesis_hash = client.block_hash(0).ok().flatten().expect("Genesis block exists; qed");
	let best_hash = client.chain_info().best_hash;
	let best_block = client.chain_info().best_number;

	let period = u64::from(runtime::BLOCK_HASH_COUNT)
		.checked_next_power_of_two()
		.map(|c| c / 2)
		.unwrap_or(2);
	let tx_ext: runtime::TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(sp_runtime::generic::Era::mortal(
			period,
			best_block.saturated_into(),
		)),
		runtime::fees::FreeTxGuard::new(nonce, 0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);

	let raw_payload = runtime::SignedPayload::from_raw(
		call.clone(),
		tx_ext.clone(),
		(
			(),
			(),
			runtime::VERSION.spec_version,
			runtime::VERSION.transaction_version,
			genesis_hash,
			best_hash,
			// `FreeTxGuard`: `CheckNonce`, `CheckWeight`, `ChargeTransactionPayment`.
			((), (), ()),
			None,
			(),
		),
	);
	let signature = raw_payload.using_encoded(|e| sender.sign(e));

	runtime::UncheckedExtrinsic::new_signed(
		call,
		AccountId::from(sender.public()).into(),
		runtime::Signature::Sr25519(signature),
		tx_ext,
	)
}

/// Inherent data for benchmark blocks: a timestamp.
pub fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let d = Duration::from_millis(0);
	let timestamp = sp_timestamp::InherentDataProvider::new(d.into());

	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating inherent data: {e:?}"))?;
	Ok(inherent_data)
}
