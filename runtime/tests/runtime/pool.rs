//! The pool policy for free transactions (`fees::FreeTxGuard`) and the fee curve, through the
//! runtime's real transaction extensions: what an attacker with a resident's key, or with
//! money, can and can't put in the pool.

use crate::common::*;

use codec::Encode;
use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
};
use gongzhi_runtime::{
	configs::FULL_BLOCK_FEE,
	fees::{FREE_LONGEVITY, FREE_PRIORITY, MAX_FREE_AHEAD},
	Executive, Runtime, RuntimeCall, System, TransactionPayment, TxExtension, UncheckedExtrinsic,
	UNIT,
};
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::{
	traits::TransactionExtension,
	transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError, ValidTransaction,
	},
};

/// A project of office 0 in voting (bids 0 by Eve, 1 by Ferdie), in a block being built. Voting
/// lasts long enough for many validations (each validates as in the next block).
fn voting_project() -> u32 {
	let project = project_in_voting(0, 60);
	start_block();
	project
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
			assert!(validate(tipped_extrinsic(AliceStash, nonce, 0, vote(project, 0))).is_ok());
		}
		assert_eq!(
			validate(tipped_extrinsic(AliceStash, MAX_FREE_AHEAD, 0, vote(project, 0))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Future))
		);
		// Paid transactions keep the usual rule: any nonce ahead waits in the future queue.
		assert!(validate(tipped_extrinsic(
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
		let first = validate(tipped_extrinsic(AliceStash, 0, 0, vote(project, 0))).unwrap();
		// The same resident, the same project, another bid and nonce: the same action.
		let again = validate(tipped_extrinsic(AliceStash, 1, 0, vote(project, 1))).unwrap();
		assert!(shares_a_tag(&first, &again), "the pool keeps one of them only");
		// Another resident's ballot is another action.
		let bob = validate(tipped_extrinsic(BobStash, 0, 0, vote(project, 0))).unwrap();
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
		let free = validate(tipped_extrinsic(AliceStash, 0, 0, vote(project, 0))).unwrap();
		assert!(free.longevity <= FREE_LONGEVITY);
		assert!(free.priority >= FREE_PRIORITY);

		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 10] });
		let paid = validate(tipped_extrinsic(Ferdie, 0, 0, remark.clone())).unwrap();
		assert!(paid.priority < FREE_PRIORITY, "paid spam can't push ballots out");
		assert!(paid.longevity > FREE_LONGEVITY);
		// Even a large tip of 10 GZT doesn't outrank a ballot.
		let tipped = validate(tipped_extrinsic(Ferdie, 0, 10 * UNIT, remark)).unwrap();
		assert!(tipped.priority < FREE_PRIORITY);
		// A paid vote (by a non-resident) is left as it was: no free tag, no free priority.
		let paid_vote = validate(tipped_extrinsic(Ferdie, 0, 0, vote(project, 0))).unwrap();
		assert!(paid_vote.priority < FREE_PRIORITY);
		assert_eq!(paid_vote.provides.len(), 1, "only the nonce tag");
	});
}

#[test]
fn a_duplicate_of_an_included_free_action_is_turned_away() {
	dev().execute_with(|| {
		let project = voting_project();
		assert_ok!(Executive::apply_extrinsic(tipped_extrinsic(
			AliceStash,
			0,
			0,
			vote(project, 0)
		))
		.expect("included"));
		// The same ballot again would fail (unchanged ballot): not free, and the resident has
		// nothing to pay with.
		assert_eq!(
			validate(tipped_extrinsic(AliceStash, 1, 0, vote(project, 0))),
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
		let xt = tipped_extrinsic(Ferdie, 0, 0, remark);
		let len = xt.encoded_size() as u32;
		let info = xt.get_dispatch_info();
		let per_tx_weight = info.total_weight().saturating_add(normal.base_extrinsic);
		let count = max_weight.ref_time() / per_tx_weight.ref_time();
		let fee = TransactionPayment::compute_fee(len, &info, 0);
		let by_weight = fee * count as u128;
		assert!(by_weight >= FULL_BLOCK_FEE * 9 / 10, "by weight: {} GZT", by_weight / UNIT);

		// By length: remarks of 256 KiB.
		let big = RuntimeCall::System(frame_system::Call::remark { remark: vec![7; 256 * 1024] });
		let xt = tipped_extrinsic(Ferdie, 0, 0, big);
		let len = xt.encoded_size() as u32;
		let fee = TransactionPayment::compute_fee(len, &xt.get_dispatch_info(), 0);
		let by_length = fee * (max_length / len) as u128;
		assert!(by_length >= FULL_BLOCK_FEE * 8 / 10, "by length: {} GZT", by_length / UNIT);

		// An office's everyday call stays cheap: under 0.1 GZT.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: acc(Dave).into(),
			value: UNIT,
		});
		let xt = tipped_extrinsic(Ferdie, 0, 0, transfer);
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
