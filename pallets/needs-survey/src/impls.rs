//! The logic behind the calls (`do_*`), the read-only checks they start with (`ensure_*`, also
//! used by `feeless_if`), the [`SurveyLookup`] implementation, the views for the runtime API and
//! `try_state`.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	anon::{self, Alias, AnonymousRings, ItemRef, ProofError, MAX_PROOF_LEN},
	CommunityRegistry, HasEntryPair, OfficeId, ResidentId, ResidentInfo, Scope, SurveyId,
	SurveyLookup,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	transaction_validity::{TransactionSource, TransactionValidityWithRefund},
	DispatchError, Permill,
};

/// What `create_survey` will write, as computed by its check.
pub(crate) struct CreatePlan<T: Config> {
	id: SurveyId,
	info: SurveyInfo<T>,
}

/// What `respond_anonymously` will write, as computed by its check.
pub struct AnonymousPlan<T: Config> {
	/// The survey record with the tallies and count already updated.
	pub info: SurveyInfo<T>,
	/// The response's amendment count (its `seq`) to store.
	pub amendments: u8,
}

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The weight of the check that decides whether `call` is free (its `feeless_if`:
	/// [`Pallet::ensure_respond`], [`Pallet::ensure_amend`]). The transaction extension runs it
	/// before the call, whether the call then turns out free or not, so the runtime charges it
	/// on top of the call's own weight. Zero for a call that is never free.
	pub fn feeless_check_weight(call: &Call<T>) -> Weight {
		match call {
			Call::respond { .. } => T::WeightInfo::feeless_respond(),
			Call::amend { .. } => T::WeightInfo::feeless_amend(),
			_ => Weight::zero(),
		}
	}

	/// Turnout: `responses / eligible`, capped at 100%; 0 when nobody was eligible.
	pub(crate) fn turnout(responses: u32, eligible: u32) -> Permill {
		if eligible == 0 {
			Permill::zero()
		} else {
			// `from_rational` saturates at 100% when `responses > eligible` (residents who
			// registered between creation and opening, see the crate docs).
			Permill::from_rational(responses, eligible)
		}
	}

	// ---------------------------------------------------------------------------------------
	// create_survey
	// ---------------------------------------------------------------------------------------

	/// The checks of `create_survey`: who may create, the questions, the window, the office's
	/// capacity and the next id. Returns the record to store.
	pub(crate) fn ensure_create(
		who: &T::AccountId,
		terms: &SurveyTerms<T>,
		mode: ResponseMode,
	) -> Result<CreatePlan<T>, DispatchError> {
		let SurveyTerms { scope, ref questions, opens_at, closes_at, .. } = *terms;
		let office = T::Registry::scope_office(scope).ok_or(Error::<T>::UnknownScope)?;
		ensure!(T::Registry::may_manage(who, scope), Error::<T>::NotManager);

		ensure!(!questions.is_empty(), Error::<T>::NoQuestions);
		for question in questions.iter() {
			match &question.kind {
				QuestionKind::SingleChoice { options } => {
					ensure!(!options.is_empty(), Error::<T>::NoOptions)
				},
				QuestionKind::MultipleChoice { options, max_choices } => {
					ensure!(!options.is_empty(), Error::<T>::NoOptions);
					ensure!(
						*max_choices >= 1 && usize::from(*max_choices) <= options.len(),
						Error::<T>::MaxChoicesOutOfRange
					);
				},
				QuestionKind::Rating => {},
			}
		}

		ensure!(opens_at >= Self::now(), Error::<T>::OpensInPast);
		ensure!(
			opens_at <= Self::now().saturating_add(T::MaxLeadTime::get()),
			Error::<T>::OpensTooLate
		);
		ensure!(closes_at > opens_at, Error::<T>::ClosesBeforeOpening);
		ensure!(
			closes_at.saturating_sub(opens_at) <= T::MaxDuration::get(),
			Error::<T>::WindowTooLong
		);

		let open = OpenSurveys::<T>::decode_len(office).unwrap_or(0);
		ensure!(open < T::MaxOpenSurveysPerOffice::get() as usize, Error::<T>::TooManyOpenSurveys);
		let id = NextSurveyId::<T>::get();
		id.checked_add(1).ok_or(Error::<T>::SurveyIdsExhausted)?;

		let eligible = T::Registry::residents_in(scope);
		// One tally per question; `questions.len() <= MaxQuestions`, so nothing is truncated.
		let tallies = TalliesOf::<T>::truncate_from(
			questions.iter().map(|q| QuestionTally::new(&q.kind)).collect(),
		);
		let info = SurveyInfo {
			scope,
			office,
			creator: who.clone(),
			opens_at,
			closes_at,
			eligible,
			responses: 0,
			status: SurveyStatus::Open,
			tallies,
			deposit: Self::deposit_for(mode, eligible),
			mode,
		};
		Ok(CreatePlan { id, info })
	}

	/// What a new survey holds from its creator: `SurveyDeposit`, and for an anonymous survey
	/// `RingMemberDeposit` more per resident in its scope now, for the rings that will store
	/// their member keys (returned when `reap_responses` has removed them).
	pub(crate) fn deposit_for(mode: ResponseMode, residents: u32) -> BalanceOf<T> {
		let rings = match mode {
			ResponseMode::Named => BalanceOf::<T>::zero(),
			ResponseMode::Anonymous => {
				T::RingMemberDeposit::get().saturating_mul(BalanceOf::<T>::from(residents))
			},
		};
		T::SurveyDeposit::get().saturating_add(rings)
	}

	/// `create_survey`: check, then store the survey, its texts and its place in the index.
	pub(crate) fn do_create_survey(who: T::AccountId, terms: SurveyTerms<T>) -> DispatchResult {
		Self::create(who, terms, ResponseMode::Named).map(|_| ())
	}

	/// `create_anonymous_survey`: as `create_survey`, then open the survey's rings for its
	/// opening block (pallet-rings fixes them from that block's member keys).
	pub(crate) fn do_create_anonymous_survey(
		who: T::AccountId,
		terms: SurveyTerms<T>,
	) -> DispatchResult {
		let (scope, opens_at) = (terms.scope, terms.opens_at);
		let id = Self::create(who, terms, ResponseMode::Anonymous)?;
		T::Rings::open(ItemRef::survey(id), scope, opens_at)
	}

	/// Checks, holds the deposit, stores the survey and emits `SurveyCreated`; returns its id.
	fn create(
		who: T::AccountId,
		terms: SurveyTerms<T>,
		mode: ResponseMode,
	) -> Result<SurveyId, DispatchError> {
		let CreatePlan { id, info } = Self::ensure_create(&who, &terms, mode)?;
		T::Currency::hold(&HoldReason::SurveyDeposit.into(), &who, info.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let SurveyTerms { scope, title, questions, opens_at, closes_at } = terms;
		Self::insert_survey(id, info, SurveyText { title, questions })?;
		Self::deposit_event(Event::<T>::SurveyCreated {
			survey: id,
			scope,
			creator: who,
			opens_at,
			closes_at,
		});
		Ok(id)
	}

	/// Stores a new survey under `id` and indexes it as open in its office.
	fn insert_survey(id: SurveyId, info: SurveyInfo<T>, text: SurveyText<T>) -> DispatchResult {
		// Checked by `ensure_create`; kept as an error rather than a panic.
		let next = id.checked_add(1).ok_or(Error::<T>::SurveyIdsExhausted)?;
		OpenSurveys::<T>::try_mutate(info.office, |open| open.try_push(id))
			.map_err(|_| Error::<T>::TooManyOpenSurveys)?;
		NextSurveyId::<T>::put(next);
		Surveys::<T>::insert(id, info);
		SurveyTexts::<T>::insert(id, text);
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// respond / amend
	// ---------------------------------------------------------------------------------------

	/// The checks shared by `respond` and `amend`: the survey is open now, and `who` is a
	/// resident in its scope registered before it opened. Returns the resident's number and the
	/// survey's record.
	fn ensure_may_answer(
		who: &T::AccountId,
		survey: SurveyId,
	) -> Result<(ResidentId, SurveyInfo<T>), DispatchError> {
		let info = Self::ensure_accepting(survey)?;
		ensure!(info.mode == ResponseMode::Named, Error::<T>::ResponsesAreAnonymous);

		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		ensure!(resident.is_in(&info.scope), Error::<T>::OutOfScope);
		ensure!(resident.registered_before(&info.opens_at), Error::<T>::RegisteredAfterOpening);
		Ok((resident.id, info))
	}

	/// The survey's record if it accepts answers at this block: open, from `opens_at` up to
	/// (not including) `closes_at`.
	fn ensure_accepting(survey: SurveyId) -> Result<SurveyInfo<T>, DispatchError> {
		let info = Self::ensure_open(survey)?;
		let now = Self::now();
		ensure!(now >= info.opens_at, Error::<T>::NotYetOpen);
		ensure!(now < info.closes_at, Error::<T>::ResponseWindowOver);
		Ok(info)
	}

	/// Whether `answers` answer every question of `tallies` validly.
	fn validate_answers(tallies: &TalliesOf<T>, answers: &AnswersOf<T>) -> DispatchResult {
		ensure!(answers.len() == tallies.len(), Error::<T>::WrongAnswerCount);
		for (tally, answer) in tallies.iter().zip(answers.iter()) {
			tally.validate(answer)?;
		}
		Ok(())
	}

	/// The read-only check of `respond`, also its `feeless_if` condition: `who` is a resident
	/// eligible for `survey` who has not responded, and `answers` are valid. Returns the survey
	/// record with the answers already counted in.
	pub fn ensure_respond(
		who: &T::AccountId,
		survey: SurveyId,
		answers: &AnswersOf<T>,
	) -> Result<ResponsePlan<T>, DispatchError> {
		let (resident, mut info) = Self::ensure_may_answer(who, survey)?;
		ensure!(!Responses::<T>::has_entry_pair(survey, resident), Error::<T>::AlreadyResponded);
		Self::validate_answers(&info.tallies, answers)?;

		for (tally, answer) in info.tallies.iter_mut().zip(answers.iter()) {
			tally.add(answer);
		}
		// Saturating: at most one response per `ResidentId` (a `u32`) can be counted.
		info.responses = info.responses.saturating_add(1);
		Ok(ResponsePlan { survey, resident, info })
	}

	/// `respond`: check, then store the response and the updated tallies.
	pub(crate) fn do_respond(
		who: T::AccountId,
		survey: SurveyId,
		answers: AnswersOf<T>,
	) -> DispatchResult {
		let ResponsePlan { survey, resident, info } = Self::ensure_respond(&who, survey, &answers)?;
		Surveys::<T>::insert(survey, info);
		Responses::<T>::insert(survey, resident, Response { answers, amendments: 0 });
		Self::deposit_event(Event::<T>::ResponseSubmitted { survey, resident });
		Ok(())
	}

	/// The read-only check of `amend`, also its `feeless_if` condition: `who` is a resident
	/// still eligible for `survey` who has responded and amended fewer than `MaxAmendments`
	/// times, and `answers` are valid and differ from the current ones. Returns the survey record
	/// with the old answers counted out and the new ones in, and the amendment count to store.
	pub fn ensure_amend(
		who: &T::AccountId,
		survey: SurveyId,
		answers: &AnswersOf<T>,
	) -> Result<(ResponsePlan<T>, u8), DispatchError> {
		let (resident, mut info) = Self::ensure_may_answer(who, survey)?;
		let previous = Responses::<T>::get(survey, resident).ok_or(Error::<T>::NoResponse)?;
		ensure!(previous.amendments < T::MaxAmendments::get(), Error::<T>::TooManyAmendments);
		ensure!(previous.answers != *answers, Error::<T>::AnswersUnchanged);
		Self::validate_answers(&info.tallies, answers)?;

		for ((tally, old), new) in
			info.tallies.iter_mut().zip(previous.answers.iter()).zip(answers.iter())
		{
			tally.remove(old);
			tally.add(new);
		}
		// Cannot overflow: `amendments < MaxAmendments <= u8::MAX` was checked above.
		let amendments = previous.amendments.saturating_add(1);
		Ok((ResponsePlan { survey, resident, info }, amendments))
	}

	/// `amend`: check, then store the new answers and the adjusted tallies.
	pub(crate) fn do_amend(
		who: T::AccountId,
		survey: SurveyId,
		answers: AnswersOf<T>,
	) -> DispatchResult {
		let (ResponsePlan { survey, resident, info }, amendments) =
			Self::ensure_amend(&who, survey, &answers)?;
		Surveys::<T>::insert(survey, info);
		Responses::<T>::insert(survey, resident, Response { answers, amendments });
		Self::deposit_event(Event::<T>::ResponseAmended { survey, resident });
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// respond_anonymously
	// ---------------------------------------------------------------------------------------

	/// Checks an anonymous response against the survey and the alias's earlier response (not
	/// the proof: [`Pallet::authorize_anonymous_response`] verifies it): the survey is anonymous
	/// and accepts answers, `seq` is the alias's next (0 first), an amendment is within
	/// `MaxAmendments` and changes something, and the answers are valid. Returns the survey
	/// record with the answers counted in (and an amended response's old answers out).
	pub fn ensure_anonymous_response(
		survey: SurveyId,
		seq: u32,
		alias: &Alias,
		answers: &AnswersOf<T>,
	) -> Result<AnonymousPlan<T>, DispatchError> {
		let mut info = Self::ensure_accepting(survey)?;
		ensure!(info.mode == ResponseMode::Anonymous, Error::<T>::NotAnonymous);
		let previous = AnonymousResponses::<T>::get(survey, alias);
		let expected = previous.as_ref().map_or(0, |r| u32::from(r.amendments).saturating_add(1));
		ensure!(seq >= expected, Error::<T>::StaleSequence);
		ensure!(seq == expected, Error::<T>::SequenceAhead);
		if let Some(previous) = &previous {
			ensure!(previous.amendments < T::MaxAmendments::get(), Error::<T>::TooManyAmendments);
			ensure!(previous.answers != *answers, Error::<T>::AnswersUnchanged);
		}
		Self::validate_answers(&info.tallies, answers)?;

		match &previous {
			Some(previous) => {
				for ((tally, old), new) in
					info.tallies.iter_mut().zip(previous.answers.iter()).zip(answers.iter())
				{
					tally.remove(old);
					tally.add(new);
				}
			},
			None => {
				for (tally, answer) in info.tallies.iter_mut().zip(answers.iter()) {
					tally.add(answer);
				}
				// At most one response per alias, one alias per ring member.
				info.responses = info.responses.saturating_add(1);
			},
		}
		// `seq == expected <= MaxAmendments <= u8::MAX`, checked above.
		let amendments = u8::try_from(seq).map_err(|_| Error::<T>::TooManyAmendments)?;
		Ok(AnonymousPlan { info, amendments })
	}

	/// Authorizes `respond_anonymously` (the `#[pallet::authorize]` of the call): the response
	/// passes [`Pallet::ensure_anonymous_response`] and its proof verifies, by a member of ring
	/// `ring`, over this response, giving `alias`. Valid until the survey's window ends; it
	/// provides `(survey, alias, seq)`, so the pool keeps one transaction per response. A
	/// refusal is `InvalidTransaction::Custom(i)`, `i` the index of this pallet's error.
	pub fn authorize_anonymous_response(
		_source: TransactionSource,
		survey: &SurveyId,
		ring: &u32,
		seq: &u32,
		alias: &Alias,
		answers: &AnswersOf<T>,
		proof: &BoundedVec<u8, ConstU32<MAX_PROOF_LEN>>,
	) -> TransactionValidityWithRefund {
		let plan = Self::ensure_anonymous_response(*survey, *seq, alias, answers)
			.map_err(anon::refusal)?;
		let claim = anon::Claim {
			item: ItemRef::survey(*survey),
			ring: *ring,
			alias,
			seq: *seq,
			message: anon::message(*survey, *ring, answers, *seq),
			tag: "GongzhiAnonResponse",
			valid_for: plan.info.closes_at.saturating_sub(Self::now()),
		};
		let validity = anon::authorize::<BlockNumberFor<T>, T::Rings, Error<T>>(claim, proof)?;
		Ok((validity, Weight::zero()))
	}

	/// `respond_anonymously` once authorized: check again, then store the response under its
	/// alias and the updated tallies.
	pub(crate) fn do_respond_anonymously(
		survey: SurveyId,
		ring: u32,
		seq: u32,
		alias: Alias,
		answers: AnswersOf<T>,
	) -> DispatchResult {
		let AnonymousPlan { info, amendments } =
			Self::ensure_anonymous_response(survey, seq, &alias, &answers)?;
		Surveys::<T>::insert(survey, info);
		AnonymousResponses::<T>::insert(survey, alias, Response { answers, amendments });
		Self::deposit_event(Event::<T>::AnonymousResponseSubmitted { survey, ring, alias, seq });
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// close / cancel
	// ---------------------------------------------------------------------------------------

	/// The survey's record if it is still `Open`.
	fn ensure_open(survey: SurveyId) -> Result<SurveyInfo<T>, DispatchError> {
		let info = Surveys::<T>::get(survey).ok_or(Error::<T>::UnknownSurvey)?;
		match info.status {
			SurveyStatus::Open => Ok(info),
			SurveyStatus::Closed { .. } => Err(Error::<T>::SurveyClosed.into()),
			SurveyStatus::Cancelled { .. } => Err(Error::<T>::SurveyCancelled.into()),
		}
	}

	/// The checks of `close`: the survey is open, and either its window has ended or `who` is
	/// its creator and nobody has responded. Returns the record, already marked closed.
	pub(crate) fn ensure_close(
		who: &T::AccountId,
		survey: SurveyId,
	) -> Result<SurveyInfo<T>, DispatchError> {
		let mut info = Self::ensure_open(survey)?;
		let now = Self::now();
		if now < info.closes_at {
			ensure!(
				*who == info.creator && T::Registry::may_manage(who, info.scope),
				Error::<T>::CloseTooEarly
			);
			ensure!(info.responses == 0, Error::<T>::HasResponses);
		}
		info.status = SurveyStatus::Closed {
			at: now,
			turnout: Self::turnout(info.responses, info.eligible),
			reaped: 0,
		};
		Ok(info)
	}

	/// `close`: check, then freeze the survey and take it out of its office's open index.
	pub(crate) fn do_close(who: T::AccountId, survey: SurveyId) -> DispatchResult {
		let mut info = Self::ensure_close(&who, survey)?;
		// An anonymous survey's rings remain until `reap_responses` removes them, and the
		// deposit with them.
		if info.responses == 0 && info.mode == ResponseMode::Named {
			Self::release_deposit(&mut info);
		}
		let turnout = match info.status {
			SurveyStatus::Closed { turnout, .. } => turnout,
			_ => Permill::zero(),
		};
		Self::unindex(info.office, survey);
		let (responses, eligible) = (info.responses, info.eligible);
		Surveys::<T>::insert(survey, info);
		Self::deposit_event(Event::<T>::SurveyClosed { survey, responses, eligible, turnout });
		Ok(())
	}

	/// The checks of `cancel`: the survey is open, and `who` is the admin of its office (`None`:
	/// the chain's admin origin), or its creator who still manages its scope while nobody has
	/// responded. Returns the record, already marked cancelled.
	pub(crate) fn ensure_cancel(
		who: Option<&T::AccountId>,
		survey: SurveyId,
	) -> Result<SurveyInfo<T>, DispatchError> {
		let mut info = Self::ensure_open(survey)?;
		if let Some(who) = who {
			if !T::Registry::is_office_admin(who, info.office) {
				ensure!(
					*who == info.creator && T::Registry::may_manage(who, info.scope),
					Error::<T>::NotCreator
				);
				ensure!(info.responses == 0, Error::<T>::HasResponses);
			}
		}
		info.status = SurveyStatus::Cancelled { at: Self::now(), reaped: 0 };
		Ok(info)
	}

	/// `cancel`: check, then mark the survey cancelled and take it out of the open index. `who`
	/// is `None` for the chain's admin origin.
	pub(crate) fn do_cancel(who: Option<T::AccountId>, survey: SurveyId) -> DispatchResult {
		let mut info = Self::ensure_cancel(who.as_ref(), survey)?;
		// An anonymous survey's rings remain until `reap_responses` removes them, and the
		// deposit with them.
		if info.mode == ResponseMode::Named {
			Self::release_deposit(&mut info);
		}
		Self::unindex(info.office, survey);
		Surveys::<T>::insert(survey, info);
		Self::deposit_event(Event::<T>::SurveyCancelled { survey });
		Ok(())
	}

	/// Gives the creator's deposit back (once: the record then holds zero). Releasing what is
	/// held can only fail if the hold is gone, which `try_state` rules out; the amount is then
	/// simply forgotten rather than blocking the call.
	fn release_deposit(info: &mut SurveyInfo<T>) {
		if !info.deposit.is_zero() {
			let _ = T::Currency::release(
				&HoldReason::SurveyDeposit.into(),
				&info.creator,
				info.deposit,
				Precision::BestEffort,
			);
			info.deposit = Zero::zero();
		}
	}

	/// Takes `survey` out of `office`'s open index (O(MaxOpenSurveysPerOffice)).
	fn unindex(office: OfficeId, survey: SurveyId) {
		OpenSurveys::<T>::mutate_exists(office, |open| {
			if let Some(list) = open {
				list.retain(|id| *id != survey);
				if list.is_empty() {
					*open = None;
				}
			}
		});
	}

	// ---------------------------------------------------------------------------------------
	// reap_responses
	// ---------------------------------------------------------------------------------------

	/// Whether an anonymous survey's rings (pallet-rings' records of its members) remain to be
	/// forgotten: reaping removes them after the responses.
	fn rings_remain(survey: SurveyId, info: &SurveyInfo<T>) -> bool {
		info.mode == ResponseMode::Anonymous && T::Rings::remembers(ItemRef::survey(survey))
	}

	/// The checks of `reap_responses`: a sane `limit`, a closed survey with responses (or, if
	/// anonymous, rings) left, past its retention period. Returns the record.
	pub(crate) fn ensure_reap(
		survey: SurveyId,
		limit: u32,
	) -> Result<SurveyInfo<T>, DispatchError> {
		ensure!((1..=T::MaxReapBatch::get()).contains(&limit), Error::<T>::ReapLimitOutOfRange);
		let info = Surveys::<T>::get(survey).ok_or(Error::<T>::UnknownSurvey)?;
		match info.status {
			SurveyStatus::Open => return Err(Error::<T>::SurveyNotClosed.into()),
			SurveyStatus::Closed { at, reaped, .. } | SurveyStatus::Cancelled { at, reaped } => {
				ensure!(
					reaped < info.responses || Self::rings_remain(survey, &info),
					Error::<T>::NothingToReap
				);
				ensure!(
					Self::now() >= at.saturating_add(T::RetentionPeriod::get()),
					Error::<T>::RetentionNotOver
				);
			},
		}
		Ok(info)
	}

	/// `reap_responses`: check, then remove up to `limit` of the survey's responses and count
	/// them.
	///
	/// The responses are found by iterating the survey's prefix and removed one by one, rather
	/// than with `clear_prefix`: in this FRAME version `clear_prefix` ignores its cursor and
	/// reports the keys it *visited*, so a second batch in the same block would count responses
	/// already removed (still in the backend, marked deleted in the overlay) and `reaped` would
	/// drift. Iteration sees only live keys, so the count is exact, at the same cost per
	/// response (one key lookup, one deletion).
	pub(crate) fn do_reap_responses(survey: SurveyId, limit: u32) -> DispatchResultWithPostInfo {
		let mut info = Self::ensure_reap(survey, limit)?;

		// Collect first: removing keys while iterating over their prefix is not allowed.
		let removed = match info.mode {
			ResponseMode::Named => {
				let batch: Vec<ResidentId> =
					Responses::<T>::iter_key_prefix(survey).take(limit as usize).collect();
				for resident in batch.iter() {
					Responses::<T>::remove(survey, resident);
				}
				batch.len()
			},
			ResponseMode::Anonymous => {
				let batch: Vec<Alias> =
					AnonymousResponses::<T>::iter_key_prefix(survey).take(limit as usize).collect();
				for alias in batch.iter() {
					AnonymousResponses::<T>::remove(survey, alias);
				}
				batch.len()
			},
		};
		// At most `limit` (a `u32`) keys were taken.
		let removed = u32::try_from(removed).unwrap_or(limit);
		let mut remaining = 0;
		if let SurveyStatus::Closed { reaped, .. } | SurveyStatus::Cancelled { reaped, .. } =
			&mut info.status
		{
			// Saturating: each removed response was counted once in `responses`, so `reaped`
			// stays <= `responses` (checked by `try_state`).
			*reaped = reaped.saturating_add(removed);
			remaining = info.responses.saturating_sub(*reaped);
		}
		// Once the responses are gone, the rest of the limit goes to an anonymous survey's rings.
		let mut weight = T::WeightInfo::reap_responses(removed);
		let mut rings_left = Self::rings_remain(survey, &info);
		if info.mode == ResponseMode::Anonymous {
			// `remembers` read the item's record.
			weight.saturating_accrue(T::DbWeight::get().reads(1));
		}
		if remaining == 0 && rings_left && removed < limit {
			let forgot = T::Rings::forget(ItemRef::survey(survey), limit - removed);
			weight.saturating_accrue(T::Rings::forget_weight(forgot.removed));
			rings_left = !forgot.done;
		}
		// The deposit stays until everything the survey stored per resident is gone.
		if remaining == 0 && !rings_left {
			Self::release_deposit(&mut info);
		}
		Surveys::<T>::insert(survey, info);
		Self::deposit_event(Event::<T>::ResponsesReaped { survey, removed, remaining });
		Ok(Some(weight).into())
	}

	// ---------------------------------------------------------------------------------------
	// Views for the runtime API
	// ---------------------------------------------------------------------------------------

	/// The results of `survey`, if it exists: per-option counts, rating count/sum/histogram,
	/// responses, eligible residents, turnout and phase. Live while open, frozen once closed;
	/// still available after the responses are reaped.
	pub fn survey_results(survey: SurveyId) -> Option<SurveyResults<BlockNumberFor<T>>> {
		let info = Surveys::<T>::get(survey)?;
		let text = SurveyTexts::<T>::get(survey);
		let now = Self::now();
		let (phase, finalised_at, turnout) = match info.status {
			SurveyStatus::Open => {
				let phase = if now < info.opens_at {
					SurveyPhase::Upcoming
				} else if now < info.closes_at {
					SurveyPhase::Open
				} else {
					SurveyPhase::AwaitingClose
				};
				(phase, None, Self::turnout(info.responses, info.eligible))
			},
			SurveyStatus::Closed { at, turnout, .. } => (SurveyPhase::Closed, Some(at), turnout),
			SurveyStatus::Cancelled { at, .. } => {
				(SurveyPhase::Cancelled, Some(at), Permill::zero())
			},
		};
		Some(SurveyResults {
			survey,
			scope: info.scope,
			opens_at: info.opens_at,
			closes_at: info.closes_at,
			phase,
			finalised_at,
			responses: info.responses,
			eligible: info.eligible,
			turnout_permill: turnout.deconstruct(),
			title: text
				.as_ref()
				.map(|t| gongzhi_primitives::view_text(&t.title))
				.unwrap_or_default(),
			texts: text
				.map(|t| t.questions.iter().map(QuestionText::from).collect())
				.unwrap_or_default(),
			questions: info.tallies.iter().map(QuestionResults::from).collect(),
		})
	}

	/// The surveys `resident` may answer now: open in their office's index, in their scope,
	/// accepting responses at this block, opened after the resident registered, and not yet
	/// answered by them. At most `MaxOpenSurveysPerOffice` ids, oldest first. An anonymous survey
	/// is listed whether or not the resident answered it (the chain can't tell: only the
	/// resident's app knows its alias) and whether or not they hold a member key in its rings.
	pub fn open_surveys_for(resident: &ResidentInfo<BlockNumberFor<T>>) -> Vec<SurveyId> {
		let now = Self::now();
		OpenSurveys::<T>::get(resident.office)
			.into_iter()
			.filter(|id| {
				Surveys::<T>::get(id).is_some_and(|info| {
					matches!(info.status, SurveyStatus::Open)
						&& info.opens_at <= now
						&& now < info.closes_at
						&& resident.is_in(&info.scope)
						&& resident.registered_before(&info.opens_at)
				}) && !Responses::<T>::has_entry_pair(id, resident.id)
			})
			.collect()
	}

	// ---------------------------------------------------------------------------------------
	// try_state
	// ---------------------------------------------------------------------------------------

	/// Recomputes the aggregates the slow way and compares:
	/// - every stored response belongs to a known survey, and each survey's stored responses
	///   number `responses - reaped`;
	/// - for surveys whose responses are all still stored, the tallies equal the recount of those
	///   responses, and each stored response is a valid answer to the survey;
	/// - every survey has its texts, with one question per tally, of the same shape;
	/// - the open index holds exactly the `Open` surveys, each under its own office, once;
	/// - ids are below `NextSurveyId`.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_set::BTreeSet;
		use gongzhi_primitives::HasEntry;

		let next = NextSurveyId::<T>::get();
		let mut open = BTreeSet::new();
		let mut held: alloc::collections::btree_map::BTreeMap<T::AccountId, BalanceOf<T>> =
			Default::default();
		for (id, info) in Surveys::<T>::iter() {
			let creator = held.entry(info.creator.clone()).or_default();
			*creator = creator.saturating_add(info.deposit);
			ensure!(id < next, "a survey id is not below NextSurveyId");

			let text = SurveyTexts::<T>::get(id).ok_or("a survey has no texts")?;
			ensure!(
				text.questions.len() == info.tallies.len(),
				"tallies and questions differ in number"
			);
			ensure!(
				info.tallies.iter().zip(text.questions.iter()).all(|(t, q)| t.fits(&q.kind)),
				"a tally does not fit its question"
			);

			let reaped = match info.status {
				SurveyStatus::Open => {
					open.insert(id);
					0
				},
				SurveyStatus::Closed { reaped, .. } | SurveyStatus::Cancelled { reaped, .. } => {
					reaped
				},
			};
			ensure!(reaped <= info.responses, "more responses reaped than received");

			let mut recount: Vec<QuestionTally<T>> =
				info.tallies.iter().map(|t| t.zeroed()).collect();
			let mut stored: u32 = 0;
			let responses: Vec<Response<T>> = match info.mode {
				ResponseMode::Named => {
					ensure!(
						AnonymousResponses::<T>::iter_prefix(id).next().is_none(),
						"an anonymous response in a named survey"
					);
					Responses::<T>::iter_prefix_values(id).collect()
				},
				ResponseMode::Anonymous => {
					ensure!(
						Responses::<T>::iter_prefix(id).next().is_none(),
						"a named response in an anonymous survey"
					);
					AnonymousResponses::<T>::iter_prefix_values(id).collect()
				},
			};
			for response in responses {
				stored = stored.saturating_add(1);
				ensure!(
					response.amendments <= T::MaxAmendments::get(),
					"a response was amended more than MaxAmendments times"
				);
				let answers = response.answers;
				if reaped == 0 {
					Self::validate_answers(&info.tallies, &answers)
						.map_err(|_| "a stored response is not a valid answer")?;
					for (tally, answer) in recount.iter_mut().zip(answers.iter()) {
						tally.add(answer);
					}
				}
			}
			ensure!(
				stored == info.responses.saturating_sub(reaped),
				"stored responses differ from the response count"
			);
			if reaped == 0 {
				ensure!(
					recount == info.tallies.to_vec(),
					"tallies differ from the stored responses"
				);
			}
		}

		for (creator, deposits) in held {
			use frame_support::traits::fungible::InspectHold;
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::SurveyDeposit.into(), &creator)
					== deposits,
				"a creator's held deposit differs from their surveys' deposits"
			);
		}

		for id in Responses::<T>::iter_keys().map(|(survey, _)| survey) {
			ensure!(Surveys::<T>::has_entry(id), "a response to an unknown survey");
		}
		for id in AnonymousResponses::<T>::iter_keys().map(|(survey, _)| survey) {
			ensure!(Surveys::<T>::has_entry(id), "an anonymous response to an unknown survey");
		}

		let mut indexed = BTreeSet::new();
		for (office, list) in OpenSurveys::<T>::iter() {
			ensure!(!list.is_empty(), "an empty open index is stored");
			for id in list.iter() {
				let info = Surveys::<T>::get(id).ok_or("the open index names an unknown survey")?;
				ensure!(info.office == office, "a survey is indexed under another office");
				ensure!(indexed.insert(*id), "a survey is indexed twice");
			}
		}
		ensure!(indexed == open, "the open index disagrees with the surveys' states");
		Ok(())
	}
}

impl<T: Config> SurveyLookup for Pallet<T> {
	/// The scope of survey `id`, whatever its state (open, closed or cancelled).
	fn survey_scope(id: SurveyId) -> Option<Scope> {
		Surveys::<T>::get(id).map(|info| info.scope)
	}

	/// Creates an open survey in `scope` with one rating question, opening now and closing
	/// `MaxDuration` blocks later, created by a fixed account. Panics (benchmarks only) if
	/// `scope` doesn't exist or its office's open index is full.
	#[cfg(feature = "runtime-benchmarks")]
	fn bench_survey(scope: Scope) -> SurveyId {
		use codec::Decode;
		use sp_runtime::traits::TrailingZeroInput;

		let office = T::Registry::scope_office(scope).expect("bench_survey: the scope exists");
		let creator = T::AccountId::decode(&mut TrailingZeroInput::zeroes())
			.expect("infinite input decodes an account id");
		let question = Question { prompt: Default::default(), kind: QuestionKind::Rating };
		let now = Self::now();
		let id = NextSurveyId::<T>::get();
		let info = SurveyInfo {
			scope,
			office,
			creator,
			opens_at: now,
			closes_at: now.saturating_add(T::MaxDuration::get()),
			eligible: T::Registry::residents_in(scope),
			responses: 0,
			status: SurveyStatus::Open,
			tallies: TalliesOf::<T>::truncate_from(alloc::vec![QuestionTally::new(&question.kind)]),
			deposit: Zero::zero(),
			mode: ResponseMode::Named,
		};
		let text = SurveyText {
			title: TitleOf::<T>::truncate_from(b"benchmark survey".to_vec()),
			questions: QuestionsOf::<T>::truncate_from(alloc::vec![question]),
		};
		Self::insert_survey(id, info, text).expect("bench_survey: room in the open index");
		id
	}
}

/// Why an anonymous response's proof was refused, as this pallet's error (the pool reports it by its
/// index: [`anon::refusal`]).
impl<T: Config> From<ProofError> for Error<T> {
	fn from(e: ProofError) -> Self {
		match e {
			ProofError::RingsNotReady => Error::<T>::RingsNotReady,
			ProofError::UnknownRing => Error::<T>::UnknownRing,
			ProofError::BadProof => Error::<T>::BadProof,
		}
	}
}
