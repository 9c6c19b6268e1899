//! A runtime with System, Balances (for the deposits) and this pallet, and helpers that set the
//! scene for tests.
//!
//! This pallet needs no other Gongzhi pallet (it *is* the registry the others ask), so there is
//! nothing to mock: the helpers below build the scene through the pallet's own calls. Accounts
//! below [`UNFUNDED`] (admins, officers, providers) start with [`ENDOWMENT`]; [`UNFUNDED`],
//! [`STRANGER`] and the residents hold nothing.

use crate::{self as pallet_community, *};
use frame_support::{
	assert_ok, derive_impl,
	traits::{ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use gongzhi_primitives::{CommunityId, OfficeId, ResidentId, H256};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Community: pallet_community,
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

/// What registering as a provider holds in the mock.
pub const PROVIDER_DEPOSIT: u64 = 30;
/// What publishing an activity holds in the mock.
pub const ACTIVITY_DEPOSIT: u64 = 10;
/// What each funded account starts with: enough for a few dozen deposits.
pub const ENDOWMENT: u64 = 1_000;
/// Blocks between two changes of a member key in the mock.
pub const MEMBER_KEY_COOLDOWN: u64 = 10;

/// Small bounds, so that tests reach them.
impl Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type MaxNameLen = ConstU32<16>;
	type MaxOfficers = ConstU32<3>;
	type MaxProviderOffices = ConstU32<2>;
	type MaxOpenActivities = ConstU32<3>;
	type MaxActivityDuration = ConstU64<100>;
	type CheckInRetention = ConstU64<50>;
	type MaxLeadTime = ConstU64<30>;
	type MoveRequestTtl = ConstU64<10>;
	type ReplacementNotice = ConstU64<5>;
	type MaxStaff = ConstU32<4>;
	type MaxStaffPerCall = ConstU32<3>;
	type MaxEmployers = ConstU32<2>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ProviderDeposit = ConstU64<PROVIDER_DEPOSIT>;
	type ActivityDeposit = ConstU64<ACTIVITY_DEPOSIT>;
	type MemberKeyCooldown = ConstU64<MEMBER_KEY_COOLDOWN>;
	type WeightInfo = ();
}

/// Admin of the first office.
pub const ADMIN: u64 = 1;
/// Admin of the second office.
pub const ADMIN2: u64 = 2;
/// Officer of `EAST`.
pub const OFFICER: u64 = 10;
/// Officer of `WEST`.
pub const OFFICER_WEST: u64 = 11;
/// Officer of `NORTH` (second office).
pub const OFFICER_NORTH: u64 = 12;
/// A provider.
pub const PROVIDER: u64 = 20;
/// Another provider.
pub const PROVIDER2: u64 = 21;
/// A third provider.
pub const PROVIDER3: u64 = 22;
/// An account with no role and no funds: the first account not endowed.
pub const UNFUNDED: u64 = 50;
/// An account with no role at all (and no funds).
pub const STRANGER: u64 = 99;
/// Residents' accounts start here.
pub const ALICE: u64 = 100;
/// A second resident.
pub const BOB: u64 = 101;
/// A third resident.
pub const CAROL: u64 = 102;

/// The first office (admin `ADMIN`).
pub const OFFICE: OfficeId = 0;
/// The second office (admin `ADMIN2`).
pub const OFFICE2: OfficeId = 1;
/// A community of `OFFICE` (officer `OFFICER`).
pub const EAST: CommunityId = 0;
/// Another community of `OFFICE` (officer `OFFICER_WEST`).
pub const WEST: CommunityId = 1;
/// A community of `OFFICE2` (officer `OFFICER_NORTH`).
pub const NORTH: CommunityId = 2;

/// Empty registry, at block 1 (events are recorded from block 1).
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with(GenesisConfig::<Test>::default())
}

/// Registry from `genesis`, at block 1.
pub fn ext_with(genesis: GenesisConfig<Test>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: (1..UNFUNDED).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		},
		community: genesis,
	}
	.build_storage()
	.expect("the mock's genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on an empty registry, then checks every invariant (`do_try_state`).
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Community::do_try_state().expect("try_state holds after the test");
	});
}

/// Runs `test` on the district of [`district`], then checks every invariant.
pub fn in_district(test: impl FnOnce()) {
	build_and_execute(|| {
		district();
		System::reset_events();
		test();
	});
}

/// A hash standing for person `n`'s ID document.
pub fn person(n: u64) -> H256 {
	H256::from_low_u64_be(n)
}

/// A hash standing for household `n`.
pub fn household(n: u64) -> H256 {
	H256::from_low_u64_be(0x1000_0000 + n)
}

/// A provider's registration-code hash.
pub fn code(n: u64) -> H256 {
	H256::from_low_u64_be(0x2000_0000 + n)
}

/// Creates an office with `admin`; returns its id.
pub fn add_office(admin: u64) -> OfficeId {
	let id = NextOfficeId::<Test>::get();
	assert_ok!(Community::create_office(RuntimeOrigin::root(), admin, b"Office".to_vec()));
	id
}

/// Creates a community of `office` (by its admin); returns its id.
pub fn add_community(office: OfficeId) -> CommunityId {
	let admin = Offices::<Test>::get(office).expect("office exists").admin;
	let id = NextCommunityId::<Test>::get();
	assert_ok!(Community::create_community(
		RuntimeOrigin::signed(admin),
		office,
		b"Community".to_vec()
	));
	id
}

/// Appoints `who` an officer of `community` (by the office's admin).
pub fn add_officer(community: CommunityId, who: u64) {
	let office = Communities::<Test>::get(community).expect("community exists").office;
	let admin = Offices::<Test>::get(office).expect("office exists").admin;
	assert_ok!(Community::appoint_officer(RuntimeOrigin::signed(admin), community, who));
}

/// Registers `who` as a provider (if not yet) and approves it in `office`.
pub fn add_provider(who: u64, office: OfficeId) {
	if !Providers::<Test>::contains_key(who) {
		assert_ok!(Community::register_provider(
			RuntimeOrigin::signed(who),
			b"Provider".to_vec(),
			code(who)
		));
	}
	let admin = Offices::<Test>::get(office).expect("office exists").admin;
	assert_ok!(Community::approve_provider(RuntimeOrigin::signed(admin), office, who));
}

/// The first officer of `community`.
pub fn officer_of(community: CommunityId) -> u64 {
	Officers::<Test>::iter_key_prefix(community).next().expect("community has an officer")
}

/// Registers `who` (person `who`, no household) in `community` by one of its officers.
pub fn add_resident(community: CommunityId, who: u64) -> ResidentId {
	assert_ok!(Community::register_resident(
		RuntimeOrigin::signed(officer_of(community)),
		community,
		who,
		person(who),
		None
	));
	Residents::<Test>::get(who).expect("just registered").id
}

/// Two offices: `OFFICE` (admin `ADMIN`) with `EAST` (officer `OFFICER`) and `WEST` (officer
/// `OFFICER_WEST`); `OFFICE2` (admin `ADMIN2`) with `NORTH` (officer `OFFICER_NORTH`).
pub fn district() {
	assert_eq!(add_office(ADMIN), OFFICE);
	assert_eq!(add_office(ADMIN2), OFFICE2);
	assert_eq!(add_community(OFFICE), EAST);
	assert_eq!(add_community(OFFICE), WEST);
	assert_eq!(add_community(OFFICE2), NORTH);
	add_officer(EAST, OFFICER);
	add_officer(WEST, OFFICER_WEST);
	add_officer(NORTH, OFFICER_NORTH);
}

/// Moves to block `n`.
pub fn run_to(n: u64) {
	System::set_block_number(n);
}

/// Replaces resident `old`'s account by `new` the only way there is: the office admin
/// proposes, the notice passes, anyone enacts. Leaves the block number after the notice.
pub fn replace_key(old: u64, new: u64) {
	let office = Residents::<Test>::get(old).expect("a resident").office;
	let admin = Offices::<Test>::get(office).expect("office exists").admin;
	assert_ok!(Community::propose_replacement(RuntimeOrigin::signed(admin), old, new));
	let effective_at = PendingReplacements::<Test>::get(old).expect("just proposed").effective_at;
	run_to(effective_at.max(System::block_number()));
	assert_ok!(Community::enact_replacement(RuntimeOrigin::signed(STRANGER), old));
}

/// A list of person hashes for `declare_staff` / `remove_staff`.
pub fn staff(persons: &[H256]) -> StaffListOf<Test> {
	persons.to_vec().try_into().expect("at most MaxStaffPerCall")
}
