//! Closing and cancelling: who may when, turnout, the open index.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Permill;

fn close(who: AccountId, survey: SurveyId) -> sp_runtime::DispatchResult {
	NeedsSurvey::close(RuntimeOrigin::signed(who), survey)
}

fn cancel(who: AccountId, survey: SurveyId) -> sp_runtime::DispatchResult {
	NeedsSurvey::cancel(RuntimeOrigin::signed(who), survey)
}

#[test]
fn anyone_closes_after_the_closing_block_and_turnout_is_recorded() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Office(s.office));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		let before = info(survey).tallies;
		run_to(CLOSES);
		assert_ok!(close(ANYONE, survey));

		// 1 response of 3 residents in the office when the survey was created.
		let turnout = Permill::from_rational(1u32, 3u32);
		System::assert_last_event(
			Event::SurveyClosed { survey, responses: 1, eligible: 3, turnout }.into(),
		);
		assert_eq!(info(survey).status, SurveyStatus::Closed { at: CLOSES, turnout, reaped: 0 });
		assert_eq!(info(survey).tallies, before);
		assert!(OpenSurveys::<Test>::get(s.office).is_empty());
		assert!(!OpenSurveys::<Test>::contains_key(s.office));
	});
}

#[test]
fn closing_before_the_closing_block_fails_for_others() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		let by_officer = create_as(OFFICER, Scope::Community(s.a));
		run_to(CLOSES - 1);
		assert_noop!(close(ANYONE, survey), Error::<Test>::CloseTooEarly);
		// Even the office admin, if an officer created it.
		assert_noop!(close(ADMIN, by_officer), Error::<Test>::CloseTooEarly);
	});
}

#[test]
fn the_creator_closes_early_while_nobody_has_responded() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		run_to(OPENS);
		assert_ok!(close(ADMIN, survey));
		System::assert_last_event(
			Event::SurveyClosed { survey, responses: 0, eligible: 2, turnout: Permill::zero() }
				.into(),
		);
		assert!(matches!(info(survey).status, SurveyStatus::Closed { at: OPENS, .. }));
	});
}

#[test]
fn the_creator_cannot_close_early_after_responses() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		assert_noop!(close(ADMIN, survey), Error::<Test>::HasResponses);
	});
}

#[test]
fn closing_twice_or_a_cancelled_or_unknown_survey_fails() {
	build_and_execute(|| {
		let s = scene();
		let closed = create_standard(Scope::Community(s.a));
		let cancelled = create_standard(Scope::Community(s.a));
		run_to(CLOSES);
		assert_ok!(close(ANYONE, closed));
		assert_ok!(cancel(ADMIN, cancelled));
		assert_noop!(close(ANYONE, closed), Error::<Test>::SurveyClosed);
		assert_noop!(close(ANYONE, cancelled), Error::<Test>::SurveyCancelled);
		assert_noop!(close(ANYONE, 42), Error::<Test>::UnknownSurvey);
	});
}

#[test]
fn eligible_is_the_number_in_scope_at_creation() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		// Registered after creation (but before opening): may respond, not in the denominator.
		MockRegistry::add_resident(&20, s.a);
		run_to(OPENS);
		MockRegistry::add_resident(&21, s.a);
		MockRegistry::retire_resident(&BOB);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		respond(20, survey, standard_answers(0, &[0], 3));
		run_to(CLOSES);
		assert_ok!(close(ANYONE, survey));
		System::assert_last_event(
			Event::SurveyClosed { survey, responses: 2, eligible: 2, turnout: Permill::one() }
				.into(),
		);
	});
}

#[test]
fn turnout_is_capped_at_one_hundred_percent() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		for who in 20..23 {
			MockRegistry::add_resident(&who, s.a);
		}
		run_to(OPENS);
		for who in [ALICE, BOB, 20, 21, 22] {
			respond(who, survey, standard_answers(0, &[0], 3));
		}
		run_to(CLOSES);
		assert_ok!(close(ANYONE, survey));
		System::assert_last_event(
			Event::SurveyClosed { survey, responses: 5, eligible: 2, turnout: Permill::one() }
				.into(),
		);
	});
}

#[test]
fn turnout_is_zero_when_nobody_was_eligible() {
	build_and_execute(|| {
		let s = scene();
		let empty = MockRegistry::add_community(s.office);
		let survey = create_standard(Scope::Community(empty));
		run_to(CLOSES);
		assert_ok!(close(ANYONE, survey));
		System::assert_last_event(
			Event::SurveyClosed { survey, responses: 0, eligible: 0, turnout: Permill::zero() }
				.into(),
		);
	});
}

#[test]
fn the_creator_cancels_while_nobody_has_responded() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		run_to(OPENS);
		assert_ok!(cancel(OFFICER, survey));
		System::assert_last_event(Event::SurveyCancelled { survey }.into());
		assert_eq!(info(survey).status, SurveyStatus::Cancelled { at: OPENS, reaped: 0 });
		assert!(OpenSurveys::<Test>::get(s.office).is_empty());
		// The record and its texts stay.
		assert!(SurveyTexts::<Test>::contains_key(survey));
	});
}

#[test]
fn only_the_creator_or_the_office_cancels() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		assert_noop!(cancel(OFFICER_B, survey), Error::<Test>::NotCreator);
		assert_noop!(cancel(OTHER_ADMIN, survey), Error::<Test>::NotCreator);
		assert_noop!(cancel(ANYONE, survey), Error::<Test>::NotCreator);
		assert_noop!(cancel(ALICE, survey), Error::<Test>::NotCreator);
	});
}

#[test]
fn the_creator_cannot_cancel_after_responses() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_as(OFFICER, Scope::Community(s.a));
		run_to(OPENS);
		respond(ALICE, survey, standard_answers(0, &[0], 3));
		assert_noop!(cancel(OFFICER, survey), Error::<Test>::HasResponses);
	});
}

#[test]
fn cancelling_a_closed_cancelled_or_unknown_survey_fails() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		let other = create_standard(Scope::Community(s.a));
		assert_ok!(close(ADMIN, survey));
		assert_ok!(cancel(ADMIN, other));
		assert_noop!(cancel(ADMIN, survey), Error::<Test>::SurveyClosed);
		assert_noop!(cancel(ADMIN, other), Error::<Test>::SurveyCancelled);
		assert_noop!(cancel(ADMIN, 42), Error::<Test>::UnknownSurvey);
	});
}

#[test]
fn closing_keeps_other_surveys_in_the_index_in_order() {
	build_and_execute(|| {
		let s = scene();
		let first = create_standard(Scope::Community(s.a));
		let second = create_standard(Scope::Community(s.b));
		let third = create_standard(Scope::Office(s.office));
		assert_ok!(cancel(ADMIN, second));
		assert_eq!(OpenSurveys::<Test>::get(s.office).to_vec(), vec![first, third]);
	});
}
