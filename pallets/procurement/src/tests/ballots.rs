//! Open ballots: who may vote, when, for what, and how often.

use super::*;
use frame_support::{assert_noop, dispatch::CheckIfFeeless};

fn try_vote(
	who: &AccountId,
	project: ProjectId,
	bid: BidIndex,
) -> frame_support::dispatch::DispatchResult {
	Procurement::vote(RuntimeOrigin::signed(who.clone()), project, bid)
}

#[test]
fn a_vote_counts_for_its_bid() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_ok!(try_vote(&alice(), id, 1));

		assert_eq!(tallies(id), vec![0, 1, 0]);
		assert_eq!(stored(id).ballots, 1);
		assert_eq!(
			Ballots::<Test>::get(id, rid(&alice())),
			Some(Ballot { choice: BallotChoice::Bid(1), changes: 0 })
		);
		assert_eq!(
			last_event(),
			Event::BallotCast {
				project: id,
				resident: rid(&alice()),
				bid: 1,
				previous: None,
				relayer: None
			}
		);
	});
}

#[test]
fn changing_a_vote_moves_it_between_tallies() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 1);
		vote(&bob(), id, 1);
		assert_ok!(try_vote(&alice(), id, 2));

		assert_eq!(tallies(id), vec![0, 1, 1]);
		assert_eq!(stored(id).ballots, 2);
		assert_eq!(
			Ballots::<Test>::get(id, rid(&alice())),
			Some(Ballot { choice: BallotChoice::Bid(2), changes: 1 })
		);
		assert_eq!(
			last_event(),
			Event::BallotCast {
				project: id,
				resident: rid(&alice()),
				bid: 2,
				previous: Some(1),
				relayer: None
			}
		);
	});
}

#[test]
fn vote_changes_over_the_limit_fail() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		for change in 0..MAX_CHANGES {
			vote(&alice(), id, if change % 2 == 0 { 1 } else { 0 });
		}
		assert_noop!(try_vote(&alice(), id, 2), Error::<Test>::TooManyChanges);
	});
}

#[test]
fn voting_again_for_the_same_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 1);
		assert_noop!(try_vote(&alice(), id, 1), Error::<Test>::UnchangedBallot);
	});
}

#[test]
fn vote_outside_the_voting_window_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		run_to(VOTING_START - 1);
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::VotingNotOpen);
		run_to(VOTING_END);
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::VotingNotOpen);
		run_to(VOTING_END - 1);
		assert_ok!(try_vote(&alice(), id, 0));
	});
}

#[test]
fn vote_by_a_non_resident_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(try_vote(&stranger(), id, 0), Error::<Test>::NotResident);
		assert_noop!(try_vote(&p1(), id, 0), Error::<Test>::NotResident);
	});
}

#[test]
fn vote_by_a_resident_outside_the_scope_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(try_vote(&dave(), id, 0), Error::<Test>::NotEligible);
		assert_noop!(try_vote(&erin(), id, 0), Error::<Test>::NotEligible);
	});
}

#[test]
fn vote_by_a_resident_registered_after_opening_fails() {
	new_test_ext().execute_with(|| {
		let s = scene();
		run_to(OPENED);
		// Registered in the block the project is opened, before it: not strictly before.
		let newcomer = acc(60);
		MockRegistry::add_resident(&newcomer, s.c1);
		let id = create(open_rules(Scope::Community(s.c1)));
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		run_to(VOTING_START);
		assert_noop!(try_vote(&newcomer, id, 0), Error::<Test>::NotEligible);
	});
}

#[test]
fn a_resident_moved_into_scope_after_opening_may_not_vote() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		MockRegistry::move_resident(&dave(), s.c1);
		assert_noop!(try_vote(&dave(), id, 0), Error::<Test>::NotEligible);
		// And one who moved out may no longer vote.
		MockRegistry::move_resident(&alice(), s.c2);
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::NotEligible);
	});
}

#[test]
fn vote_for_an_unknown_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(try_vote(&alice(), id, 3), Error::<Test>::UnknownBid);
	});
}

#[test]
fn vote_for_a_withdrawn_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		bid(&p2(), id, 800);
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		run_to(VOTING_START);
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::BidWithdrawn);
	});
}

#[test]
fn vote_for_a_disqualified_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		assert_ok!(Procurement::disqualify_bid(
			RuntimeOrigin::signed(admin()),
			id,
			0,
			text("fraud")
		));
		run_to(VOTING_START);
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::BidDisqualified);
	});
}

#[test]
fn vote_in_a_secret_ballot_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		assert_noop!(try_vote(&alice(), id, 0), Error::<Test>::BallotIsSecret);
	});
}

#[test]
fn commit_in_an_open_ballot_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(
			Procurement::commit_vote(RuntimeOrigin::signed(alice()), id, H256::repeat_byte(1)),
			Error::<Test>::BallotIsOpen
		);
	});
}

#[test]
fn vote_in_an_unknown_project_fails() {
	new_test_ext().execute_with(|| {
		let _ = voting();
		assert_noop!(try_vote(&alice(), 8, 0), Error::<Test>::UnknownProject);
	});
}

#[test]
fn a_ballot_belongs_to_the_resident_not_the_account() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		let resident = rid(&alice());
		let new_key = acc(70);
		MockRegistry::replace_account(&alice(), &new_key);
		// The same person with a new key changes the same ballot; no second ballot.
		vote(&new_key, id, 1);
		assert_eq!(tallies(id), vec![0, 1, 0]);
		assert_eq!(stored(id).ballots, 1);
		assert_eq!(Ballots::<Test>::get(id, resident).unwrap().changes, 1);
	});
}

#[test]
fn vote_is_feeless_exactly_when_it_will_succeed() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		let call = |bid| crate::Call::<Test>::vote { project: id, bid };
		assert!(call(0).is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call(7).is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call(0).is_feeless(&RuntimeOrigin::signed(stranger())));
		assert!(!call(0).is_feeless(&RuntimeOrigin::signed(dave())));
		assert!(!call(0).is_feeless(&RuntimeOrigin::root()));
		vote(&alice(), id, 0);
		assert!(!call(0).is_feeless(&RuntimeOrigin::signed(alice())));
		run_to(VOTING_END);
		assert!(!call(1).is_feeless(&RuntimeOrigin::signed(bob())));
	});
}

#[test]
fn commit_is_feeless_exactly_when_it_will_succeed() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		let call = |commitment| crate::Call::<Test>::commit_vote { project: id, commitment };
		assert!(call(H256::repeat_byte(1)).is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call(H256::repeat_byte(1)).is_feeless(&RuntimeOrigin::signed(erin())));
		run_to(VOTING_END);
		assert!(!call(H256::repeat_byte(1)).is_feeless(&RuntimeOrigin::signed(alice())));
	});
}
