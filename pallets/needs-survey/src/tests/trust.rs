//! The trust rules: a resident's free calls are bounded, nothing one account creates can hold
//! an office's survey places, and power comes from the role held now, not from having created.

use super::*;
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};

fn open_survey() -> (Scene, SurveyId) {
	let s = scene();
	let survey = create_standard(Scope::Community(s.a));
	run_to(OPENS);
	(s, survey)
}

fn amend(who: AccountId, survey: SurveyId, a: AnswersOf<Test>) -> sp_runtime::DispatchResult {
	NeedsSurvey::amend(RuntimeOrigin::signed(who), survey, a)
}

#[test]
fn free_amendments_are_capped_so_a_resident_cannot_fill_blocks_for_free() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		let max = <Test as Config>::MaxAmendments::get();
		for i in 0..max {
			assert_ok!(amend(ALICE, survey, standard_answers(1 + i % 2, &[1], 2 + i)));
		}
		let alice = resident_id(ALICE);
		assert_eq!(Responses::<Test>::get(survey, alice).unwrap().amendments, max);

		let again = standard_answers(0, &[2], 5);
		assert_noop!(amend(ALICE, survey, again.clone()), Error::<Test>::TooManyAmendments);
		// Past the cap the call is no longer free: a zero-balance resident can't even get it
		// into a block.
		let call = Call::<Test>::amend { survey, answers: again };
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn amending_to_identical_answers_is_refused_and_not_free() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(1, &[3, 0], 4));
		let same = standard_answers(1, &[3, 0], 4);
		assert_noop!(amend(ALICE, survey, same.clone()), Error::<Test>::AnswersUnchanged);
		let call = Call::<Test>::amend { survey, answers: same };
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
		// Refusals don't use up the allowance.
		assert_eq!(Responses::<Test>::get(survey, resident_id(ALICE)).unwrap().amendments, 0);
	});
}

#[test]
fn a_survey_cannot_open_so_late_that_it_holds_an_office_place_for_ever() {
	build_and_execute(|| {
		let s = scene();
		let lead = <Test as Config>::MaxLeadTime::get();
		let now = System::block_number();
		let create = |opens_at: BlockNumber| {
			NeedsSurvey::create_survey(
				RuntimeOrigin::signed(OFFICER),
				Scope::Community(s.a),
				title(),
				standard_questions(),
				opens_at,
				opens_at + 10,
			)
		};
		assert_noop!(create(now + lead + 1), Error::<Test>::OpensTooLate);
		assert_ok!(create(now + lead));
	});
}

#[test]
fn the_office_admin_cancels_an_officers_survey_even_with_responses() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), survey));
		System::assert_last_event(Event::SurveyCancelled { survey }.into());
		assert_eq!(info(survey).status, SurveyStatus::Cancelled { at: OPENS, reaped: 0 });
		assert!(!OpenSurveys::<Test>::get(s.office).contains(&survey));
		// No more answers.
		assert_noop!(
			NeedsSurvey::amend(RuntimeOrigin::signed(ALICE), survey, standard_answers(1, &[1], 2)),
			Error::<Test>::SurveyCancelled
		);
	});
}

#[test]
fn another_offices_admin_cannot_cancel() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		assert_noop!(
			NeedsSurvey::cancel(RuntimeOrigin::signed(OTHER_ADMIN), survey),
			Error::<Test>::NotCreator
		);
	});
}

#[test]
fn the_chains_admin_origin_cancels_any_survey() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::root(), survey));
		assert!(matches!(info(survey).status, SurveyStatus::Cancelled { .. }));
	});
}

#[test]
fn a_removed_officer_keeps_no_power_over_their_survey() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		let other = create_as(OFFICER, Scope::Community(s.a));
		MockRegistry::remove_officer(&OFFICER, s.a);
		assert_noop!(
			NeedsSurvey::cancel(RuntimeOrigin::signed(OFFICER), survey),
			Error::<Test>::NotCreator
		);
		assert_noop!(
			NeedsSurvey::close(RuntimeOrigin::signed(OFFICER), other),
			Error::<Test>::CloseTooEarly
		);
		// The office still can.
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), survey));
	});
}

#[test]
fn responses_of_a_cancelled_survey_are_reaped_after_retention() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		respond(BOB, survey, standard_answers(1, &[1], 4));
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), survey));
		let retention = <Test as Config>::RetentionPeriod::get();
		run_to(OPENS + retention - 1);
		assert_noop!(
			NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), survey, 10),
			Error::<Test>::RetentionNotOver
		);
		run_to(OPENS + retention);
		assert_ok!(NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), survey, 10));
		System::assert_last_event(
			Event::ResponsesReaped { survey, removed: 2, remaining: 0 }.into(),
		);
		assert_eq!(Responses::<Test>::iter_prefix(survey).count(), 0);
		assert_eq!(info(survey).status, SurveyStatus::Cancelled { at: OPENS, reaped: 2 });
	});
}

fn held(who: AccountId) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::NeedsSurvey(HoldReason::SurveyDeposit), &who)
}

#[test]
fn a_survey_holds_its_creators_deposit_until_cancelled() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		assert_eq!(held(OFFICER), SURVEY_DEPOSIT);
		assert_eq!(info(survey).deposit, SURVEY_DEPOSIT);
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(OFFICER), survey));
		assert_eq!(held(OFFICER), 0);
		assert_eq!(Balances::free_balance(OFFICER), ENDOWMENT);
	});
}

#[test]
fn the_deposit_of_a_survey_with_responses_comes_back_when_the_last_is_reaped() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		respond(BOB, survey, standard_answers(1, &[1], 4));
		run_to(CLOSES);
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), survey));
		assert_eq!(held(ADMIN), SURVEY_DEPOSIT, "results and responses are still stored");
		run_to(CLOSES + <Test as Config>::RetentionPeriod::get());
		assert_ok!(NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), survey, 1));
		assert_eq!(held(ADMIN), SURVEY_DEPOSIT);
		assert_ok!(NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), survey, 1));
		assert_eq!(held(ADMIN), 0);
		assert_eq!(info(survey).deposit, 0);
	});
}

#[test]
fn a_survey_closed_without_responses_gives_its_deposit_back() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		run_to(CLOSES);
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), survey));
		assert_eq!(held(ADMIN), 0);
	});
}

#[test]
fn an_officer_who_cannot_pay_the_deposit_cannot_create_a_survey() {
	build_and_execute(|| {
		let s = scene();
		let broke: AccountId = 50;
		MockRegistry::add_officer(&broke, s.a);
		assert_noop!(
			NeedsSurvey::create_survey(
				RuntimeOrigin::signed(broke),
				Scope::Community(s.a),
				title(),
				standard_questions(),
				OPENS,
				CLOSES,
			),
			Error::<Test>::InsufficientDeposit
		);
	});
}
