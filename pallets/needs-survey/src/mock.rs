//! A mock runtime with the shared registry double of offices, communities, officers and
//! residents (`gongzhi_primitives::testing::MockRegistry`), which keeps its data in storage (so
//! benchmark tests, which run in fresh externalities, see what the `bench_*` helpers set up). It
//! doubles as the contract of `CommunityRegistry` this pallet relies on.

use crate as pallet_needs_survey;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
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
/// What creating an anonymous survey holds in the mock per resident in its scope, on top.
pub const RING_MEMBER_DEPOSIT: u64 = 5;
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
	type RingMemberDeposit = frame_support::traits::ConstU64<RING_MEMBER_DEPOSIT>;
	type MaxAmendments = frame_support::traits::ConstU8<3>;
	type Rings = MockRings;
}

/// The rings of anonymous surveys: the shared double of pallet-rings
/// (`gongzhi_primitives::testing::MockRings`).
pub type MockRings = gongzhi_primitives::testing::MockRings<Test>;

/// The registry: the [`CommunityRegistry`](gongzhi_primitives::CommunityRegistry) double that
/// every pallet's mock shares (`gongzhi_primitives::testing`). Surveys have no providers, so no
/// test here declares staff.
pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;

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
