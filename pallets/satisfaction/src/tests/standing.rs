//! `ProviderStanding`: overdue cases (marked or derived) and the average floor.

use super::*;
use gongzhi_primitives::ProviderStanding;

const DEADLINE: BlockNumber = 1 + RESPONSE_DEADLINE;

fn good(provider: AccountId) -> bool {
	<Satisfaction as ProviderStanding<AccountId>>::in_good_standing(&provider)
}

/// `n` ratings of `score` by fresh residents of community 1.
fn ratings(n: u64, score: Score, first_account: AccountId) {
	for who in first_account..first_account + n {
		MockRegistry::add_resident(&who, 1);
		rate(who, served(who), score);
	}
}

#[test]
fn a_provider_never_rated_is_in_good_standing() {
	scene().execute_with(|| {
		assert!(good(PROVIDER));
	});
}

#[test]
fn an_unanswered_case_past_its_deadline_costs_standing_without_being_marked() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE);
		assert!(good(PROVIDER));
		run_to(DEADLINE + 1);
		assert!(!good(PROVIDER));
		assert_eq!(case(id).state, CaseState::Open);
		assert!(good(OTHER_PROVIDER));
	});
}

#[test]
fn a_case_answered_in_time_keeps_standing_after_the_deadline() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(1)));
		run_to(DEADLINE + 100);
		assert!(good(PROVIDER));
	});
}

#[test]
fn the_oldest_unanswered_case_decides_even_when_newer_ones_are_answered_first() {
	scene().execute_with(|| {
		let older = bad_case(ALICE);
		run_to(10);
		let newer = bad_case(BOB);
		// Answering the older case leaves the newer one at the head, due at 10 + deadline.
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), older, hash(1)));
		run_to(DEADLINE + 1);
		assert!(good(PROVIDER));
		run_to(10 + RESPONSE_DEADLINE + 1);
		assert!(!good(PROVIDER));
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), newer, hash(1)));
		// Answered late: now marked overdue, still not in good standing.
		assert!(!good(PROVIDER));
	});
}

#[test]
fn a_marked_overdue_case_costs_standing_until_the_office_closes_it() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 1);
		assert_ok!(Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id));
		assert!(!good(PROVIDER));
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(1)));
		assert!(!good(PROVIDER));
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Rectified
		));
		assert!(good(PROVIDER));
		// The history stays.
		assert_eq!(provider_card().cases_late, 1);
	});
}

#[test]
fn an_average_below_the_floor_costs_standing_only_over_enough_ratings() {
	scene().execute_with(|| {
		StandingFloor::set(300);
		StandingMinRatings::set(3);
		// Two 3s and a 1 → 2.33 over 3 ratings; the 1's case is answered so only the average
		// matters.
		ratings(2, 3, 200);
		assert!(good(PROVIDER));
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(1)));
		assert_eq!(provider_card().average_x100(), 233);
		assert!(!good(PROVIDER));
		// With a higher minimum, three ratings are not enough to judge.
		StandingMinRatings::set(4);
		assert!(good(PROVIDER));
	});
}

#[test]
fn an_average_exactly_at_the_floor_keeps_standing() {
	scene().execute_with(|| {
		StandingFloor::set(400);
		StandingMinRatings::set(2);
		ratings(1, 3, 200);
		ratings(1, 5, 300);
		assert_eq!(provider_card().average_x100(), 400);
		assert!(good(PROVIDER));
		StandingFloor::set(401);
		assert!(!good(PROVIDER));
	});
}

#[test]
fn an_upheld_appeal_can_restore_the_average() {
	scene().execute_with(|| {
		StandingFloor::set(300);
		StandingMinRatings::set(2);
		ratings(2, 4, 200);
		let r = bad_case(ALICE);
		let other = bad_case(BOB);
		for id in [r, other] {
			assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(1)));
		}
		// (4 + 4 + 1 + 1) / 4 = 2.5
		assert!(!good(PROVIDER));
		assert_ok!(Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(2)));
		assert_ok!(Satisfaction::decide_appeal(
			RuntimeOrigin::signed(ADMIN),
			r,
			AppealDecision::Uphold
		));
		// (4 + 4 + 1) / 3 = 3.0
		assert!(good(PROVIDER));
	});
}
