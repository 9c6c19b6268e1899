//! Closing: the count, the quorum, the award.

use super::*;
use frame_support::{assert_noop, dispatch::Pays};
use gongzhi_primitives::{Award, AwardedContracts};

fn close(project: ProjectId) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Procurement::close(RuntimeOrigin::signed(stranger()), project)
}

#[test]
fn close_awards_the_bid_with_most_votes() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		vote(&alice(), id, 0);
		vote(&bob(), id, 0);
		vote(&carol(), id, 2);
		run_to(VOTING_END);
		let info = close(id).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::close(3)));
		assert_eq!(info.pays_fee, Pays::Yes);

		assert_eq!(
			stored(id).state,
			ProjectState::Awarded {
				bid: 0,
				provider: p1(),
				price: 900,
				votes: 2,
				closed_at: VOTING_END
			}
		);
		assert_eq!(
			last_event(),
			Event::ProjectAwarded {
				project: id,
				bid: 0,
				provider: p1(),
				price: 900,
				votes: 2,
				counted: 3
			}
		);
		assert_eq!(
			Procurement::award(id),
			Some(Award {
				office: s.office,
				scope: Scope::Community(s.c1),
				provider: p1(),
				price: 900
			})
		);
		assert!(OpenProjects::<Test>::get(s.office).is_empty());
	});
}

#[test]
fn a_tie_goes_to_the_lower_price() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		vote(&bob(), id, 2);
		vote(&carol(), id, 1);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(
			stored(id).state,
			ProjectState::Awarded { bid: 2, price: 700, votes: 1, .. }
		));
	});
}

#[test]
fn a_tie_at_the_same_price_goes_to_the_earlier_bid() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		bid(&p2(), id, 800);
		bid(&p3(), id, 800);
		run_to(VOTING_START);
		vote(&alice(), id, 2);
		vote(&bob(), id, 1);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 1, .. }));
	});
}

#[test]
fn below_quorum_the_project_fails() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		// 4 eligible, 50%: 2 ballots needed.
		vote(&alice(), id, 0);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert_eq!(
			stored(id).state,
			ProjectState::Failed { reason: FailureReason::QuorumNotMet, closed_at: VOTING_END }
		);
		assert_eq!(
			last_event(),
			Event::ProjectFailed {
				project: id,
				reason: FailureReason::QuorumNotMet,
				counted: 1,
				eligible: 4
			}
		);
		assert_eq!(Procurement::award(id), None);
		assert!(OpenProjects::<Test>::get(s.office).is_empty());
	});
}

#[test]
fn exactly_the_quorum_is_enough() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		vote(&bob(), id, 1);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 1, .. }));
	});
}

#[test]
fn the_quorum_base_is_the_scope_when_the_project_opened() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		// Four more residents arrive after opening: they can't vote and don't raise the bar.
		for n in 80..84 {
			MockRegistry::add_resident(&acc(n), s.c1);
		}
		vote(&alice(), id, 0);
		vote(&bob(), id, 0);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 0, .. }));
	});
}

#[test]
fn with_no_standing_bid_the_project_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(
			stored(id).state,
			ProjectState::Failed { reason: FailureReason::NoValidBids, .. }
		));
	});
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(
			stored(id).state,
			ProjectState::Failed { reason: FailureReason::NoValidBids, .. }
		));
	});
}

#[test]
fn with_a_zero_quorum_and_no_votes_the_project_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting_with(|s| ProjectRules {
			quorum_percent: 0,
			..open_rules(Scope::Community(s.c1))
		});
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert!(matches!(
			stored(id).state,
			ProjectState::Failed { reason: FailureReason::NoVotes, .. }
		));
	});
}

#[test]
fn close_before_voting_ends_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(close(id), Error::<Test>::TooEarly);
		run_to(VOTING_END - 1);
		assert_noop!(close(id), Error::<Test>::TooEarly);
	});
}

#[test]
fn close_a_secret_ballot_before_revealing_ends_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 0);
		commit(&bob(), id, 0);
		run_to(VOTING_END);
		assert_noop!(close(id), Error::<Test>::TooEarly);
		assert_ok!(Procurement::reveal_vote(RuntimeOrigin::signed(alice()), id, 0, SALT));
		assert_ok!(Procurement::reveal_vote(RuntimeOrigin::signed(bob()), id, 0, SALT));
		run_to(REVEAL_END);
		assert_ok!(close(id));
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 0, votes: 2, .. }));
	});
}

#[test]
fn close_twice_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert_noop!(close(id), Error::<Test>::ProjectClosed);
	});
}

#[test]
fn close_a_cancelled_or_unknown_project_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("no")));
		run_to(VOTING_END);
		assert_noop!(close(id), Error::<Test>::ProjectClosed);
		assert_noop!(close(id + 1), Error::<Test>::UnknownProject);
	});
}

#[test]
fn no_ballot_action_after_close() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		run_to(VOTING_END);
		assert_ok!(close(id));
		assert_noop!(
			Procurement::vote(RuntimeOrigin::signed(bob()), id, 0),
			Error::<Test>::VotingNotOpen
		);
	});
}

#[test]
fn award_is_none_while_open() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_eq!(Procurement::award(id), None);
		assert_eq!(Procurement::award(id + 1), None);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn bench_award_records_an_award() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let id = Procurement::bench_award(s.office, Scope::Office(s.office), &p1());
		assert_eq!(
			Procurement::award(id),
			Some(Award {
				office: s.office,
				scope: Scope::Office(s.office),
				provider: p1(),
				// The largest price, so that another pallet's benchmark can fund any programme.
				price: Amount::MAX
			})
		);
	});
}
