//! `try_state` catches each kind of disagreement (so the check after every test can fail).

use super::*;

/// The scene and the standard survey for community A, with ALICE's response.
fn with_a_response() -> SurveyId {
	let s = scene();
	let survey = create_standard(Scope::Community(s.a));
	run_to(OPENS);
	respond(ALICE, survey, standard_answers(1, &[0, 3], 4));
	assert!(NeedsSurvey::do_try_state().is_ok());
	survey
}

#[test]
fn a_tally_that_disagrees_with_the_responses_is_caught() {
	new_test_ext().execute_with(|| {
		let survey = with_a_response();
		Surveys::<Test>::mutate(survey, |i| {
			let i = i.as_mut().unwrap();
			if let QuestionTally::Rating { histogram } = &mut i.tallies[2] {
				histogram[0] += 1;
			}
		});
		assert!(NeedsSurvey::do_try_state().is_err());
	});
}

#[test]
fn a_response_count_that_disagrees_is_caught() {
	new_test_ext().execute_with(|| {
		let survey = with_a_response();
		Surveys::<Test>::mutate(survey, |i| i.as_mut().unwrap().responses = 2);
		assert!(NeedsSurvey::do_try_state().is_err());
	});
}

#[test]
fn a_stray_response_is_caught() {
	new_test_ext().execute_with(|| {
		let survey = with_a_response();
		Responses::<Test>::insert(
			survey,
			99,
			Response { answers: standard_answers(1, &[0, 3], 4), amendments: 0 },
		);
		assert!(NeedsSurvey::do_try_state().is_err());
	});
}

#[test]
fn a_response_to_an_unknown_survey_is_caught() {
	new_test_ext().execute_with(|| {
		let _ = with_a_response();
		Responses::<Test>::insert(
			42,
			0,
			Response { answers: standard_answers(1, &[0, 3], 4), amendments: 0 },
		);
		assert!(NeedsSurvey::do_try_state().is_err());
	});
}

#[test]
fn an_open_index_that_disagrees_with_the_states_is_caught() {
	new_test_ext().execute_with(|| {
		let survey = with_a_response();
		let office = info(survey).office;
		OpenSurveys::<Test>::remove(office);
		assert!(NeedsSurvey::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		let survey = with_a_response();
		Surveys::<Test>::mutate(survey, |i| {
			i.as_mut().unwrap().status =
				SurveyStatus::Closed { at: 3, turnout: Default::default(), reaped: 0 }
		});
		assert!(NeedsSurvey::do_try_state().is_err());
	});
}
