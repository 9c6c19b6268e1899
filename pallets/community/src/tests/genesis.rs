//! The genesis registry: built through the same checks as the calls.

use crate::{mock::*, *};
use frame_support::assert_ok;
use gongzhi_primitives::{CommunityRegistry, Scope};

fn sample() -> GenesisConfig<Test> {
	GenesisConfig {
		offices: vec![(ADMIN, "向阳街道".into()), (ADMIN2, "North".into())],
		communities: vec![
			(OFFICE, "幸福社区".into(), vec![OFFICER, 13]),
			(OFFICE, "West".into(), vec![OFFICER_WEST]),
			(OFFICE2, "North".into(), vec![]),
		],
		providers: vec![
			(PROVIDER, "夕阳红".into(), code(1), vec![OFFICE, OFFICE2]),
			(PROVIDER2, "Kids".into(), code(2), vec![]),
		],
		residents: vec![
			(ALICE, EAST, person(1), Some(household(1))),
			(BOB, EAST, person(2), Some(household(1))),
			(CAROL, NORTH, person(3), None),
		],
	}
}

#[test]
fn genesis_builds_a_populated_district() {
	ext_with(sample()).execute_with(|| {
		assert_ok!(Community::do_try_state());
		assert_eq!(Offices::<Test>::get(OFFICE).unwrap().name.to_vec(), "向阳街道".as_bytes());
		assert_eq!(Community::office_details(OFFICE).unwrap().communities, 2);
		assert!(Community::is_office_admin(&ADMIN2, OFFICE2));
		assert!(Community::is_officer(&13, EAST));
		assert!(Community::is_officer(&OFFICER_WEST, WEST));
		assert_eq!(Communities::<Test>::get(EAST).unwrap().officers, 2);
		assert!(Community::is_approved_provider(&PROVIDER, OFFICE2));
		assert!(!Community::is_approved_provider(&PROVIDER2, OFFICE));
		assert_eq!(Providers::<Test>::get(PROVIDER).unwrap().offices, 2);
		assert_eq!(Community::resident(&BOB).unwrap().id, 1);
		assert_eq!(Community::resident(&CAROL).unwrap().office, OFFICE2);
		assert_eq!(Community::resident(&ALICE).unwrap().registered_at, 0);
		assert_eq!(Community::residents_in(Scope::Office(OFFICE)), 2);
		assert_eq!(Community::residents_in(Scope::Community(NORTH)), 1);
		assert_eq!(System::providers(&ALICE), 1);
		assert_eq!((NextOfficeId::<Test>::get(), NextCommunityId::<Test>::get()), (2, 3));
		assert_eq!(NextResidentId::<Test>::get(), 3);
		// And the chain goes on from there with the calls.
		assert_eq!(add_office(3), 2);
		assert_eq!(add_resident(WEST, 103), 3);
	});
}

#[test]
fn genesis_config_round_trips_through_json() {
	let json = serde_json::to_string(&sample()).unwrap();
	assert!(json.starts_with(r#"{"offices":[[1,"向阳街道"]"#), "{json}");
	let back: GenesisConfig<Test> = serde_json::from_str(&json).unwrap();
	assert_eq!(back.residents, sample().residents);
	assert_eq!(back.providers, sample().providers);
}

#[test]
#[should_panic(expected = "PersonAlreadyRegistered")]
fn genesis_with_a_person_twice_panics() {
	let mut config = sample();
	config.residents.push((103, WEST, person(1), None));
	ext_with(config);
}

#[test]
#[should_panic(expected = "NameTooLong")]
fn genesis_with_a_name_over_the_bound_panics() {
	let mut config = sample();
	config.offices.push((3, "a name that is far too long".into()));
	ext_with(config);
}

#[test]
#[should_panic(expected = "UnknownOffice")]
fn genesis_with_a_community_of_an_unknown_office_panics() {
	let mut config = sample();
	config.communities.push((7, "Lost".into(), vec![]));
	ext_with(config);
}

#[test]
#[should_panic(expected = "TooManyOfficers")]
fn genesis_with_too_many_officers_panics() {
	let mut config = sample();
	config.communities.push((OFFICE, "Crowded".into(), vec![30, 31, 32, 33]));
	ext_with(config);
}

#[test]
#[should_panic(expected = "UnknownCommunity")]
fn genesis_with_a_resident_of_an_unknown_community_panics() {
	let mut config = sample();
	config.residents.push((103, 9, person(9), None));
	ext_with(config);
}

#[test]
#[should_panic(expected = "RegistrationCodeTaken")]
fn genesis_with_a_provider_code_twice_panics() {
	let mut config = sample();
	config.providers.push((22, "Copy".into(), code(1), vec![]));
	ext_with(config);
}

#[test]
#[should_panic(expected = "AccountIsProvider")]
fn genesis_with_a_provider_as_resident_panics() {
	let mut config = sample();
	config.residents.push((PROVIDER, WEST, person(9), None));
	ext_with(config);
}
