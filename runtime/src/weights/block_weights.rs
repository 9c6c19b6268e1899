// This file is part of Gongzhi (共治). Licensed under Apache-2.0.

//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-04 (Y/M/D)
//! CALIBRATED: execution times ×0.833, converted to the machine speed at which `Balances::transfer_keep_alive` runs in 56.3 µs; it ran in 57.5 µs just before these benchmarks and 77.7 µs just after (scripts/calibrate-weights.py; the "Minimum execution time" comments are as measured).
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `block`, LONG-NAME: `BlockExecution`, RUNTIME: `Gongzhi Development`
//! WARMUPS: `10`, REPEAT: `100`
//! WEIGHT-PATH: `runtime/src/weights`
//! WEIGHT-METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/gongzhi-target/release/gongzhi-node
//   benchmark
//   overhead
//   --chain
//   dev
//   --wasm-execution
//   compiled
//   --header
//   /work/main/scripts/templates/header.txt
//   --weight-path
//   runtime/src/weights

use sp_core::parameter_types;
use sp_weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};

parameter_types! {
	/// Weight of executing an empty block.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 189_711, 604_085
	///   Average:  260_541
	///   Median:   201_789
	///   Std-Dev:  88892.77
	///
	/// Percentiles nanoseconds:
	///   99th: 474_073
	///   95th: 414_965
	///   75th: 346_514
	pub const BlockExecutionWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(216_995), 0);
}

#[cfg(test)]
mod test_weights {
	use sp_weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::BlockExecutionWeight::get();

		// At least 100 µs.
		assert!(
			w.ref_time() >= 100u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 100 µs."
		);
		// At most 50 ms.
		assert!(
			w.ref_time() <= 50u64 * constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 50 ms."
		);
	}
}
