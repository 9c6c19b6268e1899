//! Records, call arguments and view types of pallet-needs-survey, with the state machine of a
//! survey ([`SurveyStatus`]) and the per-question tally that also describes the question's shape
//! ([`QuestionTally`]).

use crate::{Config, Error};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{OfficeId, Scope, SurveyId};
use scale_info::TypeInfo;
use sp_runtime::Permill;

/// The lowest value of a rating answer (1 = very dissatisfied / not needed at all).
pub const RATING_MIN: u8 = 1;
/// The highest value of a rating answer (5 = very satisfied / needed most).
pub const RATING_MAX: u8 = 5;
/// How many values a rating answer can take (`RATING_MIN..=RATING_MAX`).
pub const RATING_LEVELS: usize = 5;

/// A survey's title: short UTF-8, at most `MaxTitleLen` bytes.
pub type TitleOf<T> = BoundedVec<u8, <T as Config>::MaxTitleLen>;
/// A question's text: short UTF-8, at most `MaxPromptLen` bytes.
pub type PromptOf<T> = BoundedVec<u8, <T as Config>::MaxPromptLen>;
/// One option's label: short UTF-8, at most `MaxOptionLen` bytes.
pub type OptionLabelOf<T> = BoundedVec<u8, <T as Config>::MaxOptionLen>;
/// The labels of a choice question's options, in order; an answer names an option by its index.
pub type OptionsOf<T> = BoundedVec<OptionLabelOf<T>, <T as Config>::MaxOptions>;
/// A survey's questions, in order.
pub type QuestionsOf<T> = BoundedVec<Question<T>, <T as Config>::MaxQuestions>;
/// A response: one answer per question, in the questions' order.
pub type AnswersOf<T> = BoundedVec<Answer<T>, <T as Config>::MaxQuestions>;
/// The options a resident picked in a multiple-choice question (indices, each at most once).
pub type ChoicesOf<T> = BoundedVec<u8, <T as Config>::MaxOptions>;
/// Per-option counts of a choice question, one per option.
pub type CountsOf<T> = BoundedVec<u32, <T as Config>::MaxOptions>;
/// A survey's tallies, one per question, in order.
pub type TalliesOf<T> = BoundedVec<QuestionTally<T>, <T as Config>::MaxQuestions>;

/// What kind of answer a question asks for.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum QuestionKind<T: Config> {
	/// Pick exactly one of `options`.
	SingleChoice {
		/// The options' labels (at least one).
		options: OptionsOf<T>,
	},
	/// Pick between 1 and `max_choices` of `options`.
	MultipleChoice {
		/// The options' labels (at least one).
		options: OptionsOf<T>,
		/// The most options one answer may pick (1 ≤ `max_choices` ≤ number of options).
		max_choices: u8,
	},
	/// A rating from 1 (lowest) to 5 (highest).
	Rating,
}

/// One question of a survey, as its creator wrote it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Question<T: Config> {
	/// The question's text, as shown to residents.
	pub prompt: PromptOf<T>,
	/// What kind of answer it asks for, with its options.
	pub kind: QuestionKind<T>,
}

/// A resident's answer to one question. Its variant must match the question's kind.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum Answer<T: Config> {
	/// For a single-choice question: the index of the chosen option (0-based).
	Choice(u8),
	/// For a multiple-choice question: the indices of the chosen options (0-based, in any order,
	/// each at most once, at least one and at most the question's `max_choices`).
	Choices(ChoicesOf<T>),
	/// For a rating question: a value from 1 to 5.
	Rating(u8),
}

/// The running tally of one question. It also carries the question's shape (how many options,
/// how many may be picked), so that `respond` validates and counts an answer from this record
/// alone, without reading the question texts.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum QuestionTally<T: Config> {
	/// A single-choice question: how many responses chose each option.
	SingleChoice {
		/// One count per option, in the options' order.
		counts: CountsOf<T>,
	},
	/// A multiple-choice question: how many responses included each option.
	MultipleChoice {
		/// One count per option, in the options' order.
		counts: CountsOf<T>,
		/// The most options one answer may pick.
		max_choices: u8,
	},
	/// A rating question: how many responses gave each value. The number of ratings and their
	/// sum follow from it, so they are not stored (one less thing that could disagree).
	Rating {
		/// `histogram[v - 1]` responses rated `v`, for `v` in 1..=5.
		histogram: [u32; RATING_LEVELS],
	},
}

impl<T: Config> QuestionTally<T> {
	/// An empty tally for a question of `kind`.
	pub fn new(kind: &QuestionKind<T>) -> Self {
		// `options.len() <= MaxOptions`, so `truncate_from` keeps every count.
		let zeroes =
			|options: &OptionsOf<T>| CountsOf::<T>::truncate_from(alloc::vec![0; options.len()]);
		match kind {
			QuestionKind::SingleChoice { options } => {
				QuestionTally::SingleChoice { counts: zeroes(options) }
			},
			QuestionKind::MultipleChoice { options, max_choices } => {
				QuestionTally::MultipleChoice { counts: zeroes(options), max_choices: *max_choices }
			},
			QuestionKind::Rating => QuestionTally::Rating { histogram: [0; RATING_LEVELS] },
		}
	}

	/// Whether `answer` is a valid answer to this question.
	pub fn validate(&self, answer: &Answer<T>) -> Result<(), Error<T>> {
		match (self, answer) {
			(QuestionTally::SingleChoice { counts }, Answer::Choice(index)) => {
				ensure!(usize::from(*index) < counts.len(), Error::<T>::OptionOutOfRange);
				Ok(())
			},
			(QuestionTally::MultipleChoice { counts, max_choices }, Answer::Choices(choices)) => {
				ensure!(!choices.is_empty(), Error::<T>::NoChoiceMade);
				ensure!(choices.len() <= usize::from(*max_choices), Error::<T>::TooManyChoices);
				// An option index is a `u8`, so 256 flags cover every possible index.
				let mut seen = [false; 256];
				for index in choices.iter() {
					ensure!(usize::from(*index) < counts.len(), Error::<T>::OptionOutOfRange);
					let flag = &mut seen[usize::from(*index)];
					ensure!(!*flag, Error::<T>::DuplicateChoice);
					*flag = true;
				}
				Ok(())
			},
			(QuestionTally::Rating { .. }, Answer::Rating(value)) => {
				ensure!((RATING_MIN..=RATING_MAX).contains(value), Error::<T>::RatingOutOfRange);
				Ok(())
			},
			_ => Err(Error::<T>::AnswerKindMismatch),
		}
	}

	/// Counts a validated `answer` in.
	///
	/// Saturating: a count never exceeds the number of responses, which is at most one per
	/// `ResidentId` (a `u32`), so it cannot reach `u32::MAX` in practice; saturating keeps the
	/// runtime panic-free if it ever did, and `try_state` would then report the disagreement.
	pub fn add(&mut self, answer: &Answer<T>) {
		self.adjust(answer, |count| *count = count.saturating_add(1));
	}

	/// Counts a previously counted `answer` out (when a resident amends a response).
	///
	/// Saturating: the answer was counted in when it was stored, so each count it touches is at
	/// least 1; saturating keeps the runtime panic-free should storage ever disagree, which
	/// `try_state` would then report.
	pub fn remove(&mut self, answer: &Answer<T>) {
		self.adjust(answer, |count| *count = count.saturating_sub(1));
	}

	fn adjust(&mut self, answer: &Answer<T>, mut step: impl FnMut(&mut u32)) {
		match (self, answer) {
			(QuestionTally::SingleChoice { counts }, Answer::Choice(index)) => {
				if let Some(count) = counts.get_mut(usize::from(*index)) {
					step(count)
				}
			},
			(QuestionTally::MultipleChoice { counts, .. }, Answer::Choices(choices)) => {
				for index in choices.iter() {
					if let Some(count) = counts.get_mut(usize::from(*index)) {
						step(count)
					}
				}
			},
			(QuestionTally::Rating { histogram }, Answer::Rating(value)) => {
				if let Some(count) =
					(*value).checked_sub(RATING_MIN).and_then(|i| histogram.get_mut(usize::from(i)))
				{
					step(count)
				}
			},
			// Answers are validated before they are counted; a mismatched one counts nowhere.
			_ => {},
		}
	}

	/// Whether this tally was made for a question of `kind` (same kind, same number of options,
	/// same `max_choices`). Used by `try_state`.
	pub fn fits(&self, kind: &QuestionKind<T>) -> bool {
		match (self, kind) {
			(QuestionTally::SingleChoice { counts }, QuestionKind::SingleChoice { options }) => {
				counts.len() == options.len()
			},
			(
				QuestionTally::MultipleChoice { counts, max_choices },
				QuestionKind::MultipleChoice { options, max_choices: m },
			) => counts.len() == options.len() && max_choices == m,
			(QuestionTally::Rating { .. }, QuestionKind::Rating) => true,
			_ => false,
		}
	}

	/// The same counts, zeroed: the starting point when `try_state` recounts stored responses.
	pub fn zeroed(&self) -> Self {
		let mut tally = self.clone();
		match &mut tally {
			QuestionTally::SingleChoice { counts }
			| QuestionTally::MultipleChoice { counts, .. } => counts.iter_mut().for_each(|c| *c = 0),
			QuestionTally::Rating { histogram } => *histogram = [0; RATING_LEVELS],
		}
		tally
	}
}

/// Where a survey is in its life.
///
/// ```text
///            create_survey
///                 │
///                 ▼
///   ┌──────────── Open ────────────┐
///   │ cancel (creator,             │ close (anyone from `closes_at`;
///   │ no responses)                │ the creator earlier if no responses)
///   ▼                              ▼
/// Cancelled                     Closed ──reap_responses (after RetentionPeriod)──▶ Closed
///                                                                  (responses removed, results kept)
/// ```
///
/// While `Open`, whether responses are accepted depends on the block: from `opens_at` up to (not
/// including) `closes_at`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub enum SurveyStatus<BlockNumber> {
	/// Not yet finalised. Accepts responses and amendments while `opens_at <= now < closes_at`.
	Open,
	/// Finalised: tallies frozen, turnout recorded.
	Closed {
		/// The block in which it was closed; the retention period runs from here.
		at: BlockNumber,
		/// Responses ÷ eligible residents, capped at 100%.
		turnout: Permill,
		/// How many per-resident responses `reap_responses` has removed so far.
		reaped: u32,
	},
	/// Withdrawn: by its creator before anyone responded, or by its street office (or the
	/// chain's admin origin) at any time. Its tallies count for nothing; any responses it had
	/// are reaped like a closed survey's, after the retention period.
	Cancelled {
		/// The block in which it was cancelled; the retention period runs from here.
		at: BlockNumber,
		/// How many per-resident responses `reap_responses` has removed so far.
		reaped: u32,
	},
}

/// An amount of the chain's token, as the pallet's `Currency` counts it.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// One resident's response to one survey, as stored.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Response<T: Config> {
	/// The answers, one per question, in order.
	pub answers: AnswersOf<T>,
	/// How many times the resident has amended them (at most `MaxAmendments`): a free call
	/// must not be repeatable without limit.
	pub amendments: u8,
}

/// The small record of a survey: everything `respond` reads and writes — scope, window, state,
/// counts and tallies — and nothing else (title and texts live in `SurveyTexts`).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct SurveyInfo<T: Config> {
	/// Whose residents are asked.
	pub scope: Scope,
	/// The street office of `scope`, fixed at creation (indexes `OpenSurveys`).
	pub office: OfficeId,
	/// Who created it: may cancel it, or close it early, while nobody has responded and while
	/// they still manage its scope (an officer who is removed keeps no power over it).
	pub creator: T::AccountId,
	/// The first block in which residents may respond. Only residents registered strictly before
	/// it may respond.
	pub opens_at: BlockNumberFor<T>,
	/// The first block in which responses are no longer accepted and anyone may close it.
	pub closes_at: BlockNumberFor<T>,
	/// Residents in `scope` when the survey was created: the turnout's denominator.
	pub eligible: u32,
	/// Responses received (one per resident; amendments don't add).
	pub responses: u32,
	/// Open, closed or cancelled.
	pub status: SurveyStatus<BlockNumberFor<T>>,
	/// One tally per question, in order.
	pub tallies: TalliesOf<T>,
	/// The deposit held from `creator` while the survey's storage is outstanding; zero once
	/// released.
	pub deposit: BalanceOf<T>,
	/// How residents answer: under their resident number (`respond`, `amend`) or anonymously
	/// under a per-survey alias (`respond_anonymously`). Fixed at creation.
	pub mode: ResponseMode,
}

/// How residents answer a survey (fixed when it is created).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub enum ResponseMode {
	/// Under the resident's number (`respond`, `amend`): the chain keeps one response per
	/// resident, readable by anyone until reaped.
	#[default]
	Named,
	/// Anonymously (匿名问卷): under an alias that only a member of the survey's rings can
	/// make, unlinkable to the resident's account and to their aliases elsewhere
	/// (`respond_anonymously`). The rings are fixed at the survey's opening block from the
	/// member keys registered before it, in scope (pallet-rings).
	Anonymous,
}

/// What a survey says: its title and questions with their options, exactly as created. Read by
/// user interfaces, never by `respond`.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct SurveyText<T: Config> {
	/// The survey's title.
	pub title: TitleOf<T>,
	/// The questions, in order.
	pub questions: QuestionsOf<T>,
}

/// A new survey's terms — where, what it asks and when — as `create_survey` and
/// `create_anonymous_survey` receive them: checked, then stored (as [`SurveyInfo`] and
/// [`SurveyText`]) as one.
pub struct SurveyTerms<T: Config> {
	/// The community or office whose residents answer.
	pub scope: Scope,
	/// The survey's title.
	pub title: TitleOf<T>,
	/// The questions, in order.
	pub questions: QuestionsOf<T>,
	/// The first block that takes responses.
	pub opens_at: BlockNumberFor<T>,
	/// The block from which no response is taken.
	pub closes_at: BlockNumberFor<T>,
}

/// What `respond` and `amend` will write, as computed by their read-only checks.
pub struct ResponsePlan<T: Config> {
	/// The survey answered.
	pub survey: SurveyId,
	/// The resident answering.
	pub resident: gongzhi_primitives::ResidentId,
	/// The survey record with the tallies and count already updated.
	pub info: SurveyInfo<T>,
}

// ---------------------------------------------------------------------------------------------
// Views for the runtime API.
// ---------------------------------------------------------------------------------------------

/// Where a survey stands at the block a view was read.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum SurveyPhase {
	/// Created; responses are accepted from `opensAt`.
	Upcoming,
	/// Accepting responses and amendments.
	Open,
	/// Past `closesAt`, waiting for someone to close it; results are final in practice.
	AwaitingClose,
	/// Closed: results frozen.
	Closed,
	/// Cancelled by its creator before anyone responded.
	Cancelled,
}

/// The results of one question.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum QuestionResults {
	/// A single-choice question.
	SingleChoice {
		/// How many responses chose each option, in the options' order.
		counts: Vec<u32>,
	},
	/// A multiple-choice question.
	MultipleChoice {
		/// How many responses included each option, in the options' order.
		counts: Vec<u32>,
		/// The most options one answer could pick.
		max_choices: u8,
	},
	/// A 1–5 rating question.
	Rating {
		/// How many ratings were given.
		count: u32,
		/// Their sum (the average is `sum / count`).
		sum: u64,
		/// `histogram[v - 1]` ratings of value `v`, for `v` in 1..=5.
		histogram: [u32; RATING_LEVELS],
	},
}

impl<T: Config> From<&QuestionTally<T>> for QuestionResults {
	fn from(tally: &QuestionTally<T>) -> Self {
		match tally {
			QuestionTally::SingleChoice { counts } => {
				QuestionResults::SingleChoice { counts: counts.to_vec() }
			},
			QuestionTally::MultipleChoice { counts, max_choices } => {
				QuestionResults::MultipleChoice {
					counts: counts.to_vec(),
					max_choices: *max_choices,
				}
			},
			QuestionTally::Rating { histogram } => {
				// u64 sums of u32 counts times at most 5 cannot overflow.
				let count = histogram.iter().map(|c| u64::from(*c)).sum::<u64>();
				let sum = histogram
					.iter()
					.zip(RATING_MIN..=RATING_MAX)
					.map(|(c, v)| u64::from(*c) * u64::from(v))
					.sum::<u64>();
				QuestionResults::Rating {
					count: u32::try_from(count).unwrap_or(u32::MAX),
					sum,
					histogram: *histogram,
				}
			},
		}
	}
}

/// A survey's results, readable at any time (live while open, frozen once closed).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct SurveyResults<BlockNumber> {
	/// The survey.
	pub survey: SurveyId,
	/// Whose residents are asked.
	pub scope: Scope,
	/// The first block accepting responses.
	pub opens_at: BlockNumber,
	/// The first block no longer accepting responses.
	pub closes_at: BlockNumber,
	/// Where the survey stands now.
	pub phase: SurveyPhase,
	/// The block it was closed or cancelled in, if it was.
	pub finalised_at: Option<BlockNumber>,
	/// Responses received.
	pub responses: u32,
	/// Residents in scope when the survey was created.
	pub eligible: u32,
	/// Turnout in parts per million (1_000_000 = 100%): recorded at close, or computed now while
	/// the survey is open. Capped at 100%.
	pub turnout_permill: u32,
	/// The survey's title.
	pub title: alloc::string::String,
	/// Each question's prompt and option labels, in order (parallel to `questions`).
	pub texts: Vec<QuestionText>,
	/// One entry per question, in order.
	pub questions: Vec<QuestionResults>,
}

/// A question as residents read it: its prompt and, for a choice question, its options' labels.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct QuestionText {
	/// The question.
	pub prompt: alloc::string::String,
	/// The options' labels, in order (empty for a rating question).
	pub options: Vec<alloc::string::String>,
}

impl<T: Config> From<&Question<T>> for QuestionText {
	fn from(question: &Question<T>) -> Self {
		use gongzhi_primitives::view_text;
		let options = match &question.kind {
			QuestionKind::SingleChoice { options }
			| QuestionKind::MultipleChoice { options, .. } => options.iter().map(|o| view_text(o)).collect(),
			QuestionKind::Rating => Vec::new(),
		};
		Self { prompt: view_text(&question.prompt), options }
	}
}
