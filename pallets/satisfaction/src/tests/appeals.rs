//! Appeals: the provider appeals once in time; the office upholds or rejects.

use super::*;

fn appeal(redemption: RedemptionId) {
	assert_ok!(Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), redemption, hash(5)));
}

fn decide(redemption: RedemptionId, decision: AppealDecision) {
	assert_ok!(Satisfaction::decide_appeal(RuntimeOrigin::signed(ADMIN), redemption, decision));
}

#[test]
fn provider_appeals_within_the_window_and_the_rating_still_counts() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		run_to(1 + APPEAL_WINDOW);
		appeal(r);
		assert_eq!(
			last_event(),
			Event::AppealLodged { redemption: r, provider: PROVIDER, reason: hash(5) }
		);
		assert_eq!(
			rating(r).status,
			RatingStatus::UnderAppeal { reason: hash(5), lodged_at: 1 + APPEAL_WINDOW }
		);
		assert_eq!((provider_card().count, provider_card().bad), (1, 1));
	});
}

#[test]
fn appeal_by_anyone_but_the_provider_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		for who in [OTHER_PROVIDER, ADMIN, ALICE] {
			assert_noop!(
				Satisfaction::appeal(RuntimeOrigin::signed(who), r, hash(5)),
				Error::<Test>::NotProvider
			);
		}
	});
}

#[test]
fn appeal_of_an_unrated_redemption_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		assert_noop!(
			Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(5)),
			Error::<Test>::UnknownRating
		);
	});
}

#[test]
fn appeal_after_the_window_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		run_to(1 + APPEAL_WINDOW + 1);
		assert_noop!(
			Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(5)),
			Error::<Test>::AppealWindowClosed
		);
	});
}

#[test]
fn appeal_twice_fails_pending_or_decided() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		appeal(r);
		assert_noop!(
			Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(6)),
			Error::<Test>::AlreadyAppealed
		);
		decide(r, AppealDecision::Reject);
		assert_noop!(
			Satisfaction::appeal(RuntimeOrigin::signed(PROVIDER), r, hash(6)),
			Error::<Test>::AlreadyAppealed
		);
	});
}

#[test]
fn an_upheld_appeal_takes_the_rating_out_but_keeps_it_visible() {
	scene().execute_with(|| {
		rate(BOB, served(BOB), 5);
		let r = served(ALICE);
		rate(ALICE, r, 1);
		appeal(r);
		run_to(3);
		decide(r, AppealDecision::Uphold);

		assert_eq!(
			last_event(),
			Event::AppealDecided {
				redemption: r,
				office: OFFICE,
				decision: AppealDecision::Uphold
			}
		);
		let stored = rating(r);
		assert_eq!(stored.status, RatingStatus::AppealUpheld { reason: hash(5), decided_at: 3 });
		assert_eq!(stored.score, 1);
		for card in [provider_card(), programme_card()] {
			assert_eq!((card.count, card.sum, card.bad, card.appeals_upheld), (1, 5, 0, 1));
			assert_eq!(card.histogram, [0, 0, 0, 0, 1]);
		}
	});
}

#[test]
fn an_upheld_appeal_dismisses_the_pending_case() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 2);
		appeal(r);
		decide(r, AppealDecision::Uphold);
		assert_eq!(
			case(r).state,
			CaseState::Dismissed { closed_at: 1, late: false, response: None }
		);
		assert_eq!((provider_card().cases_open, provider_card().cases_dismissed), (0, 1));
		assert!(Providers::<Test>::get(PROVIDER).unanswered.is_none());
	});
}

#[test]
fn an_upheld_appeal_leaves_a_closed_case_as_it_was() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 2);
		appeal(r);
		assert_ok!(Satisfaction::close_case(
			RuntimeOrigin::signed(ADMIN),
			r,
			CaseOutcome::Rectified
		));
		decide(r, AppealDecision::Uphold);
		assert_eq!(
			case(r).state,
			CaseState::Rectified { closed_at: 1, late: false, response: None }
		);
		assert_eq!((provider_card().cases_rectified, provider_card().cases_dismissed), (1, 0));
	});
}

#[test]
fn a_rejected_appeal_keeps_the_rating_counted() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		appeal(r);
		decide(r, AppealDecision::Reject);
		assert_eq!(
			rating(r).status,
			RatingStatus::AppealRejected { reason: hash(5), decided_at: 1 }
		);
		assert_eq!(
			(provider_card().count, provider_card().bad, provider_card().appeals_upheld),
			(1, 1, 0)
		);
		assert_eq!(case(r).state, CaseState::Open);
	});
}

#[test]
fn decide_by_anyone_but_the_programmes_office_admin_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		appeal(r);
		for who in [OTHER_ADMIN, PROVIDER] {
			assert_noop!(
				Satisfaction::decide_appeal(RuntimeOrigin::signed(who), r, AppealDecision::Uphold),
				Error::<Test>::NotOfficeAdmin
			);
		}
	});
}

#[test]
fn decide_without_a_pending_appeal_fails() {
	scene().execute_with(|| {
		let r = served(ALICE);
		rate(ALICE, r, 1);
		assert_noop!(
			Satisfaction::decide_appeal(RuntimeOrigin::signed(ADMIN), r, AppealDecision::Uphold),
			Error::<Test>::NoPendingAppeal
		);
		appeal(r);
		decide(r, AppealDecision::Uphold);
		assert_noop!(
			Satisfaction::decide_appeal(RuntimeOrigin::signed(ADMIN), r, AppealDecision::Reject),
			Error::<Test>::NoPendingAppeal
		);
	});
}

#[test]
fn decide_on_an_unknown_rating_fails() {
	scene().execute_with(|| {
		assert_noop!(
			Satisfaction::decide_appeal(RuntimeOrigin::signed(ADMIN), 42, AppealDecision::Uphold),
			Error::<Test>::UnknownRating
		);
	});
}
