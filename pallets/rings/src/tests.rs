//! Rings collected, split and built through the mock runtime (rings of at most 4 members), and
//! checked against `verifiable` itself: the roots are the crate's, and a member's proof made by
//! the crate's prover verifies against the root this pallet fixed.

use crate::{builder, mock::*, pallet::*, types::*, Event};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{Pays, PostDispatchInfo},
	traits::{Get, Hooks},
	weights::Weight,
};
use gongzhi_primitives::{
	anon::{AnonymousRings, ItemRef, RingDomain},
	MemberKey, Scope,
};
use verifiable::{
	ring::{bandersnatch::BandersnatchVrfVerifiable as V, Bls12_381Params, RingCurveParams},
	GenerateVerifiable,
};

type Secret = <V as GenerateVerifiable>::Secret;

/// The secret and member key of test resident `n`.
fn keypair(n: u64) -> (Secret, MemberKey) {
	let secret = V::new_secret([n as u8; 32]);
	let key = V::member_from_secret(&secret);
	(secret, key)
}

/// Residents `accounts` of `community`, registered now, each with their key set now.
fn residents_with_keys(community: u32, accounts: core::ops::Range<u64>) {
	for who in accounts {
		MockRegistry::add_resident(&who, community);
		MockRegistry::set_member_key(&who, keypair(who).1);
	}
}

/// A community whose residents `accounts` hold keys, and `ITEM` opened for it at block 5;
/// returns the community.
fn opened_with(accounts: core::ops::Range<u64>) -> u32 {
	let office = MockRegistry::add_office(&100);
	let community = MockRegistry::add_community(office);
	residents_with_keys(community, accounts);
	System::set_block_number(5);
	assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
	community
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Rings(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Runs `on_idle` with a whole block's worth of spare weight until nothing is pending.
fn build_everything() {
	for _ in 0..100 {
		if Pending::<Test>::get().is_empty() {
			return;
		}
		Rings::on_idle(System::block_number(), Weight::MAX);
	}
	panic!("the rings were not built");
}

/// The root `verifiable` builds for `keys` in `domain` with its own parameters.
fn crate_root(domain: RingDomain, keys: &[MemberKey]) -> [u8; 288] {
	use verifiable::ring::{
		ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as S},
		ring_verifier_builder_params, StaticChunk,
	};
	let params = ring_verifier_builder_params::<S>(builder::domain_size(domain));
	let mut set = V::start_members(builder::domain_size(domain));
	V::push_members(&mut set, keys.iter().copied(), |r| {
		(&params).lookup(r).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(())
	})
	.unwrap();
	V::finish_members(set).encode().try_into().unwrap()
}

fn check() {
	Rings::do_try_state().expect("the pallet's invariants hold");
}

const ITEM: ItemRef = ItemRef::procurement(7);

#[test]
fn embedded_parameters_are_the_crates() {
	use verifiable::ring::RingDomainSize::*;
	let ours = [
		include_bytes!("../data/ring-builder-params-domain11.bin").as_slice(),
		include_bytes!("../data/ring-builder-params-domain12.bin").as_slice(),
	];
	assert_eq!(ours[0], Bls12_381Params::ring_builder_params(Domain11));
	assert_eq!(ours[1], Bls12_381Params::ring_builder_params(Domain12));
	// A lookup serves the crate's points, and refuses past the end and 2^16.
	use verifiable::ring::{
		ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as S},
		ring_verifier_builder_params, StaticChunk,
	};
	for (domain, size) in [(RingDomain::Domain11, 512), (RingDomain::Domain12, 1024)] {
		let params = ring_verifier_builder_params::<S>(builder::domain_size(domain));
		for range in [0..3, 100..101, size - 2..size] {
			let ours = builder::lookup(domain, range.clone()).unwrap();
			let theirs = (&params).lookup(range).unwrap();
			// Points of the hosted curve (the builder's suite) and of the crate's: the same bytes.
			let theirs = theirs.into_iter().map(|point| StaticChunk::<S>(point).encode());
			assert!(ours.iter().map(Encode::encode).eq(theirs));
		}
		assert!(builder::lookup(domain, size - 1..size + 1).is_err());
	}
	assert!(builder::lookup(RingDomain::Domain16, 0..1).is_err());
	assert_eq!(builder::start(RingDomain::Domain16), Err(builder::BuildError::UnsupportedDomain));
}

#[test]
fn members_are_collected_split_into_rings_and_built_and_a_member_can_prove() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		residents_with_keys(community, 1..11);
		System::set_block_number(5);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		assert_eq!(Pending::<Test>::get().into_inner(), vec![(ITEM, 5)]);
		assert_eq!(Rings::rings_ready(ITEM), None, "not ready while collecting");
		check();
		build_everything();
		check();

		// 10 members in rings of at most 4: 3 rings of 4, 3 and 3, position i in ring i mod 3.
		let record = Items::<Test>::get(ITEM).unwrap();
		assert_eq!((record.eligible, record.rings, record.stage), (10, 3, Stage::Ready));
		assert_eq!(Rings::rings_ready(ITEM), Some(3));
		let collected: Vec<MemberKey> =
			Members::<Test>::iter_prefix_values(ITEM).flat_map(|p| p.into_inner()).collect();
		let expected: Vec<MemberKey> = (1..11).map(|n| keypair(n).1).collect();
		assert_eq!(collected, expected, "in the registry's order: the mock's is by resident");
		for (ring, size) in [(0u32, 4usize), (1, 3), (2, 3)] {
			let members = Rings::ring_members(ITEM, ring).unwrap();
			let by_rule: Vec<MemberKey> =
				expected.iter().skip(ring as usize).step_by(3).copied().collect();
			assert_eq!(members, by_rule);
			assert_eq!(members.len(), size);
			let (domain, root) = Rings::ring_root(ITEM, ring).unwrap();
			assert_eq!(domain, RingDomain::Domain11);
			assert_eq!(root, crate_root(domain, &members), "the crate builds the same root");
		}
		assert_eq!(Rings::ring_members(ITEM, 3), None);
		assert_eq!(Rings::ring_root(ITEM, 3), None);
		assert_eq!(
			events(),
			vec![
				Event::RingsOpened { item: ITEM, scope: Scope::Community(community), opened_at: 5 },
				Event::MembersCollected { item: ITEM, eligible: 10, rings: 3 },
				Event::RingFixed { item: ITEM, ring: 0, size: 4, domain: RingDomain::Domain11 },
				Event::RingFixed { item: ITEM, ring: 1, size: 3, domain: RingDomain::Domain11 },
				Event::RingFixed { item: ITEM, ring: 2, size: 3, domain: RingDomain::Domain11 },
				Event::RingsReady { item: ITEM, rings: 3 },
			]
		);
		assert!(Pending::<Test>::get().is_empty());

		// Resident 5 (position 4) is in ring 1: their proof verifies against its root, with the
		// alias of their secret in the item's context; against ring 0's root it doesn't.
		let (secret, key) = keypair(5);
		let members = Rings::ring_members(ITEM, 1).unwrap();
		assert!(members.contains(&key));
		let context = ITEM.context(&[0u8; 32]);
		let commitment =
			V::open(builder::domain_size(RingDomain::Domain11), &key, members.into_iter()).unwrap();
		let (proof, alias) = V::create(commitment, &secret, &context, b"ballot").unwrap();
		let (domain, root) = Rings::ring_root(ITEM, 1).unwrap();
		let root = <V as GenerateVerifiable>::Members::decode(&mut &root[..]).unwrap();
		let size = builder::domain_size(domain);
		assert_eq!(V::validate(size, &proof, &root, &context, b"ballot"), Ok(alias));
		let (_, other) = Rings::ring_root(ITEM, 0).unwrap();
		let other = <V as GenerateVerifiable>::Members::decode(&mut &other[..]).unwrap();
		assert!(V::validate(size, &proof, &other, &context, b"ballot").is_err());
	});
}

use codec::Decode;

#[test]
fn who_is_a_member_is_decided_by_the_opening_block() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let here = MockRegistry::add_community(office);
		let there = MockRegistry::add_community(office);
		// Block 1: residents 1–4 here, 5 there, all with keys; 6 here without a key.
		residents_with_keys(here, 1..5);
		residents_with_keys(there, 5..6);
		MockRegistry::add_resident(&6, here);
		// Block 3: resident 4 changes their key (the old one stays theirs for this item).
		System::set_block_number(3);
		let old_key_of_4 = keypair(4).1;
		MockRegistry::set_member_key(&4, keypair(44).1);
		// Block 5, the item opens; in the same block resident 7 registers with a key, resident 6
		// sets a key, and resident 1 changes theirs: all at the opening block, so too late.
		System::set_block_number(5);
		residents_with_keys(here, 7..8);
		MockRegistry::set_member_key(&6, keypair(6).1);
		MockRegistry::set_member_key(&1, keypair(11).1);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(here), 5));
		let office_item = ItemRef::survey(1);
		assert_ok!(<Rings as AnonymousRings<_>>::open(office_item, Scope::Office(office), 5));
		// Block 6, before collection: resident 2 moves away, resident 3 is retired.
		System::set_block_number(6);
		MockRegistry::move_resident(&2, there);
		MockRegistry::retire_resident(&3);
		build_everything();
		check();
		// Here: resident 1's key before block 5 (not the one set at 5) and resident 4's key
		// in force at 5 (set at 3). Not 2 (moved), 3 (retired), 6 (key at 5), 7 (registered at 5).
		let here_members: Vec<MemberKey> =
			Members::<Test>::iter_prefix_values(ITEM).flat_map(|p| p.into_inner()).collect();
		assert_eq!(here_members, vec![keypair(1).1, keypair(44).1]);
		assert_ne!(keypair(44).1, old_key_of_4);
		// The office: the same, plus resident 5 of the other community.
		let office_members: Vec<MemberKey> =
			Members::<Test>::iter_prefix_values(office_item).flat_map(|p| p.into_inner()).collect();
		assert_eq!(office_members, vec![keypair(1).1, keypair(44).1, keypair(5).1]);
		assert_eq!(Rings::rings_ready(office_item), Some(1));
		assert_eq!(Rings::ring_root(office_item, 0).unwrap().0, RingDomain::Domain11);
	});
}

#[test]
fn an_item_nobody_is_eligible_for_is_ready_with_no_rings() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		MockRegistry::add_resident(&1, community);
		System::set_block_number(5);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		build_everything();
		assert_eq!(Rings::rings_ready(ITEM), Some(0));
		assert_eq!(Rings::ring_root(ITEM, 0), None);
		assert_eq!(Rings::ring_members(ITEM, 0), None);
		assert_eq!(
			events().last(),
			Some(&Event::RingsReady { item: ITEM, rings: 0 }),
			"ready at once"
		);
		check();
	});
}

#[test]
fn opening_is_refused_twice_for_too_many_residents_and_past_the_pending_bound() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let small = MockRegistry::add_community(office);
		let big = MockRegistry::add_community(office);
		MockRegistry::add_resident(&1, small);
		// 8 rings of 4 hold 32: a 33rd resident in scope is one too many.
		for who in 100..133 {
			MockRegistry::add_resident(&who, big);
		}
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(small), 1));
		assert_noop!(
			<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(small), 1),
			Error::<Test>::AlreadyOpened
		);
		assert_noop!(
			<Rings as AnonymousRings<_>>::open(ItemRef::survey(7), Scope::Community(big), 1),
			Error::<Test>::TooManyResidents
		);
		MockRegistry::retire_resident(&132);
		assert_ok!(<Rings as AnonymousRings<_>>::open(
			ItemRef::survey(7),
			Scope::Community(big),
			1
		));
		assert_ok!(<Rings as AnonymousRings<_>>::open(
			ItemRef::survey(8),
			Scope::Community(small),
			1
		));
		assert_noop!(
			<Rings as AnonymousRings<_>>::open(ItemRef::survey(9), Scope::Community(small), 1),
			Error::<Test>::TooManyPending
		);
		check();
	});
}

#[test]
fn anyone_may_build_a_step_for_free_and_pays_when_there_is_nothing_to_do() {
	new_test_ext().execute_with(|| {
		opened_with(1..7);
		let anyone = RuntimeOrigin::signed(999);
		assert_noop!(
			Rings::build_rings(anyone.clone(), ITEM, 0),
			Error::<Test>::StepSizeOutOfRange
		);
		assert_noop!(
			Rings::build_rings(anyone.clone(), ITEM, MAX_KEYS_PER_STEP + 1),
			Error::<Test>::StepSizeOutOfRange
		);
		assert_noop!(
			Rings::build_rings(anyone.clone(), ItemRef::survey(1), 4),
			Error::<Test>::UnknownItem
		);
		// Collect 4 of the 6, then the rest: the walk resumes where it stopped.
		let post = Rings::build_rings(anyone.clone(), ITEM, 4).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::collect(4)));
		let record = Items::<Test>::get(ITEM).unwrap();
		assert_eq!(record.eligible, 4);
		assert!(matches!(record.stage, Stage::Collecting { after: Some(_) }));
		check();
		assert_ok!(Rings::build_rings(anyone.clone(), ITEM, 16));
		let record = Items::<Test>::get(ITEM).unwrap();
		assert_eq!(
			(record.eligible, record.rings, record.stage),
			(6, 2, Stage::Building { ring: 0 })
		);
		// Ring 0 (3 members) by 2 keys, then 1: it is fixed by the second step.
		let post = Rings::build_rings(anyone.clone(), ITEM, 2).unwrap();
		assert_eq!(
			post,
			PostDispatchInfo {
				actual_weight: Some(<() as crate::WeightInfo>::push(2)),
				pays_fee: Pays::No
			}
		);
		assert!(matches!(
			ItemRings::<Test>::get(ITEM, 0).unwrap().state,
			RingState::Building { included: 2, .. }
		));
		check();
		assert_ok!(Rings::build_rings(anyone.clone(), ITEM, 16));
		assert!(matches!(ItemRings::<Test>::get(ITEM, 0).unwrap().state, RingState::Fixed { .. }));
		assert_eq!(Rings::ring_root(ITEM, 0), None, "published once every ring is fixed");
		assert_eq!(Items::<Test>::get(ITEM).unwrap().stage, Stage::Building { ring: 1 });
		check();
		assert_ok!(Rings::build_rings(anyone.clone(), ITEM, 16));
		assert_eq!(Rings::rings_ready(ITEM), Some(2));
		// Nothing left: the call fails, so it pays.
		assert_noop!(Rings::build_rings(anyone, ITEM, 16), Error::<Test>::NothingToBuild);
		check();
	});
}

#[test]
fn on_idle_builds_only_within_the_spare_weight_and_the_oldest_item_first() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		residents_with_keys(community, 1..4);
		System::set_block_number(5);
		let second = ItemRef::survey(1);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		assert_ok!(<Rings as AnonymousRings<_>>::open(second, Scope::Community(community), 5));
		// Too little weight for one key: nothing happens.
		assert_eq!(Rings::on_idle(5, Rings::step_weight(1) / 2), Weight::zero());
		assert_eq!(Items::<Test>::get(ITEM).unwrap().stage, Stage::Collecting { after: None });
		// Room for one step of 2 keys (and the queue read), no more.
		let budget = Rings::step_weight(2).saturating_add(
			<<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get()
			.reads(1),
		);
		let used = Rings::on_idle(5, budget);
		assert!(used.all_lte(budget), "{used:?} within {budget:?}");
		assert_eq!(Items::<Test>::get(ITEM).unwrap().eligible, 2);
		assert_eq!(Items::<Test>::get(second).unwrap().stage, Stage::Collecting { after: None });
		check();
		build_everything();
		assert_eq!(Rings::rings_ready(ITEM), Some(1));
		assert_eq!(Rings::rings_ready(second), Some(1));
		assert_eq!(Rings::ring_root(ITEM, 0), Rings::ring_root(second, 0), "same members");
		check();
	});
}

#[test]
fn a_ring_that_cannot_be_built_fails_its_item_and_not_the_queue() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		let other = MockRegistry::add_community(office);
		residents_with_keys(community, 1..3);
		// The double takes any bytes as a key; pallet-community checks them.
		MockRegistry::add_resident(&3, community);
		MockRegistry::set_member_key(&3, [0xff; 32]);
		residents_with_keys(other, 4..6);
		System::set_block_number(5);
		let second = ItemRef::survey(1);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		assert_ok!(<Rings as AnonymousRings<_>>::open(second, Scope::Community(other), 5));
		build_everything();
		assert_eq!(Items::<Test>::get(ITEM).unwrap().stage, Stage::Failed);
		assert!(events().contains(&Event::RingsFailed { item: ITEM, ring: 0 }));
		assert_eq!(Rings::rings_ready(ITEM), None);
		assert_eq!(Rings::rings_ready(second), Some(1), "the next item was built");
		assert_noop!(
			Rings::build_rings(RuntimeOrigin::signed(1), ITEM, 4),
			Error::<Test>::NothingToBuild
		);
		check();
	});
}

#[test]
fn pages_hold_64_members_and_rings_read_across_them() {
	new_test_ext().execute_with(|| {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		// 30 members: pages of 64 are not reached by the mock's 8 rings of 4 (32 at most), so
		// check the paging itself directly.
		residents_with_keys(community, 1..31);
		System::set_block_number(5);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		build_everything();
		assert_eq!(Rings::rings_ready(ITEM), Some(8));
		assert_eq!(Members::<Test>::get(ITEM, 0).unwrap().len(), 30);
		check();
	});
	// Appending across a page boundary.
	new_test_ext().execute_with(|| {
		let keys: Vec<MemberKey> = (0..150u32).map(|i| [i as u8; 32]).collect();
		crate::Pallet::<Test>::append_members(ITEM, 0, &keys[..60]).unwrap();
		crate::Pallet::<Test>::append_members(ITEM, 60, &keys[60..]).unwrap();
		let pages: Vec<usize> =
			(0..4).map(|p| Members::<Test>::get(ITEM, p).map_or(0, |v| v.len())).collect();
		assert_eq!(pages, vec![64, 64, 22, 0]);
		let stored: Vec<MemberKey> =
			(0..3).flat_map(|p| Members::<Test>::get(ITEM, p).unwrap().into_inner()).collect();
		assert_eq!(stored, keys);
	});
}

mod verification {
	use super::*;
	use crate::fixtures::*;
	use gongzhi_primitives::anon::{message, ProofError};
	use verifiable::ring::RingDomainSize;

	/// The fixture's ring, built by this pallet's builder in 2^12.
	fn fixture_root() -> [u8; 288] {
		let keys: Vec<MemberKey> = (0..FIXTURE_MEMBERS).map(member_key).collect();
		let partial = builder::start(RingDomain::Domain12).unwrap();
		let partial = builder::push(RingDomain::Domain12, &partial, keys.into_iter()).unwrap();
		builder::finish(&partial).unwrap()
	}

	#[test]
	#[ignore = "prints the fixture of benchmark `verify`"]
	fn print_verify_fixture() {
		let keys: Vec<MemberKey> = (0..FIXTURE_MEMBERS).map(member_key).collect();
		let secret = V::new_secret(member_entropy(0));
		let context = FIXTURE_ITEM.context(&FIXTURE_GENESIS);
		let opened = V::open(RingDomainSize::Domain12, &keys[0], keys.iter().copied()).unwrap();
		let (proof, alias) = V::create(opened, &secret, &context, &FIXTURE_MESSAGE).unwrap();
		let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
		println!("pub const FIXTURE_PROOF_HEX: &str = \"{}\";", hex(&proof));
		println!("pub const FIXTURE_ALIAS_HEX: &str = \"{}\";", hex(&alias));
	}

	#[test]
	fn the_verify_fixture_verifies() {
		let proof = unhex(FIXTURE_PROOF_HEX).unwrap();
		let alias: [u8; 32] = unhex(FIXTURE_ALIAS_HEX).unwrap().try_into().unwrap();
		assert_eq!(proof.len(), 785);
		let context = FIXTURE_ITEM.context(&FIXTURE_GENESIS);
		let root = fixture_root();
		assert_eq!(
			builder::verify(RingDomain::Domain12, &root, &context, &proof, &FIXTURE_MESSAGE),
			Some(alias)
		);
		// Another message, context, domain or ring: refused.
		assert_eq!(builder::verify(RingDomain::Domain12, &root, &context, &proof, &[0; 32]), None);
		let other = ItemRef::procurement(2).context(&FIXTURE_GENESIS);
		assert_eq!(
			builder::verify(RingDomain::Domain12, &root, &other, &proof, &FIXTURE_MESSAGE),
			None
		);
		assert_eq!(
			builder::verify(RingDomain::Domain11, &root, &context, &proof, &FIXTURE_MESSAGE),
			None
		);
		assert_eq!(
			builder::verify(RingDomain::Domain12, &[0; 288], &context, &proof, &FIXTURE_MESSAGE),
			None
		);
		assert_eq!(
			builder::verify(RingDomain::Domain12, &root, &context, &proof[..700], &FIXTURE_MESSAGE),
			None
		);
	}

	/// Residents 1–10 of one community, with keys, in rings built by the pallet.
	fn ready_item() -> [u8; 32] {
		let office = MockRegistry::add_office(&100);
		let community = MockRegistry::add_community(office);
		residents_with_keys(community, 1..11);
		System::set_block_number(5);
		assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
		build_everything();
		// frame-system records the genesis hash when block 1 starts; the mock never ran it.
		frame_system::BlockHash::<Test>::insert(0, gongzhi_primitives::H256([0x47; 32]));
		[0x47; 32]
	}

	/// Resident `n`'s proof over `message` for `item`, as a member of `ring` of ITEM.
	fn prove(n: u64, ring: u32, item: ItemRef, genesis: [u8; 32], message: &[u8; 32]) -> Vec<u8> {
		let (secret, key) = keypair(n);
		let members = Rings::ring_members(ITEM, ring).unwrap();
		let opened = V::open(RingDomainSize::Domain11, &key, members.into_iter()).unwrap();
		V::create(opened, &secret, &item.context(&genesis), message).unwrap().0.into_inner()
	}

	#[test]
	fn a_members_proof_verifies_and_gives_their_alias_for_the_item() {
		new_test_ext().execute_with(|| {
			let genesis = ready_item();
			assert_eq!(Rings::genesis_hash(), genesis);
			let m = message(ITEM.id, 1, &3u32, 0);
			// Resident 2 (position 1) is in ring 1 of 3.
			let proof = prove(2, 1, ITEM, genesis, &m);
			let alias = Rings::verify(ITEM, 1, &proof, &m).unwrap();
			assert_eq!(alias, V::alias_in_context(&keypair(2).0, &ITEM.context(&genesis)).unwrap());
			// The same resident's next proof, for another choice, has the same alias.
			let m2 = message(ITEM.id, 1, &4u32, 1);
			assert_eq!(Rings::verify(ITEM, 1, &prove(2, 1, ITEM, genesis, &m2), &m2), Ok(alias));
		});
	}

	#[test]
	fn proofs_for_another_ring_item_chain_or_message_and_unknown_rings_are_refused() {
		new_test_ext().execute_with(|| {
			let genesis = ready_item();
			let m = message(ITEM.id, 1, &3u32, 0);
			let proof = prove(2, 1, ITEM, genesis, &m);
			assert_eq!(Rings::verify(ITEM, 0, &proof, &m), Err(ProofError::BadProof), "ring 0");
			assert_eq!(Rings::verify(ITEM, 3, &proof, &m), Err(ProofError::UnknownRing));
			let other = message(ITEM.id, 1, &4u32, 0);
			assert_eq!(Rings::verify(ITEM, 1, &proof, &other), Err(ProofError::BadProof));
			let elsewhere = prove(2, 1, ITEM, [9; 32], &m);
			assert_eq!(Rings::verify(ITEM, 1, &elsewhere, &m), Err(ProofError::BadProof), "chain");
			let for_other_item = prove(2, 1, ItemRef::survey(7), genesis, &m);
			assert_eq!(Rings::verify(ITEM, 1, &for_other_item, &m), Err(ProofError::BadProof));
			assert_eq!(Rings::verify(ITEM, 1, &[0u8; 785], &m), Err(ProofError::BadProof));
			assert_eq!(
				Rings::verify(ItemRef::survey(7), 0, &proof, &m),
				Err(ProofError::RingsNotReady)
			);
		});
	}

	#[test]
	fn a_late_registrant_cannot_prove_and_rings_not_ready_refuse() {
		new_test_ext().execute_with(|| {
			let office = MockRegistry::add_office(&100);
			let community = MockRegistry::add_community(office);
			residents_with_keys(community, 1..4);
			System::set_block_number(5);
			frame_system::BlockHash::<Test>::insert(0, gongzhi_primitives::H256([0x47; 32]));
			assert_ok!(<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 5));
			residents_with_keys(community, 4..5); // at the opening block: too late
			let m = message(ITEM.id, 0, &1u32, 0);
			assert_eq!(Rings::verify(ITEM, 0, &[0u8; 785], &m), Err(ProofError::RingsNotReady));
			build_everything();
			// Resident 4 proves with a ring that includes them (the chain's doesn't).
			let (secret, key) = keypair(4);
			let mut forged = Rings::ring_members(ITEM, 0).unwrap();
			assert!(!forged.contains(&key));
			forged.push(key);
			let opened = V::open(RingDomainSize::Domain11, &key, forged.into_iter()).unwrap();
			let proof = V::create(opened, &secret, &ITEM.context(&[0x47; 32]), &m).unwrap().0;
			assert_eq!(Rings::verify(ITEM, 0, &proof, &m), Err(ProofError::BadProof));
		});
	}

	#[test]
	fn an_item_not_opened_yet_is_not_collected() {
		new_test_ext().execute_with(|| {
			let office = MockRegistry::add_office(&100);
			let community = MockRegistry::add_community(office);
			residents_with_keys(community, 1..3);
			// A survey opens its rings at creation for its first day, block 10.
			let survey = ItemRef::survey(3);
			assert_ok!(<Rings as AnonymousRings<_>>::open(survey, Scope::Community(community), 10));
			assert_noop!(
				Rings::build_rings(RuntimeOrigin::signed(1), survey, 4),
				Error::<Test>::NotOpenYet
			);
			assert_eq!(Rings::on_idle(1, Weight::MAX), Weight::zero(), "nothing to do yet");
			// A resident registering before block 10 is a member.
			System::set_block_number(9);
			residents_with_keys(community, 3..4);
			System::set_block_number(10);
			build_everything();
			assert_eq!(Items::<Test>::get(survey).unwrap().eligible, 3);
			check();
		});
	}
}

mod forgetting {
	use super::*;

	#[test]
	fn a_reaped_item_is_forgotten_in_bounded_steps_and_keeps_its_summary() {
		new_test_ext().execute_with(|| {
			let community = opened_with(1..11);
			build_everything();
			assert_eq!(Rings::rings_ready(ITEM), Some(3));
			assert!(Rings::remembers(ITEM));
			System::reset_events();

			// Two records: rings 2 and 1 (the last first). The item takes no action any more.
			let step = Rings::forget(ITEM, 2);
			assert_eq!((step.removed, step.done), (2, false));
			assert_eq!(
				Items::<Test>::get(ITEM).unwrap().stage,
				Stage::Forgetting { rings: 1, pages: 1 }
			);
			assert!(
				ItemRings::<Test>::get(ITEM, 2).is_none()
					&& ItemRings::<Test>::get(ITEM, 1).is_none()
			);
			assert!(ItemRings::<Test>::get(ITEM, 0).is_some());
			assert_eq!(Rings::rings_ready(ITEM), None);
			assert_eq!(Rings::ring_root(ITEM, 0), None);
			assert_eq!(
				Rings::verify(ITEM, 0, &[0u8; 785], &[0u8; 32]),
				Err(gongzhi_primitives::anon::ProofError::RingsNotReady)
			);
			assert!(Rings::remembers(ITEM));
			assert!(events().is_empty(), "no event until it is done");
			check();

			// The rest (ring 0 and the one page) within a limit of 5: done, with one event.
			let step = Rings::forget(ITEM, 5);
			assert_eq!((step.removed, step.done), (2, true));
			let record = Items::<Test>::get(ITEM).unwrap();
			assert_eq!((record.stage, record.eligible, record.rings), (Stage::Forgotten, 10, 3));
			assert_eq!(record.scope, Scope::Community(community), "the summary stays");
			assert!(Members::<Test>::iter_prefix(ITEM).next().is_none());
			assert!(ItemRings::<Test>::iter_prefix(ITEM).next().is_none());
			assert_eq!(events(), vec![Event::RingsForgotten { item: ITEM }]);
			assert!(!Rings::remembers(ITEM));
			check();

			// Again: nothing to do. Nor to build, and it can't be opened again.
			assert_eq!(Rings::forget(ITEM, 5), gongzhi_primitives::anon::Forgetting::done());
			assert_eq!(events().len(), 1);
			assert_noop!(
				Rings::build_rings(RuntimeOrigin::signed(1), ITEM, 4),
				Error::<Test>::NothingToBuild
			);
			assert_noop!(
				<Rings as AnonymousRings<_>>::open(ITEM, Scope::Community(community), 9),
				Error::<Test>::AlreadyOpened
			);
			check();
		});
	}

	#[test]
	fn pages_go_last_first_and_an_item_still_being_built_leaves_the_queue() {
		new_test_ext().execute_with(|| {
			opened_with(1..4);
			// Still collecting, with 150 members on 3 pages (as if collected so far).
			let keys: Vec<MemberKey> = (0..150u32).map(|i| [i as u8; 32]).collect();
			crate::Pallet::<Test>::append_members(ITEM, 0, &keys).unwrap();
			Items::<Test>::mutate(ITEM, |r| r.as_mut().unwrap().eligible = 150);
			check();

			let step = Rings::forget(ITEM, 2);
			assert_eq!((step.removed, step.done), (2, false));
			assert!(Pending::<Test>::get().is_empty(), "it is not built any further");
			assert!(Members::<Test>::get(ITEM, 0).is_some());
			assert!(
				Members::<Test>::get(ITEM, 1).is_none() && Members::<Test>::get(ITEM, 2).is_none()
			);
			check();
			Rings::on_idle(5, Weight::MAX);
			assert_eq!(
				Items::<Test>::get(ITEM).unwrap().stage,
				Stage::Forgetting { rings: 0, pages: 1 }
			);
			assert_eq!(
				Rings::forget(ITEM, 1),
				gongzhi_primitives::anon::Forgetting { removed: 1, done: true }
			);
			assert!(Members::<Test>::iter_prefix(ITEM).next().is_none());
			check();
		});
	}

	#[test]
	fn an_item_never_opened_has_nothing_to_forget() {
		new_test_ext().execute_with(|| {
			assert_eq!(Rings::forget(ITEM, 10), gongzhi_primitives::anon::Forgetting::done());
			assert!(!Rings::remembers(ITEM));
			assert!(Items::<Test>::get(ITEM).is_none());
			assert!(events().is_empty());
		});
	}
}
