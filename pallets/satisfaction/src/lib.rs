//! # pallet-satisfaction — 满意度评价
//!
//! Satisfaction ratings of delivered services: only a resident who was actually served rates, and
//! every bad rating must be answered.
//!
//! ## Concept
//! A voucher redemption (pallet-vouchers, seen through [`gongzhi_primitives::Redemptions`]) that
//! the provider has confirmed is the evidence that a resident was served. That resident — known by
//! their stable [`ResidentId`](gongzhi_primitives::ResidentId), so a replaced account still rates
//! and nobody else can — rates it once, 1 (非常不满意) to 5 (非常满意), with an optional comment
//! hash, within [`Config::RatingWindow`] blocks of the confirmation. The call is free exactly when
//! it will succeed.
//!
//! Each rating updates, incrementally, a [`Scorecard`] of the provider and one of the voucher
//! programme: count, sum, a 5-bucket histogram, bad ratings (≤ 2), follow-up cases by state,
//! blocks taken to rectify, and appeals upheld. Since real-world ratings sit near 99% satisfied,
//! the bad-rating counts and rectification times say more than the average.
//!
//! ## Follow-up cases (差评整改)
//! A rating ≤ 2 opens a [`Case`] with a deadline [`Config::ResponseDeadline`] blocks away. The
//! provider answers with a response hash; the office closes the case as rectified or dismissed.
//!
//! ```text
//!            respond (by deadline)            close
//!   Open ───────────────────────► Responded ───────► Rectified | Dismissed
//!    │  └──────────────────────── close ───────────► Rectified | Dismissed
//!    │ deadline passed: mark_overdue, or a late respond / close / upheld appeal
//!    ▼                                               close
//!   Overdue (a late response is still recorded) ───► Rectified | Dismissed  (late = true)
//! ```
//! - Any call that acts on an `Open` case after its deadline first moves it to `Overdue`, so a
//!   late response, or closing without one, is always recorded as late (`cases_late`).
//! - An overdue case may still be answered: the response is recorded, but the case keeps counting
//!   against the provider until the office closes it — only the office decides that the
//!   complaint was dealt with. Once closed it no longer counts against standing; its `late` flag
//!   and the scorecard's `cases_late` keep the history.
//!
//! ## Appeals
//! ```text
//! Counted ──appeal──► UnderAppeal ──uphold──► AppealUpheld   (out of the scorecards, still stored)
//!                                  └─reject──► AppealRejected (still counted)
//! ```
//! The provider may appeal a rating once, within [`Config::AppealWindow`] blocks of it. Upholding
//! takes the rating out of both scorecards and dismisses its follow-up case if that is still
//! pending; the rating stays visible with its status.
//!
//! ## Standing (`ProviderStanding`), in O(1)
//! A provider is **not** in good standing while it has an overdue case, or while its average is
//! below [`Config::StandingFloor`] over at least [`Config::StandingMinRatings`] counted ratings.
//! "Overdue" is both *marked* and *derived when read*:
//! - anyone may [`mark_overdue`](Pallet::mark_overdue) a case past its deadline; that moves it to
//!   `Overdue` and the scorecard's `cases_overdue` counter, public in the scorecard;
//! - and, without waiting for anyone, the standing check reads the head of the provider's queue
//!   of unanswered (`Open`) cases — a doubly linked list in storage ([`Unanswered`], ends in the
//!   [`ProviderRecord`]) that cases join at the tail when opened and leave in O(1) when answered,
//!   closed or marked. Deadlines grow with opening time, so the head holds the earliest one; if
//!   it has passed, the provider is not in good standing.
//!
//! The check therefore reads two records whatever the provider's history. (Should a runtime
//! upgrade shorten `ResponseDeadline`, a newer case could fall due before an older one; it is then
//! caught once it is marked overdue, or once the older ones leave the queue.)
//!
//! ## Views for the runtime API
//! [`Pallet::provider_scorecard`], [`Pallet::programme_scorecard`], [`Pallet::rating_of`],
//! [`Pallet::case_of`], [`Pallet::can_rate`] and [`Pallet::still_to_rate`] (what a resident may
//! still rate, from the vouchers pallet's list of their redemptions).
//!
//! ## Retention
//! Once the vouchers pallet has found a programme finished (nothing of it can be confirmed any
//! more) and [`Config::RetentionPeriod`] — longer than the rating and appeal windows together —
//! has passed, anyone may remove its ratings and their closed cases in batches
//! ([`Pallet::reap_ratings`]); ratings under appeal or with a case still pending stay until the
//! office decides. The scorecards stay, and what was removed is counted ([`ReapedProgrammes`],
//! [`ReapedProviders`]) so that `try_state` still checks that the records kept and reaped add
//! up to them.
//!
//! No signed payloads: every call is signed by its actor.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{
		CommunityRegistry, OfficeId, ProgrammeId, RedemptionId, Redemptions, ResidentId, H256,
	};
	use sp_runtime::traits::{Saturating, Zero};

	/// A rating as stored.
	pub type RatingOf<T> = Rating<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
	/// A follow-up case as stored.
	pub type CaseOf<T> = Case<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The pallet.
	/// The version of this pallet's storage layout, kept on chain. Migrations start from it
	/// (`VersionedMigration`); try-runtime checks that chain and code agree after an upgrade.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration: where residents and redemptions come from, and the windows and standing
	/// rule of the ratings.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The community registry (pallet-community): who is a resident (and their stable
		/// `ResidentId`), who administers an office.
		type Registry: CommunityRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// Voucher redemptions (pallet-vouchers): who redeemed, with which provider, when the
		/// service was confirmed.
		type Redemptions: Redemptions<Self::AccountId, BlockNumberFor<Self>>;

		/// How many blocks after the provider confirmed a service its resident may rate it
		/// (inclusive). Long enough for a resident to get round to it (e.g. 30 days), short
		/// enough that ratings describe a recent service. Must be non-zero.
		#[pallet::constant]
		type RatingWindow: Get<BlockNumberFor<Self>>;

		/// How many blocks a provider has to respond to a follow-up case (the deadline is the
		/// rating's block plus this, inclusive). Must be non-zero. Shortening it in an upgrade
		/// delays the derived overdue check for newer cases (see the crate docs).
		#[pallet::constant]
		type ResponseDeadline: Get<BlockNumberFor<Self>>;

		/// How many blocks after a rating its provider may appeal it (inclusive).
		#[pallet::constant]
		type AppealWindow: Get<BlockNumberFor<Self>>;

		/// The lowest average score, ×100, of a provider in good standing: e.g. 300 means an
		/// average below 3.00 bars the provider from bidding. At most 500.
		#[pallet::constant]
		type StandingFloor: Get<u32>;

		/// How many counted ratings a provider needs before its average can cost it its
		/// standing, so that one or two bad ratings of a new provider don't exclude it.
		#[pallet::constant]
		type StandingMinRatings: Get<u32>;

		/// How long a finished voucher programme's ratings and closed cases are kept, in blocks
		/// counted from the block the vouchers pallet found the programme finished
		/// ([`Redemptions::programme_finished_at`]), before anyone may remove them with
		/// `reap_ratings` (e.g. 180 days). The scorecards stay.
		///
		/// Safe by construction: no redemption of a finished programme can be confirmed any
		/// more, so every rating window of it closes within `RatingWindow` of its finish and
		/// every appeal window within `RatingWindow + AppealWindow`; `integrity_test` asserts
		/// that `RetentionPeriod` is longer than that sum (and than `ResponseDeadline`), so no
		/// rating can be given or appealed again once its record may be gone. Ratings under
		/// appeal and ratings whose case is not closed are never reaped.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The most ratings one `reap_ratings` call looks at (e.g. 100): it bounds that call's
		/// weight.
		#[pallet::constant]
		type MaxReapBatch: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Every rating, by the redemption it rates. An upheld appeal only changes the status;
	/// `reap_ratings` removes a finished programme's ratings after `RetentionPeriod` (their
	/// scorecards stay). Keyed by ids that pallet-vouchers assigns in sequence.
	#[pallet::storage]
	pub type Ratings<T: Config> = StorageMap<_, Twox64Concat, RedemptionId, RatingOf<T>>;

	/// Every follow-up case, by its id (the redemption whose bad rating opened it). A closed
	/// case goes with its rating when `reap_ratings` removes it.
	#[pallet::storage]
	pub type Cases<T: Config> = StorageMap<_, Twox64Concat, CaseId, CaseOf<T>>;

	/// Per provider: the scorecard and the ends of its queue of unanswered cases. One record per
	/// provider ever rated.
	#[pallet::storage]
	pub type Providers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderRecord, ValueQuery>;

	/// The scorecard of each voucher programme. One record per programme ever rated.
	#[pallet::storage]
	pub type Programmes<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, Scorecard, ValueQuery>;

	/// The links of the providers' queues of unanswered cases: an entry exists exactly for each
	/// `Open` case, so the map holds at most one entry per case.
	#[pallet::storage]
	pub type Unanswered<T: Config> = StorageMap<_, Twox64Concat, CaseId, QueueLink>;

	/// Per voucher programme, the ratings it received (an index, so that `reap_ratings` finds
	/// them). An entry exists exactly for each stored rating.
	#[pallet::storage]
	pub type ProgrammeRatings<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProgrammeId, Twox64Concat, RedemptionId, ()>;

	/// Per voucher programme being reaped, the last rating `reap_ratings` looked at and left (under
	/// appeal, or with a case pending) when its batch was full: the next call goes on after it,
	/// so that ratings in dispute can't keep the ones behind them from being reaped. Removed when
	/// a call reaches the end of the programme's ratings.
	#[pallet::storage]
	pub type ReapCursor<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, RedemptionId>;

	/// Per voucher programme, what the ratings and cases `reap_ratings` removed had put in its
	/// scorecard: with the records kept they add up to the scorecard (`try_state`).
	#[pallet::storage]
	pub type ReapedProgrammes<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, Scorecard, ValueQuery>;

	/// Per provider, what the ratings and cases `reap_ratings` removed had put in its
	/// scorecard: with the records kept they add up to the scorecard (`try_state`).
	#[pallet::storage]
	pub type ReapedProviders<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Scorecard, ValueQuery>;

	/// What happened.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A resident rated a confirmed redemption.
		Rated {
			/// The rated redemption.
			redemption: RedemptionId,
			/// The resident who rated.
			resident: ResidentId,
			/// The provider rated.
			provider: T::AccountId,
			/// The voucher programme.
			programme: ProgrammeId,
			/// The score, 1..=5.
			score: Score,
			/// Hash of the comment, if any.
			comment: Option<H256>,
		},
		/// A bad rating opened a follow-up case.
		CaseOpened {
			/// The case (= the rated redemption).
			case: CaseId,
			/// The provider who must respond.
			provider: T::AccountId,
			/// The last block for an on-time response.
			deadline: BlockNumberFor<T>,
		},
		/// The provider responded to a case.
		CaseResponded {
			/// The case.
			case: CaseId,
			/// The provider.
			provider: T::AccountId,
			/// Hash of the response document.
			response: H256,
			/// Whether the response came after the deadline (the case stays overdue).
			late: bool,
		},
		/// A case's deadline passed without a response: it counts against the provider until
		/// the office closes it.
		CaseOverdue {
			/// The case.
			case: CaseId,
			/// The provider.
			provider: T::AccountId,
		},
		/// The office closed a case (or an upheld appeal dismissed it).
		CaseClosed {
			/// The case.
			case: CaseId,
			/// The office.
			office: OfficeId,
			/// Rectified or dismissed.
			outcome: CaseOutcome,
			/// Whether the case had gone overdue.
			late: bool,
		},
		/// A provider appealed a rating.
		AppealLodged {
			/// The rated redemption.
			redemption: RedemptionId,
			/// The provider.
			provider: T::AccountId,
			/// Hash of the provider's reasons.
			reason: H256,
		},
		/// The office decided an appeal.
		AppealDecided {
			/// The rated redemption.
			redemption: RedemptionId,
			/// The office.
			office: OfficeId,
			/// Upheld (the rating leaves the scorecards) or rejected.
			decision: AppealDecision,
		},
		/// Ratings (and their closed cases) of a finished programme were removed after the
		/// retention period; the scorecards stay.
		RatingsReaped {
			/// The voucher programme.
			programme: ProgrammeId,
			/// How many ratings were removed.
			ratings: u32,
			/// How many closed cases were removed with them.
			cases: u32,
			/// How many ratings were looked at and left, under appeal or with a case pending.
			skipped: u32,
			/// Whether none of the programme's ratings are left.
			complete: bool,
		},
	}

	/// Why a call failed (nothing changes when it does).
	#[pallet::error]
	pub enum Error<T> {
		/// A score must be 1 (very dissatisfied) to 5 (very satisfied).
		ScoreOutOfRange,
		/// The caller is not a registered resident.
		NotResident,
		/// The resident is declared staff of the provider who served them (回避): staff may not
		/// rate their own organisation.
		ConflictOfInterest,
		/// No such redemption (or it was cancelled).
		UnknownRedemption,
		/// Only the resident who redeemed the voucher may rate this service.
		NotRedeemer,
		/// The provider has not confirmed this service yet.
		NotConfirmed,
		/// This service has already been rated.
		AlreadyRated,
		/// The rating window of this service has closed.
		RatingWindowClosed,
		/// No such follow-up case.
		UnknownCase,
		/// Only the provider of the rated service may do this.
		NotProvider,
		/// The case has already been responded to.
		AlreadyResponded,
		/// The case has already been closed.
		CaseAlreadyClosed,
		/// The case has already been marked overdue.
		AlreadyOverdue,
		/// The case's response deadline has not passed yet.
		DeadlineNotPassed,
		/// Only the admin of the programme's street office may do this.
		NotOfficeAdmin,
		/// No rating for this redemption.
		UnknownRating,
		/// The appeal window of this rating has closed.
		AppealWindowClosed,
		/// This rating has already been appealed (a rating can be appealed once).
		AlreadyAppealed,
		/// This rating has no appeal waiting for a decision.
		NoPendingAppeal,
		/// The batch size must be from 1 to `MaxReapBatch`.
		ReapLimitOutOfRange,
		/// The voucher programme is not finished (the vouchers pallet has not released its
		/// deposit), so its retention period has not started.
		ProgrammeNotFinished,
		/// The programme finished less than `RetentionPeriod` blocks ago.
		RetentionNotOver,
		/// The programme has no ratings left.
		NothingToReap,
		/// Every rating in this batch is under appeal or has a case not closed yet: the office
		/// must decide them first (or try a larger `limit`).
		FollowUpPending,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::RatingWindow::get().is_zero(), "RatingWindow must be non-zero");
			assert!(!T::ResponseDeadline::get().is_zero(), "ResponseDeadline must be non-zero");
			assert!(
				T::StandingFloor::get() <= 500,
				"StandingFloor is an average ×100: at most 500"
			);
			assert!(T::MaxReapBatch::get() > 0, "MaxReapBatch must not be zero");
			assert!(
				T::RetentionPeriod::get()
					> T::RatingWindow::get().saturating_add(T::AppealWindow::get())
					&& T::RetentionPeriod::get() > T::ResponseDeadline::get(),
				"ratings must be kept past every rating, appeal and response window"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Rate a service you received (满意度评价).
		///
		/// Who: the resident who redeemed the voucher (by resident number: a replacement account
		/// works too). When: once, after the provider confirmed the service and within
		/// `RatingWindow` blocks of that. Free when it succeeds. A score of 1 or 2 opens a
		/// follow-up case the provider must answer within `ResponseDeadline` blocks.
		///
		/// Fails with `ScoreOutOfRange`, `NotResident`, `UnknownRedemption`, `NotRedeemer`,
		/// `NotConfirmed`, `AlreadyRated` or `RatingWindowClosed`.
		///
		/// - `redemption`: the redemption (核销) to rate.
		/// - `score`: 1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意.
		/// - `comment`: hash of a written comment kept off chain, if any.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::rate(1))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, redemption: &RedemptionId, score: &Score, _comment: &Option<H256>| -> bool {
			match frame_system::ensure_signed(origin.clone()) {
				Ok(who) => Pallet::<T>::ensure_rate(&who, *redemption, *score).is_ok(),
				Err(_) => false,
			}
		})]
		pub fn rate(
			origin: OriginFor<T>,
			redemption: RedemptionId,
			score: Score,
			comment: Option<H256>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_rate(who, redemption, score, comment)
		}

		/// Respond to a follow-up case opened by a bad rating of your service.
		///
		/// Who: the provider of the rated service. When: once, while the case is not closed. By
		/// the deadline the case becomes `Responded`; after it, the response is recorded but the
		/// case becomes (or stays) `Overdue` until the office closes it.
		///
		/// Fails with `UnknownCase`, `NotProvider`, `CaseAlreadyClosed` or `AlreadyResponded`.
		///
		/// - `case`: the case (its id is the rated redemption's).
		/// - `response`: hash of the response document (what was done), kept off chain.
		#[pallet::call_index(1)]
		pub fn respond_case(origin: OriginFor<T>, case: CaseId, response: H256) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond_case(who, case, response)
		}

		/// Close a follow-up case as rectified (整改完成) or dismissed.
		///
		/// Who: the admin of the street office that runs the rated service's programme. When:
		/// while the case is open, responded or overdue. A case closed after its deadline without
		/// a timely response is recorded as late. Closing an overdue case ends its effect on the
		/// provider's standing.
		///
		/// Fails with `UnknownCase`, `NotOfficeAdmin` or `CaseAlreadyClosed`.
		///
		/// - `case`: the case.
		/// - `outcome`: `Rectified` or `Dismissed`.
		#[pallet::call_index(2)]
		pub fn close_case(
			origin: OriginFor<T>,
			case: CaseId,
			outcome: CaseOutcome,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_case(who, case, outcome)
		}

		/// Mark a case overdue: its deadline passed without a response.
		///
		/// Who: anyone. The provider's standing already sees such a case; marking it makes it
		/// public in the scorecards (`cases_overdue`, `cases_late`).
		///
		/// Fails with `UnknownCase`, `CaseAlreadyClosed`, `AlreadyResponded`, `AlreadyOverdue`
		/// or `DeadlineNotPassed`.
		///
		/// - `case`: the case.
		#[pallet::call_index(3)]
		pub fn mark_overdue(origin: OriginFor<T>, case: CaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_mark_overdue(case)
		}

		/// Appeal a rating of your service you believe malicious or mistaken.
		///
		/// Who: the provider of the rated service. When: once per rating, within `AppealWindow`
		/// blocks of it. The rating keeps counting until the office decides.
		///
		/// Fails with `UnknownRating`, `NotProvider`, `AlreadyAppealed` or `AppealWindowClosed`.
		///
		/// - `redemption`: the rated redemption.
		/// - `reason`: hash of the provider's reasons (and evidence), kept off chain.
		#[pallet::call_index(4)]
		pub fn appeal(
			origin: OriginFor<T>,
			redemption: RedemptionId,
			reason: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appeal(who, redemption, reason)
		}

		/// Decide a provider's appeal against a rating.
		///
		/// Who: the admin of the street office that runs the rated service's programme. When:
		/// while the appeal is pending. `Uphold` takes the rating out of the provider's and the
		/// programme's scorecards (it stays stored with status `AppealUpheld`) and dismisses its
		/// follow-up case if still pending; `Reject` leaves it counted.
		///
		/// Fails with `UnknownRating`, `NotOfficeAdmin` or `NoPendingAppeal`.
		///
		/// - `redemption`: the rated redemption.
		/// - `decision`: `Uphold` or `Reject`.
		#[pallet::call_index(5)]
		pub fn decide_appeal(
			origin: OriginFor<T>,
			redemption: RedemptionId,
			decision: AppealDecision,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_appeal(who, redemption, decision)
		}

		/// Remove ratings of a finished voucher programme, with their closed cases, once its
		/// retention period is over. The scorecards stay; what was removed is counted
		/// (`ReapedProgrammes`, `ReapedProviders`).
		///
		/// Who: any signed account. When: `RetentionPeriod` blocks or more after the vouchers
		/// pallet found the programme finished — by then every rating and appeal window of it
		/// has closed. Looks at up to `limit` of the programme's ratings and removes those not
		/// under appeal and without a case still pending (those stay until the office decides).
		/// Each call goes on where the last one stopped (`ReapCursor`), so disputed ratings never
		/// block the rest. Pays a fee for `limit` ratings; the unused part is refunded.
		///
		/// Fails with `ReapLimitOutOfRange`, `ProgrammeNotFinished`, `RetentionNotOver`,
		/// `NothingToReap`, or `FollowUpPending` when every rating left is in dispute.
		///
		/// - `programme`: the voucher programme.
		/// - `limit`: most ratings to look at in this call (1..=`MaxReapBatch`).
		#[pallet::call_index(6)]
		#[pallet::weight(Pallet::<T>::reap_ratings_weight(*limit))]
		pub fn reap_ratings(
			origin: OriginFor<T>,
			programme: ProgrammeId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_ratings(programme, limit)
		}
	}
}
