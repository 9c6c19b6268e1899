// This file is part of Gongzhi (共治). Licensed under Apache-2.0.

//! The runtime's database weights (`frame_system::Config::DbWeight`): what one storage read and
//! one storage write cost, measured by `benchmark storage` on a real chain's state.
//!
//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! (`scripts/bench-storage.sh`, template `scripts/templates/db-weights.hbs`)
//! DATE: 2026-12-04 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, CHAIN: `Gongzhi bench (50000 residents, 0 senders)`
//! BLOCK-NUM: `Number(39)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, TRIE-CACHE: `false`, BATCH-SIZE: `5000`
//! METRIC: `Average`, WEIGHT-MUL: `1.0`, WEIGHT-ADD: `0`
//!
//! The state is the district that `gongzhi-loadgen district` builds on a real node (every
//! resident in genesis has answered a survey and voted in a ballot); every key of it is read,
//! then written, in random order, without the trie cache.

// Executed Command:
//   /root/.cache/gongzhi-target/release/gongzhi-node
//   benchmark
//   storage
//   --chain
//   /tmp/gongzhi-bench-storage.TxPywv/district-spec.json
//   --base-path
//   /tmp/gongzhi-bench-storage.TxPywv/district-db
//   --database
//   paritydb
//   --state-version
//   1
//   --batch-size
//   5000
//   --header
//   /work/main/scripts/templates/header.txt
//   --template-path
//   /work/main/scripts/templates/db-weights.hbs
//   --weight-path
//   /tmp/gongzhi-bench-storage.TxPywv/

#![cfg_attr(rustfmt, rustfmt_skip)]

/// Storage DB weights for the `Gongzhi bench (50000 residents, 0 senders)` state on `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use sp_core::parameter_types;
	use sp_weights::RuntimeDbWeight;

	parameter_types! {
		/// The node's database is ParityDB: what one read and one write of a storage item cost on
		/// it, measured on this project's benchmark machine.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// Time to read one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 831, 1_749_934
			//   Average:  6_788
			//   Median:   6_099
			//   Std-Dev:  13422.52
			//
			// Percentiles nanoseconds:
			//   99th: 11_357
			//   95th: 8_693
			//   75th: 6_971
			read: 6_788 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// Time to write one storage item.
			// Calculated by multiplying the *Average* of all values with `1.0` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 10_858, 59_743
			//   Average:  21_721
			//   Median:   20_013
			//   Std-Dev:  7195.94
			//
			// Percentiles nanoseconds:
			//   99th: 59_743
			//   95th: 27_459
			//   75th: 23_969
			write: 21_721 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::ParityDbWeight as W;
		use sp_weights::constants;

		/// Checks that the measured weights are plausible: above 100 ns and below 1 ms each.
		#[test]
		fn bound() {
			for (what, w) in [("read", W::get().reads(1)), ("write", W::get().writes(1))] {
				assert!(w.ref_time() >= 100 * constants::WEIGHT_REF_TIME_PER_NANOS, "{what} below 100 ns");
				assert!(w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS, "{what} above 1 ms");
			}
		}
	}
}
