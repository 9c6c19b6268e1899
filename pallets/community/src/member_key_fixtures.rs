//! Member keys with their proofs of possession, made in advance for the benchmarks'
//! resident (`account("resident", 0, 0)`): a runtime built for benchmarks has no prover and no
//! `sign` (`verifiable` without `std`), and `set_member_key` must be measured verifying a real
//! proof. A proof names the account, so there is one fixture per account encoding: the mock
//! runtime's (`u64`) and Gongzhi's (`AccountId32`). A benchmark picks the one whose account is
//! its caller's encoding.
//!
//! The unit test `every_member_key_fixture_verifies` (tests/member_keys.rs) checks each of them
//! against the pallet's own message; `print_member_key_fixtures` (`#[ignore]`d) makes them
//! again: `cargo test -p pallet-community print_member_key_fixtures -- --ignored --nocapture`.

/// One fixture: the caller's SCALE-encoded account, the member key and the proof
/// (`sign(secret, Pallet::member_key_message(account))`).
pub struct MemberKeyFixture {
	/// The account the proof names, SCALE-encoded.
	pub account: &'static [u8],
	/// The member key.
	pub key: [u8; 32],
	/// Its proof of possession for `account`.
	pub proof: [u8; 64],
}

/// The entropy each fixture's secret was made from (`new_secret`), in the order of
/// [`MEMBER_KEY_FIXTURES`].
pub const FIXTURE_ENTROPY: [[u8; 32]; 2] = [[0x61; 32], [0x62; 32]];

/// The fixtures: the mock runtime's benchmark resident, then the Gongzhi runtime's.
pub const MEMBER_KEY_FIXTURES: [MemberKeyFixture; 2] = [
	// `account::<u64>("resident", 0, 0)` (the mock runtime).
	MemberKeyFixture {
		account: &unhex::<8>("527c9b1eb3ca6eb8"),
		key: unhex("0d31da87cb1a8396cec6b630883ab94ac59b50c9e3fe4b7e000cf52c888bf261"),
		proof: unhex(
			"d55d8fe0ae84bae515da166bcdbc559969e59782a773b9e005e35d7ab2348b40\
			0c7c659800adbdc18d69d721373cc345f9252159df5708227f9d4d404272610a",
		),
	},
	// `account::<AccountId32>("resident", 0, 0)` (the Gongzhi runtime).
	MemberKeyFixture {
		account: &unhex::<32>("527c9b1eb3ca6eb8d8cf766b1378117e80de1eca36d7297e5413a9a2242bb7fe"),
		key: unhex("5b9c425e3d0b002000822141feba3e22c9924020816236f05ba7e721c936d7a7"),
		proof: unhex(
			"44ab86a7b8c4cd8269ed0182dcb041935ade06e72ee37cf1529d69119a1fb0a0\
			32d9ecda3a4c66317483fb7cbb384a5b097ac819569992f7d8eac9b2c6e8f709",
		),
	},
];

/// The fixture for the account whose SCALE encoding is `account`, if there is one.
pub fn member_key_fixture(account: &[u8]) -> Option<&'static MemberKeyFixture> {
	MEMBER_KEY_FIXTURES.iter().find(|fixture| fixture.account == account)
}

/// `N` bytes from `2 * N` hex digits (spaces between digits are skipped), at compile time.
const fn unhex<const N: usize>(hex: &str) -> [u8; N] {
	const fn digit(c: u8) -> u8 {
		match c {
			b'0'..=b'9' => c - b'0',
			b'a'..=b'f' => c - b'a' + 10,
			_ => panic!("not a lower-case hex digit"),
		}
	}
	let hex = hex.as_bytes();
	let mut out = [0u8; N];
	let mut n = 0;
	// The high digit of the byte being read, once read.
	let mut high: Option<u8> = None;
	let mut i = 0;
	while i < hex.len() {
		if hex[i] != b' ' {
			let d = digit(hex[i]);
			match high {
				None => high = Some(d),
				Some(h) => {
					assert!(n < N, "too many hex digits");
					out[n] = (h << 4) | d;
					n += 1;
					high = None;
				},
			}
		}
		i += 1;
	}
	assert!(n == N && high.is_none(), "too few hex digits");
	out
}
