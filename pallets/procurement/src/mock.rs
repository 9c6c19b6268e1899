//! A mock runtime: frame_system and this pallet, with mocks of the registry, provider standing
//! and surveys that keep their data in storage (so benchmark tests, which wipe the state between
//! runs, and unit tests see the same world), and helpers that set the scene.

use crate as pallet_procurement;
use alloc::{sync::Arc, vec::Vec};
use frame_support::{
	derive_impl, pallet_prelude::ValueQuery, storage_alias, traits::ConstU32, Blake2_128Concat,
	Twox64Concat,
};
use gongzhi_primitives::{
	CommunityId, CommunityRegistry, OfficeId, ProviderStanding, ResidentId, ResidentInfo, Scope,
	SurveyId, SurveyLookup, H256,
};
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
/// What a bid holds in the mock.
pub const BID_DEPOSIT: u64 = 5;
/// What offices' admins and providers start with.
pub const ENDOWMENT: u64 = 1_000;

/// Blocks after a project ends before its ballots may be reaped.
pub const RETENTION: BlockNumber = 100;
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
	type OffchainSignature = MultiSignature;
	type OffchainPublic = MultiSigner;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = gongzhi_primitives::benchmarking::EcdsaSigner;
	type MaxBids = ConstU32<MAX_BIDS>;
	type MaxVoteChanges = ConstU32<MAX_CHANGES>;
	type MaxOpenProjectsPerOffice = ConstU32<MAX_OPEN>;
	type RetentionPeriod = ConstU32<RETENTION>;
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
	type BidDeposit = frame_support::traits::ConstU64<BID_DEPOSIT>;
}

/// How far ahead bidding may open in the mock.
pub const LEAD_TIME: u32 = 500;
/// The longest project in the mock.
pub const MAX_DURATION: u32 = 1_000;

// ----- The registry, in storage -----

#[storage_alias(verbatim)]
pub type OfficeAdmins = StorageMap<MockCommunity, Twox64Concat, OfficeId, AccountId>;
#[storage_alias(verbatim)]
pub type RetiredOffices = StorageMap<MockCommunity, Twox64Concat, OfficeId, ()>;
#[storage_alias(verbatim)]
pub type Communities = StorageMap<MockCommunity, Twox64Concat, CommunityId, OfficeId>;
#[storage_alias(verbatim)]
pub type Officers =
	StorageDoubleMap<MockCommunity, Twox64Concat, CommunityId, Blake2_128Concat, AccountId, ()>;
#[storage_alias(verbatim)]
pub type Providers =
	StorageDoubleMap<MockCommunity, Twox64Concat, OfficeId, Blake2_128Concat, AccountId, ()>;
#[storage_alias(verbatim)]
pub type Residents =
	StorageMap<MockCommunity, Blake2_128Concat, AccountId, ResidentInfo<BlockNumber>>;
#[storage_alias(verbatim)]
pub type ResidentAccounts = StorageMap<MockCommunity, Twox64Concat, ResidentId, AccountId>;
#[storage_alias(verbatim)]
/// Declared staff (回避): (provider, resident) pairs.
pub type Staff =
	StorageDoubleMap<MockCommunity, Blake2_128Concat, AccountId, Twox64Concat, ResidentId, ()>;
#[storage_alias(verbatim)]
pub type NextOffice = StorageValue<MockCommunity, OfficeId, ValueQuery>;
#[storage_alias(verbatim)]
pub type NextCommunity = StorageValue<MockCommunity, CommunityId, ValueQuery>;
#[storage_alias(verbatim)]
pub type NextResident = StorageValue<MockCommunity, ResidentId, ValueQuery>;

/// Offices, communities, officers, providers and residents, kept in storage.
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
		OfficeAdmins::contains_key(office) && !RetiredOffices::contains_key(office)
	}

	fn is_office_admin(who: &AccountId, office: OfficeId) -> bool {
		Self::office_is_active(office) && OfficeAdmins::get(office).as_ref() == Some(who)
	}

	fn is_officer(who: &AccountId, community: CommunityId) -> bool {
		Officers::contains_key(community, who)
	}

	fn is_approved_provider(who: &AccountId, office: OfficeId) -> bool {
		Providers::contains_key(office, who)
	}

	fn residents_in(scope: Scope) -> u32 {
		// The real registry keeps these counts incrementally; counting is fine in a mock.
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
	fn bench_resident(who: &AccountId, community: CommunityId, _: Option<H256>) -> ResidentId {
		add_resident(who, community)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &AccountId, office: OfficeId) {
		approve_provider(who, office)
	}
}

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

/// A new active office administered by `admin`.
pub fn add_office(admin: &AccountId) -> OfficeId {
	let id = NextOffice::mutate(|n| {
		*n += 1;
		*n
	});
	OfficeAdmins::insert(id, admin);
	id
}

/// Retires `office`.
pub fn retire_office(office: OfficeId) {
	RetiredOffices::insert(office, ());
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

/// Registers `who` as a resident of `community` at the current block.
pub fn add_resident(who: &AccountId, community: CommunityId) -> ResidentId {
	let id = NextResident::mutate(|n| {
		*n += 1;
		*n
	});
	let office = Communities::get(community).expect("the community exists");
	Residents::insert(
		who,
		ResidentInfo {
			id,
			community,
			office,
			registered_at: System::block_number(),
			household: None,
			household_since: System::block_number(),
		},
	);
	ResidentAccounts::insert(id, who);
	id
}

/// Moves resident `who` to `community` at the current block (which resets `registered_at`).
pub fn move_resident(who: &AccountId, community: CommunityId) {
	let office = Communities::get(community).expect("the community exists");
	Residents::mutate(who, |r| {
		let r = r.as_mut().expect("a resident");
		r.community = community;
		r.office = office;
		r.registered_at = System::block_number();
	});
}

/// Approves `who` as a provider in `office`.
pub fn approve_provider(who: &AccountId, office: OfficeId) {
	Providers::insert(office, who, ());
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

/// Moves resident record of `old` to account `new` (a lost key): same `ResidentId`.
pub fn replace_account(old: &AccountId, new: &AccountId) {
	let record = Residents::take(old).expect("a resident");
	ResidentAccounts::insert(record.id, new);
	Residents::insert(new, record);
}

/// Declares resident `resident` staff of `provider` (回避).
pub fn add_staff(provider: &AccountId, resident: ResidentId) {
	Staff::insert(provider, resident, ());
}
