#!/usr/bin/env python3
"""Writes (or checks) workspace-hack/Cargo.toml: the features the node's build and the cargo
tests' build must share so that the second reuses the first's compiled dependencies.

    scripts/workspace-hack.py           # regenerate workspace-hack/Cargo.toml
    scripts/workspace-hack.py --check   # fail if it is out of date (scripts/test.sh cargo)

Why: cargo resolves features per invocation. `scripts/lib.sh`'s `build_node` and
`scripts/test.sh`'s cargo tests are two invocations with different crates selected, so a crate
both use often gets different features in each (`sp-core` with `default` through the node's
`sc-*` crates, `tokio` with `fs` through the indexer, `proc-macro2` with `span-locations`, ...),
and cargo compiles it, and every crate above it, a second time. `gongzhi-workspace-hack` depends
on each such crate with the union of both feature sets, and gongzhi-primitives depends on it
under `std`, so both invocations resolve the same features (the pattern of cargo-hakari and
rustc-workspace-hack). It is never part of the runtime's wasm build (`std` is off there).

The features that must stay apart are left apart: the tests' `runtime-benchmarks`,
`try-runtime` and what they bring (`DIFFERENT_ON_PURPOSE`); crates built with them are compiled
twice by design, and this script leaves them out.

How: `cargo build --unit-graph` lists every unit cargo would compile, with its features; it is
still unstable, so this script (a check and a maintainer's tool, never part of a build) asks for
it with RUSTC_BOOTSTRAP=1. It builds nothing. It starts from an emptied hack and adds crates
until the two builds differ only on purpose (`union`), then puts the manifest and Cargo.lock
back as they were before writing the result (or comparing it, with --check).
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HACK = os.path.join(ROOT, "workspace-hack", "Cargo.toml")
LOCK = os.path.join(ROOT, "Cargo.lock")
DIFFERENT_ON_PURPOSE = {
    "runtime-benchmarks",
    "try-runtime",
    "frame-benchmarking",
    "frame-system-benchmarking",
    "frame-try-runtime",
    "next-version",
}


def lib_sh(name):
    """The value of `name=` in scripts/lib.sh, the one place it is set."""
    for line in open(os.path.join(ROOT, "scripts", "lib.sh")):
        if line.startswith(name + "="):
            return line.split("=", 1)[1].strip()
    sys.exit(f"scripts/lib.sh sets no {name}")


def test_features():
    return lib_sh("WORKSPACE_TEST_FEATURES")


def test_exclude():
    """WORKSPACE_TEST_EXCLUDE, a bash array: `(--exclude a --exclude b)`."""
    return lib_sh("WORKSPACE_TEST_EXCLUDE").strip("()").split()


def unit_graph(args):
    env = dict(os.environ, RUSTC_BOOTSTRAP="1", SKIP_WASM_BUILD="1")
    out = subprocess.run(
        ["cargo", *args, "--release", "--unit-graph", "-Z", "unstable-options"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out)


def features_by_role(graph):
    """{(package id, "host" | "target"): set of features} over every unit of the graph.

    Build-dependencies, proc-macros and everything below them are resolved for the host, apart
    from the rest (resolver 2)."""
    units = graph["units"]
    roles = defaultdict(set)
    todo = [(i, "target") for i in graph["roots"]]
    seen = set()
    while todo:
        i, role = todo.pop()
        if (i, role) in seen:
            continue
        seen.add((i, role))
        unit = units[i]
        kinds = unit["target"]["kind"]
        if "proc-macro" in kinds:
            role = "host"
        roles[(unit["pkg_id"], role)].update(unit["features"])
        below = "host" if "custom-build" in kinds and unit["mode"] == "build" else role
        todo.extend((d["index"], below) for d in unit["dependencies"])
    return roles


def registry_package(pkg_id):
    """("name", "version") of a crates.io package id, or None for the workspace's own."""
    if not pkg_id.startswith("registry+"):
        return None
    name, version = pkg_id.rsplit("#", 1)[1].rsplit("@", 1)
    return name, version


def union():
    """The hack that leaves no difference between the two builds but those on purpose.

    Starting from an empty hack, each round asks cargo what both builds resolve with the hack so
    far, and adds every crate whose features still differ. A crate the hack has added can bring
    new crates into a build (`sp-wasm-interface`'s `wasmtime` into the tests'), so this runs to
    a fixed point; it only grows, so it ends. It fails if a round adds nothing and the builds still
    differ: then the hack is not in both builds' graphs, and the manifest alone would not show it."""
    saved = {path: open(path).read() for path in (HACK, LOCK)}
    wanted = {"target": {}, "host": {}}
    try:
        while True:
            with open(HACK, "w") as f:
                f.write(manifest(wanted))
            node, tests = resolve()
            differ = []
            for key in node.keys() & tests.keys():
                package = registry_package(key[0])
                if package is None or node[key] == tests[key]:
                    continue
                if (node[key] | tests[key]) & DIFFERENT_ON_PURPOSE:
                    continue
                differ.append(package)
                both = node[key] | tests[key] | wanted[key[1]].get(package, set())
                wanted[key[1]][package] = both
            if not differ:
                return wanted
            if manifest(wanted) == open(HACK).read():
                # Nothing added, yet the builds still differ: the hack is not in their graphs.
                sys.exit("the hack lists these crates, but the builds still resolve them "
                         f"differently: {sorted(differ)[:5]}... Is workspace-hack a dependency "
                         "of gongzhi-primitives under `std`?")
    finally:
        for path, text in saved.items():
            with open(path, "w") as f:
                f.write(text)


def resolve():
    node = features_by_role(unit_graph(["build", "-p", "gongzhi-node"]))
    tests = features_by_role(unit_graph([
        "test", "--no-run", "--workspace", *test_exclude(),
        "--features", test_features(),
    ]))
    return node, tests


def section(packages):
    versions = defaultdict(list)
    for name, version in packages:
        versions[name].append(version)
    lines = []
    for (name, version), features in sorted(packages.items()):
        key = name
        if len(versions[name]) > 1:
            key = f"{name}-{'_'.join(version.split('.')[:2])}"
        spec = [f'version = "{version}"']
        if key != name:
            spec.insert(0, f'package = "{name}"')
        spec.append(f"default-features = {'true' if 'default' in features else 'false'}")
        named = sorted(features - {"default"})
        if named:
            spec.append("features = [" + ", ".join(f'"{f}"' for f in named) + "]")
        lines.append(f"{key} = {{ {', '.join(spec)} }}")
    return "\n".join(lines)


def manifest(wanted):
    return f"""# Generated by scripts/workspace-hack.py: do not edit; run it again after changing any
# dependency. It makes the node's build and the cargo tests' build resolve the same features for
# the crates both compile, so that the second reuses the first's (the script's docs say why).
# Its versions are Cargo.lock's; as generated text they stay out of [workspace.dependencies].
[package]
name = "gongzhi-workspace-hack"
description = "Unifies the features of the node's and the cargo tests' builds (generated)."
version.workspace = true
authors.workspace = true
edition.workspace = true
license.workspace = true
repository.workspace = true
publish = false

[dependencies]
{section(wanted["target"])}

[build-dependencies]
{section(wanted["host"])}
"""


def main():
    text = manifest(union())
    if sys.argv[1:] == ["--check"]:
        if open(HACK).read() != text:
            with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
                f.write(text)
            subprocess.run(["diff", "-u", HACK, f.name])
            os.unlink(f.name)
            sys.exit("workspace-hack/Cargo.toml is out of date: run scripts/workspace-hack.py")
        print("workspace-hack/Cargo.toml is up to date")
        return
    with open(HACK, "w") as f:
        f.write(text)
    # Cargo.lock lists the hack's dependencies: bring it up to date (no version changes).
    subprocess.run(["cargo", "metadata", "--format-version", "1"], cwd=ROOT, check=True,
                   capture_output=True)
    print(f"wrote {HACK}: {len(text.splitlines())} lines")


if __name__ == "__main__":
    main()
