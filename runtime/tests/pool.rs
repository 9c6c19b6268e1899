//! The pool policy for free transactions (`fees::FreeTxGuard`) and the fee curve, through the
//! runtime's real transaction extensions: what an attacker with a resident's key, or with
//! money, can and can't put in the pool.

use codec::Encode;
use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::Get,
	BoundedVec,
};
use gongzhi_primitives::{Scope, H256};
use gongzhi_runtime::{
	configs::FULL_BLOCK_FEE,
	fees::{FREE_LONGEVITY, FREE_PRIORITY, MAX_FREE_AHEAD},
	AccountId, BlockNumber, Executive, Header, Procurement, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, SignedPayload, System, TransactionPayment, TxExtension,
	UncheckedExtrinsic, UNIT,
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{
	generic::Era,
	traits::{Header as _, TransactionExtension},
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
	MultiSignature,
};

fn dev() -> sp_io::TestExternalities {
	let patch = gongzhi_runtime::genesis_config_presets::get_preset(
		&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.expect("the dev preset exists");
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
		merge(&mut config, serde_json::from_slice(&patch).unwrap());
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&config).unwrap(),
		)
		.expect("the preset builds");
		System::set_block_number(1);
	});
	ext
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
			for (k, v) in p {
				merge(b.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(b, p) => *b = p,
	}
}

fn acc(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn now() -> BlockNumber {
	System::block_number()
}

fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

fn bounded<S: Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// A project of office 0 with bids by Eve and Ferdie, in its voting window.
fn voting_project() -> u32 {
	use pallet_procurement::{ProjectRules, VotingMethod, Window};
	let id = pallet_procurement::NextProjectId::<Runtime>::get();
	let start = now();
	assert_ok!(Procurement::create_project(
		RuntimeOrigin::signed(acc(Bob)),
		bounded("長者助餐服務"),
		bounded("為轄區長者提供午餐配送"),
		H256::repeat_byte(1),
		1_000,
		None,
		ProjectRules {
			scope: Scope::Office(0),
			bidding: Window { start: start + 1, end: start + 3 },
			voting: Window { start: start + 3, end: start + 60 },
			method: VotingMethod::Open,
			quorum_percent: 0,
		},
	));
	run_to(start + 1);
	for (who, price) in [(Eve, 900), (Ferdie, 800)] {
		assert_ok!(Procurement::submit_bid(
			RuntimeOrigin::signed(acc(who)),
			id,
			price,
			bounded("bid"),
			H256::repeat_byte(2)
		));
	}
	run_to(start + 3);
	let header = Header::new(
		now() + 1,
		Default::default(),
		Default::default(),
		System::parent_hash(),
		Default::default(),
	);
	Executive::initialize_block(&header);
	id
}

fn extrinsic(who: Sr25519Keyring, nonce: u32, tip: u128, call: RuntimeCall) -> UncheckedExtrinsic {
	let ext: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		gongzhi_runtime::fees::FreeTxGuard::new(nonce, tip),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::new(call.clone(), ext.clone()).expect("implicit data");
	let pair: sr25519::Pair = who.pair();
	let signature = payload.using_encoded(|bytes| MultiSignature::from(pair.sign(bytes)));
	UncheckedExtrinsic::new_signed(call, acc(who).into(), signature, ext)
}

fn validate(xt: UncheckedExtrinsic) -> Result<ValidTransaction, TransactionValidityError> {
	Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash())
}

fn vote(project: u32, bid: u32) -> RuntimeCall {
	RuntimeCall::Procurement(pallet_procurement::Call::vote { project, bid })
}

fn shares_a_tag(a: &ValidTransaction, b: &ValidTransaction) -> bool {
	a.provides.iter().any(|tag| b.provides.contains(tag))
}

#[test]
fn a_resident_cannot_queue_more_than_a_few_free_transactions_ahead() {
	dev().execute_with(|| {
		let project = voting_project();
		for nonce in 0..MAX_FREE_AHEAD {
			assert!(validate(extrinsic(AliceStash, nonce, 0, vote(project, 0))).is_ok());
		}
		assert_eq!(
			validate(extrinsic(AliceStash, MAX_FREE_AHEAD, 0, vote(project, 0))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Future))
		);
		// Paid transactions keep the usual rule: any nonce ahead waits in the future queue.
		assert!(validate(extrinsic(
			Ferdie,
			50,
			0,
			RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
		))
		.is_ok());
	});
}

#[test]
fn two_free_transactions_for_the_same_action_cannot_sit_in_the_pool_together() {
	dev().execute_with(|| {
		let project = voting_project();
		let first = validate(extrinsic(AliceStash, 0, 0, vote(project, 0))).unwrap();
		// The same resident, the same project, another bid and nonce: the same action.
		let again = validate(extrinsic(AliceStash, 1, 0, vote(project, 1))).unwrap();
		assert!(shares_a_tag(&first, &again), "the pool keeps one of them only");
		// Another resident's ballot is another action.
		let bob = validate(extrinsic(BobStash, 0, 0, vote(project, 0))).unwrap();
		assert!(!shares_a_tag(&first, &bob));
		// So is the same resident's answer to a survey (another pallet, call and item).
		let call = RuntimeCall::Community(pallet_community::Call::check_in { activity: 0 });
		let (p, i, item) = gongzhi_runtime::fees::free_action(&call);
		assert_ne!((p, i, item), gongzhi_runtime::fees::free_action(&vote(project, 0)));
	});
}

#[test]
fn free_transactions_expire_quickly_and_outrank_untipped_paid_ones() {
	dev().execute_with(|| {
		let project = voting_project();
		let free = validate(extrinsic(AliceStash, 0, 0, vote(project, 0))).unwrap();
		assert!(free.longevity <= FREE_LONGEVITY);
		assert!(free.priority >= FREE_PRIORITY);

		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 10] });
		let paid = validate(extrinsic(Ferdie, 0, 0, remark.clone())).unwrap();
		assert!(paid.priority < FREE_PRIORITY, "paid spam can't push ballots out");
		assert!(paid.longevity > FREE_LONGEVITY);
		// Even a large tip of 10 GZT doesn't outrank a ballot.
		let tipped = validate(extrinsic(Ferdie, 0, 10 * UNIT, remark)).unwrap();
		assert!(tipped.priority < FREE_PRIORITY);
		// A paid vote (by a non-resident) is left as it was: no free tag, no free priority.
		let paid_vote = validate(extrinsic(Ferdie, 0, 0, vote(project, 0))).unwrap();
		assert!(paid_vote.priority < FREE_PRIORITY);
		assert_eq!(paid_vote.provides.len(), 1, "only the nonce tag");
	});
}

#[test]
fn a_duplicate_of_an_included_free_action_is_turned_away() {
	dev().execute_with(|| {
		let project = voting_project();
		assert_ok!(Executive::apply_extrinsic(extrinsic(AliceStash, 0, 0, vote(project, 0)))
			.expect("included"));
		// The same ballot again would fail (unchanged ballot): not free, and the resident has
		// nothing to pay with.
		assert_eq!(
			validate(extrinsic(AliceStash, 1, 0, vote(project, 0))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
	});
}

#[test]
fn filling_a_block_with_the_cheapest_paid_calls_costs_a_meaningful_amount() {
	dev().execute_with(|| {
		let weights = <Runtime as frame_system::Config>::BlockWeights::get();
		let normal = weights.get(DispatchClass::Normal);
		let max_weight = normal.max_total.unwrap();
		let max_length =
			*<Runtime as frame_system::Config>::BlockLength::get().max.get(DispatchClass::Normal);

		// By weight: as many empty remarks as fit.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		let xt = extrinsic(Ferdie, 0, 0, remark);
		let len = xt.encoded_size() as u32;
		let info = xt.get_dispatch_info();
		let per_tx_weight = info.total_weight().saturating_add(normal.base_extrinsic);
		let count = max_weight.ref_time() / per_tx_weight.ref_time();
		let fee = TransactionPayment::compute_fee(len, &info, 0);
		let by_weight = fee * count as u128;
		assert!(by_weight >= FULL_BLOCK_FEE * 9 / 10, "by weight: {} GZT", by_weight / UNIT);

		// By length: remarks of 256 KiB.
		let big = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 256 * 1024] });
		let xt = extrinsic(Ferdie, 0, 0, big);
		let len = xt.encoded_size() as u32;
		let fee = TransactionPayment::compute_fee(len, &xt.get_dispatch_info(), 0);
		let by_length = fee * (max_length / len) as u128;
		assert!(by_length >= FULL_BLOCK_FEE * 8 / 10, "by length: {} GZT", by_length / UNIT);

		// An office's everyday call stays cheap: under 0.1 GZT.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: acc(Dave).into(),
			value: UNIT,
		});
		let xt = extrinsic(Ferdie, 0, 0, transfer);
		let fee =
			TransactionPayment::compute_fee(xt.encoded_size() as u32, &xt.get_dispatch_info(), 0);
		assert!(fee < UNIT / 10, "a transfer costs {fee}");
	});
}

#[test]
fn wallets_see_the_same_extensions_as_before() {
	let names: Vec<&str> = <TxExtension as TransactionExtension<RuntimeCall>>::metadata()
		.into_iter()
		.map(|m| m.identifier)
		.collect();
	assert_eq!(
		names,
		[
			"AuthorizeCall",
			"CheckNonZeroSender",
			"CheckSpecVersion",
			"CheckTxVersion",
			"CheckGenesis",
			"CheckMortality",
			"CheckNonce",
			"CheckWeight",
			"ChargeTransactionPayment",
			"CheckMetadataHash",
			"WeightReclaim",
		]
	);
	// The guard encodes exactly as the three extensions it wraps.
	let guard = gongzhi_runtime::fees::FreeTxGuard::new(5, 7);
	let plain = (
		frame_system::CheckNonce::<Runtime>::from(5),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(7),
	);
	assert_eq!(guard.encode(), plain.encode());
}
