//! `gongzhi-loadgen prove` as the e2e tests run it: a ring and ballots as JSON on stdin, proofs
//! on stdout. The proofs are checked here with the verifier alone, as the runtime checks them.

use std::{
	io::Write,
	process::{Command, Stdio},
};
use verifiable::{
	ring::{
		ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as Suite},
		bandersnatch::BandersnatchVrfVerifiable as V,
		ring_verifier_builder_params, RingDomainSize, StaticChunk,
	},
	GenerateVerifiable,
};

type Member = <V as GenerateVerifiable>::Member;
type Members = <V as GenerateVerifiable>::Members;

fn hex(b: &[u8]) -> String {
	format!("0x{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>())
}

fn unhex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn entropy(i: u32) -> [u8; 32] {
	let mut e = [0x5a; 32];
	e[..4].copy_from_slice(&i.to_le_bytes());
	e
}

fn member(i: u32) -> Member {
	V::member_from_secret(&V::new_secret(entropy(i)))
}

fn domain(keys: &[Member]) -> RingDomainSize {
	if keys.len() <= 255 {
		RingDomainSize::Domain11
	} else {
		RingDomainSize::Domain12
	}
}

fn root(keys: &[Member]) -> Members {
	use codec::Encode as _;
	let params = &ring_verifier_builder_params::<Suite>(domain(keys));
	let lookup = |r| params.lookup(r).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(());
	let mut ring = V::start_members(domain(keys));
	V::push_members(&mut ring, keys.iter().copied(), lookup).unwrap();
	let root = V::finish_members(ring);
	assert_eq!(root.encode().len(), 288);
	root
}

/// The binary under test: cargo names it for integration tests; otherwise (this toolchain does
/// not always) it sits beside the `deps` directory this test runs from.
fn binary() -> std::path::PathBuf {
	match option_env!("CARGO_BIN_EXE_gongzhi-loadgen") {
		Some(path) => path.into(),
		None => {
			let me = std::env::current_exe().unwrap();
			me.parent().and_then(|deps| deps.parent()).unwrap().join("gongzhi-loadgen")
		},
	}
}

/// Runs `prove` on `request`; the exit status and stdout's lines, or stderr.
fn prove(request: &serde_json::Value) -> (bool, Vec<serde_json::Value>, String) {
	let mut child = Command::new(binary())
		.arg("prove")
		.stdin(Stdio::piped())
		.stdout(Stdio::piped())
		.stderr(Stdio::piped())
		.spawn()
		.unwrap();
	child.stdin.take().unwrap().write_all(request.to_string().as_bytes()).unwrap();
	let out = child.wait_with_output().unwrap();
	let lines = String::from_utf8(out.stdout)
		.unwrap()
		.lines()
		.map(|l| serde_json::from_str(l).unwrap())
		.collect();
	(out.status.success(), lines, String::from_utf8(out.stderr).unwrap())
}

fn request(keys: &[Member], ballots: &[(u32, &[u8])]) -> serde_json::Value {
	use codec::Encode as _;
	serde_json::json!({
		"domain": format!("{:?}", domain(keys)),
		"keys": keys.iter().map(|k| hex(k.as_ref())).collect::<Vec<_>>(),
		"root": hex(&root(keys).encode()),
		"context": hex(b"gongzhi/test/context"),
		"ballots": ballots.iter().map(|(i, m)| serde_json::json!({ "entropy": hex(&entropy(*i)), "message": hex(m) })).collect::<Vec<_>>(),
	})
}

#[test]
fn proofs_for_members_anywhere_in_the_ring_verify_with_their_aliases() {
	proofs_verify((1..=6).map(member).collect());
}

/// The e2e tests' rings are in the 2^12 domain (more than 255 members).
#[test]
fn proofs_in_a_2_12_ring_verify() {
	proofs_verify((1..=257).map(member).collect());
}

fn proofs_verify(keys: Vec<Member>) {
	let d = domain(&keys);
	let root = root(&keys);
	// Members at the first, a middle and the last place (the ring is opened once, at place 0).
	let last = keys.len() as u32;
	let ballots: [(u32, &[u8]); 3] = [(1, b"bid 0"), (last / 2, b"bid 1"), (last, b"bid 0")];
	let (ok, lines, err) = prove(&request(&keys, &ballots));
	assert!(ok, "{err}");
	assert_eq!(lines.len(), 3);
	let mut seen: Vec<u64> = lines.iter().map(|l| l["index"].as_u64().unwrap()).collect();
	seen.sort();
	assert_eq!(seen, vec![0, 1, 2]);
	for line in &lines {
		let (who, message) = ballots[line["index"].as_u64().unwrap() as usize];
		let proof = unhex(line["proof"].as_str().unwrap());
		assert_eq!(proof.len(), 785);
		let proof = <V as GenerateVerifiable>::Proof::try_from(proof).unwrap();
		let alias = V::validate(d, &proof, &root, b"gongzhi/test/context", message)
			.expect("the proof verifies against the ring's root");
		assert_eq!(hex(&alias), line["alias"].as_str().unwrap());
		let own =
			V::alias_in_context(&V::new_secret(entropy(who)), b"gongzhi/test/context").unwrap();
		assert_eq!(alias, own, "the alias is the member's own in the context");
		// ... and signs this message only.
		assert!(V::validate(d, &proof, &root, b"gongzhi/test/context", b"bid 9").is_err());
	}
}

#[test]
fn keys_that_do_not_make_the_root_and_outsiders_are_refused() {
	let keys: Vec<Member> = (1..=4).map(member).collect();
	let mut wrong = request(&keys, &[(1, b"m")]);
	let mut reversed = keys.clone();
	reversed.reverse();
	wrong["keys"] = serde_json::json!(reversed.iter().map(|k| hex(k.as_ref())).collect::<Vec<_>>());
	let (ok, lines, err) = prove(&wrong);
	assert!(!ok && lines.is_empty());
	assert!(err.contains("do not make the ring's root"), "{err}");

	let (ok, lines, err) = prove(&request(&keys, &[(9, b"m")]));
	assert!(!ok && lines.is_empty());
	assert!(err.contains("not in the ring"), "{err}");
}
