//! # Needs surveys (需求调研)
//!
//! A street office or a community committee asks the residents it serves which services they
//! need — day care for the elderly, meal delivery, after-school classes… — and everyone can see
//! the answers add up. The results then back a procurement project (pallet-procurement cites a
//! survey through [`gongzhi_primitives::SurveyLookup`]).
//!
//! ## Who does what
//! - **Create** ([`Pallet::create_survey`]): the admin of a street office, for the whole office or
//!   one of its communities, or an officer of a community, for that community only
//!   ([`gongzhi_primitives::CommunityRegistry::may_manage`]). A survey has a title, 1 to
//!   `MaxQuestions` questions and a window of blocks `[opens_at, closes_at)`. A question is a
//!   single choice, a multiple choice of at most `k` of its `n` options, or a 1–5 rating.
//! - **Respond** ([`Pallet::respond`]): a resident who lives in the survey's scope and was
//!   registered strictly before `opens_at` answers every question, once per `ResidentId` — a
//!   resident who replaced a lost key cannot answer again with the new account. Free of fees
//!   exactly when it will succeed.
//! - **Amend** ([`Pallet::amend`]): the same resident replaces their answers until the window
//!   closes; the tallies follow. Free exactly when it will succeed.
//! - **Close** ([`Pallet::close`]): anyone, from `closes_at` on. It freezes the tallies and records
//!   the turnout. The creator may close earlier only while nobody has responded (and while they
//!   still manage the scope).
//! - **Cancel** ([`Pallet::cancel`]): the creator, while nobody has responded and while they still
//!   manage the scope; the street office's admin or the chain's admin origin at any time, so that
//!   no survey can hold the office's open-survey places against it. A survey opens at most
//!   `MaxLeadTime` blocks after it is created and runs at most `MaxDuration` blocks.
//! - **Reap** ([`Pallet::reap_responses`]): anyone, `RetentionPeriod` blocks after a survey
//!   closed (or was cancelled), removes its per-resident responses in batches of at most `MaxReapBatch`. The tallies,
//!   counts and texts stay forever.
//!
//! - **Anonymous surveys** (匿名问卷, [`Pallet::create_anonymous_survey`],
//!   [`Pallet::respond_anonymously`]): a survey whose [`ResponseMode`] is `Anonymous` opens its
//!   rings (pallet-rings, through [`gongzhi_primitives::anon::AnonymousRings`]) for its opening
//!   block: the member keys of the residents in scope, registered before it. A resident answers
//!   with a general transaction that no one signs, authorized by a ring-VRF proof over
//!   `(survey, ring, answers, seq)` in the survey's context; the proof's output, the resident's
//!   alias in this survey, is the nullifier: one response per alias, amended under the same alias
//!   with `seq` one more each time (at most `MaxAmendments`), an earlier proof can't be replayed.
//!   `respond` and `amend` are refused there (`ResponsesAreAnonymous`), so nobody answers twice.
//!   Responses are stored under the alias ([`AnonymousResponses`]) and reaped like named ones;
//!   then the rings' records go too, and the deposit waits for both. Design and figures:
//!   `docs/anonymous-ballots.md`.
//!
//! ## State machine
//! ```text
//! Open ──close──▶ Closed ──reap_responses × k──▶ Closed (responses removed, results kept)
//!   └───cancel──▶ Cancelled
//! ```
//! While `Open`, the block decides what may happen: before `opens_at` nothing (the creator may
//! still cancel); from `opens_at` to `closes_at - 1` responses and amendments; from `closes_at`
//! only `close`. See [`SurveyStatus`].
//!
//! ## Turnout
//! Turnout = responses ÷ residents in scope, the latter taken **when the survey is created**
//! ([`residents_in`](gongzhi_primitives::CommunityRegistry::residents_in), O(1)) and stored as
//! `eligible`. A survey created to open later therefore does not count residents who register between its creation and its opening
//! (they may respond, since they registered before it opened); turnout is capped at 100%. The
//! snapshot at creation keeps `respond` from reading the registry's counters, and shows the
//! denominator from the first block.
//!
//! ## Storage layout, and why
//! `respond` is the hot path (every resident, feeless), so it touches exactly two entries of
//! this pallet, each read once and written once:
//! - [`Surveys`]: the small record — scope, window, state, counts and **the tallies, which also
//!   carry each question's shape** (number of options, `max_choices`, or "rating"). One read gives
//!   everything needed to check eligibility, validate the answers and update the tallies; one
//!   write stores the new tallies and count. Splitting the tallies or the shapes into maps of
//!   their own would add a read (and a write) per response without making any record smaller
//!   to read, since `respond` needs all of them.
//! - [`Responses`]: `(SurveyId, ResidentId) → answers and amendment count`, the per-resident record that stops a second
//!   response and lets `amend` count the old answers out. Keyed by survey first, so
//!   `reap_responses` finds a survey's responses by prefix (it iterates and removes them one by
//!   one rather than calling `clear_prefix`, whose count is not exact in this FRAME version).
//!
//! Titles, question texts and option labels ([`SurveyTexts`], up to tens of kilobytes) are never
//! read by `respond`. [`OpenSurveys`] indexes each office's open surveys, so that the
//! "what can this resident still answer" view reads a bounded list rather than every survey.
//!
//! ## Fees
//! `respond` and `amend` are marked `#[pallet::feeless_if]` with the very checks the calls run
//! ([`Pallet::ensure_respond`], [`Pallet::ensure_amend`]): with the runtime's
//! `SkipCheckIfFeeless` they cost a resident nothing exactly when they will succeed, and an
//! invalid one pays, so a zero-balance account cannot spam. A resident's free calls per survey
//! are bounded: one `respond`, then at most `MaxAmendments` amendments, each of which must change
//! the answers. Every other call pays.
//!
//! ## Views (runtime API)
//! [`Pallet::survey_results`] (per-option counts, rating count/sum/histogram, responses,
//! eligible, turnout) and [`Pallet::open_surveys_for`] (what a resident may still answer).
//!
//! ## Suggested runtime values
//! `MaxTitleLen` 128, `MaxQuestions` 16, `MaxPromptLen` 256, `MaxOptions` 16, `MaxOptionLen` 64,
//! `MaxDuration` 90 days, `MaxOpenSurveysPerOffice` 64, `RetentionPeriod` 180 days,
//! `MaxReapBatch` 500. The placeholder weights in [`weights`] assume these.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

mod impls;
pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

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
		CommunityRegistry, OfficeId, ResidentId, Scope, SurveyId,
	};
	use sp_runtime::{traits::Zero, Permill};

	/// The version of this pallet's storage layout, kept on chain. Migrations start from it
	/// (`VersionedMigration`); try-runtime checks that chain and code agree after an upgrade.
	/// Version 1 added each survey's [`ResponseMode`] ([`crate::migrations::v1`]).
	#[cfg(not(feature = "next-version"))]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);
	/// The next storage version, built only with the `next-version` feature (the second runtime
	/// of the upgrade test, `e2e/tests/06-upgrade.test.js`): [`crate::migrations::v2`] leads to it.
	#[cfg(feature = "next-version")]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the needs-survey pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who is who: offices, officers, residents and resident counts (pallet-community).
		type Registry: CommunityRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// The chain's governance (Root via sudo on dev chains, a council later): may cancel any
		/// open survey, like the survey's own street office.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The chain's token, from which a survey's creator pays its deposit (a hold).
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// What creating a survey holds from its creator (e.g. 1 GZT): the storage a survey
		/// takes has an owner who pays for it. Released when the survey is cancelled, closed
		/// without responses, or when its last response is reaped after the retention period (its
		/// results stay, small and for good).
		#[pallet::constant]
		type SurveyDeposit: Get<BalanceOf<Self>>;

		/// What creating an anonymous survey holds, on top of `SurveyDeposit`, per resident in
		/// its scope (e.g. the storage of a 32-byte key and its share of its ring's records):
		/// its rings store a member key per eligible resident until `reap_responses` forgets
		/// them, so the creator of a survey of 50,000 residents pays for what it stores. Counted
		/// when the survey is created; released with the rest of the deposit.
		#[pallet::constant]
		type RingMemberDeposit: Get<BalanceOf<Self>>;

		/// How far ahead a survey may open, in blocks (e.g. 30 days). An open survey holds one of
		/// its office's `MaxOpenSurveysPerOffice` places from creation, so a far-future opening
		/// could otherwise hold a place for ever.
		#[pallet::constant]
		type MaxLeadTime: Get<BlockNumberFor<Self>>;

		/// How many times a resident may amend one response (e.g. 3). `amend` is free, so it
		/// must not be repeatable without limit: with this bound a resident's free calls per
		/// survey are at most `1 + MaxAmendments`.
		#[pallet::constant]
		type MaxAmendments: Get<u8>;

		/// The longest survey title, in bytes of UTF-8 (e.g. 128: about 40 Chinese characters).
		#[pallet::constant]
		type MaxTitleLen: Get<u32>;

		/// The most questions in one survey (e.g. 16). It bounds the work of every response,
		/// which validates and counts each answer.
		#[pallet::constant]
		type MaxQuestions: Get<u32>;

		/// The longest question text, in bytes of UTF-8 (e.g. 256).
		#[pallet::constant]
		type MaxPromptLen: Get<u32>;

		/// The most options of a choice question (e.g. 16). At most 255, because answers name
		/// an option by a `u8` index (checked by `integrity_test`).
		#[pallet::constant]
		type MaxOptions: Get<u32>;

		/// The longest option label, in bytes of UTF-8 (e.g. 64).
		#[pallet::constant]
		type MaxOptionLen: Get<u32>;

		/// The longest response window `closes_at - opens_at`, in blocks (e.g. 90 days). An open
		/// survey holds a place in its office's [`OpenSurveys`] until it is closed, so this
		/// bounds how long a survey with responses can hold one.
		#[pallet::constant]
		type MaxDuration: Get<BlockNumberFor<Self>>;

		/// The most surveys one street office (all its communities together) may have open at
		/// once (e.g. 64). It bounds the [`OpenSurveys`] index and so the work of the
		/// "open surveys for a resident" view and of `close`/`cancel`.
		#[pallet::constant]
		type MaxOpenSurveysPerOffice: Get<u32>;

		/// How long, in blocks after a survey is closed, its per-resident responses stay on chain
		/// for anyone to audit before `reap_responses` may remove them (e.g. 180 days).
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The most responses one `reap_responses` call may remove (e.g. 500): it bounds that
		/// call's weight.
		#[pallet::constant]
		type MaxReapBatch: Get<u32>;

		/// The rings of anonymous surveys (pallet-rings): fixed at a survey's opening block from
		/// the member keys of its scope's residents, they verify anonymous responses' proofs.
		type Rings: AnonymousRings<BlockNumberFor<Self>>;
	}

	/// The id the next survey will get.
	#[pallet::storage]
	pub type NextSurveyId<T> = StorageValue<_, SurveyId, ValueQuery>;

	/// Every survey's small record: scope, window, state, counts and tallies (what `respond`
	/// reads). Kept forever, including for closed and cancelled surveys.
	#[pallet::storage]
	pub type Surveys<T: Config> = StorageMap<_, Twox64Concat, SurveyId, SurveyInfo<T>>;

	/// Every survey's title and questions, as created. Kept forever.
	#[pallet::storage]
	pub type SurveyTexts<T: Config> = StorageMap<_, Twox64Concat, SurveyId, SurveyText<T>>;

	/// Each resident's answers to each survey (and how often they were amended), by survey then
	/// resident number. Ids are assigned
	/// by the chain, not chosen by callers, so `Twox64Concat` is safe. Removed by
	/// `reap_responses` after the retention period, by iterating the survey's prefix.
	#[pallet::storage]
	pub type Responses<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SurveyId, Twox64Concat, ResidentId, Response<T>>;

	/// Anonymous responses (匿名回答), by survey and alias (the nullifier: one per ring member
	/// and survey), with how often each was amended. Removed by `reap_responses` after the
	/// retention period, like named responses.
	#[pallet::storage]
	pub type AnonymousResponses<T: Config> =
		StorageDoubleMap<_, Twox64Concat, SurveyId, Blake2_128Concat, Alias, Response<T>>;

	/// The surveys still `Open` (not yet closed or cancelled) in each street office, at most
	/// `MaxOpenSurveysPerOffice` each, in order of creation.
	#[pallet::storage]
	pub type OpenSurveys<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OfficeId,
		BoundedVec<SurveyId, T::MaxOpenSurveysPerOffice>,
		ValueQuery,
	>;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a survey, held from its creator.
		SurveyDeposit,
	}

	/// Events of the needs-survey pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A survey was created.
		SurveyCreated {
			/// The new survey's id.
			survey: SurveyId,
			/// Whose residents are asked.
			scope: Scope,
			/// Who created it.
			creator: T::AccountId,
			/// The first block accepting responses.
			opens_at: BlockNumberFor<T>,
			/// The first block no longer accepting responses.
			closes_at: BlockNumberFor<T>,
		},
		/// A resident responded to a survey.
		ResponseSubmitted {
			/// The survey.
			survey: SurveyId,
			/// The resident's number.
			resident: ResidentId,
		},
		/// A resident replaced their response.
		ResponseAmended {
			/// The survey.
			survey: SurveyId,
			/// The resident's number.
			resident: ResidentId,
		},
		/// A survey was closed: its results are final.
		SurveyClosed {
			/// The survey.
			survey: SurveyId,
			/// Responses received.
			responses: u32,
			/// Residents in scope when the survey was created.
			eligible: u32,
			/// `responses / eligible`, capped at 100%.
			turnout: Permill,
		},
		/// A survey was cancelled by its creator before anyone responded.
		SurveyCancelled {
			/// The survey.
			survey: SurveyId,
		},
		/// An anonymous response was submitted (`seq` 0) or amended (匿名回答): under an alias,
		/// by a member of ring `ring`, without naming the resident.
		AnonymousResponseSubmitted {
			/// The survey.
			survey: SurveyId,
			/// The ring its proof is for (its anonymity set: pallet-rings' `ItemRings`).
			ring: u32,
			/// The respondent's alias in this survey.
			alias: Alias,
			/// 0 for the first response, one more for each amendment.
			seq: u32,
		},
		/// Per-resident responses of a closed survey were removed (results stay); in an
		/// anonymous survey, once they are gone, its rings' records go (pallet-rings'
		/// `RingsForgotten`).
		ResponsesReaped {
			/// The survey.
			survey: SurveyId,
			/// Responses removed by this call.
			removed: u32,
			/// Responses still stored.
			remaining: u32,
		},
	}

	/// Errors of the needs-survey pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The scope names no community or office, or its street office is retired.
		UnknownScope,
		/// Only the street office's admin, or (for a community) one of its officers, may create a
		/// survey there.
		NotManager,
		/// A survey needs at least one question.
		NoQuestions,
		/// A choice question needs at least one option.
		NoOptions,
		/// A multiple-choice question must allow between 1 and its number of options.
		MaxChoicesOutOfRange,
		/// The opening block has already passed.
		OpensInPast,
		/// The opening block is more than `MaxLeadTime` blocks ahead.
		OpensTooLate,
		/// The closing block must come after the opening block.
		ClosesBeforeOpening,
		/// The window is longer than `MaxDuration` blocks.
		WindowTooLong,
		/// This street office already has `MaxOpenSurveysPerOffice` open surveys: close or
		/// cancel one first.
		TooManyOpenSurveys,
		/// Every survey id has been used.
		SurveyIdsExhausted,
		/// The creator can't pay the survey's deposit (`SurveyDeposit`, and for an anonymous
		/// survey `RingMemberDeposit` per resident in its scope).
		InsufficientDeposit,
		/// No survey has this id.
		UnknownSurvey,
		/// The survey has been closed.
		SurveyClosed,
		/// The survey has been cancelled.
		SurveyCancelled,
		/// The survey does not accept responses yet.
		NotYetOpen,
		/// The survey's response window has ended.
		ResponseWindowOver,
		/// This account is not a registered resident.
		NotResident,
		/// The resident does not live in the survey's scope.
		OutOfScope,
		/// The resident was registered (or moved in) at or after the survey's opening block.
		RegisteredAfterOpening,
		/// This resident has already responded; use `amend` to change the answers.
		AlreadyResponded,
		/// This resident has not responded yet, so there is nothing to amend.
		NoResponse,
		/// A response must answer every question exactly once, in order.
		WrongAnswerCount,
		/// An answer's kind (choice, choices, rating) does not match its question.
		AnswerKindMismatch,
		/// A chosen option does not exist.
		OptionOutOfRange,
		/// A multiple-choice answer must pick at least one option.
		NoChoiceMade,
		/// A multiple-choice answer picks more options than the question allows.
		TooManyChoices,
		/// A multiple-choice answer picks the same option twice.
		DuplicateChoice,
		/// A rating must be from 1 to 5.
		RatingOutOfRange,
		/// The survey's window has not ended yet; only its creator may close it early, and only
		/// while nobody has responded.
		CloseTooEarly,
		/// Residents have already responded, so the survey can't be cancelled or closed early.
		HasResponses,
		/// Only the survey's creator (while they still manage its scope), its street office's
		/// admin or the chain's admin origin may cancel it.
		NotCreator,
		/// This response has already been amended `MaxAmendments` times.
		TooManyAmendments,
		/// The new answers are the same as the current ones: nothing to amend.
		AnswersUnchanged,
		/// Responses can only be reaped from a closed or cancelled survey.
		SurveyNotClosed,
		/// The retention period after closing has not passed yet.
		RetentionNotOver,
		/// The survey has no stored responses left to remove.
		NothingToReap,
		/// The batch size must be from 1 to `MaxReapBatch`.
		ReapLimitOutOfRange,
		/// This survey is answered anonymously: use `respond_anonymously`.
		ResponsesAreAnonymous,
		/// This survey is not answered anonymously: use `respond`.
		NotAnonymous,
		/// The survey's rings are not fixed yet (they are built from its opening block on):
		/// anonymous responses wait until they are.
		RingsNotReady,
		/// The survey has no ring with this number.
		UnknownRing,
		/// The proof is not a member of this ring's proof for this response, or does not give
		/// this alias.
		BadProof,
		/// `seq` is behind the alias's stored response: an earlier response can't be replayed.
		StaleSequence,
		/// `seq` is ahead of the alias's next response (0 first, then one more each time).
		SequenceAhead,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxQuestions::get() >= 1, "a survey must be able to hold a question");
			assert!(
				(1..=u32::from(u8::MAX)).contains(&T::MaxOptions::get()),
				"options are named by a u8 index and max_choices is a u8: 1..=255 options"
			);
			assert!(
				!T::MaxDuration::get().is_zero(),
				"a survey needs a window of at least a block"
			);
			assert!(
				T::MaxOpenSurveysPerOffice::get() >= 1,
				"an office must be able to open a survey"
			);
			assert!(T::MaxReapBatch::get() >= 1, "reaping must make progress");
			assert!(
				!T::MaxLeadTime::get().is_zero(),
				"a survey must be able to open in a later block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a survey.
		///
		/// Who: the admin of the street office of `scope`, or — when `scope` is a community — an
		/// officer of that community. Pays a fee.
		///
		/// - `scope`: the community or street office whose residents are asked.
		/// - `title`: the survey's title (UTF-8).
		/// - `questions`: 1 to `MaxQuestions` questions, each a single choice, a multiple choice
		///   (`max_choices` of at least 1 and at most its number of options) or a 1–5 rating;
		///   choice questions need at least one option.
		/// - `opens_at`: the first block accepting responses; not in the past and at most
		///   `MaxLeadTime` blocks ahead. Only residents registered before this block may respond.
		/// - `closes_at`: the first block no longer accepting responses; after `opens_at`, at
		///   most `MaxDuration` blocks after it.
		///
		/// Records the number of residents now in `scope` as the turnout's denominator. Fails if
		/// the office already has `MaxOpenSurveysPerOffice` open surveys. Emits `SurveyCreated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_survey().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn create_survey(
			origin: OriginFor<T>,
			scope: Scope,
			title: TitleOf<T>,
			questions: QuestionsOf<T>,
			opens_at: BlockNumberFor<T>,
			closes_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_survey(
				who,
				SurveyTerms { scope, title, questions, opens_at, closes_at },
			)
		}

		/// Answer a survey.
		///
		/// Who: a resident living in the survey's scope, registered before its opening block,
		/// who has not responded yet (one response per resident number, whichever account holds
		/// it). Free of fees when it succeeds; pays when it fails.
		///
		/// - `survey`: the survey.
		/// - `answers`: one answer per question, in order, each of the question's kind: an option
		///   index for a single choice, 1 to `max_choices` distinct option indices for a multiple
		///   choice, 1–5 for a rating.
		///
		/// Only while the survey is open (`opens_at <= now < closes_at`). Counts the answers into
		/// the tallies. Emits `ResponseSubmitted`. Refused in an anonymous survey
		/// (`ResponsesAreAnonymous`).
		#[pallet::call_index(1)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, survey: &SurveyId, answers: &AnswersOf<T>| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_respond(&who, *survey, answers).is_ok())
		})]
		pub fn respond(
			origin: OriginFor<T>,
			survey: SurveyId,
			answers: AnswersOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_respond(who, survey, answers)
		}

		/// Replace one's response to a survey.
		///
		/// Who: a resident who has responded, and who still lives in the scope with the same
		/// registration, at most `MaxAmendments` times per response, with answers that differ
		/// from the current ones. Free of fees when it succeeds; pays when it fails.
		///
		/// - `survey`: the survey.
		/// - `answers`: the new answers, validated as in `respond`.
		///
		/// Only while the survey is open. Counts the old answers out of the tallies and the new
		/// ones in. Emits `ResponseAmended`. Refused in an anonymous survey
		/// (`ResponsesAreAnonymous`).
		#[pallet::call_index(2)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, survey: &SurveyId, answers: &AnswersOf<T>| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_amend(&who, *survey, answers).is_ok())
		})]
		pub fn amend(
			origin: OriginFor<T>,
			survey: SurveyId,
			answers: AnswersOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_amend(who, survey, answers)
		}

		/// Close a survey: freeze its results and record its turnout.
		///
		/// Who: anyone, from the survey's closing block on; before that, only its creator, and
		/// only while nobody has responded. Pays a fee.
		///
		/// - `survey`: the survey.
		///
		/// Emits `SurveyClosed` with the turnout (responses ÷ residents in scope at creation,
		/// capped at 100%).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn close(origin: OriginFor<T>, survey: SurveyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close(who, survey)
		}

		/// Cancel an open survey.
		///
		/// Who: its creator, while nobody has responded and while they still manage its scope;
		/// the admin of its street office, or the chain's admin origin, at any time (so that no
		/// one else's survey can hold the office's open-survey places). Pays a fee.
		///
		/// - `survey`: the survey.
		///
		/// The survey and its texts stay on chain, marked cancelled; responses it had stop
		/// counting and are reaped after the retention period. Emits `SurveyCancelled`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn cancel(origin: OriginFor<T>, survey: SurveyId) -> DispatchResult {
			// `None`: the chain's admin origin.
			let who = match T::AdminOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_cancel(who, survey)
		}

		/// Remove up to `limit` per-resident responses of a closed survey.
		///
		/// Who: anyone, once `RetentionPeriod` blocks have passed since the survey was closed
		/// (or cancelled).
		/// Pays a fee, refunded down to the responses actually removed.
		///
		/// - `survey`: the closed or cancelled survey.
		/// - `limit`: how many responses to remove at most, from 1 to `MaxReapBatch`.
		///
		/// Tallies, counts, turnout and texts stay. In an anonymous survey, once its responses
		/// are gone, the rest of `limit` removes its rings' records (pallet-rings' member pages
		/// and ring roots; their summary stays). The deposit is released when nothing is left.
		/// Call again until `remaining` is 0 (and, if anonymous, until pallet-rings emits
		/// `RingsForgotten`). Emits `ResponsesReaped`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reap_responses(*limit)
			.saturating_add(T::Rings::forget_weight(*limit))
			.saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn reap_responses(
			origin: OriginFor<T>,
			survey: SurveyId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_responses(survey, limit)
		}

		/// Create a survey answered anonymously (匿名问卷): as `create_survey`, but residents
		/// answer with `respond_anonymously`, under a per-survey alias, and `respond`/`amend` are
		/// refused (`ResponsesAreAnonymous`).
		///
		/// Who: as `create_survey`. Pays a fee. The survey's rings (pallet-rings) are opened for
		/// `opens_at`: from that block they are fixed from the member keys of the residents in
		/// `scope` who registered a key before it, and anonymous responses are accepted once they
		/// are built (`RingsNotReady` until then). Residents who have no member key can't answer
		/// this survey. Holds `SurveyDeposit` and `RingMemberDeposit` per resident in `scope`
		/// (for the member keys its rings store until `reap_responses` removes them). Emits
		/// `SurveyCreated` (and pallet-rings' `RingsOpened`).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::create_anonymous_survey().saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1)))]
		pub fn create_anonymous_survey(
			origin: OriginFor<T>,
			scope: Scope,
			title: TitleOf<T>,
			questions: QuestionsOf<T>,
			opens_at: BlockNumberFor<T>,
			closes_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_anonymous_survey(
				who,
				SurveyTerms { scope, title, questions, opens_at, closes_at },
			)
		}

		/// Answer, or amend one's answer to, an anonymous survey (匿名回答): a transaction with no
		/// signer (a general transaction, authorized by its proof), so no account, nonce or fee
		/// appears; the resident's app, a relay or an officer may submit it. Valid (and so free)
		/// exactly when the proof verifies: an invalid one never enters a block.
		///
		/// - `ring`: the survey ring whose members the proof is made with.
		/// - `seq`: 0 for the alias's first response, one more for each amendment (at most
		///   `MaxAmendments`); an earlier response's proof can't be replayed.
		/// - `alias`: the respondent's alias in the survey (the proof's output).
		/// - `answers`: one answer per question, validated as in `respond`.
		/// - `proof`: the ring-VRF proof, by a member of ring `ring`, in the survey's context
		///   (`gongzhi_primitives::anon::context(Survey, genesis, survey)`), over
		///   `anon::message(survey, ring, answers, seq)`.
		///
		/// Refused (before a block, as `InvalidTransaction::Custom(i)` where `i` is the index of
		/// this pallet's error) with `UnknownSurvey`, `NotAnonymous`, `SurveyClosed`,
		/// `SurveyCancelled`, `NotYetOpen`, `ResponseWindowOver`, `StaleSequence`,
		/// `SequenceAhead`, `TooManyAmendments`, `AnswersUnchanged`, the answers' errors,
		/// `RingsNotReady`, `UnknownRing`, `BadProof`. Emits `AnonymousResponseSubmitted`.
		#[pallet::call_index(7)]
		#[pallet::weight_of_authorize(T::WeightInfo::authorize_anonymous_response().saturating_add(T::Rings::verify_weight()))]
		#[pallet::authorize(Pallet::<T>::authorize_anonymous_response)]
		pub fn respond_anonymously(
			origin: OriginFor<T>,
			survey: SurveyId,
			ring: u32,
			seq: u32,
			alias: Alias,
			answers: AnswersOf<T>,
			proof: BoundedVec<u8, ConstU32<MAX_PROOF_LEN>>,
		) -> DispatchResult {
			ensure_authorized(origin)?;
			let _ = proof; // verified when the transaction was authorized
			Self::do_respond_anonymously(survey, ring, seq, alias, answers)
		}
	}
}
