//! Responding and amending: eligibility, the window, validation, tallies and fees.

use super::*;
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};

/// The scene, the standard survey for community A, at its opening block.
fn open_survey() -> (Scene, SurveyId) {
	let s = scene();
	let survey = create_standard(Scope::Community(s.a));
	run_to(OPENS);
	(s, survey)
}

fn try_respond(who: AccountId, survey: SurveyId, a: AnswersOf<Test>) -> sp_runtime::DispatchResult {
	NeedsSurvey::respond(RuntimeOrigin::signed(who), survey, a)
}

fn try_amend(who: AccountId, survey: SurveyId, a: AnswersOf<Test>) -> sp_runtime::DispatchResult {
	NeedsSurvey::amend(RuntimeOrigin::signed(who), survey, a)
}

#[test]
fn a_resident_responds_and_the_tallies_count_it() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_ok!(try_respond(ALICE, survey, standard_answers(1, &[3, 0], 4)));

		let alice = resident_id(ALICE);
		System::assert_last_event(Event::ResponseSubmitted { survey, resident: alice }.into());
		assert_eq!(
			Responses::<Test>::get(survey, alice),
			Some(Response { answers: standard_answers(1, &[3, 0], 4), amendments: 0 })
		);
		assert_eq!(info(survey).responses, 1);
		assert_eq!(standard_tallies(survey), (vec![0, 1, 0], vec![1, 0, 0, 1], [0, 0, 0, 1, 0]));

		assert_ok!(try_respond(BOB, survey, standard_answers(1, &[0], 5)));
		assert_eq!(info(survey).responses, 2);
		assert_eq!(standard_tallies(survey), (vec![0, 2, 0], vec![2, 0, 0, 1], [0, 0, 0, 1, 1]));
	});
}

#[test]
fn an_office_survey_accepts_every_community_of_the_office() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Office(s.office));
		run_to(OPENS);
		assert_ok!(try_respond(ALICE, survey, standard_answers(0, &[0], 1)));
		assert_ok!(try_respond(CAROL, survey, standard_answers(0, &[0], 1)));
		assert_noop!(
			try_respond(DAVE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::OutOfScope
		);
	});
}

#[test]
fn responses_are_accepted_from_the_opening_block_to_the_block_before_closing() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_ok!(try_respond(ALICE, survey, standard_answers(0, &[0], 1)));
		run_to(CLOSES - 1);
		assert_ok!(try_respond(BOB, survey, standard_answers(0, &[0], 1)));
	});
}

#[test]
fn responding_to_an_unknown_survey_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey + 1, standard_answers(0, &[0], 1)),
			Error::<Test>::UnknownSurvey
		);
	});
}

#[test]
fn non_residents_cannot_respond() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ANYONE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::NotResident
		);
		// An officer is not a resident by being an officer.
		assert_noop!(
			try_respond(OFFICER, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::NotResident
		);
	});
}

#[test]
fn residents_out_of_scope_cannot_respond() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(CAROL, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::OutOfScope
		);
		assert_noop!(
			try_respond(DAVE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::OutOfScope
		);
	});
}

#[test]
fn residents_registered_at_or_after_opening_cannot_respond() {
	build_and_execute(|| {
		let (s, survey) = open_survey();
		// Registered in the opening block itself.
		MockRegistry::add_resident(&20, s.a);
		assert_noop!(
			try_respond(20, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::RegisteredAfterOpening
		);
		// Moved in from community B after the survey opened.
		run_to(OPENS + 1);
		MockRegistry::move_resident(&CAROL, s.a);
		assert_noop!(
			try_respond(CAROL, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::RegisteredAfterOpening
		);
	});
}

#[test]
fn residents_registered_between_creation_and_opening_may_respond() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		// Created at block 1, opens at block 2: registered at block 1 is before opening.
		MockRegistry::add_resident(&20, s.a);
		run_to(OPENS);
		assert_ok!(try_respond(20, survey, standard_answers(0, &[0], 1)));
	});
}

#[test]
fn responding_before_opening_fails() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::NotYetOpen
		);
	});
}

#[test]
fn responding_from_the_closing_block_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		run_to(CLOSES);
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::ResponseWindowOver
		);
	});
}

#[test]
fn responding_to_a_closed_survey_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		// The creator closes it early, before anyone responded.
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ADMIN), survey));
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::SurveyClosed
		);
	});
}

#[test]
fn responding_to_a_cancelled_survey_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), survey));
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::SurveyCancelled
		);
	});
}

#[test]
fn a_resident_responds_only_once() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(1, &[1], 2)),
			Error::<Test>::AlreadyResponded
		);
	});
}

#[test]
fn a_replaced_account_cannot_respond_twice() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		// ALICE lost her key; her resident record now belongs to account 30.
		MockRegistry::replace_account(&ALICE, &30);
		assert_noop!(
			try_respond(30, survey, standard_answers(1, &[1], 2)),
			Error::<Test>::AlreadyResponded
		);
		// But she may amend her response with the new account.
		assert_ok!(try_amend(30, survey, standard_answers(1, &[1], 2)));
		assert_eq!(info(survey).responses, 1);
	});
}

#[test]
fn a_response_answers_every_question() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, answers(vec![Answer::Choice(0), choices(&[0])])),
			Error::<Test>::WrongAnswerCount
		);
		assert_noop!(
			try_respond(
				ALICE,
				survey,
				answers(vec![
					Answer::Choice(0),
					choices(&[0]),
					Answer::Rating(1),
					Answer::Rating(1)
				])
			),
			Error::<Test>::WrongAnswerCount
		);
	});
}

#[test]
fn an_answer_must_match_its_question_kind() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(
				ALICE,
				survey,
				answers(vec![Answer::Rating(1), choices(&[0]), Answer::Rating(1)])
			),
			Error::<Test>::AnswerKindMismatch
		);
		assert_noop!(
			try_respond(
				ALICE,
				survey,
				answers(vec![Answer::Choice(0), Answer::Choice(0), Answer::Rating(1)])
			),
			Error::<Test>::AnswerKindMismatch
		);
		assert_noop!(
			try_respond(
				ALICE,
				survey,
				answers(vec![Answer::Choice(0), choices(&[0]), choices(&[0])])
			),
			Error::<Test>::AnswerKindMismatch
		);
	});
}

#[test]
fn choosing_an_option_that_does_not_exist_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(3, &[0], 1)),
			Error::<Test>::OptionOutOfRange
		);
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0, 4], 1)),
			Error::<Test>::OptionOutOfRange
		);
	});
}

#[test]
fn a_multiple_choice_answer_picks_at_least_one_option() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[], 1)),
			Error::<Test>::NoChoiceMade
		);
	});
}

#[test]
fn a_multiple_choice_answer_picks_at_most_k_options() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0, 1, 2], 1)),
			Error::<Test>::TooManyChoices
		);
	});
}

#[test]
fn a_multiple_choice_answer_picks_each_option_once() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[2, 2], 1)),
			Error::<Test>::DuplicateChoice
		);
	});
}

#[test]
fn a_rating_is_from_one_to_five() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 0)),
			Error::<Test>::RatingOutOfRange
		);
		assert_noop!(
			try_respond(ALICE, survey, standard_answers(0, &[0], 6)),
			Error::<Test>::RatingOutOfRange
		);
		assert_ok!(try_respond(ALICE, survey, standard_answers(0, &[0], 5)));
		assert_ok!(try_respond(BOB, survey, standard_answers(0, &[0], 1)));
	});
}

#[test]
fn amending_moves_the_tallies_exactly() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(1, &[3, 0], 4));
		respond(BOB, survey, standard_answers(1, &[0], 5));
		assert_ok!(try_amend(ALICE, survey, standard_answers(2, &[1], 2)));

		let alice = resident_id(ALICE);
		System::assert_last_event(Event::ResponseAmended { survey, resident: alice }.into());
		assert_eq!(
			Responses::<Test>::get(survey, alice),
			Some(Response { answers: standard_answers(2, &[1], 2), amendments: 1 })
		);
		assert_eq!(info(survey).responses, 2);
		assert_eq!(standard_tallies(survey), (vec![0, 1, 1], vec![1, 1, 0, 0], [0, 1, 0, 0, 1]));
	});
}

#[test]
fn amending_without_a_response_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::NoResponse
		);
	});
}

#[test]
fn amending_is_validated_like_responding() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(0, &[0, 1, 2], 1)),
			Error::<Test>::TooManyChoices
		);
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(0, &[0], 9)),
			Error::<Test>::RatingOutOfRange
		);
		assert_noop!(
			try_amend(ANYONE, survey, standard_answers(0, &[0], 1)),
			Error::<Test>::NotResident
		);
	});
}

#[test]
fn amending_after_the_window_fails() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		run_to(CLOSES);
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(1, &[1], 2)),
			Error::<Test>::ResponseWindowOver
		);
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), survey));
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(1, &[1], 2)),
			Error::<Test>::SurveyClosed
		);
	});
}

#[test]
fn a_resident_who_moved_out_cannot_amend() {
	build_and_execute(|| {
		let (s, survey) = open_survey();
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		MockRegistry::move_resident(&ALICE, s.b);
		assert_noop!(
			try_amend(ALICE, survey, standard_answers(1, &[1], 2)),
			Error::<Test>::OutOfScope
		);
		// The response already given still counts.
		assert_eq!(info(survey).responses, 1);
	});
}

#[test]
fn respond_is_feeless_exactly_when_it_would_succeed() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		let valid = Call::<Test>::respond { survey, answers: standard_answers(0, &[0], 1) };
		let invalid = Call::<Test>::respond { survey, answers: standard_answers(0, &[0], 6) };
		assert!(valid.is_feeless(&RuntimeOrigin::signed(ALICE)));
		assert!(!invalid.is_feeless(&RuntimeOrigin::signed(ALICE)));
		assert!(!valid.is_feeless(&RuntimeOrigin::signed(ANYONE)));
		assert!(!valid.is_feeless(&RuntimeOrigin::signed(CAROL)));
		assert!(!valid.is_feeless(&RuntimeOrigin::root()));

		respond(ALICE, survey, standard_answers(0, &[0], 1));
		// A second response would fail, so it pays.
		assert!(!valid.is_feeless(&RuntimeOrigin::signed(ALICE)));
		run_to(CLOSES);
		assert!(!valid.is_feeless(&RuntimeOrigin::signed(BOB)));
	});
}

#[test]
fn amend_is_feeless_exactly_when_it_would_succeed() {
	build_and_execute(|| {
		let (_, survey) = open_survey();
		let call = Call::<Test>::amend { survey, answers: standard_answers(1, &[1], 2) };
		// Nothing to amend yet.
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
		respond(ALICE, survey, standard_answers(0, &[0], 1));
		assert!(call.is_feeless(&RuntimeOrigin::signed(ALICE)));
		let invalid = Call::<Test>::amend { survey, answers: standard_answers(1, &[1, 1], 2) };
		assert!(!invalid.is_feeless(&RuntimeOrigin::signed(ALICE)));
		run_to(CLOSES);
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
	});
}

#[test]
fn other_calls_are_never_feeless() {
	build_and_execute(|| {
		let (s, survey) = open_survey();
		let origin = RuntimeOrigin::signed(ADMIN);
		assert!(!Call::<Test>::close { survey }.is_feeless(&origin));
		assert!(!Call::<Test>::cancel { survey }.is_feeless(&origin));
		assert!(!Call::<Test>::reap_responses { survey, limit: 1 }.is_feeless(&origin));
		assert!(!Call::<Test>::create_survey {
			scope: Scope::Community(s.a),
			title: title(),
			questions: standard_questions(),
			opens_at: OPENS,
			closes_at: CLOSES,
		}
		.is_feeless(&origin));
	});
}
