//! Retention across the runtime (issue 18): a whole voucher cycle — programme, claims,
//! redemptions (one cancelled and redone), confirmations, ratings with a follow-up case and an
//! upheld appeal, settlement, expiry — then, past the retention periods, an unprivileged account
//! reaps every per-resident and per-item record with the public calls, and the cycle's state is
//! back to its bounded summary: programme, statistics, settlements, scorecards.

use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::{Redemptions, Scope, H256};
use gongzhi_runtime::{
	AccountId, BlockNumber, Runtime, RuntimeOrigin, Satisfaction, Vouchers, DAYS,
};
use sp_keyring::Sr25519Keyring::{self, *};
use std::collections::BTreeMap;

use crate::common::*;

type VoucherError = pallet_vouchers::Error<Runtime>;

/// A block-number constant of the runtime's configuration.
fn blocks<G: frame_support::traits::Get<BlockNumber>>() -> BlockNumber {
	G::get()
}
type SatisfactionError = pallet_satisfaction::Error<Runtime>;

/// How many entries each per-resident or per-item map of the two pallets holds, by name.
fn counts() -> BTreeMap<&'static str, usize> {
	use pallet_satisfaction as s;
	use pallet_vouchers as v;
	BTreeMap::from([
		("Vouchers::Vouchers", v::Vouchers::<Runtime>::iter_keys().count()),
		("Vouchers::ProgrammeVouchers", v::ProgrammeVouchers::<Runtime>::iter_keys().count()),
		("Vouchers::Received", v::Received::<Runtime>::iter_keys().count()),
		("Vouchers::RedemptionVoucher", v::RedemptionVoucher::<Runtime>::iter_keys().count()),
		("Vouchers::RecentRedemptions", v::RecentRedemptions::<Runtime>::iter_keys().count()),
		("Vouchers::VouchersOf", v::VouchersOf::<Runtime>::iter_keys().count()),
		("Vouchers::RedemptionsPerDay", v::RedemptionsPerDay::<Runtime>::iter_keys().count()),
		("Satisfaction::Ratings", s::Ratings::<Runtime>::iter_keys().count()),
		("Satisfaction::Cases", s::Cases::<Runtime>::iter_keys().count()),
		("Satisfaction::ProgrammeRatings", s::ProgrammeRatings::<Runtime>::iter_keys().count()),
		("Satisfaction::Unanswered", s::Unanswered::<Runtime>::iter_keys().count()),
	])
}

/// The summaries that must survive reaping.
#[derive(PartialEq, Debug)]
struct Summaries {
	programme: Option<pallet_vouchers::ProgrammeView<AccountId, BlockNumber>>,
	providers: Vec<pallet_vouchers::ProviderStats>,
	settlements: usize,
	programme_card: pallet_satisfaction::Scorecard,
	provider_cards: Vec<pallet_satisfaction::Scorecard>,
}

fn summaries(programme: u32) -> Summaries {
	Summaries {
		programme: Vouchers::programme(programme),
		providers: [Ferdie, Eve].map(|k| Vouchers::provider_stats(&acc(k))).to_vec(),
		settlements: pallet_vouchers::Settlements::<Runtime>::iter_keys().count(),
		programme_card: pallet_satisfaction::Programmes::<Runtime>::get(programme),
		provider_cards: [Ferdie, Eve]
			.map(|k| pallet_satisfaction::Providers::<Runtime>::get(acc(k)).scorecard)
			.to_vec(),
	}
}

#[cfg(feature = "try-runtime")]
fn try_state() {
	use frame_support::traits::{TryState, TryStateSelect};
	<gongzhi_runtime::AllPalletsWithSystem as TryState<BlockNumber>>::try_state(
		now(),
		TryStateSelect::All,
	)
	.expect("every pallet's try_state passes");
}
#[cfg(not(feature = "try-runtime"))]
fn try_state() {
	pallet_vouchers::Pallet::<Runtime>::do_try_state().expect("vouchers' invariants");
}

fn claim(k: Sr25519Keyring, programme: u32) -> u64 {
	assert_ok!(Vouchers::claim(signed(k), programme));
	pallet_vouchers::NextVoucherId::<Runtime>::get() - 1
}

fn redeem(k: Sr25519Keyring, voucher: u64, provider: Sr25519Keyring) -> u64 {
	assert_ok!(Vouchers::redeem(signed(k), voucher, acc(provider)));
	pallet_vouchers::NextRedemptionId::<Runtime>::get() - 1
}

fn confirm(provider: Sr25519Keyring, redemption: u64) {
	assert_ok!(Vouchers::confirm(signed(provider), redemption, H256::repeat_byte(3)));
}

#[test]
fn a_whole_voucher_cycle_is_reaped_back_to_its_summaries() {
	use pallet_satisfaction::{AppealDecision, CaseOutcome};
	use pallet_vouchers::{Allocation, ClaimLimit, ProgrammeBasis};
	dev().execute_with(|| {
		// The office (Bob) runs a direct programme with both providers.
		let programme = pallet_vouchers::NextProgrammeId::<Runtime>::get();
		let start = now();
		assert_ok!(Vouchers::create_programme(
			signed(Bob),
			pallet_vouchers::ProgrammeTerms {
				basis: ProgrammeBasis::Direct {
					scope: Scope::Office(0),
					providers: vec![acc(Ferdie), acc(Eve)].try_into().unwrap(),
				},
				service_name: bounded("助餐券"),
				unit_value: 30,
				limit: ClaimLimit::PerResident(2),
				allocation: Allocation::FirstCome,
				supply: 20,
				claim_opens: start,
				claim_closes: start + 10 * DAYS,
				expires_at: start + 40 * DAYS,
			},
		));

		// Claims: Alice//stash twice, Bob, Charlie, Dave, Eve//stash once each.
		let a1 = claim(AliceStash, programme);
		let a2 = claim(AliceStash, programme);
		let b = claim(BobStash, programme);
		let c = claim(CharlieStash, programme);
		let d = claim(DaveStash, programme);
		let unused = claim(EveStash, programme);

		// Redemptions and confirmations; Dave's first redemption is never confirmed, so he
		// cancels it after the timeout and redeems again.
		let ra1 = redeem(AliceStash, a1, Ferdie);
		let ra2 = redeem(AliceStash, a2, Eve);
		let rb = redeem(BobStash, b, Ferdie);
		let rc = redeem(CharlieStash, c, Ferdie);
		let rd_cancelled = redeem(DaveStash, d, Eve);
		for (provider, r) in [(Ferdie, ra1), (Eve, ra2), (Ferdie, rb), (Ferdie, rc)] {
			confirm(provider, r);
		}
		run_to(now() + 2 * DAYS);
		assert_ok!(Vouchers::cancel_redemption(signed(DaveStash), rd_cancelled));
		let rd = redeem(DaveStash, d, Eve);
		confirm(Eve, rd);

		// Ratings: two good ones, a bad one whose case Ferdie answers and the office closes, a
		// bad one Ferdie appeals and the office upholds (its case dismissed), and a middling one.
		assert_ok!(Satisfaction::rate(signed(AliceStash), ra1, 5, None));
		assert_ok!(Satisfaction::rate(signed(AliceStash), ra2, 4, Some(H256::repeat_byte(1))));
		assert_ok!(Satisfaction::rate(signed(BobStash), rb, 1, None));
		assert_ok!(Satisfaction::respond_case(signed(Ferdie), rb, H256::repeat_byte(2)));
		assert_ok!(Satisfaction::close_case(signed(Bob), rb, CaseOutcome::Rectified));
		assert_ok!(Satisfaction::rate(signed(CharlieStash), rc, 2, None));
		assert_ok!(Satisfaction::appeal(signed(Ferdie), rc, H256::repeat_byte(4)));
		assert_ok!(Satisfaction::decide_appeal(signed(Bob), rc, AppealDecision::Uphold));
		assert_ok!(Satisfaction::rate(signed(DaveStash), rd, 3, None));

		// Settlement with each provider.
		assert_ok!(Vouchers::settle(
			signed(Bob),
			acc(Ferdie),
			vec![ra1, rb, rc].try_into().unwrap(),
			90,
			H256::repeat_byte(5),
		));
		assert_ok!(Vouchers::settle(
			signed(Bob),
			acc(Eve),
			vec![ra2, rd].try_into().unwrap(),
			60,
			H256::repeat_byte(6),
		));

		// Expiry: Eve//stash's unused voucher is marked expired, the deposit released.
		run_to(start + 40 * DAYS);
		assert_ok!(Vouchers::mark_expired(
			signed(Alice),
			programme,
			vec![unused].try_into().unwrap()
		));
		let finished = now();
		assert_ok!(Vouchers::release_programme_deposit(signed(Alice), programme));
		try_state();

		let before = counts();
		let kept = summaries(programme);
		println!("per-item records after the cycle: {before:#?}");
		for (map, n) in [
			("Vouchers::Vouchers", 6),
			("Vouchers::ProgrammeVouchers", 6),
			("Vouchers::Received", 5),
			("Vouchers::RedemptionVoucher", 5),
			("Vouchers::RecentRedemptions", 4),
			("Vouchers::RedemptionsPerDay", 3),
			("Satisfaction::Ratings", 5),
			("Satisfaction::ProgrammeRatings", 5),
			("Satisfaction::Cases", 2),
		] {
			assert_eq!(before[map], n, "{map}");
		}

		// An unprivileged account: no role, no tokens.
		let anyone = AccountId::from([0x42; 32]);
		let origin = || RuntimeOrigin::signed(anyone.clone());

		// One block before the retention periods end, nothing may be reaped, and the evidence
		// satisfaction relies on is still there.
		let retention = blocks::<<Runtime as pallet_vouchers::Config>::RetentionPeriod>();
		let rating_retention =
			blocks::<<Runtime as pallet_satisfaction::Config>::RetentionPeriod>();
		run_to(finished + retention.min(rating_retention) - 1);
		assert_noop!(
			Vouchers::reap_vouchers(origin(), programme, 100),
			VoucherError::RetentionNotOver
		);
		assert_noop!(
			Satisfaction::reap_ratings(origin(), programme, 100),
			SatisfactionError::RetentionNotOver
		);
		for r in [ra1, ra2, rb, rc, rd] {
			assert!(<Vouchers as Redemptions<AccountId, BlockNumber>>::redemption(r).is_some());
		}

		// Past every retention period, reap everything in batches.
		let daily = blocks::<<Runtime as pallet_vouchers::Config>::DailyCountRetention>();
		run_to(finished + retention.max(rating_retention).max(daily) + DAYS);
		loop {
			assert_ok!(Satisfaction::reap_ratings(origin(), programme, 2));
			if matches!(
				frame_system::Pallet::<Runtime>::events().last().map(|e| &e.event),
				Some(gongzhi_runtime::RuntimeEvent::Satisfaction(
					pallet_satisfaction::Event::RatingsReaped { complete: true, .. }
				))
			) {
				break;
			}
		}
		assert_noop!(
			Satisfaction::reap_ratings(origin(), programme, 2),
			SatisfactionError::NothingToReap
		);
		loop {
			assert_ok!(Vouchers::reap_vouchers(origin(), programme, 3));
			if matches!(
				frame_system::Pallet::<Runtime>::events().last().map(|e| &e.event),
				Some(gongzhi_runtime::RuntimeEvent::Vouchers(
					pallet_vouchers::Event::VouchersReaped { complete: true, .. }
				))
			) {
				break;
			}
		}
		assert_noop!(Vouchers::reap_vouchers(origin(), programme, 3), VoucherError::NothingToReap);
		for provider in [Ferdie, Eve] {
			while Vouchers::reap_redemptions_per_day(origin(), acc(provider), 100).is_ok() {}
			assert_noop!(
				Vouchers::reap_redemptions_per_day(origin(), acc(provider), 100),
				VoucherError::RetentionNotOver
			);
		}

		let after = counts();
		println!("per-item records after reaping: {after:#?}");
		assert!(after.values().all(|n| *n == 0), "records left: {after:?}");
		// The summaries are intact, and what went is counted.
		assert_eq!(summaries(programme), kept);
		assert_eq!(
			pallet_vouchers::ReapedRecords::<Runtime>::get(programme),
			pallet_vouchers::ReapedVouchers { settled: 5, expired: 1, received: 6 }
		);
		assert_eq!(
			pallet_satisfaction::ReapedProgrammes::<Runtime>::get(programme),
			kept.programme_card
		);
		assert_eq!(pallet_vouchers::FinishedAt::<Runtime>::get(programme), Some(finished));
		// Nothing can be rated again: the redemptions are gone.
		assert_noop!(
			Satisfaction::rate(signed(AliceStash), ra1, 5, None),
			SatisfactionError::UnknownRedemption
		);
		try_state();
	});
}

#[test]
fn retention_outlasts_every_rating_and_appeal_window() {
	use pallet_satisfaction::Config as S;
	use pallet_vouchers::Config as V;
	let windows =
		blocks::<<Runtime as S>::RatingWindow>() + blocks::<<Runtime as S>::AppealWindow>();
	assert!(
		blocks::<<Runtime as V>::RetentionPeriod>() > windows,
		"vouchers' evidence must outlast the rating and appeal windows"
	);
	assert!(blocks::<<Runtime as S>::RetentionPeriod>() > windows);
	assert!(
		blocks::<<Runtime as S>::RetentionPeriod>() > blocks::<<Runtime as S>::ResponseDeadline>()
	);
}
