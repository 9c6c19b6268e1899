//! Anonymous surveys (匿名问卷, issue 19): a response is a general transaction with no signer,
//! authorized by a ring-VRF proof (here the `MockRings` double's proofs: pallet-rings' own tests
//! verify real ones), stored under the respondent's alias. What is checked: the rings open with
//! the survey for its opening block, named calls are refused in it and anonymous ones in a named
//! survey, a second response under the same alias only replaces the first (within
//! `MaxAmendments`), a non-member's proof, a proof for another survey, ring or answers, a replayed
//! proof, a response outside the window are each refused with their named error before any
//! block; tallies equal the stored responses; reaping removes the responses, then the rings, and
//! only then releases the deposit.

use super::*;
use codec::Decode;
use frame_support::{assert_noop, assert_ok, traits::UnfilteredDispatchable};
use gongzhi_primitives::anon::{message, Alias, AnonymousRings, ItemRef};

/// What an anonymous survey of community A (2 residents in the scene) holds.
const DEPOSIT_A: u64 = SURVEY_DEPOSIT + 2 * RING_MEMBER_DEPOSIT;

const FIRST: Alias = [0xa1; 32];
const SECOND: Alias = [0xb0; 32];

/// Creates the standard survey in `scope` as ADMIN, answered anonymously.
fn create_anonymous(scope: Scope) -> SurveyId {
	let id = NextSurveyId::<Test>::get();
	assert_ok!(NeedsSurvey::create_anonymous_survey(
		RuntimeOrigin::signed(ADMIN),
		scope,
		title(),
		standard_questions(),
		OPENS,
		CLOSES,
	));
	id
}

/// The standard anonymous survey of community A at its opening block, its one ring ready with
/// members `FIRST` and `SECOND` (ring 0).
fn anonymous_open() -> (Scene, SurveyId) {
	let s = scene();
	let id = create_anonymous(Scope::Community(s.a));
	run_to(OPENS);
	MockRings::make_ready(ItemRef::survey(id), 1);
	MockRings::add_member(ItemRef::survey(id), 0, FIRST);
	MockRings::add_member(ItemRef::survey(id), 0, SECOND);
	(s, id)
}

/// The call `alias` (a member of `ring`) makes with `answers` and sequence `seq`, proven over the
/// response's own message.
fn response(
	survey: SurveyId,
	ring: u32,
	seq: u32,
	alias: Alias,
	answers: AnswersOf<Test>,
) -> Call<Test> {
	let proof = MockRings::proof(ring, &message(survey, ring, &answers, seq), &alias);
	Call::respond_anonymously {
		survey,
		ring,
		seq,
		alias,
		answers,
		proof: BoundedVec::truncate_from(proof),
	}
}

/// Authorizes `call` as the pool (and block building) does; `Err(error name)` if refused.
fn authorize(call: &Call<Test>) -> Result<(), &'static str> {
	gongzhi_primitives::testing::authorize(call).map_err(|index| {
		let error = Error::<Test>::decode(&mut &[index][..]).expect("an error index");
		<&'static str>::from(error)
	})
}

/// Authorizes `call`, then dispatches it with the `Authorized` origin, as a block does.
fn submit(call: Call<Test>) {
	assert_eq!(authorize(&call), Ok(()));
	assert_ok!(call.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()));
}

fn held() -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::NeedsSurvey(HoldReason::SurveyDeposit), &ADMIN)
}

#[test]
fn an_anonymous_survey_opens_its_rings_for_its_opening_block() {
	build_and_execute(|| {
		let s = scene();
		let id = create_anonymous(Scope::Community(s.a));
		assert_eq!(info(id).mode, ResponseMode::Anonymous);
		assert_eq!(
			MockRings::opened(ItemRef::survey(id)),
			Some((Scope::Community(s.a), OPENS)),
			"fixed from the member keys registered before the survey opens"
		);
		// A named survey opens none.
		let named = create_standard(Scope::Community(s.a));
		assert_eq!(info(named).mode, ResponseMode::Named);
		assert_eq!(MockRings::opened(ItemRef::survey(named)), None);
	});
}

#[test]
fn an_anonymous_survey_holds_a_deposit_for_its_rings_by_the_residents_in_scope() {
	build_and_execute(|| {
		let s = scene();
		let a = create_anonymous(Scope::Community(s.a));
		assert_eq!(info(a).deposit, DEPOSIT_A);
		// The office's scope: communities A and B, 3 residents.
		let office = create_anonymous(Scope::Office(s.office));
		assert_eq!(info(office).deposit, SURVEY_DEPOSIT + 3 * RING_MEMBER_DEPOSIT);
		assert_eq!(held(), DEPOSIT_A + SURVEY_DEPOSIT + 3 * RING_MEMBER_DEPOSIT);
		// A named survey stores no rings: the survey's deposit only.
		let named = create_standard(Scope::Office(s.office));
		assert_eq!(info(named).deposit, SURVEY_DEPOSIT);

		// An officer who can pay a named survey's deposit but not an anonymous one's rings (with
		// a place free among the office's open surveys).
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), named));
		use frame_support::traits::fungible::{InspectHold, Mutate};
		Balances::set_balance(&OFFICER, SURVEY_DEPOSIT + RING_MEMBER_DEPOSIT + 1);
		let next = NextSurveyId::<Test>::get();
		assert_noop!(
			NeedsSurvey::create_anonymous_survey(
				RuntimeOrigin::signed(OFFICER),
				Scope::Community(s.a),
				title(),
				standard_questions(),
				OPENS,
				CLOSES,
			),
			Error::<Test>::InsufficientDeposit
		);
		assert_eq!(NextSurveyId::<Test>::get(), next);
		assert_eq!(MockRings::opened(ItemRef::survey(next)), None, "no rings opened");
		let named = create_as(OFFICER, Scope::Community(s.a));
		assert_eq!(info(named).deposit, SURVEY_DEPOSIT);
		assert_eq!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::NeedsSurvey(HoldReason::SurveyDeposit),
				&OFFICER
			),
			SURVEY_DEPOSIT
		);
	});
}

#[test]
fn a_response_with_no_signer_counts_under_its_alias() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		submit(response(id, 0, 0, FIRST, standard_answers(1, &[0, 2], 4)));
		submit(response(id, 0, 0, SECOND, standard_answers(1, &[2], 5)));
		assert_eq!(standard_tallies(id), (vec![0, 2, 0], vec![1, 0, 2, 0], [0, 0, 0, 1, 1]));
		assert_eq!(info(id).responses, 2);
		assert_eq!(
			AnonymousResponses::<Test>::get(id, FIRST),
			Some(Response { answers: standard_answers(1, &[0, 2], 4), amendments: 0 })
		);
		System::assert_last_event(
			Event::AnonymousResponseSubmitted { survey: id, ring: 0, alias: SECOND, seq: 0 }.into(),
		);
		assert!(Responses::<Test>::iter_prefix(id).next().is_none(), "no resident is named");
		assert_eq!(NeedsSurvey::survey_results(id).unwrap().responses, 2);
	});
}

#[test]
fn a_second_response_under_the_same_alias_only_replaces_the_first() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		submit(response(id, 0, 0, FIRST, standard_answers(0, &[0], 1)));
		submit(response(id, 0, 1, FIRST, standard_answers(2, &[3], 5)));
		assert_eq!(standard_tallies(id), (vec![0, 0, 1], vec![0, 0, 0, 1], [0, 0, 0, 0, 1]));
		assert_eq!(info(id).responses, 1);
		assert_eq!(AnonymousResponses::<Test>::get(id, FIRST).unwrap().amendments, 1);
		System::assert_last_event(
			Event::AnonymousResponseSubmitted { survey: id, ring: 0, alias: FIRST, seq: 1 }.into(),
		);
		// The same answers again change nothing: refused.
		assert_eq!(
			authorize(&response(id, 0, 2, FIRST, standard_answers(2, &[3], 5))),
			Err("AnswersUnchanged")
		);
	});
}

#[test]
fn a_replayed_proof_is_stale_and_a_sequence_ahead_is_refused() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		let first = response(id, 0, 0, FIRST, standard_answers(0, &[0], 1));
		submit(first.clone());
		submit(response(id, 0, 1, FIRST, standard_answers(1, &[1], 2)));
		// Anyone may resubmit the public first response: it can't switch the answers back.
		assert_eq!(authorize(&first), Err("StaleSequence"));
		assert_noop!(
			first.dispatch_bypass_filter(frame_system::RawOrigin::Authorized.into()),
			Error::<Test>::StaleSequence
		);
		assert_eq!(
			authorize(&response(id, 0, 5, FIRST, standard_answers(0, &[0], 1))),
			Err("SequenceAhead")
		);
	});
}

#[test]
fn proofs_of_non_members_or_for_another_survey_ring_or_answers_are_refused() {
	build_and_execute(|| {
		let (s, id) = anonymous_open();
		let answers = standard_answers(1, &[1], 3);
		// Not a member of the ring.
		assert_eq!(authorize(&response(id, 0, 0, [0xee; 32], answers.clone())), Err("BadProof"));
		// A member's proof for another survey, moved here.
		run_to(1);
		let other = create_anonymous(Scope::Community(s.a));
		run_to(OPENS);
		MockRings::make_ready(ItemRef::survey(other), 1);
		let proof = MockRings::proof(0, &message(other, 0, &answers, 0), &FIRST);
		let moved = Call::<Test>::respond_anonymously {
			survey: id,
			ring: 0,
			seq: 0,
			alias: FIRST,
			answers: answers.clone(),
			proof: BoundedVec::truncate_from(proof),
		};
		assert_eq!(authorize(&moved), Err("BadProof"));
		// A ring the survey doesn't have.
		assert_eq!(authorize(&response(id, 1, 0, FIRST, answers.clone())), Err("UnknownRing"));
		// A member's proof over other answers.
		let Call::respond_anonymously { proof, .. } =
			response(id, 0, 0, FIRST, standard_answers(2, &[2], 2))
		else {
			unreachable!()
		};
		let swapped = Call::<Test>::respond_anonymously {
			survey: id,
			ring: 0,
			seq: 0,
			alias: FIRST,
			answers: answers.clone(),
			proof,
		};
		assert_eq!(authorize(&swapped), Err("BadProof"));
		// A member's proof claiming another member's alias.
		let proof = MockRings::proof(0, &message(id, 0, &answers, 0), &FIRST);
		let claimed = Call::<Test>::respond_anonymously {
			survey: id,
			ring: 0,
			seq: 0,
			alias: SECOND,
			answers,
			proof: BoundedVec::truncate_from(proof),
		};
		assert_eq!(authorize(&claimed), Err("BadProof"));
		assert_eq!(info(id).responses, 0);
	});
}

#[test]
fn responses_wait_for_the_rings_and_the_window_and_answers_are_checked() {
	build_and_execute(|| {
		let s = scene();
		let id = create_anonymous(Scope::Community(s.a));
		let valid = standard_answers(1, &[1], 3);
		assert_eq!(authorize(&response(id, 0, 0, FIRST, valid.clone())), Err("NotYetOpen"));
		run_to(OPENS);
		assert_eq!(authorize(&response(id, 0, 0, FIRST, valid.clone())), Err("RingsNotReady"));
		MockRings::make_ready(ItemRef::survey(id), 1);
		MockRings::add_member(ItemRef::survey(id), 0, FIRST);
		let wrong = answers(vec![Answer::Choice(1)]);
		assert_eq!(authorize(&response(id, 0, 0, FIRST, wrong)), Err("WrongAnswerCount"));
		let out_of_range = standard_answers(7, &[1], 3);
		assert_eq!(authorize(&response(id, 0, 0, FIRST, out_of_range)), Err("OptionOutOfRange"));
		run_to(CLOSES);
		assert_eq!(authorize(&response(id, 0, 0, FIRST, valid.clone())), Err("ResponseWindowOver"));
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), id));
		assert_eq!(authorize(&response(id, 0, 0, FIRST, valid.clone())), Err("SurveyClosed"));
		assert_eq!(authorize(&response(99, 0, 0, FIRST, valid)), Err("UnknownSurvey"));
	});
}

#[test]
fn named_and_anonymous_calls_each_keep_to_their_surveys() {
	build_and_execute(|| {
		let (s, id) = anonymous_open();
		let answers = standard_answers(1, &[1], 3);
		// A resident can't answer an anonymous survey by name (and so twice).
		assert_noop!(
			NeedsSurvey::respond(RuntimeOrigin::signed(ALICE), id, answers.clone()),
			Error::<Test>::ResponsesAreAnonymous
		);
		assert_noop!(
			NeedsSurvey::amend(RuntimeOrigin::signed(ALICE), id, answers.clone()),
			Error::<Test>::ResponsesAreAnonymous
		);
		// Nor anonymously a named one.
		run_to(1);
		let named = create_standard(Scope::Community(s.a));
		run_to(OPENS);
		MockRings::make_ready(ItemRef::survey(named), 1);
		MockRings::add_member(ItemRef::survey(named), 0, FIRST);
		assert_eq!(authorize(&response(named, 0, 0, FIRST, answers)), Err("NotAnonymous"));
	});
}

#[test]
fn only_the_authorized_origin_may_dispatch_it() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		let call = response(id, 0, 0, FIRST, standard_answers(1, &[1], 3));
		assert_noop!(
			call.clone().dispatch_bypass_filter(RuntimeOrigin::signed(ALICE)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			call.dispatch_bypass_filter(RuntimeOrigin::root()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn amendments_are_bounded() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		let max: u8 = <Test as Config>::MaxAmendments::get();
		let max = u32::from(max);
		for seq in 0..=max {
			submit(response(id, 0, seq, FIRST, standard_answers((seq % 3) as u8, &[0], 1)));
		}
		assert_eq!(
			authorize(&response(id, 0, max + 1, FIRST, standard_answers(0, &[3], 5))),
			Err("TooManyAmendments")
		);
	});
}

#[test]
fn reaping_removes_the_responses_then_the_rings_and_then_releases_the_deposit() {
	build_and_execute(|| {
		let (_, id) = anonymous_open();
		submit(response(id, 0, 0, FIRST, standard_answers(0, &[0], 1)));
		submit(response(id, 0, 0, SECOND, standard_answers(1, &[1], 2)));
		run_to(CLOSES);
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ANYONE), id));
		let results = NeedsSurvey::survey_results(id);
		run_to(CLOSES + <Test as Config>::RetentionPeriod::get());
		let item = ItemRef::survey(id);
		let reap =
			|limit: u32| NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), id, limit);

		assert_ok!(reap(1));
		assert_eq!(AnonymousResponses::<Test>::iter_prefix(id).count(), 1);
		assert!(MockRings::remembers(item), "the rings wait for the responses");
		// The last response, then the rest of the limit on the rings (the double's: one record
		// per ring and one for the opening): the ring record this time.
		assert_ok!(reap(2));
		System::assert_last_event(
			Event::ResponsesReaped { survey: id, removed: 1, remaining: 0 }.into(),
		);
		assert_eq!(AnonymousResponses::<Test>::iter_prefix(id).count(), 0);
		assert!(MockRings::remembers(item));
		assert_eq!(held(), DEPOSIT_A, "held until all is gone");
		// No response left, but the rings' last record: still something to reap.
		assert_ok!(reap(2));
		assert!(!MockRings::remembers(item));
		assert_eq!(held(), 0);
		assert_noop!(reap(2), Error::<Test>::NothingToReap);
		assert_eq!(NeedsSurvey::survey_results(id), results, "the results stay");
	});
}

#[test]
fn an_anonymous_survey_closed_or_cancelled_without_responses_keeps_its_deposit_for_its_rings() {
	build_and_execute(|| {
		let s = scene();
		let closed = create_anonymous(Scope::Community(s.a));
		assert_ok!(NeedsSurvey::close(RuntimeOrigin::signed(ADMIN), closed));
		let cancelled = create_anonymous(Scope::Community(s.a));
		assert_ok!(NeedsSurvey::cancel(RuntimeOrigin::signed(ADMIN), cancelled));
		assert_eq!(held(), 2 * DEPOSIT_A);
		assert_noop!(
			NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), closed, 5),
			Error::<Test>::RetentionNotOver
		);
		run_to(1 + <Test as Config>::RetentionPeriod::get());
		for id in [closed, cancelled] {
			assert_ok!(NeedsSurvey::reap_responses(RuntimeOrigin::signed(ANYONE), id, 5));
			assert!(!MockRings::remembers(ItemRef::survey(id)));
		}
		assert_eq!(held(), 0);
	});
}

#[test]
fn try_state_catches_a_tally_that_differs_from_the_anonymous_responses() {
	new_test_ext().execute_with(|| {
		let (_, id) = anonymous_open();
		submit(response(id, 0, 0, FIRST, standard_answers(0, &[0], 1)));
		assert_ok!(NeedsSurvey::do_try_state());
		let stray = Response { answers: standard_answers(0, &[0], 1), amendments: 0 };
		AnonymousResponses::<Test>::insert(id, SECOND, stray.clone());
		assert!(NeedsSurvey::do_try_state().is_err(), "a response the count doesn't know");
		AnonymousResponses::<Test>::remove(id, SECOND);
		Responses::<Test>::insert(id, resident_id(ALICE), stray);
		assert!(NeedsSurvey::do_try_state().is_err(), "a named response in an anonymous survey");
		Responses::<Test>::remove(id, resident_id(ALICE));
		assert_ok!(NeedsSurvey::do_try_state());
	});
}
