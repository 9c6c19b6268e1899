//! A mock runtime with a small registry of offices, communities, officers and residents that
//! keeps its data in storage (so benchmark tests, which run in fresh externalities, see what the
//! `bench_*` helpers set up). It doubles as the contract of `CommunityRegistry` this pallet
//! relies on.

use crate as pallet_needs_survey;
use frame_support::{
	derive_impl, pallet_prelude::ValueQuery, parameter_types, storage_alias, traits::ConstU32,
	Twox64Concat,
};
#[cfg(feature = "runtime-benchmarks")]
use gongzhi_primitives::H256;
use gongzhi_primitives::{
	CommunityId, CommunityRegistry, OfficeId, ResidentId, ResidentInfo, Scope,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
/// Account ids in the mock.
pub type AccountId = u64;
/// Block numbers in the mock.
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		NeedsSurvey: pallet_needs_survey,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// What creating a survey holds in the mock.
pub const SURVEY_DEPOSIT: u64 = 10;
/// What each account the tests use starts with.
pub const ENDOWMENT: u64 = 1_000;

parameter_types! {
	pub const MaxDuration: BlockNumber = 1_000;
	pub const RetentionPeriod: BlockNumber = 100;
	pub const MaxLeadTime: BlockNumber = 500;
}

impl pallet_needs_survey::Config for Test {
	type Registry = MockRegistry;
	type WeightInfo = ();
	type MaxTitleLen = ConstU32<32>;
	type MaxQuestions = ConstU32<4>;
	type MaxPromptLen = ConstU32<32>;
	type MaxOptions = ConstU32<4>;
	type MaxOptionLen = ConstU32<16>;
	type MaxDuration = MaxDuration;
	type MaxOpenSurveysPerOffice = ConstU32<3>;
	type RetentionPeriod = RetentionPeriod;
	type MaxReapBatch = ConstU32<10>;
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxLeadTime = MaxLeadTime;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SurveyDeposit = frame_support::traits::ConstU64<SURVEY_DEPOSIT>;
	type MaxAmendments = frame_support::traits::ConstU8<3>;
}

/// A street office in the mock registry.
#[derive(codec::Encode, codec::Decode, Clone, PartialEq, Debug)]
pub struct MockOffice {
	/// Its admin account.
	pub admin: AccountId,
	/// Whether it is active (not retired).
	pub active: bool,
}

#[storage_alias]
type Offices = StorageMap<MockRegistry, Twox64Concat, OfficeId, MockOffice>;
#[storage_alias]
type NextOffice = StorageValue<MockRegistry, OfficeId, ValueQuery>;
#[storage_alias]
type Communities = StorageMap<MockRegistry, Twox64Concat, CommunityId, OfficeId>;
#[storage_alias]
type NextCommunity = StorageValue<MockRegistry, CommunityId, ValueQuery>;
#[storage_alias]
type Officers =
	StorageDoubleMap<MockRegistry, Twox64Concat, CommunityId, Twox64Concat, AccountId, ()>;
#[storage_alias]
type Providers =
	StorageDoubleMap<MockRegistry, Twox64Concat, OfficeId, Twox64Concat, AccountId, ()>;
#[storage_alias]
type Residents = StorageMap<MockRegistry, Twox64Concat, AccountId, ResidentInfo<BlockNumber>>;
#[storage_alias]
type ResidentAccounts = StorageMap<MockRegistry, Twox64Concat, ResidentId, AccountId>;
#[storage_alias]
type NextResident = StorageValue<MockRegistry, ResidentId, ValueQuery>;

/// The mock `CommunityRegistry`.
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
		Offices::get(office).is_some_and(|o| o.active)
	}

	fn is_office_admin(who: &AccountId, office: OfficeId) -> bool {
		Offices::get(office).is_some_and(|o| o.active && o.admin == *who)
	}

	fn is_officer(who: &AccountId, community: CommunityId) -> bool {
		Officers::contains_key(community, who)
	}

	fn is_approved_provider(who: &AccountId, office: OfficeId) -> bool {
		Providers::contains_key(office, who)
	}

	/// Counted the slow way here; pallet-community keeps it incrementally.
	fn residents_in(scope: Scope) -> u32 {
		Residents::iter_values().filter(|r| r.is_in(&scope)).count() as u32
	}

	/// Surveys have no providers: nobody is anyone's staff here.
	fn is_staff_of(_: &AccountId, _: ResidentId) -> bool {
		false
	}

	fn employers_of(_: ResidentId) -> Vec<AccountId> {
		Vec::new()
	}

	/// As pallet-community's runtime value.
	fn max_employers() -> u32 {
		4
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_staff(_: &AccountId, _: ResidentId) {}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_office(admin: &AccountId) -> OfficeId {
		add_office(*admin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId {
		add_community(office)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &AccountId) {
		add_officer(community, *who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId {
		let id = add_resident(*who, community);
		Residents::mutate(who, |r| {
			if let Some(r) = r {
				r.household = household
			}
		});
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &AccountId, office: OfficeId) {
		Providers::insert(office, who, ());
	}
}

/// Creates an active office administered by `admin`.
pub fn add_office(admin: AccountId) -> OfficeId {
	let id = NextOffice::get();
	NextOffice::put(id + 1);
	Offices::insert(id, MockOffice { admin, active: true });
	id
}

/// Retires `office`: its scopes are no longer usable.
pub fn retire_office(office: OfficeId) {
	Offices::mutate(office, |o| {
		if let Some(o) = o {
			o.active = false
		}
	});
}

/// Creates a community of `office`.
pub fn add_community(office: OfficeId) -> CommunityId {
	let id = NextCommunity::get();
	NextCommunity::put(id + 1);
	Communities::insert(id, office);
	id
}

/// Removes `who` from the officers of `community`.
pub fn remove_officer(community: CommunityId, who: AccountId) {
	Officers::remove(community, who);
}

/// Appoints `who` an officer of `community`.
pub fn add_officer(community: CommunityId, who: AccountId) {
	Officers::insert(community, who, ());
}

/// Registers `who` as a resident of `community` at the current block.
pub fn add_resident(who: AccountId, community: CommunityId) -> ResidentId {
	assert!(!Residents::contains_key(who), "one resident record per account");
	let office = Communities::get(community).expect("the community exists");
	let id = NextResident::get();
	NextResident::put(id + 1);
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

/// Moves resident record of `old` to account `new` (lost key): same resident number.
pub fn replace_account(old: AccountId, new: AccountId) {
	let info = Residents::take(old).expect("a resident");
	ResidentAccounts::insert(info.id, new);
	Residents::insert(new, info);
}

/// Moves resident `who` to `community`, resetting their registration block to now.
pub fn move_resident(who: AccountId, community: CommunityId) {
	let office = Communities::get(community).expect("the community exists");
	Residents::mutate(who, |r| {
		let r = r.as_mut().expect("a resident");
		r.community = community;
		r.office = office;
		r.registered_at = System::block_number();
	});
}

/// Removes resident `who`.
pub fn retire_resident(who: AccountId) {
	if let Some(info) = Residents::take(who) {
		ResidentAccounts::remove(info.id);
	}
}

/// `who`'s resident record.
pub fn resident(who: AccountId) -> ResidentInfo<BlockNumber> {
	Residents::get(who).expect("a resident")
}

/// Fresh externalities at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	// Offices' admins and officers (accounts 1 to 9) can pay deposits; residents hold nothing.
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..10).map(|who| (who, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in fresh externalities, then checks the pallet's invariants (`try_state`).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		NeedsSurvey::do_try_state().expect("try_state holds after the test");
	});
}

/// Moves to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}
