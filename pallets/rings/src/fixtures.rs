//! A ring-VRF proof made in advance for the benchmark of [`AnonymousRings::verify`]
//! (`gongzhi_primitives::anon::AnonymousRings`): a runtime has no prover. The benchmark builds
//! the ring of [`FIXTURE_MEMBERS`] keys ([`member_key`] 0, 1, 2) in domain 2^12 (the largest a
//! runtime uses: verification costs by domain, not by members), sets the genesis hash to
//! [`FIXTURE_GENESIS`], and verifies [`FIXTURE_PROOF`], made by member 0 for
//! `ItemRef::procurement(1)` over [`FIXTURE_MESSAGE`]; it must give [`FIXTURE_ALIAS`].
//!
//! The unit test `the_verify_fixture_verifies` checks it against the pallet's own builder;
//! `print_verify_fixture` (`#[ignore]`d) makes it again:
//! `cargo test -p pallet-rings print_verify_fixture -- --ignored --nocapture`.

use gongzhi_primitives::{anon::ItemRef, MemberKey};
use verifiable::{ring::bandersnatch::BandersnatchVrfVerifiable as V, GenerateVerifiable};

/// The entropy of benchmark member key `i`: `0x5a` bytes with `i` (LE) in the first four.
pub fn member_entropy(i: u32) -> [u8; 32] {
	let mut entropy = [0x5a; 32];
	entropy[..4].copy_from_slice(&i.to_le_bytes());
	entropy
}

/// Benchmark member key `i` (a valid key).
pub fn member_key(i: u32) -> MemberKey {
	V::member_from_secret(&V::new_secret(member_entropy(i)))
}

/// How many members the fixture's ring has.
pub const FIXTURE_MEMBERS: u32 = 3;
/// The item the fixture's proof is for.
pub const FIXTURE_ITEM: ItemRef = ItemRef::procurement(1);
/// The genesis hash in the fixture's context.
pub const FIXTURE_GENESIS: [u8; 32] = [0x47; 32];
/// The message the fixture's proof signs.
pub const FIXTURE_MESSAGE: [u8; 32] = [0x4d; 32];

/// Member 0's proof (785 bytes), hex.
pub const FIXTURE_PROOF_HEX: &str =
	"bcd72df72cc895d29907e23e8a769c984012d6ed98e25bcb65ce7e5386fd4654\
	1fad3b3538c8ddcf43e707c83f8a3c55aafa3631ba9d52a0391c1fc189b9939e\
	98aa27f00fa933007b9e213f935447bfca33c52220a140d7492003bebc1a7bb8\
	26cf5901b05869f70aad54def561bf7bc1882d0322567b501394ba1a5bbf3913\
	7493110300c644ada455ccf1819667c4ea988142d311218d10241a69253fab11\
	a7e2f384a7020054f0d1f77a41fa8575cab8281c8d9393d64056e61e7f6fcd12\
	f4aa71b487b1b6834164f89c4edd9e9aa56a4dd6bcf6346ece397a79e5c0db27\
	310d5cb9e2d20e59ca3b77610ff1fd7abe2a48289a2d962e520e120ce9518c7c\
	afeb7e3d02c1d3f3a98cf3a5b80a182232c0c9481c5b767deca82bc39893bce6\
	7cf24e16c515976d8b47ebdab559bbb3b5ff49b04bc100d31c0560e019ef9c76\
	53845f56241b123192ebfbc69f69856047684e4054cb1b8d5431f9a97988b653\
	6e343a3394e4b25dab4a2773c0ae1618f8352f954abbc3ee1e5859841b01fe12\
	0af255ba6c881516727ba6bec54371b75068036bef8bc0aba217a02778893d1c\
	54488e71a54e28a141f3a2c930632d71bae68cd3e8816fd5bb3b0eb517d0bf0f\
	f3fac038d93dadc91aa8109633ddb9c3e7745ef7b45e1913b0a372ff0ec6841f\
	40f362fe4b63e378c78848ec0047de11f258870c7d9dba38b16684e70a2b7361\
	96c4f6055395172b6ac87b362fd85ea5d436d2e5180fef65655e18778311c226\
	28a79e777f30cdac949900b84a2c05bb496e6f500f0d8690f6ee8c858ea6f330\
	969a0c2e5b29a5dbd97b2b199d682c016f0c2850655343fd15e5727d24ebcca8\
	9530f08c44d53104e2c7efd8b44f583c7bf7c528428e3051472c2c4e89688dc4\
	e37655ce94a7e0975d27ef12d3f3c22eb3ac9b555728a5ba3b0d285efd37924c\
	d3aa4ec6810cef6e5cc353b747f10190c60f18af87db4083416b201dfa1eb15b\
	82276b158ad113d2b0d785f0dfe6a8da96a444efdf1f24de81b1225e1e68a06d\
	dc8b04bc84f599f375ee2c93662292c001d68ade09d31b497834de6696a34944\
	bebb8fa9e8300a3e69b0724cf29d45eb41";
/// Member 0's alias in the fixture's item, hex.
pub const FIXTURE_ALIAS_HEX: &str =
	"cc98fc0c886df50100b7d46e94c65a2756bbb10538dc6ebf4d509b9f17b41038";

/// The bytes of hex string `hex` (two digits a byte, no prefix); `None` if it isn't hex.
pub fn unhex(hex: &str) -> Option<alloc::vec::Vec<u8>> {
	let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
	hex.as_bytes()
		.chunks(2)
		.map(|pair| match pair {
			[hi, lo] => Some(digit(*hi)? << 4 | digit(*lo)?),
			_ => None,
		})
		.collect()
}
