//! `CommunityRegistry` as the other pallets see it, the views for the runtime API, and the
//! try-state check itself.

use crate::{mock::*, *};
use frame_support::assert_ok;
use gongzhi_primitives::{CommunityRegistry, Scope};

#[test]
fn roles_are_reported_per_office_and_community() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert!(Community::is_office_admin(&ADMIN, OFFICE));
		assert!(!Community::is_office_admin(&ADMIN, OFFICE2));
		assert!(!Community::is_office_admin(&ADMIN, 9));
		assert!(Community::is_officer(&OFFICER, EAST));
		assert!(!Community::is_officer(&OFFICER, WEST));
		assert!(Community::is_approved_provider(&PROVIDER, OFFICE));
		assert!(!Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert_eq!(Community::office_of(NORTH), Some(OFFICE2));
		assert_eq!(Community::office_of(9), None);
		assert!(Community::office_is_active(OFFICE));
		assert!(!Community::office_is_active(9));
	});
}

#[test]
fn may_manage_follows_office_admins_and_officers() {
	in_district(|| {
		assert!(Community::may_manage(&ADMIN, Scope::Office(OFFICE)));
		assert!(Community::may_manage(&ADMIN, Scope::Community(WEST)));
		assert!(Community::may_manage(&OFFICER, Scope::Community(EAST)));
		assert!(!Community::may_manage(&OFFICER, Scope::Community(WEST)));
		assert!(!Community::may_manage(&OFFICER, Scope::Office(OFFICE)));
		assert!(!Community::may_manage(&ADMIN2, Scope::Community(EAST)));
		assert_eq!(Community::scope_office(Scope::Community(WEST)), Some(OFFICE));
	});
}

#[test]
fn a_retired_office_has_no_admin() {
	build_and_execute(|| {
		let office = add_office(ADMIN);
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), office));
		assert!(!Community::is_office_admin(&ADMIN, office));
		assert_eq!(Community::scope_office(Scope::Office(office)), None);
	});
}

#[test]
fn residents_in_counts_each_scope() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		add_resident(NORTH, CAROL);
		assert_eq!(Community::residents_in(Scope::Community(EAST)), 2);
		assert_eq!(Community::residents_in(Scope::Community(WEST)), 0);
		assert_eq!(Community::residents_in(Scope::Office(OFFICE)), 2);
		assert_eq!(Community::residents_in(Scope::Office(OFFICE2)), 1);
		assert_eq!(Community::residents_in(Scope::Office(9)), 0);
		assert_eq!(Community::residents_in(Scope::Community(9)), 0);
	});
}

#[test]
fn resident_status_shows_whether_a_household_is_recorded() {
	in_district(|| {
		run_to(2);
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ALICE,
			person(1),
			Some(household(1))
		));
		assert_eq!(
			Community::resident_status(&ALICE),
			Some(ResidentView {
				id: 0,
				community: EAST,
				office: OFFICE,
				registered_at: 2,
				has_household: true,
			})
		);
		assert_eq!(Community::resident_status(&BOB), None);
	});
}

#[test]
fn roster_check_shows_each_rows_account_and_person() {
	in_district(|| {
		run_to(3);
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ALICE,
			person(1),
			None
		));
		assert_ok!(Community::register_resident(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			BOB,
			person(2),
			None
		));
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), BOB));
		let rows = vec![
			// Registered: the account's record and the person under this account.
			(ALICE, person(1)),
			// A new account for a known, retired person: no record; the person has no account.
			(CAROL, person(2)),
			// A stranger and a new person: nothing.
			(STRANGER, person(3)),
			// Alice's account with another person's hash: the record shows the real hash.
			(ALICE, person(4)),
		];
		let alice = Some(RosterAccount {
			id: 0,
			community: EAST,
			person_hash: person(1),
			registered_at: 3,
		});
		assert_eq!(
			Community::roster_check(rows),
			vec![
				RosterEntry {
					account: alice.clone(),
					person: Some(RosterPerson { id: 0, account: Some(ALICE) })
				},
				RosterEntry { account: None, person: Some(RosterPerson { id: 1, account: None }) },
				RosterEntry { account: None, person: None },
				RosterEntry { account: alice, person: None },
			]
		);
	});
}

#[test]
fn roster_check_answers_at_most_its_bound() {
	in_district(|| {
		let rows = (0..MAX_ROSTER_CHECK as u64 + 5).map(|n| (1000 + n, person(n))).collect();
		assert_eq!(Community::roster_check(rows).len(), MAX_ROSTER_CHECK as usize);
	});
}

#[test]
fn office_and_community_details_carry_counts_and_officers() {
	in_district(|| {
		add_officer(EAST, 13);
		add_resident(EAST, ALICE);
		assert_eq!(
			Community::office_details(OFFICE),
			Some(OfficeView {
				id: OFFICE,
				admin: ADMIN,
				name: "Office".into(),
				retired_at: None,
				communities: 2,
				residents: 1,
			})
		);
		let east = Community::community_details(EAST).unwrap();
		assert_eq!((east.office, east.residents, east.retired_at), (OFFICE, 1, None));
		assert_eq!(east.name, "Community");
		let mut officers = east.officers;
		officers.sort();
		assert_eq!(officers, vec![OFFICER, 13]);
		assert_eq!(Community::office_details(9), None);
		assert_eq!(Community::community_details(9), None);
	});
}

#[test]
fn details_of_retired_records_stay_readable() {
	in_district(|| {
		run_to(3);
		assert_ok!(Community::retire_community(RuntimeOrigin::signed(ADMIN2), NORTH));
		assert_ok!(Community::retire_office(RuntimeOrigin::root(), OFFICE2));
		assert_eq!(Community::community_details(NORTH).unwrap().retired_at, Some(3));
		assert_eq!(Community::community_details(NORTH).unwrap().officers, Vec::<u64>::new());
		assert_eq!(Community::office_details(OFFICE2).unwrap().retired_at, Some(3));
	});
}

#[test]
fn provider_details_list_the_standing_per_office() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		add_provider(PROVIDER, OFFICE2);
		run_to(4);
		assert_ok!(Community::suspend_provider(RuntimeOrigin::signed(ADMIN2), OFFICE2, PROVIDER));
		let view = Community::provider_details(&PROVIDER).unwrap();
		assert_eq!(view.name, "Provider");
		assert_eq!(view.registration_code_hash, code(PROVIDER));
		let mut offices = view.offices;
		offices.sort_by_key(|o| o.office);
		assert_eq!(
			offices,
			vec![
				ProviderOfficeView { office: OFFICE, approved: true, since: 1 },
				ProviderOfficeView { office: OFFICE2, approved: false, since: 4 },
			]
		);
		assert_eq!(Community::provider_details(&STRANGER), None);
	});
}

#[test]
fn views_serialize_to_camel_case_json() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let json = serde_json::to_string(&Community::resident_status(&ALICE).unwrap()).unwrap();
		assert_eq!(
			json,
			r#"{"id":0,"community":0,"office":0,"registeredAt":1,"hasHousehold":false}"#
		);
	});
}

#[test]
fn try_state_catches_a_count_that_drifted() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::do_try_state());
		Communities::<Test>::mutate(EAST, |c| c.as_mut().unwrap().residents = 2);
		assert!(Community::do_try_state().is_err());
		Communities::<Test>::mutate(EAST, |c| c.as_mut().unwrap().residents = 1);
	});
}

#[test]
fn try_state_catches_a_person_index_that_disagrees() {
	in_district(|| {
		add_resident(EAST, ALICE);
		PersonIndex::<Test>::insert(person(ALICE), 5);
		assert!(Community::do_try_state().is_err());
		PersonIndex::<Test>::insert(person(ALICE), 0);
	});
}

#[test]
fn try_state_catches_attendance_that_differs_from_check_ins() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::publish_activity(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ActivityKind::Other,
			Default::default(),
			1,
			5
		));
		assert_ok!(Community::check_in(RuntimeOrigin::signed(ALICE), 0));
		CheckIns::<Test>::remove(0, 0);
		assert!(Community::do_try_state().is_err());
		CheckIns::<Test>::insert(0, 0, ());
	});
}

#[test]
fn the_mock_constants_pass_the_integrity_test() {
	use frame_support::traits::Hooks;
	<Community as Hooks<u64>>::integrity_test();
}

#[test]
fn try_state_catches_a_pending_move_of_a_non_resident() {
	in_district(|| {
		PendingMoves::<Test>::insert(
			ALICE,
			PendingMove { to: WEST, requested_by: ALICE, expires_at: 5 },
		);
		assert!(Community::do_try_state().is_err());
		PendingMoves::<Test>::remove(ALICE);
	});
}

#[test]
fn try_state_catches_a_replacement_target_index_that_disagrees() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(Community::propose_replacement(RuntimeOrigin::signed(ADMIN), ALICE, 50));
		ReplacementTargets::<Test>::remove(50);
		assert!(Community::do_try_state().is_err());
		ReplacementTargets::<Test>::insert(50, ALICE);
	});
}

#[test]
fn try_state_catches_a_staff_count_that_drifted() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(Community::declare_staff(RuntimeOrigin::signed(PROVIDER), staff(&[person(1)])));
		ProviderStaff::<Test>::remove(PROVIDER, person(1));
		assert!(Community::do_try_state().is_err());
		ProviderStaff::<Test>::insert(PROVIDER, person(1), ());
	});
}

#[test]
fn try_state_catches_a_released_provider_that_is_approved() {
	in_district(|| {
		add_provider(PROVIDER, OFFICE);
		assert_ok!(Community::release_registration_code(RuntimeOrigin::root(), code(PROVIDER)));
		ProviderApprovals::<Test>::insert(PROVIDER, OFFICE, Approval::Approved { since: 1 });
		assert!(Community::do_try_state().is_err());
		ProviderApprovals::<Test>::insert(PROVIDER, OFFICE, Approval::Suspended { since: 1 });
	});
}

#[test]
fn try_state_catches_a_cancelled_activity_left_open() {
	in_district(|| {
		assert_ok!(Community::publish_activity(
			RuntimeOrigin::signed(OFFICER),
			EAST,
			ActivityKind::Other,
			Default::default(),
			1,
			5
		));
		let open = OpenActivities::<Test>::get(EAST);
		assert_ok!(Community::cancel_activity(RuntimeOrigin::signed(OFFICER), 0));
		OpenActivities::<Test>::insert(EAST, open);
		assert!(Community::do_try_state().is_err());
		OpenActivities::<Test>::remove(EAST);
	});
}
