//! Settling confirmed redemptions with a provider.

use super::*;
use crate::{ProgrammeStatistics, ProviderStatistics, Settlement, Settlements};
use frame_support::assert_noop;

const REFERENCE: H256 = H256::repeat_byte(0x77);

fn settle(
	who: &AccountId,
	provider: &AccountId,
	redemptions: Vec<RedemptionId>,
	amount: Amount,
) -> DispatchResult {
	Vouchers::settle(signed(who), provider.clone(), bounded(redemptions), amount, REFERENCE)
}

#[test]
fn office_settles_confirmed_redemptions_once() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (v1, r1) = confirmed(&w.alice, p, &w.provider);
		let (_, r2) = confirmed(&w.bob, p, &w.provider);
		run_to(30);
		assert_ok!(settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT));
		assert!(
			matches!(state(v1), VoucherState::Settled { settlement: 0, redemption, .. } if redemption == r1)
		);
		assert_eq!(
			Settlements::<Test>::get(0),
			Some(Settlement {
				office: w.office,
				programme: p,
				provider: w.provider.clone(),
				redemptions: bounded(vec![r1, r2]),
				amount: 2 * UNIT,
				payment_reference: REFERENCE,
				at: 30,
			})
		);
		let stats = ProgrammeStatistics::<Test>::get(p);
		assert_eq!((stats.settled, stats.settled_amount), (2, 2 * UNIT));
		let provider = ProviderStatistics::<Test>::get(&w.provider);
		assert_eq!((provider.settled, provider.settled_amount), (2, 2 * UNIT));
		assert_last_event(Event::Settled {
			settlement: 0,
			office: w.office,
			programme: p,
			provider: w.provider.clone(),
			count: 2,
			amount: 2 * UNIT,
			payment_reference: REFERENCE,
		});
		assert_noop!(settle(&w.admin, &w.provider, vec![r1], UNIT), E::AlreadySettled);
	});
}

#[test]
fn amount_may_be_below_but_not_above_face_value() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r1) = confirmed(&w.alice, p, &w.provider);
		let (_, r2) = confirmed(&w.bob, p, &w.provider);
		assert_noop!(
			settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT + 1),
			E::AmountAboveFaceValue
		);
		assert_ok!(settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT - 500));
	});
}

#[test]
fn only_the_programmes_office_admin_settles() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r) = confirmed(&w.alice, p, &w.provider);
		assert_noop!(settle(&w.provider, &w.provider, vec![r], UNIT), E::NotOfficeAdmin);
		assert_noop!(settle(&w.other_admin, &w.provider, vec![r], UNIT), E::NotOfficeAdmin);
	});
}

#[test]
fn settling_nothing_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(settle(&w.admin, &w.provider, vec![], 0), E::EmptyBatch);
	});
}

#[test]
fn settling_an_unconfirmed_redemption_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r1) = confirmed(&w.alice, p, &w.provider);
		let v2 = claim(&w.bob, p);
		let r2 = redeem(&w.bob, v2, &w.provider);
		assert_noop!(settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT), E::NotConfirmed);
	});
}

#[test]
fn settling_another_providers_redemption_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r1) = confirmed(&w.alice, p, &w.provider);
		let (_, r2) = confirmed(&w.bob, p, &w.provider2);
		assert_noop!(
			settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT),
			E::RedemptionOfOtherProvider
		);
	});
}

#[test]
fn settling_redemptions_of_two_programmes_at_once_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let q = programme(&w);
		let (_, r1) = confirmed(&w.alice, p, &w.provider);
		let (_, r2) = confirmed(&w.alice, q, &w.provider);
		assert_noop!(settle(&w.admin, &w.provider, vec![r1, r2], 2 * UNIT), E::MixedProgrammes);
	});
}

#[test]
fn listing_a_redemption_twice_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r) = confirmed(&w.alice, p, &w.provider);
		assert_noop!(settle(&w.admin, &w.provider, vec![r, r], UNIT), E::DuplicateRedemption);
	});
}

#[test]
fn settling_an_unknown_or_cancelled_redemption_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(settle(&w.admin, &w.provider, vec![4], UNIT), E::UnknownRedemption);
		let p = programme(&w);
		let (_, r1) = confirmed(&w.alice, p, &w.provider);
		let v = claim(&w.bob, p);
		let cancelled = redeem(&w.bob, v, &w.provider);
		run_to(1 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.bob), cancelled));
		assert_noop!(
			settle(&w.admin, &w.provider, vec![r1, cancelled], UNIT),
			E::UnknownRedemption
		);
	});
}
