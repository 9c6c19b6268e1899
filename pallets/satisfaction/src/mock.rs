//! A test runtime with System and this pallet, the shared community registry double
//! (`gongzhi_primitives::testing::MockRegistry`) and a small mock of voucher redemptions, both
//! keeping their data in storage (so benchmark tests, which run in fresh
//! externalities, see the same world as unit tests). The mocks document the traits' contracts.

use crate as pallet_satisfaction;
use frame_support::{derive_impl, parameter_types, storage_alias, Twox64Concat};
use gongzhi_primitives::{
	CommunityRegistry, OfficeId, ProgrammeId, RedemptionId, RedemptionInfo, Redemptions, H256,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
/// The mock's account id.
pub type AccountId = u64;
/// The mock's block number.
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Satisfaction: pallet_satisfaction,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Blocks a resident has to rate after confirmation.
pub const RATING_WINDOW: BlockNumber = 100;
/// Blocks a provider has to respond to a case.
pub const RESPONSE_DEADLINE: BlockNumber = 20;
/// Blocks a provider has to appeal a rating.
pub const APPEAL_WINDOW: BlockNumber = 30;

/// Blocks a finished programme's ratings are kept (longer than rating + appeal windows).
pub const RETENTION: BlockNumber = 200;
/// The most ratings one `reap_ratings` call looks at.
pub const MAX_REAP: u32 = 3;

parameter_types! {
	pub const RetentionPeriod: BlockNumber = RETENTION;
	pub const RatingWindow: BlockNumber = RATING_WINDOW;
	pub const ResponseDeadline: BlockNumber = RESPONSE_DEADLINE;
	pub const AppealWindow: BlockNumber = APPEAL_WINDOW;
	/// Average ×100 below which a provider loses its standing (tests change it).
	pub static StandingFloor: u32 = 300;
	/// Counted ratings before the average matters (tests change it).
	pub static StandingMinRatings: u32 = 3;
}

impl pallet_satisfaction::Config for Test {
	type Registry = MockRegistry;
	type Redemptions = MockRedemptions;
	type RatingWindow = RatingWindow;
	type ResponseDeadline = ResponseDeadline;
	type AppealWindow = AppealWindow;
	type StandingFloor = StandingFloor;
	type StandingMinRatings = StandingMinRatings;
	type RetentionPeriod = RetentionPeriod;
	type MaxReapBatch = frame_support::traits::ConstU32<MAX_REAP>;
	type WeightInfo = ();
}

// ---- the community registry ----

/// The registry: the [`CommunityRegistry`] double that every pallet's mock shares
/// (`gongzhi_primitives::testing`), with offices, communities, officers, providers, staff and
/// residents in storage.
pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;

// ---- voucher redemptions ----

#[storage_alias]
type MockRedemptionsMap =
	StorageMap<MockRedemptions, Twox64Concat, RedemptionId, RedemptionInfo<AccountId, BlockNumber>>;
#[storage_alias]
type MockFinished = StorageMap<MockRedemptions, Twox64Concat, ProgrammeId, BlockNumber>;
#[storage_alias]
type NextRedemption =
	StorageValue<MockRedemptions, RedemptionId, frame_support::pallet_prelude::ValueQuery>;

/// Records that resident account `resident` redeemed a voucher of `programme` (run by `office`)
/// with `provider`, not yet confirmed; returns the redemption id (from 1).
pub fn redeem(
	resident: AccountId,
	provider: AccountId,
	programme: ProgrammeId,
	office: OfficeId,
) -> RedemptionId {
	let id = NextRedemption::mutate(|n| {
		*n += 1;
		*n
	});
	let resident = MockRegistry::resident(&resident).expect("a resident").id;
	MockRedemptionsMap::insert(
		id,
		RedemptionInfo { resident, provider, programme, office, confirmed_at: None },
	);
	id
}

/// The provider confirms redemption `id` now.
pub fn confirm(id: RedemptionId) {
	let now = frame_system::Pallet::<Test>::block_number();
	MockRedemptionsMap::mutate(id, |r| r.as_mut().expect("a redemption").confirmed_at = Some(now));
}

/// The vouchers pallet finds `programme` finished now (its deposit released).
pub fn finish(programme: ProgrammeId) {
	MockFinished::insert(programme, frame_system::Pallet::<Test>::block_number());
}

/// The resident cancels redemption `id`: it no longer exists for this pallet.
pub fn cancel(id: RedemptionId) {
	MockRedemptionsMap::remove(id);
}

/// Voucher redemptions, as pallet-vouchers will provide them.
pub struct MockRedemptions;

impl Redemptions<AccountId, BlockNumber> for MockRedemptions {
	fn redemption(id: RedemptionId) -> Option<RedemptionInfo<AccountId, BlockNumber>> {
		MockRedemptionsMap::get(id)
	}

	fn programme_finished_at(programme: ProgrammeId) -> Option<BlockNumber> {
		MockFinished::get(programme)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_finish_programme(programme: ProgrammeId) {
		finish(programme);
	}

	/// Benchmark redemptions belong to programme = the office's id.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_confirmed_redemption(
		office: OfficeId,
		resident: &AccountId,
		provider: &AccountId,
	) -> RedemptionId {
		let id = redeem(*resident, *provider, office, office);
		confirm(id);
		id
	}
}

// ---- the scene most tests use ----

/// The admin of office 1.
pub const ADMIN: AccountId = 100;
/// The admin of office 2 (not ours).
pub const OTHER_ADMIN: AccountId = 101;
/// Residents of office 1.
pub const ALICE: AccountId = 1;
/// A second resident.
pub const BOB: AccountId = 2;
/// A third resident.
pub const CHARLIE: AccountId = 3;
/// An account that is no resident.
pub const STRANGER: AccountId = 99;
/// The provider most tests rate.
pub const PROVIDER: AccountId = 10;
/// Another provider.
pub const OTHER_PROVIDER: AccountId = 11;
/// The programme most tests use.
pub const PROGRAMME: ProgrammeId = 7;
/// Office 1.
pub const OFFICE: OfficeId = 1;

/// A redemption of `resident` with `PROVIDER` in `PROGRAMME`, confirmed now.
pub fn served(resident: AccountId) -> RedemptionId {
	served_by(resident, PROVIDER, PROGRAMME)
}

/// A redemption of `resident` with `provider` in `programme` of `OFFICE`, confirmed now.
pub fn served_by(resident: AccountId, provider: AccountId, programme: ProgrammeId) -> RedemptionId {
	let id = redeem(resident, provider, programme, OFFICE);
	confirm(id);
	id
}

/// Goes to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

/// A fixed hash for comments, responses and reasons.
pub fn hash(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// Test externalities that check the pallet's invariants (`do_try_state`) after every test.
pub struct TestExt(pub sp_io::TestExternalities);

impl TestExt {
	/// Runs `f`, then `do_try_state`, which must pass.
	pub fn execute_with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = f();
			Satisfaction::do_try_state().expect("try_state after the test");
			result
		})
	}
}

/// An empty world at block 1 (benchmarks build their own scene).
pub fn new_test_ext() -> TestExt {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	TestExt(ext)
}

/// Office 1 (admin `ADMIN`) with one community where `ALICE`, `BOB` and `CHARLIE` live;
/// `PROVIDER` and `OTHER_PROVIDER` approved there; office 2 run by `OTHER_ADMIN`.
pub fn scene() -> TestExt {
	let mut ext = new_test_ext();
	ext.0.execute_with(|| {
		assert_eq!(MockRegistry::add_office(&ADMIN), OFFICE);
		MockRegistry::add_office(&OTHER_ADMIN);
		let community = MockRegistry::add_community(OFFICE);
		for who in [ALICE, BOB, CHARLIE] {
			MockRegistry::add_resident(&who, community);
		}
		MockRegistry::add_provider(&PROVIDER, OFFICE);
		MockRegistry::add_provider(&OTHER_PROVIDER, OFFICE);
	});
	ext
}
