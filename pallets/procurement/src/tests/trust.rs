//! The trust rules: nothing can hold an office's project places for ever, the chain's admin can
//! cancel, relayed ballots can't outlive their ballot, and provider staff don't vote on their
//! own provider (回避) by any path.

use super::*;
use frame_support::{assert_noop, dispatch::CheckIfFeeless};

fn try_create(rules: ProjectRules<BlockNumber>) -> sp_runtime::DispatchResult {
	Procurement::create_project(
		RuntimeOrigin::signed(admin()),
		text("Elderly meals"),
		text("Lunch delivered"),
		H256::repeat_byte(0xd0),
		BUDGET,
		None,
		rules,
	)
}

fn shifted(rules: ProjectRules<BlockNumber>, by: BlockNumber) -> ProjectRules<BlockNumber> {
	let shift = |w: Window<BlockNumber>| Window { start: w.start + by, end: w.end + by };
	let method = match rules.method {
		VotingMethod::Secret { reveal_end } => VotingMethod::Secret { reveal_end: reveal_end + by },
		other @ (VotingMethod::Open | VotingMethod::Anonymous) => other,
	};
	ProjectRules { bidding: shift(rules.bidding), voting: shift(rules.voting), method, ..rules }
}

#[test]
fn bidding_cannot_open_so_late_that_a_project_holds_an_office_place_for_ever() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let rules = open_rules(Scope::Community(s.c1));
		// The standard rules open bidding at block 3, two blocks ahead of block 1.
		let too_late = shifted(rules, LEAD_TIME - 1);
		assert_noop!(try_create(too_late), Error::<Test>::StartsTooLate);
		assert_ok!(try_create(shifted(rules, LEAD_TIME - 2)));
	});
}

#[test]
fn a_project_cannot_run_longer_than_max_duration() {
	new_test_ext().execute_with(|| {
		let s = scene();
		let mut rules = secret_rules(Scope::Community(s.c1));
		rules.method = VotingMethod::Secret { reveal_end: BIDDING_START + MAX_DURATION + 1 };
		assert_noop!(try_create(rules), Error::<Test>::ProjectTooLong);
		rules.method = VotingMethod::Secret { reveal_end: BIDDING_START + MAX_DURATION };
		assert_ok!(try_create(rules));
	});
}

#[test]
fn the_chains_admin_origin_cancels_a_project_even_while_voting() {
	new_test_ext().execute_with(|| {
		let (s, project) = voting();
		// The office itself can't any more: the rules are locked.
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::signed(admin()), project, text("no")),
			Error::<Test>::RulesLocked
		);
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::root(), project, text("fraud")));
		assert!(matches!(stored(project).state, ProjectState::Cancelled { .. }));
		assert!(!OpenProjects::<Test>::get(s.office).contains(&project));
		assert_noop!(
			Procurement::cancel_project(RuntimeOrigin::root(), project, text("again")),
			Error::<Test>::ProjectClosed
		);
	});
}

#[test]
fn a_relayed_ballots_deadline_cannot_outlive_the_ballot() {
	new_test_ext().execute_with(|| {
		let (_, project) = voting();
		let deadline = VOTING_END;
		let message = Procurement::relayed_ballot_message(project, &Choice::Bid(0), 0, deadline);
		let signature = sign(&signer_key(), &message);
		assert_noop!(
			Procurement::vote_relayed(
				RuntimeOrigin::signed(alice()),
				project,
				signer(),
				Choice::Bid(0),
				0,
				deadline,
				signature,
			),
			Error::<Test>::DeadlineAfterVoting
		);
	});
}

#[test]
fn provider_staff_cannot_vote_in_a_project_their_provider_bids_in() {
	new_test_ext().execute_with(|| {
		let (_, project) = voting();
		MockRegistry::add_staff(&p3(), rid(&alice()));
		// Not even for a competitor: they may not take part in that project at all.
		assert_noop!(
			Procurement::vote(RuntimeOrigin::signed(alice()), project, 0),
			Error::<Test>::ConflictOfInterest
		);
		let call = Call::<Test>::vote { project, bid: 0 };
		assert!(!call.is_feeless(&RuntimeOrigin::signed(alice())));
		// Staff of a provider that doesn't bid here may vote.
		MockRegistry::add_staff(&p5(), rid(&bob()));
		vote(&bob(), project, 0);
	});
}

#[test]
fn provider_staff_cannot_vote_by_a_relayed_ballot() {
	new_test_ext().execute_with(|| {
		let (_, project) = voting();
		MockRegistry::add_staff(&p1(), rid(&signer()));
		let deadline = VOTING_END - 1;
		let message = Procurement::relayed_ballot_message(project, &Choice::Bid(1), 0, deadline);
		assert_noop!(
			Procurement::vote_relayed(
				RuntimeOrigin::signed(alice()),
				project,
				signer(),
				Choice::Bid(1),
				0,
				deadline,
				sign(&signer_key(), &message),
			),
			Error::<Test>::ConflictOfInterest
		);
	});
}

#[test]
fn provider_staff_cannot_commit_or_reveal_in_a_secret_ballot() {
	new_test_ext().execute_with(|| {
		let (_, project) = secret_voting();
		MockRegistry::add_staff(&p2(), rid(&alice()));
		let commitment = ballot_commitment(project, 0, &SALT, rid(&alice()));
		assert_noop!(
			Procurement::commit_vote(RuntimeOrigin::signed(alice()), project, commitment),
			Error::<Test>::ConflictOfInterest
		);
		// Declared staff after committing: the reveal doesn't count them either.
		commit(&bob(), project, 0);
		MockRegistry::add_staff(&p1(), rid(&bob()));
		run_to(VOTING_END);
		assert_noop!(
			Procurement::reveal_vote(RuntimeOrigin::signed(bob()), project, 0, SALT),
			Error::<Test>::ConflictOfInterest
		);
	});
}

fn held(who: &AccountId, reason: HoldReason) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::Procurement(reason), who)
}

#[test]
fn a_project_and_its_bids_hold_deposits_that_cancelling_releases() {
	new_test_ext().execute_with(|| {
		let (_, project) = open_project();
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), PROJECT_DEPOSIT);
		run_to(BIDDING_START);
		bid(&p1(), project, 900);
		bid(&p2(), project, 800);
		assert_eq!(held(&p1(), HoldReason::BidDeposit), BID_DEPOSIT);
		// Withdrawing gives the bid's deposit back at once.
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p2()), project));
		assert_eq!(held(&p2(), HoldReason::BidDeposit), 0);
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::root(), project, text("stop")));
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), 0);
		assert_eq!(held(&p1(), HoldReason::BidDeposit), 0);
		assert_eq!(Balances::free_balance(admin()), ENDOWMENT);
		assert_eq!(Balances::free_balance(p1()), ENDOWMENT);
	});
}

#[test]
fn a_disqualified_bid_gets_its_deposit_back() {
	new_test_ext().execute_with(|| {
		let (_, project) = open_project();
		run_to(BIDDING_START);
		bid(&p1(), project, 900);
		assert_ok!(Procurement::disqualify_bid(
			RuntimeOrigin::signed(admin()),
			project,
			0,
			text("no licence")
		));
		assert_eq!(held(&p1(), HoldReason::BidDeposit), 0);
	});
}

#[test]
fn closing_releases_the_bids_and_reaping_the_last_ballot_releases_the_project() {
	new_test_ext().execute_with(|| {
		let (_, project) = voting();
		for who in [alice(), bob(), carol()] {
			vote(&who, project, 1);
		}
		run_to(VOTING_END);
		assert_ok!(Procurement::close(RuntimeOrigin::signed(stranger()), project));
		for p in [p1(), p2(), p3()] {
			assert_eq!(held(&p, HoldReason::BidDeposit), 0);
		}
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), PROJECT_DEPOSIT);
		run_to(VOTING_END + RETENTION);
		assert_ok!(Procurement::reap_ballots(RuntimeOrigin::signed(stranger()), project, 2));
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), PROJECT_DEPOSIT);
		assert_ok!(Procurement::reap_ballots(RuntimeOrigin::signed(stranger()), project, 2));
		assert_eq!(held(&admin(), HoldReason::ProjectDeposit), 0);
	});
}

#[test]
fn an_office_that_cannot_pay_the_deposit_cannot_open_a_project() {
	new_test_ext().execute_with(|| {
		let s = scene();
		use frame_support::traits::fungible::Mutate;
		assert_ok!(Balances::burn_from(
			&admin(),
			ENDOWMENT,
			frame_support::traits::tokens::Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Polite,
		));
		assert_noop!(
			try_create(open_rules(Scope::Community(s.c1))),
			Error::<Test>::InsufficientDeposit
		);
	});
}
