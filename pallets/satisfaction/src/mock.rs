//! A test runtime with System and this pallet, and small mocks of the community registry and of
//! voucher redemptions that keep their data in storage (so benchmark tests, which run in fresh
//! externalities, see the same world as unit tests). The mocks document the traits' contracts.

use crate as pallet_satisfaction;
use frame_support::{derive_impl, parameter_types, storage_alias, Twox64Concat};
use gongzhi_primitives::{
	CommunityId, CommunityRegistry, OfficeId, ProgrammeId, RedemptionId, RedemptionInfo,
	Redemptions, ResidentId, ResidentInfo, Scope, H256,
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

parameter_types! {
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
	type WeightInfo = ();
}

// ---- the community registry ----

#[storage_alias]
type Offices = StorageMap<MockRegistry, Twox64Concat, OfficeId, AccountId>;
#[storage_alias]
type Communities = StorageMap<MockRegistry, Twox64Concat, CommunityId, OfficeId>;
#[storage_alias]
type Residents = StorageMap<MockRegistry, Twox64Concat, AccountId, ResidentInfo<BlockNumber>>;
#[storage_alias]
type ResidentAccounts = StorageMap<MockRegistry, Twox64Concat, ResidentId, AccountId>;
#[storage_alias]
/// Declared staff (回避): (provider, resident) pairs.
type Staff = StorageDoubleMap<MockRegistry, Twox64Concat, AccountId, Twox64Concat, ResidentId, ()>;
#[storage_alias]
type ApprovedProviders =
	StorageDoubleMap<MockRegistry, Twox64Concat, AccountId, Twox64Concat, OfficeId, ()>;
#[storage_alias]
type Officers =
	StorageDoubleMap<MockRegistry, Twox64Concat, AccountId, Twox64Concat, CommunityId, ()>;
#[storage_alias]
type NextId =
	StorageMap<MockRegistry, Twox64Concat, u8, u32, frame_support::pallet_prelude::ValueQuery>;

fn next_id(kind: u8) -> u32 {
	NextId::mutate(kind, |n| {
		*n += 1;
		*n
	})
}

/// Opens an office administered by `admin`; returns its id (from 1).
pub fn add_office(admin: AccountId) -> OfficeId {
	let office = next_id(0);
	Offices::insert(office, admin);
	office
}

/// Opens a community of `office`; returns its id (from 1).
pub fn add_community(office: OfficeId) -> CommunityId {
	let community = next_id(1);
	Communities::insert(community, office);
	community
}

/// Registers `who` as a resident of `community` now; returns the resident number (from 1).
pub fn add_resident(who: AccountId, community: CommunityId) -> ResidentId {
	let id = next_id(2);
	let office = Communities::get(community).expect("add_community first");
	let registered_at = frame_system::Pallet::<Test>::block_number();
	Residents::insert(
		who,
		ResidentInfo {
			id,
			community,
			office,
			registered_at,
			household: None,
			household_since: registered_at,
		},
	);
	ResidentAccounts::insert(id, who);
	id
}

/// Moves resident record of `old` to account `new` (a lost key), keeping the resident number.
pub fn replace_account(old: AccountId, new: AccountId) {
	let info = Residents::take(old).expect("a resident");
	ResidentAccounts::insert(info.id, new);
	Residents::insert(new, info);
}

/// Approves `who` as a provider in `office`.
pub fn add_provider(who: AccountId, office: OfficeId) {
	ApprovedProviders::insert(who, office, ());
}

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
		Offices::contains_key(office)
	}
	fn is_office_admin(who: &AccountId, office: OfficeId) -> bool {
		Offices::get(office) == Some(*who)
	}
	fn is_officer(who: &AccountId, community: CommunityId) -> bool {
		Officers::contains_key(who, community)
	}
	fn is_approved_provider(who: &AccountId, office: OfficeId) -> bool {
		ApprovedProviders::contains_key(who, office)
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
		add_office(*admin)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId {
		add_community(office)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &AccountId) {
		Officers::insert(who, community, ());
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &AccountId,
		community: CommunityId,
		_household: Option<H256>,
	) -> ResidentId {
		add_resident(*who, community)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &AccountId, office: OfficeId) {
		add_provider(*who, office)
	}
}

// ---- voucher redemptions ----

#[storage_alias]
type MockRedemptionsMap =
	StorageMap<MockRedemptions, Twox64Concat, RedemptionId, RedemptionInfo<AccountId, BlockNumber>>;
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
	let resident = Residents::get(resident).expect("a resident").id;
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
		assert_eq!(add_office(ADMIN), OFFICE);
		add_office(OTHER_ADMIN);
		let community = add_community(OFFICE);
		for who in [ALICE, BOB, CHARLIE] {
			add_resident(who, community);
		}
		add_provider(PROVIDER, OFFICE);
		add_provider(OTHER_PROVIDER, OFFICE);
	});
	ext
}

/// Declares resident `resident` staff of `provider` (回避).
pub fn add_staff(provider: &AccountId, resident: ResidentId) {
	Staff::insert(provider, resident, ());
}
