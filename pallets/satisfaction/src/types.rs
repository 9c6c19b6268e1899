//! Records of pallet-satisfaction and their state machines: a [`Rating`] with its
//! [`RatingStatus`] (the appeal's life), a follow-up [`Case`] with its [`CaseState`], the
//! incremental [`Scorecard`] kept per provider and per programme, and the view types the runtime
//! API returns.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use gongzhi_primitives::{OfficeId, ProgrammeId, RedemptionId, ResidentId, H256};
use scale_info::TypeInfo;
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};

/// A satisfaction score: 1 非常不满意 (very dissatisfied), 2 不满意 (dissatisfied), 3 基本满意
/// (neutral), 4 满意 (satisfied), 5 非常满意 (very satisfied).
pub type Score = u8;

/// The lowest valid score.
pub const MIN_SCORE: Score = 1;
/// The highest valid score.
pub const MAX_SCORE: Score = 5;
/// Scores up to and including this one are bad ratings (差评): each opens a follow-up case.
pub const BAD_SCORE_MAX: Score = 2;

/// A follow-up case (差评整改) is identified by the redemption whose bad rating opened it: each
/// redemption is rated at most once and each bad rating opens exactly one case, so the ids match
/// one to one and a case needs no counter of its own.
pub type CaseId = RedemptionId;

/// Whether `score` is a valid score (1..=5).
pub fn is_valid_score(score: Score) -> bool {
	(MIN_SCORE..=MAX_SCORE).contains(&score)
}

/// Whether `score` is a bad rating (差评), which opens a follow-up case.
pub fn is_bad_score(score: Score) -> bool {
	score <= BAD_SCORE_MAX
}

/// Where an appeal against a rating stands.
///
/// ```text
/// Counted ──appeal──► UnderAppeal ──uphold──► AppealUpheld   (out of the scorecards)
///                                  └─reject──► AppealRejected (still counted)
/// ```
/// A rating can be appealed once: `AppealUpheld` and `AppealRejected` are final.
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
pub enum RatingStatus<BlockNumber> {
	/// Counted in the scorecards, never appealed.
	Counted,
	/// The provider has appealed; the rating still counts until the office decides.
	UnderAppeal {
		/// Hash of the provider's reasons, kept off chain.
		reason: H256,
		/// When the appeal was lodged.
		lodged_at: BlockNumber,
	},
	/// The office upheld the appeal: the rating no longer counts in any scorecard, but stays
	/// stored and visible with this status.
	AppealUpheld {
		/// Hash of the provider's reasons.
		reason: H256,
		/// When the office decided.
		decided_at: BlockNumber,
	},
	/// The office rejected the appeal: the rating keeps counting.
	AppealRejected {
		/// Hash of the provider's reasons.
		reason: H256,
		/// When the office decided.
		decided_at: BlockNumber,
	},
}

impl<BlockNumber> RatingStatus<BlockNumber> {
	/// Whether a rating with this status counts in the scorecards (all but an upheld appeal).
	pub fn is_counted(&self) -> bool {
		!matches!(self, Self::AppealUpheld { .. })
	}
}

/// One resident's rating of one confirmed redemption. Stored under the redemption's id.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Rating<AccountId, BlockNumber> {
	/// The resident who rated (their stable resident number, whatever account they use).
	pub resident: ResidentId,
	/// The provider who served them.
	pub provider: AccountId,
	/// The voucher programme of the redemption.
	pub programme: ProgrammeId,
	/// The office that runs the programme, which decides appeals and closes cases.
	pub office: OfficeId,
	/// The score, 1..=5.
	pub score: Score,
	/// Hash of the resident's comment, if they wrote one (the text stays off chain).
	pub comment: Option<H256>,
	/// When the rating was given.
	pub rated_at: BlockNumber,
	/// Where an appeal against it stands.
	pub status: RatingStatus<BlockNumber>,
}

/// The provider's answer to a follow-up case.
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
pub struct CaseResponse<BlockNumber> {
	/// Hash of the response document (what was done about the complaint), kept off chain.
	pub hash: H256,
	/// When the provider responded.
	pub at: BlockNumber,
}

/// Where a follow-up case (差评整改) stands.
///
/// ```text
///            respond (by deadline)            close
///   Open ───────────────────────► Responded ───────► Rectified | Dismissed
///    │  └──────────────────────── close ───────────► Rectified | Dismissed
///    │ deadline passed: mark_overdue, or a late respond / close / upheld appeal
///    ▼                                               close
///   Overdue (a late response is still recorded) ───► Rectified | Dismissed  (late = true)
/// ```
/// An `Open` case past its deadline is overdue even before anyone marks it: the provider's
/// standing sees it at once (see the crate docs). Only the office's closing ends an overdue
/// case; a late response alone does not.
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
pub enum CaseState<BlockNumber> {
	/// Waiting for the provider's response until the case's deadline.
	Open,
	/// The provider responded in time; waiting for the office to close it.
	Responded {
		/// The provider's response.
		response: CaseResponse<BlockNumber>,
	},
	/// The deadline passed without a response. Counts against the provider's standing until the
	/// office closes the case.
	Overdue {
		/// When the case was found overdue (marked, or acted on after its deadline).
		since: BlockNumber,
		/// The provider's late response, if it has come since.
		response: Option<CaseResponse<BlockNumber>>,
	},
	/// The office found the complaint rectified (整改完成).
	Rectified {
		/// When the office closed the case.
		closed_at: BlockNumber,
		/// Whether the case had gone overdue first.
		late: bool,
		/// The provider's response, if there was one (in time, or late).
		response: Option<CaseResponse<BlockNumber>>,
	},
	/// The office dismissed the complaint (or upheld the provider's appeal against the rating).
	Dismissed {
		/// When the case was closed.
		closed_at: BlockNumber,
		/// Whether the case had gone overdue first.
		late: bool,
		/// The provider's response, if there was one (in time, or late).
		response: Option<CaseResponse<BlockNumber>>,
	},
}

impl<BlockNumber: Copy> CaseState<BlockNumber> {
	/// The provider's response, if they have given it: never while `Open`, always once
	/// `Responded`, either way in the later states.
	pub fn response(&self) -> Option<CaseResponse<BlockNumber>> {
		match self {
			Self::Open => None,
			Self::Responded { response } => Some(*response),
			Self::Overdue { response, .. }
			| Self::Rectified { response, .. }
			| Self::Dismissed { response, .. } => *response,
		}
	}

	/// Whether the office has closed the case (`Rectified` or `Dismissed`).
	pub fn is_closed(&self) -> bool {
		matches!(self, Self::Rectified { .. } | Self::Dismissed { .. })
	}

	/// Whether the case went overdue at some point (it is, or it was closed after being).
	pub fn is_late(&self) -> bool {
		match self {
			Self::Overdue { .. } => true,
			Self::Rectified { late, .. } | Self::Dismissed { late, .. } => *late,
			Self::Open | Self::Responded { .. } => false,
		}
	}
}

/// A follow-up case opened by a bad rating. Stored under its [`CaseId`] (the redemption id);
/// it copies what its transitions need from the rating so that each call reads one record.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Case<AccountId, BlockNumber> {
	/// The provider who must respond.
	pub provider: AccountId,
	/// The voucher programme of the rated redemption.
	pub programme: ProgrammeId,
	/// The office that closes the case.
	pub office: OfficeId,
	/// When the bad rating opened the case.
	pub opened_at: BlockNumber,
	/// The last block at which a response is on time.
	pub deadline: BlockNumber,
	/// Where the case stands, with the provider's response once given (set once; it may come
	/// late or never).
	pub state: CaseState<BlockNumber>,
}

/// How the office closes a follow-up case.
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
pub enum CaseOutcome {
	/// The complaint was dealt with (整改完成).
	Rectified,
	/// The complaint was unfounded or cannot be acted on.
	Dismissed,
}

/// The office's decision on a provider's appeal against a rating.
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
pub enum AppealDecision {
	/// The rating was malicious or mistaken: it leaves the scorecards (and its follow-up case, if
	/// still open, is dismissed).
	Uphold,
	/// The rating stands and keeps counting.
	Reject,
}

/// Aggregates of the ratings and cases of one provider or one programme, updated with each
/// rating, case transition and appeal decision, never recomputed by iterating.
///
/// Counters saturate rather than overflow: each counts ratings or cases, one per redemption, far
/// below `u32::MAX`; each decrement follows the increment of the same rating or case, so none
/// reaches below zero (`try_state` proves both against the stored records).
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Scorecard {
	/// Ratings that count (all but those taken out by an upheld appeal).
	pub count: u32,
	/// Sum of the scores that count.
	pub sum: u64,
	/// Counted ratings per score: `histogram[0]` holds the 1s, …, `histogram[4]` the 5s.
	pub histogram: [u32; 5],
	/// Counted bad ratings (scores ≤ 2).
	pub bad: u32,
	/// Cases now `Open`.
	pub cases_open: u32,
	/// Cases now `Responded`.
	pub cases_responded: u32,
	/// Cases now `Overdue`.
	pub cases_overdue: u32,
	/// Cases closed as `Rectified`.
	pub cases_rectified: u32,
	/// Cases closed as `Dismissed`.
	pub cases_dismissed: u32,
	/// Cases that ever went overdue (now overdue, or closed after being).
	pub cases_late: u32,
	/// Blocks from opening to closing, summed over the `Rectified` cases (for an average).
	pub rectify_blocks: u64,
	/// Ratings taken out of the scorecards by an upheld appeal.
	pub appeals_upheld: u32,
}

impl Scorecard {
	/// Adds `other`'s counts to these, field by field (saturating: counts of one chain's
	/// ratings, far below the bounds).
	pub fn merge(&mut self, other: &Scorecard) {
		self.count = self.count.saturating_add(other.count);
		self.sum = self.sum.saturating_add(other.sum);
		for (mine, theirs) in self.histogram.iter_mut().zip(other.histogram.iter()) {
			*mine = mine.saturating_add(*theirs);
		}
		self.bad = self.bad.saturating_add(other.bad);
		self.cases_open = self.cases_open.saturating_add(other.cases_open);
		self.cases_responded = self.cases_responded.saturating_add(other.cases_responded);
		self.cases_overdue = self.cases_overdue.saturating_add(other.cases_overdue);
		self.cases_rectified = self.cases_rectified.saturating_add(other.cases_rectified);
		self.cases_dismissed = self.cases_dismissed.saturating_add(other.cases_dismissed);
		self.cases_late = self.cases_late.saturating_add(other.cases_late);
		self.rectify_blocks = self.rectify_blocks.saturating_add(other.rectify_blocks);
		self.appeals_upheld = self.appeals_upheld.saturating_add(other.appeals_upheld);
	}

	/// Counts a rating of `score` (1..=5; anything else is ignored, as it can't be stored).
	pub fn add_rating(&mut self, score: Score) {
		let Some(bucket) = self.bucket(score) else {
			return;
		};
		*bucket = bucket.saturating_add(1);
		self.count = self.count.saturating_add(1);
		self.sum = self.sum.saturating_add(u64::from(score));
		if is_bad_score(score) {
			self.bad = self.bad.saturating_add(1);
		}
	}

	/// Takes a counted rating of `score` out (an upheld appeal) and records the upheld appeal.
	pub fn remove_rating(&mut self, score: Score) {
		let Some(bucket) = self.bucket(score) else {
			return;
		};
		*bucket = bucket.saturating_sub(1);
		self.count = self.count.saturating_sub(1);
		self.sum = self.sum.saturating_sub(u64::from(score));
		if is_bad_score(score) {
			self.bad = self.bad.saturating_sub(1);
		}
		self.appeals_upheld = self.appeals_upheld.saturating_add(1);
	}

	fn bucket(&mut self, score: Score) -> Option<&mut u32> {
		if !is_valid_score(score) {
			return None;
		}
		self.histogram.get_mut(usize::from(score.saturating_sub(MIN_SCORE)))
	}

	fn state_counter<B>(&mut self, state: &CaseState<B>) -> &mut u32 {
		match state {
			CaseState::Open => &mut self.cases_open,
			CaseState::Responded { .. } => &mut self.cases_responded,
			CaseState::Overdue { .. } => &mut self.cases_overdue,
			CaseState::Rectified { .. } => &mut self.cases_rectified,
			CaseState::Dismissed { .. } => &mut self.cases_dismissed,
		}
	}

	/// Records a case moving from `from` (`None` for a new case) to `to`: the case leaves one
	/// state's counter and joins another's; going overdue counts it as late; being rectified
	/// adds the blocks it took since `opened_at`.
	pub fn case_moved<B: Copy + Saturating + UniqueSaturatedInto<u64>>(
		&mut self,
		from: Option<&CaseState<B>>,
		to: &CaseState<B>,
		opened_at: B,
	) {
		if let Some(from) = from {
			let counter = self.state_counter(from);
			*counter = counter.saturating_sub(1);
		}
		let counter = self.state_counter(to);
		*counter = counter.saturating_add(1);
		match to {
			CaseState::Overdue { .. } => self.cases_late = self.cases_late.saturating_add(1),
			CaseState::Rectified { closed_at, .. } => {
				let taken: u64 = closed_at.saturating_sub(opened_at).unique_saturated_into();
				self.rectify_blocks = self.rectify_blocks.saturating_add(taken);
			},
			_ => {},
		}
	}

	/// The average counted score ×100 (e.g. 437 = 4.37), or 0 without counted ratings.
	pub fn average_x100(&self) -> u32 {
		// sum ≤ 5·u32::MAX, so sum·100 fits in a u64 and the average (≤ 500) in a u32.
		self.sum
			.saturating_mul(100)
			.checked_div(u64::from(self.count))
			.map_or(0, |avg| avg.unique_saturated_into())
	}

	/// The average number of blocks a rectified case took, or 0 if none was rectified.
	pub fn average_rectify_blocks(&self) -> u64 {
		self.rectify_blocks.checked_div(u64::from(self.cases_rectified)).unwrap_or(0)
	}

	/// Whether the average is below `floor_x100` over at least `min_ratings` counted ratings
	/// (never with no ratings at all). Compares `sum·100 < floor·count`, without division.
	pub fn below_floor(&self, floor_x100: u32, min_ratings: u32) -> bool {
		self.count > 0
			&& self.count >= min_ratings
			&& self.sum.saturating_mul(100)
				< u64::from(floor_x100).saturating_mul(u64::from(self.count))
	}
}

/// What `reap_ratings` found to do: the ratings it may remove among those it looked at, and
/// where the next call goes on (`None`: from the start).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ReapBatch {
	/// The ratings to remove (settled, no case pending).
	pub reapable: alloc::vec::Vec<RedemptionId>,
	/// How many ratings were looked at (at most the call's `limit`).
	pub examined: u32,
	/// The last rating looked at, when the batch was full.
	pub cursor: Option<RedemptionId>,
}

/// The two ends of a provider's queue of unanswered (`Open`) cases, oldest first. Cases join at
/// the tail when opened, so — with a fixed `ResponseDeadline` — the head has the earliest
/// deadline, and the provider's standing reads it in O(1).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct QueueEnds {
	/// The oldest unanswered case.
	pub head: CaseId,
	/// The newest unanswered case.
	pub tail: CaseId,
}

/// A case's neighbours in its provider's queue of unanswered cases (a doubly linked list in
/// storage, so that a case answered out of order leaves it in O(1)).
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct QueueLink {
	/// The next older unanswered case of the same provider.
	pub prev: Option<CaseId>,
	/// The next newer unanswered case of the same provider.
	pub next: Option<CaseId>,
}

/// What the pallet keeps per provider: the scorecard, and the ends of the queue of unanswered
/// cases (`None` when every case has been answered, closed or marked overdue).
#[derive(Clone, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ProviderRecord {
	/// The provider's scorecard.
	pub scorecard: Scorecard,
	/// The ends of the provider's queue of unanswered cases.
	pub unanswered: Option<QueueEnds>,
}

/// A scorecard as the runtime API returns it (per provider or per programme).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ScorecardView {
	/// Ratings that count.
	pub count: u32,
	/// Sum of the scores that count.
	pub sum: u64,
	/// The average score ×100 (437 = 4.37), 0 without ratings.
	pub average_x100: u32,
	/// Counted ratings per score, 1s first.
	pub histogram: [u32; 5],
	/// Counted bad ratings (≤ 2).
	pub bad_ratings: u32,
	/// Cases waiting for the provider's response (some may be past their deadline and not yet
	/// marked: see `case_of`).
	pub cases_open: u32,
	/// Cases answered in time and waiting for the office.
	pub cases_responded: u32,
	/// Cases marked overdue and not yet closed.
	pub cases_overdue: u32,
	/// Cases closed as rectified.
	pub cases_rectified: u32,
	/// Cases dismissed.
	pub cases_dismissed: u32,
	/// Cases that ever went overdue.
	pub cases_late: u32,
	/// Blocks taken to rectify, summed over rectified cases.
	pub rectify_blocks_total: u64,
	/// Average blocks taken to rectify a case, 0 if none was rectified.
	pub average_rectify_blocks: u64,
	/// Ratings taken out by an upheld appeal.
	pub appeals_upheld: u32,
	/// For a provider: whether it is in good standing (may bid) now. `None` for a programme.
	pub in_good_standing: Option<bool>,
}

impl ScorecardView {
	/// The view of `card`, with a provider's standing (`None` for a programme).
	pub fn new(card: &Scorecard, in_good_standing: Option<bool>) -> Self {
		Self {
			count: card.count,
			sum: card.sum,
			average_x100: card.average_x100(),
			histogram: card.histogram,
			bad_ratings: card.bad,
			cases_open: card.cases_open,
			cases_responded: card.cases_responded,
			cases_overdue: card.cases_overdue,
			cases_rectified: card.cases_rectified,
			cases_dismissed: card.cases_dismissed,
			cases_late: card.cases_late,
			rectify_blocks_total: card.rectify_blocks,
			average_rectify_blocks: card.average_rectify_blocks(),
			appeals_upheld: card.appeals_upheld,
			in_good_standing,
		}
	}
}

/// A rating as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RatingView<AccountId, BlockNumber> {
	/// The rated redemption.
	pub redemption: RedemptionId,
	/// The resident who rated.
	pub resident: ResidentId,
	/// The provider rated.
	pub provider: AccountId,
	/// The voucher programme.
	pub programme: ProgrammeId,
	/// The office running the programme.
	pub office: OfficeId,
	/// The score, 1..=5.
	pub score: Score,
	/// Hash of the comment, if any.
	pub comment: Option<H256>,
	/// When it was given.
	pub rated_at: BlockNumber,
	/// Where an appeal against it stands.
	pub status: RatingStatus<BlockNumber>,
	/// Whether it counts in the scorecards.
	pub counted: bool,
	/// The follow-up case it opened, if it was a bad rating.
	pub case: Option<CaseId>,
}

/// A follow-up case as the runtime API returns it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CaseView<AccountId, BlockNumber> {
	/// The case id (= the redemption whose rating opened it).
	pub case: CaseId,
	/// The provider who must respond.
	pub provider: AccountId,
	/// The voucher programme.
	pub programme: ProgrammeId,
	/// The office that closes it.
	pub office: OfficeId,
	/// When it was opened.
	pub opened_at: BlockNumber,
	/// The last block for an on-time response.
	pub deadline: BlockNumber,
	/// The provider's response, if any.
	pub response: Option<CaseResponse<BlockNumber>>,
	/// The stored state.
	pub state: CaseState<BlockNumber>,
	/// Whether the case is overdue now: marked so, or still `Open` past its deadline.
	pub overdue: bool,
}
