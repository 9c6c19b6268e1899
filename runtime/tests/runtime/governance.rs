//! Governance and validators, wired in the real runtime: session rotation takes up a validator
//! governance adds (and drops one it removes), the council decides through the admin origin and
//! dispatches as Root through `RootDispatch`, and nobody else can.

use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::Get};
use gongzhi_primitives::CommunityRegistry;
use gongzhi_runtime::{
	configs::governance::{MAX_VALIDATORS, MIN_VALIDATORS, SESSION_PERIOD},
	AccountId, Community, Council, CouncilMembership, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, Session, SessionKeys, System, ValidatorSet,
};
use sp_core::{crypto::ByteArray, H256};
use sp_keyring::Sr25519Keyring::{self, *};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{traits::Hash as _, DispatchError};
use std::sync::Arc;

use crate::common::*;

/// The local testnet's state (Alice … Dave validate; council Alice, Bob, Charlie) with a
/// keystore, so that session keys can be generated with their ownership proof.
fn local() -> sp_io::TestExternalities {
	let mut ext = preset_ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET);
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext
}

/// What `author_rotateKeysWithOwner` does on a validator's machine, then `session.setKeys` from
/// its account: fresh keys, registered with their proof. Returns the keys.
fn rotate_and_set_keys(who: Sr25519Keyring) -> SessionKeys {
	let generated = SessionKeys::generate(&acc(who).encode(), None);
	assert_ok!(Session::set_keys(signed(who), generated.keys.clone(), generated.proof.encode()));
	generated.keys
}

/// Ends the current session (as the block at its boundary does) and finalizes that block, so
/// that GRANDPA enacts the authority set change scheduled in it.
fn next_session() {
	use frame_support::traits::Hooks;
	pallet_session::Pallet::<Runtime>::rotate_session();
	<pallet_grandpa::Pallet<Runtime> as Hooks<_>>::on_finalize(System::block_number());
	System::set_block_number(System::block_number() + 1);
}

/// The set governance chose (takes effect one to two sessions later).
fn planned() -> Vec<AccountId> {
	pallet_validator_set::Validators::<Runtime>::get().into_inner()
}

/// The session's validators now.
fn validators() -> Vec<AccountId> {
	pallet_session::Validators::<Runtime>::get()
}

fn aura_keys() -> Vec<[u8; 32]> {
	pallet_aura::Authorities::<Runtime>::get()
		.iter()
		.map(|k| k.as_slice().try_into().unwrap())
		.collect()
}

/// GRANDPA's authorities (after the change of the last rotation was enacted).
fn grandpa_keys() -> Vec<[u8; 32]> {
	pallet_grandpa::Pallet::<Runtime>::grandpa_authorities()
		.iter()
		.map(|(k, _)| k.as_slice().try_into().unwrap())
		.collect()
}

#[test]
fn presets_take_validators_from_session_keys_and_have_a_council() {
	dev().execute_with(|| {
		assert_eq!(validators(), vec![acc(Alice)]);
		assert_eq!(planned(), vec![acc(Alice)]);
		assert_eq!(aura_keys(), vec![Alice.public().0]);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(CouncilMembership::members().into_inner(), council());
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			council()
		);
		assert_eq!(
			pallet_sudo::Key::<Runtime>::get(),
			Some(acc(Alice)),
			"the dev chain keeps sudo"
		);
	});
	local().execute_with(|| {
		let mut four = vec![acc(Alice), acc(Bob), acc(Charlie), acc(Dave)];
		four.sort();
		assert_eq!(planned(), four);
		assert_eq!(validators().len(), 4);
		assert_eq!(aura_keys().len(), 4);
		assert!(aura_keys().contains(&Dave.public().0));
	});
}

#[test]
fn bounds_fit_the_consensus_engines_and_sessions_are_short() {
	assert!(
		MAX_VALIDATORS <= <<Runtime as pallet_aura::Config>::MaxAuthorities as Get<u32>>::get()
	);
	assert!(
		MAX_VALIDATORS <= <<Runtime as pallet_grandpa::Config>::MaxAuthorities as Get<u32>>::get()
	);
	assert_eq!(MIN_VALIDATORS, 4, "one of four may fail and GRANDPA finalizes");
	assert_eq!(SESSION_PERIOD, 20, "2 minutes of 6-second blocks");
}

#[test]
fn session_rotation_takes_up_an_added_validator_after_the_next_session() {
	local().execute_with(|| {
		let keys = rotate_and_set_keys(Eve);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), acc(Eve)));
		// The session in progress and the next keep the four.
		next_session();
		assert_eq!(validators().len(), 4);
		assert!(!aura_keys().contains(&keys.aura.as_slice().try_into().unwrap()));
		// The one after has Eve: Aura's and GRANDPA's authorities.
		next_session();
		assert!(validators().contains(&acc(Eve)));
		assert_eq!(validators().len(), 5);
		let eve_aura: [u8; 32] = keys.aura.as_slice().try_into().unwrap();
		let eve_grandpa: [u8; 32] = keys.grandpa.as_slice().try_into().unwrap();
		assert!(aura_keys().contains(&eve_aura));
		assert_eq!(grandpa_keys().len(), 5);
		assert!(grandpa_keys().contains(&eve_grandpa));
	});
}

#[test]
fn removed_validator_leaves_and_the_set_never_drops_below_four() {
	local().execute_with(|| {
		rotate_and_set_keys(Eve);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), acc(Eve)));
		next_session();
		next_session();
		assert_eq!(validators().len(), 5);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), acc(Dave)));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), acc(Charlie)),
			pallet_validator_set::Error::<Runtime>::TooFewValidators
		);
		next_session();
		assert!(validators().contains(&acc(Dave)), "still an authority for a session");
		next_session();
		assert!(!validators().contains(&acc(Dave)));
		assert!(!aura_keys().contains(&Dave.public().0));
		assert_eq!(grandpa_keys().len(), 4);
	});
}

#[test]
fn adding_an_account_without_keys_fails() {
	local().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), acc(Ferdie)),
			pallet_validator_set::Error::<Runtime>::NoSessionKeys
		);
	});
}

// ---------------------------------------------------------------------------------------------
// The council
// ---------------------------------------------------------------------------------------------

fn council() -> Vec<AccountId> {
	let mut c = vec![acc(Alice), acc(Bob), acc(Charlie)];
	c.sort();
	c
}

/// A motion by `proposer` with threshold `threshold`: returns (hash, index, length).
fn propose(proposer: Sr25519Keyring, threshold: u32, call: RuntimeCall) -> (H256, u32, u32) {
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	assert_ok!(Council::propose(signed(proposer), threshold, Box::new(call), length));
	(hash, index, length)
}

/// `voters` vote aye, then `closer` closes the motion; returns the motion's `Executed` result.
fn pass(
	motion: (H256, u32, u32),
	voters: &[Sr25519Keyring],
	call_weight: frame_support::weights::Weight,
) -> Result<(), DispatchError> {
	let (hash, index, length) = motion;
	for v in voters {
		assert_ok!(Council::vote(signed(*v), hash, index, true));
	}
	assert_ok!(Council::close(signed(Dave), hash, index, call_weight, length));
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			},
			_ => None,
		})
		.expect("the motion was executed")
}

fn create_office_call(admin: Sr25519Keyring) -> RuntimeCall {
	RuntimeCall::Community(pallet_community::Call::create_office {
		admin: acc(admin),
		name: "理事会新设街道办事处".as_bytes().to_vec(),
	})
}

#[test]
fn a_two_thirds_council_motion_adds_an_office_through_the_admin_origin() {
	local().execute_with(|| {
		let call = create_office_call(Ferdie);
		let weight = call.get_dispatch_info().call_weight;
		let next = pallet_community::NextOfficeId::<Runtime>::get();
		let motion = propose(Alice, 2, call);
		assert_eq!(pass(motion, &[Alice, Bob], weight), Ok(()));
		assert!(Community::is_office_admin(&acc(Ferdie), next));
	});
}

#[test]
fn a_council_motion_adds_a_validator() {
	local().execute_with(|| {
		rotate_and_set_keys(Eve);
		let call =
			RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: acc(Eve) });
		let weight = call.get_dispatch_info().call_weight;
		let motion = propose(Bob, 2, call);
		assert_eq!(pass(motion, &[Bob, Charlie], weight), Ok(()));
		assert!(planned().contains(&acc(Eve)));
	});
}

#[test]
fn a_council_motion_sets_the_code_through_root_dispatch() {
	local().execute_with(|| {
		let code = b"\0asm new runtime".to_vec();
		let upgrade =
			RuntimeCall::System(frame_system::Call::set_code_without_checks { code: code.clone() });
		let call = RuntimeCall::RootDispatch(pallet_root_dispatch::Call::dispatch_as_root {
			call: Box::new(upgrade),
			weight: None,
		});
		let weight = call.get_dispatch_info().call_weight;
		let motion = propose(Charlie, 2, call);
		assert_eq!(pass(motion, &[Alice, Charlie], weight), Ok(()));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::RootDispatch(pallet_root_dispatch::Event::Dispatched { result: Ok(()) })
		)));
		assert_eq!(
			sp_io::storage::get(sp_core::storage::well_known_keys::CODE).as_deref(),
			Some(&code[..])
		);
	});
}

#[test]
fn one_member_alone_cannot_use_the_admin_origin_or_root() {
	local().execute_with(|| {
		let next = pallet_community::NextOfficeId::<Runtime>::get();
		// Threshold 1 executes at once, with one member of three: not two thirds.
		let call = create_office_call(Ferdie);
		let length = call.encoded_size() as u32;
		assert_ok!(Council::propose(signed(Alice), 1, Box::new(call), length));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Executed {
				result: Err(DispatchError::BadOrigin),
				..
			})
		)));
		assert!(!Community::is_office_admin(&acc(Ferdie), next));
	});
}

#[test]
fn a_non_member_can_neither_propose_nor_vote_nor_dispatch_as_root() {
	local().execute_with(|| {
		let call = create_office_call(Ferdie);
		let length = call.encoded_size() as u32;
		assert_noop!(
			Council::propose(signed(Dave), 2, Box::new(call.clone()), length),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		let (hash, index, _) = propose(Alice, 2, call);
		assert_noop!(
			Council::vote(signed(Dave), hash, index, true),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		let upgrade =
			RuntimeCall::System(frame_system::Call::set_code_without_checks { code: vec![1] });
		assert_noop!(
			gongzhi_runtime::RootDispatch::dispatch_as_root(signed(Dave), Box::new(upgrade), None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::add_validator(signed(Alice), acc(Dave)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Community::create_office(signed(Alice), acc(Ferdie), b"x".to_vec()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_council_changes_its_own_members_through_the_admin_origin() {
	local().execute_with(|| {
		let call = RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
			who: acc(Dave).into(),
		});
		let weight = call.get_dispatch_info().call_weight;
		let motion = propose(Alice, 2, call);
		assert_eq!(pass(motion, &[Alice, Bob], weight), Ok(()));
		assert!(pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get()
			.contains(&acc(Dave)));
	});
}
