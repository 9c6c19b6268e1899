//! # Procurement ballots (购买服务投票)
//!
//! A street office buys a community service (elderly meals, home care, after-school classes…)
//! and the residents it is for choose, by e-ballot, which approved provider delivers it.
//!
//! ## Concept
//! - The **office** opens a project: title, short description and the hash of the full
//!   description document, a budget, optionally the needs survey that motivated it, a
//!   [`Scope`](gongzhi_primitives::Scope) inside the office, and the [`ProjectRules`]: bidding
//!   window, voting window, method ([`VotingMethod::Open`] or [`VotingMethod::Secret`] with a
//!   reveal window) and quorum. Until bidding opens the office may change the rules or cancel
//!   with a public reason; from the first block of bidding on the rules are locked.
//! - **Providers** approved in the office and in good standing
//!   ([`ProviderStanding`](gongzhi_primitives::ProviderStanding)) submit one bid each during
//!   bidding (summary, price ≤ budget, proposal document hash) and may withdraw it during
//!   bidding. The office may disqualify a bid, with a public reason, until voting opens. So the
//!   set of standing bids is fixed before the first ballot.
//! - **Residents** in scope who were registered strictly before the project was opened (the
//!   block its rules were last set) cast one ballot each, keyed by their stable `ResidentId`,
//!   and may change it up to `MaxVoteChanges` times while voting is open. A resident's own
//!   ballot call is free when it will succeed. A resident without a phone signs a ballot on an
//!   officer's device or a printed QR code, and anyone relays it with
//!   [`vote_relayed`](Pallet::vote_relayed); it counts exactly like a direct one.
//! - **Anyone** closes the project once voting (or revealing) has ended. The count is O(bids):
//!   tallies are kept per bid as ballots arrive. After `RetentionPeriod` blocks, anyone may reap
//!   the per-resident ballot records in batches; tallies and outcome stay.
//!
//! ## State machine
//! The stored [`ProjectState`] is `Open`, `Awarded`, `Failed` or `Cancelled`, and changes only on
//! `close` and `cancel_project`. While it is `Open`, the [`Phase`] follows from the block number:
//!
//! ```text
//! Scheduled ─▶ Bidding ─▶ Review ─▶ Voting ─▶ Revealing ─▶ AwaitingClose ──close──▶ Awarded{..}
//!     │                   (maybe    (secret    (secret                              | Failed{..}
//!     │                    empty)    or open)   only)
//!     └──cancel_project──▶ Cancelled{reason}
//! ```
//!
//! | phase | from block | what may happen |
//! |---|---|---|
//! | `Scheduled` | creation | office: `update_rules`, `cancel_project` |
//! | `Bidding` | `bidding.start` (rules locked) | providers: `submit_bid`, `withdraw_bid`; office: `disqualify_bid` |
//! | `Review` | `bidding.end` | office: `disqualify_bid` |
//! | `Voting` | `voting.start` | residents: `vote` (open) or `commit_vote` (secret); anyone: `vote_relayed` |
//! | `Revealing` | `voting.end` (secret mode) | residents: `reveal_vote` |
//! | `AwaitingClose` | `voting.end` (open) / `reveal_end` (secret) | anyone: `close` |
//! | `Awarded`, `Failed`, `Cancelled` | the closing call | anyone, after `RetentionPeriod`: `reap_ballots` |
//!
//! ## The count
//! Winner = the standing bid with the most counted ballots; ties go to the lower price, then the
//! earlier bid. The quorum is met when `counted × 100 ≥ quorum_percent × eligible`, where
//! `eligible` is `residents_in(scope)` taken when the rules were set (creation or the last
//! `update_rules`). No standing bid → `Failed(NoValidBids)`; below quorum →
//! `Failed(QuorumNotMet)`; zero counted ballots (only possible with a 0% quorum or an empty
//! scope) → `Failed(NoVotes)`. The award is final and available through
//! [`AwardedContracts`](gongzhi_primitives::AwardedContracts).
//!
//! ## Secret ballots
//! During voting a resident submits a commitment with [`commit_vote`](Pallet::commit_vote):
//!
//! ```text
//! commitment = blake2_256( project: u32 LE ++ bid: u32 LE ++ salt: [u8; 32] ++ resident_id: u32 LE )
//! ```
//!
//! (the SCALE encoding of the tuple `(ProjectId, BidIndex, [u8; 32], ResidentId)`, 44 bytes; see
//! [`ballot_commitment`]). From the end of voting until `reveal_end` the resident reveals with
//! [`reveal_vote`](Pallet::reveal_vote)`(project, bid, salt)`. Only revealed ballots for a
//! standing bid count; unrevealed commitments don't. The tally views show no counts until the
//! reveal window has ended. (Raw storage is public, so partial counts during the reveal window
//! can be read by anyone who decodes it; during voting there is nothing to read but
//! commitments.) In JS, with `u32` as below and `blake2AsU8a` from `@polkadot/util-crypto`:
//! `blake2AsU8a(u8aConcat(u32(project), u32(bid), salt, u32(residentId)))`, where `salt` is 32
//! random bytes the resident keeps until the reveal (`randomAsU8a(32)`).
//!
//! ## Relayed ballots: the exact signed bytes
//! The resident signs `signing_bytes(b"gongzhi/ballot/v1", &(genesis_hash, project, choice,
//! sequence, deadline))`:
//!
//! | bytes | field | encoding |
//! |---|---|---|
//! | 17 | context | ASCII `gongzhi/ballot/v1`, no length prefix |
//! | 32 | `genesis_hash` | the chain's genesis block hash |
//! | 4 | `project` | `u32` little-endian |
//! | 4 or 32 | `choice` | open ballot: the bid index, `u32` LE; secret ballot: the commitment, 32 raw bytes |
//! | 4 | `sequence` | `u32` LE: how many ballots this resident has already cast in this project (0 for the first; a receipt's `nextSequence`) |
//! | 4 | `deadline` | `u32` LE (the runtime's block number): the last block in which the ballot may be included |
//!
//! 65 bytes for an open ballot, 93 for a secret one. The signature may be over these bytes or over
//! `<Bytes>` ++ them ++ `</Bytes>` (what the Polkadot.js extension's `signRaw` signs). Because a
//! ballot must carry exactly the resident's current `sequence`, a relayed ballot can be used
//! once, and an old or replayed one can never overwrite a later choice (`StaleSequence`).
//!
//! ```js
//! import { bnToU8a, stringToU8a, u8aConcat } from '@polkadot/util';
//! const u32 = (n) => bnToU8a(n, { bitLength: 32, isLe: true });
//! const message = u8aConcat(
//!   stringToU8a('gongzhi/ballot/v1'),
//!   api.genesisHash.toU8a(),  // 32 bytes
//!   u32(project),
//!   u32(bid),                 // secret ballot: the 32-byte commitment instead
//!   u32(sequence),
//!   u32(deadline),
//! );
//! const signature = residentPair.sign(message);
//! await api.tx.procurement
//!   .voteRelayed(project, residentAddress, { Bid: bid }, sequence, deadline, { Sr25519: signature })
//!   .signAndSend(officer);
//! ```
//!
//! ## Cost
//! A vote reads the resident record (registry), the project record and the ballot, and writes
//! the ballot and the project record: the per-bid tallies live inside the project record, next to
//! the windows and the bids' states the vote must check anyway, so even a *change* of ballot
//! touches two records of this pallet (per-bid tally entries would make a change 4 reads and 3
//! writes). Titles, descriptions and bid texts live in other maps. That is the floor for a
//! counted, checked ballot: a balance transfer is 1 read and 1 write plus the sender's account,
//! which a feeless vote touches for its nonce only.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// The stored project record of runtime `T`.
pub type ProjectOf<T> = Project<T>;
/// The stored project details (texts) of runtime `T`.
pub type DetailsOf<T> = Details<T>;
/// The stored bid record of runtime `T`.
pub type BidOf<T> = Bid<T>;
/// The stored disqualification (reason and block) of runtime `T`.
pub type DisqualificationOf<T> = Disqualification<T>;
/// A public reason (cancellation, disqualification) in runtime `T`.
pub type ReasonOf<T> = frame_support::BoundedVec<u8, <T as Config>::MaxReasonLen>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{
		anon::{Alias, AnonymousRings, MAX_PROOF_LEN},
		Amount, BidIndex, CommunityRegistry, OfficeId, ProjectId, ProviderStanding, ResidentId,
		Scope, SurveyId, SurveyLookup, H256,
	};
	use sp_runtime::traits::{IdentifyAccount, Verify, Zero};

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an open project, held from the office admin who opened it.
		ProjectDeposit,
		/// The deposit of a bid, held from its provider.
		BidDeposit,
	}

	/// The version of this pallet's storage layout, kept on chain. Migrations start from it
	/// (`VersionedMigration`); try-runtime checks that chain and code agree after an upgrade.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Offices, communities, providers and residents (pallet-community).
		type Registry: CommunityRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// Whether a provider may bid (pallet-satisfaction; `()` lets every provider bid).
		type Standing: ProviderStanding<Self::AccountId>;

		/// Needs surveys a project may cite (pallet-needs-survey).
		type Surveys: SurveyLookup;

		/// The rings of anonymous projects, and the verification of their ballots' proofs
		/// (pallet-rings).
		type Rings: AnonymousRings<BlockNumberFor<Self>>;

		/// The signature a resident puts on a relayed ballot (`MultiSignature`).
		type OffchainSignature: Verify<Signer = Self::OffchainPublic> + Parameter;

		/// The key behind that signature (`MultiSigner`); its account is the resident's.
		type OffchainPublic: IdentifyAccount<AccountId = Self::AccountId> + Clone;

		/// Makes resident keys and signatures for the benchmark of `vote_relayed`.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkSigner: gongzhi_primitives::benchmarking::OffchainSigner<
			Self::OffchainPublic,
			Self::OffchainSignature,
		>;

		/// The most bids a project takes. Every vote reads and writes the project record, which
		/// holds a 13-byte tally slot per bid, and `close` visits every bid: keep it a few dozen
		/// (a district rarely sees more than a handful of bidders).
		#[pallet::constant]
		type MaxBids: Get<u32>;

		/// How many times a resident may change a ballot (or commitment) after casting it. Each
		/// change is free for the resident, so the bound stops a feeless write loop.
		#[pallet::constant]
		type MaxVoteChanges: Get<u32>;

		/// The most projects an office may have open (not closed or cancelled) at once. Bounds the
		/// per-office index behind the "what may this resident do" view.
		#[pallet::constant]
		type MaxOpenProjectsPerOffice: Get<u32>;

		/// Blocks after a project ends before its per-resident ballots may be reaped: the time
		/// residents and observers have to check their receipts.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The most ballot records one `reap_ballots` call may remove (e.g. 200): it bounds that
		/// call's weight.
		#[pallet::constant]
		type MaxReapBatch: Get<u32>;

		/// How far ahead bidding may open, in blocks (e.g. 30 days). A project holds one of its
		/// office's `MaxOpenProjectsPerOffice` places from creation until it is closed.
		#[pallet::constant]
		type MaxLeadTime: Get<BlockNumberFor<Self>>;

		/// The longest a project may run, from the opening of bidding to the end of voting (or of
		/// revealing, for a secret ballot), in blocks (e.g. 90 days). With `MaxLeadTime`, this
		/// bounds how long a project can hold an office's place before anyone may close it.
		#[pallet::constant]
		type MaxDuration: Get<BlockNumberFor<Self>>;

		/// The chain's governance (Root via sudo on dev chains, a council later): may cancel any
		/// project that has not been closed.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The chain's token, from which deposits are held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// What opening a project holds from the office admin account that opens it. Released
		/// when the project is cancelled, closed without ballots, or when its last ballot is
		/// reaped after the retention period.
		#[pallet::constant]
		type ProjectDeposit: Get<BalanceOf<Self>>;

		/// What opening an anonymous project holds, on top of `ProjectDeposit`, per resident in
		/// its scope (e.g. the storage of a 32-byte key and its share of its ring's records):
		/// its rings store a member key per eligible resident until `reap_ballots` forgets them,
		/// so the office that opens a ballot of 50,000 residents pays for what it stores.
		/// Counted when the project opens; released with the rest of the deposit.
		#[pallet::constant]
		type RingMemberDeposit: Get<BalanceOf<Self>>;

		/// What a bid holds from its provider. Released when the bid is withdrawn or disqualified,
		/// and when the project is closed or cancelled.
		#[pallet::constant]
		type BidDeposit: Get<BalanceOf<Self>>;

		/// The longest project title, in bytes.
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;

		/// The longest short description of a project, in bytes (the full text is off chain).
		#[pallet::constant]
		type MaxDescriptionLen: Get<u32>;

		/// The longest bid summary, in bytes (the full proposal is off chain).
		#[pallet::constant]
		type MaxBidSummaryLen: Get<u32>;

		/// The longest public reason for a cancellation or disqualification, in bytes.
		#[pallet::constant]
		type MaxReasonLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next project will get.
	#[pallet::storage]
	pub type NextProjectId<T> = StorageValue<_, ProjectId, ValueQuery>;

	/// Projects: rules, bids' prices, states and tallies, and the outcome. What a vote reads.
	#[pallet::storage]
	pub type Projects<T: Config> = StorageMap<_, Twox64Concat, ProjectId, ProjectOf<T>>;

	/// Projects' texts (title, description, document hash, linked survey), apart from
	/// [`Projects`] so that votes don't read them.
	#[pallet::storage]
	pub type ProjectDetails<T: Config> = StorageMap<_, Twox64Concat, ProjectId, DetailsOf<T>>;

	/// Bids as their providers submitted them (provider, summary, proposal hash, block), by
	/// project and index (at most `MaxBids` per project). Never changed after submission: a bid's
	/// price and standing are in its slot in [`Projects`].
	#[pallet::storage]
	pub type Bids<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, BidIndex, BidOf<T>>;

	/// The block each withdrawn bid was withdrawn in, by project and index. An entry is written
	/// exactly when the bid's slot becomes `Withdrawn` (withdrawing is final), so it exists if and
	/// only if the slot says `Withdrawn`.
	#[pallet::storage]
	pub type Withdrawals<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, BidIndex, BlockNumberFor<T>>;

	/// The office's public reason, and the block, for each disqualified bid, by project and
	/// index. An entry is written exactly when the bid's slot becomes `Disqualified` (final), so
	/// it exists if and only if the slot says `Disqualified`.
	#[pallet::storage]
	pub type Disqualifications<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, BidIndex, DisqualificationOf<T>>;

	/// Each provider's bid in a project: a provider bids once per project, and withdrawing is
	/// final.
	#[pallet::storage]
	pub type ProviderBids<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Blake2_128Concat, T::AccountId, BidIndex>;

	/// The deposits held for projects and bids: who paid, and how much. An entry exists exactly
	/// while its deposit is held.
	#[pallet::storage]
	pub type Deposits<T: Config> =
		StorageMap<_, Twox64Concat, DepositFor, (T::AccountId, BalanceOf<T>)>;

	/// Residents' ballots, by project and resident. Reaped in batches `RetentionPeriod` blocks
	/// after the project ends.
	#[pallet::storage]
	pub type Ballots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Twox64Concat, ResidentId, Ballot>;

	/// Anonymous ballots, by project and alias (the nullifier: one per resident and project).
	/// Reaped in batches `RetentionPeriod` blocks after the project ends, like [`Ballots`].
	#[pallet::storage]
	pub type AnonymousBallots<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProjectId, Blake2_128Concat, Alias, AnonymousBallot>;

	/// Each office's projects that are neither closed nor cancelled (at most
	/// `MaxOpenProjectsPerOffice`), in order of creation.
	#[pallet::storage]
	pub type OpenProjects<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OfficeId,
		BoundedVec<ProjectId, T::MaxOpenProjectsPerOffice>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An office opened a project.
		ProjectCreated {
			/// The new project.
			project: ProjectId,
			/// The buying office.
			office: OfficeId,
			/// The residents it is for.
			scope: Scope,
			/// The most a bid may ask.
			budget: Amount,
			/// Residents in scope now: the quorum's base.
			eligible: u32,
		},
		/// The office changed a project's rules before bidding opened.
		RulesUpdated {
			/// The project.
			project: ProjectId,
			/// The residents it is now for.
			scope: Scope,
			/// Residents in scope now: the quorum's new base.
			eligible: u32,
		},
		/// The office cancelled a project before bidding opened.
		ProjectCancelled {
			/// The project.
			project: ProjectId,
			/// The office's public reason.
			reason: ReasonOf<T>,
		},
		/// A provider submitted a bid.
		BidSubmitted {
			/// The project.
			project: ProjectId,
			/// The bid's index.
			bid: BidIndex,
			/// The provider.
			provider: T::AccountId,
			/// The price asked.
			price: Amount,
		},
		/// A provider withdrew its bid.
		BidWithdrawn {
			/// The project.
			project: ProjectId,
			/// The bid.
			bid: BidIndex,
			/// The provider.
			provider: T::AccountId,
		},
		/// The office disqualified a bid.
		BidDisqualified {
			/// The project.
			project: ProjectId,
			/// The bid.
			bid: BidIndex,
			/// The office's public reason.
			reason: ReasonOf<T>,
		},
		/// A resident cast or changed an open ballot.
		BallotCast {
			/// The project.
			project: ProjectId,
			/// The resident.
			resident: ResidentId,
			/// The bid chosen.
			bid: BidIndex,
			/// The bid chosen before, if this was a change.
			previous: Option<BidIndex>,
			/// Who submitted a resident-signed ballot, if it was relayed.
			relayer: Option<T::AccountId>,
		},
		/// A resident committed (or changed the commitment of) a secret ballot.
		BallotCommitted {
			/// The project.
			project: ProjectId,
			/// The resident.
			resident: ResidentId,
			/// The commitment.
			commitment: H256,
			/// Who submitted a resident-signed ballot, if it was relayed.
			relayer: Option<T::AccountId>,
		},
		/// A resident revealed a secret ballot; it now counts.
		BallotRevealed {
			/// The project.
			project: ProjectId,
			/// The resident.
			resident: ResidentId,
			/// The bid chosen.
			bid: BidIndex,
		},
		/// A project closed with a winner.
		ProjectAwarded {
			/// The project.
			project: ProjectId,
			/// The winning bid.
			bid: BidIndex,
			/// Its provider.
			provider: T::AccountId,
			/// Its price.
			price: Amount,
			/// Its counted ballots.
			votes: u32,
			/// All counted ballots.
			counted: u32,
		},
		/// A project closed without a winner.
		ProjectFailed {
			/// The project.
			project: ProjectId,
			/// Why.
			reason: FailureReason,
			/// All counted ballots.
			counted: u32,
			/// Residents in scope when the rules were set (the quorum's base).
			eligible: u32,
		},
		/// An anonymous ballot was cast or changed (匿名投票): under an alias, by a member of a
		/// ring, with no account.
		AnonymousBallotCast {
			/// The project.
			project: ProjectId,
			/// The ring its proof is for (its anonymity set: `Rings::ItemRings`).
			ring: u32,
			/// The voter's alias in this project.
			alias: Alias,
			/// The bid chosen.
			bid: BidIndex,
			/// The bid chosen before, if this was a change.
			previous: Option<BidIndex>,
		},
		/// Ballot records of an ended project were removed (tallies and outcome stay). In an
		/// anonymous project its rings' records go after them (pallet-rings' `RingsForgotten`).
		BallotsReaped {
			/// The project.
			project: ProjectId,
			/// How many were removed by this call.
			removed: u32,
			/// How many remain to be reaped.
			remaining: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No project has this id.
		UnknownProject,
		/// The scope names a community or office that doesn't exist or is retired.
		UnknownScope,
		/// Only the admin of the project's street office may do this.
		NotOfficeAdmin,
		/// The new scope belongs to another street office than the project's.
		ScopeOutsideOffice,
		/// No needs survey has this id.
		UnknownSurvey,
		/// The linked survey belongs to another street office.
		SurveyOutsideOffice,
		/// A project needs a title.
		EmptyTitle,
		/// The quorum is a percentage: at most 100.
		InvalidQuorum,
		/// Bidding can't start before the current block.
		BiddingStartsInPast,
		/// Bidding would open more than `MaxLeadTime` blocks ahead.
		StartsTooLate,
		/// From the opening of bidding to the end of voting (or revealing) is longer than
		/// `MaxDuration` blocks.
		ProjectTooLong,
		/// The resident is declared staff of a provider that bids in this project (回避): they
		/// may not vote in it.
		ConflictOfInterest,
		/// A relayed ballot's deadline must fall within the voting window.
		DeadlineAfterVoting,
		/// The account can't pay the deposit (`ProjectDeposit`, with `RingMemberDeposit` per
		/// resident in scope for an anonymous project, or `BidDeposit`).
		InsufficientDeposit,
		/// A window (bidding, voting or reveal) must hold at least one block.
		EmptyWindow,
		/// Voting must start no earlier than bidding ends.
		VotingBeforeBiddingEnds,
		/// The office already has `MaxOpenProjectsPerOffice` open projects; close or cancel one.
		TooManyOpenProjects,
		/// Project ids are exhausted.
		ProjectIdsExhausted,
		/// Bidding has opened: the rules are locked and the project can't be cancelled.
		RulesLocked,
		/// The project is already closed or cancelled.
		ProjectClosed,
		/// A public reason is required.
		ReasonRequired,
		/// The account is not a provider approved (and not suspended) in the project's office.
		NotApprovedProvider,
		/// The provider has overdue follow-ups or a poor rating, and may not bid now.
		NotInGoodStanding,
		/// Bids may be submitted or withdrawn only during the bidding window.
		BiddingNotOpen,
		/// The price is over the project's budget.
		PriceOverBudget,
		/// This provider has already bid in this project (withdrawing is final).
		AlreadyBid,
		/// The project already has `MaxBids` bids.
		TooManyBids,
		/// This provider has no bid in this project.
		NoBid,
		/// The bid was already withdrawn or disqualified.
		BidNotActive,
		/// The project has no bid with this index.
		UnknownBid,
		/// Voting has started: bids can no longer be disqualified.
		VotingStarted,
		/// The account is not a registered resident.
		NotResident,
		/// The resident is not in the project's scope, or was registered there only after the
		/// project was opened.
		NotEligible,
		/// Ballots may be cast only during the voting window.
		VotingNotOpen,
		/// This bid was withdrawn by its provider.
		BidWithdrawn,
		/// This bid was disqualified by the office.
		BidDisqualified,
		/// The ballot has already been changed `MaxVoteChanges` times.
		TooManyChanges,
		/// The ballot already says this.
		UnchangedBallot,
		/// This project's ballot is secret: commit during voting, then reveal.
		BallotIsSecret,
		/// This project's ballot is open: vote for a bid directly.
		BallotIsOpen,
		/// The signature is not the resident's over this ballot.
		BadSignature,
		/// The signed ballot's deadline has passed.
		SignatureExpired,
		/// The signed ballot was already used, or the resident has voted since signing it.
		StaleSequence,
		/// The signed ballot's sequence is ahead of the ballots the resident has cast.
		SequenceAhead,
		/// Commitments may be revealed only during the reveal window.
		RevealingNotOpen,
		/// The resident committed no ballot in this project.
		NoCommitment,
		/// The ballot was already revealed.
		AlreadyRevealed,
		/// The bid and salt don't match the commitment.
		CommitmentMismatch,
		/// Voting (or revealing) hasn't ended yet.
		TooEarly,
		/// The project hasn't ended (closed or cancelled), so its ballots stay.
		StillOpen,
		/// The retention period after the project ended hasn't passed.
		RetentionNotOver,
		/// The project has no ballot records left to reap (nor, if anonymous, ring records).
		NothingToReap,
		/// The batch size must be from 1 to `MaxReapBatch`.
		ReapLimitOutOfRange,
		/// This project's ballot is anonymous: cast it with `cast_anonymous_ballot`.
		BallotIsAnonymous,
		/// This project's ballot is not anonymous.
		NotAnonymous,
		/// An anonymous project's rules can't change (its rings were opened with them), and a
		/// project can't become anonymous: cancel it and open another.
		AnonymousRulesFixed,
		/// The project's rings are not fixed yet: anonymous ballots wait until they are.
		RingsNotReady,
		/// The project has no such ring.
		UnknownRing,
		/// The proof doesn't verify for this project, ring, bid and sequence number, or doesn't
		/// give the alias claimed: not a member's, or made for something else.
		BadProof,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxBids::get() > 0, "a project must accept at least one bid");
			assert!(
				T::MaxOpenProjectsPerOffice::get() > 0,
				"an office must be able to open at least one project"
			);
			assert!(!T::MaxLeadTime::get().is_zero(), "bidding must be able to open later");
			assert!(!T::MaxDuration::get().is_zero(), "a project needs time to run");
			assert!(T::MaxReapBatch::get() > 0, "reaping must make progress");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Open a procurement project.
		///
		/// Caller: the admin of the street office that `rules.scope` belongs to. Pays a fee.
		/// The quorum's base is `residents_in(scope)` now, and only residents registered before
		/// this block may vote.
		///
		/// - `title`, `description`: short UTF-8 texts; the title must not be empty.
		/// - `document`: hash of the full service description, published off chain.
		/// - `budget`: the most a bid may ask, in fen.
		/// - `survey`: the needs survey that motivated the project, if any (same office).
		/// - `rules`: scope, windows, method and quorum (see [`ProjectRules`]).
		///
		/// Fails with `UnknownScope`, `NotOfficeAdmin`, `EmptyTitle`, `UnknownSurvey`,
		/// `SurveyOutsideOffice`, `InvalidQuorum`, `BiddingStartsInPast`, `StartsTooLate`,
		/// `ProjectTooLong`, `EmptyWindow`, `VotingBeforeBiddingEnds`, `TooManyOpenProjects`,
		/// `InsufficientDeposit`. Holds `ProjectDeposit` from the caller, and for an anonymous
		/// project `RingMemberDeposit` more per resident in scope (its rings' member keys).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_project().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)).saturating_add(T::Rings::open_weight()))]
		pub fn create_project(
			origin: OriginFor<T>,
			title: BoundedVec<u8, T::MaxTitleLen>,
			description: BoundedVec<u8, T::MaxDescriptionLen>,
			document: H256,
			budget: Amount,
			survey: Option<SurveyId>,
			rules: ProjectRules<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_project(
				who,
				Details { title, description, document, survey },
				budget,
				rules,
			)
		}

		/// Replace a project's rules before bidding opens.
		///
		/// Caller: the admin of the project's office. Pays a fee. The project is re-opened: the
		/// quorum's base is re-counted in the new scope, and only residents registered before
		/// this block may vote. The scope must stay within the office.
		///
		/// Fails with `UnknownProject`, `NotOfficeAdmin`, `ProjectClosed`, `RulesLocked`,
		/// `UnknownScope`, `ScopeOutsideOffice`, `InvalidQuorum`, `BiddingStartsInPast`,
		/// `StartsTooLate`, `ProjectTooLong`, `EmptyWindow`, `VotingBeforeBiddingEnds`.
		#[pallet::call_index(1)]
		pub fn update_rules(
			origin: OriginFor<T>,
			project: ProjectId,
			rules: ProjectRules<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_rules(who, project, rules)
		}

		/// Cancel a project, with a public reason.
		///
		/// Caller: the admin of the project's office, before bidding opens; or the chain's admin
		/// origin, at any time before the project is closed. Pays a fee.
		///
		/// Fails with `UnknownProject`, `NotOfficeAdmin`, `ProjectClosed`, `RulesLocked`,
		/// `ReasonRequired`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_project().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(
				T::MaxBids::get().saturating_add(1),
			)))]
		pub fn cancel_project(
			origin: OriginFor<T>,
			project: ProjectId,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let who = match T::AdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_cancel_project(who, project, reason)
		}

		/// Submit a bid during the bidding window.
		///
		/// Caller: a provider approved in the project's office and in good standing, once per
		/// project. Pays a fee.
		///
		/// - `price`: in fen, at most the budget.
		/// - `summary`: short UTF-8 summary of the offer.
		/// - `proposal`: hash of the full proposal, published off chain.
		///
		/// Fails with `UnknownProject`, `BiddingNotOpen`, `NotApprovedProvider`,
		/// `NotInGoodStanding`, `AlreadyBid`, `PriceOverBudget`, `TooManyBids`,
		/// `InsufficientDeposit`. Holds `BidDeposit` from the provider.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit_bid().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn submit_bid(
			origin: OriginFor<T>,
			project: ProjectId,
			price: Amount,
			summary: BoundedVec<u8, T::MaxBidSummaryLen>,
			proposal: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_bid(who, project, price, summary, proposal)
		}

		/// Withdraw the caller's bid during the bidding window. Final: the provider can't bid in
		/// this project again.
		///
		/// Caller: the provider that bid. Pays a fee.
		///
		/// Fails with `UnknownProject`, `BiddingNotOpen`, `NoBid`, `BidNotActive`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::withdraw_bid().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn withdraw_bid(origin: OriginFor<T>, project: ProjectId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_bid(who, project)
		}

		/// Disqualify a bid before voting opens, with a public reason kept on chain.
		///
		/// Caller: the admin of the project's office. Pays a fee.
		///
		/// Fails with `UnknownProject`, `NotOfficeAdmin`, `ProjectClosed`, `VotingStarted`,
		/// `ReasonRequired`, `UnknownBid`, `BidNotActive`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::disqualify_bid().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn disqualify_bid(
			origin: OriginFor<T>,
			project: ProjectId,
			bid: BidIndex,
			reason: ReasonOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_disqualify_bid(who, project, bid, reason)
		}

		/// Cast, or change, an open ballot for bid `bid`.
		///
		/// Caller: a resident in the project's scope, registered before the project opened.
		/// Free when it will succeed (the fee is charged only for a failing call).
		///
		/// Fails with `NotResident`, `UnknownProject`, `BallotIsSecret`, `VotingNotOpen`,
		/// `NotEligible`, `ConflictOfInterest`, `UnknownBid`, `BidWithdrawn`, `BidDisqualified`,
		/// `TooManyChanges`, `UnchangedBallot`.
		#[pallet::call_index(6)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, project: &ProjectId, bid: &BidIndex| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_vote(&who, *project, *bid).is_ok())
		})]
		pub fn vote(origin: OriginFor<T>, project: ProjectId, bid: BidIndex) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_vote(who, project, bid)
		}

		/// Submit a ballot the resident signed off chain (an officer's device, a printed QR
		/// code). It counts exactly like the resident's own ballot; see the crate docs for the
		/// exact signed bytes.
		///
		/// Caller: anyone; pays the fee.
		///
		/// - `resident`: the resident's account, which signed.
		/// - `choice`: `Bid(index)` in an open ballot, `Commitment(hash)` in a secret one.
		/// - `sequence`: ballots the resident had cast in this project when signing.
		/// - `deadline`: the last block this ballot may be included in.
		/// - `signature`: the resident's signature over the payload.
		///
		/// Fails with `SignatureExpired`, `DeadlineAfterVoting` (the deadline must fall before the
		/// voting window ends), `BadSignature`, then as `vote` / `commit_vote`, with
		/// `StaleSequence` or `SequenceAhead` checked before `TooManyChanges` and
		/// `UnchangedBallot`.
		#[pallet::call_index(7)]
		pub fn vote_relayed(
			origin: OriginFor<T>,
			project: ProjectId,
			resident: T::AccountId,
			choice: Choice,
			sequence: u32,
			deadline: BlockNumberFor<T>,
			signature: T::OffchainSignature,
		) -> DispatchResult {
			let relayer = ensure_signed(origin)?;
			Self::do_vote_relayed(relayer, project, resident, choice, sequence, deadline, signature)
		}

		/// Commit, or change, a secret ballot: `commitment` is
		/// `blake2_256(SCALE((project, bid, salt, resident_id)))` (see the crate docs).
		///
		/// Caller: a resident in the project's scope, registered before the project opened.
		/// Free when it will succeed.
		///
		/// Fails with `NotResident`, `UnknownProject`, `BallotIsOpen`, `VotingNotOpen`,
		/// `NotEligible`, `ConflictOfInterest`, `TooManyChanges`, `UnchangedBallot`.
		#[pallet::call_index(8)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, project: &ProjectId, commitment: &H256| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_commit(&who, *project, *commitment).is_ok())
		})]
		pub fn commit_vote(
			origin: OriginFor<T>,
			project: ProjectId,
			commitment: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit_vote(who, project, commitment)
		}

		/// Reveal a secret ballot during the reveal window; it then counts for `bid`.
		///
		/// Caller: the resident who committed. Free when it will succeed.
		///
		/// Fails with `NotResident`, `UnknownProject`, `BallotIsOpen`, `RevealingNotOpen`,
		/// `NoCommitment`, `AlreadyRevealed`, `CommitmentMismatch`, `ConflictOfInterest`,
		/// `UnknownBid`, `BidWithdrawn`, `BidDisqualified`.
		#[pallet::call_index(9)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, project: &ProjectId, bid: &BidIndex, salt: &[u8; 32]| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_reveal(&who, *project, *bid, salt).is_ok())
		})]
		pub fn reveal_vote(
			origin: OriginFor<T>,
			project: ProjectId,
			bid: BidIndex,
			salt: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reveal_vote(who, project, bid, salt)
		}

		/// Count the ballots and record the outcome: the award, or why it failed. Final.
		///
		/// Caller: anyone, once voting (or, in secret mode, revealing) has ended. Pays a fee
		/// proportional to the number of bids, never to the number of voters.
		///
		/// Fails with `UnknownProject`, `TooEarly`, `ProjectClosed`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::close(T::MaxBids::get()).saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(
				T::MaxBids::get().saturating_add(1),
			)))]
		pub fn close(origin: OriginFor<T>, project: ProjectId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_close(project)
		}

		/// Cast, or change, an anonymous ballot (匿名投票) for bid `bid`: a transaction with no
		/// signer (a general transaction, authorized by its proof), so no account, nonce or fee
		/// appears; the resident's app, a relay or an officer may submit it. Valid (and so free)
		/// exactly when the proof verifies: an invalid one never enters a block.
		///
		/// - `ring`: the project ring whose members the proof is made with.
		/// - `seq`: 0 for the alias's first ballot, one more for each change (at most
		///   `MaxVoteChanges` changes); an earlier ballot's proof can't be replayed.
		/// - `alias`: the voter's alias in the project (the proof's output).
		/// - `proof`: the ring-VRF proof, by a member of ring `ring`, in the project's context
		///   (`gongzhi_primitives::anon::context(Procurement, genesis, project)`), over
		///   `anon::message(project, ring, bid, seq)`.
		///
		/// Refused (before a block, as `InvalidTransaction::Custom(i)` where `i` is the index of
		/// this pallet's error) with `UnknownProject`, `NotAnonymous`, `VotingNotOpen`,
		/// `UnknownBid`, `BidWithdrawn`, `BidDisqualified`, `StaleSequence`, `SequenceAhead`,
		/// `TooManyChanges`, `UnchangedBallot`, `RingsNotReady`, `UnknownRing`, `BadProof`.
		#[pallet::call_index(12)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_anonymous_ballot().saturating_add(T::Rings::verify_weight()))]
		#[pallet::authorize(Pallet::<T>::authorize_anonymous_ballot)]
		pub fn cast_anonymous_ballot(
			origin: OriginFor<T>,
			project: ProjectId,
			ring: u32,
			bid: BidIndex,
			seq: u32,
			alias: Alias,
			proof: BoundedVec<u8, ConstU32<MAX_PROOF_LEN>>,
		) -> DispatchResult {
			ensure_authorized(origin)?;
			let _ = proof; // verified when the transaction was authorized
			Self::do_cast_anonymous_ballot(project, ring, bid, seq, alias)
		}

		/// Remove up to `limit` (1..=`MaxReapBatch`) ballot records of a project that ended at
		/// least `RetentionPeriod` blocks ago; in an anonymous project, once its ballots are gone,
		/// the rest of `limit` removes its rings' records (pallet-rings' member pages and ring
		/// roots). Tallies, the outcome and the rings' summary stay. The project's deposit is
		/// released when nothing is left.
		///
		/// Caller: anyone. Pays for `limit` removals; refunded down to those actually removed.
		///
		/// Fails with `UnknownProject`, `ReapLimitOutOfRange`, `StillOpen`, `RetentionNotOver`,
		/// `NothingToReap`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reap_ballots(*limit)
			.saturating_add(T::Rings::forget_weight(*limit))
			.saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn reap_ballots(
			origin: OriginFor<T>,
			project: ProjectId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_ballots(project, limit)
		}
	}
}
