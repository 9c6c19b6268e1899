//! Reaping ballot records of ended projects.

use super::*;
use frame_support::assert_noop;

fn reap(project: ProjectId, limit: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Procurement::reap_ballots(RuntimeOrigin::signed(stranger()), project, limit)
}

/// The standard open project with three ballots, closed at the end of voting.
fn closed() -> ProjectId {
	let (_, id) = voting();
	vote(&alice(), id, 0);
	vote(&bob(), id, 0);
	vote(&carol(), id, 1);
	run_to(VOTING_END);
	assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), id));
	id
}

#[test]
fn ballots_are_reaped_in_batches_after_the_retention_period() {
	new_test_ext().execute_with(|| {
		let id = closed();
		run_to(VOTING_END + RETENTION);
		let info = reap(id, 2).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::reap_ballots(2)));
		assert_eq!(last_event(), Event::BallotsReaped { project: id, removed: 2, remaining: 1 });
		assert_eq!(Ballots::<Test>::iter_prefix(id).count(), 1);

		let info = reap(id, MAX_REAP).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::reap_ballots(1)));
		assert_eq!(last_event(), Event::BallotsReaped { project: id, removed: 1, remaining: 0 });
		assert_eq!(Ballots::<Test>::iter_prefix(id).count(), 0);
		assert_eq!(Procurement::ballot_of(id, rid(&alice())), None);
		// Tallies and the outcome stay.
		assert_eq!(tallies(id), vec![2, 1, 0]);
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 0, votes: 2, .. }));
		assert_eq!(stored(id).reaped, 3);
	});
}

#[test]
fn reap_before_the_retention_period_fails() {
	new_test_ext().execute_with(|| {
		let id = closed();
		run_to(VOTING_END + RETENTION - 1);
		assert_noop!(reap(id, 5), Error::<Test>::RetentionNotOver);
	});
}

#[test]
fn reap_an_open_project_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		run_to(VOTING_END + RETENTION);
		assert_noop!(reap(id, 5), Error::<Test>::StillOpen);
	});
}

#[test]
fn reap_with_nothing_left_fails() {
	new_test_ext().execute_with(|| {
		let id = closed();
		run_to(VOTING_END + RETENTION);
		assert_ok!(reap(id, 3));
		assert_noop!(reap(id, 3), Error::<Test>::NothingToReap);
	});
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("no")));
		run_to(OPENED + RETENTION);
		assert_noop!(reap(id, 3), Error::<Test>::NothingToReap);
	});
}

#[test]
fn reap_with_a_limit_out_of_range_fails() {
	new_test_ext().execute_with(|| {
		let id = closed();
		run_to(VOTING_END + RETENTION);
		assert_noop!(reap(id, 0), Error::<Test>::ReapLimitOutOfRange);
		assert_noop!(reap(id, MAX_REAP + 1), Error::<Test>::ReapLimitOutOfRange);
		assert_noop!(reap(id + 1, 1), Error::<Test>::UnknownProject);
	});
}
