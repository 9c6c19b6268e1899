//! Secret ballots: commit during voting, reveal afterwards.

use super::*;
use frame_support::{assert_noop, dispatch::CheckIfFeeless};

fn reveal(
	who: &AccountId,
	project: ProjectId,
	bid: BidIndex,
	salt: [u8; 32],
) -> frame_support::dispatch::DispatchResult {
	Procurement::reveal_vote(RuntimeOrigin::signed(who.clone()), project, bid, salt)
}

#[test]
fn the_commitment_is_blake2_of_the_documented_bytes() {
	let mut bytes = vec![5, 0, 0, 0]; // project 5, u32 LE
	bytes.extend_from_slice(&[2, 0, 0, 0]); // bid 2
	bytes.extend_from_slice(&SALT); // 32 raw bytes
	bytes.extend_from_slice(&[9, 0, 0, 0]); // resident 9
	assert_eq!(bytes.len(), 44);
	assert_eq!(ballot_commitment(5, 2, &SALT, 9), H256(sp_io::hashing::blake2_256(&bytes)));
}

#[test]
fn a_committed_ballot_counts_once_revealed() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 2);
		let commitment = ballot_commitment(id, 2, &SALT, rid(&alice()));
		assert_eq!(
			last_event(),
			Event::BallotCommitted {
				project: id,
				resident: rid(&alice()),
				commitment,
				relayer: None
			}
		);
		assert_eq!(tallies(id), vec![0, 0, 0]);
		assert_eq!(stored(id).ballots, 1);

		run_to(VOTING_END);
		assert_ok!(reveal(&alice(), id, 2, SALT));
		assert_eq!(tallies(id), vec![0, 0, 1]);
		assert_eq!(
			Ballots::<Test>::get(id, rid(&alice())),
			Some(Ballot { choice: BallotChoice::Revealed(2), changes: 0 })
		);
		assert_eq!(
			last_event(),
			Event::BallotRevealed { project: id, resident: rid(&alice()), bid: 2 }
		);
	});
}

#[test]
fn unrevealed_commitments_do_not_count() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		commit(&bob(), id, 1);
		commit(&carol(), id, 0);
		run_to(VOTING_END);
		assert_ok!(reveal(&alice(), id, 1, SALT));
		assert_ok!(reveal(&carol(), id, 0, SALT));
		run_to(REVEAL_END);
		assert_eq!(tallies(id), vec![1, 1, 0]);
		assert_eq!(stored(id).counted(), 2);
		assert_eq!(stored(id).ballots, 3);
	});
}

#[test]
fn a_commitment_may_be_changed_within_the_limit() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 0);
		commit(&alice(), id, 1);
		commit(&alice(), id, 2);
		assert_noop!(
			Procurement::commit_vote(RuntimeOrigin::signed(alice()), id, H256::repeat_byte(5)),
			Error::<Test>::TooManyChanges
		);
		let last = ballot_commitment(id, 2, &SALT, rid(&alice()));
		assert_ok!(Procurement::commit_vote(RuntimeOrigin::signed(bob()), id, H256::zero()));
		assert_noop!(
			Procurement::commit_vote(RuntimeOrigin::signed(bob()), id, H256::zero()),
			Error::<Test>::UnchangedBallot
		);
		run_to(VOTING_END);
		// Only the last commitment can be revealed.
		assert_noop!(reveal(&alice(), id, 0, SALT), Error::<Test>::CommitmentMismatch);
		assert_eq!(
			Ballots::<Test>::get(id, rid(&alice())).unwrap().choice,
			BallotChoice::Committed(last)
		);
		assert_ok!(reveal(&alice(), id, 2, SALT));
	});
}

#[test]
fn reveal_outside_the_reveal_window_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		assert_noop!(reveal(&alice(), id, 1, SALT), Error::<Test>::RevealingNotOpen);
		run_to(REVEAL_END);
		assert_noop!(reveal(&alice(), id, 1, SALT), Error::<Test>::RevealingNotOpen);
		run_to(REVEAL_END - 1);
		assert_ok!(reveal(&alice(), id, 1, SALT));
	});
}

#[test]
fn a_reveal_that_does_not_match_its_commitment_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		run_to(VOTING_END);
		assert_noop!(reveal(&alice(), id, 2, SALT), Error::<Test>::CommitmentMismatch);
		assert_noop!(reveal(&alice(), id, 1, [0; 32]), Error::<Test>::CommitmentMismatch);
	});
}

#[test]
fn a_copied_commitment_cannot_be_revealed_by_the_copier() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		let alices = ballot_commitment(id, 1, &SALT, rid(&alice()));
		assert_ok!(Procurement::commit_vote(RuntimeOrigin::signed(bob()), id, alices));
		run_to(VOTING_END);
		assert_ok!(reveal(&alice(), id, 1, SALT));
		// Alice's salt is now public, but the commitment names her resident id.
		assert_noop!(reveal(&bob(), id, 1, SALT), Error::<Test>::CommitmentMismatch);
	});
}

#[test]
fn reveal_without_a_commitment_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		run_to(VOTING_END);
		assert_noop!(reveal(&alice(), id, 1, SALT), Error::<Test>::NoCommitment);
		assert_noop!(reveal(&stranger(), id, 1, SALT), Error::<Test>::NotResident);
		assert_noop!(reveal(&alice(), 9, 1, SALT), Error::<Test>::UnknownProject);
	});
}

#[test]
fn reveal_twice_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		run_to(VOTING_END);
		assert_ok!(reveal(&alice(), id, 1, SALT));
		assert_noop!(reveal(&alice(), id, 1, SALT), Error::<Test>::AlreadyRevealed);
	});
}

#[test]
fn reveal_in_an_open_ballot_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 1);
		run_to(VOTING_END);
		assert_noop!(reveal(&alice(), id, 1, SALT), Error::<Test>::BallotIsOpen);
	});
}

#[test]
fn a_revealed_commitment_to_no_standing_bid_does_not_count() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 3);
		run_to(VOTING_END);
		assert_noop!(reveal(&alice(), id, 3, SALT), Error::<Test>::UnknownBid);
	});
	new_test_ext().execute_with(|| {
		let (_, id) = project_with(|s| secret_rules(Scope::Community(s.c1)));
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		bid(&p2(), id, 800);
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		assert_ok!(Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 1, text("x")));
		run_to(VOTING_START);
		commit(&alice(), id, 0);
		commit(&bob(), id, 1);
		run_to(VOTING_END);
		assert_noop!(reveal(&alice(), id, 0, SALT), Error::<Test>::BidWithdrawn);
		assert_noop!(reveal(&bob(), id, 1, SALT), Error::<Test>::BidDisqualified);
	});
}

#[test]
fn the_tally_stays_hidden_until_revealing_ends() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		let hidden = Procurement::project_tally(id).unwrap();
		assert!(hidden.secret);
		assert_eq!(hidden.ballots, 1);
		assert_eq!(hidden.counted, None);
		assert!(hidden.bids.iter().all(|b| b.votes.is_none()));

		run_to(VOTING_END);
		assert_ok!(reveal(&alice(), id, 1, SALT));
		let still_hidden = Procurement::project_tally(id).unwrap();
		assert_eq!(still_hidden.counted, None);
		assert!(still_hidden.bids.iter().all(|b| b.votes.is_none()));

		run_to(REVEAL_END);
		let shown = Procurement::project_tally(id).unwrap();
		assert_eq!(shown.counted, Some(1));
		assert_eq!(
			shown.bids.iter().map(|b| b.votes).collect::<Vec<_>>(),
			vec![Some(0), Some(1), Some(0)]
		);
	});
}

#[test]
fn reveal_is_feeless_exactly_when_it_will_succeed() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		let call = |bid, salt| crate::Call::<Test>::reveal_vote { project: id, bid, salt };
		// Not yet the reveal window.
		assert!(!call(1, SALT).is_feeless(&RuntimeOrigin::signed(alice())));
		run_to(VOTING_END);
		assert!(call(1, SALT).is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call(2, SALT).is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call(1, SALT).is_feeless(&RuntimeOrigin::signed(bob())));
	});
}
