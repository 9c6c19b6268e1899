//! Reaping closed surveys' responses in batches after the retention period.

use super::*;
use frame_support::{assert_noop, assert_ok, dispatch::Pays};

fn reap(survey: SurveyId, limit: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), survey, limit)
}

const RESIDENTS: [AccountId; 5] = [20, 21, 22, 23, 24];

/// Five residents of community A respond to the standard survey, which is then closed at
/// CLOSES. Returns the survey.
fn closed_with_five_responses() -> SurveyId {
	let s = scene();
	for who in RESIDENTS {
		MockRegistry::add_resident(&who, s.a);
	}
	let survey = create_standard(Scope::Community(s.a));
	run_to(OPENS);
	for (i, who) in RESIDENTS.into_iter().enumerate() {
		respond(who, survey, standard_answers((i % 3) as u8, &[(i % 4) as u8], (i % 5 + 1) as u8));
	}
	run_to(CLOSES);
	assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), survey));
	survey
}

fn retention_over() -> BlockNumber {
	CLOSES + <Test as Config>::RetentionPeriod::get()
}

#[test]
fn responses_are_reaped_in_batches_and_results_stay() {
	// The responses are committed to the backend, as they are on a chain blocks later; batches
	// in the same block then see each other's removals only through the overlay.
	let mut ext = new_test_ext();
	let survey = ext.execute_with(|| {
		let survey = closed_with_five_responses();
		run_to(retention_over());
		survey
	});
	ext.commit_all().expect("commit");
	ext.execute_with(|| {
		let results = NeedsSurvey::survey_results(survey);

		assert_ok!(reap(survey, 2));
		System::assert_last_event(
			Event::ResponsesReaped { survey, removed: 2, remaining: 3 }.into(),
		);
		assert_eq!(Responses::<Test>::iter_prefix(survey).count(), 3);
		NeedsSurvey::do_try_state().expect("consistent after a partial reap");

		// A second batch in the same block removes the next responses, counted exactly.
		assert_ok!(reap(survey, 2));
		System::assert_last_event(
			Event::ResponsesReaped { survey, removed: 2, remaining: 1 }.into(),
		);
		assert_eq!(Responses::<Test>::iter_prefix(survey).count(), 1);

		assert_ok!(reap(survey, 10));
		System::assert_last_event(
			Event::ResponsesReaped { survey, removed: 1, remaining: 0 }.into(),
		);
		assert_eq!(Responses::<Test>::iter_prefix(survey).count(), 0);
		assert!(matches!(info(survey).status, SurveyStatus::Closed { reaped: 5, .. }));

		// Tallies, counts and turnout are kept.
		assert_eq!(NeedsSurvey::survey_results(survey), results);
		assert_eq!(info(survey).responses, 5);
		assert_noop!(reap(survey, 1), Error::<Test>::NothingToReap);
		NeedsSurvey::do_try_state().expect("consistent after reaping everything");
	});
}

#[test]
fn reaping_an_open_survey_fails() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		run_to(CLOSES + 1_000);
		assert_noop!(reap(survey, 1), Error::<Test>::SurveyNotClosed);
	});
}

#[test]
fn reaping_before_the_retention_period_ends_fails() {
	build_and_execute(|| {
		let survey = closed_with_five_responses();
		run_to(retention_over() - 1);
		assert_noop!(reap(survey, 1), Error::<Test>::RetentionNotOver);
		run_to(retention_over());
		assert_ok!(reap(survey, 1));
	});
}

#[test]
fn reaping_a_survey_without_responses_fails() {
	build_and_execute(|| {
		let s = scene();
		let empty = create_standard(Scope::Community(s.a));
		let cancelled = create_standard(Scope::Community(s.a));
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ADMIN), empty));
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), cancelled));
		run_to(retention_over());
		assert_noop!(reap(empty, 1), Error::<Test>::NothingToReap);
		assert_noop!(reap(cancelled, 1), Error::<Test>::NothingToReap);
		// (A survey cancelled with responses is reaped like a closed one: see tests/trust.rs.)
	});
}

#[test]
fn reaping_an_unknown_survey_fails() {
	build_and_execute(|| {
		assert_noop!(reap(7, 1), Error::<Test>::UnknownSurvey);
	});
}

#[test]
fn the_batch_size_is_bounded() {
	build_and_execute(|| {
		let survey = closed_with_five_responses();
		run_to(retention_over());
		let max = <Test as Config>::MaxReapBatch::get();
		assert_noop!(reap(survey, 0), Error::<Test>::ReapLimitOutOfRange);
		assert_noop!(reap(survey, max + 1), Error::<Test>::ReapLimitOutOfRange);
		assert_ok!(reap(survey, max));
	});
}

#[test]
fn reaping_pays_and_is_refunded_to_the_work_done() {
	let mut ext = new_test_ext();
	let survey = ext.execute_with(|| {
		let survey = closed_with_five_responses();
		run_to(retention_over());
		survey
	});
	ext.commit_all().expect("commit");
	ext.execute_with(|| {
		let max = <Test as Config>::MaxReapBatch::get();
		let post = reap(survey, max).expect("reaps");
		assert_eq!(post.pays_fee, Pays::Yes);
		let actual = post.actual_weight.expect("refunds");
		// Charged for the 5 responses removed, not for the `MaxReapBatch` paid up front.
		assert_eq!(actual, <() as WeightInfo>::reap_responses(5));
		assert!(actual.all_lt(<() as WeightInfo>::reap_responses(max)));
	});
}
