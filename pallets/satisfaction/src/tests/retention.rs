//! Retention: a finished programme's ratings and closed cases are reaped in bounded batches by
//! anyone after `RetentionPeriod`; the scorecards stay, ratings in dispute stay.

use super::*;

fn reap(limit: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Satisfaction::reap_ratings(RuntimeOrigin::signed(STRANGER), PROGRAMME, limit)
}

/// The programme's finish, then the first block its ratings may be reaped.
const FINISHED: BlockNumber = 50;
const REAPABLE: BlockNumber = FINISHED + RETENTION;

fn stored() -> usize {
	ProgrammeRatings::<Test>::iter_prefix(PROGRAMME).count()
}

#[test]
fn reaping_ratings_of_an_unfinished_programme_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 5);
		run_to(REAPABLE * 10);
		assert_noop!(reap(MAX_REAP), Error::<Test>::ProgrammeNotFinished);
	});
}

#[test]
fn reaping_before_the_retention_period_ends_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE - 1);
		assert_noop!(reap(MAX_REAP), Error::<Test>::RetentionNotOver);
		assert!(Ratings::<Test>::contains_key(r));
	});
}

#[test]
fn anyone_reaps_ratings_and_closed_cases_in_batches() {
	scene().execute_with(|| {
		let a = served(ALICE);
		rate(ALICE, a, 5);
		let b = bad_case(BOB);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			b,
			CaseOutcome::Rectified
		));
		let c = served_by(CHARLIE, OTHER_PROVIDER, PROGRAMME);
		rate(CHARLIE, c, 4);
		// A rating of another programme stays.
		let other = served_by(ALICE, PROVIDER, PROGRAMME + 1);
		rate(ALICE, other, 3);
		let (programme_card, provider_card, other_card) =
			(programme_card(), provider_card(), Providers::<Test>::get(OTHER_PROVIDER).scorecard);
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE);

		assert_ok!(reap(2));
		let Event::RatingsReaped { programme, ratings, cases: first_cases, complete, skipped: 0 } =
			last_event()
		else {
			panic!("not a reap event")
		};
		assert_eq!((programme, ratings, complete), (PROGRAMME, 2, false));
		assert_eq!(stored(), 1);
		assert_ok!(reap(2));
		let Event::RatingsReaped { ratings, cases, complete, .. } = last_event() else {
			panic!("not a reap event")
		};
		assert_eq!((ratings, first_cases + cases, complete), (1, 1, true));
		assert_noop!(reap(2), Error::<Test>::NothingToReap);

		for r in [a, b, c] {
			assert!(!Ratings::<Test>::contains_key(r));
			assert!(!Cases::<Test>::contains_key(r));
		}
		assert!(Ratings::<Test>::contains_key(other));
		// The scorecards stay as they were, and what went is counted.
		assert_eq!(super::programme_card(), programme_card);
		assert_eq!(super::provider_card(), provider_card);
		assert_eq!(Providers::<Test>::get(OTHER_PROVIDER).scorecard, other_card);
		assert_eq!(ReapedProgrammes::<Test>::get(PROGRAMME), programme_card);
		assert_eq!(ReapedProviders::<Test>::get(OTHER_PROVIDER), other_card);
		assert_eq!(ReapedProviders::<Test>::get(PROVIDER).count, 2);
	});
}

#[test]
fn ratings_under_appeal_or_with_a_case_pending_stay() {
	scene().execute_with(|| {
		let a = bad_case(ALICE);
		let b = served(BOB);
		rate(BOB, b, 2);
		// BOB's case is answered and closed; his rating is appealed and pending.
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			b,
			CaseOutcome::Dismissed
		));
		assert_ok!(Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), b, hash(5)));
		let c = served(CHARLIE);
		rate(CHARLIE, c, 4);
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE);

		assert_ok!(reap(MAX_REAP));
		assert_eq!(
			last_event(),
			Event::RatingsReaped {
				programme: PROGRAMME,
				ratings: 1,
				cases: 0,
				skipped: 2,
				complete: false
			}
		);
		assert!(!Ratings::<Test>::contains_key(c));
		assert_noop!(reap(MAX_REAP), Error::<Test>::FollowUpPending);

		// Once the office has decided, they go too.
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			a,
			CaseOutcome::Rectified
		));
		assert_ok!(Satisfaction::decide_appeal(
			RuntimeOrigin::signed(ADMIN),
			b,
			AppealDecision::Uphold
		));
		assert_ok!(reap(MAX_REAP));
		assert_eq!(
			last_event(),
			Event::RatingsReaped {
				programme: PROGRAMME,
				ratings: 2,
				cases: 2,
				skipped: 0,
				complete: true
			}
		);
		assert_eq!(ReapedProgrammes::<Test>::get(PROGRAMME), super::programme_card());
	});
}

#[test]
fn a_reaped_rating_cannot_be_given_again() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 5);
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE);
		assert_ok!(reap(MAX_REAP));
		// The redemption (still known to the mock) is past its rating window for good.
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 5, None),
			Error::<Test>::RatingWindowClosed
		);
		assert_noop!(
			Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(5)),
			Error::<Test>::UnknownRating
		);
	});
}

#[test]
fn reaping_with_a_limit_out_of_range_or_nothing_left_fails() {
	scene().execute_with(|| {
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE);
		assert_noop!(reap(0), Error::<Test>::ReapLimitOutOfRange);
		assert_noop!(reap(MAX_REAP + 1), Error::<Test>::ReapLimitOutOfRange);
		assert_noop!(reap(MAX_REAP), Error::<Test>::NothingToReap);
	});
}

#[test]
fn ratings_in_dispute_do_not_block_those_behind_them() {
	scene().execute_with(|| {
		// More bad ratings with open cases than one batch looks at.
		let cases: Vec<CaseId> = [ALICE, BOB, CHARLIE, ALICE].into_iter().map(bad_case).collect();
		let fifth = bad_case(BOB);
		// The one that may go is the last in the index's order (hashed keys): close its case.
		let last = ProgrammeRatings::<Test>::iter_key_prefix(PROGRAMME).last().expect("rated");
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			last,
			CaseOutcome::Rectified
		));
		run_to(FINISHED);
		finish(PROGRAMME);
		run_to(REAPABLE);

		// The first batch finds only disputed ratings: it leaves them and remembers where it
		// stopped; the second goes on from there and reaps the settled one.
		assert_ok!(reap(MAX_REAP));
		assert_eq!(
			last_event(),
			Event::RatingsReaped {
				programme: PROGRAMME,
				ratings: 0,
				cases: 0,
				skipped: MAX_REAP,
				complete: false
			}
		);
		assert!(ReapCursor::<Test>::contains_key(PROGRAMME));
		assert_ok!(reap(MAX_REAP));
		let Event::RatingsReaped { ratings: 1, cases: 1, skipped: 1, complete: false, .. } =
			last_event()
		else {
			panic!("the settled rating was not reaped: {:?}", last_event())
		};
		assert!(!Ratings::<Test>::contains_key(last));
		// It reached the end: the next call starts again from the first. The disputed ones stay.
		assert!(!ReapCursor::<Test>::contains_key(PROGRAMME));
		assert_eq!(stored(), 4);
		for case in cases.into_iter().chain([fifth]).filter(|c| *c != last) {
			assert!(Ratings::<Test>::contains_key(case));
		}
	});
}
