//! Ring member keys (`set_member_key`): a resident sets a bandersnatch key with a proof of
//! possession bound to their account; a key belongs to one resident; it changes at most once per
//! `MemberKeyCooldown`; the current and previous keys are kept with the block they were set in,
//! so the key in force before any recent block is known (`member_key_before`). Keys and proofs here are
//! real ones, made with `verifiable`'s prover-side `sign`.

use crate::{member_key_fixtures::*, mock::*, *};
use frame_support::{assert_noop, assert_ok, dispatch::CheckIfFeeless};
use gongzhi_primitives::{CommunityRegistry, MemberKey, ResidentId, Scope};
use verifiable::{ring::bandersnatch::BandersnatchVrfVerifiable as Vrf, GenerateVerifiable};

type Secret = <Vrf as GenerateVerifiable>::Secret;

/// Secret number `n`, as the app makes it from 32 random bytes.
fn secret(n: u8) -> Secret {
	Vrf::new_secret([n; 32])
}

/// The member key of secret `n`.
fn key(n: u8) -> MemberKey {
	Vrf::member_from_secret(&secret(n))
}

/// Secret `n`'s proof of possession for account `who`.
fn proof(n: u8, who: u64) -> [u8; 64] {
	Vrf::sign(&secret(n), &Community::member_key_message(&who)).expect("signing works")
}

/// `who` sets key `n` with the right proof.
fn set_key(who: u64, n: u8) -> sp_runtime::DispatchResult {
	Community::set_member_key(RuntimeOrigin::signed(who), key(n), proof(n, who))
}

fn is_free(who: u64, key: MemberKey, proof: [u8; 64]) -> bool {
	Call::<Test>::set_member_key { key, proof }.is_feeless(&RuntimeOrigin::signed(who))
}

/// `frame_benchmarking::account("resident", 0, 0)` for account type `A`: the benchmarks'
/// resident (computed here as that function does, so that the test needs no benchmarking build).
fn bench_resident_account<A: codec::Decode>() -> A {
	use codec::Encode;
	let entropy = sp_io::hashing::blake2_256(&("resident", 0u32, 0u32).encode());
	A::decode(&mut sp_runtime::traits::TrailingZeroInput::new(&entropy))
		.expect("infinite input decodes")
}

/// The keys resident `resident` holds, oldest first, with the blocks they were set in.
fn history(resident: ResidentId) -> Vec<(MemberKey, u64)> {
	MemberKeys::<Test>::get(resident)
		.map(|h| h.iter().map(|r| (r.key, r.since)).collect())
		.unwrap_or_default()
}

#[test]
fn a_resident_sets_a_member_key() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		run_to(3);
		assert_ok!(set_key(ALICE, 1));
		assert_eq!(history(alice), vec![(key(1), 3)]);
		assert_eq!(MemberKeyOwners::<Test>::get(key(1)), Some(alice));
		System::assert_last_event(Event::MemberKeySet { resident: alice, key: key(1) }.into());
	});
}

#[test]
fn set_member_key_by_a_non_resident_fails() {
	in_district(|| {
		assert_noop!(set_key(STRANGER, 1), Error::<Test>::NotResident);
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::root(), key(1), proof(1, STRANGER)),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_invalid_member_key_is_refused() {
	in_district(|| {
		add_resident(EAST, ALICE);
		let invalid = [0xff; 32];
		assert!(!Vrf::is_member_valid(&invalid));
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(ALICE), invalid, proof(1, ALICE)),
			Error::<Test>::InvalidMemberKey
		);
	});
}

#[test]
fn a_wrong_proof_is_refused() {
	in_district(|| {
		add_resident(EAST, ALICE);
		// Signed by another secret than the key's.
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(ALICE), key(1), proof(2, ALICE)),
			Error::<Test>::InvalidMemberKeyProof
		);
		// Not a signature at all.
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(ALICE), key(1), [0; 64]),
			Error::<Test>::InvalidMemberKeyProof
		);
		// The right secret over another message.
		let other = Vrf::sign(&secret(1), b"gongzhi/member-key").expect("signing works");
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(ALICE), key(1), other),
			Error::<Test>::InvalidMemberKeyProof
		);
	});
}

#[test]
fn a_key_copied_with_its_proof_from_another_account_is_refused() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		// Bob made key 1 and its proof for his account; Alice copies both before Bob's
		// registration is in a block (or Bob has not registered it yet): the proof names Bob.
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(ALICE), key(1), proof(1, BOB)),
			Error::<Test>::InvalidMemberKeyProof
		);
		assert_ok!(set_key(BOB, 1));
	});
}

#[test]
fn a_key_registered_by_another_resident_is_refused() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		add_resident(WEST, BOB);
		assert_ok!(set_key(ALICE, 1));
		// Even with a valid proof for Bob's account (the secret was shared with him).
		assert_noop!(set_key(BOB, 1), Error::<Test>::MemberKeyTaken);
		assert_eq!(MemberKeyOwners::<Test>::get(key(1)), Some(alice));
	});
}

#[test]
fn setting_the_current_key_again_is_refused() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_noop!(set_key(ALICE, 1), Error::<Test>::MemberKeyUnchanged);
	});
}

#[test]
fn the_previous_key_cannot_come_back_while_it_is_kept() {
	in_district(|| {
		add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 2));
		run_to(1 + 2 * MEMBER_KEY_COOLDOWN);
		assert_noop!(set_key(ALICE, 1), Error::<Test>::MemberKeyTaken);
	});
}

#[test]
fn a_key_changes_at_most_once_per_cooldown() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		run_to(5);
		// The first key waits for nothing, even in the block of registration.
		assert_ok!(set_key(ALICE, 1));
		run_to(5 + MEMBER_KEY_COOLDOWN - 1);
		assert_noop!(set_key(ALICE, 2), Error::<Test>::MemberKeyChangedRecently);
		assert!(!is_free(ALICE, key(2), proof(2, ALICE)));
		run_to(5 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 2));
		assert_eq!(history(alice), vec![(key(1), 5), (key(2), 5 + MEMBER_KEY_COOLDOWN)]);
		System::assert_last_event(Event::MemberKeySet { resident: alice, key: key(2) }.into());
	});
}

#[test]
fn two_keys_are_kept_and_the_one_dropped_is_freed() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		assert_ok!(set_key(ALICE, 1));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 2));
		run_to(1 + 2 * MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 3));
		assert_eq!(
			history(alice),
			vec![(key(2), 1 + MEMBER_KEY_COOLDOWN), (key(3), 1 + 2 * MEMBER_KEY_COOLDOWN)]
		);
		assert_eq!(MemberKeyOwners::<Test>::get(key(1)), None);
		assert_eq!(MemberKeyOwners::<Test>::get(key(2)), Some(alice));
		assert_eq!(MemberKeyOwners::<Test>::get(key(3)), Some(alice));
		// The dropped key is free again: whoever holds its secret may register it.
		assert_ok!(set_key(BOB, 1));
	});
}

#[test]
fn member_key_before_gives_the_key_an_item_opening_then_takes() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_eq!(Community::member_key_before(alice, 1), None);
		run_to(4);
		assert_ok!(set_key(ALICE, 1));
		let change = 4 + MEMBER_KEY_COOLDOWN;
		run_to(change);
		assert_ok!(set_key(ALICE, 2));
		assert_eq!(Community::member_key_before(alice, 4), None);
		assert_eq!(Community::member_key_before(alice, 5), Some(key(1)));
		// An item opening in the block of the change keeps the key in force before it.
		assert_eq!(Community::member_key_before(alice, change), Some(key(1)));
		assert_eq!(Community::member_key_before(alice, change + 1), Some(key(2)));
		assert_eq!(Community::member_key_before(alice, change + 100), Some(key(2)));
		// Unknown resident.
		assert_eq!(Community::member_key_before(alice + 1, change + 1), None);
	});
}

#[test]
fn retiring_a_resident_removes_and_frees_their_keys() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 2));
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER), ALICE));
		assert_eq!(MemberKeys::<Test>::get(alice), None);
		assert_eq!(MemberKeyOwners::<Test>::get(key(1)), None);
		assert_eq!(MemberKeyOwners::<Test>::get(key(2)), None);
		assert_eq!(Community::member_key_before(alice, 2 + MEMBER_KEY_COOLDOWN), None);
		// Registered again, the person sets a key afresh, with no cooldown to wait.
		assert_eq!(add_resident(EAST, ALICE), alice);
		assert_ok!(set_key(ALICE, 2));
	});
}

#[test]
fn moving_community_or_account_keeps_the_keys() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		assert_ok!(Community::move_resident(RuntimeOrigin::signed(ADMIN), ALICE, WEST));
		assert_eq!(history(alice), vec![(key(1), 1)]);
		replace_key(ALICE, CAROL);
		assert_eq!(history(alice), vec![(key(1), 1)]);
		assert_eq!(Community::member_key_before(alice, System::block_number() + 1), Some(key(1)));
		// The next change is proven for the new account.
		run_to(System::block_number().max(1 + MEMBER_KEY_COOLDOWN));
		assert_noop!(
			Community::set_member_key(RuntimeOrigin::signed(CAROL), key(2), proof(2, ALICE)),
			Error::<Test>::InvalidMemberKeyProof
		);
		assert_ok!(set_key(CAROL, 2));
	});
}

#[test]
fn set_member_key_is_free_exactly_when_it_succeeds() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		assert!(!is_free(STRANGER, key(1), proof(1, STRANGER)));
		assert!(!is_free(ALICE, [0xff; 32], proof(1, ALICE)));
		assert!(!is_free(ALICE, key(1), proof(2, ALICE)));
		assert!(!is_free(ALICE, key(1), proof(1, BOB)));
		assert!(!Call::<Test>::set_member_key { key: key(1), proof: proof(1, ALICE) }
			.is_feeless(&RuntimeOrigin::root()));
		assert!(is_free(ALICE, key(1), proof(1, ALICE)));
		assert_ok!(set_key(ALICE, 1));
		// Now taken, unchanged, or too soon.
		assert!(!is_free(BOB, key(1), proof(1, BOB)));
		assert!(!is_free(ALICE, key(1), proof(1, ALICE)));
		assert!(!is_free(ALICE, key(2), proof(2, ALICE)));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert!(is_free(ALICE, key(2), proof(2, ALICE)));
	});
}

#[test]
fn try_state_catches_a_member_key_index_that_disagrees() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		// A key in the history missing from the index.
		MemberKeyOwners::<Test>::remove(key(1));
		assert!(Community::do_try_state().is_err());
		// An index entry for a key the resident doesn't hold.
		MemberKeyOwners::<Test>::insert(key(1), alice);
		MemberKeyOwners::<Test>::insert(key(2), alice);
		assert!(Community::do_try_state().is_err());
		MemberKeyOwners::<Test>::remove(key(2));
		assert!(Community::do_try_state().is_ok());
	});
}

#[test]
fn try_state_catches_member_keys_out_of_order() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 2));
		let kept = MemberKeys::<Test>::get(alice).expect("two keys");
		let swapped: Vec<_> = kept.iter().rev().copied().collect();
		MemberKeys::<Test>::insert(alice, MemberKeyHistoryOf::<Test>::truncate_from(swapped));
		assert!(Community::do_try_state().is_err());
		MemberKeys::<Test>::insert(alice, kept);
	});
}

#[test]
fn the_check_weight_of_set_member_key_is_charged() {
	let call = Call::<Test>::set_member_key { key: [0; 32], proof: [0; 64] };
	assert_eq!(
		Community::feeless_check_weight(&call),
		<() as WeightInfo>::feeless_set_member_key()
	);
}

/// The benchmarks' precomputed keys and proofs are real: each verifies for its account with
/// the message the pallet checks (the mock's fixture through the pallet's own function, the
/// others by the same formula over their account bytes), and was made from its entropy.
#[test]
fn every_member_key_fixture_verifies() {
	use codec::Encode;
	for (fixture, entropy) in MEMBER_KEY_FIXTURES.iter().zip(FIXTURE_ENTROPY) {
		let message =
			sp_io::hashing::blake2_256(&[MEMBER_KEY_CONTEXT.as_slice(), fixture.account].concat());
		assert!(Vrf::is_member_valid(&fixture.key));
		assert!(Vrf::verify_signature(&fixture.proof, &message, &fixture.key));
		assert_eq!(Vrf::member_from_secret(&Vrf::new_secret(entropy)), fixture.key);
	}
	// The mock's benchmark resident has one, and the pallet agrees with the formula above.
	let who: u64 = bench_resident_account();
	let fixture = member_key_fixture(&who.encode()).expect("a fixture for the mock's account");
	assert!(Vrf::verify_signature(
		&fixture.proof,
		&Community::member_key_message(&who),
		&fixture.key
	));
}

/// Makes the fixtures again (run with `--ignored --nocapture` and paste the output into
/// `member_key_fixtures.rs`): for `account("resident", 0, 0)` as the mock's `u64` and as an
/// `AccountId32`, the key of each fixture's entropy and its proof.
#[test]
#[ignore = "prints the benchmark fixtures; run by hand"]
fn print_member_key_fixtures() {
	use codec::Encode;
	let hex = |bytes: &[u8]| {
		bytes.iter().fold(String::new(), |mut out, b| {
			use core::fmt::Write;
			let _ = write!(out, "{b:02x}");
			out
		})
	};
	let mock: u64 = bench_resident_account();
	let runtime: sp_core::crypto::AccountId32 = bench_resident_account();
	for (account, entropy) in [mock.encode(), runtime.encode()].into_iter().zip(FIXTURE_ENTROPY) {
		let secret = Vrf::new_secret(entropy);
		let message = sp_io::hashing::blake2_256(
			&[MEMBER_KEY_CONTEXT.as_slice(), account.as_slice()].concat(),
		);
		let proof = Vrf::sign(&secret, &message).expect("signing works");
		println!(
			"account {}\nkey {}\nproof {}\n",
			hex(&account),
			hex(&Vrf::member_from_secret(&secret)),
			hex(&proof)
		);
	}
}

/// Every page of the walk over `scope`'s key holders before block `at`, `limit` residents at a
/// time: the keys in the walk's order, and how many pages it took.
fn walk(scope: Scope, at: u64, limit: u32) -> (Vec<MemberKey>, u32) {
	let (mut keys, mut pages, mut after) = (Vec::new(), 0, None);
	loop {
		let page = Community::member_keys_in(scope, at, after, limit);
		assert!(page.read <= limit, "a page reads at most its limit");
		keys.extend(page.keys);
		pages += 1;
		match page.next {
			Some(next) => after = Some(next),
			None => return (keys, pages),
		}
	}
}

fn sorted(mut keys: Vec<MemberKey>) -> Vec<MemberKey> {
	keys.sort();
	keys
}

#[test]
fn the_walk_over_key_holders_gives_each_scope_its_keys_before_a_block_in_pages() {
	in_district(|| {
		add_resident(EAST, ALICE);
		add_resident(EAST, BOB);
		add_resident(WEST, CAROL);
		add_resident(NORTH, STRANGER);
		add_resident(EAST, UNFUNDED); // No key: never walked.
		for (who, n) in [(ALICE, 1), (BOB, 2), (CAROL, 3), (STRANGER, 9)] {
			assert_ok!(set_key(who, n));
		}
		run_to(2);
		let office = Scope::Office(OFFICE);
		let everyone = sorted(vec![key(1), key(2), key(3)]);
		let (in_one_page, pages) = walk(office, 2, 10);
		assert_eq!((sorted(in_one_page.clone()), pages), (everyone.clone(), 1));
		for limit in [1, 2, 3] {
			assert_eq!(walk(office, 2, limit).0, in_one_page, "the same order in pages of {limit}");
		}
		assert_eq!(walk(office, 2, 1).1, 3, "three residents, one a page");
		assert_eq!(sorted(walk(Scope::Community(EAST), 2, 1).0), sorted(vec![key(1), key(2)]));
		assert_eq!(walk(Scope::Community(WEST), 2, 5).0, vec![key(3)]);
		assert_eq!(walk(Scope::Office(OFFICE2), 2, 5).0, vec![key(9)]);
		assert_eq!(walk(Scope::Community(77), 2, 5), (vec![], 1), "no such community");
		// Registered and keyed at block 1: not before block 1.
		assert_eq!(walk(office, 1, 10).0, Vec::<MemberKey>::new());

		// Alice changes her key: before block 2 she still had the first.
		run_to(1 + MEMBER_KEY_COOLDOWN);
		assert_ok!(set_key(ALICE, 4));
		let now = System::block_number();
		assert!(walk(office, 2, 10).0.contains(&key(1)));
		assert!(walk(office, now + 1, 10).0.contains(&key(4)));
		// Bob moves to WEST: filed there, registered again now, so not before block 2 any more.
		assert_ok!(Community::move_resident(RuntimeOrigin::signed(ADMIN), BOB, WEST));
		assert_eq!(walk(Scope::Community(EAST), now + 1, 10).0, vec![key(4)]);
		assert_eq!(
			sorted(walk(Scope::Community(WEST), now + 1, 10).0),
			sorted(vec![key(2), key(3)])
		);
		assert_eq!(walk(Scope::Community(WEST), 2, 10).0, vec![key(3)]);
		// Carol is retired: no longer walked.
		assert_ok!(Community::retire_resident(RuntimeOrigin::signed(OFFICER_WEST), CAROL));
		assert_eq!(sorted(walk(office, now + 1, 10).0), sorted(vec![key(2), key(4)]));
		assert_eq!(KeyHolders::<Test>::iter().count(), 3, "Alice, Bob and the stranger");
		assert_ok!(Community::do_try_state());
	});
}

#[test]
fn try_state_catches_a_key_holder_filed_wrongly_or_missing() {
	in_district(|| {
		let alice = add_resident(EAST, ALICE);
		assert_ok!(set_key(ALICE, 1));
		assert_ok!(Community::do_try_state());
		// Filed under the wrong community.
		let registered = KeyHolders::<Test>::take((OFFICE, EAST, alice)).unwrap();
		KeyHolders::<Test>::insert((OFFICE, WEST, alice), registered);
		assert!(Community::do_try_state().is_err());
		// Missing.
		KeyHolders::<Test>::remove((OFFICE, WEST, alice));
		assert!(Community::do_try_state().is_err());
		KeyHolders::<Test>::insert((OFFICE, EAST, alice), registered);
		assert_ok!(Community::do_try_state());
	});
}
