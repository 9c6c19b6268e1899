//! A mock runtime: frame_system and this pallet, with the shared registry double
//! (`gongzhi_primitives::testing::MockRegistry`, for pallet-community) and a small mock of awarded
//! contracts (pallet-procurement). Both keep their data in storage (`storage_alias`), so unit tests and benchmark tests, which run in fresh
//! externalities, see the same behaviour; they also document what this pallet expects of the
//! traits.

use crate as pallet_vouchers;
use frame_support::{derive_impl, traits::ConstU32, Twox64Concat};
use gongzhi_primitives::{Award, AwardedContracts, OfficeId, ProjectId, Scope};
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

/// Blocks a finished programme's records are kept before they may be reaped.
pub const RETENTION: u32 = 200;
/// Blocks a per-day counter is kept after its day ends.
pub const DAILY_RETENTION: u32 = 3 * DAY;
/// The most records one reap call removes.
pub const MAX_REAP: u32 = 5;
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
	type RetentionPeriod = ConstU32<RETENTION>;
	type DailyCountRetention = ConstU32<DAILY_RETENTION>;
	type MaxReapBatch = ConstU32<MAX_REAP>;
}

/// How far ahead a claim window may open in the mock.
pub const LEAD_TIME: u32 = 500;

#[frame_support::storage_alias]
pub type Awards = StorageMap<MockContracts, Twox64Concat, ProjectId, Award<AccountId>>;
#[frame_support::storage_alias]
pub type NextProject =
	StorageValue<MockContracts, ProjectId, frame_support::pallet_prelude::ValueQuery>;

/// The registry: the [`CommunityRegistry`](gongzhi_primitives::CommunityRegistry) double that
/// every pallet's mock shares (`gongzhi_primitives::testing`), with offices, communities,
/// officers, providers (approved or suspended), staff and residents in storage.
pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;

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

/// Gives `who` (an office's admin) enough to pay deposits.
pub fn endow(who: &AccountId) {
	<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(who, ENDOWMENT);
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

/// The price of every award in the mock: 10,000 yuan, enough for two default programmes.
pub const AWARD_PRICE: u64 = 1_000_000;
