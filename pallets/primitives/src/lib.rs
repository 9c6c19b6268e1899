//! # Gongzhi primitives
//!
//! The vocabulary that Gongzhi's pallets share — ids, [`Scope`], the resident record others may
//! read — and the traits through which they talk. No pallet names another: each declares what it
//! needs as one of these traits in its `Config`, and the runtime plugs the pallet that has it in:
//!
//! | trait | implemented by | used by |
//! |---|---|---|
//! | [`CommunityRegistry`] | pallet-community | every other pallet |
//! | [`SurveyLookup`] | pallet-needs-survey | pallet-procurement (linked survey) |
//! | [`AwardedContracts`] | pallet-procurement | pallet-vouchers |
//! | [`Redemptions`] | pallet-vouchers | pallet-satisfaction |
//! | [`ProviderStanding`] | pallet-satisfaction | pallet-procurement |
//!
//! [`anon`] holds what anonymous ballots and responses share (issue 19): the rule that splits an
//! item's eligible residents into rings, and the contexts and messages their proofs are made for.
//!
//! A pallet's unit tests use a small mock of each trait it needs, which doubles as the trait's
//! contract; the [`CommunityRegistry`] double every pallet uses is shared, in `testing` (feature
//! `test-utils`). Methods behind the `runtime-benchmarks` feature let one pallet's benchmarks set up
//! the state they need in another (an office, a resident, an award…) without naming it.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{IdentifyAccount, Verify};

pub use sp_core::H256;

/// A street office (街道办事处).
pub type OfficeId = u32;
/// A community (社区) under a street office, run by its committee (居委会).
pub type CommunityId = u32;
/// A verified person's stable resident number. It survives a change of account (lost key) and a
/// move between communities, so "one person, one answer / ballot / rating" is keyed by it.
pub type ResidentId = u32;
/// A community activity (活动) published on chain.
pub type ActivityId = u32;
/// A needs survey (需求调研).
pub type SurveyId = u32;
/// A procurement project (购买服务项目).
pub type ProjectId = u32;
/// A bid's index within its project, in order of submission (0, 1, …).
pub type BidIndex = u32;
/// A service-voucher programme (服务凭单项目).
pub type ProgrammeId = u32;
/// One service voucher (服务凭单).
pub type VoucherId = u64;
/// One redemption of a voucher with a provider (核销).
pub type RedemptionId = u64;
/// A resident's ring member key (成员公钥): a bandersnatch ring-VRF public key (crates.io
/// `verifiable`, `BandersnatchVrfVerifiable::Member`), 32 bytes. Rings of these keys let a resident
/// vote or answer anonymously under a per-item alias (issue 19); the registry keeps each
/// resident's key, and which key was in force since when.
pub type MemberKey = [u8; 32];
/// A sum of money in fen (分, 1/100 yuan). Budgets, prices, voucher values and settlements are
/// accounting figures paid off chain, not the chain's token: settlement records carry the hash of
/// the payment reference.
pub type Amount = u64;

/// Where a survey, a project or a programme applies: one community, or every community of one
/// street office.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Scope {
	/// The residents of one community.
	Community(CommunityId),
	/// The residents of every community of one street office.
	Office(OfficeId),
}

/// What other pallets may know about a resident: no personal data, only ids and hashes.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ResidentInfo<BlockNumber> {
	/// The stable resident number.
	pub id: ResidentId,
	/// The community the resident is registered in now.
	pub community: CommunityId,
	/// The street office of that community.
	pub office: OfficeId,
	/// When the resident was registered in this community (reset by a move).
	pub registered_at: BlockNumber,
	/// Salted hash of the household registration (户籍), for per-household entitlements.
	pub household: Option<H256>,
	/// When `household` was last set (at registration or by `set_household`): a per-household
	/// entitlement counts only households set before its window opened, so that changing a
	/// member's household can't reset the household's limit.
	pub household_since: BlockNumber,
}

impl<BlockNumber: PartialOrd> ResidentInfo<BlockNumber> {
	/// Whether the resident lives in `scope` now.
	pub fn is_in(&self, scope: &Scope) -> bool {
		match scope {
			Scope::Community(c) => self.community == *c,
			Scope::Office(o) => self.office == *o,
		}
	}

	/// Whether the resident was registered in their community strictly before block `at`: a
	/// survey or ballot counts only residents who were there when it opened, so nobody can be
	/// registered (or moved) in to sway it.
	pub fn registered_before(&self, at: &BlockNumber) -> bool {
		self.registered_at < *at
	}
}

/// The registry of offices, communities, officers, providers and residents (pallet-community):
/// "who is this account?" for every other pallet.
pub trait CommunityRegistry<AccountId, BlockNumber> {
	/// `who`'s resident record, if `who` is a registered resident.
	fn resident(who: &AccountId) -> Option<ResidentInfo<BlockNumber>>;

	/// The account that holds resident record `id` now (it changes when an office's
	/// `propose_replacement` is enacted after its notice).
	fn resident_account(id: ResidentId) -> Option<AccountId>;

	/// The street office that `community` belongs to, if the community exists.
	fn office_of(community: CommunityId) -> Option<OfficeId>;

	/// Whether `office` exists and has not been retired.
	fn office_is_active(office: OfficeId) -> bool;

	/// Whether `who` is the admin account of `office` (and the office is active).
	fn is_office_admin(who: &AccountId, office: OfficeId) -> bool;

	/// Whether `who` is an officer (居委会工作人员) of `community`.
	fn is_officer(who: &AccountId, community: CommunityId) -> bool;

	/// Whether `who` is a provider approved, and not suspended, in `office`.
	fn is_approved_provider(who: &AccountId, office: OfficeId) -> bool;

	/// How many residents `scope` holds now (kept incrementally; O(1)).
	fn residents_in(scope: Scope) -> u32;

	/// Whether resident `resident` is declared staff of provider `provider` (回避, conflicts of
	/// interest): staff may not vote in a project the provider bids in, redeem a voucher with it
	/// or rate it. A provider declares its staff by their person hashes, so the link holds
	/// whatever account or community the person has.
	fn is_staff_of(provider: &AccountId, resident: ResidentId) -> bool;

	/// The providers that declared resident `resident` as staff (usually none; at most a
	/// handful, bounded by the registry). A ballot checks each against the project's bidders.
	fn employers_of(resident: ResidentId) -> Vec<AccountId>;

	/// The most providers [`CommunityRegistry::employers_of`] returns for one resident: what a
	/// call that checks them all must be weighed for.
	fn max_employers() -> u32;

	/// One page of the walk over the residents of `scope` who hold a member key, in the
	/// registry's fixed order, starting after `after` (`None`: from the start) and reading at
	/// most `limit` of them. Of those read, the page returns the key in force before block `at`
	/// of each resident registered (in the scope) before `at`; `next` is where the following
	/// page starts, `None` once the walk is done. An anonymous item collects its eligible
	/// members this way, a bounded page per block, from the block it opens.
	fn member_keys_in(
		scope: Scope,
		at: BlockNumber,
		after: Option<KeyCursor>,
		limit: u32,
	) -> KeyPage;

	/// The active office that `scope` belongs to, or `None` if the scope doesn't exist or its
	/// office is retired.
	fn scope_office(scope: Scope) -> Option<OfficeId> {
		let office = match scope {
			Scope::Office(office) => office,
			Scope::Community(community) => Self::office_of(community)?,
		};
		Self::office_is_active(office).then_some(office)
	}

	/// Whether `who` may act for `scope`: the admin of its office, or — for a community scope —
	/// one of that community's officers.
	fn may_manage(who: &AccountId, scope: Scope) -> bool {
		let Some(office) = Self::scope_office(scope) else { return false };
		Self::is_office_admin(who, office)
			|| matches!(scope, Scope::Community(c) if Self::is_officer(who, c))
	}

	/// Sets up an active office with `admin` for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_office(admin: &AccountId) -> OfficeId;

	/// Sets up a community of `office` for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId;

	/// Appoints `who` an officer of `community`, for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &AccountId);

	/// Registers `who` as a resident of `community` at the current block, for another pallet's
	/// benchmarks. Each call must use a new account; the person hash is derived from it.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId;

	/// Registers `who` as a provider approved in `office`, for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &AccountId, office: OfficeId);
	/// Declares resident `resident` staff of `provider`, for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_staff(provider: &AccountId, resident: ResidentId);

	/// Sets resident `resident`'s member key to `key` now, without its proof, for another
	/// pallet's benchmarks (`key` must be a valid member key).
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_member_key(resident: ResidentId, key: MemberKey);
}

/// Where a walk over a scope's member keys ([`CommunityRegistry::member_keys_in`]) stopped: the
/// last resident it read, and their community.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct KeyCursor {
	/// The community of the last resident read.
	pub community: CommunityId,
	/// The last resident read.
	pub resident: ResidentId,
}

/// One page of a walk over a scope's member keys ([`CommunityRegistry::member_keys_in`]).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct KeyPage {
	/// The eligible keys of the residents read, in the walk's order.
	pub keys: Vec<MemberKey>,
	/// How many residents were read (eligible or not): what the page cost.
	pub read: u32,
	/// Where the next page starts; `None` when the walk is done.
	pub next: Option<KeyCursor>,
}

/// Needs surveys (pallet-needs-survey), as a procurement project that cites one sees them.
pub trait SurveyLookup {
	/// The scope of survey `id`, if it exists.
	fn survey_scope(id: SurveyId) -> Option<Scope>;

	/// Creates a survey in `scope` for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_survey(scope: Scope) -> SurveyId;
}

/// A contract awarded by a procurement ballot.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Award<AccountId> {
	/// The office that bought the service.
	pub office: OfficeId,
	/// The residents the service is for.
	pub scope: Scope,
	/// The provider that won the ballot.
	pub provider: AccountId,
	/// The winning bid's price.
	pub price: Amount,
}

/// Awarded procurement projects (pallet-procurement), for the voucher programmes that deliver
/// them.
pub trait AwardedContracts<AccountId> {
	/// The award of `project`, if the project closed with a winner. Awards are final.
	fn award(project: ProjectId) -> Option<Award<AccountId>>;

	/// Records an award for another pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_award(office: OfficeId, scope: Scope, provider: &AccountId) -> ProjectId;
}

/// A voucher redemption as the satisfaction pallet needs to know it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RedemptionInfo<AccountId, BlockNumber> {
	/// The resident who redeemed (whatever account they use now).
	pub resident: ResidentId,
	/// The provider who served them.
	pub provider: AccountId,
	/// The programme the voucher came from.
	pub programme: ProgrammeId,
	/// The office that runs the programme.
	pub office: OfficeId,
	/// When the provider confirmed the service was delivered; `None` while unconfirmed.
	pub confirmed_at: Option<BlockNumber>,
}

/// Voucher redemptions (pallet-vouchers): the evidence that a resident was actually served.
pub trait Redemptions<AccountId, BlockNumber> {
	/// Redemption `id`, if it exists and has not been cancelled.
	fn redemption(id: RedemptionId) -> Option<RedemptionInfo<AccountId, BlockNumber>>;

	/// The block at which programme `programme` was found finished — expired, every voucher it
	/// handed out settled or marked expired, its deposit released — or `None` while it is not.
	/// From that block on none of its redemptions can be confirmed any more, so no rating window
	/// of the programme opens after it: the satisfaction pallet counts its retention from it.
	fn programme_finished_at(programme: ProgrammeId) -> Option<BlockNumber>;

	/// Creates a redemption by `resident` (already registered in a community of `office`) with
	/// `provider` (already approved in `office`), confirmed at the current block, for another
	/// pallet's benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_confirmed_redemption(
		office: OfficeId,
		resident: &AccountId,
		provider: &AccountId,
	) -> RedemptionId;

	/// Marks programme `programme` finished at the current block, for another pallet's
	/// benchmarks (its retention is counted from then).
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_finish_programme(programme: ProgrammeId);
}

/// Whether a provider may bid for new contracts (pallet-satisfaction decides from its record).
pub trait ProviderStanding<AccountId> {
	/// `true` unless the provider has overdue follow-up cases or a poor average rating.
	fn in_good_standing(provider: &AccountId) -> bool;
}

/// Every provider is in good standing: for chains or tests without ratings.
impl<AccountId> ProviderStanding<AccountId> for () {
	fn in_good_standing(_: &AccountId) -> bool {
		true
	}
}

/// The weight of holding or releasing `n` deposits, which the calls' measured weights don't
/// include yet: per deposit, the account and its holds read and written, and the record of the
/// deposit (`fungible` holds; see each pallet's `HoldReason`).
pub fn deposit_weight<D: sp_runtime::traits::Get<sp_weights::RuntimeDbWeight>>(
	n: u32,
) -> sp_weights::Weight {
	let n = u64::from(n);
	D::get().reads_writes(n.saturating_mul(3), n.saturating_mul(3))
}

/// Text stored as bounded bytes (titles, names, reasons), as a view shows it: UTF-8, with any
/// invalid sequence replaced rather than failing the whole view.
pub fn view_text(bytes: &[u8]) -> alloc::string::String {
	alloc::string::String::from_utf8_lossy(bytes).into_owned()
}

/// Opening tag of the wrapping that Polkadot.js signers (the extension's `signRaw`,
/// `@polkadot/util`'s `u8aWrapBytes`) apply to raw payloads.
pub const WRAP_PREFIX: &[u8] = b"<Bytes>";
/// Closing tag of that wrapping.
pub const WRAP_POSTFIX: &[u8] = b"</Bytes>";

/// The bytes a resident signs off chain for a relayed call: `context` (a fixed ASCII tag naming
/// the call and its version, not length-prefixed) followed by the SCALE encoding of `payload`.
/// The payload must name the chain (genesis hash) and whatever makes it single-use.
pub fn signing_bytes<P: Encode>(context: &[u8], payload: &P) -> Vec<u8> {
	let mut bytes = Vec::with_capacity(context.len() + payload.size_hint());
	bytes.extend_from_slice(context);
	payload.encode_to(&mut bytes);
	bytes
}

/// Checks `signature` by `signer` over `message`, accepting both the bare message and the
/// `<Bytes>…</Bytes>` wrapping that Polkadot.js wallets add, so that a phone wallet, the
/// extension and a script with `@polkadot/keyring` can all produce a valid signature.
pub fn verify_offchain_signature<S: Verify>(
	signature: &S,
	message: &[u8],
	signer: &<S::Signer as IdentifyAccount>::AccountId,
) -> bool {
	if signature.verify(message, signer) {
		return true;
	}
	let mut wrapped = Vec::with_capacity(WRAP_PREFIX.len() + message.len() + WRAP_POSTFIX.len());
	wrapped.extend_from_slice(WRAP_PREFIX);
	wrapped.extend_from_slice(message);
	wrapped.extend_from_slice(WRAP_POSTFIX);
	signature.verify(&wrapped[..], signer)
}

/// Whether a storage map holds an entry, asked in a way a light client can check.
///
/// FRAME's `contains_key` asks the state only for the hash of the value. A full node serving a
/// light client's runtime call records just what was asked, so for a value longer than 32 bytes
/// (kept in the trie as its hash) the call proof carries no value; smoldot, replaying the call,
/// wants the value itself, calls the proof incomplete and bans the node for a while: every read of
/// a resident's phone then stalls. Reading the entry (zero bytes of it) puts the value in the
/// proof. Same cost in the weights (one read); use this instead of `contains_key` in the pallets.
pub trait HasEntry<K: Encode, V> {
	/// `true` if the map holds an entry under `key`.
	fn has_entry<KeyArg: codec::EncodeLike<K>>(key: KeyArg) -> bool;
}

impl<M, K: codec::FullEncode, V: codec::FullCodec> HasEntry<K, V> for M
where
	M: frame_support::storage::StorageMap<K, V>,
{
	fn has_entry<KeyArg: codec::EncodeLike<K>>(key: KeyArg) -> bool {
		sp_io::storage::read(&M::hashed_key_for(key), &mut [], 0).is_some()
	}
}

/// [`HasEntry`] for a storage double map.
pub trait HasEntryPair<K1: Encode, K2: Encode, V> {
	/// `true` if the map holds an entry under `(k1, k2)`.
	fn has_entry_pair<A1: codec::EncodeLike<K1>, A2: codec::EncodeLike<K2>>(k1: A1, k2: A2)
		-> bool;
}

impl<M, K1: codec::FullEncode, K2: codec::FullEncode, V: codec::FullCodec> HasEntryPair<K1, K2, V>
	for M
where
	M: frame_support::storage::StorageDoubleMap<K1, K2, V>,
{
	fn has_entry_pair<A1: codec::EncodeLike<K1>, A2: codec::EncodeLike<K2>>(
		k1: A1,
		k2: A2,
	) -> bool {
		sp_io::storage::read(&M::hashed_key_for(k1, k2), &mut [], 0).is_some()
	}
}

pub mod anon;

#[cfg(feature = "ring-vrf")]
pub mod ring_suite;

#[cfg(feature = "test-utils")]
pub mod testing;

/// Keys and signatures for benchmarks of calls that carry an off-chain signature (relayed
/// ballots, offline redemptions), where no wallet exists: the keys live in the keystore extension
/// that benchmark runners (and the pallets' mock runtimes) register.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmarking {
	use alloc::{format, vec::Vec};
	use sp_core::crypto::KeyTypeId;
	use sp_runtime::{MultiSignature, MultiSigner};

	/// The keystore key type under which benchmark keys are made.
	pub const BENCH_KEY_TYPE: KeyTypeId = KeyTypeId(*b"gzbk");

	/// Makes keys and signs with them inside a benchmark.
	pub trait OffchainSigner<Public, Signature> {
		/// A new key pair, distinct for each `index`; returns its public key.
		fn generate(index: u32) -> Public;
		/// `signer`'s signature over `message`.
		fn sign(signer: &Public, message: &[u8]) -> Signature;
	}

	/// sr25519 keys, as Polkadot.js makes by default.
	pub struct Sr25519Signer;

	impl OffchainSigner<MultiSigner, MultiSignature> for Sr25519Signer {
		fn generate(index: u32) -> MultiSigner {
			let seed: Vec<u8> = format!("//gongzhi-bench-{index}").into_bytes();
			sp_io::crypto::sr25519_generate(BENCH_KEY_TYPE, Some(seed)).into()
		}

		fn sign(signer: &MultiSigner, message: &[u8]) -> MultiSignature {
			match signer {
				MultiSigner::Sr25519(public) => {
					sp_io::crypto::sr25519_sign(BENCH_KEY_TYPE, public, message)
						.expect("the key was generated in the keystore by `generate`; qed")
						.into()
				},
				_ => panic!("Sr25519Signer only makes sr25519 keys"),
			}
		}
	}

	/// secp256k1 ECDSA keys (as Ethereum-style wallets make): the slowest signature a
	/// `MultiSignature` payload accepts — its check recovers the public key from the signature
	/// (secp256k1) and hashes both the message and the recovered key (Blake2-256), where sr25519
	/// and ed25519 verify against a known key. A runtime benchmarks its signed payloads with
	/// this signer so that their weight covers every signature type.
	pub struct EcdsaSigner;

	impl OffchainSigner<MultiSigner, MultiSignature> for EcdsaSigner {
		fn generate(index: u32) -> MultiSigner {
			let seed: Vec<u8> = format!("//gongzhi-bench-{index}").into_bytes();
			sp_io::crypto::ecdsa_generate(BENCH_KEY_TYPE, Some(seed)).into()
		}

		fn sign(signer: &MultiSigner, message: &[u8]) -> MultiSignature {
			match signer {
				MultiSigner::Ecdsa(public) => {
					sp_io::crypto::ecdsa_sign(BENCH_KEY_TYPE, public, message)
						.expect("the key was generated in the keystore by `generate`; qed")
						.into()
				},
				_ => panic!("EcdsaSigner only makes ECDSA keys"),
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::{sr25519, Pair};
	use sp_runtime::MultiSignature;

	#[test]
	fn resident_scope_and_eligibility() {
		let r = ResidentInfo {
			id: 7,
			community: 3,
			office: 1,
			registered_at: 10u32,
			household: None,
			household_since: 10,
		};
		assert!(r.is_in(&Scope::Community(3)));
		assert!(!r.is_in(&Scope::Community(4)));
		assert!(r.is_in(&Scope::Office(1)));
		assert!(!r.is_in(&Scope::Office(2)));
		assert!(r.registered_before(&11));
		assert!(!r.registered_before(&10));
	}

	#[test]
	fn signing_bytes_are_tag_then_scale() {
		let bytes = signing_bytes(b"gz", &(1u32, 2u64));
		assert_eq!(bytes, [b'g', b'z', 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]);
	}

	#[test]
	fn offchain_signature_accepts_bare_and_wrapped_messages_only() {
		let pair = sr25519::Pair::from_seed(&[7u8; 32]);
		let signer = sp_runtime::MultiSigner::from(pair.public()).into_account();
		let message = signing_bytes(b"gz", &42u32);
		let bare = MultiSignature::from(pair.sign(&message));
		let wrapped =
			MultiSignature::from(pair.sign(&[WRAP_PREFIX, &message, WRAP_POSTFIX].concat()));
		assert!(verify_offchain_signature(&bare, &message, &signer));
		assert!(verify_offchain_signature(&wrapped, &message, &signer));
		let other = signing_bytes(b"gz", &43u32);
		assert!(!verify_offchain_signature(&bare, &other, &signer));
	}

	/// Every pallet asks whether a map holds an entry through `HasEntry`/`HasEntryPair`, never
	/// `contains_key`, outside its unit tests and benchmarks (see `HasEntry` for why light clients need this).
	#[test]
	fn pallets_ask_for_entries_the_way_light_clients_can_check() {
		let pallets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
		let needle = ["::contains", "_key("].concat();
		let mut offenders = Vec::new();
		for pallet in std::fs::read_dir(&pallets).unwrap() {
			let src = pallet.unwrap().path().join("src");
			let Ok(files) = std::fs::read_dir(&src) else { continue };
			for file in files {
				let path = file.unwrap().path();
				let name = path.file_name().unwrap().to_string_lossy().into_owned();
				if !name.ends_with(".rs")
					|| ["tests.rs", "mock.rs", "benchmarking.rs"].contains(&name.as_str())
				{
					continue;
				}
				let text = std::fs::read_to_string(&path).unwrap();
				for (n, line) in text.lines().enumerate() {
					if line.contains(&needle) && !line.trim_start().starts_with("//") {
						offenders.push(format!("{}:{}", path.display(), n + 1));
					}
				}
			}
		}
		assert!(
			offenders.is_empty(),
			"use HasEntry/HasEntryPair instead of contains_key: {offenders:?}"
		);
	}
}
