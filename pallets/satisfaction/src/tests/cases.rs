//! Follow-up cases: respond, close, mark overdue; counters and rectification time.

use super::*;

const DEADLINE: BlockNumber = 1 + RESPONSE_DEADLINE;

#[test]
fn provider_responds_by_the_deadline() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)));

		assert_eq!(
			last_event(),
			Event::CaseResponded { case: id, provider: PROVIDER, response: hash(7), late: false }
		);
		let c = case(id);
		let response = CaseResponse { hash: hash(7), at: DEADLINE };
		assert_eq!(c.state, CaseState::Responded { response });
		assert_eq!(c.state.response(), Some(response));
		for card in [provider_card(), programme_card()] {
			assert_eq!((card.cases_open, card.cases_responded, card.cases_late), (0, 1, 0));
		}
		assert!(!Unanswered::<Test>::contains_key(id));
	});
}

#[test]
fn respond_by_anyone_but_the_provider_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		for who in [OTHER_PROVIDER, ALICE, ADMIN] {
			assert_noop!(
				Satisfaction::respond_case(RuntimeOrigin::signed(who), id, hash(7)),
				Error::<Test>::NotProvider
			);
		}
	});
}

#[test]
fn respond_to_unknown_case_fails() {
	scene().execute_with(|| {
		assert_noop!(
			Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), 42, hash(7)),
			Error::<Test>::UnknownCase
		);
		// A good rating opens no case either.
		let good = served(ALICE);
		rate(ALICE, good, 5);
		assert_noop!(
			Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), good, hash(7)),
			Error::<Test>::UnknownCase
		);
	});
}

#[test]
fn respond_twice_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)));
		assert_noop!(
			Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(8)),
			Error::<Test>::AlreadyResponded
		);
	});
}

#[test]
fn respond_to_a_closed_case_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Dismissed
		));
		assert_noop!(
			Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)),
			Error::<Test>::CaseAlreadyClosed
		);
	});
}

#[test]
fn a_late_response_is_recorded_but_the_case_stays_overdue() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 1);
		System::reset_events();
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)));

		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert_eq!(
			events,
			vec![
				Event::CaseOverdue { case: id, provider: PROVIDER }.into(),
				Event::CaseResponded {
					case: id,
					provider: PROVIDER,
					response: hash(7),
					late: true
				}
				.into(),
			]
		);
		let c = case(id);
		let response = Some(CaseResponse { hash: hash(7), at: DEADLINE + 1 });
		assert_eq!(c.state, CaseState::Overdue { since: DEADLINE + 1, response });
		assert_eq!((provider_card().cases_overdue, provider_card().cases_late), (1, 1));
	});
}

#[test]
fn a_marked_overdue_case_can_still_be_answered() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 1);
		assert_ok!(Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id));
		run_to(DEADLINE + 5);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)));
		assert_eq!(
			last_event(),
			Event::CaseResponded { case: id, provider: PROVIDER, response: hash(7), late: true }
		);
		// Still overdue since it was marked, now with the late response in its state.
		assert_eq!(
			case(id).state,
			CaseState::Overdue {
				since: DEADLINE + 1,
				response: Some(CaseResponse { hash: hash(7), at: DEADLINE + 5 })
			}
		);
		assert_eq!(provider_card().cases_late, 1);
	});
}

#[test]
fn office_rectifies_a_responded_case_and_the_time_taken_is_summed() {
	scene().execute_with(|| {
		let first = bad_case(ALICE);
		run_to(5);
		let second = bad_case(BOB);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), first, hash(7)));
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), second, hash(8)));
		run_to(11);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			first,
			CaseOutcome::Rectified
		));
		assert_eq!(
			last_event(),
			Event::CaseClosed {
				case: first,
				office: OFFICE,
				outcome: CaseOutcome::Rectified,
				late: false
			}
		);
		run_to(15);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			second,
			CaseOutcome::Rectified
		));

		// The response stays with the case when it is closed.
		assert_eq!(
			case(first).state,
			CaseState::Rectified {
				closed_at: 11,
				late: false,
				response: Some(CaseResponse { hash: hash(7), at: 5 })
			}
		);
		for card in [provider_card(), programme_card()] {
			// 10 blocks (1 → 11) and 10 blocks (5 → 15).
			assert_eq!((card.cases_rectified, card.rectify_blocks), (2, 20));
			assert_eq!(card.average_rectify_blocks(), 10);
			assert_eq!((card.cases_responded, card.cases_open), (0, 0));
		}
	});
}

#[test]
fn office_may_dismiss_an_open_case_before_its_deadline() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Dismissed
		));
		assert_eq!(
			case(id).state,
			CaseState::Dismissed { closed_at: 1, late: false, response: None }
		);
		assert_eq!((provider_card().cases_dismissed, provider_card().cases_open), (1, 0));
		assert!(Providers::<Test>::get(PROVIDER).unanswered.is_none());
	});
}

#[test]
fn closing_an_unanswered_case_past_its_deadline_records_it_late() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 3);
		System::reset_events();
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Rectified
		));
		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert_eq!(
			events,
			vec![
				Event::CaseOverdue { case: id, provider: PROVIDER }.into(),
				Event::CaseClosed {
					case: id,
					office: OFFICE,
					outcome: CaseOutcome::Rectified,
					late: true
				}
				.into(),
			]
		);
		let card = provider_card();
		assert_eq!((card.cases_rectified, card.cases_overdue, card.cases_late), (1, 0, 1));
		assert_eq!(card.rectify_blocks, DEADLINE + 3 - 1);
	});
}

#[test]
fn close_by_anyone_but_the_programmes_office_admin_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		for who in [OTHER_ADMIN, PROVIDER, ALICE] {
			assert_noop!(
				Satisfaction::close_case(RuntimeOrigin::signed(who), id, CaseOutcome::Rectified),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn close_a_closed_case_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Rectified
		));
		assert_noop!(
			Satisfaction::close_case(RuntimeOrigin::signed(ADMIN), id, CaseOutcome::Dismissed),
			Error::<Test>::CaseAlreadyClosed
		);
	});
}

#[test]
fn close_an_unknown_case_fails() {
	scene().execute_with(|| {
		assert_noop!(
			Satisfaction::close_case(RuntimeOrigin::signed(ADMIN), 42, CaseOutcome::Rectified),
			Error::<Test>::UnknownCase
		);
	});
}

#[test]
fn anyone_marks_a_case_overdue_after_its_deadline() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 1);
		assert_ok!(Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(last_event(), Event::CaseOverdue { case: id, provider: PROVIDER });
		assert_eq!(case(id).state, CaseState::Overdue { since: DEADLINE + 1, response: None });
		for card in [provider_card(), programme_card()] {
			assert_eq!((card.cases_open, card.cases_overdue, card.cases_late), (0, 1, 1));
		}
		assert!(Providers::<Test>::get(PROVIDER).unanswered.is_none());
	});
}

#[test]
fn mark_overdue_on_or_before_the_deadline_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE);
		assert_noop!(
			Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::DeadlineNotPassed
		);
	});
}

#[test]
fn mark_overdue_of_a_responded_case_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), id, hash(7)));
		run_to(DEADLINE + 1);
		assert_noop!(
			Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::AlreadyResponded
		);
	});
}

#[test]
fn mark_overdue_twice_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		run_to(DEADLINE + 1);
		assert_ok!(Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id));
		assert_noop!(
			Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::AlreadyOverdue
		);
	});
}

#[test]
fn mark_overdue_of_a_closed_or_unknown_case_fails() {
	scene().execute_with(|| {
		let id = bad_case(ALICE);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			id,
			CaseOutcome::Dismissed
		));
		run_to(DEADLINE + 1);
		assert_noop!(
			Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::CaseAlreadyClosed
		);
		assert_noop!(
			Satisfaction::mark_overdue(RuntimeOrigin::signed(STRANGER), 42),
			Error::<Test>::UnknownCase
		);
	});
}

#[test]
fn unanswered_cases_leave_the_queue_in_any_order() {
	scene().execute_with(|| {
		let a = bad_case(ALICE);
		let b = bad_case(BOB);
		let c = bad_case(CHARLIE);
		let ends = |head, tail| Some(QueueEnds { head, tail });
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, ends(a, c));

		// Middle, then tail, then head; `try_state` checks the links after the test.
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), b, hash(1)));
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, ends(a, c));
		assert_eq!(Unanswered::<Test>::get(a), Some(QueueLink { prev: None, next: Some(c) }));
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			c,
			CaseOutcome::Dismissed
		));
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, ends(a, a));
		let d = bad_case(ALICE);
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, ends(a, d));
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), a, hash(1)));
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, ends(d, d));
		assert_ok!(Satisfaction::respond_case(RuntimeOrigin::signed(PROVIDER), d, hash(1)));
		assert_eq!(Providers::<Test>::get(PROVIDER).unanswered, None);
		assert_eq!(Unanswered::<Test>::iter().count(), 0);
	});
}
