#!/usr/bin/env python3
"""Tests of scripts/calibrate-weights.py (run by scripts/test.sh with the formatting check).

    python3 scripts/calibrate-weights-test.py
"""

import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calibrate-weights.py")

# The shapes `benchmark pallet` and `benchmark overhead` write, cut down.
PALLET = """//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-04, STEPS: `20`, REPEAT: `10`
//! HOSTNAME: `vm`, CPU: `AMD EPYC`

	fn vote() -> Weight {
		// Minimum execution time: 100_000_000 picoseconds.
		Weight::from_parts(111_460_916, 11146)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	fn close(b: u32, ) -> Weight {
		Weight::from_parts(0, 4212)
			.saturating_add(Weight::from_parts(137_100_000, 0).saturating_mul(b.into()))
			.saturating_add(Weight::from_parts(0, 2686).saturating_mul(b.into()))
	}
"""

OVERHEAD = """//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-04 (Y/M/D)
	///   Average:  142_720
	pub const ExtrinsicBaseWeight: Weight =
		Weight::from_parts(WEIGHT_REF_TIME_PER_NANOS.saturating_mul(142_720), 0);
"""


class CalibrateWeights(unittest.TestCase):
    def run_on(self, text, target, before, after):
        with tempfile.NamedTemporaryFile("w", suffix=".rs", delete=False, encoding="utf-8") as f:
            f.write(text)
            path = f.name
        self.addCleanup(os.remove, path)
        done = subprocess.run(
            [sys.executable, SCRIPT, path, str(target), str(before), str(after)],
            capture_output=True,
            text=True,
        )
        with open(path, encoding="utf-8") as f:
            return done.returncode, f.read(), done.stderr

    def test_execution_times_scale_and_counts_do_not(self):
        # Mean of the references 100 µs, target 50 µs: every execution time halves.
        code, out, _ = self.run_on(PALLET, 50_000_000, 90_000_000, 110_000_000)
        self.assertEqual(code, 0)
        self.assertIn("Weight::from_parts(55_730_458, 11146)", out)  # base, proof kept
        self.assertIn("Weight::from_parts(68_550_000, 0).saturating_mul(b.into())", out)  # slope
        self.assertIn("Weight::from_parts(0, 4212)", out)  # nothing to scale
        self.assertIn("Weight::from_parts(0, 2686).saturating_mul(b.into())", out)
        self.assertIn("reads(9_u64)", out)
        self.assertIn("writes(2_u64)", out)
        self.assertIn("// Minimum execution time: 100_000_000 picoseconds.", out)  # as measured
        lines = out.split("\n")
        date = next(i for i, l in enumerate(lines) if l.startswith("//! DATE:"))
        self.assertTrue(lines[date + 1].startswith("//! CALIBRATED: execution times ×0.500"))
        self.assertIn("90.0 µs just before these benchmarks and 110.0 µs just after", lines[date + 1])
        self.assertEqual(out.count("//! CALIBRATED:"), 1)

    def test_overhead_nanoseconds_scale(self):
        code, out, _ = self.run_on(OVERHEAD, 56_264_000, 57_500_000, 77_700_000)
        self.assertEqual(code, 0)
        # 142_720 × 56.264 / 67.6 = 118_787.
        self.assertIn("WEIGHT_REF_TIME_PER_NANOS.saturating_mul(118_787), 0)", out)
        self.assertIn("///   Average:  142_720", out)

    def test_a_file_without_a_date_line_is_refused_and_left_alone(self):
        text = PALLET.replace("//! DATE:", "//! WHEN:")
        code, out, err = self.run_on(text, 50, 100, 100)
        self.assertEqual(code, 1)
        self.assertEqual(out, text)
        self.assertIn("no '//! DATE:' line", err)

    def test_a_file_with_nothing_to_convert_is_refused_and_left_alone(self):
        text = "//! DATE: 2026-12-04\nfn nothing() {}\n"
        code, out, err = self.run_on(text, 50, 100, 100)
        self.assertEqual(code, 1)
        self.assertEqual(out, text)
        self.assertIn("no execution time to convert", err)

    def test_references_must_be_positive(self):
        code, out, _ = self.run_on(PALLET, 50, 0, 100)
        self.assertEqual(code, 2)
        self.assertEqual(out, PALLET)


if __name__ == "__main__":
    unittest.main(verbosity=1)
