//! A mock runtime: the pallet with `RootOrigin` = account 1 (standing in for the council's
//! two-thirds origin, which the runtime tests use).

use crate as pallet_root_dispatch;
use frame_support::{derive_impl, ord_parameter_types};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
/// Account ids in the mock.
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		RootDispatch: pallet_root_dispatch,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The account that stands for the governance origin.
pub const GOVERNANCE: AccountId = 1;

ord_parameter_types! {
	pub const Governance: AccountId = GOVERNANCE;
}

impl pallet_root_dispatch::Config for Test {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = EnsureSignedBy<Governance, AccountId>;
	type WeightInfo = ();
}

/// Fresh externalities at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
