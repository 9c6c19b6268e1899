//! Records of procurement projects, bids and ballots, and the state machines they move through.
//!
//! A project's stored [`ProjectState`] changes only on explicit calls (`close`,
//! `cancel_project`); while it is [`ProjectState::Open`], the [`Phase`] it is in follows from the
//! current block and the windows of its [`ProjectRules`].

use crate::pallet::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::cmp::Ordering;
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	Amount, BidIndex, OfficeId, ProjectId, ResidentId, Scope, SurveyId, H256,
};
use scale_info::TypeInfo;

/// The context tag that opens the message of a relayed ballot (see the crate docs).
pub const BALLOT_CONTEXT: &[u8] = b"gongzhi/ballot/v1";

/// The commitment of a secret ballot: `blake2_256(SCALE((project, bid, salt, resident)))`, i.e.
/// the 4 + 4 + 32 + 4 = 44 bytes `project (u32 LE) ++ bid (u32 LE) ++ salt ++ resident (u32 LE)`
/// hashed with BLAKE2b-256. The resident id is inside so that nobody can copy another resident's
/// commitment and, once that resident's reveal has made the salt public, reveal it as their own.
pub fn ballot_commitment(
	project: ProjectId,
	bid: BidIndex,
	salt: &[u8; 32],
	resident: ResidentId,
) -> H256 {
	H256(sp_io::hashing::blake2_256(&(project, bid, salt, resident).encode()))
}

/// A window of blocks, `start` included and `end` excluded.
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
pub struct Window<BlockNumber> {
	/// The first block of the window.
	pub start: BlockNumber,
	/// The first block after the window.
	pub end: BlockNumber,
}

impl<BlockNumber: PartialOrd> Window<BlockNumber> {
	/// Whether the window holds no block at all.
	pub fn is_empty(&self) -> bool {
		self.end <= self.start
	}
}

/// How residents vote in a project; chosen when the project is opened.
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
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum VotingMethod<BlockNumber> {
	/// Ballots name a bid and count as soon as they are cast; the running tally is public.
	Open,
	/// Ballots are commitments (see [`ballot_commitment`]) during the voting window, revealed
	/// from the end of the voting window until `reveal_end` (excluded). Only revealed ballots
	/// count, and the tally views show no counts until `reveal_end`.
	Secret {
		/// The first block after the reveal window.
		reveal_end: BlockNumber,
	},
	/// Anonymous ballots (匿名投票, issue 19): a ballot is a ring-VRF proof that its sender holds
	/// a member key of one of the project's rings, cast under the resident's per-project alias
	/// ([`Pallet::cast_anonymous_ballot`](crate::Pallet::cast_anonymous_ballot)). Nobody can tell
	/// which resident cast which ballot, or whether a resident voted. Ballots count as cast and
	/// the running tally is public. The members are the residents in scope registered, with a
	/// member key, before the project was opened; the rules can't change after creation.
	Anonymous,
}

/// The rules of a project's ballot. They are locked from the first block of bidding on: nothing
/// about the count can change once providers and residents start to act.
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
pub struct ProjectRules<BlockNumber> {
	/// The residents the service is for, who vote; must belong to the project's office.
	pub scope: Scope,
	/// When approved providers may submit (and withdraw) bids.
	pub bidding: Window<BlockNumber>,
	/// When eligible residents vote (or commit, in secret mode). Starts no earlier than bidding
	/// ends; the office may disqualify bids until it starts.
	pub voting: Window<BlockNumber>,
	/// Open or secret ballot (with its reveal window).
	pub method: VotingMethod<BlockNumber>,
	/// The share of the scope's residents (counted when the rules were set) that must have a
	/// counted ballot for the project to be awarded, in percent (0..=100).
	pub quorum_percent: u8,
}

impl<BlockNumber: Copy + PartialOrd> ProjectRules<BlockNumber> {
	/// The first block after the last ballot action: the end of voting (open) or of revealing
	/// (secret). From this block on the project may be closed.
	pub fn ballot_end(&self) -> BlockNumber {
		match self.method {
			VotingMethod::Open | VotingMethod::Anonymous => self.voting.end,
			VotingMethod::Secret { reveal_end } => reveal_end,
		}
	}

	/// Whether ballots are anonymous (ring-VRF proofs under aliases).
	pub fn is_anonymous(&self) -> bool {
		matches!(self.method, VotingMethod::Anonymous)
	}

	/// Whether ballots are secret (commit, then reveal).
	pub fn is_secret(&self) -> bool {
		matches!(self.method, VotingMethod::Secret { .. })
	}
}

/// Where a project stands. The first six follow from the block number while the project is
/// open; the last three are its stored outcomes.
///
/// ```text
/// Scheduled ─▶ Bidding ─▶ Review ─▶ Voting ─▶ [Revealing] ─▶ AwaitingClose ─close─▶ Awarded | Failed
///     └──────cancel_project──────▶ Cancelled
/// ```
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
pub enum Phase {
	/// Before bidding opens: the office may still change the rules or cancel.
	Scheduled,
	/// Providers submit and withdraw bids; the office may disqualify bids.
	Bidding,
	/// Between bidding and voting (possibly empty): the office reviews, and may disqualify, bids.
	Review,
	/// Eligible residents cast (and may change) their ballots or commitments.
	Voting,
	/// Secret mode only: residents reveal their commitments.
	Revealing,
	/// Every window has passed; anyone may close the project.
	AwaitingClose,
	/// Closed with a winner.
	Awarded,
	/// Closed without a winner.
	Failed,
	/// Cancelled by the office before bidding opened.
	Cancelled,
}

/// Why a closed project has no winner.
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
pub enum FailureReason {
	/// No bid was left standing: none was submitted, or all were withdrawn or disqualified.
	NoValidBids,
	/// Fewer counted ballots than the quorum requires.
	QuorumNotMet,
	/// Not a single ballot counted (possible only with a 0% quorum or an empty scope): a ballot
	/// nobody voted in awards nothing.
	NoVotes,
}

/// The stored state of a project; see [`Phase`] for the phases of an open project.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub enum ProjectState<T: Config> {
	/// Not closed or cancelled (yet): the phase follows from the block number.
	Open,
	/// Closed with a winner; final.
	Awarded {
		/// The winning bid.
		bid: BidIndex,
		/// The provider that submitted it.
		provider: T::AccountId,
		/// Its price.
		price: Amount,
		/// The ballots it received.
		votes: u32,
		/// The block the project was closed in.
		closed_at: BlockNumberFor<T>,
	},
	/// Closed without a winner; final.
	Failed {
		/// Why.
		reason: FailureReason,
		/// The block the project was closed in.
		closed_at: BlockNumberFor<T>,
	},
	/// Cancelled by the office before bidding opened; final.
	Cancelled {
		/// The office's public reason.
		reason: BoundedVec<u8, T::MaxReasonLen>,
		/// The block the project was cancelled in.
		cancelled_at: BlockNumberFor<T>,
	},
}

impl<T: Config> ProjectState<T> {
	/// When the project left the `Open` state, if it has.
	pub fn ended_at(&self) -> Option<BlockNumberFor<T>> {
		match self {
			Self::Open => None,
			Self::Awarded { closed_at, .. } | Self::Failed { closed_at, .. } => Some(*closed_at),
			Self::Cancelled { cancelled_at, .. } => Some(*cancelled_at),
		}
	}
}

/// Whether a bid still stands.
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
pub enum BidState {
	/// Standing: residents may vote for it.
	Active,
	/// Withdrawn by its provider during bidding; when is in [`Withdrawals`](crate::Withdrawals).
	Withdrawn,
	/// Disqualified by the office before voting; why and when is in
	/// [`Disqualifications`](crate::Disqualifications).
	Disqualified,
}

/// What a ballot and the count need to know about a bid, kept inside the project record so that
/// a vote reads and writes one project record only. The only stored copy of a bid's price and
/// standing: the full [`Bid`] record holds neither.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BidSlot {
	/// The bid's price (ties go to the lower price).
	pub price: Amount,
	/// Whether it still stands.
	pub state: BidState,
	/// Counted ballots for it.
	pub votes: u32,
}

/// A procurement project as ballots and the count see it. Titles and texts live apart, in
/// [`Details`], so that this record — read and written by every vote — stays small.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Project<T: Config> {
	/// The street office that buys the service.
	pub office: OfficeId,
	/// The most the office will pay; no bid may ask more.
	pub budget: Amount,
	/// Scope, windows, method and quorum.
	pub rules: ProjectRules<BlockNumberFor<T>>,
	/// When the rules were set (creation, or the last `update_rules`). Only residents registered
	/// in their community strictly before this block may vote.
	pub opened_at: BlockNumberFor<T>,
	/// How many residents the scope held at `opened_at`: the base of the quorum.
	pub eligible: u32,
	/// The bids, by index, with their running tallies.
	pub bids: BoundedVec<BidSlot, T::MaxBids>,
	/// How many ballot records residents have created (one per resident; changes don't count).
	pub ballots: u32,
	/// How many of those have been reaped since the project ended.
	pub reaped: u32,
	/// Open, or how it ended.
	pub state: ProjectState<T>,
}

impl<T: Config> Project<T> {
	/// The phase the project is in at block `now`.
	pub fn phase(&self, now: BlockNumberFor<T>) -> Phase {
		match self.state {
			ProjectState::Awarded { .. } => return Phase::Awarded,
			ProjectState::Failed { .. } => return Phase::Failed,
			ProjectState::Cancelled { .. } => return Phase::Cancelled,
			ProjectState::Open => {},
		}
		let rules = &self.rules;
		if now < rules.bidding.start {
			Phase::Scheduled
		} else if now < rules.bidding.end {
			Phase::Bidding
		} else if now < rules.voting.start {
			Phase::Review
		} else if now < rules.voting.end {
			Phase::Voting
		} else if now < rules.ballot_end() {
			Phase::Revealing
		} else {
			Phase::AwaitingClose
		}
	}

	/// Counted ballots: the sum of the bids' tallies (saturating; it can't exceed the number of
	/// residents, a `u32`).
	pub fn counted(&self) -> u32 {
		self.bids.iter().fold(0u32, |sum, slot| sum.saturating_add(slot.votes))
	}

	/// Whether the tallies may be shown at block `now`: always for an open ballot; for a secret
	/// one, once revealing has ended or the project is closed.
	pub fn tally_visible(&self, now: BlockNumberFor<T>) -> bool {
		!self.rules.is_secret()
			|| !matches!(self.state, ProjectState::Open)
			|| now >= self.rules.ballot_end()
	}

	/// Whether `counted` ballots meet the quorum: `counted × 100 ≥ quorum_percent × eligible`
	/// (in `u64`, which can't overflow), i.e. at least ⌈quorum% of eligible⌉ ballots.
	pub fn quorum_met(&self, counted: u32) -> bool {
		u64::from(counted) * 100 >= u64::from(self.rules.quorum_percent) * u64::from(self.eligible)
	}

	/// The count: the standing bid with the most votes, ties going to the lower price, then to
	/// the earlier bid; or why there is no winner. O(bids).
	pub fn count(&self) -> Result<(BidIndex, BidSlot), FailureReason> {
		let mut best: Option<(usize, &BidSlot)> = None;
		for (index, slot) in self.bids.iter().enumerate() {
			if slot.state != BidState::Active {
				continue;
			}
			// Bids are visited in index order and only a strictly better bid replaces the best
			// so far, so the earlier bid wins a full tie.
			let better = match best {
				None => true,
				Some((_, current)) => match slot.votes.cmp(&current.votes) {
					Ordering::Greater => true,
					Ordering::Equal => slot.price < current.price,
					Ordering::Less => false,
				},
			};
			if better {
				best = Some((index, slot));
			}
		}
		let (index, winner) = best.ok_or(FailureReason::NoValidBids)?;
		let counted = self.counted();
		if !self.quorum_met(counted) {
			return Err(FailureReason::QuorumNotMet);
		}
		if counted == 0 {
			return Err(FailureReason::NoVotes);
		}
		// `index < MaxBids: u32`, so the conversion never saturates.
		Ok((BidIndex::try_from(index).unwrap_or(BidIndex::MAX), *winner))
	}
}

/// What residents read about a project before they vote; stored apart from [`Project`].
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Details<T: Config> {
	/// Short title (UTF-8).
	pub title: BoundedVec<u8, T::MaxTitleLen>,
	/// Short description of the service (UTF-8).
	pub description: BoundedVec<u8, T::MaxDescriptionLen>,
	/// Hash of the full service description document, published off chain.
	pub document: H256,
	/// The needs survey that motivated the project, if any.
	pub survey: Option<SurveyId>,
}

/// What a deposit is held for.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DepositFor {
	/// A project.
	Project(ProjectId),
	/// A bid (project, bid index).
	Bid(ProjectId, BidIndex),
}

/// An amount of the chain's token, as the pallet's `Currency` counts it.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// Why and when the office disqualified a bid: stored in
/// [`Disqualifications`](crate::Disqualifications), written exactly when the bid's
/// [`BidSlot`] becomes [`BidState::Disqualified`] (and never otherwise), so the slot stays the one
/// record of *whether* a bid stands and this one holds only what the slot doesn't.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Disqualification<T: Config> {
	/// The office's public reason (never empty).
	pub reason: BoundedVec<u8, T::MaxReasonLen>,
	/// The block the bid was disqualified in.
	pub at: BlockNumberFor<T>,
}

/// A provider's bid: what the provider submitted, which never changes. Its price, whether it
/// still stands and its tally live in the project's [`BidSlot`] (the one place a vote and the
/// count read); when it was withdrawn is in [`Withdrawals`](crate::Withdrawals), why and when it
/// was disqualified in [`Disqualifications`](crate::Disqualifications).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct Bid<T: Config> {
	/// The provider that submitted it.
	pub provider: T::AccountId,
	/// Short summary of the offer (UTF-8).
	pub summary: BoundedVec<u8, T::MaxBidSummaryLen>,
	/// Hash of the full proposal document, published off chain.
	pub proposal: H256,
	/// When it was submitted.
	pub submitted_at: BlockNumberFor<T>,
}

/// What a resident chooses in a ballot call.
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
pub enum Choice {
	/// A bid, in an open ballot.
	Bid(BidIndex),
	/// A commitment ([`ballot_commitment`]), in a secret ballot.
	Commitment(H256),
}

/// What a stored ballot holds.
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
pub enum BallotChoice {
	/// Open ballot: the bid chosen; counted.
	Bid(BidIndex),
	/// Secret ballot, not revealed (yet): the commitment; not counted.
	Committed(H256),
	/// Secret ballot, revealed: the bid chosen; counted.
	Revealed(BidIndex),
}

impl BallotChoice {
	/// Whether this ballot counts for a bid, and which.
	pub fn counted_bid(&self) -> Option<BidIndex> {
		match self {
			Self::Bid(bid) | Self::Revealed(bid) => Some(*bid),
			Self::Committed(_) => None,
		}
	}

	/// Whether casting `choice` would leave this ballot as it is.
	pub fn is_same(&self, choice: &Choice) -> bool {
		match (self, choice) {
			(Self::Bid(a), Choice::Bid(b)) => a == b,
			(Self::Committed(a), Choice::Commitment(b)) => a == b,
			_ => false,
		}
	}
}

/// An anonymous ballot in one project, under its alias.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AnonymousBallot {
	/// The bid chosen.
	pub bid: BidIndex,
	/// The ballot's sequence number: 0 for the first, one more for each change. The next one
	/// must carry `seq + 1`, so an earlier (public) proof can't be replayed.
	pub seq: u32,
}

/// A resident's ballot in one project.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Ballot {
	/// The choice, or the commitment.
	pub choice: BallotChoice,
	/// How many times the resident has changed it (0 after the first ballot).
	pub changes: u32,
}

impl Ballot {
	/// The `sequence` a relayed ballot replacing this one must carry: the number of ballots the
	/// resident has cast so far (saturating; bounded by `MaxVoteChanges + 1` anyway).
	pub fn next_sequence(&self) -> u32 {
		self.changes.saturating_add(1)
	}
}

// ----- Views (what the runtime API returns; JSON through the node's `gongzhi_*` RPC) -----

/// A project as a resident or a clerk reads it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProjectInfo<BlockNumber> {
	/// The project.
	pub project: ProjectId,
	/// The buying street office.
	pub office: OfficeId,
	/// The residents it is for, who vote.
	pub scope: Scope,
	/// Title.
	pub title: alloc::string::String,
	/// Short description.
	pub description: alloc::string::String,
	/// Hash of the full description document.
	pub document: H256,
	/// The linked needs survey, if any.
	pub survey: Option<SurveyId>,
	/// The most a bid may ask.
	pub budget: Amount,
	/// The bidding window.
	pub bidding: Window<BlockNumber>,
	/// The voting window.
	pub voting: Window<BlockNumber>,
	/// Open or secret ballot.
	pub method: VotingMethod<BlockNumber>,
	/// Quorum, in percent of `eligible`.
	pub quorum_percent: u8,
	/// When the rules were set; voters must have been registered before this block.
	pub opened_at: BlockNumber,
	/// Residents in scope at `opened_at`.
	pub eligible: u32,
	/// The phase at the block the view was read in.
	pub phase: Phase,
}

/// One bid's line in [`ProjectTally`].
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct BidTally {
	/// The bid.
	pub bid: BidIndex,
	/// Its price.
	pub price: Amount,
	/// Whether it stands.
	pub state: BidState,
	/// Its counted ballots; `None` while a secret ballot's count is hidden.
	pub votes: Option<u32>,
}

/// The running (or final) count of a project.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProjectTally {
	/// The project.
	pub project: ProjectId,
	/// Its phase now.
	pub phase: Phase,
	/// Whether ballots are secret.
	pub secret: bool,
	/// Residents in scope when the rules were set (the quorum's base).
	pub eligible: u32,
	/// Quorum, in percent.
	pub quorum_percent: u8,
	/// Residents who have cast a ballot (or, in secret mode, a commitment). Turnout is public.
	pub ballots: u32,
	/// Counted ballots; `None` while a secret ballot's count is hidden.
	pub counted: Option<u32>,
	/// The bids, by index.
	pub bids: alloc::vec::Vec<BidTally>,
}

/// How a project ended, or the phase it is in.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum ProjectOutcome<AccountId, BlockNumber> {
	/// Not closed yet.
	Pending {
		/// The phase now.
		phase: Phase,
	},
	/// Awarded to `provider`'s bid `bid`.
	Awarded {
		/// The winning bid.
		bid: BidIndex,
		/// Its provider.
		provider: AccountId,
		/// Its price.
		price: Amount,
		/// Its counted ballots.
		votes: u32,
		/// When the project was closed.
		closed_at: BlockNumber,
	},
	/// Closed without a winner.
	Failed {
		/// Why.
		reason: FailureReason,
		/// When the project was closed.
		closed_at: BlockNumber,
	},
	/// Cancelled before bidding.
	Cancelled {
		/// The office's reason.
		reason: alloc::string::String,
		/// When.
		cancelled_at: BlockNumber,
	},
}

/// A resident's receipt for their ballot: what the chain holds for them, and the storage key a
/// light client asks a proof for (`state_getReadProof([storageKey])`) to check it independently.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct BallotReceipt {
	/// The project.
	pub project: ProjectId,
	/// The resident.
	pub resident: ResidentId,
	/// The bid chosen, or the commitment (revealed or not).
	pub choice: BallotChoice,
	/// How many times the ballot was changed.
	pub changes: u32,
	/// The `sequence` the resident's next relayed ballot in this project must carry.
	pub next_sequence: u32,
	/// Whether it counts now (open ballots always; secret ones once revealed).
	pub counted: bool,
	/// The full storage key of the ballot record (`Procurement::Ballots(project, resident)`),
	/// to ask a light client for a proof of it (hex in JSON).
	#[cfg_attr(feature = "std", serde(with = "sp_core::bytes"))]
	pub storage_key: alloc::vec::Vec<u8>,
}
