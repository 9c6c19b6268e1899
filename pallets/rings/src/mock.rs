//! A mock runtime with the shared registry double (`gongzhi_primitives::testing::MockRegistry`)
//! and small rings: at most 4 members a ring, 8 rings an item, 3 items pending, 16 keys a step.

use crate as pallet_rings;
use frame_support::{derive_impl, traits::ConstU32};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Rings: pallet_rings,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// The most members of a ring in the mock.
pub const MAX_RING_SIZE: u32 = 4;
/// The most keys a step handles in the mock.
pub const MAX_KEYS_PER_STEP: u32 = 16;

impl pallet_rings::Config for Test {
	type Registry = MockRegistry;
	type MaxRingSize = ConstU32<MAX_RING_SIZE>;
	type MaxRings = ConstU32<8>;
	type MaxPending = ConstU32<3>;
	type MaxKeysPerStep = ConstU32<MAX_KEYS_PER_STEP>;
	type WeightInfo = ();
}

/// The registry: the [`CommunityRegistry`](gongzhi_primitives::CommunityRegistry) double that
/// every pallet's mock shares.
pub type MockRegistry = gongzhi_primitives::testing::MockRegistry<Test>;

/// Fresh externalities at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
