//! A mock runtime: frame_system and this pallet, with the shared registry double
//! (`gongzhi_primitives::testing::MockRegistry`) and mocks of provider standing and surveys, all
//! keeping their data in storage (so benchmark tests, which wipe the state between
//! runs, and unit tests see the same world), and helpers that set the scene.

use crate as pallet_procurement;
use alloc::{sync::Arc, vec::Vec};
use frame_support::{
	derive_impl, pallet_prelude::ValueQuery, storage_alias, traits::ConstU32, Blake2_128Concat,
	Twox64Concat,
};
use gongzhi_primitives::{ProviderStanding, Scope, SurveyId, SurveyLookup};
use sp_core::{sr25519, Pair};
use sp_runtime::{traits::IdentifyAccount, AccountId32, BuildStorage, MultiSignature, MultiSigner};

pub type AccountId = AccountId32;
pub type BlockNumber = u32;
type Block = frame_system::mocking::MockBlockU32<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Procurement: pallet_procurement,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// What opening a project holds in the mock.
pub const PROJECT_DEPOSIT: u64 = 20;
/// What opening an anonymous project holds in the mock per resident in its scope, on top.
pub const RING_MEMBER_DEPOSIT: u64 = 3;
/// What a bid holds in the mock.
pub const BID_DEPOSIT: u64 = 5;
/// What offices' admins and providers start with.
pub const ENDOWMENT: u64 = 1_000;

/// Blocks after a project ends before its ballots may be reaped.
pub const RETENTION: BlockNumber = 100;
/// The most ballot records one `reap_ballots` call removes.
pub const MAX_REAP: u32 = 5;
/// The most bids per project in the mock.
pub const MAX_BIDS: u32 = 4;
/// The most changes of a ballot in the mock.
pub const MAX_CHANGES: u32 = 2;
/// The most open projects per office in the mock.
pub const MAX_OPEN: u32 = 3;

impl pallet_procurement::Config for Test {
	type Registry = MockRegistry;
	type Standing = MockStanding;
	type Surveys = MockSurveys;
	type Rings = MockRings;
	type OffchainSignature = MultiSignature;
	type OffchainPublic = MultiSigner;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = gongzhi_primitives::benchmarking::EcdsaSigner;
	type MaxBids = ConstU32<MAX_BIDS>;
	type MaxVoteChanges = ConstU32<MAX_CHANGES>;
	type MaxOpenProjectsPerOffice = ConstU32<MAX_OPEN>;
	type RetentionPeriod = ConstU32<RETENTION>;
	type MaxReapBatch = ConstU32<MAX_REAP>;
	type MaxTitleLen = ConstU32<32>;
	type MaxDescriptionLen = ConstU32<64>;
	type MaxBidSummaryLen = ConstU32<64>;
	type MaxReasonLen = ConstU32<32>;
	type WeightInfo = ();
	type MaxLeadTime = ConstU32<LEAD_TIME>;
	type MaxDuration = ConstU32<MAX_DURATION>;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProjectDeposit = frame_support::traits::ConstU64<PROJECT_DEPOSIT>;
	type RingMemberDeposit = frame_support::traits::ConstU64<RING_MEMBER_DEPOSIT>;
	type BidDeposit = frame_support::traits::ConstU64<BID_DEPOSIT>;
}

/// How far ahead bidding may open in the mock.
pub const LEAD_TIME: u32 = 500;
/// The longest project in the mock.
pub const MAX_DURATION: u32 = 1_000;

/// The registry: the [`CommunityRegistry`](gongzhi_primitives::CommunityRegistry) double that
/// every pallet's mock shares (`gongzhi_primitives::testing`), with offices, communities,
/// officers, providers, staff and residents in storage.
pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;

/// The rings of anonymous projects: the double every pallet's mock shares
/// (`gongzhi_primitives::testing::MockRings`).
pub type MockRings = gongzhi_primitives::testing::MockRings<Test>;

// ----- Provider standing and surveys, in storage -----

#[storage_alias(verbatim)]
pub type PoorStanding = StorageMap<MockStanding, Blake2_128Concat, AccountId, ()>;

/// Providers are in good standing unless marked with [`set_poor_standing`].
pub struct MockStanding;

impl ProviderStanding<AccountId> for MockStanding {
	fn in_good_standing(provider: &AccountId) -> bool {
		!PoorStanding::contains_key(provider)
	}
}

#[storage_alias(verbatim)]
pub type Surveys = StorageMap<MockSurveys, Twox64Concat, SurveyId, Scope>;
#[storage_alias(verbatim)]
pub type NextSurvey = StorageValue<MockSurveys, SurveyId, ValueQuery>;

/// Surveys: just a scope each.
pub struct MockSurveys;

impl SurveyLookup for MockSurveys {
	fn survey_scope(id: SurveyId) -> Option<Scope> {
		Surveys::get(id)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_survey(scope: Scope) -> SurveyId {
		add_survey(scope)
	}
}

// ----- Scene helpers -----

/// An account from one byte.
pub fn acc(n: u8) -> AccountId {
	AccountId32::new([n; 32])
}

/// A resident's sr25519 key, for relayed ballots.
pub fn key(n: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[n; 32])
}

/// The account of `key`.
pub fn key_account(key: &sr25519::Pair) -> AccountId {
	MultiSigner::from(key.public()).into_account()
}

/// Signs `message` with `key`, as a wallet would.
pub fn sign(key: &sr25519::Pair, message: &[u8]) -> MultiSignature {
	MultiSignature::from(key.sign(message))
}

/// Marks `who` as a provider with overdue follow-ups.
pub fn set_poor_standing(who: &AccountId) {
	PoorStanding::insert(who, ());
}

/// A new survey in `scope`.
pub fn add_survey(scope: Scope) -> SurveyId {
	let id = NextSurvey::mutate(|n| {
		*n += 1;
		*n
	});
	Surveys::insert(id, scope);
	id
}

/// Moves to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

/// The events this pallet deposited, oldest first.
pub fn events() -> Vec<pallet_procurement::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Procurement(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Test externalities that run the pallet's `try_state` after every test body.
pub struct TestExt(sp_io::TestExternalities);

impl TestExt {
	/// Runs `test`, then checks the pallet's invariants.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			Procurement::do_try_state().expect("the pallet's invariants hold");
			result
		})
	}
}

/// Genesis storage, block 1, and a keystore for the benchmark signer.
pub fn new_test_ext() -> TestExt {
	let mut storage = frame_system::GenesisConfig::<Test>::default()
		.build_storage()
		.expect("the genesis config builds");
	// Offices' admins (1, 2) and providers (11 to 19) can pay deposits; residents hold nothing.
	pallet_balances::GenesisConfig::<Test> {
		balances: [1u8, 2, 11, 12, 13, 14, 15, 19].iter().map(|n| (acc(*n), ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("balances build");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt(Arc::new(
		sp_keystore::testing::MemoryKeystore::new(),
	)));
	ext.execute_with(|| System::set_block_number(1));
	TestExt(ext)
}
