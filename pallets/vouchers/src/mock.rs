//! A mock runtime: frame_system and this pallet, with small storage-backed mocks of the registry
//! (pallet-community) and of awarded contracts (pallet-procurement). The mocks keep their data
//! in storage (`storage_alias`), so unit tests and benchmark tests, which run in fresh
//! externalities, see the same behaviour; they also document what this pallet expects of the
//! traits.

use crate as pallet_vouchers;
use frame_support::{derive_impl, traits::ConstU32, Blake2_128Concat, Twox64Concat};
use gongzhi_primitives::{
	Award, AwardedContracts, CommunityId, CommunityRegistry, OfficeId, ProjectId, ResidentId,
	ResidentInfo, Scope, H256,
};
use sp_core::{sr25519, Pair};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{
	traits::{IdentifyAccount, IdentityLookup},
	AccountId32, BuildStorage, MultiSignature, MultiSigner,
};
use std::sync::Arc;

pub type AccountId = AccountId32;
pub type BlockNumber = u32;

type Block = frame_system::mocking::MockBlockU32<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Vouchers: pallet_vouchers,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// What creating a programme holds in the mock.
pub const PROGRAMME_DEPOSIT: u64 = 10;
/// What an office's admin account starts with in the mock.
pub const ENDOWMENT: u64 = 1_000;

/// Blocks a provider has to confirm before the resident may cancel.
pub const TIMEOUT: BlockNumber = 60;
/// Blocks per day in the mock.
pub const DAY: BlockNumber = 100;
/// How far ahead an offline redemption's deadline may be.
pub const MAX_VALIDITY: BlockNumber = 50;

impl pallet_vouchers::Config for Test {
	type Registry = MockRegistry;
	type Contracts = MockContracts;
	type OffchainSignature = MultiSignature;
	type OffchainPublic = MultiSigner;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = gongzhi_primitives::benchmarking::EcdsaSigner;
	type WeightInfo = ();
	type MaxServiceNameLen = ConstU32<32>;
	type MaxProviders = ConstU32<4>;
	type MaxIssueBatch = ConstU32<6>;
	type MaxSettleBatch = ConstU32<6>;
	type MaxExpireBatch = ConstU32<6>;
	type MaxVouchersPerResident = ConstU32<4>;
	type MaxRecentRedemptions = ConstU32<3>;
	type MaxOpenProgrammes = ConstU32<3>;
	type RedemptionTimeout = ConstU32<TIMEOUT>;
	type BlocksPerDay = ConstU32<DAY>;
	type MaxSignatureValidity = ConstU32<MAX_VALIDITY>;
	type MaxLeadTime = ConstU32<LEAD_TIME>;
	type MaxProgrammesPerAward = ConstU32<2>;
	type MaxCancellations = frame_support::traits::ConstU8<2>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProgrammeDeposit = frame_support::traits::ConstU64<PROGRAMME_DEPOSIT>;
}

/// How far ahead a claim window may open in the mock.
pub const LEAD_TIME: u32 = 500;

#[frame_support::storage_alias]
pub type Offices = StorageMap<MockRegistry, Twox64Concat, OfficeId, (AccountId, bool)>;
#[frame_support::storage_alias]
pub type NextOffice =
	StorageValue<MockRegistry, OfficeId, frame_support::pallet_prelude::ValueQuery>;
#[frame_support::storage_alias]
pub type Communities = StorageMap<MockRegistry, Twox64Concat, CommunityId, OfficeId>;
#[frame_support::storage_alias]
pub type NextCommunity =
	StorageValue<MockRegistry, CommunityId, frame_support::pallet_prelude::ValueQuery>;
#[frame_support::storage_alias]
pub type Officers =
	StorageDoubleMap<MockRegistry, Twox64Concat, CommunityId, Blake2_128Concat, AccountId, ()>;
/// `true` while approved, `false` while suspended.
#[frame_support::storage_alias]
pub type Providers =
	StorageDoubleMap<MockRegistry, Twox64Concat, OfficeId, Blake2_128Concat, AccountId, bool>;
#[frame_support::storage_alias]
pub type Residents =
	StorageMap<MockRegistry, Blake2_128Concat, AccountId, ResidentInfo<BlockNumber>>;
#[frame_support::storage_alias]
pub type ResidentAccounts = StorageMap<MockRegistry, Twox64Concat, ResidentId, AccountId>;
#[frame_support::storage_alias]
/// Declared staff (回避): (provider, resident) pairs.
pub type Staff =
	StorageDoubleMap<MockRegistry, Blake2_128Concat, AccountId, Twox64Concat, ResidentId, ()>;
#[frame_support::storage_alias]
pub type NextResident =
	StorageValue<MockRegistry, ResidentId, frame_support::pallet_prelude::ValueQuery>;
#[frame_support::storage_alias]
pub type Awards = StorageMap<MockContracts, Twox64Concat, ProjectId, Award<AccountId>>;
#[frame_support::storage_alias]
pub type NextProject =
	StorageValue<MockContracts, ProjectId, frame_support::pallet_prelude::ValueQuery>;

/// The registry, as pallet-community will provide it.
pub struct MockRegistry;

impl CommunityRegistry<AccountId, BlockNumber> for MockRegistry {
	fn resident(who: &AccountId) -> Option<ResidentInfo<BlockNumber>> {
		Residents::get(who)
	}

	fn resident_account(id: ResidentId) -> Option<AccountId> {
		ResidentAccounts::get(id)
	}

	fn office_of(community: CommunityId) -> Option<OfficeId> {
		Communities::get(community)
	}

	fn office_is_active(office: OfficeId) -> bool {
		Offices::get(office).is_some_and(|(_, active)| active)
	}

	fn is_office_admin(who: &AccountId, office: OfficeId) -> bool {
		Offices::get(office).is_some_and(|(admin, active)| active && admin == *who)
	}

	fn is_officer(who: &AccountId, community: CommunityId) -> bool {
		Officers::contains_key(community, who)
	}

	fn is_approved_provider(who: &AccountId, office: OfficeId) -> bool {
		Providers::get(office, who) == Some(true)
	}

	fn residents_in(scope: Scope) -> u32 {
		Residents::iter_values().filter(|r| r.is_in(&scope)).count() as u32
	}

	fn is_staff_of(provider: &AccountId, resident: ResidentId) -> bool {
		Staff::contains_key(provider, resident)
	}

	/// Found the slow way here; pallet-community keeps an index by person.
	fn employers_of(resident: ResidentId) -> Vec<AccountId> {
		Staff::iter_keys().filter(|(_, r)| *r == resident).map(|(p, _)| p).collect()
	}

	/// As pallet-community's runtime value.
	fn max_employers() -> u32 {
		4
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_staff(provider: &AccountId, resident: ResidentId) {
		Staff::insert(provider, resident, ());
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_office(admin: &AccountId) -> OfficeId {
		add_office(admin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId {
		add_community(office)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &AccountId) {
		Officers::insert(community, who, ());
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId {
		add_resident(who, community, household)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &AccountId, office: OfficeId) {
		add_provider(office, who)
	}
}

/// Awarded contracts, as pallet-procurement will provide them.
pub struct MockContracts;

impl AwardedContracts<AccountId> for MockContracts {
	fn award(project: ProjectId) -> Option<Award<AccountId>> {
		Awards::get(project)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_award(office: OfficeId, scope: Scope, provider: &AccountId) -> ProjectId {
		add_award(office, scope, provider)
	}
}

// ---- Setting the scene ----

/// A key pair from a name (seeded with the name's hash: quicker than a derivation path).
pub fn pair(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_seed(&sp_io::hashing::blake2_256(name.as_bytes()))
}

/// The account of `pair(name)`.
pub fn account(name: &str) -> AccountId {
	MultiSigner::from(pair(name).public()).into_account()
}

/// A new active office with `admin`.
pub fn add_office(admin: &AccountId) -> OfficeId {
	let id = NextOffice::mutate(|n| {
		*n += 1;
		*n
	});
	Offices::insert(id, (admin.clone(), true));
	// The office's admin account can pay deposits.
	<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(admin, ENDOWMENT);
	id
}

/// Retires `office` (its admin loses their rights).
pub fn retire_office(office: OfficeId) {
	Offices::mutate(office, |o| {
		if let Some((_, active)) = o {
			*active = false;
		}
	});
}

/// A new community of `office`.
pub fn add_community(office: OfficeId) -> CommunityId {
	let id = NextCommunity::mutate(|n| {
		*n += 1;
		*n
	});
	Communities::insert(id, office);
	id
}

/// Approves `who` as a provider in `office`.
pub fn add_provider(office: OfficeId, who: &AccountId) {
	Providers::insert(office, who, true);
}

/// Suspends provider `who` in `office`.
pub fn suspend_provider(office: OfficeId, who: &AccountId) {
	Providers::insert(office, who, false);
}

/// Registers `who` as a resident of `community` at the current block. Its household, if any, is
/// taken as recorded at genesis (the scene's households predate every programme); use
/// [`set_household`] to change it now.
pub fn add_resident(
	who: &AccountId,
	community: CommunityId,
	household: Option<H256>,
) -> ResidentId {
	let office = Communities::get(community).expect("the community exists");
	let id = NextResident::mutate(|n| {
		*n += 1;
		*n
	});
	Residents::insert(
		who,
		ResidentInfo {
			id,
			community,
			office,
			registered_at: System::block_number(),
			household,
			household_since: 0,
		},
	);
	ResidentAccounts::insert(id, who);
	id
}

/// Sets resident `who`'s household now, as an officer's `set_household` would.
pub fn set_household(who: &AccountId, household: Option<H256>) {
	Residents::mutate(who, |r| {
		if let Some(r) = r {
			r.household = household;
			r.household_since = System::block_number();
		}
	});
}

/// Moves resident record `id` to a new account (lost key); the resident number stays.
pub fn replace_account(old: &AccountId, new: &AccountId) {
	let info = Residents::take(old).expect("a resident");
	ResidentAccounts::insert(info.id, new);
	Residents::insert(new, info);
}

/// Retires resident `who`.
pub fn retire_resident(who: &AccountId) {
	if let Some(info) = Residents::take(who) {
		ResidentAccounts::remove(info.id);
	}
}

/// Records an award of a new project in `office` to `provider`.
pub fn add_award(office: OfficeId, scope: Scope, provider: &AccountId) -> ProjectId {
	let id = NextProject::mutate(|n| {
		*n += 1;
		*n
	});
	Awards::insert(id, Award { office, scope, provider: provider.clone(), price: AWARD_PRICE });
	id
}

/// Externalities with the system genesis (block 0's hash set), block 1, and a keystore for the
/// benchmark signer.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect("the genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities, then checks the pallet's invariants (`do_try_state`).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Vouchers::do_try_state().expect("the pallet's invariants hold");
	});
}

/// Declares resident `resident` staff of `provider` (回避).
pub fn add_staff(provider: &AccountId, resident: ResidentId) {
	Staff::insert(provider, resident, ());
}

/// The price of every award in the mock: 10,000 yuan, enough for two default programmes.
pub const AWARD_PRICE: u64 = 1_000_000;
