//! The views the runtime API exposes, the phases, and `try_state` itself.

use super::*;
use codec::Decode;

#[test]
fn the_phase_follows_the_block_number() {
	new_test_ext().execute_with(|| {
		let (_, id) = project_with(|s| ProjectRules {
			bidding: Window { start: BIDDING_START, end: 8 },
			..secret_rules(Scope::Community(s.c1))
		});
		let phase = |n| stored(id).phase(n);
		assert_eq!(phase(OPENED), Phase::Scheduled);
		assert_eq!(phase(BIDDING_START), Phase::Bidding);
		assert_eq!(phase(7), Phase::Bidding);
		assert_eq!(phase(8), Phase::Review);
		assert_eq!(phase(VOTING_START), Phase::Voting);
		assert_eq!(phase(VOTING_END - 1), Phase::Voting);
		assert_eq!(phase(VOTING_END), Phase::Revealing);
		assert_eq!(phase(REVEAL_END - 1), Phase::Revealing);
		assert_eq!(phase(REVEAL_END), Phase::AwaitingClose);
		run_to(REVEAL_END);
		assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), id));
		assert_eq!(phase(REVEAL_END), Phase::Failed);
	});
}

#[test]
fn project_info_shows_rules_texts_and_phase() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		let info = Procurement::project_info(id).unwrap();
		assert_eq!(info.project, id);
		assert_eq!(info.office, s.office);
		assert_eq!(info.scope, Scope::Community(s.c1));
		assert_eq!(info.title, "Elderly meals");
		assert_eq!(info.budget, BUDGET);
		assert_eq!(info.voting, Window { start: VOTING_START, end: VOTING_END });
		assert_eq!(info.method, VotingMethod::Open);
		assert_eq!(info.eligible, 4);
		assert_eq!(info.phase, Phase::Voting);
		assert_eq!(Procurement::project_info(id + 1), None);
	});
}

#[test]
fn project_tally_shows_open_counts() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 2);
		let tally = Procurement::project_tally(id).unwrap();
		assert!(!tally.secret);
		assert_eq!(tally.ballots, 1);
		assert_eq!(tally.counted, Some(1));
		assert_eq!(
			tally.bids,
			vec![
				BidTally { bid: 0, price: 900, state: BidState::Active, votes: Some(0) },
				BidTally { bid: 1, price: 800, state: BidState::Active, votes: Some(0) },
				BidTally { bid: 2, price: 700, state: BidState::Active, votes: Some(1) },
			]
		);
	});
}

#[test]
fn project_outcome_reports_each_ending() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_eq!(
			Procurement::project_outcome(id),
			Some(ProjectOutcome::Pending { phase: Phase::Voting })
		);
		vote(&alice(), id, 1);
		vote(&bob(), id, 1);
		run_to(VOTING_END);
		assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), id));
		assert_eq!(
			Procurement::project_outcome(id),
			Some(ProjectOutcome::Awarded {
				bid: 1,
				provider: p2(),
				price: 800,
				votes: 2,
				closed_at: VOTING_END
			})
		);
		// Another project, cancelled.
		run_to(VOTING_END);
		let rules = ProjectRules {
			bidding: Window { start: 30, end: 40 },
			voting: Window { start: 40, end: 50 },
			..open_rules(Scope::Community(1))
		};
		let cancelled = create(rules);
		assert_ok!(Procurement::cancel_project(
			RuntimeOrigin::signed(admin()),
			cancelled,
			text("no")
		));
		assert_eq!(
			Procurement::project_outcome(cancelled),
			Some(ProjectOutcome::Cancelled { reason: "no".into(), cancelled_at: VOTING_END })
		);
		assert_eq!(Procurement::project_outcome(99), None);
	});
}

#[test]
fn a_receipt_shows_the_ballot_and_its_storage_key() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		let resident = rid(&alice());
		assert_eq!(Procurement::ballot_of(id, resident), None);
		vote(&alice(), id, 0);
		vote(&alice(), id, 2);
		let receipt = Procurement::ballot_of(id, resident).unwrap();
		assert_eq!(receipt.choice, BallotChoice::Bid(2));
		assert_eq!(receipt.changes, 1);
		assert_eq!(receipt.next_sequence, 2);
		assert!(receipt.counted);
		// What a light client proves at that key is the ballot itself.
		let raw = sp_io::storage::get(&receipt.storage_key).unwrap();
		assert_eq!(
			Ballot::decode(&mut &raw[..]).unwrap(),
			Ballot { choice: BallotChoice::Bid(2), changes: 1 }
		);
	});
}

#[test]
fn a_secret_receipt_counts_only_once_revealed() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		let receipt = Procurement::ballot_of(id, rid(&alice())).unwrap();
		assert!(!receipt.counted);
		assert!(matches!(receipt.choice, BallotChoice::Committed(_)));
		run_to(VOTING_END);
		assert_ok!(Procurement::reveal_vote(RuntimeOrigin::signed(alice()), id, 1, SALT));
		let receipt = Procurement::ballot_of(id, rid(&alice())).unwrap();
		assert!(receipt.counted);
		assert_eq!(receipt.choice, BallotChoice::Revealed(1));
	});
}

#[test]
fn open_ballots_lists_where_the_resident_may_act_now() {
	new_test_ext().execute_with(|| {
		let (s, open_id) = voting();
		// A second project whose bidding hasn't started, and a secret one in voting.
		let _later = create(ProjectRules {
			bidding: Window { start: 30, end: 40 },
			voting: Window { start: 40, end: 50 },
			..open_rules(Scope::Community(s.c1))
		});
		let info = |who: &AccountId| MockRegistry::resident(who).unwrap();
		assert_eq!(Procurement::open_ballots_for(&info(&alice())), vec![open_id]);
		// Out of scope.
		assert!(Procurement::open_ballots_for(&info(&dave())).is_empty());
		assert!(Procurement::open_ballots_for(&info(&erin())).is_empty());
		// No changes left.
		vote(&alice(), open_id, 0);
		vote(&alice(), open_id, 1);
		assert_eq!(Procurement::open_ballots_for(&info(&alice())), vec![open_id]);
		vote(&alice(), open_id, 2);
		assert!(Procurement::open_ballots_for(&info(&alice())).is_empty());
	});
}

#[test]
fn open_ballots_lists_commitments_to_reveal() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		commit(&alice(), id, 1);
		run_to(VOTING_END);
		let info = |who: &AccountId| MockRegistry::resident(who).unwrap();
		assert_eq!(Procurement::open_ballots_for(&info(&alice())), vec![id]);
		assert!(Procurement::open_ballots_for(&info(&bob())).is_empty());
		assert_ok!(Procurement::reveal_vote(RuntimeOrigin::signed(alice()), id, 1, SALT));
		assert!(Procurement::open_ballots_for(&info(&alice())).is_empty());
	});
}

#[test]
fn try_state_catches_a_tally_that_disagrees_with_the_ballots() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		assert_ok!(Procurement::do_try_state());
		Projects::<Test>::mutate(id, |p| p.as_mut().unwrap().bids[1].votes = 1);
		assert!(Procurement::do_try_state().is_err());
		Projects::<Test>::mutate(id, |p| p.as_mut().unwrap().bids[1].votes = 0);
		Ballots::<Test>::remove(id, rid(&alice()));
		assert!(Procurement::do_try_state().is_err());
		Ballots::<Test>::insert(
			id,
			rid(&alice()),
			Ballot { choice: BallotChoice::Bid(0), changes: 0 },
		);
		OpenProjects::<Test>::remove(1);
		assert!(Procurement::do_try_state().is_err());
		OpenProjects::<Test>::mutate(1, |open| open.try_push(id).unwrap());
		assert_ok!(Procurement::do_try_state());
	});
}

#[test]
fn try_state_catches_bid_details_that_disagree_with_the_slot() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), id, 900);
		bid(&p2(), id, 800);
		bid(&p3(), id, 700);
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p2()), id));
		assert_ok!(Procurement::disqualify_bid(
			RuntimeOrigin::signed(admin()),
			id,
			2,
			text("No licence")
		));
		assert_ok!(Procurement::do_try_state());

		// A withdrawal record for a standing bid.
		Withdrawals::<Test>::insert(id, 0, BIDDING_START);
		assert!(Procurement::do_try_state().is_err());
		Withdrawals::<Test>::remove(id, 0);
		// A withdrawn slot without its record.
		Withdrawals::<Test>::remove(id, 1);
		assert!(Procurement::do_try_state().is_err());
		Withdrawals::<Test>::insert(id, 1, BIDDING_START);
		assert_ok!(Procurement::do_try_state());

		// A disqualified slot without its record, and a record for a withdrawn bid.
		let record = Disqualifications::<Test>::take(id, 2).unwrap();
		assert!(Procurement::do_try_state().is_err());
		Disqualifications::<Test>::insert(id, 1, record.clone());
		assert!(Procurement::do_try_state().is_err());
		Disqualifications::<Test>::remove(id, 1);
		Disqualifications::<Test>::insert(id, 2, record);
		assert_ok!(Procurement::do_try_state());

		// Details of a bid that doesn't exist.
		Withdrawals::<Test>::insert(id, 7, BIDDING_START);
		assert!(Procurement::do_try_state().is_err());
		Withdrawals::<Test>::remove(id, 7);
		assert_ok!(Procurement::do_try_state());
	});
}

#[test]
fn try_state_catches_an_award_that_disagrees_with_its_bid() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		vote(&alice(), id, 0);
		vote(&bob(), id, 0);
		run_to(VOTING_END);
		assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), id));
		assert_ok!(Procurement::do_try_state());
		Projects::<Test>::mutate(id, |p| {
			if let ProjectState::Awarded { price, .. } = &mut p.as_mut().unwrap().state {
				*price = 1;
			}
		});
		assert!(Procurement::do_try_state().is_err());
		Projects::<Test>::mutate(id, |p| {
			if let ProjectState::Awarded { price, provider, .. } = &mut p.as_mut().unwrap().state {
				*price = 900;
				*provider = p2();
			}
		});
		assert!(Procurement::do_try_state().is_err());
		Projects::<Test>::mutate(id, |p| {
			if let ProjectState::Awarded { provider, .. } = &mut p.as_mut().unwrap().state {
				*provider = p1();
			}
		});
		assert_ok!(Procurement::do_try_state());
	});
}

#[test]
fn the_project_record_a_vote_reads_stays_small() {
	use codec::{Encode, MaxEncodedLen};
	// A bid's slot is its price (8 bytes), standing (1) and tally (4): the withdrawal and
	// disqualification details live in their own maps, not in the record every vote reads.
	assert_eq!(BidSlot::max_encoded_len(), 13);
	let max_bids = MAX_BIDS as usize;
	let slots = codec::Compact(max_bids as u32).encoded_size() + 13 * max_bids;
	// Everything else in the record: office, budget, rules, opened_at, eligible, ballots,
	// reaped and the stored state (the largest variant: a cancellation's reason).
	let rest = 4 + 8 + ProjectRules::<BlockNumber>::max_encoded_len() + 4 + 4 + 4 + 4;
	let state = ProjectState::<Test>::max_encoded_len();
	assert_eq!(ProjectOf::<Test>::max_encoded_len(), rest + slots + state);
	// The mock's 4 bids and 32-byte reasons: 161 bytes, as before issue 18 (the record's layout
	// did not change; the bid's details moved out of `Bids`, not into `Projects`).
	assert_eq!(ProjectOf::<Test>::max_encoded_len(), 161);
}

#[cfg(feature = "std")]
#[test]
fn views_serialize_to_camel_case_json() {
	let receipt = BallotReceipt {
		project: 1,
		resident: 2,
		choice: BallotChoice::Revealed(3),
		changes: 0,
		next_sequence: 1,
		counted: true,
		storage_key: vec![0xab, 0x01],
	};
	let json = serde_json::to_string(&receipt).unwrap();
	assert!(json.contains("\"nextSequence\":1"), "{json}");
	assert!(json.contains("\"storageKey\":\"0xab01\""), "{json}");
	assert!(json.contains("\"choice\":{\"revealed\":3}"), "{json}");
	let outcome: ProjectOutcome<AccountId, BlockNumber> =
		ProjectOutcome::Failed { reason: FailureReason::QuorumNotMet, closed_at: 20 };
	let json = serde_json::to_string(&outcome).unwrap();
	assert_eq!(json, r#"{"failed":{"reason":"quorumNotMet","closedAt":20}}"#);
}
