//! Benchmarks of pallet-validator-set (v2 syntax), each at its call's worst case: a set one short
//! of full for `add_validator` (the longest vector read, shifted and written), a full set for
//! `remove_validator`, the new or removed account sorting first (the whole vector shifts).

use super::*;
use crate::Pallet as ValidatorSet;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

const SEED: u32 = 0;

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

/// A set of `n` validators with keys; returns them sorted.
fn fill<T: Config>(n: u32) -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, SEED)).collect();
	for v in &set {
		T::BenchmarkHelper::register_keys(v);
	}
	set.sort();
	let bounded: BoundedVec<_, T::MaxValidators> = set.clone().try_into().expect("n <= max");
	Validators::<T>::put(bounded);
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(T::MaxValidators::get() - 1);
		// The least of a hundred candidates: it most likely sorts first (the whole set shifts).
		let who = (0..100u32)
			.map(|i| account::<T::AccountId>("candidate", i, SEED))
			.min()
			.expect("a candidate");
		T::BenchmarkHelper::register_keys(&who);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		assert_last_event::<T>(Event::ValidatorAdded {
			validator: who,
			from_session: ValidatorSet::<T>::effective_session(),
		});
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let set = fill::<T>(T::MaxValidators::get());
		let who = set[0].clone();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		assert_last_event::<T>(Event::ValidatorRemoved {
			validator: who,
			from_session: ValidatorSet::<T>::effective_session(),
		});
		Ok(())
	}

	impl_benchmark_test_suite!(ValidatorSet, crate::mock::new_test_ext(), crate::mock::Test);
}
