//! Community activities: published by an officer or an approved provider; residents check in
//! once, within the window, for free.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};
use gongzhi_primitives::{ActivityId, CommunityId, CommunityRegistry, H256};
use sp_runtime::DispatchResult;

fn content() -> H256 {
	H256::repeat_byte(0xac)
}

/// Publishes an activity of `EAST` by `OFFICER` with the window `starts_at..=ends_at`.
fn publish(starts_at: u64, ends_at: u64) -> ActivityId {
	let id = NextActivityId::<Test>::get();
	assert_ok!(Community::publish_activity(
		RuntimeOrigin::signed(OFFICER),
		EAST,
		ActivityKind::Volunteering,
		content(),
		starts_at,
		ends_at
	));
	id
}

fn publish_as(who: u64, community: CommunityId, starts_at: u64, ends_at: u64) -> DispatchResult {
	Community::publish_activity(
		RuntimeOrigin::signed(who),
		community,
		ActivityKind::Health,
		content(),
		starts_at,
		ends_at,
	)
}

fn is_feeless(who: u64, activity: ActivityId) -> bool {
	Call::<Test>::check_in { activity }.is_feeless(&RuntimeOrigin::signed(who))
}

#[test]
fn an_officer_publishes_an_activity() {
	in_district(|| {
		assert_ok!(Community::publish_activity(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ActivityKind::Consultation,
			content(),
			5,
			20
		));
		assert_eq!(
			Activities::<Test>::get(0),
			Some(ActivityRecord {
				community: EAST,
				publisher: Publisher::Officer(OFFICER),
				kind: ActivityKind::Consultation,
				content_hash: content(),
				starts_at: 5,
				ends_at: 20,
				attendance: 0,
				status: ActivityStatus::Published,
			})
		);
		assert_eq!(OpenActivities::<Test>::get(EAST).to_vec(), vec![(0, 20)]);
		System::assert_last_event(
			Event::ActivityPublished {
				activity: 0,
				community: EAST,
				publisher: OFFICER,
				kind: ActivityKind::Consultation,
				starts_at: 5,
				ends_at: 20,
				deposit: ACTIVITY_DEPOSIT,
			}
			.into(),
		);
	});
}

#[test]
fn a_provider_approved_in_the_office_publishes_an_activity() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(publish_as(PROVIDER, WEST, 1, 10));
		assert_eq!(Activities::<Test>::get(0).unwrap().publisher, Publisher::Provider(PROVIDER));
	});
}

#[test]
fn publish_activity_without_a_role_there_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE2);
		add_provider(PROVIDER2, OFFICE);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER2));
		// A stranger, the office admin, an officer of another community, a provider approved
		// in another office, a suspended provider.
		for who in [STRANGER, ADMIN, OFFICER_WEST, PROVIDER, PROVIDER2] {
			assert_noop!(publish_as(who, EAST, 1, 10), Error::<Test>::NotPublisher);
		}
	});
}

#[test]
fn publish_activity_in_an_unknown_community_fails() {
	in_district(|| {
		assert_noop!(publish_as(OFFICER, 9, 1, 10), Error::<Test>::UnknownCommunity);
	});
}

#[test]
fn publish_activity_with_an_inverted_window_fails() {
	in_district(|| {
		assert_noop!(publish_as(OFFICER, EAST, 10, 9), Error::<Test>::InvalidWindow);
	});
}

#[test]
fn publish_activity_that_has_already_ended_fails() {
	in_district(|| {
		run_to(10);
		assert_noop!(publish_as(OFFICER, EAST, 5, 9), Error::<Test>::WindowInPast);
		// Ending now is still fine.
		assert_ok!(publish_as(OFFICER, EAST, 5, 10));
	});
}

#[test]
fn publish_activity_longer_than_the_bound_fails() {
	in_district(|| {
		// MaxActivityDuration is 100 blocks.
		assert_noop!(publish_as(OFFICER, EAST, 1, 102), Error::<Test>::ActivityTooLong);
		assert_ok!(publish_as(OFFICER, EAST, 1, 101));
	});
}

#[test]
fn publish_more_open_activities_than_the_bound_fails_until_one_ends() {
	in_district(|| {
		// MaxOpenActivities is 3.
		publish(1, 5);
		publish(1, 50);
		publish(10, 60);
		assert_noop!(publish_as(OFFICER, EAST, 1, 10), Error::<Test>::TooManyOpenActivities);
		// Another community has its own room.
		assert_ok!(publish_as(OFFICER_WEST, WEST, 1, 10));
		// Once the first has ended, publishing prunes it and there is room again.
		run_to(6);
		let id = publish(6, 30);
		assert_eq!(OpenActivities::<Test>::get(EAST).to_vec(), vec![(1, 50), (2, 60), (id, 30)]);
	});
}

#[test]
fn publish_activity_when_ids_are_exhausted_fails() {
	in_district(|| {
		NextActivityId::<Test>::put(ActivityId::MAX);
		assert_noop!(publish_as(OFFICER, EAST, 1, 10), Error::<Test>::IdsExhausted);
		NextActivityId::<Test>::kill();
	});
}

#[test]
fn a_resident_checks_in_within_the_window() {
	in_district(|| {
		let resident = add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		let activity = publish(5, 8);
		run_to(5);
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), activity));
		assert!(Community::has_checked_in(activity, resident));
		System::assert_last_event(Event::CheckedIn { activity, resident, attendance: 1 }.into());
		// The last block of the window still counts.
		run_to(8);
		assert_ok!(Community::check_in(RuntimeOrigin::signed(BOB), activity));
		assert_eq!(Activities::<Test>::get(activity).unwrap().attendance, 2);
	});
}

#[test]
fn check_in_before_the_window_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let activity = publish(5, 8);
		run_to(4);
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), activity),
			Error::<Test>::ActivityNotStarted
		);
	});
}

#[test]
fn check_in_after_the_window_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let activity = publish(5, 8);
		run_to(9);
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), activity),
			Error::<Test>::ActivityEnded
		);
	});
}

#[test]
fn check_in_twice_fails_even_with_a_new_account() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let activity = publish(1, 8);
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), activity));
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), activity),
			Error::<Test>::AlreadyCheckedIn
		);
		// Attendance is per person: a replaced account cannot check in again.
		replace_key(ALICE, CAROL);
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(CAROL), activity),
			Error::<Test>::AlreadyCheckedIn
		);
	});
}

#[test]
fn check_in_by_a_non_resident_fails() {
	in_district(|| {
		let activity = publish(1, 8);
		// Not even the officer who published it.
		for who in [STRANGER, OFFICER] {
			assert_noop!(
				Community::check_in(RuntimeOrigin::signed(who), activity),
				Error::<Test>::NotResident
			);
		}
	});
}

#[test]
fn check_in_by_a_resident_of_another_community_fails() {
	in_district(|| {
		add_resident(WEST, BOB);
		let activity = publish(1, 8);
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(BOB), activity),
			Error::<Test>::NotResidentOfCommunity
		);
	});
}

#[test]
fn check_in_at_an_unknown_activity_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), 5),
			Error::<Test>::UnknownActivity
		);
	});
}

#[test]
fn check_in_is_free_exactly_when_it_will_succeed() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(WEST, BOB);
		let activity = publish(3, 8);
		// Not started yet, unknown activity, not a resident, resident elsewhere: pays.
		assert!(!is_feeless(ALICE, activity));
		run_to(3);
		assert!(is_feeless(ALICE, activity));
		assert!(!is_feeless(ALICE, activity + 1));
		assert!(!is_feeless(STRANGER, activity));
		assert!(!is_feeless(BOB, activity));
		assert!(!Call::<Test>::check_in { activity }.is_feeless(&RuntimeOrigin::root()));
		// The same check as the call: once it succeeds, a second one pays.
		assert_eq!(Community::ensure_check_in(&ALICE, activity).map(|(_, r)| r), Ok(0));
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), activity));
		assert!(!is_feeless(ALICE, activity));
		assert_eq!(
			Community::ensure_check_in(&ALICE, activity).map(|(_, r)| r),
			Err(Error::<Test>::AlreadyCheckedIn.into())
		);
	});
}

#[test]
fn other_calls_always_pay() {
	in_district(|| {
		let call = Call::<Test>::register_resident {
			community: EAST,
			who: ALICE,
			person_hash: person(1),
			household: None,
		};
		assert!(!call.is_feeless(&RuntimeOrigin::signed(OFFICER)));
	});
}

#[test]
fn pending_activities_are_those_not_ended_and_not_attended() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let ends_soon = publish(1, 4);
		let attended = publish(1, 40);
		let upcoming = publish(20, 40);
		let elsewhere = NextActivityId::<Test>::get();
		assert_ok!(publish_as(OFFICER_WEST, WEST, 1, 40));
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), attended));
		let alice = Community::resident(&ALICE).unwrap();
		assert_eq!(Community::pending_activities(&alice), vec![ends_soon, upcoming]);
		run_to(5);
		assert_eq!(Community::pending_activities(&alice), vec![upcoming]);
		assert!(!Community::pending_activities(&alice).contains(&elsewhere));
	});
}

#[test]
fn activity_details_show_publisher_window_and_attendance() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_resident(EAST, ALICE);
		assert_ok!(publish_as(PROVIDER, EAST, 1, 9));
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(
			Community::activity_details(0),
			Some(ActivityView {
				id: 0,
				community: EAST,
				publisher: PROVIDER,
				by_provider: true,
				kind: ActivityKind::Health,
				content_hash: content(),
				starts_at: 1,
				ends_at: 9,
				attendance: 1,
				cancelled_at: None,
			})
		);
		assert_eq!(Community::activity_details(1), None);
	});
}

/// `EAST` activity 0 (window 1..=8) attended by `ALICE`, `BOB` and `CAROL`.
fn attended_activity() -> ActivityId {
	for who in [ALICE, BOB, CAROL] {
		add_resident(EAST, who);
	}
	let activity = publish(1, 8);
	for who in [ALICE, BOB, CAROL] {
		assert_ok!(Community::check_in(RuntimeOrigin::signed(who), activity));
	}
	activity
}

#[test]
fn anyone_reaps_check_ins_after_the_retention_period_and_attendance_stays() {
	in_district(|| {
		let activity = attended_activity();
		// Ended at 8, kept for 50 blocks: reapable from block 59.
		run_to(59);
		let info = Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 2).unwrap();
		assert_eq!(info.actual_weight, Some(<() as crate::WeightInfo>::reap_check_ins(2)));
		assert_eq!(CheckIns::<Test>::iter_key_prefix(activity).count(), 1);
		assert_eq!(ReapedCheckIns::<Test>::get(activity), 2);
		assert_eq!(Activities::<Test>::get(activity).unwrap().attendance, 3);
		System::assert_last_event(
			Event::CheckInsReaped { activity, removed: 2, complete: false }.into(),
		);
		let info =
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 10).unwrap();
		// The last batch releases the deposit too, and is charged for it.
		assert_eq!(
			info.actual_weight,
			Some(<() as crate::WeightInfo>::reap_check_ins(1).saturating_add(
				gongzhi_primitives::deposit_weight::<<Test as frame_system::Config>::DbWeight>(1)
			))
		);
		assert_eq!(CheckIns::<Test>::iter_key_prefix(activity).count(), 0);
		assert_eq!(Community::activity_details(activity).unwrap().attendance, 3);
		System::assert_has_event(
			Event::CheckInsReaped { activity, removed: 1, complete: true }.into(),
		);
		// Nobody can check in again: the window is long over.
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), activity),
			Error::<Test>::ActivityEnded
		);
	});
}

#[test]
fn reap_check_ins_during_the_retention_period_fails() {
	in_district(|| {
		let activity = attended_activity();
		run_to(58);
		assert_noop!(
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 10),
			Error::<Test>::RetentionNotOver
		);
	});
}

#[test]
fn reap_check_ins_when_none_are_left_fails() {
	in_district(|| {
		let activity = attended_activity();
		run_to(60);
		assert_ok!(Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 10));
		// Check-ins and deposit gone: nothing left.
		assert_noop!(
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), activity, 10),
			Error::<Test>::NothingToReap
		);
		// A cancelled activity nobody checked in at released its deposit when cancelled.
		run_to(61);
		let cancelled = publish(61, 70);
		assert_ok!(cancel(OFFICER, cancelled));
		run_to(121);
		assert_noop!(
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), cancelled, 10),
			Error::<Test>::NothingToReap
		);
	});
}

#[test]
fn reap_check_ins_of_an_unknown_activity_fails() {
	in_district(|| {
		assert_noop!(
			Community::reap_check_ins(RuntimeOrigin::signed(STRANGER), 4, 10),
			Error::<Test>::UnknownActivity
		);
	});
}

#[test]
fn publish_an_activity_starting_beyond_the_lead_time_fails() {
	in_district(|| {
		// MaxLeadTime is 30 blocks: from block 1, the latest start is block 31.
		assert_noop!(publish_as(OFFICER, EAST, 32, 40), Error::<Test>::StartsTooLate);
		assert_ok!(publish_as(OFFICER, EAST, 31, 40));
	});
}

fn cancel(who: u64, activity: ActivityId) -> DispatchResult {
	Community::cancel_activity(RuntimeOrigin::signed(who), activity)
}

#[test]
fn cancelling_an_activity_frees_its_place_in_the_open_index() {
	in_district(|| {
		// MaxOpenActivities is 3.
		let first = publish(1, 50);
		let second = publish(1, 50);
		publish(1, 50);
		assert_noop!(publish_as(OFFICER, EAST, 1, 10), Error::<Test>::TooManyOpenActivities);
		run_to(4);
		assert_ok!(cancel(OFFICER, second));
		assert_eq!(
			Activities::<Test>::get(second).unwrap().status,
			ActivityStatus::Cancelled { at: 4 }
		);
		assert_eq!(OpenActivities::<Test>::get(EAST).to_vec(), vec![(first, 50), (2, 50)]);
		System::assert_has_event(
			Event::ActivityCancelled { activity: second, community: EAST, by: OFFICER }.into(),
		);
		assert_eq!(Community::activity_details(second).unwrap().cancelled_at, Some(4));
		assert_ok!(publish_as(OFFICER, EAST, 4, 10));
	});
}

#[test]
fn check_in_at_a_cancelled_activity_fails() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		let activity = publish(1, 8);
		assert_ok!(Community::check_in(RuntimeOrigin::signed(BOB), activity));
		assert_ok!(cancel(OFFICER, activity));
		assert_noop!(
			Community::check_in(RuntimeOrigin::signed(ALICE), activity),
			Error::<Test>::ActivityCancelled
		);
		assert!(!is_feeless(ALICE, activity));
		// Check-ins made before stay counted; the resident has nothing left to do there.
		assert_eq!(Activities::<Test>::get(activity).unwrap().attendance, 1);
		let alice = Community::resident(&ALICE).unwrap();
		assert!(Community::pending_activities(&alice).is_empty());
	});
}

#[test]
fn an_officer_the_office_or_the_publishing_provider_may_cancel_an_activity() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		// An officer of the community cancels another officer's activity.
		add_officer(EAST, 13);
		let by_officer = publish(1, 8);
		assert_ok!(cancel(13, by_officer));
		// The office admin cancels a provider's activity.
		let by_provider = NextActivityId::<Test>::get();
		assert_ok!(publish_as(PROVIDER, EAST, 1, 8));
		assert_ok!(cancel(ADMIN, by_provider));
		// The provider cancels its own.
		let own = NextActivityId::<Test>::get();
		assert_ok!(publish_as(PROVIDER, EAST, 1, 8));
		assert_ok!(cancel(PROVIDER, own));
	});
}

#[test]
fn cancel_an_activity_without_a_role_there_fails() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER2, OFFICE);
		add_resident(EAST, ALICE);
		let activity = publish(1, 8);
		// A stranger, a resident, an officer of another community, another office's admin,
		// a provider that did not publish it.
		for who in [STRANGER, ALICE, OFFICER_WEST, ADMIN2, PROVIDER2] {
			assert_noop!(cancel(who, activity), Error::<Test>::NotActivityManager);
		}
		let by_provider = NextActivityId::<Test>::get();
		assert_ok!(publish_as(PROVIDER, EAST, 1, 8));
		assert_noop!(cancel(PROVIDER2, by_provider), Error::<Test>::NotActivityManager);
	});
}

#[test]
fn a_removed_officer_keeps_no_power_over_the_activity_they_published() {
	in_district(|| {
		let activity = publish(1, 8);
		assert_ok!(Community::remove_officer(RuntimeOrigin::signed(ADMIN), EAST, OFFICER));
		assert_noop!(cancel(OFFICER, activity), Error::<Test>::NotActivityManager);
		// Nor can they publish any more.
		assert_noop!(publish_as(OFFICER, EAST, 1, 8), Error::<Test>::NotPublisher);
	});
}

#[test]
fn a_suspended_provider_keeps_no_power_over_the_activity_it_published() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		let activity = NextActivityId::<Test>::get();
		assert_ok!(publish_as(PROVIDER, EAST, 1, 8));
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN), OFFICE, PROVIDER));
		assert_noop!(cancel(PROVIDER, activity), Error::<Test>::NotActivityManager);
		// The community still can.
		assert_ok!(cancel(OFFICER, activity));
	});
}

#[test]
fn cancel_an_activity_that_is_cancelled_ended_or_unknown_fails() {
	in_district(|| {
		let activity = publish(1, 8);
		assert_ok!(cancel(OFFICER, activity));
		assert_noop!(cancel(OFFICER, activity), Error::<Test>::ActivityCancelled);
		let ended = publish(1, 8);
		run_to(9);
		assert_noop!(cancel(OFFICER, ended), Error::<Test>::ActivityEnded);
		assert_noop!(cancel(OFFICER, 99), Error::<Test>::UnknownActivity);
	});
}
