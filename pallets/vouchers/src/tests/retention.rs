//! Retention: a finished programme's per-resident records and a provider's old per-day counters
//! are reaped in bounded batches by anyone, after their retention periods; the counters stay.

use super::*;
use crate::{
	FinishedAt, ProgrammeStatistics, ProgrammeVouchers, ProviderStatistics, ReapedDailyCounts,
	ReapedDays, ReapedRecords, ReapedRedemptions, ReapedVouchers, Received, RecentRedemptions,
	RedemptionVoucher, RedemptionsPerDay, Settlements,
};
use frame_support::assert_noop;
use gongzhi_primitives::Redemptions;

fn reap(programme: ProgrammeId, limit: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Vouchers::reap_vouchers(signed(&account("anyone")), programme, limit)
}

fn reap_days(
	provider: &AccountId,
	limit: u32,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Vouchers::reap_redemptions_per_day(signed(&account("anyone")), provider.clone(), limit)
}

/// A finished programme: Alice's two vouchers and Bob's one redeemed with `provider`,
/// confirmed and settled, Carol's one marked expired, the deposit released at `EXPIRES`.
/// Returns the programme and the three redemptions.
fn finished(w: &World) -> (ProgrammeId, Vec<RedemptionId>) {
	let p = programme(w);
	let (_, r1) = confirmed(&w.alice, p, &w.provider);
	let (_, r2) = confirmed(&w.alice, p, &w.provider);
	let (_, r3) = confirmed(&w.bob, p, &w.provider);
	let unused = claim(&w.carol, p);
	assert_ok!(Vouchers::settle(
		signed(&w.admin),
		w.provider.clone(),
		bounded(vec![r1, r2, r3]),
		3 * UNIT,
		H256::repeat_byte(7),
	));
	run_to(EXPIRES);
	assert_ok!(Vouchers::mark_expired(signed(&w.outsider), p, bounded(vec![unused])));
	assert_ok!(Vouchers::release_programme_deposit(signed(&w.outsider), p));
	(p, vec![r1, r2, r3])
}

fn records_of(p: ProgrammeId) -> (usize, usize) {
	(ProgrammeVouchers::<Test>::iter_prefix(p).count(), Received::<Test>::iter_prefix(p).count())
}

#[test]
fn releasing_the_deposit_starts_the_retention_period() {
	build_and_execute(|| {
		let w = world();
		let (p, _) = finished(&w);
		assert_eq!(FinishedAt::<Test>::get(p), Some(EXPIRES));
		assert_eq!(<Vouchers as Redemptions<_, _>>::programme_finished_at(p), Some(EXPIRES));
	});
}

#[test]
fn reaping_before_the_deposit_is_released_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let (_, r) = confirmed(&w.alice, p, &w.provider);
		run_to(EXPIRES + RETENTION * 10);
		// Not finished: the redemption is unsettled, so the deposit can't be released either.
		assert_noop!(reap(p, MAX_REAP), E::DepositNotReleased);
		assert!(<Vouchers as Redemptions<_, _>>::redemption(r).is_some());
	});
}

#[test]
fn reaping_before_the_retention_period_ends_fails() {
	build_and_execute(|| {
		let w = world();
		let (p, redemptions) = finished(&w);
		run_to(EXPIRES + RETENTION - 1);
		assert_noop!(reap(p, MAX_REAP), E::RetentionNotOver);
		// The evidence the satisfaction pallet rates against is still there.
		for r in redemptions {
			assert!(<Vouchers as Redemptions<_, _>>::redemption(r).is_some());
		}
		assert_eq!(records_of(p), (4, 3));
	});
}

#[test]
fn anyone_reaps_a_finished_programme_in_batches() {
	build_and_execute(|| {
		let w = world();
		let (p, redemptions) = finished(&w);
		let stats = ProgrammeStatistics::<Test>::get(p);
		let provider_stats = ProviderStatistics::<Test>::get(&w.provider);
		run_to(EXPIRES + RETENTION);

		// 4 vouchers and 3 received counts; batches of 5.
		assert_ok!(reap(p, MAX_REAP));
		assert_last_event(Event::VouchersReaped {
			programme: p,
			vouchers: 4,
			received: 1,
			complete: false,
		});
		assert_eq!(records_of(p), (0, 2));
		assert_ok!(reap(p, MAX_REAP));
		assert_last_event(Event::VouchersReaped {
			programme: p,
			vouchers: 0,
			received: 2,
			complete: true,
		});
		assert_eq!(records_of(p), (0, 0));
		assert_noop!(reap(p, MAX_REAP), E::NothingToReap);

		// The per-resident records are gone…
		assert_eq!(crate::Vouchers::<Test>::iter().count(), 0);
		for r in redemptions {
			assert!(!RedemptionVoucher::<Test>::contains_key(r));
			assert!(<Vouchers as Redemptions<_, _>>::redemption(r).is_none());
		}
		assert!(!RecentRedemptions::<Test>::contains_key(rid(&w.alice)));
		assert!(!RecentRedemptions::<Test>::contains_key(rid(&w.bob)));
		// …the summaries stay, and what went is counted.
		assert_eq!(ProgrammeStatistics::<Test>::get(p), stats);
		assert_eq!(ProviderStatistics::<Test>::get(&w.provider), provider_stats);
		assert_eq!(Settlements::<Test>::iter().count(), 1);
		assert_eq!(
			ReapedRecords::<Test>::get(p),
			ReapedVouchers { settled: 3, expired: 1, received: 4 }
		);
		assert_eq!(ReapedRedemptions::<Test>::get(&w.provider), 3);
		assert!(crate::Programmes::<Test>::contains_key(p));
	});
}

#[test]
fn reaping_with_a_limit_out_of_range_fails() {
	build_and_execute(|| {
		let w = world();
		let (p, _) = finished(&w);
		run_to(EXPIRES + RETENTION);
		assert_noop!(reap(p, 0), E::ReapLimitOutOfRange);
		assert_noop!(reap(p, MAX_REAP + 1), E::ReapLimitOutOfRange);
	});
}

#[test]
fn reaping_an_unknown_programme_fails() {
	build_and_execute(|| {
		assert_noop!(reap(42, MAX_REAP), E::UnknownProgramme);
	});
}

#[test]
fn reaping_needs_a_signed_origin() {
	build_and_execute(|| {
		let w = world();
		let (p, _) = finished(&w);
		run_to(EXPIRES + RETENTION);
		assert_noop!(
			Vouchers::reap_vouchers(RuntimeOrigin::none(), p, MAX_REAP),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn anyone_reaps_per_day_counters_after_retention() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).window(1, 2 * DAY, 3 * DAY).create(&w);
		// Day 0: two redemptions; day 1: one.
		confirmed(&w.alice, p, &w.provider);
		confirmed(&w.bob, p, &w.provider);
		run_to(DAY + 1);
		confirmed(&w.carol, p, &w.provider);
		let totals = ProviderStatistics::<Test>::get(&w.provider);
		assert_eq!(totals.redemptions, 3);

		// Day 0 ends at block DAY: kept until DAY + DAILY_RETENTION.
		run_to(DAY + DAILY_RETENTION - 1);
		assert_noop!(reap_days(&w.provider, MAX_REAP), E::RetentionNotOver);

		run_to(DAY + DAILY_RETENTION);
		assert_ok!(reap_days(&w.provider, MAX_REAP));
		assert_last_event(Event::DailyCountsReaped {
			provider: w.provider.clone(),
			days: 1,
			removed: 1,
			before_day: 1,
		});
		assert_eq!(RedemptionsPerDay::<Test>::get(&w.provider, 0), 0);
		assert_eq!(RedemptionsPerDay::<Test>::get(&w.provider, 1), 1);
		assert_eq!(
			ReapedDailyCounts::<Test>::get(&w.provider),
			ReapedDays { before_day: 1, redemptions: 2 }
		);
		assert_noop!(reap_days(&w.provider, MAX_REAP), E::RetentionNotOver);

		// Much later, in batches of days.
		run_to(20 * DAY + DAILY_RETENTION);
		assert_ok!(reap_days(&w.provider, MAX_REAP));
		assert_last_event(Event::DailyCountsReaped {
			provider: w.provider.clone(),
			days: MAX_REAP,
			removed: 1,
			before_day: 1 + MAX_REAP,
		});
		assert_eq!(RedemptionsPerDay::<Test>::iter_prefix(&w.provider).count(), 0);
		assert_eq!(ProviderStatistics::<Test>::get(&w.provider), totals);
		assert_noop!(reap_days(&w.provider, 0), E::ReapLimitOutOfRange);
	});
}

#[test]
fn reaping_per_day_counters_of_a_provider_that_never_redeemed_fails() {
	build_and_execute(|| {
		let w = world();
		run_to(100 * DAY);
		assert_noop!(reap_days(&w.provider2, MAX_REAP), E::NothingToReap);
	});
}

#[test]
fn cancelling_a_redemption_of_a_reaped_day_takes_it_off_the_reaped_count() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).window(1, 21, 10 * DAY + DAILY_RETENTION).create(&w);
		let v = claim(&w.alice, p);
		let r = redeem(&w.alice, v, &w.provider);
		run_to(DAY + DAILY_RETENTION);
		assert_ok!(reap_days(&w.provider, MAX_REAP));
		assert_eq!(ReapedDailyCounts::<Test>::get(&w.provider).redemptions, 1);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), r));
		assert_eq!(
			ReapedDailyCounts::<Test>::get(&w.provider),
			ReapedDays { before_day: 1, redemptions: 0 }
		);
		assert_eq!(ProviderStatistics::<Test>::get(&w.provider).redemptions, 0);
	});
}
