//! Opening, changing and cancelling projects.

use super::*;
use frame_support::assert_noop;

fn try_create(
	who: &AccountId,
	title: &str,
	survey: Option<u32>,
	rules: ProjectRules<BlockNumber>,
) -> frame_support::dispatch::DispatchResult {
	Procurement::create_project(
		RuntimeOrigin::signed(who.clone()),
		text(title),
		text("A short description"),
		H256::repeat_byte(0xd0),
		BUDGET,
		survey,
		rules,
	)
}

#[test]
fn create_project_stores_rules_texts_and_open_index() {
	new_test_ext().execute_with(|| {
		let s = scene();
		run_to(OPENED);
		let survey = add_survey(Scope::Community(s.c2));
		let rules = open_rules(Scope::Community(s.c1));
		assert_ok!(try_create(&admin(), "Elderly meals", Some(survey), rules));

		let project = stored(0);
		assert_eq!(project.office, s.office);
		assert_eq!(project.rules, rules);
		assert_eq!(project.budget, BUDGET);
		assert_eq!(project.opened_at, OPENED);
		assert_eq!(project.eligible, 4);
		assert_eq!(project.state, ProjectState::Open);
		assert_eq!(project.phase(OPENED), Phase::Scheduled);
		let details = ProjectDetails::<Test>::get(0).unwrap();
		assert_eq!(details.title.to_vec(), b"Elderly meals".to_vec());
		assert_eq!(details.survey, Some(survey));
		assert_eq!(OpenProjects::<Test>::get(s.office).to_vec(), vec![0]);
		assert_eq!(NextProjectId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::ProjectCreated {
				project: 0,
				office: s.office,
				scope: Scope::Community(s.c1),
				budget: BUDGET,
				eligible: 4,
			}
		);
	});
}

#[test]
fn office_scope_counts_every_community_of_the_office() {
	new_test_ext().execute_with(|| {
		let (s, id) = project_with(|s| open_rules(Scope::Office(s.office)));
		assert_eq!(stored(id).eligible, 5);
		assert_eq!(stored(id).office, s.office);
	});
}

#[test]
fn create_project_by_another_office_admin_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		assert_noop!(
			try_create(&other_admin(), "t", None, open_rules(Scope::Community(s.c1))),
			Error::<Test>::NotOfficeAdmin
		);
		assert_noop!(
			try_create(&alice(), "t", None, open_rules(Scope::Office(s.office))),
			Error::<Test>::NotOfficeAdmin
		);
	});
}

#[test]
fn create_project_in_unknown_or_retired_scope_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		assert_noop!(
			try_create(&admin(), "t", None, open_rules(Scope::Community(77))),
			Error::<Test>::UnknownScope
		);
		MockRegistry::retire_office(s.office);
		assert_noop!(
			try_create(&admin(), "t", None, open_rules(Scope::Community(s.c1))),
			Error::<Test>::UnknownScope
		);
	});
}

#[test]
fn create_project_without_title_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		assert_noop!(
			try_create(&admin(), "", None, open_rules(Scope::Community(s.c1))),
			Error::<Test>::EmptyTitle
		);
	});
}

#[test]
fn create_project_citing_unknown_survey_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		assert_noop!(
			try_create(&admin(), "t", Some(5), open_rules(Scope::Community(s.c1))),
			Error::<Test>::UnknownSurvey
		);
	});
}

#[test]
fn create_project_citing_another_office_survey_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let survey = add_survey(Scope::Community(s.c3));
		assert_noop!(
			try_create(&admin(), "t", Some(survey), open_rules(Scope::Community(s.c1))),
			Error::<Test>::SurveyOutsideOffice
		);
	});
}

#[test]
fn create_project_with_quorum_over_100_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let rules = ProjectRules { quorum_percent: 101, ..open_rules(Scope::Community(s.c1)) };
		assert_noop!(try_create(&admin(), "t", None, rules), Error::<Test>::InvalidQuorum);
		let rules = ProjectRules { quorum_percent: 100, ..open_rules(Scope::Community(s.c1)) };
		assert_ok!(try_create(&admin(), "t", None, rules));
	});
}

#[test]
fn create_project_with_bidding_in_the_past_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		run_to(BIDDING_START + 1);
		assert_noop!(
			try_create(&admin(), "t", None, open_rules(Scope::Community(s.c1))),
			Error::<Test>::BiddingStartsInPast
		);
		// Bidding may start in the block the project is opened.
		run_to(BIDDING_START);
		assert_ok!(try_create(&admin(), "t", None, open_rules(Scope::Community(s.c1))));
	});
}

#[test]
fn create_project_with_an_empty_window_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let base = open_rules(Scope::Community(s.c1));
		let empty_bidding = ProjectRules { bidding: Window { start: 5, end: 5 }, ..base };
		assert_noop!(try_create(&admin(), "t", None, empty_bidding), Error::<Test>::EmptyWindow);
		let empty_voting = ProjectRules { voting: Window { start: 12, end: 11 }, ..base };
		assert_noop!(try_create(&admin(), "t", None, empty_voting), Error::<Test>::EmptyWindow);
		let empty_reveal =
			ProjectRules { method: VotingMethod::Secret { reveal_end: VOTING_END }, ..base };
		assert_noop!(try_create(&admin(), "t", None, empty_reveal), Error::<Test>::EmptyWindow);
	});
}

#[test]
fn create_project_with_voting_before_bidding_ends_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let rules = ProjectRules {
			voting: Window { start: VOTING_START - 1, end: VOTING_END },
			..open_rules(Scope::Community(s.c1))
		};
		assert_noop!(
			try_create(&admin(), "t", None, rules),
			Error::<Test>::VotingBeforeBiddingEnds
		);
	});
}

#[test]
fn create_project_beyond_the_open_limit_fails_until_one_ends() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let rules = open_rules(Scope::Community(s.c1));
		for _ in 0..MAX_OPEN {
			create(rules);
		}
		assert_noop!(try_create(&admin(), "t", None, rules), Error::<Test>::TooManyOpenProjects);
		// Another office is not affected.
		assert_ok!(try_create(&other_admin(), "t", None, open_rules(Scope::Community(s.c3))));
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), 1, text("dup")));
		assert_ok!(try_create(&admin(), "t", None, rules));
		assert_eq!(OpenProjects::<Test>::get(s.office).to_vec(), vec![0, 2, 4]);
	});
}

#[test]
fn create_project_when_ids_are_exhausted_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		NextProjectId::<Test>::put(ProjectId::MAX);
		assert_noop!(
			try_create(&admin(), "t", None, open_rules(Scope::Community(s.c1))),
			Error::<Test>::ProjectIdsExhausted
		);
	});
}

#[test]
fn update_rules_before_bidding_reopens_the_project() {
	new_test_ext().execute_with(|| {
		let (s, id) = project_with(|s| ProjectRules {
			bidding: Window { start: 5, end: VOTING_START },
			..open_rules(Scope::Community(s.c1))
		});
		// Registered after the project was opened: not eligible yet.
		let newcomer = acc(60);
		MockRegistry::add_resident(&newcomer, s.c1);
		run_to(OPENED + 1);
		let rules = ProjectRules {
			bidding: Window { start: 4, end: 10 },
			quorum_percent: 10,
			..secret_rules(Scope::Office(s.office))
		};
		assert_ok!(Procurement::update_rules(RuntimeOrigin::signed(admin()), id, rules));

		let project = stored(id);
		assert_eq!(project.rules, rules);
		assert_eq!(project.opened_at, OPENED + 1);
		// Alice, Bob, Carol, the signer and the newcomer in community 1; Dave in community 2.
		assert_eq!(project.eligible, 6);
		assert_eq!(
			last_event(),
			Event::RulesUpdated { project: id, scope: Scope::Office(s.office), eligible: 6 }
		);
		// The newcomer was registered before the project was re-opened: now eligible.
		run_to(4);
		bid(&p1(), id, 900);
		run_to(VOTING_START);
		assert_ok!(Procurement::commit_vote(
			RuntimeOrigin::signed(newcomer.clone()),
			id,
			H256::repeat_byte(9)
		));
	});
}

#[test]
fn update_rules_from_the_first_bidding_block_fails() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		run_to(BIDDING_START);
		let rules = ProjectRules { quorum_percent: 1, ..open_rules(Scope::Community(s.c1)) };
		assert_noop!(
			Procurement::update_rules(RuntimeOrigin::signed(admin()), id, rules),
			Error::<Test>::RulesLocked
		);
		run_to(VOTING_START);
		assert_noop!(
			Procurement::update_rules(RuntimeOrigin::signed(admin()), id, rules),
			Error::<Test>::RulesLocked
		);
	});
}

#[test]
fn update_rules_by_another_admin_fails() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		assert_noop!(
			Procurement::update_rules(
				RuntimeOrigin::signed(other_admin()),
				id,
				open_rules(Scope::Community(s.c1))
			),
			Error::<Test>::NotOfficeAdmin
		);
	});
}

#[test]
fn update_rules_to_a_scope_of_another_office_fails() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		assert_noop!(
			Procurement::update_rules(
				RuntimeOrigin::signed(admin()),
				id,
				open_rules(Scope::Community(s.c3))
			),
			Error::<Test>::ScopeOutsideOffice
		);
		assert_noop!(
			Procurement::update_rules(
				RuntimeOrigin::signed(admin()),
				id,
				open_rules(Scope::Community(99))
			),
			Error::<Test>::UnknownScope
		);
	});
}

#[test]
fn update_rules_validates_the_new_windows() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		let rules = ProjectRules {
			voting: Window { start: 5, end: 20 },
			..open_rules(Scope::Community(s.c1))
		};
		assert_noop!(
			Procurement::update_rules(RuntimeOrigin::signed(admin()), id, rules),
			Error::<Test>::VotingBeforeBiddingEnds
		);
	});
}

#[test]
fn update_rules_of_unknown_project_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		assert_noop!(
			Procurement::update_rules(
				RuntimeOrigin::signed(admin()),
				7,
				open_rules(Scope::Community(s.c1))
			),
			Error::<Test>::UnknownProject
		);
	});
}

#[test]
fn update_rules_of_cancelled_project_fails() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("no")));
		assert_noop!(
			Procurement::update_rules(
				RuntimeOrigin::signed(admin()),
				id,
				open_rules(Scope::Community(s.c1))
			),
			Error::<Test>::ProjectClosed
		);
	});
}

#[test]
fn cancel_project_before_bidding_records_the_reason() {
	new_test_ext().execute_with(|| {
		let (s, id) = open_project();
		let reason = text("Budget withdrawn by the district");
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, reason.clone()));
		assert_eq!(
			stored(id).state,
			ProjectState::Cancelled { reason: reason.clone(), cancelled_at: OPENED }
		);
		assert_eq!(stored(id).phase(BIDDING_START), Phase::Cancelled);
		assert!(OpenProjects::<Test>::get(s.office).is_empty());
		assert_eq!(last_event(), Event::ProjectCancelled { project: id, reason });
	});
}

#[test]
fn cancel_project_after_bidding_opens_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("late")),
			Error::<Test>::RulesLocked
		);
	});
}

#[test]
fn cancel_project_without_reason_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("")),
			Error::<Test>::ReasonRequired
		);
	});
}

#[test]
fn cancel_project_twice_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("a")));
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("b")),
			Error::<Test>::ProjectClosed
		);
	});
}

#[test]
fn cancel_project_by_another_admin_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(other_admin()), id, text("x")),
			Error::<Test>::NotOfficeAdmin
		);
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(admin()), 9, text("x")),
			Error::<Test>::UnknownProject
		);
	});
}
