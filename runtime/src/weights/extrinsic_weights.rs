// This file is part of Gongzhi (共治). Licensed under Apache-2.0.

//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-04 (Y/M/D)
//! CALIBRATED: execution times ×0.833, converted to the machine speed at which `Balances::transfer_keep_alive` runs in 56.3 µs; it ran in 57.5 µs just before these benchmarks and 77.7 µs just after (scripts/calibrate-weights.py; the "Minimum execution time" comments are as measured).
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! SHORT-NAME: `extrinsic`, LONG-NAME: `ExtrinsicBase`, RUNTIME: `Gongzhi Development`
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
	/// Weight of executing a NO-OP extrinsic, for example `System::remark`.
	/// Calculated by multiplying the *Average* with `1.0` and adding `0`.
	///
	/// Stats nanoseconds:
	///   Min, Max: 113_648, 183_235
	///   Average:  142_720
	///   Median:   143_850
	///   Std-Dev:  15685.5
	///
	/// Percentiles nanoseconds:
	///   99th: 182_627
	///   95th: 165_039
	///   75th: 154_704
	pub const ExtrinsicBaseWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(118_866), 0);
}

#[cfg(test)]
mod test_weights {
	use sp_weights::constants;

	/// Checks that the weight exists and is sane.
	// NOTE: If this test fails but you are sure that the generated values are fine,
	// you can delete it.
	#[test]
	fn sane() {
		let w = super::ExtrinsicBaseWeight::get();

		// At least 10 µs.
		assert!(
			w.ref_time() >= 10u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
			"Weight should be at least 10 µs."
		);
		// At most 1 ms.
		assert!(
			w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
			"Weight should be at most 1 ms."
		);
	}
}
