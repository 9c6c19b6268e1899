#!/usr/bin/env python3
"""Converts a generated weights file's execution times to one machine speed.

    scripts/calibrate-weights.py FILE TARGET_PS BEFORE_PS AFTER_PS

`scripts/bench-weights.sh` measures the machine's speed (the "reference": the execution time of
`Balances::transfer_keep_alive`, lib.sh) just before and just after each file's benchmarks. This VM
runs at different speeds from hour to hour (it moves between hosts), so the raw figures of two
files measured an hour apart don't add up. Every execution time in FILE is multiplied by
TARGET_PS / mean(BEFORE_PS, AFTER_PS): the figure it would have had where the reference takes
TARGET_PS, the speed every file of the run is converted to (runtime/src/weights/reference.txt).

Only execution times change: the `ref_time` of each `Weight::from_parts(ref_time, proof)` (base
weights and per-component slopes) and the nanoseconds of `benchmark overhead`'s
`WEIGHT_REF_TIME_PER_NANOS.saturating_mul(n)`. Proof sizes, storage reads and writes (priced by
the runtime's `DbWeight`), and the comments that show what each benchmark measured are left as
they are. A line after the file's DATE line says what was done. A file with nothing to convert,
or no DATE line, is an error.
"""

import re
import sys

FROM_PARTS = re.compile(r"Weight::from_parts\((\d[\d_]*),")
PER_NANOS = re.compile(r"WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\((\d[\d_]*)\)")


def scaled(digits: str, factor: float) -> str:
    value = round(int(digits.replace("_", "")) * factor)
    return f"{value:_}"


def us(ps: int) -> str:
    return f"{ps / 1e6:.1f} µs"


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    target, before, after = (int(a) for a in sys.argv[2:])
    if min(target, before, after) <= 0:
        print("calibrate-weights: the references must be positive picoseconds", file=sys.stderr)
        return 2
    factor = target / ((before + after) / 2)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")

    converted = 0
    out = []
    noted = False
    for line in lines:
        new = FROM_PARTS.sub(lambda m: f"Weight::from_parts({scaled(m.group(1), factor)},", line)
        new = PER_NANOS.sub(
            lambda m: f"WEIGHT_REF_TIME_PER_NANOS.saturating_mul({scaled(m.group(1), factor)})", new
        )
        converted += len(FROM_PARTS.findall(line)) + len(PER_NANOS.findall(line))
        out.append(new)
        if not noted and line.startswith("//! DATE:"):
            out.append(
                f"//! CALIBRATED: execution times ×{factor:.3f}, converted to the machine speed at which "
                f"`Balances::transfer_keep_alive` runs in {us(target)}; it ran in {us(before)} just "
                f"before these benchmarks and {us(after)} just after "
                "(scripts/calibrate-weights.py; the \"Minimum execution time\" comments are as measured)."
            )
            noted = True
    if not noted:
        print(f"calibrate-weights: no '//! DATE:' line in {path}", file=sys.stderr)
        return 1
    if converted == 0:
        print(f"calibrate-weights: no execution time to convert in {path}", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"{path}: {converted} figures ×{factor:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
