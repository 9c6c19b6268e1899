//! Submitting, withdrawing and disqualifying bids.

use super::*;
use frame_support::assert_noop;

fn try_bid(
	who: &AccountId,
	project: ProjectId,
	price: Amount,
) -> frame_support::dispatch::DispatchResult {
	Procurement::submit_bid(
		RuntimeOrigin::signed(who.clone()),
		project,
		price,
		text("Hot lunches, 11:30 daily"),
		H256::repeat_byte(0xb1),
	)
}

/// The standard open project, at the first bidding block.
fn bidding() -> (Scene, ProjectId) {
	let (s, id) = open_project();
	run_to(BIDDING_START);
	(s, id)
}

#[test]
fn submit_bid_records_the_bid() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));

		assert_eq!(
			stored(id).bids.to_vec(),
			vec![BidSlot { price: 900, state: BidState::Active, votes: 0 }]
		);
		// The slot (above) is the one record of the price and the standing; the bid record keeps
		// what the provider submitted, and a standing bid has no withdrawal or disqualification.
		let record = Bids::<Test>::get(id, 0).unwrap();
		assert_eq!(record.provider, p1());
		assert_eq!(record.summary.to_vec(), b"Hot lunches, 11:30 daily".to_vec());
		assert_eq!(record.proposal, H256::repeat_byte(0xb1));
		assert_eq!(record.submitted_at, BIDDING_START);
		assert_eq!(Withdrawals::<Test>::get(id, 0), None);
		assert_eq!(Disqualifications::<Test>::get(id, 0), None);
		assert_eq!(ProviderBids::<Test>::get(id, p1()), Some(0));
		assert_eq!(
			last_event(),
			Event::BidSubmitted { project: id, bid: 0, provider: p1(), price: 900 }
		);

		assert_ok!(try_bid(&p2(), id, 800));
		assert_eq!(
			last_event(),
			Event::BidSubmitted { project: id, bid: 1, provider: p2(), price: 800 }
		);
	});
}

#[test]
fn submit_bid_outside_the_bidding_window_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_noop!(try_bid(&p1(), id, 900), Error::<Test>::BiddingNotOpen);
		run_to(VOTING_START);
		assert_noop!(try_bid(&p1(), id, 900), Error::<Test>::BiddingNotOpen);
		run_to(VOTING_START - 1);
		assert_ok!(try_bid(&p1(), id, 900));
	});
}

#[test]
fn submit_bid_by_a_provider_not_approved_in_the_office_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_noop!(try_bid(&p_other(), id, 900), Error::<Test>::NotApprovedProvider);
		assert_noop!(try_bid(&alice(), id, 900), Error::<Test>::NotApprovedProvider);
	});
}

#[test]
fn submit_bid_by_a_provider_not_in_good_standing_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		set_poor_standing(&p1());
		assert_noop!(try_bid(&p1(), id, 900), Error::<Test>::NotInGoodStanding);
	});
}

#[test]
fn submit_bid_over_budget_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_noop!(try_bid(&p1(), id, BUDGET + 1), Error::<Test>::PriceOverBudget);
		assert_ok!(try_bid(&p1(), id, BUDGET));
	});
}

#[test]
fn a_second_bid_by_the_same_provider_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_noop!(try_bid(&p1(), id, 800), Error::<Test>::AlreadyBid);
	});
}

#[test]
fn bidding_again_after_withdrawing_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		assert_noop!(try_bid(&p1(), id, 800), Error::<Test>::AlreadyBid);
	});
}

#[test]
fn a_bid_over_max_bids_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		for p in [p1(), p2(), p3(), p4()].iter().take(MAX_BIDS as usize) {
			assert_ok!(try_bid(p, id, 500));
		}
		assert_noop!(try_bid(&p5(), id, 500), Error::<Test>::TooManyBids);
	});
}

#[test]
fn submit_bid_to_unknown_project_fails() {
	new_test_ext().execute_with(|| {
		let _ = bidding();
		assert_noop!(try_bid(&p1(), 5, 500), Error::<Test>::UnknownProject);
	});
}

#[test]
fn withdraw_bid_during_bidding() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_ok!(try_bid(&p2(), id, 800));
		run_to(BIDDING_START + 2);
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p2()), id));

		assert_eq!(stored(id).bids[1].state, BidState::Withdrawn);
		assert_eq!(stored(id).bids[0].state, BidState::Active);
		assert_eq!(Withdrawals::<Test>::get(id, 1), Some(BIDDING_START + 2));
		assert_eq!(Withdrawals::<Test>::get(id, 0), None);
		assert_eq!(Disqualifications::<Test>::get(id, 1), None);
		assert_eq!(last_event(), Event::BidWithdrawn { project: id, bid: 1, provider: p2() });
	});
}

#[test]
fn withdraw_bid_after_bidding_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		run_to(VOTING_START);
		assert_noop!(
			Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id),
			Error::<Test>::BiddingNotOpen
		);
	});
}

#[test]
fn withdraw_without_a_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_noop!(
			Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id),
			Error::<Test>::NoBid
		);
		assert_noop!(
			Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), 3),
			Error::<Test>::UnknownProject
		);
	});
}

#[test]
fn withdraw_twice_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		assert_noop!(
			Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id),
			Error::<Test>::BidNotActive
		);
	});
}

#[test]
fn disqualify_bid_keeps_the_reason_on_chain() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		let reason = text("No food-safety licence");
		assert_ok!(Procurement::disqualify_bid(
			RuntimeOrigin::signed(admin()),
			id,
			0,
			reason.clone()
		));

		assert_eq!(stored(id).bids[0].state, BidState::Disqualified);
		assert_eq!(
			Disqualifications::<Test>::get(id, 0),
			Some(Disqualification { reason: reason.clone(), at: BIDDING_START })
		);
		assert_eq!(Withdrawals::<Test>::get(id, 0), None);
		assert_eq!(last_event(), Event::BidDisqualified { project: id, bid: 0, reason });
	});
}

#[test]
fn disqualify_bid_during_review_between_bidding_and_voting() {
	new_test_ext().execute_with(|| {
		let (_, id) = project_with(|s| ProjectRules {
			bidding: Window { start: BIDDING_START, end: 8 },
			..open_rules(Scope::Community(s.c1))
		});
		run_to(BIDDING_START);
		assert_ok!(try_bid(&p1(), id, 900));
		run_to(9);
		assert_eq!(stored(id).phase(9), Phase::Review);
		// Providers can no longer withdraw, but the office can still disqualify.
		assert_noop!(
			Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id),
			Error::<Test>::BiddingNotOpen
		);
		assert_ok!(Procurement::disqualify_bid(
			RuntimeOrigin::signed(admin()),
			id,
			0,
			text("late papers")
		));
	});
}

#[test]
fn disqualify_bid_once_voting_opened_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 0, text("too late")),
			Error::<Test>::VotingStarted
		);
	});
}

#[test]
fn disqualify_bid_without_reason_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 0, text("")),
			Error::<Test>::ReasonRequired
		);
	});
}

#[test]
fn disqualify_unknown_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 0, text("?")),
			Error::<Test>::UnknownBid
		);
	});
}

#[test]
fn disqualify_withdrawn_bid_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_ok!(Procurement::withdraw_bid(RuntimeOrigin::signed(p1()), id));
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 0, text("x")),
			Error::<Test>::BidNotActive
		);
	});
}

#[test]
fn disqualify_by_another_admin_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = bidding();
		assert_ok!(try_bid(&p1(), id, 900));
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(other_admin()), id, 0, text("x")),
			Error::<Test>::NotOfficeAdmin
		);
	});
}

#[test]
fn disqualify_in_cancelled_project_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = open_project();
		assert_ok!(Procurement::cancel_project(RuntimeOrigin::signed(admin()), id, text("off")));
		assert_noop!(
			Procurement::disqualify_bid(RuntimeOrigin::signed(admin()), id, 0, text("x")),
			Error::<Test>::ProjectClosed
		);
	});
}
