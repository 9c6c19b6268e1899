//! Counting expired vouchers, the views for the runtime API, and the counters over a whole
//! programme's life.

use super::*;
use crate::{ProgrammeStatistics, ProgrammeStats, ProviderStats, VouchersOf};
use frame_support::assert_noop;
use gongzhi_primitives::Scope;

fn mark(programme: ProgrammeId, vouchers: Vec<VoucherId>) -> DispatchResult {
	Vouchers::mark_expired(signed(&account("anyone")), programme, bounded(vouchers))
}

#[test]
fn anyone_marks_unredeemed_vouchers_expired_after_expiry() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v1 = claim(&w.alice, p);
		let v2 = claim(&w.alice, p);
		run_to(EXPIRES);
		assert_ok!(mark(p, vec![v1, v2]));
		assert_eq!(state(v1), VoucherState::Expired);
		assert_eq!(state(v2), VoucherState::Expired);
		assert!(VouchersOf::<Test>::get(rid(&w.alice)).is_empty());
		let stats = ProgrammeStatistics::<Test>::get(p);
		assert_eq!((stats.expired, stats.unredeemed()), (2, 0));
		assert_last_event(Event::VouchersExpired { programme: p, count: 2 });
		assert_noop!(Vouchers::redeem(signed(&w.alice), v1, w.provider.clone()), E::VoucherExpired);
	});
}

#[test]
fn marking_before_expiry_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v = claim(&w.alice, p);
		run_to(EXPIRES - 1);
		assert_noop!(mark(p, vec![v]), E::NotYetExpired);
	});
}

#[test]
fn marking_a_voucher_of_another_programme_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let q = programme(&w);
		let v = claim(&w.alice, q);
		run_to(EXPIRES);
		assert_noop!(mark(p, vec![v]), E::VoucherOfOtherProgramme);
	});
}

#[test]
fn marking_a_redeemed_voucher_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v = claim(&w.alice, p);
		redeem(&w.alice, v, &w.provider);
		run_to(EXPIRES);
		assert_noop!(mark(p, vec![v]), E::VoucherInUse);
	});
}

#[test]
fn marking_twice_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v = claim(&w.alice, p);
		run_to(EXPIRES);
		assert_noop!(mark(p, vec![v, v]), E::DuplicateVoucher);
		assert_ok!(mark(p, vec![v]));
		assert_noop!(mark(p, vec![v]), E::AlreadyMarkedExpired);
	});
}

#[test]
fn marking_nothing_or_unknown_ids_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		run_to(EXPIRES);
		assert_noop!(mark(p, vec![]), E::EmptyBatch);
		assert_noop!(mark(p, vec![12]), E::UnknownVoucher);
		assert_noop!(mark(7, vec![0]), E::UnknownProgramme);
	});
}

#[test]
fn marking_frees_room_for_new_vouchers() {
	build_and_execute(|| {
		let w = world();
		let old = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(4)).create(&w);
		let held: Vec<_> = (0..4).map(|_| claim(&w.alice, old)).collect();
		run_to(EXPIRES);
		let new = NewProgramme::direct(&w).window(EXPIRES, EXPIRES + 20, EXPIRES + 100).create(&w);
		assert_noop!(Vouchers::claim(signed(&w.alice), new), E::TooManyVouchers);
		assert_ok!(mark(old, held));
		claim(&w.alice, new);
	});
}

#[test]
fn a_cancelled_redemption_after_expiry_leaves_a_voucher_to_mark() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v = claim(&w.alice, p);
		run_to(EXPIRES - 1);
		let r = redeem(&w.alice, v, &w.provider);
		run_to(EXPIRES - 1 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), r));
		assert_ok!(mark(p, vec![v]));
	});
}

// ---- views ----

#[test]
fn programme_view_shows_the_name_terms_and_counters() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		claim(&w.alice, p);
		let view = Vouchers::programme(p).unwrap();
		assert_eq!(view.service_name, "home care visit");
		assert_eq!(view.providers, vec![w.provider.clone(), w.provider2.clone()]);
		assert_eq!(view.stats.claimed, 1);
		assert_eq!(Vouchers::programme(p + 1), None);
		assert_eq!(Vouchers::programme_stats(p), Some(view.stats));
		assert_eq!(Vouchers::programme_stats(p + 1), None);
	});
}

#[test]
fn vouchers_of_lists_the_vouchers_in_hand_with_their_state() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let v1 = claim(&w.alice, p);
		let v2 = claim(&w.alice, p);
		let r = redeem(&w.alice, v2, &w.provider);
		assert_eq!(
			Vouchers::vouchers_of(rid(&w.alice)),
			vec![
				(v1, VoucherState::Issued),
				(
					v2,
					VoucherState::Redeemed {
						redemption: r,
						provider: w.provider.clone(),
						redeemed_at: 1
					}
				),
			]
		);
		confirm(&w.provider, r);
		assert_eq!(Vouchers::vouchers_of(rid(&w.alice)), vec![(v1, VoucherState::Issued)]);
		assert_eq!(Vouchers::redemptions_of(rid(&w.alice)), vec![r]);
	});
}

#[test]
fn claimable_for_lists_what_the_resident_may_claim_now() {
	build_and_execute(|| {
		let w = world();
		let open = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(1)).create(&w);
		let other_community =
			NewProgramme::direct(&w).scope(Scope::Community(w.other_community)).create(&w);
		let later = NewProgramme::direct(&w).window(10, 30, 100).create(&w);
		let alice = MockRegistry::resident(&w.alice).unwrap();
		let erin = MockRegistry::resident(&w.erin).unwrap();
		assert_eq!(Vouchers::claimable_for(&alice), vec![open]);
		assert_eq!(Vouchers::claimable_for(&erin), vec![other_community]);
		claim(&w.alice, open);
		assert_eq!(Vouchers::claimable_for(&alice), Vec::<ProgrammeId>::new());
		run_to(10);
		assert_eq!(Vouchers::claimable_for(&alice), vec![later]);
		let dave = MockRegistry::resident(&w.dave).unwrap();
		assert_eq!(Vouchers::claimable_for(&dave), Vec::<ProgrammeId>::new());
	});
}

#[test]
fn provider_stats_default_to_zero() {
	build_and_execute(|| {
		let w = world();
		assert_eq!(Vouchers::provider_stats(&w.provider), ProviderStats::default());
	});
}

#[test]
fn counters_add_up_over_a_programmes_life() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(3)).create(&w);
		let a: Vec<_> = (0..3).map(|_| claim(&w.alice, p)).collect();
		assert_ok!(Vouchers::issue(signed(&w.admin), p, bounded(vec![w.bob.clone()])));
		let b = NextVoucherId::<Test>::get() - 1;
		let r0 = redeem(&w.alice, a[0], &w.provider);
		let r1 = redeem(&w.alice, a[1], &w.provider2);
		let r2 = redeem(&w.bob, b, &w.provider);
		confirm(&w.provider, r0);
		confirm(&w.provider2, r1);
		assert_ok!(Vouchers::settle(
			signed(&w.admin),
			w.provider.clone(),
			bounded(vec![r0]),
			UNIT,
			H256::zero()
		));
		run_to(1 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.bob), r2));
		run_to(EXPIRES);
		assert_ok!(mark(p, vec![a[2], b]));
		assert_eq!(
			ProgrammeStatistics::<Test>::get(p),
			ProgrammeStats {
				issued: 1,
				claimed: 3,
				redeemed: 2,
				confirmed: 2,
				settled: 1,
				settled_amount: UNIT,
				expired: 2,
				cancelled: 1,
			}
		);
		assert_eq!(
			Vouchers::provider_stats(&w.provider),
			ProviderStats {
				redemptions: 1,
				confirmations: 1,
				cancelled: 1,
				settled: 1,
				settled_amount: UNIT
			}
		);
		// build_and_execute recounts all of this from the vouchers (do_try_state).
	});
}

#[test]
fn try_state_catches_a_counter_that_drifts() {
	new_test_ext().execute_with(|| {
		let w = world();
		let p = programme(&w);
		claim(&w.alice, p);
		assert_ok!(Vouchers::do_try_state());
		ProgrammeStatistics::<Test>::mutate(p, |s| s.claimed += 1);
		assert!(Vouchers::do_try_state().is_err());
	});
}
