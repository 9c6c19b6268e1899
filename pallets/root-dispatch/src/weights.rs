// This file is part of Gongzhi (共治). Licensed under Apache-2.0.

//! Weights for `pallet_root_dispatch`.
//!
//! ESTIMATED, NOT MEASURED: written by hand in the shape `scripts/bench-weights.sh` generates.
//! The call reads and writes no storage of its own (the event aside) and dispatches the inner
//! call, whose weight is charged on top; the figure is pallet-sudo's measured `sudo` on this
//! machine's order of magnitude, rounded up. Replace with
//! `scripts/bench-weights.sh pallet_root_dispatch` on the benchmark machine.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_root_dispatch`.
pub trait WeightInfo {
	fn dispatch_as_root() -> Weight;
}

/// Weights for `pallet_root_dispatch` using the Gongzhi runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Estimated execution time: 30_000_000 picoseconds.
		Weight::from_parts(30_000_000, 0)
	}
}

/// For tests and chains without measured weights: the same figures with ParityDB's weights.
impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(30_000_000, 0)
	}
}
