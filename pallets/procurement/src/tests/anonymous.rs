//! Anonymous ballots (匿名投票, issue 19): a general transaction with no signer, authorized by a
//! ring-VRF proof (here the `MockRings` double's proofs: pallet-rings' own tests verify real
//! ones), counted under the voter's alias. What is checked: the rings open with the project, the
//! rules are fixed, a second ballot under the same alias replaces the first, and a non-member's
//! proof, a proof for another project or ring, a replayed proof, a ballot outside voting are
//! each refused with their named error, before any block; tallies equal the stored ballots.

use super::*;
use frame_support::assert_noop;
use gongzhi_primitives::anon::{message, Alias, AnonymousRings, ItemRef};

/// What an anonymous project of community 1 (4 residents in the scene) holds.
const DEPOSIT_C1: u64 = PROJECT_DEPOSIT + 4 * RING_MEMBER_DEPOSIT;

const ALICE: Alias = [0xa1; 32];
const BOB: Alias = [0xb0; 32];

fn anonymous_rules(scope: Scope) -> ProjectRules<BlockNumber> {
	ProjectRules { method: VotingMethod::Anonymous, ..open_rules(scope) }
}

/// The standard anonymous project with three bids, at the first voting block, its one ring
/// ready with members `ALICE` and `BOB` (ring 0).
fn anonymous_voting() -> (Scene, ProjectId) {
	let (scene, id) = voting_with(|s| anonymous_rules(Scope::Community(s.c1)));
	MockRings::make_ready(ItemRef::procurement(id), 1);
	MockRings::add_member(ItemRef::procurement(id), 0, ALICE);
	MockRings::add_member(ItemRef::procurement(id), 0, BOB);
	(scene, id)
}

/// The call `alias` (a member of `ring`) makes for `bid` with sequence `seq`, proven over the
/// ballot's own message.
fn ballot(project: ProjectId, ring: u32, bid: BidIndex, seq: u32, alias: Alias) -> Call<Test> {
	let proof = MockRings::proof(ring, &message(project, ring, &bid, seq), &alias);
	Call::cast_anonymous_ballot {
		project,
		ring,
		bid,
		seq,
		alias,
		proof: BoundedVec::truncate_from(proof),
	}
}

/// Authorizes `call` as the pool (and block building) does; `Err(error name)` if refused.
fn authorize(call: &Call<Test>) -> Result<(), &'static str> {
	gongzhi_primitives::testing::authorize(call).map_err(error_name)
}

/// The name of this pallet's error with index `index`.
fn error_name(index: u8) -> &'static str {
	let error = Error::<Test>::decode(&mut &[index][..]).expect("an error index");
	<&'static str>::from(error)
}

/// Authorizes `call`, then dispatches it with the `Authorized` origin, as a block does.
fn cast(call: Call<Test>) {
	assert_eq!(authorize(&call), Ok(()));
	assert_ok!(call.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()));
}

use codec::Decode;
use frame_support::traits::UnfilteredDispatchable;

#[test]
fn an_anonymous_project_opens_its_rings_with_its_scope_and_opening_block() {
	new_test_ext().execute_with(|| {
		let (scene, id) = project_with(|s| anonymous_rules(Scope::Community(s.c1)));
		assert_eq!(
			MockRings::opened(ItemRef::procurement(id)),
			Some((Scope::Community(scene.c1), OPENED))
		);
		// An open project opens none.
		let open = create(open_rules(Scope::Community(scene.c1)));
		assert_eq!(MockRings::opened(ItemRef::procurement(open)), None);
	});
}

#[test]
fn an_anonymous_project_holds_a_deposit_for_its_rings_by_the_residents_in_scope() {
	new_test_ext().execute_with(|| {
		let (scene, id) = project_with(|s| anonymous_rules(Scope::Community(s.c1)));
		assert_eq!(Deposits::<Test>::get(DepositFor::Project(id)), Some((admin(), DEPOSIT_C1)));
		// The office's scope: communities 1 and 2, 5 residents.
		let office = create(anonymous_rules(Scope::Office(scene.office)));
		let office_deposit = PROJECT_DEPOSIT + 5 * RING_MEMBER_DEPOSIT;
		assert_eq!(
			Deposits::<Test>::get(DepositFor::Project(office)),
			Some((admin(), office_deposit))
		);
		// An open project stores no rings: the project's deposit only.
		let open = create(open_rules(Scope::Office(scene.office)));
		assert_eq!(
			Deposits::<Test>::get(DepositFor::Project(open)),
			Some((admin(), PROJECT_DEPOSIT))
		);
		assert_eq!(
			held(&admin(), HoldReason::ProjectDeposit),
			DEPOSIT_C1 + office_deposit + PROJECT_DEPOSIT
		);

		// An admin who can pay an open project's deposit but not an anonymous one's rings (with
		// a place free among the office's open projects).
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), open, text("no")));
		use frame_support::traits::fungible::Mutate;
		let free = PROJECT_DEPOSIT + RING_MEMBER_DEPOSIT + 1;
		Balances::set_balance(&admin(), free);
		let next = NextProjectId::<Test>::get();
		assert_noop!(
			try_create(anonymous_rules(Scope::Community(scene.c1))),
			Error::<Test>::InsufficientDeposit
		);
		assert_eq!(MockRings::opened(ItemRef::procurement(next)), None, "no rings opened");
		let open = create(open_rules(Scope::Community(scene.c1)));
		assert_eq!(
			Deposits::<Test>::get(DepositFor::Project(open)),
			Some((admin(), PROJECT_DEPOSIT))
		);
	});
}

#[test]
fn an_anonymous_projects_rules_are_fixed_and_no_project_becomes_anonymous() {
	new_test_ext().execute_with(|| {
		let (scene, id) = project_with(|s| anonymous_rules(Scope::Community(s.c1)));
		let scope = Scope::Community(scene.c1);
		assert_noop!(
			Procurement::update_rules(RuntimeOrigin::signed(admin()), id, open_rules(scope)),
			Error::<Test>::AnonymousRulesFixed
		);
		let open = create(open_rules(scope));
		assert_noop!(
			Procurement::update_rules(RuntimeOrigin::signed(admin()), open, anonymous_rules(scope)),
			Error::<Test>::AnonymousRulesFixed
		);
	});
}

#[test]
fn a_ballot_with_no_signer_counts_under_its_alias() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		cast(ballot(id, 0, 1, 0, ALICE));
		cast(ballot(id, 0, 1, 0, BOB));
		assert_eq!(tallies(id), vec![0, 2, 0]);
		assert_eq!(stored(id).ballots, 2);
		assert_eq!(
			AnonymousBallots::<Test>::get(id, ALICE),
			Some(AnonymousBallot { bid: 1, seq: 0 })
		);
		assert_eq!(
			events().last(),
			Some(&Event::AnonymousBallotCast {
				project: id,
				ring: 0,
				alias: BOB,
				bid: 1,
				previous: None
			})
		);
		assert!(Ballots::<Test>::iter_prefix(id).next().is_none(), "no resident is named");
	});
}

#[test]
fn a_second_ballot_under_the_same_alias_only_replaces_the_first() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		cast(ballot(id, 0, 1, 0, ALICE));
		cast(ballot(id, 0, 2, 1, ALICE));
		assert_eq!(tallies(id), vec![0, 0, 1]);
		assert_eq!(stored(id).ballots, 1);
		assert_eq!(
			events().last(),
			Some(&Event::AnonymousBallotCast {
				project: id,
				ring: 0,
				alias: ALICE,
				bid: 2,
				previous: Some(1)
			})
		);
		// The same choice again is no change.
		assert_eq!(authorize(&ballot(id, 0, 2, 2, ALICE)), Err("UnchangedBallot"));
	});
}

#[test]
fn a_replayed_proof_is_stale_and_a_sequence_ahead_is_refused() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		let first = ballot(id, 0, 1, 0, ALICE);
		cast(first.clone());
		cast(ballot(id, 0, 2, 1, ALICE));
		// Anyone may resubmit the first, public, proof to switch the vote back: refused.
		assert_eq!(authorize(&first), Err("StaleSequence"));
		assert_noop!(
			first.clone().dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()),
			Error::<Test>::StaleSequence
		);
		assert_eq!(authorize(&ballot(id, 0, 0, 5, ALICE)), Err("SequenceAhead"));
		assert_eq!(tallies(id), vec![0, 0, 1]);
	});
}

#[test]
fn proofs_of_non_members_or_for_another_project_or_ring_are_refused() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		// Not a member of the ring.
		assert_eq!(authorize(&ballot(id, 0, 1, 0, [0xee; 32])), Err("BadProof"));
		// A member's proof made for another project.
		let mut moved = ballot(id + 1, 0, 1, 0, ALICE);
		if let Call::cast_anonymous_ballot { ref mut project, .. } = moved {
			*project = id;
		}
		assert_eq!(authorize(&moved), Err("BadProof"));
		// A proof for ring 0 presented as ring 1 (which doesn't exist), and for another bid.
		let mut wrong_ring = ballot(id, 0, 1, 0, ALICE);
		if let Call::cast_anonymous_ballot { ref mut ring, .. } = wrong_ring {
			*ring = 1;
		}
		assert_eq!(authorize(&wrong_ring), Err("UnknownRing"));
		let mut wrong_bid = ballot(id, 0, 1, 0, ALICE);
		if let Call::cast_anonymous_ballot { ref mut bid, .. } = wrong_bid {
			*bid = 2;
		}
		assert_eq!(authorize(&wrong_bid), Err("BadProof"));
		// A proof giving another alias than the one claimed.
		let mut claimed = ballot(id, 0, 1, 0, ALICE);
		if let Call::cast_anonymous_ballot { ref mut alias, .. } = claimed {
			*alias = BOB;
		}
		assert_eq!(authorize(&claimed), Err("BadProof"));
		assert_eq!(tallies(id), vec![0, 0, 0]);
	});
}

#[test]
fn ballots_wait_for_the_rings_and_the_voting_window() {
	new_test_ext().execute_with(|| {
		let (scene, id) = voting_with(|s| anonymous_rules(Scope::Community(s.c1)));
		assert_eq!(authorize(&ballot(id, 0, 1, 0, ALICE)), Err("RingsNotReady"));
		MockRings::make_ready(ItemRef::procurement(id), 1);
		MockRings::add_member(ItemRef::procurement(id), 0, ALICE);
		run_to(VOTING_END);
		assert_eq!(authorize(&ballot(id, 0, 1, 0, ALICE)), Err("VotingNotOpen"));
		// An open project takes none; an anonymous one takes no named ballot.
		run_to(VOTING_START);
		assert_noop!(
			Procurement::vote(RuntimeOrigin::signed(alice()), id, 1),
			Error::<Test>::BallotIsAnonymous
		);
		let open = {
			run_to(OPENED);
			create(open_rules(Scope::Community(scene.c1)))
		};
		assert_eq!(authorize(&ballot(open, 0, 1, 0, ALICE)), Err("NotAnonymous"));
		assert_eq!(authorize(&ballot(99, 0, 1, 0, ALICE)), Err("UnknownProject"));
	});
}

#[test]
fn only_the_authorized_origin_may_dispatch_it() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		let call = ballot(id, 0, 1, 0, ALICE);
		assert_noop!(
			call.clone().dispatch_bypass_filter(RuntimeOrigin::signed(alice())),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			call.dispatch_bypass_filter(RuntimeOrigin::root()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn changes_are_bounded() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		let max = <Test as Config>::MaxVoteChanges::get();
		for seq in 0..=max {
			cast(ballot(id, 0, seq % 2, seq, ALICE));
		}
		assert_eq!(authorize(&ballot(id, 0, 2, max + 1, ALICE)), Err("TooManyChanges"));
	});
}

#[test]
fn the_count_awards_by_anonymous_ballots_and_reaping_removes_them() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		cast(ballot(id, 0, 2, 0, ALICE));
		cast(ballot(id, 0, 2, 0, BOB));
		run_to(VOTING_END);
		assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), id));
		assert!(matches!(stored(id).state, ProjectState::Awarded { bid: 2, votes: 2, .. }));
		run_to(VOTING_END + RETENTION);
		let item = ItemRef::procurement(id);
		let reap = |limit| Procurement::reap_ballots(RuntimeOrigin::signed(stranger()), id, limit);
		assert_ok!(reap(1));
		assert_eq!(AnonymousBallots::<Test>::iter_prefix(id).count(), 1);
		assert!(MockRings::remembers(item), "the rings wait for the ballots");
		// The last ballot, then the rest of the limit on the rings (the double's: one record
		// per ring and one for the opening): one ring record this time.
		assert_ok!(reap(2));
		assert_eq!(AnonymousBallots::<Test>::iter_prefix(id).count(), 0);
		assert_eq!(stored(id).reaped, 2);
		assert_eq!(MockRings::rings_ready(item), Some(0));
		assert!(MockRings::remembers(item));
		assert_eq!(
			held(&admin(), HoldReason::ProjectDeposit),
			DEPOSIT_C1,
			"held until all is gone"
		);
		// No ballot left, but the rings' last record: still something to reap.
		assert_ok!(reap(2));
		assert!(!MockRings::remembers(item));
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), 0);
		assert_noop!(reap(2), Error::<Test>::NothingToReap);
		assert!(
			matches!(stored(id).state, ProjectState::Awarded { bid: 2, votes: 2, .. }),
			"the outcome stays"
		);
	});
}

fn held(who: &AccountId, reason: HoldReason) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Procurement(reason), who)
}

#[test]
fn try_state_catches_a_tally_that_differs_from_the_anonymous_ballots() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_voting();
		cast(ballot(id, 0, 1, 0, ALICE));
		assert_ok!(Procurement::do_try_state());
		AnonymousBallots::<Test>::insert(id, BOB, AnonymousBallot { bid: 1, seq: 0 });
		assert!(Procurement::do_try_state().is_err(), "a ballot the count doesn't know");
		AnonymousBallots::<Test>::remove(id, BOB);
		Projects::<Test>::mutate(id, |p| p.as_mut().unwrap().bids[2].votes = 1);
		assert!(Procurement::do_try_state().is_err(), "a vote no ballot backs");
		Projects::<Test>::mutate(id, |p| p.as_mut().unwrap().bids[2].votes = 0);
	});
}
