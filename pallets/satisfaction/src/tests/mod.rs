//! Unit tests, by theme. Every test runs in `mock::scene()` (or `new_test_ext()`), whose
//! `execute_with` checks `do_try_state` afterwards.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use gongzhi_primitives::RedemptionId;

mod appeals;
mod cases;
mod rating;
mod retention;
mod standing;
mod views;

/// The last event of this pallet.
fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Satisfaction(e) => Some(e),
			_ => None,
		})
		.expect("an event of this pallet")
}

/// `who` rates `redemption` with `score`, no comment.
fn rate(who: AccountId, redemption: RedemptionId, score: Score) {
	assert_ok!(Satisfaction::rate(RuntimeOrigin::signed(who), redemption, score, None));
}

/// A bad rating (1) of `PROVIDER` by `who`: returns the case.
fn bad_case(who: AccountId) -> CaseId {
	let redemption = served(who);
	rate(who, redemption, 1);
	redemption
}

fn provider_card() -> Scorecard {
	Providers::<Test>::get(PROVIDER).scorecard
}

fn programme_card() -> Scorecard {
	Programmes::<Test>::get(PROGRAMME)
}

fn case(id: CaseId) -> CaseOf<Test> {
	Cases::<Test>::get(id).expect("a case")
}

fn rating(id: RedemptionId) -> RatingOf<Test> {
	Ratings::<Test>::get(id).expect("a rating")
}
