//! Unit tests of pallet-validator-set, one per rule. `build_and_execute` checks `try_state` after
//! every test.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn set() -> Vec<AccountId> {
	Validators::<Test>::get().into_inner()
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e) => Some(e),
			_ => None,
		})
		.next()
		.expect("an event of the pallet")
}

#[test]
fn genesis_set_is_the_first_sessions_set() {
	build_and_execute(|| {
		assert_eq!(set(), GENESIS.to_vec());
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(GENESIS.to_vec()));
		// Nothing changed since: the next session keeps the set.
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn add_validator_with_keys_joins_from_the_session_after_next() {
	build_and_execute(|| {
		ValidatorSet::start_session(3);
		register_keys(9);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 9));
		assert_eq!(set(), vec![1, 2, 3, 4, 9]);
		assert_eq!(last_event(), Event::ValidatorAdded { validator: 9, from_session: 5 });
		// At the end of session 3, pallet-session asks for session 5's set: the new one, once.
		assert_eq!(ValidatorSet::new_session(5), Some(vec![1, 2, 3, 4, 9]));
		assert_eq!(last_event(), Event::NewSetQueued { session: 5, validators: 5 });
		assert_eq!(ValidatorSet::new_session(6), None);
	});
}

#[test]
fn add_validator_keeps_the_set_sorted() {
	build_and_execute(|| {
		register_keys(0);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 0));
		assert_eq!(set(), vec![0, 1, 2, 3, 4]);
	});
}

#[test]
fn add_validator_without_keys_fails() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NoSessionKeys
		);
	});
}

#[test]
fn add_validator_twice_fails() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn add_validator_beyond_max_fails() {
	build_and_execute(|| {
		for who in [5, 6, 7] {
			register_keys(who);
		}
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 6));
		assert_eq!(set().len() as u32, MAX);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn add_validator_by_a_signed_account_fails() {
	build_and_execute(|| {
		register_keys(9);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 9),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn remove_validator_leaves_from_the_session_after_next() {
	build_and_execute(|| {
		register_keys(9);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 9));
		assert_eq!(ValidatorSet::new_session(2), Some(vec![1, 2, 3, 4, 9]));
		ValidatorSet::start_session(1);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(set(), vec![1, 3, 4, 9]);
		assert_eq!(last_event(), Event::ValidatorRemoved { validator: 2, from_session: 3 });
		assert_eq!(ValidatorSet::new_session(3), Some(vec![1, 3, 4, 9]));
	});
}

#[test]
fn remove_validator_below_the_minimum_fails() {
	build_and_execute(|| {
		assert_eq!(set().len() as u32, MIN);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn remove_a_non_validator_fails() {
	build_and_execute(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
	});
}

#[test]
fn remove_validator_by_a_signed_account_fails() {
	build_and_execute(|| {
		register_keys(9);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 9));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(9), 9),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn start_session_records_the_current_session() {
	build_and_execute(|| {
		ValidatorSet::start_session(7);
		assert_eq!(CurrentSession::<Test>::get(), 7);
		assert_eq!(ValidatorSet::effective_session(), 9);
	});
}

#[test]
fn try_state_catches_an_unsorted_or_empty_set_but_not_a_validator_that_purged_its_keys() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::do_try_state());
		Validators::<Test>::put(BoundedVec::truncate_from(vec![2, 1, 3, 4]));
		assert!(ValidatorSet::do_try_state().is_err());
		Validators::<Test>::put(BoundedVec::truncate_from(vec![]));
		assert!(ValidatorSet::do_try_state().is_err());
		// 9 has no keys (as after `session.purge_keys`): reachable, so not a broken invariant.
		Validators::<Test>::put(BoundedVec::truncate_from(vec![1, 2, 3, 4, 9]));
		assert_ok!(ValidatorSet::do_try_state());
	});
}

#[test]
#[should_panic(expected = "listed twice")]
fn genesis_with_a_duplicate_fails() {
	use sp_runtime::BuildStorage;
	let _ = crate::GenesisConfig::<Test> { validators: vec![1, 1] }.build_storage();
}
