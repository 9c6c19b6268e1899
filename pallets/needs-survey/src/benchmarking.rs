//! Benchmarks of pallet-needs-survey (v2 syntax), each at its call's worst case: the largest
//! survey (`MaxQuestions` multiple-choice questions of `MaxOptions` full-length options, every
//! option pickable), answers that pick every option, an officer (the later of `may_manage`'s two
//! checks) as creator, a full open index, and a full reaping batch.

use super::*;
use crate::Pallet as NeedsSurvey;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_support::BoundedVec;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{
	anon::{Alias, MAX_PROOF_LEN},
	CommunityId, CommunityRegistry, OfficeId, ResidentId, Scope, SurveyId,
};
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

fn block<T: Config>(n: u32) -> BlockNumberFor<T> {
	n.into()
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

/// An office with one community and an officer of it.
struct Scene<T: Config> {
	office: OfficeId,
	community: CommunityId,
	officer: T::AccountId,
}

fn scene<T: Config>() -> Scene<T> {
	let admin: T::AccountId = account("admin", 0, SEED);
	let office = T::Registry::bench_office(&admin);
	let community = T::Registry::bench_community(office);
	let officer: T::AccountId = account("officer", 0, SEED);
	T::Registry::bench_officer(community, &officer);
	fund::<T>(&officer);
	Scene { office, community, officer }
}

/// Gives `who` enough to pay many survey deposits.
fn fund<T: Config>(who: &T::AccountId) {
	use frame_support::traits::fungible::{Inspect, Mutate};
	let deposit = T::SurveyDeposit::get();
	let plenty =
		T::Currency::minimum_balance().saturating_add(deposit.saturating_mul(1_000u32.into()));
	T::Currency::set_balance(who, plenty);
}

fn max_options<T: Config>() -> u8 {
	// `integrity_test` guarantees `MaxOptions <= 255`.
	u8::try_from(T::MaxOptions::get()).unwrap_or(u8::MAX)
}

/// `MaxQuestions` multiple-choice questions, each with `MaxOptions` options of `MaxOptionLen`
/// bytes, all of which may be picked; full-length prompts.
fn largest_questions<T: Config>() -> QuestionsOf<T> {
	let options: OptionsOf<T> = (0..T::MaxOptions::get())
		.map(|_| {
			OptionLabelOf::<T>::truncate_from(alloc::vec![b'o'; T::MaxOptionLen::get() as usize])
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("MaxOptions options fit");
	let question = Question::<T> {
		prompt: PromptOf::<T>::truncate_from(alloc::vec![b'q'; T::MaxPromptLen::get() as usize]),
		kind: QuestionKind::MultipleChoice { options, max_choices: max_options::<T>() },
	};
	QuestionsOf::<T>::truncate_from(alloc::vec![question; T::MaxQuestions::get() as usize])
}

/// Answers to [`largest_questions`] that pick every option, in `order` (so two answers can
/// differ).
fn all_choices<T: Config>(reverse: bool) -> AnswersOf<T> {
	let mut indices: Vec<u8> = (0..max_options::<T>()).collect();
	if reverse {
		indices.reverse();
	}
	let answer = Answer::<T>::Choices(ChoicesOf::<T>::truncate_from(indices));
	AnswersOf::<T>::truncate_from(alloc::vec![answer; T::MaxQuestions::get() as usize])
}

fn one_rating<T: Config>() -> QuestionsOf<T> {
	QuestionsOf::<T>::truncate_from(alloc::vec![Question::<T> {
		prompt: Default::default(),
		kind: QuestionKind::Rating,
	}])
}

fn full_title<T: Config>() -> TitleOf<T> {
	TitleOf::<T>::truncate_from(alloc::vec![b't'; T::MaxTitleLen::get() as usize])
}

/// Creates a survey as the scene's officer, returning its id.
fn create<T: Config>(
	s: &Scene<T>,
	questions: QuestionsOf<T>,
	opens_at: BlockNumberFor<T>,
) -> Result<SurveyId, BenchmarkError> {
	let id = NextSurveyId::<T>::get();
	NeedsSurvey::<T>::create_survey(
		RawOrigin::Signed(s.officer.clone()).into(),
		Scope::Community(s.community),
		full_title::<T>(),
		questions,
		opens_at,
		opens_at.saturating_add(T::MaxDuration::get()),
	)
	.map_err(|_| BenchmarkError::Stop("cannot create a survey"))?;
	Ok(id)
}

/// Fills the office's open index up to `MaxOpenSurveysPerOffice - room` surveys.
fn fill_open_index<T: Config>(s: &Scene<T>, room: u32) -> Result<(), BenchmarkError> {
	let now = frame_system::Pallet::<T>::block_number();
	for _ in 0..T::MaxOpenSurveysPerOffice::get().saturating_sub(room) {
		create::<T>(s, one_rating::<T>(), now)?;
	}
	Ok(())
}

/// Registers a resident of the scene's community at the current block.
fn resident<T: Config>(s: &Scene<T>, index: u32) -> (T::AccountId, gongzhi_primitives::ResidentId) {
	let who: T::AccountId = account("resident", index, SEED);
	let id = T::Registry::bench_resident(&who, s.community, None);
	(who, id)
}

/// The worst case of `respond`: resident 0 and the largest survey, open at block 2.
fn answering<T: Config>() -> Result<(T::AccountId, ResidentId, SurveyId), BenchmarkError> {
	set_block::<T>(1);
	let s = scene::<T>();
	let (who, resident) = resident::<T>(&s, 0);
	let survey = create::<T>(&s, largest_questions::<T>(), block::<T>(2))?;
	set_block::<T>(2);
	Ok((who, resident, survey))
}

/// The worst case of `amend`: as [`answering`], with a response that picks every option.
fn answered<T: Config>() -> Result<(T::AccountId, ResidentId, SurveyId), BenchmarkError> {
	let (who, resident, survey) = answering::<T>()?;
	NeedsSurvey::<T>::respond(
		RawOrigin::Signed(who.clone()).into(),
		survey,
		all_choices::<T>(false),
	)
	.map_err(|_| BenchmarkError::Stop("cannot respond"))?;
	Ok((who, resident, survey))
}

/// The worst case of an anonymous response: the largest survey, anonymous, open at block 2, and
/// an alias whose first response picks every option (so the next one is an amendment: every
/// count out and in again). Returns the survey and the alias.
fn answered_anonymously<T: Config>() -> Result<(SurveyId, Alias), BenchmarkError> {
	set_block::<T>(1);
	let s = scene::<T>();
	let survey = NextSurveyId::<T>::get();
	NeedsSurvey::<T>::create_anonymous_survey(
		RawOrigin::Signed(s.officer.clone()).into(),
		Scope::Community(s.community),
		full_title::<T>(),
		largest_questions::<T>(),
		block::<T>(2),
		block::<T>(2).saturating_add(T::MaxDuration::get()),
	)
	.map_err(|_| BenchmarkError::Stop("cannot create an anonymous survey"))?;
	set_block::<T>(2);
	let alias = [7u8; 32];
	NeedsSurvey::<T>::do_respond_anonymously(survey, 0, 0, alias, all_choices::<T>(false))?;
	Ok((survey, alias))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The largest survey, by an officer, with one place left in the office's open index.
	#[benchmark]
	fn create_survey() -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let s = scene::<T>();
		fill_open_index::<T>(&s, 1)?;
		let scope = Scope::Community(s.community);
		let opens_at = block::<T>(2);
		let closes_at = opens_at.saturating_add(T::MaxDuration::get());
		let survey = NextSurveyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.officer.clone()),
			scope,
			full_title::<T>(),
			largest_questions::<T>(),
			opens_at,
			closes_at,
		);

		assert_last_event::<T>(Event::SurveyCreated {
			survey,
			scope,
			creator: s.officer,
			opens_at,
			closes_at,
		});
		assert_eq!(OpenSurveys::<T>::get(s.office).len() as u32, T::MaxOpenSurveysPerOffice::get());
		Ok(())
	}

	/// A response picking every option of every question of the largest survey.
	#[benchmark]
	fn respond() -> Result<(), BenchmarkError> {
		let (who, resident, survey) = answering::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), survey, all_choices::<T>(false));

		assert_last_event::<T>(Event::ResponseSubmitted { survey, resident });
		assert_eq!(Surveys::<T>::get(survey).map(|i| i.responses), Some(1));
		Ok(())
	}

	/// Replacing a response that picks every option by another that picks every option: every
	/// count is decremented and incremented again.
	#[benchmark]
	fn amend() -> Result<(), BenchmarkError> {
		let (who, resident, survey) = answered::<T>()?;
		let answers = all_choices::<T>(true);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), survey, answers.clone());

		assert_last_event::<T>(Event::ResponseAmended { survey, resident });
		assert_eq!(Responses::<T>::get(survey, resident).map(|r| r.answers), Some(answers));
		Ok(())
	}

	/// The check that decides whether `respond` is free (its `feeless_if`), run alone: the
	/// transaction extension runs it before the call, and the runtime charges it.
	#[benchmark]
	fn feeless_respond() -> Result<(), BenchmarkError> {
		let (who, _, survey) = answering::<T>()?;
		let answers = all_choices::<T>(false);
		let free;

		#[block]
		{
			free = NeedsSurvey::<T>::ensure_respond(&who, survey, &answers).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// The check that decides whether `amend` is free, run alone, for `amend`'s worst case.
	#[benchmark]
	fn feeless_amend() -> Result<(), BenchmarkError> {
		let (who, _, survey) = answered::<T>()?;
		let answers = all_choices::<T>(true);
		let free;

		#[block]
		{
			free = NeedsSurvey::<T>::ensure_amend(&who, survey, &answers).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// Closing, by someone other than the creator after the window, the newest of a full open
	/// index (the one found last), with a response.
	#[benchmark]
	fn close() -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let s = scene::<T>();
		let (who, _) = resident::<T>(&s, 0);
		fill_open_index::<T>(&s, 1)?;
		let survey = create::<T>(&s, largest_questions::<T>(), block::<T>(2))?;
		set_block::<T>(2);
		NeedsSurvey::<T>::respond(RawOrigin::Signed(who).into(), survey, all_choices::<T>(false))
			.map_err(|_| BenchmarkError::Stop("cannot respond"))?;
		let closes_at = block::<T>(2).saturating_add(T::MaxDuration::get());
		frame_system::Pallet::<T>::set_block_number(closes_at);
		let anyone: T::AccountId = account("anyone", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), survey);

		let eligible = T::Registry::residents_in(Scope::Community(s.community));
		assert_last_event::<T>(Event::SurveyClosed {
			survey,
			responses: 1,
			eligible,
			turnout: NeedsSurvey::<T>::turnout(1, eligible),
		});
		assert!(!OpenSurveys::<T>::get(s.office).contains(&survey));
		Ok(())
	}

	/// Cancelling, by its creator, the newest of a full open index.
	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let s = scene::<T>();
		fill_open_index::<T>(&s, 1)?;
		let survey = create::<T>(&s, largest_questions::<T>(), block::<T>(2))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(s.officer.clone()), survey);

		assert_last_event::<T>(Event::SurveyCancelled { survey });
		assert!(!OpenSurveys::<T>::get(s.office).contains(&survey));
		Ok(())
	}

	/// Removing `n` responses, all that a closed survey has, once its retention period is over.
	#[benchmark]
	fn reap_responses(n: Linear<1, { T::MaxReapBatch::get() }>) -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let s = scene::<T>();
		let residents: Vec<T::AccountId> = (0..n).map(|i| resident::<T>(&s, i).0).collect();
		let survey = create::<T>(&s, largest_questions::<T>(), block::<T>(2))?;
		set_block::<T>(2);
		for who in residents {
			NeedsSurvey::<T>::respond(
				RawOrigin::Signed(who).into(),
				survey,
				all_choices::<T>(false),
			)
			.map_err(|_| BenchmarkError::Stop("cannot respond"))?;
		}
		let closes_at = block::<T>(2).saturating_add(T::MaxDuration::get());
		frame_system::Pallet::<T>::set_block_number(closes_at);
		NeedsSurvey::<T>::close(RawOrigin::Signed(s.officer.clone()).into(), survey)
			.map_err(|_| BenchmarkError::Stop("cannot close"))?;
		frame_system::Pallet::<T>::set_block_number(
			closes_at.saturating_add(T::RetentionPeriod::get()),
		);
		let anyone: T::AccountId = account("anyone", 0, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), survey, n);

		assert_last_event::<T>(Event::ResponsesReaped { survey, removed: n, remaining: 0 });
		assert_eq!(Responses::<T>::iter_prefix(survey).count(), 0);
		Ok(())
	}

	/// The largest anonymous survey, by an officer, with one place left in the office's open
	/// index: `create_survey`'s work and the opening of its rings.
	#[benchmark]
	fn create_anonymous_survey() -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let s = scene::<T>();
		fill_open_index::<T>(&s, 1)?;
		let scope = Scope::Community(s.community);
		let opens_at = block::<T>(2);
		let closes_at = opens_at.saturating_add(T::MaxDuration::get());
		let survey = NextSurveyId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.officer.clone()),
			scope,
			full_title::<T>(),
			largest_questions::<T>(),
			opens_at,
			closes_at,
		);

		// Not the last event: pallet-rings' `RingsOpened` follows it in the runtime.
		frame_system::Pallet::<T>::assert_has_event(
			<T as frame_system::Config>::RuntimeEvent::from(Event::SurveyCreated {
				survey,
				scope,
				creator: s.officer,
				opens_at,
				closes_at,
			}),
		);
		assert_eq!(Surveys::<T>::get(survey).map(|i| i.mode), Some(ResponseMode::Anonymous));
		Ok(())
	}

	/// An anonymous amendment that replaces a response picking every option by another: the
	/// write once authorized (the proof was verified by `authorize_anonymous_response`).
	#[benchmark]
	fn respond_anonymously() -> Result<(), BenchmarkError> {
		let (survey, alias) = answered_anonymously::<T>()?;
		let answers = all_choices::<T>(true);
		let proof = BoundedVec::truncate_from(alloc::vec![0u8; MAX_PROOF_LEN as usize]);

		#[extrinsic_call]
		_(RawOrigin::Authorized, survey, 0, 1, alias, answers.clone(), proof);

		assert_last_event::<T>(Event::AnonymousResponseSubmitted {
			survey,
			ring: 0,
			alias,
			seq: 1,
		});
		assert_eq!(AnonymousResponses::<T>::get(survey, alias).map(|r| r.answers), Some(answers));
		Ok(())
	}

	/// The checks `authorize_anonymous_response` makes before the proof, for the same amendment:
	/// the proof's verification is pallet-rings' `verify` benchmark, which the call's authorize
	/// weight adds.
	#[benchmark]
	fn authorize_anonymous_response() -> Result<(), BenchmarkError> {
		let (survey, alias) = answered_anonymously::<T>()?;
		let answers = all_choices::<T>(true);

		#[block]
		{
			NeedsSurvey::<T>::ensure_anonymous_response(survey, 1, &alias, &answers)?;
		}
		Ok(())
	}

	impl_benchmark_test_suite!(NeedsSurvey, crate::mock::new_test_ext(), crate::mock::Test);
}
