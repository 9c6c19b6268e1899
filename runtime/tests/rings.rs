//! The rings of anonymous items in the real runtime: pallet-rings walks pallet-community's key
//! holders (no mock between them), builds in the block's spare weight, and a resident's proof made
//! by `verifiable`'s prover verifies against the root the runtime fixed.

use frame_support::{
	assert_ok,
	traits::{Get, Hooks},
};
use gongzhi_primitives::{
	anon::{AnonymousRings, ItemRef, RingDomain},
	MemberKey, Scope,
};
use gongzhi_runtime::{Community, Rings, Runtime};
use sp_keyring::Sr25519Keyring::{self, *};
use verifiable::{
	ring::{bandersnatch::BandersnatchVrfVerifiable as V, RingDomainSize},
	GenerateVerifiable,
};

mod common;
use common::*;

type Secret = <V as GenerateVerifiable>::Secret;

/// Resident `who` sets the member key of entropy `[n; 32]`, with its proof of possession.
fn set_key(who: Sr25519Keyring, n: u8) -> (Secret, MemberKey) {
	let secret = V::new_secret([n; 32]);
	let key = V::member_from_secret(&secret);
	let proof = V::sign(&secret, &Community::member_key_message(&acc(who))).unwrap();
	assert_ok!(Community::set_member_key(signed(who), key, proof));
	(secret, key)
}

#[test]
fn rings_are_built_from_the_registrys_key_holders_and_a_member_can_prove() {
	dev().execute_with(|| {
		// Sunflower (community 0): Alice//stash, Bob//stash, Charlie//stash; Riverside: Dave//stash.
		let (alice_secret, alice) = set_key(AliceStash, 1);
		let (_, bob) = set_key(BobStash, 2);
		let (_, charlie) = set_key(CharlieStash, 3);
		let (_, dave) = set_key(DaveStash, 4);
		run_to(now() + 1);
		let sunflower = ItemRef::survey(900);
		let district = ItemRef::procurement(900);
		assert_ok!(<Rings as AnonymousRings<_>>::open(sunflower, Scope::Community(0), now()));
		assert_ok!(<Rings as AnonymousRings<_>>::open(district, Scope::Office(0), now()));
		assert_eq!(Rings::rings_ready(sunflower), None);

		// One block's spare weight builds both (4 keys at most).
		let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let used = Rings::on_idle(now(), block);
		assert!(used.all_lte(block));
		assert_eq!(Rings::rings_ready(sunflower), Some(1));
		assert_eq!(Rings::rings_ready(district), Some(1));
		let mut members = Rings::ring_members(sunflower, 0).unwrap();
		members.sort();
		let mut expected = vec![alice, bob, charlie];
		expected.sort();
		assert_eq!(members, expected);
		assert_eq!(Rings::ring_members(district, 0).unwrap().len(), 4);
		assert!(Rings::ring_members(district, 0).unwrap().contains(&dave));

		// Alice proves membership of Sunflower's ring for the item's context.
		let (domain, root) = Rings::ring_root(sunflower, 0).unwrap();
		assert_eq!(domain, RingDomain::Domain11);
		let ring = Rings::ring_members(sunflower, 0).unwrap();
		let context = sunflower.context(&[0u8; 32]);
		let opened = V::open(RingDomainSize::Domain11, &alice, ring.into_iter()).unwrap();
		let (proof, alias) = V::create(opened, &alice_secret, &context, b"answers").unwrap();
		let root = <V as GenerateVerifiable>::Members::decode(&mut &root[..]).unwrap();
		assert_eq!(V::validate(RingDomainSize::Domain11, &proof, &root, &context, b"answers"), Ok(alias));
	});
}

use codec::Decode;
