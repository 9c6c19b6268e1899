//! Runtime wiring: what no pallet's mock can show — the real pallets plugged into each other
//! through the primitives traits, the genesis presets, the fee rules of the real transaction
//! extensions, the proxy filter and the runtime API.

use frame_support::{assert_ok, dispatch::GetDispatchInfo, traits::InstanceFilter};
use gongzhi_primitives::{
	AwardedContracts, CommunityRegistry, ProviderStanding, Redemptions, Scope, H256,
};
use gongzhi_runtime::{
	configs::ProxyType, AccountId, Balances, Block, BlockNumber, Community, Executive, NeedsSurvey,
	Procurement, Runtime, RuntimeCall, Satisfaction, System, UncheckedExtrinsic, Vouchers, DAYS,
};
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError,
};

use crate::common::*;

// ---------------------------------------------------------------------------------------------
// Scene setting: common/mod.rs
// ---------------------------------------------------------------------------------------------

/// The name of the pallet error a call failed with.
fn module_error(result: sp_runtime::DispatchResult) -> &'static str {
	match result {
		Err(DispatchError::Module(m)) => m.message.unwrap_or("?"),
		other => panic!("expected a module error, got {other:?}"),
	}
}

/// The same for a call that returns post-dispatch info.
fn module_error_post(result: frame_support::dispatch::DispatchResultWithPostInfo) -> &'static str {
	module_error(result.map(|_| ()).map_err(|e| e.error))
}

#[test]
fn development_preset_starts_with_a_populated_district() {
	dev().execute_with(|| {
		assert!(Community::is_office_admin(&acc(Bob), 0));
		assert!(Community::is_officer(&acc(Charlie), 0));
		assert!(Community::is_officer(&acc(Dave), 1));
		assert!(Community::is_approved_provider(&acc(Eve), 0));
		assert!(Community::is_approved_provider(&acc(Ferdie), 0));
		assert_eq!(Community::residents_in(Scope::Office(0)), 6);
		assert_eq!(Community::residents_in(Scope::Community(0)), 3);
		assert_eq!(Community::residents_in(Scope::Community(1)), 3);
		for (k, community) in [
			(AliceStash, 0),
			(BobStash, 0),
			(CharlieStash, 0),
			(DaveStash, 1),
			(EveStash, 1),
			(FerdieStash, 1),
		] {
			let r = Community::resident(&acc(k)).expect("a resident");
			assert_eq!(r.community, community);
			// Residents hold no tokens, yet their accounts exist and can sign.
			assert_eq!(Balances::free_balance(acc(k)), 0);
			assert!(System::providers(&acc(k)) > 0, "{k} has a provider reference");
		}
		// Alice//stash and Bob//stash share a household; the others don't.
		let household = |k: Sr25519Keyring| Community::resident(&acc(k)).and_then(|r| r.household);
		assert_eq!(household(AliceStash), household(BobStash));
		assert_ne!(household(AliceStash), household(CharlieStash));
		assert_eq!(household(EveStash), None);
		// Officers, providers and the office hold tokens and are not residents.
		assert!(Community::resident(&acc(Bob)).is_none());
		assert!(Balances::free_balance(acc(Bob)) > 0);
	});
}

#[test]
fn local_testnet_preset_has_four_validators_and_the_district() {
	preset_ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
		assert_eq!(Community::residents_in(Scope::Office(0)), 6);
	});
}

// ---------------------------------------------------------------------------------------------
// Fees: a resident's call is free exactly when it will succeed
// ---------------------------------------------------------------------------------------------

fn validate(xt: UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash())
		.map(|_| ())
}

fn vote_call(project: u32, bid: u32) -> RuntimeCall {
	RuntimeCall::Procurement(pallet_procurement::Call::vote { project, bid })
}

#[test]
fn zero_balance_resident_votes_for_free() {
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		start_block();
		let xt = extrinsic(AliceStash, 0, vote_call(project, 1));
		assert_eq!(validate(xt.clone()), Ok(()));
		let applied = Executive::apply_extrinsic(xt).expect("included");
		assert_ok!(applied);
		assert_eq!(Balances::free_balance(acc(AliceStash)), 0, "paid nothing");
		assert_eq!(System::account_nonce(acc(AliceStash)), 1);
		let tally = Procurement::project_tally(project).unwrap();
		assert_eq!(tally.counted, Some(1));
	});
}

#[test]
fn invalid_resident_call_must_pay_so_a_zero_balance_account_is_turned_away() {
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		start_block();
		// A vote for a bid that doesn't exist would fail: it is not free, and the resident has
		// nothing to pay with.
		let xt = extrinsic(AliceStash, 0, vote_call(project, 7));
		assert_eq!(
			validate(xt.clone()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		assert!(Executive::apply_extrinsic(xt).is_err(), "cannot get into a block");
		// Likewise a vote before voting opens, in an unknown project, or by a non-resident.
		assert_eq!(
			validate(extrinsic(AliceStash, 0, vote_call(project + 1, 0))),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Payment))
		);
		// A funded non-resident pays, and the vote fails in the block with the named error.
		let xt = extrinsic(Ferdie, 0, vote_call(project, 0));
		assert_eq!(validate(xt.clone()), Ok(()));
		let before = Balances::free_balance(acc(Ferdie));
		let result = Executive::apply_extrinsic(xt).expect("included");
		assert!(
			matches!(
				result,
				Err(DispatchError::Module(ref m)) if m.message == Some("NotResident")
			),
			"{result:?}"
		);
		assert!(Balances::free_balance(acc(Ferdie)) < before, "a failed call paid its fee");
	});
}

#[test]
fn every_resident_call_is_feeless_only_when_it_would_succeed() {
	use frame_support::dispatch::CheckIfFeeless as _;
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		let origin = signed(AliceStash);
		assert!(vote_call(project, 0).is_feeless(&origin));
		assert!(!vote_call(project, 9).is_feeless(&origin));
		assert!(!vote_call(project, 0).is_feeless(&signed(Ferdie)), "not a resident");
		// Office calls are never free, even when they succeed.
		let close = RuntimeCall::Procurement(pallet_procurement::Call::close { project });
		assert!(!close.is_feeless(&signed(Bob)));
		let check_in = RuntimeCall::Community(pallet_community::Call::check_in { activity: 0 });
		assert!(!check_in.is_feeless(&origin), "no such activity");
	});
}

// ---------------------------------------------------------------------------------------------
// The pallets plugged into each other
// ---------------------------------------------------------------------------------------------

/// Ballot → award → programme → claim → redemption → confirmation → rating → case → standing:
/// each arrow is a primitives trait the runtime wires.
#[test]
fn the_service_cycle_runs_across_the_pallets() {
	use pallet_vouchers::{Allocation, ClaimLimit, ProgrammeBasis};
	dev().execute_with(|| {
		let project = project_with_two_bids(50);
		// Four of six residents vote: quorum 50% met; Ferdie (cheaper) and Eve tie 2–2 → the
		// lower price wins.
		for (k, bid) in [(AliceStash, 0), (BobStash, 1), (DaveStash, 0), (EveStash, 1)] {
			assert_ok!(Procurement::vote(signed(k), project, bid));
		}
		run_to(now() + 3);
		assert_ok!(Procurement::close(signed(Alice), project));

		// AwardedContracts: procurement → vouchers.
		let award = <Procurement as AwardedContracts<AccountId>>::award(project).expect("awarded");
		assert_eq!(award.provider, acc(Ferdie));
		assert_eq!(award.price, 800);
		let programme = pallet_vouchers::NextProgrammeId::<Runtime>::get();
		let start = now();
		assert_ok!(Vouchers::create_programme(
			signed(Bob),
			pallet_vouchers::ProgrammeTerms {
				basis: ProgrammeBasis::Award { project },
				service_name: bounded("助餐券"),
				unit_value: 30,
				limit: ClaimLimit::PerResident(2),
				allocation: Allocation::Entitlement,
				supply: 12,
				claim_opens: start,
				claim_closes: start + 10 * DAYS,
				expires_at: start + 40 * DAYS,
			},
		));
		// The programme accepts the winner only.
		assert_ok!(Vouchers::claim(signed(CharlieStash), programme));
		let voucher =
			Vouchers::vouchers_of(Community::resident(&acc(CharlieStash)).unwrap().id)[0].0;
		assert_eq!(
			module_error(Vouchers::redeem(signed(CharlieStash), voucher, acc(Eve))),
			"ProviderNotAccepted"
		);
		let redemption = pallet_vouchers::NextRedemptionId::<Runtime>::get();
		assert_ok!(Vouchers::redeem(signed(CharlieStash), voucher, acc(Ferdie)));
		assert_ok!(Vouchers::confirm(signed(Ferdie), redemption, H256::repeat_byte(9)));

		// Redemptions: vouchers → satisfaction. Only the served resident may rate.
		let info =
			<Vouchers as Redemptions<AccountId, BlockNumber>>::redemption(redemption).unwrap();
		assert_eq!(info.provider, acc(Ferdie));
		assert_eq!(info.confirmed_at, Some(now()));
		assert_eq!(
			module_error_post(Satisfaction::rate(signed(AliceStash), redemption, 5, None)),
			"NotRedeemer"
		);
		assert_ok!(Satisfaction::rate(signed(CharlieStash), redemption, 1, None));

		// ProviderStanding: satisfaction → procurement. An unanswered bad rating past its
		// deadline bars Ferdie from bidding; Eve may still bid.
		assert!(<Satisfaction as ProviderStanding<AccountId>>::in_good_standing(&acc(Ferdie)));
		run_to(now() + 7 * DAYS + 1);
		assert!(!<Satisfaction as ProviderStanding<AccountId>>::in_good_standing(&acc(Ferdie)));
		let next = {
			use pallet_procurement::{ProjectRules, VotingMethod, Window};
			let id = pallet_procurement::NextProjectId::<Runtime>::get();
			let s = now();
			assert_ok!(Procurement::create_project(
				signed(Bob),
				bounded("社区保洁"),
				bounded("楼道清洁"),
				H256::zero(),
				500,
				None,
				ProjectRules {
					scope: Scope::Community(0),
					bidding: Window { start: s + 1, end: s + 3 },
					voting: Window { start: s + 3, end: s + 6 },
					method: VotingMethod::Open,
					quorum_percent: 0,
				},
			));
			run_to(s + 1);
			id
		};
		assert_eq!(
			module_error(Procurement::submit_bid(
				signed(Ferdie),
				next,
				400,
				bounded("x"),
				H256::zero()
			)),
			"NotInGoodStanding"
		);
		assert_ok!(Procurement::submit_bid(signed(Eve), next, 450, bounded("y"), H256::zero()));
	});
}

#[test]
fn a_project_may_cite_a_survey_of_its_office_only() {
	use pallet_needs_survey::{Question, QuestionKind};
	dev().execute_with(|| {
		let survey = pallet_needs_survey::NextSurveyId::<Runtime>::get();
		let question = Question::<Runtime> {
			prompt: bounded("最需要的服务?"),
			kind: QuestionKind::Rating,
		};
		assert_ok!(NeedsSurvey::create_survey(
			signed(Charlie),
			Scope::Community(0),
			bounded("需求调研"),
			vec![question].try_into().unwrap(),
			now() + 1,
			now() + 10,
		));
		// SurveyLookup: needs-survey → procurement.
		use pallet_procurement::{ProjectRules, VotingMethod, Window};
		let rules = |s: BlockNumber| ProjectRules {
			scope: Scope::Office(0),
			bidding: Window { start: s + 1, end: s + 3 },
			voting: Window { start: s + 3, end: s + 6 },
			method: VotingMethod::Open,
			quorum_percent: 0,
		};
		assert_ok!(Procurement::create_project(
			signed(Bob),
			bounded("t"),
			bounded("d"),
			H256::zero(),
			1,
			Some(survey),
			rules(now()),
		));
		assert_eq!(
			module_error(Procurement::create_project(
				signed(Bob),
				bounded("t"),
				bounded("d"),
				H256::zero(),
				1,
				Some(survey + 1),
				rules(now()),
			)),
			"UnknownSurvey"
		);
	});
}

// ---------------------------------------------------------------------------------------------
// Proxy filter and runtime API
// ---------------------------------------------------------------------------------------------

#[test]
fn gongzhi_proxy_may_act_for_an_office_but_not_move_its_tokens() {
	let office_call = vote_call(0, 0);
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: acc(Alice).into(),
		value: 1,
	});
	assert!(ProxyType::Gongzhi.filter(&office_call));
	assert!(!ProxyType::Gongzhi.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&office_call));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::Any.filter(&transfer));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Gongzhi));
	assert!(!ProxyType::Gongzhi.is_superset(&ProxyType::NonTransfer));
}

#[test]
fn check_call_tells_why_a_call_would_fail_and_whether_it_is_free_without_changing_anything() {
	use codec::Encode;
	use gongzhi_runtime_api::runtime_decl_for_gongzhi_api::GongzhiApiV2;
	let check = |who: Sr25519Keyring, call: RuntimeCall| {
		<Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::check_call(
			acc(who),
			call.encode(),
		)
		.expect("a call of this runtime")
	};
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		start_block();
		// A resident's valid ballot: free and Ok, and nothing was stored.
		let ok = check(AliceStash, vote_call(project, 1));
		assert_eq!(ok, gongzhi_runtime_api::CallCheck { free: true, result: Ok(()) });
		assert_eq!(Procurement::project_tally(project).unwrap().counted, Some(0), "rolled back");
		assert_eq!(System::account_nonce(acc(AliceStash)), 0);
		// A ballot for a bid that doesn't exist: not free, with the pallet's named error, which
		// the pool alone would only report as "cannot pay".
		let bad = check(AliceStash, vote_call(project, 7));
		assert!(!bad.free);
		assert!(
			matches!(bad.result, Err(DispatchError::Module(ref m)) if m.message == Some("UnknownBid")),
			"{bad:?}"
		);
		// A stranger: NotResident. A call that is never free, done right: Ok but not free.
		let stranger = check(Ferdie, vote_call(project, 0));
		assert!(
			matches!(stranger.result, Err(DispatchError::Module(ref m)) if m.message == Some("NotResident")),
			"{stranger:?}"
		);
		let remark =
			check(Ferdie, RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }));
		assert_eq!(remark, gongzhi_runtime_api::CallCheck { free: false, result: Ok(()) });
		// Sudo from someone else: BadOrigin, never dispatched.
		let sudo = check(
			Ferdie,
			RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(vote_call(project, 0)) }),
		);
		assert!(sudo.result.is_err());
		// Bytes that are not a call, or a call with trailing bytes: None.
		assert_eq!(
			<Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::check_call(
				acc(Ferdie),
				vec![0xff, 0xff]
			),
			None
		);
		let mut trailing = vote_call(project, 1).encode();
		trailing.push(0);
		assert_eq!(
			<Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::check_call(
				acc(AliceStash),
				trailing
			),
			None
		);
		// After all this the real ballot still goes through, once.
		assert_ok!(Procurement::vote(signed(AliceStash), project, 1));
		assert_eq!(Procurement::project_tally(project).unwrap().counted, Some(1));
	});
}

#[test]
fn resident_status_lists_what_a_resident_may_still_do() {
	use gongzhi_runtime_api::runtime_decl_for_gongzhi_api::GongzhiApiV2;
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		let status = <Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::resident_status(
			acc(AliceStash),
		)
		.expect("a resident");
		assert_eq!(status.resident.community, 0);
		assert_eq!(status.ballots_to_cast, vec![project]);
		// After voting (changes remain) the project is still listed; Ferdie is no resident.
		assert!(<Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::resident_status(acc(
			Ferdie
		))
		.is_none());
		// The receipt names the bid.
		assert_ok!(Procurement::vote(signed(AliceStash), project, 1));
		let receipt = <Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::ballot_receipt(
			project,
			acc(AliceStash),
		)
		.expect("a receipt");
		assert_eq!(format!("{:?}", receipt.choice), "Bid(1)");
	});
}

#[test]
fn roster_check_answers_a_clerks_rows_through_the_runtime_api() {
	use gongzhi_runtime_api::runtime_decl_for_gongzhi_api::GongzhiApiV2;
	dev().execute_with(|| {
		let alice =
			pallet_community::Residents::<Runtime>::get(acc(AliceStash)).expect("a resident");
		let fresh = H256::repeat_byte(0x42);
		let rows = vec![(acc(AliceStash), alice.person_hash), (acc(Ferdie), fresh)];
		let answer = <Runtime as GongzhiApiV2<Block, AccountId, BlockNumber>>::roster_check(rows);
		assert_eq!(answer.len(), 2);
		let known = answer[0].account.as_ref().expect("Alice//stash is a resident");
		assert_eq!(
			(known.id, known.community, known.person_hash),
			(alice.id, 0, alice.person_hash)
		);
		assert_eq!(
			answer[0].person.as_ref().and_then(|p| p.account.clone()),
			Some(acc(AliceStash))
		);
		assert_eq!(answer[1], gongzhi_runtime_api::RosterEntry { account: None, person: None });
	});
}

#[test]
fn a_vote_weighs_what_the_weights_file_says() {
	// The dispatch info the fee is computed from comes from the generated weights.
	let info = vote_call(0, 0).get_dispatch_info();
	assert_eq!(
		info.call_weight,
		<pallet_procurement::weights::SubstrateWeight<Runtime> as pallet_procurement::WeightInfo>::vote()
	);
}

#[test]
fn a_free_ballot_is_not_charged_the_payment_it_skipped_but_pays_for_its_check() {
	use codec::Encode;
	use sp_runtime::traits::{TransactionExtension, Zero};
	dev().execute_with(|| {
		let project = project_with_two_bids(0);
		start_block();
		let consumed = || System::block_weight().total();
		let base = <Runtime as frame_system::Config>::BlockWeights::get()
			.get(frame_support::dispatch::DispatchClass::Normal)
			.base_extrinsic;

		// What the payment extension declares: the payment's weight and the feeless check's,
		// which the pallet benchmarked (`feeless_vote`), plus the pool guard's nonce read.
		let call = vote_call(project, 1);
		let payment_only =
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0).weight(&call);
		let wrapped: gongzhi_runtime::fees::RefundSkippedPayment<
			Runtime,
			pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		> = pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0).into();
		let check = gongzhi_runtime::fees::feeless_check_weight(&call);
		assert_eq!(
			check,
			<pallet_procurement::weights::SubstrateWeight<Runtime> as pallet_procurement::WeightInfo>::feeless_vote()
				+ <Runtime as frame_system::Config>::DbWeight::get().reads(1)
		);
		assert!(payment_only.ref_time() > 0 && check.ref_time() > 0);
		assert_eq!(wrapped.weight(&call), payment_only + check);
		// A call that is never free runs no check.
		assert!(gongzhi_runtime::fees::feeless_check_weight(&RuntimeCall::System(
			frame_system::Call::remark { remark: vec![] }
		))
		.is_zero());

		// A free, valid ballot by a resident counts everything it declared but the payment:
		// the check that made it free stays charged.
		let before = consumed();
		let free = extrinsic(AliceStash, 0, call.clone());
		let declared = free.get_dispatch_info().total_weight();
		// The block also counts the extrinsic's length against its proof size.
		let length = frame_support::weights::Weight::from_parts(0, free.encoded_size() as u64);
		assert_ok!(Executive::apply_extrinsic(free).expect("included"));
		let free_cost = consumed() - before;
		assert_eq!(free_cost, declared + base + length - payment_only);

		// The same call paid for by a non-resident (it fails, using its full weight): the
		// difference is exactly the payment, not the check.
		let before = consumed();
		let paid = extrinsic(Ferdie, 0, call);
		assert!(Executive::apply_extrinsic(paid).expect("included").is_err());
		let paid_cost = consumed() - before;
		assert_eq!(paid_cost - free_cost, payment_only);
	});
}

#[test]
fn every_free_call_is_charged_the_check_that_makes_it_free() {
	use pallet_community::Call as Registry;
	use pallet_procurement::Call as Ballot;
	use pallet_vouchers::Call as Voucher;
	use sp_runtime::traits::Zero;
	let who = acc(Alice);
	// Every call the pool tags as a free action (`fees::free_action`) runs a feeless check,
	// benchmarked by its pallet; none of them may be weighed as if the check were free.
	let free_calls = [
		RuntimeCall::Community(Registry::check_in { activity: 0 }),
		RuntimeCall::Community(Registry::request_move { who: who.clone(), to: 1 }),
		RuntimeCall::Community(Registry::cancel_replacement { old: who.clone() }),
		RuntimeCall::Community(Registry::set_member_key { key: [0; 32], proof: [0; 64] }),
		RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::respond {
			survey: 0,
			answers: Default::default(),
		}),
		RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::amend {
			survey: 0,
			answers: Default::default(),
		}),
		RuntimeCall::Procurement(Ballot::vote { project: 0, bid: 0 }),
		RuntimeCall::Procurement(Ballot::commit_vote {
			project: 0,
			commitment: Default::default(),
		}),
		RuntimeCall::Procurement(Ballot::reveal_vote { project: 0, bid: 0, salt: [0; 32] }),
		RuntimeCall::Vouchers(Voucher::claim { programme: 0 }),
		RuntimeCall::Vouchers(Voucher::redeem { voucher: 0, provider: who.clone() }),
		RuntimeCall::Vouchers(Voucher::cancel_redemption { redemption: 0 }),
		RuntimeCall::Satisfaction(pallet_satisfaction::Call::rate {
			redemption: 0,
			score: 5,
			comment: None,
		}),
	];
	for call in &free_calls {
		let check = gongzhi_runtime::fees::feeless_check_weight(call);
		assert!(check.ref_time() > 0, "{call:?} is free without paying for its check");
		assert!(check.proof_size() > 0, "{call:?}: its check reads storage");
	}
	// Calls that are never free run no feeless check.
	for call in [
		RuntimeCall::Procurement(Ballot::close { project: 0 }),
		RuntimeCall::Community(Registry::accept_move { who }),
	] {
		assert!(gongzhi_runtime::fees::feeless_check_weight(&call).is_zero());
	}
}
