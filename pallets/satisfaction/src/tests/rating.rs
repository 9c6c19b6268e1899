//! Rating a service: who, when, once, 1..=5; scorecards; feeless; refunds.

use super::*;
use frame_support::dispatch::{CheckIfFeeless, GetDispatchInfo};

#[test]
fn served_resident_rates_once_and_both_scorecards_count_it() {
	scene().execute_with(|| {
		let r = served(ALICE);
		assert_ok!(Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 4, Some(hash(9))));

		assert_eq!(
			last_event(),
			Event::Rated {
				redemption: r,
				resident: 1,
				provider: PROVIDER,
				programme: PROGRAMME,
				score: 4,
				comment: Some(hash(9)),
			}
		);
		let stored = rating(r);
		assert_eq!((stored.score, stored.comment, stored.rated_at), (4, Some(hash(9)), 1));
		assert_eq!(stored.status, RatingStatus::Counted);
		for card in [provider_card(), programme_card()] {
			assert_eq!((card.count, card.sum, card.bad), (1, 4, 0));
			assert_eq!(card.histogram, [0, 0, 0, 1, 0]);
		}
		// A good rating opens no case.
		assert!(!Cases::<Test>::contains_key(r));
		assert_eq!(provider_card().cases_open, 0);
	});
}

#[test]
fn every_score_lands_in_its_bucket() {
	scene().execute_with(|| {
		let community = 1;
		for score in 1..=5u8 {
			let who = 200 + AccountId::from(score);
			MockRegistry::add_resident(&who, community);
			rate(who, served(who), score);
		}
		let card = provider_card();
		assert_eq!(card.histogram, [1, 1, 1, 1, 1]);
		assert_eq!((card.count, card.sum, card.bad), (5, 15, 2));
		assert_eq!(card.average_x100(), 300);
	});
}

#[test]
fn rate_with_score_outside_one_to_five_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		for score in [0, 6, 255] {
			assert_noop!(
				Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, score, None),
				Error::<Test>::ScoreOutOfRange
			);
		}
	});
}

#[test]
fn rate_by_non_resident_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(STRANGER), r, 5, None),
			Error::<Test>::NotResident
		);
	});
}

#[test]
fn rate_of_unknown_or_cancelled_redemption_fails() {
	scene().execute_with(|| {
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), 42, 5, None),
			Error::<Test>::UnknownRedemption
		);
		let r = served(ALICE);
		cancel(r);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 5, None),
			Error::<Test>::UnknownRedemption
		);
	});
}

#[test]
fn rate_by_another_resident_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(BOB), r, 1, None),
			Error::<Test>::NotRedeemer
		);
	});
}

#[test]
fn rate_before_confirmation_fails() {
	scene().execute_with(|| {
		let r = redeem(ALICE, PROVIDER, PROGRAMME, OFFICE);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 5, None),
			Error::<Test>::NotConfirmed
		);
		confirm(r);
		rate(ALICE, r, 5);
	});
}

#[test]
fn rate_twice_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 5);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 1, None),
			Error::<Test>::AlreadyRated
		);
	});
}

#[test]
fn rate_after_the_window_fails_and_on_its_last_block_succeeds() {
	scene().execute_with(|| {
		let late = served(ALICE);
		let on_time = served(BOB);
		run_to(1 + RATING_WINDOW + 1);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), late, 5, None),
			Error::<Test>::RatingWindowClosed
		);
		run_to(1 + RATING_WINDOW);
		rate(BOB, on_time, 5);
	});
}

#[test]
fn the_window_runs_from_confirmation_not_redemption() {
	scene().execute_with(|| {
		let r = redeem(ALICE, PROVIDER, PROGRAMME, OFFICE);
		run_to(50);
		confirm(r);
		run_to(50 + RATING_WINDOW);
		rate(ALICE, r, 5);
	});
}

#[test]
fn replaced_account_still_rates_and_the_old_one_cannot() {
	scene().execute_with(|| {
		let r = served(ALICE);
		let new_key = 1_000;
		MockRegistry::replace_account(&ALICE, &new_key);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 5, None),
			Error::<Test>::NotResident
		);
		rate(new_key, r, 5);
		assert_eq!(rating(r).resident, 1);
	});
}

#[test]
fn scorecards_are_kept_per_provider_and_per_programme() {
	scene().execute_with(|| {
		rate(ALICE, served_by(ALICE, PROVIDER, PROGRAMME), 5);
		rate(BOB, served_by(BOB, OTHER_PROVIDER, PROGRAMME), 3);
		rate(CHARLIE, served_by(CHARLIE, PROVIDER, PROGRAMME + 1), 4);

		assert_eq!((provider_card().count, provider_card().sum), (2, 9));
		let other = Providers::<Test>::get(OTHER_PROVIDER).scorecard;
		assert_eq!((other.count, other.sum), (1, 3));
		assert_eq!((programme_card().count, programme_card().sum), (2, 8));
		let next = Programmes::<Test>::get(PROGRAMME + 1);
		assert_eq!((next.count, next.sum), (1, 4));
	});
}

#[test]
fn rate_is_feeless_exactly_when_it_would_succeed() {
	scene().execute_with(|| {
		let r = served(ALICE);
		let call = |score| Call::<Test>::rate { redemption: r, score, comment: None };
		assert!(call(5).is_feeless(&RuntimeOrigin::signed(ALICE)));
		// Each failing cause pays: wrong score, wrong resident, non-resident, unsigned.
		assert!(!call(0).is_feeless(&RuntimeOrigin::signed(ALICE)));
		assert!(!call(5).is_feeless(&RuntimeOrigin::signed(BOB)));
		assert!(!call(5).is_feeless(&RuntimeOrigin::signed(STRANGER)));
		assert!(!call(5).is_feeless(&RuntimeOrigin::root()));
		let unknown = Call::<Test>::rate { redemption: 42, score: 5, comment: None };
		assert!(!unknown.is_feeless(&RuntimeOrigin::signed(ALICE)));

		rate(ALICE, r, 5);
		assert!(!call(5).is_feeless(&RuntimeOrigin::signed(ALICE)));

		let expired = served(BOB);
		run_to(1 + RATING_WINDOW + 1);
		let call = Call::<Test>::rate { redemption: expired, score: 5, comment: None };
		assert!(!call.is_feeless(&RuntimeOrigin::signed(BOB)));
	});
}

#[test]
fn other_calls_always_pay() {
	scene().execute_with(|| {
		let case = bad_case(ALICE);
		let provider = RuntimeOrigin::signed(PROVIDER);
		assert!(!Call::<Test>::respond_case { case, response: hash(1) }.is_feeless(&provider));
		assert!(!Call::<Test>::appeal { redemption: case, reason: hash(1) }.is_feeless(&provider));
	});
}

#[test]
fn a_good_rating_is_charged_the_lighter_weight() {
	scene().execute_with(|| {
		let call = Call::<Test>::rate { redemption: 1, score: 5, comment: None };
		assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::rate(1));

		let good = Satisfaction::rate(RuntimeOrigin::signed(ALICE), served(ALICE), 5, None);
		assert_eq!(good.unwrap().actual_weight, Some(<() as WeightInfo>::rate(0)));
		let bad = Satisfaction::rate(RuntimeOrigin::signed(BOB), served(BOB), 2, None);
		assert_eq!(bad.unwrap().actual_weight, None);
	});
}

#[test]
fn a_bad_rating_opens_a_case_with_a_deadline() {
	scene().execute_with(|| {
		run_to(5);
		let r = served(ALICE);
		rate(ALICE, r, 2);

		let deadline = 5 + RESPONSE_DEADLINE;
		assert_eq!(last_event(), Event::CaseOpened { case: r, provider: PROVIDER, deadline });
		let opened = case(r);
		assert_eq!((opened.opened_at, opened.deadline), (5, deadline));
		assert_eq!((opened.state, opened.state.response()), (CaseState::Open, None));
		assert_eq!(
			(opened.provider, opened.programme, opened.office),
			(PROVIDER, PROGRAMME, OFFICE)
		);
		for card in [provider_card(), programme_card()] {
			assert_eq!((card.bad, card.cases_open), (1, 1));
		}
		// A 3 is no bad rating.
		let neutral = served(BOB);
		rate(BOB, neutral, 3);
		assert!(!Cases::<Test>::contains_key(neutral));
	});
}

#[test]
fn provider_staff_cannot_rate_their_own_provider() {
	scene().execute_with(|| {
		let r = served(ALICE);
		let alice = <MockRegistry as gongzhi_primitives::CommunityRegistry<_, _>>::resident(&ALICE)
			.unwrap()
			.id;
		MockRegistry::add_staff(&PROVIDER, alice);
		assert_noop!(
			Satisfaction::rate(RuntimeOrigin::signed(ALICE), r, 5, None),
			Error::<Test>::ConflictOfInterest
		);
		let call = crate::Call::<Test>::rate { redemption: r, score: 5, comment: None };
		assert!(!call.is_feeless(&RuntimeOrigin::signed(ALICE)));
		// Served by another provider, the same resident rates as usual.
		let other = served_by(ALICE, OTHER_PROVIDER, PROGRAMME);
		assert_ok!(Satisfaction::rate(RuntimeOrigin::signed(ALICE), other, 5, None));
	});
}
