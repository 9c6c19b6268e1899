//! Views for the runtime API, and `try_state` catching a broken invariant.

use super::*;
use gongzhi_primitives::{CommunityRegistry, ResidentInfo};

const DEADLINE: BlockNumber = 1 + RESPONSE_DEADLINE;

#[test]
fn provider_scorecard_reports_averages_cases_and_standing() {
	scene().execute_with(|| {
		rate(BOB, served(BOB), 5);
		rate(CHARLIE, served(CHARLIE), 4);
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(1)));
		run_to(9);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Rectified
		));

		let view = Satisfaction::provider_scorecard(&PROVIDER);
		assert_eq!(
			view,
			ScorecardView {
				count: 3,
				sum: 10,
				average_x100: 333,
				histogram: [1, 0, 0, 1, 1],
				bad_ratings: 1,
				cases_open: 0,
				cases_responded: 0,
				cases_overdue: 0,
				cases_rectified: 1,
				cases_dismissed: 0,
				cases_late: 0,
				rectify_blocks_total: 8,
				average_rectify_blocks: 8,
				appeals_upheld: 0,
				in_good_standing: Some(true),
			}
		);
		let programme = Satisfaction::programme_scorecard(PROGRAMME);
		assert_eq!(programme.in_good_standing, None);
		assert_eq!((programme.count, programme.average_x100), (3, 333));
	});
}

#[test]
fn scorecards_of_strangers_are_empty() {
	scene().execute_with(|| {
		let view = Satisfaction::provider_scorecard(&STRANGER);
		assert_eq!((view.count, view.average_x100, view.in_good_standing), (0, 0, Some(true)));
		assert_eq!(Satisfaction::programme_scorecard(999).count, 0);
	});
}

#[test]
fn provider_scorecard_shows_a_lost_standing() {
	scene().execute_with(|| {
		bad_case(ALICE);
		run_to(DEADLINE + 1);
		assert_eq!(Satisfaction::provider_scorecard(&PROVIDER).in_good_standing, Some(false));
	});
}

#[test]
fn rating_of_shows_the_rating_its_status_and_case() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		let view = Satisfaction::rating_of(id).expect("rated");
		assert_eq!((view.redemption, view.resident, view.provider), (id, 1, PROVIDER));
		assert_eq!((view.score, view.counted, view.case), (1, true, Some(id)));
		assert_eq!(view.status, RatingStatus::Counted);

		assert_ok!(Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), id, hash(2)));
		assert_ok!(Satisfaction::decide_appeal(
			RuntimeOrigin::signed(ADMIN),
			id,
			AppealDecision::Uphold
		));
		let view = Satisfaction::rating_of(id).expect("still stored");
		assert!(!view.counted);

		let good = served(BOB);
		assert_eq!(Satisfaction::rating_of(good), None);
		rate(BOB, good, 5);
		assert_eq!(Satisfaction::rating_of(good).expect("rated").case, None);
	});
}

#[test]
fn case_of_derives_overdue_before_anyone_marks_it() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		let view = Satisfaction::case_of(id).expect("a case");
		assert_eq!((view.state, view.overdue, view.deadline), (CaseState::Open, false, DEADLINE));
		run_to(DEADLINE + 1);
		let view = Satisfaction::case_of(id).expect("a case");
		assert_eq!((view.state, view.overdue), (CaseState::Open, true));
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Dismissed
		));
		assert!(!Satisfaction::case_of(id).expect("a case").overdue);
		assert_eq!(Satisfaction::case_of(42), None);
	});
}

#[test]
fn can_rate_and_still_to_rate_list_what_a_resident_may_rate() {
	scene().execute_with(|| {
		let rated = served(ALICE);
		rate(ALICE, rated, 5);
		let open = served(ALICE);
		let unconfirmed = redeem(ALICE, PROVIDER, PROGRAMME, OFFICE);
		let bobs = served(BOB);

		assert!(Satisfaction::can_rate(1, open));
		assert!(!Satisfaction::can_rate(1, rated));
		assert!(!Satisfaction::can_rate(1, unconfirmed));
		assert!(!Satisfaction::can_rate(1, bobs));
		assert!(!Satisfaction::can_rate(1, 42));

		let alice: ResidentInfo<BlockNumber> = MockRegistry::resident(&ALICE).expect("a resident");
		let listed = [rated, open, unconfirmed, bobs, 42];
		assert_eq!(Satisfaction::still_to_rate(&alice, &listed), vec![open]);
		run_to(1 + RATING_WINDOW + 1);
		assert!(Satisfaction::still_to_rate(&alice, &listed).is_empty());
	});
}

#[test]
fn try_state_catches_a_scorecard_that_disagrees_with_the_ratings() {
	// Runs without the checking wrapper: the point is that the check fails.
	scene().0.execute_with(|| {
		rate(ALICE, served(ALICE), 5);
		assert_ok!(Satisfaction::do_try_state());
		Programmes::<Test>::mutate(PROGRAMME, |card| card.sum += 1);
		assert!(Satisfaction::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_broken_queue() {
	scene().0.execute_with(|| {
		let a = bad_case(ALICE);
		let b = bad_case(BOB);
		assert_ok!(Satisfaction::do_try_state());
		Unanswered::<Test>::mutate(b, |link| link.as_mut().expect("queued").prev = None);
		assert!(Satisfaction::do_try_state().is_err());
		Unanswered::<Test>::mutate(b, |link| link.as_mut().expect("queued").prev = Some(a));
		assert_ok!(Satisfaction::do_try_state());
		Cases::<Test>::mutate(a, |c| {
			c.as_mut().expect("a case").state =
				CaseState::Responded { response: CaseResponse { hash: hash(1), at: 1 } }
		});
		assert!(Satisfaction::do_try_state().is_err());
	});
}
