//! Test doubles of the traits, shared by the pallets' mock runtimes (feature `test-utils`, which
//! implies `std`; pallets enable it in their `[dev-dependencies]` only).
//!
//! [`MockRegistry`] is the one [`CommunityRegistry`] every pallet's `mock.rs` plugs in:
//! `type Registry = MockRegistry<Test>;` — usually through an alias,
//! `pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;`. It keeps its
//! offices, communities, officers, providers, staff and residents in storage (under the prefix
//! `GongzhiMockRegistry`), not in thread-locals, so that benchmark tests — which run in fresh
//! externalities and wipe the state between runs — see exactly what the `bench_*` helpers set up,
//! and every test starts from an empty registry.
//!
//! Tests set the scene with its associated functions, all named and ordered the same way
//! (the account acted on first, then where): [`MockRegistry::add_office`],
//! [`MockRegistry::add_community`], [`MockRegistry::add_officer`],
//! [`MockRegistry::add_provider`], [`MockRegistry::add_resident`], [`MockRegistry::add_staff`],
//! and change it with [`MockRegistry::retire_office`], [`MockRegistry::remove_officer`],
//! [`MockRegistry::suspend_provider`], [`MockRegistry::move_resident`],
//! [`MockRegistry::replace_account`], [`MockRegistry::set_household`],
//! [`MockRegistry::set_member_key`] and [`MockRegistry::retire_resident`]. Reads go through the
//! trait (`MockRegistry::resident(&who)`).
//!
//! The double is the contract of [`CommunityRegistry`] as the pallets rely on it; where it is
//! simpler than pallet-community (counts and the staff index are computed the slow way; every
//! member key is kept, not only the current and previous one), the answers are the same for what
//! pallet-community still knows.

use crate::{
	anon::{Alias, AnonymousRings, Forgetting, ItemRef, ProofError, RingDomain, RingRoot},
	CommunityId, CommunityRegistry, KeyCursor, KeyPage, MemberKey, OfficeId, ResidentId,
	ResidentInfo, Scope, H256,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{pallet_prelude::ValueQuery, storage_alias, Blake2_128Concat, Twox64Concat};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

/// A street office in the double: its admin, and whether it still runs.
#[derive(Encode, Decode, Clone, PartialEq, Debug)]
enum Office<AccountId> {
	/// Active, run by this admin account.
	Active(AccountId),
	/// Retired: its scopes can no longer be used and its admin has no rights.
	Retired(AccountId),
}

/// A provider's standing in one office.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
enum Provider {
	/// Approved: may bid, serve and be rated.
	Approved,
	/// Suspended by the office: no longer approved.
	Suspended,
}

/// Which counter an id comes from.
#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
enum Counter {
	Office,
	Community,
	Resident,
}

#[storage_alias(verbatim)]
type Offices<T: frame_system::Config> = StorageMap<
	GongzhiMockRegistry,
	Twox64Concat,
	OfficeId,
	Office<<T as frame_system::Config>::AccountId>,
>;
#[storage_alias(verbatim)]
type Communities = StorageMap<GongzhiMockRegistry, Twox64Concat, CommunityId, OfficeId>;
#[storage_alias(verbatim)]
type Officers<T: frame_system::Config> = StorageDoubleMap<
	GongzhiMockRegistry,
	Twox64Concat,
	CommunityId,
	Blake2_128Concat,
	<T as frame_system::Config>::AccountId,
	(),
>;
#[storage_alias(verbatim)]
type Providers<T: frame_system::Config> = StorageDoubleMap<
	GongzhiMockRegistry,
	Twox64Concat,
	OfficeId,
	Blake2_128Concat,
	<T as frame_system::Config>::AccountId,
	Provider,
>;
/// Declared staff (回避): (provider, resident) pairs.
#[storage_alias(verbatim)]
type Staff<T: frame_system::Config> = StorageDoubleMap<
	GongzhiMockRegistry,
	Blake2_128Concat,
	<T as frame_system::Config>::AccountId,
	Twox64Concat,
	ResidentId,
	(),
>;
#[storage_alias(verbatim)]
type Residents<T: frame_system::Config> = StorageMap<
	GongzhiMockRegistry,
	Blake2_128Concat,
	<T as frame_system::Config>::AccountId,
	ResidentInfo<BlockNumberFor<T>>,
>;
#[storage_alias(verbatim)]
type ResidentAccounts<T: frame_system::Config> = StorageMap<
	GongzhiMockRegistry,
	Twox64Concat,
	ResidentId,
	<T as frame_system::Config>::AccountId,
>;
/// Ring member keys by resident: `(key, since)`, oldest first.
#[storage_alias(verbatim)]
type MemberKeys<T: frame_system::Config> = StorageMap<
	GongzhiMockRegistry,
	Twox64Concat,
	ResidentId,
	Vec<(MemberKey, BlockNumberFor<T>)>,
	ValueQuery,
>;
#[storage_alias(verbatim)]
type NextIds = StorageMap<GongzhiMockRegistry, Twox64Concat, Counter, u32, ValueQuery>;

/// The next id of `counter`: 1, 2, 3… (so that 0 and large numbers are free for "no such id").
fn next_id(counter: Counter) -> u32 {
	NextIds::mutate(counter, |n| {
		*n += 1;
		*n
	})
}

/// The shared [`CommunityRegistry`] double for a mock runtime `T`: offices, communities,
/// officers, providers, staff and residents kept in storage. See the [module docs](self).
pub struct MockRegistry<T>(PhantomData<T>);

impl<T: frame_system::Config> MockRegistry<T> {
	/// Opens an active office administered by `admin`; returns its id (from 1).
	pub fn add_office(admin: &T::AccountId) -> OfficeId {
		let office = next_id(Counter::Office);
		Offices::<T>::insert(office, Office::Active(admin.clone()));
		office
	}

	/// Retires `office`: it is no longer active, its scopes can't be used and its admin loses
	/// their rights.
	pub fn retire_office(office: OfficeId) {
		Offices::<T>::mutate(office, |o| {
			if let Some(Office::Active(admin)) = o {
				*o = Some(Office::Retired(admin.clone()));
			}
		});
	}

	/// Opens a community of `office`; returns its id (from 1).
	pub fn add_community(office: OfficeId) -> CommunityId {
		let community = next_id(Counter::Community);
		Communities::insert(community, office);
		community
	}

	/// Appoints `who` an officer of `community`.
	pub fn add_officer(who: &T::AccountId, community: CommunityId) {
		Officers::<T>::insert(community, who, ());
	}

	/// Removes `who` from the officers of `community`.
	pub fn remove_officer(who: &T::AccountId, community: CommunityId) {
		Officers::<T>::remove(community, who);
	}

	/// Approves `who` as a provider in `office` (again, if it was suspended).
	pub fn add_provider(who: &T::AccountId, office: OfficeId) {
		Providers::<T>::insert(office, who, Provider::Approved);
	}

	/// Suspends provider `who` in `office`: it is no longer approved there.
	pub fn suspend_provider(who: &T::AccountId, office: OfficeId) {
		Providers::<T>::insert(office, who, Provider::Suspended);
	}

	/// Declares resident `resident` staff of `provider` (回避).
	pub fn add_staff(provider: &T::AccountId, resident: ResidentId) {
		Staff::<T>::insert(provider, resident, ());
	}

	/// Registers `who` as a resident of `community` at the current block, without a household;
	/// returns the resident number (from 1). Panics if `who` is a resident already or the
	/// community doesn't exist.
	pub fn add_resident(who: &T::AccountId, community: CommunityId) -> ResidentId {
		let now = frame_system::Pallet::<T>::block_number();
		Self::insert_resident(who, community, None, now)
	}

	/// Registers `who` as a resident of `community` at the current block, in `household`
	/// recorded at genesis (block 0: before anything the test opens); returns the resident
	/// number. Use [`Self::set_household`] for a household set now.
	pub fn add_resident_with_household(
		who: &T::AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId {
		Self::insert_resident(who, community, household, Zero::zero())
	}

	/// Sets resident `who`'s household now, as an officer's `set_household` would.
	pub fn set_household(who: &T::AccountId, household: Option<H256>) {
		let now = frame_system::Pallet::<T>::block_number();
		Residents::<T>::mutate(who, |r| {
			let r = r.as_mut().expect("a resident");
			r.household = household;
			r.household_since = now;
		});
	}

	/// Moves resident `who` to `community` at the current block (which resets `registered_at`).
	pub fn move_resident(who: &T::AccountId, community: CommunityId) {
		let office = Communities::get(community).expect("the community exists");
		let now = frame_system::Pallet::<T>::block_number();
		Residents::<T>::mutate(who, |r| {
			let r = r.as_mut().expect("a resident");
			r.community = community;
			r.office = office;
			r.registered_at = now;
		});
	}

	/// Moves the resident record of `old` to account `new` (a lost key, as an enacted
	/// `propose_replacement`): same resident number, community and dates.
	pub fn replace_account(old: &T::AccountId, new: &T::AccountId) {
		let info = Residents::<T>::take(old).expect("a resident");
		ResidentAccounts::<T>::insert(info.id, new);
		Residents::<T>::insert(new, info);
	}

	/// Sets resident `who`'s ring member key now, as their own `set_member_key` would (without
	/// its checks: any 32 bytes will do here).
	pub fn set_member_key(who: &T::AccountId, key: MemberKey) {
		let id = Residents::<T>::get(who).expect("a resident").id;
		let now = frame_system::Pallet::<T>::block_number();
		MemberKeys::<T>::append(id, (key, now));
	}

	/// The key `resident` had in force before block `at` (the latest set before it), as an item
	/// opening at `at` takes it into its ring; every key is kept here.
	pub fn member_key_before(resident: ResidentId, at: BlockNumberFor<T>) -> Option<MemberKey> {
		MemberKeys::<T>::get(resident)
			.into_iter()
			.rev()
			.find(|(_, since)| *since < at)
			.map(|(key, _)| key)
	}

	/// Removes resident `who` (if a resident): the account and the resident number are nobody,
	/// and their member keys are gone.
	pub fn retire_resident(who: &T::AccountId) {
		if let Some(info) = Residents::<T>::take(who) {
			ResidentAccounts::<T>::remove(info.id);
			MemberKeys::<T>::remove(info.id);
		}
	}

	fn insert_resident(
		who: &T::AccountId,
		community: CommunityId,
		household: Option<H256>,
		household_since: BlockNumberFor<T>,
	) -> ResidentId {
		assert!(Residents::<T>::get(who).is_none(), "one resident record per account");
		let office = Communities::get(community).expect("the community exists");
		let id = next_id(Counter::Resident);
		Residents::<T>::insert(
			who,
			ResidentInfo {
				id,
				community,
				office,
				registered_at: frame_system::Pallet::<T>::block_number(),
				household,
				household_since,
			},
		);
		ResidentAccounts::<T>::insert(id, who);
		id
	}
}

impl<T: frame_system::Config> CommunityRegistry<T::AccountId, BlockNumberFor<T>>
	for MockRegistry<T>
{
	fn resident(who: &T::AccountId) -> Option<ResidentInfo<BlockNumberFor<T>>> {
		Residents::<T>::get(who)
	}

	fn resident_account(id: ResidentId) -> Option<T::AccountId> {
		ResidentAccounts::<T>::get(id)
	}

	fn office_of(community: CommunityId) -> Option<OfficeId> {
		Communities::get(community)
	}

	fn office_is_active(office: OfficeId) -> bool {
		matches!(Offices::<T>::get(office), Some(Office::Active(_)))
	}

	fn is_office_admin(who: &T::AccountId, office: OfficeId) -> bool {
		matches!(Offices::<T>::get(office), Some(Office::Active(admin)) if admin == *who)
	}

	fn is_officer(who: &T::AccountId, community: CommunityId) -> bool {
		Officers::<T>::get(community, who).is_some()
	}

	fn is_approved_provider(who: &T::AccountId, office: OfficeId) -> bool {
		Providers::<T>::get(office, who) == Some(Provider::Approved)
	}

	/// Counted the slow way here; pallet-community keeps the counts incrementally.
	fn residents_in(scope: Scope) -> u32 {
		Residents::<T>::iter_values().filter(|r| r.is_in(&scope)).count() as u32
	}

	fn is_staff_of(provider: &T::AccountId, resident: ResidentId) -> bool {
		Staff::<T>::get(provider, resident).is_some()
	}

	/// Found the slow way here; pallet-community keeps an index by person.
	fn employers_of(resident: ResidentId) -> Vec<T::AccountId> {
		Staff::<T>::iter_keys().filter(|(_, r)| *r == resident).map(|(p, _)| p).collect()
	}

	/// As pallet-community's runtime value.
	fn max_employers() -> u32 {
		4
	}

	/// Walked the slow way here, in (community, resident) order; pallet-community walks an
	/// index of the residents holding a key, in its storage order. Either order is fixed.
	fn member_keys_in(
		scope: Scope,
		at: BlockNumberFor<T>,
		after: Option<KeyCursor>,
		limit: u32,
	) -> KeyPage {
		let mut holders: Vec<(KeyCursor, ResidentInfo<BlockNumberFor<T>>)> =
			Residents::<T>::iter_values()
				.filter(|r| r.is_in(&scope) && !MemberKeys::<T>::get(r.id).is_empty())
				.map(|r| (KeyCursor { community: r.community, resident: r.id }, r))
				.collect();
		holders.sort_by_key(|(c, _)| (c.community, c.resident));
		let rest = holders.into_iter().skip_while(|(c, _)| {
			after.is_some_and(|a| (c.community, c.resident) <= (a.community, a.resident))
		});
		let mut page = KeyPage::default();
		let mut rest = rest.peekable();
		while page.read < limit {
			let Some((cursor, info)) = rest.next() else { break };
			page.read += 1;
			page.next = Some(cursor);
			let key = Self::member_key_before(info.id, at);
			if let (true, Some(key)) = (info.registered_before(&at), key) {
				page.keys.push(key);
			}
		}
		if rest.peek().is_none() {
			page.next = None;
		}
		page
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_office(admin: &T::AccountId) -> OfficeId {
		Self::add_office(admin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId {
		Self::add_community(office)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &T::AccountId) {
		Self::add_officer(who, community)
	}

	/// The household, if any, counts as recorded at genesis, so that it predates every window
	/// the benchmark opens.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &T::AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId {
		Self::add_resident_with_household(who, community, household)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &T::AccountId, office: OfficeId) {
		Self::add_provider(who, office)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_staff(provider: &T::AccountId, resident: ResidentId) {
		Self::add_staff(provider, resident)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_member_key(resident: ResidentId, key: MemberKey) {
		let now = frame_system::Pallet::<T>::block_number();
		MemberKeys::<T>::append(resident, (key, now));
	}
}

/// The rings of anonymous items in the [`MockRings`] double: what was opened, which items are
/// ready with how many rings, and which aliases belong to which ring.
#[storage_alias(verbatim)]
type RingOpenings<T: frame_system::Config> =
	StorageMap<GongzhiMockRings, Twox64Concat, ItemRef, (Scope, BlockNumberFor<T>)>;
#[storage_alias(verbatim)]
type RingsReady = StorageMap<GongzhiMockRings, Twox64Concat, ItemRef, u32>;
#[storage_alias(verbatim)]
type RingMembers = StorageMap<GongzhiMockRings, Blake2_128Concat, (ItemRef, u32, Alias), ()>;

/// Authorizes `call` as the pool (and block building) does, for a call with a
/// `#[pallet::authorize]`: `Err(i)` when refused with `InvalidTransaction::Custom(i)`, `i` the
/// index of the pallet's error (see [`crate::anon::refusal`]). Panics on any other refusal, or if
/// the call has no authorize function: a test of an anonymous action wants a named error.
pub fn authorize<C: frame_support::traits::Authorize>(call: &C) -> Result<(), u8> {
	use sp_runtime::transaction_validity::{
		InvalidTransaction, TransactionSource, TransactionValidityError,
	};
	match call.authorize(TransactionSource::External).expect("the call has an authorize") {
		Ok(_) => Ok(()),
		Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(index))) => Err(index),
		Err(other) => panic!("refused without a named error: {other:?}"),
	}
}

/// The shared [`AnonymousRings`] double (pallet-rings): tests say when an item's rings are ready
/// and which aliases are members of which ring, and make the "proofs" it accepts. A proof here is
/// the bytes `ring (u32 LE) ++ message ++ alias`, accepted for a member alias of that ring of that
/// item; a real proof is a ring-VRF proof, verified by pallet-rings (its own tests).
pub struct MockRings<T>(PhantomData<T>);

impl<T: frame_system::Config> MockRings<T> {
	/// Fixes the rings of `item`: `rings` of them.
	pub fn make_ready(item: ItemRef, rings: u32) {
		RingsReady::insert(item, rings);
	}

	/// Makes `alias` a member of ring `ring` of `item`: its proofs verify.
	pub fn add_member(item: ItemRef, ring: u32, alias: Alias) {
		RingMembers::insert((item, ring, alias), ());
	}

	/// The proof the double accepts from `alias`, a member of ring `ring`, over `message`.
	pub fn proof(ring: u32, message: &[u8; 32], alias: &Alias) -> Vec<u8> {
		[&ring.to_le_bytes()[..], &message[..], &alias[..]].concat()
	}

	/// The scope and block `item`'s rings were opened with, if they were.
	pub fn opened(item: ItemRef) -> Option<(Scope, BlockNumberFor<T>)> {
		RingOpenings::<T>::get(item)
	}
}

impl<T: frame_system::Config> AnonymousRings<BlockNumberFor<T>> for MockRings<T> {
	fn open(item: ItemRef, scope: Scope, at: BlockNumberFor<T>) -> sp_runtime::DispatchResult {
		if RingOpenings::<T>::get(item).is_some() {
			return Err(sp_runtime::DispatchError::Other("rings already opened"));
		}
		RingOpenings::<T>::insert(item, (scope, at));
		Ok(())
	}

	fn open_weight() -> sp_weights::Weight {
		sp_weights::Weight::zero()
	}

	fn rings_ready(item: ItemRef) -> Option<u32> {
		RingsReady::get(item)
	}

	fn ring_root(item: ItemRef, ring: u32) -> Option<(RingDomain, RingRoot)> {
		(ring < RingsReady::get(item)?).then_some((RingDomain::Domain11, [ring as u8; 288]))
	}

	fn verify(
		item: ItemRef,
		ring: u32,
		proof: &[u8],
		message: &[u8; 32],
	) -> Result<Alias, ProofError> {
		let rings = RingsReady::get(item).ok_or(ProofError::RingsNotReady)?;
		if ring >= rings {
			return Err(ProofError::UnknownRing);
		}
		let alias: Alias = proof
			.get(36..68)
			.filter(|_| proof.len() == 68)
			.and_then(|a| a.try_into().ok())
			.ok_or(ProofError::BadProof)?;
		let valid = proof[..4] == ring.to_le_bytes()
			&& proof[4..36] == message[..]
			&& RingMembers::get((item, ring, alias)).is_some();
		valid.then_some(alias).ok_or(ProofError::BadProof)
	}

	fn verify_weight() -> sp_weights::Weight {
		sp_weights::Weight::zero()
	}

	/// Forgets an item in steps of one record per ring plus one for its opening: `rings + 1`
	/// records in all (its members and roots, as far as the double keeps them).
	fn forget(item: ItemRef, limit: u32) -> Forgetting {
		let mut removed = 0;
		while removed < limit {
			if let Some(rings) = RingsReady::get(item).filter(|r| *r > 0) {
				RingsReady::insert(item, rings - 1);
			} else if RingOpenings::<T>::take(item).is_some() {
				RingsReady::remove(item);
			} else {
				break;
			}
			removed += 1;
		}
		Forgetting { removed, done: !Self::remembers(item) }
	}

	fn forget_weight(_removed: u32) -> sp_weights::Weight {
		sp_weights::Weight::zero()
	}

	fn remembers(item: ItemRef) -> bool {
		RingOpenings::<T>::get(item).is_some()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::derive_impl;
	use sp_runtime::BuildStorage;

	type Block = frame_system::mocking::MockBlock<Test>;

	frame_support::construct_runtime!(
		pub enum Test {
			System: frame_system,
		}
	);

	#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
	impl frame_system::Config for Test {
		type Block = Block;
	}

	type Registry = MockRegistry<Test>;

	fn execute(test: impl FnOnce()) {
		let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(5);
			test()
		});
	}

	#[test]
	fn offices_admins_and_scopes() {
		execute(|| {
			let office = Registry::add_office(&1);
			let community = Registry::add_community(office);
			assert_eq!((office, community), (1, 1));
			Registry::add_officer(&2, community);
			assert!(Registry::office_is_active(office));
			assert!(Registry::is_office_admin(&1, office));
			assert!(!Registry::is_office_admin(&2, office));
			assert!(Registry::may_manage(&2, Scope::Community(community)));
			assert!(!Registry::may_manage(&2, Scope::Office(office)));
			assert_eq!(Registry::scope_office(Scope::Community(community)), Some(office));
			assert_eq!(Registry::scope_office(Scope::Community(99)), None);

			Registry::remove_officer(&2, community);
			assert!(!Registry::is_officer(&2, community));
			Registry::retire_office(office);
			assert!(!Registry::office_is_active(office));
			assert!(!Registry::is_office_admin(&1, office));
			assert_eq!(Registry::scope_office(Scope::Office(office)), None);
		});
	}

	#[test]
	fn providers_are_approved_until_suspended() {
		execute(|| {
			let office = Registry::add_office(&1);
			assert!(!Registry::is_approved_provider(&10, office));
			Registry::add_provider(&10, office);
			assert!(Registry::is_approved_provider(&10, office));
			assert!(!Registry::is_approved_provider(&10, office + 1));
			Registry::suspend_provider(&10, office);
			assert!(!Registry::is_approved_provider(&10, office));
			Registry::add_provider(&10, office);
			assert!(Registry::is_approved_provider(&10, office));
		});
	}

	#[test]
	fn residents_move_change_account_and_retire() {
		execute(|| {
			let office = Registry::add_office(&1);
			let (a, b) = (Registry::add_community(office), Registry::add_community(office));
			let alice = Registry::add_resident(&10, a);
			let bob = Registry::add_resident_with_household(&11, a, Some(H256::repeat_byte(1)));
			assert_eq!((alice, bob), (1, 2));
			let info = Registry::resident(&10).unwrap();
			assert_eq!((info.community, info.office, info.registered_at), (a, office, 5));
			assert_eq!((info.household, info.household_since), (None, 5));
			let info = Registry::resident(&11).unwrap();
			assert_eq!((info.household, info.household_since), (Some(H256::repeat_byte(1)), 0));
			assert_eq!(Registry::residents_in(Scope::Community(a)), 2);

			System::set_block_number(7);
			Registry::set_household(&10, Some(H256::repeat_byte(2)));
			Registry::move_resident(&10, b);
			let info = Registry::resident(&10).unwrap();
			assert_eq!((info.community, info.registered_at, info.household_since), (b, 7, 7));
			assert_eq!(Registry::residents_in(Scope::Community(a)), 1);
			assert_eq!(Registry::residents_in(Scope::Office(office)), 2);

			Registry::replace_account(&10, &20);
			assert_eq!(Registry::resident(&10), None);
			assert_eq!(Registry::resident(&20).unwrap().id, alice);
			assert_eq!(Registry::resident_account(alice), Some(20));

			Registry::retire_resident(&20);
			assert_eq!(Registry::resident(&20), None);
			assert_eq!(Registry::resident_account(alice), None);
		});
	}

	#[test]
	#[should_panic(expected = "one resident record per account")]
	fn one_resident_record_per_account() {
		execute(|| {
			let community = Registry::add_community(Registry::add_office(&1));
			Registry::add_resident(&10, community);
			Registry::add_resident(&10, community);
		});
	}

	#[test]
	fn member_keys_in_force_before_a_block() {
		execute(|| {
			let community = Registry::add_community(Registry::add_office(&1));
			let alice = Registry::add_resident(&10, community);
			assert_eq!(Registry::member_key_before(alice, 5), None);
			Registry::set_member_key(&10, [1; 32]);
			System::set_block_number(8);
			Registry::set_member_key(&10, [2; 32]);
			assert_eq!(Registry::member_key_before(alice, 5), None);
			assert_eq!(Registry::member_key_before(alice, 6), Some([1; 32]));
			// An item opening at the block of a change keeps the key in force before it.
			assert_eq!(Registry::member_key_before(alice, 8), Some([1; 32]));
			assert_eq!(Registry::member_key_before(alice, 9), Some([2; 32]));
			assert_eq!(Registry::member_key_before(alice, 100), Some([2; 32]));
			Registry::retire_resident(&10);
			assert_eq!(Registry::member_key_before(alice, 100), None);
		});
	}

	#[test]
	fn staff_and_employers() {
		execute(|| {
			Registry::add_staff(&10, 1);
			Registry::add_staff(&11, 1);
			Registry::add_staff(&10, 2);
			assert!(Registry::is_staff_of(&10, 1));
			assert!(!Registry::is_staff_of(&11, 2));
			let mut employers = Registry::employers_of(1);
			employers.sort();
			assert_eq!(employers, vec![10, 11]);
			assert!(Registry::employers_of(3).is_empty());
		});
	}
}
