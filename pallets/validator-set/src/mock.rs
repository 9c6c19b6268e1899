//! A mock runtime: the pallet with a stand-in for pallet-session's key registry (accounts listed
//! in [`Registered`] have keys). Session rotation itself is tested in the runtime
//! (`runtime/tests/runtime/governance.rs`); here the pallet's `SessionManager` is called directly.

use crate as pallet_validator_set;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ValidatorRegistration},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
/// Account ids in the mock.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	/// The accounts with session keys.
	pub static Registered: alloc::vec::Vec<AccountId> = alloc::vec![];
}

/// pallet-session's answer to "has this account keys?", from [`Registered`].
pub struct MockKeys;
impl ValidatorRegistration<AccountId> for MockKeys {
	fn is_registered(id: &AccountId) -> bool {
		Registered::get().contains(id)
	}
}

/// Gives `who` session keys.
pub fn register_keys(who: AccountId) {
	Registered::mutate(|r| r.push(who));
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockKeys {
	fn register_keys(who: &AccountId) {
		register_keys(*who);
	}
}

/// The largest set in the mock.
pub const MAX: u32 = 6;
/// The smallest set removal may leave in the mock.
pub const MIN: u32 = 4;

impl pallet_validator_set::Config for Test {
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type KeysRegistered = MockKeys;
	type MaxValidators = ConstU32<MAX>;
	type MinValidators = ConstU32<MIN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockKeys;
}

/// The genesis validators: accounts 1 to 4, with keys.
pub const GENESIS: [AccountId; 4] = [1, 2, 3, 4];

/// Fresh externalities at block 1 (so events are recorded), with the genesis validators.
pub fn new_test_ext() -> sp_io::TestExternalities {
	Registered::set(GENESIS.to_vec());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_validator_set::GenesisConfig::<Test> { validators: GENESIS.to_vec() }
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
		ValidatorSet::do_try_state().expect("try_state holds after the test");
	});
}
