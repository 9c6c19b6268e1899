//! Views for the runtime API and the `SurveyLookup` implementation.

use super::*;
use frame_support::assert_ok;
use gongzhi_primitives::SurveyLookup;

#[test]
fn results_follow_the_survey_through_its_phases() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		let results = NeedsSurvey::survey_results(survey).expect("exists");
		assert_eq!(results.phase, SurveyPhase::Upcoming);
		assert_eq!(results.scope, Scope::Community(s.a));
		assert_eq!((results.opens_at, results.closes_at), (OPENS, CLOSES));
		assert_eq!((results.responses, results.eligible, results.turnout_permill), (0, 2, 0));
		assert_eq!(results.finalised_at, None);

		run_to(OPENS);
		respond(ALICE, survey, standard_answers(1, &[0, 3], 4));
		respond(BOB, survey, standard_answers(1, &[3], 2));
		let results = NeedsSurvey::survey_results(survey).expect("exists");
		assert_eq!(results.phase, SurveyPhase::Open);
		assert_eq!(
			(results.responses, results.eligible, results.turnout_permill),
			(2, 2, 1_000_000)
		);
		assert_eq!(
			results.questions,
			vec![
				QuestionResults::SingleChoice { counts: vec![0, 2, 0] },
				QuestionResults::MultipleChoice { counts: vec![1, 0, 0, 2], max_choices: 2 },
				QuestionResults::Rating { count: 2, sum: 6, histogram: [0, 1, 0, 1, 0] },
			]
		);

		run_to(CLOSES);
		assert_eq!(NeedsSurvey::survey_results(survey).unwrap().phase, SurveyPhase::AwaitingClose);
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), survey));
		let closed = NeedsSurvey::survey_results(survey).unwrap();
		assert_eq!(closed.phase, SurveyPhase::Closed);
		assert_eq!(closed.finalised_at, Some(CLOSES));
		assert_eq!(closed.questions, results.questions);
		assert_eq!(closed.turnout_permill, 1_000_000);
	});
}

#[test]
fn results_of_a_cancelled_or_unknown_survey() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Office(s.office));
		run_to(3);
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), survey));
		let results = NeedsSurvey::survey_results(survey).unwrap();
		assert_eq!(results.phase, SurveyPhase::Cancelled);
		assert_eq!(results.finalised_at, Some(3));
		assert_eq!(results.scope, Scope::Office(s.office));
		assert_eq!(NeedsSurvey::survey_results(survey + 1), None);
	});
}

#[test]
fn results_carry_the_title_and_the_questions_as_residents_read_them() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		let results = NeedsSurvey::survey_results(survey).expect("exists");
		assert_eq!(results.title, "What do you need?");
		assert_eq!(results.texts.len(), results.questions.len());
		assert_eq!(results.texts[0].prompt, "Which one?");
		assert_eq!(results.texts[0].options, vec!["option 0", "option 1", "option 2"]);
		assert_eq!(results.texts[1].options.len(), 4);
		assert!(results.texts[2].options.is_empty(), "a rating has no options");
	});
}

#[test]
fn results_serialize_to_camel_case_json() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.a));
		let json = serde_json::to_value(NeedsSurvey::survey_results(survey).unwrap()).unwrap();
		assert_eq!(json["scope"], serde_json::json!({ "community": s.a }));
		assert_eq!(json["opensAt"], serde_json::json!(OPENS));
		assert_eq!(json["turnoutPermill"], serde_json::json!(0));
		assert_eq!(json["phase"], serde_json::json!("upcoming"));
		assert_eq!(json["title"], serde_json::json!("What do you need?"));
		assert_eq!(json["texts"][0]["prompt"], serde_json::json!("Which one?"));
		assert_eq!(
			json["questions"][1],
			serde_json::json!({ "multipleChoice": { "counts": [0, 0, 0, 0], "maxChoices": 2 } })
		);
	});
}

#[test]
fn open_surveys_for_lists_what_a_resident_may_still_answer() {
	build_and_execute(|| {
		let s = scene();
		let for_a = create_standard(Scope::Community(s.a));
		let for_office = create_standard(Scope::Office(s.office));
		let for_b = create_standard(Scope::Community(s.b));
		let for_c = create_as(OTHER_ADMIN, Scope::Community(s.c));
		// Not open yet.
		assert!(NeedsSurvey::open_surveys_for(&resident(ALICE)).is_empty());

		run_to(OPENS);
		assert_eq!(NeedsSurvey::open_surveys_for(&resident(ALICE)), vec![for_a, for_office]);
		assert_eq!(NeedsSurvey::open_surveys_for(&resident(CAROL)), vec![for_office, for_b]);
		assert_eq!(NeedsSurvey::open_surveys_for(&resident(DAVE)), vec![for_c]);

		// Answered surveys drop out.
		respond(ALICE, for_a, standard_answers(0, &[0], 1));
		assert_eq!(NeedsSurvey::open_surveys_for(&resident(ALICE)), vec![for_office]);
		assert_eq!(NeedsSurvey::open_surveys_for(&resident(BOB)), vec![for_a, for_office]);

		// Residents registered after opening are not offered them.
		MockRegistry::add_resident(&20, s.a);
		assert!(NeedsSurvey::open_surveys_for(&resident(20)).is_empty());

		// Nothing once the window is over.
		run_to(CLOSES);
		assert!(NeedsSurvey::open_surveys_for(&resident(BOB)).is_empty());
	});
}

#[test]
fn survey_lookup_gives_the_scope() {
	build_and_execute(|| {
		let s = scene();
		let survey = create_standard(Scope::Community(s.b));
		assert_eq!(
			<NeedsSurvey as SurveyLookup>::survey_scope(survey),
			Some(Scope::Community(s.b))
		);
		assert_eq!(<NeedsSurvey as SurveyLookup>::survey_scope(survey + 1), None);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn bench_survey_creates_an_open_survey() {
	build_and_execute(|| {
		let s = scene();
		let survey = <NeedsSurvey as SurveyLookup>::bench_survey(Scope::Community(s.a));
		assert_eq!(
			<NeedsSurvey as SurveyLookup>::survey_scope(survey),
			Some(Scope::Community(s.a))
		);
		assert_eq!(info(survey).status, SurveyStatus::Open);
		assert_eq!(OpenSurveys::<Test>::get(s.office).to_vec(), vec![survey]);
	});
}
