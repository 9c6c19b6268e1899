//! Creating surveys: who may, what is validated, the open index.

use super::*;
use frame_support::{assert_noop, assert_ok};

fn try_create(
	who: AccountId,
	scope: Scope,
	qs: QuestionsOf<Test>,
	opens_at: BlockNumber,
	closes_at: BlockNumber,
) -> sp_runtime::DispatchResult {
	NeedsSurvey::create_survey(RuntimeOrigin::signed(who), scope, title(), qs, opens_at, closes_at)
}

#[test]
fn office_admin_creates_an_office_wide_survey() {
	build_and_execute(|| {
		let s = scene();
		let scope = Scope::Office(s.office);
		assert_ok!(try_create(ADMIN, scope, standard_questions(), OPENS, CLOSES));

		System::assert_last_event(
			Event::SurveyCreated {
				survey: 0,
				scope,
				creator: ADMIN,
				opens_at: OPENS,
				closes_at: CLOSES,
			}
			.into(),
		);
		let survey = info(0);
		assert_eq!(survey.scope, scope);
		assert_eq!(survey.office, s.office);
		assert_eq!(survey.creator, ADMIN);
		assert_eq!((survey.opens_at, survey.closes_at), (OPENS, CLOSES));
		// ALICE, BOB (A) and CAROL (B) live in the office; DAVE does not.
		assert_eq!(survey.eligible, 3);
		assert_eq!(survey.responses, 0);
		assert_eq!(survey.status, SurveyStatus::Open);
		assert_eq!(standard_tallies(0), (vec![0; 3], vec![0; 4], [0; 5]));
		let QuestionTally::MultipleChoice { max_choices, .. } = &survey.tallies[1] else {
			panic!("multiple choice")
		};
		assert_eq!(*max_choices, 2);
		let text = SurveyTexts::<Test>::get(0).expect("texts stored");
		assert_eq!(text.title, title());
		assert_eq!(text.questions, standard_questions());
		assert_eq!(OpenSurveys::<Test>::get(s.office).to_vec(), vec![0]);
		assert_eq!(NextSurveyId::<Test>::get(), 1);
	});
}

#[test]
fn office_admin_creates_a_community_survey() {
	build_and_execute(|| {
		let s = scene();
		assert_ok!(try_create(ADMIN, Scope::Community(s.b), standard_questions(), OPENS, CLOSES));
		assert_eq!(info(0).eligible, 1);
		assert_eq!(OpenSurveys::<Test>::get(s.office).to_vec(), vec![0]);
	});
}

#[test]
fn officer_creates_a_survey_for_their_own_community() {
	build_and_execute(|| {
		let s = scene();
		assert_ok!(try_create(OFFICER, Scope::Community(s.a), standard_questions(), OPENS, CLOSES));
		assert_eq!(info(0).creator, OFFICER);
		assert_eq!(info(0).eligible, 2);
	});
}

#[test]
fn officer_cannot_create_for_another_community_or_the_office() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			try_create(OFFICER, Scope::Community(s.b), standard_questions(), OPENS, CLOSES),
			Error::<Test>::NotManager
		);
		assert_noop!(
			try_create(OFFICER, Scope::Office(s.office), standard_questions(), OPENS, CLOSES),
			Error::<Test>::NotManager
		);
	});
}

#[test]
fn residents_and_other_offices_cannot_create() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			try_create(ALICE, Scope::Community(s.a), standard_questions(), OPENS, CLOSES),
			Error::<Test>::NotManager
		);
		assert_noop!(
			try_create(OTHER_ADMIN, Scope::Office(s.office), standard_questions(), OPENS, CLOSES),
			Error::<Test>::NotManager
		);
		assert_noop!(
			try_create(OTHER_ADMIN, Scope::Community(s.a), standard_questions(), OPENS, CLOSES),
			Error::<Test>::NotManager
		);
	});
}

#[test]
fn unknown_or_retired_scope_fails() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			try_create(ADMIN, Scope::Community(77), standard_questions(), OPENS, CLOSES),
			Error::<Test>::UnknownScope
		);
		assert_noop!(
			try_create(ADMIN, Scope::Office(77), standard_questions(), OPENS, CLOSES),
			Error::<Test>::UnknownScope
		);
		MockRegistry::retire_office(s.office);
		assert_noop!(
			try_create(ADMIN, Scope::Community(s.a), standard_questions(), OPENS, CLOSES),
			Error::<Test>::UnknownScope
		);
	});
}

#[test]
fn a_survey_needs_a_question() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			try_create(ADMIN, Scope::Office(s.office), questions(vec![]), OPENS, CLOSES),
			Error::<Test>::NoQuestions
		);
	});
}

#[test]
fn choice_questions_need_options() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			try_create(
				ADMIN,
				Scope::Office(s.office),
				questions(vec![rating(), single(0)]),
				OPENS,
				CLOSES
			),
			Error::<Test>::NoOptions
		);
		assert_noop!(
			try_create(
				ADMIN,
				Scope::Office(s.office),
				questions(vec![multiple(0, 0)]),
				OPENS,
				CLOSES
			),
			Error::<Test>::NoOptions
		);
	});
}

#[test]
fn max_choices_must_be_between_one_and_the_number_of_options() {
	build_and_execute(|| {
		let s = scene();
		let scope = Scope::Office(s.office);
		assert_noop!(
			try_create(ADMIN, scope, questions(vec![multiple(3, 0)]), OPENS, CLOSES),
			Error::<Test>::MaxChoicesOutOfRange
		);
		assert_noop!(
			try_create(ADMIN, scope, questions(vec![multiple(3, 4)]), OPENS, CLOSES),
			Error::<Test>::MaxChoicesOutOfRange
		);
		// k = n is allowed.
		assert_ok!(try_create(ADMIN, scope, questions(vec![multiple(3, 3)]), OPENS, CLOSES));
	});
}

#[test]
fn opening_in_the_past_fails_but_now_is_fine() {
	build_and_execute(|| {
		let s = scene();
		run_to(5);
		let scope = Scope::Office(s.office);
		assert_noop!(
			try_create(ADMIN, scope, standard_questions(), 4, 20),
			Error::<Test>::OpensInPast
		);
		assert_ok!(try_create(ADMIN, scope, standard_questions(), 5, 20));
	});
}

#[test]
fn closing_must_come_after_opening() {
	build_and_execute(|| {
		let s = scene();
		let scope = Scope::Office(s.office);
		assert_noop!(
			try_create(ADMIN, scope, standard_questions(), 5, 5),
			Error::<Test>::ClosesBeforeOpening
		);
		assert_noop!(
			try_create(ADMIN, scope, standard_questions(), 5, 4),
			Error::<Test>::ClosesBeforeOpening
		);
	});
}

#[test]
fn window_longer_than_max_duration_fails() {
	build_and_execute(|| {
		let s = scene();
		let scope = Scope::Office(s.office);
		let max = <Test as Config>::MaxDuration::get();
		assert_noop!(
			try_create(ADMIN, scope, standard_questions(), 2, 2 + max + 1),
			Error::<Test>::WindowTooLong
		);
		assert_ok!(try_create(ADMIN, scope, standard_questions(), 2, 2 + max));
	});
}

#[test]
fn an_office_has_a_bounded_number_of_open_surveys() {
	build_and_execute(|| {
		let s = scene();
		let max = <Test as Config>::MaxOpenSurveysPerOffice::get();
		for _ in 0..max {
			create_as(OFFICER, Scope::Community(s.a));
		}
		// Community B belongs to the same office: the bound is per office.
		assert_noop!(
			try_create(OFFICER_B, Scope::Community(s.b), standard_questions(), OPENS, CLOSES),
			Error::<Test>::TooManyOpenSurveys
		);
		// Another office is not affected.
		assert_ok!(try_create(
			OTHER_ADMIN,
			Scope::Community(s.c),
			standard_questions(),
			OPENS,
			CLOSES
		));
		assert_eq!(OpenSurveys::<Test>::get(s.other_office).len(), 1);
		// Cancelling one makes room again.
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(OFFICER), 0));
		assert_ok!(try_create(
			OFFICER_B,
			Scope::Community(s.b),
			standard_questions(),
			OPENS,
			CLOSES
		));
	});
}

#[test]
fn survey_ids_can_run_out() {
	build_and_execute(|| {
		let s = scene();
		NextSurveyId::<Test>::put(SurveyId::MAX);
		assert_noop!(
			try_create(ADMIN, Scope::Office(s.office), standard_questions(), OPENS, CLOSES),
			Error::<Test>::SurveyIdsExhausted
		);
	});
}

#[test]
fn create_needs_a_signed_origin() {
	build_and_execute(|| {
		let s = scene();
		assert_noop!(
			NeedsSurvey::create_survey(
				RuntimeOrigin::root(),
				Scope::Office(s.office),
				title(),
				standard_questions(),
				OPENS,
				CLOSES
			),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
