//! How the calls work: read-only `ensure_*` checks that return what the write needs, the `do_*`
//! writes, the case transitions that keep scorecards and queues in step, the
//! [`ProviderStanding`] implementation, the views for the runtime API and `try_state`.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	CommunityRegistry, HasEntry, ProgrammeId, ProviderStanding, RedemptionId, RedemptionInfo,
	Redemptions, ResidentId, ResidentInfo, H256,
};
use sp_runtime::traits::Saturating;

/// A redemption as the vouchers pallet reports it.
pub type RedemptionOf<T> =
	RedemptionInfo<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// The two scorecards a rating or a case touches — its provider's record and its programme's
/// scorecard — read once, changed in memory, written once.
struct Books<T: Config> {
	provider: T::AccountId,
	record: ProviderRecord,
	programme: ProgrammeId,
	card: Scorecard,
}

impl<T: Config> Books<T> {
	fn load(provider: &T::AccountId, programme: ProgrammeId) -> Self {
		Self {
			provider: provider.clone(),
			record: Providers::<T>::get(provider),
			programme,
			card: Programmes::<T>::get(programme),
		}
	}

	/// Applies `f` to both scorecards.
	fn both(&mut self, f: impl Fn(&mut Scorecard)) {
		f(&mut self.record.scorecard);
		f(&mut self.card);
	}

	fn save(self) {
		Providers::<T>::insert(&self.provider, self.record);
		Programmes::<T>::insert(self.programme, self.card);
	}
}

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The weight of the check that decides whether `call` is free (its `feeless_if`:
	/// [`Pallet::ensure_rate`]). The transaction extension runs it before the call, whether
	/// the call then turns out free or not, so the runtime charges it on top of the call's own
	/// weight. Zero for a call that is never free.
	pub fn feeless_check_weight(call: &Call<T>) -> Weight {
		match call {
			Call::rate { .. } => T::WeightInfo::feeless_rate(),
			_ => Weight::zero(),
		}
	}

	// ---- checks (read-only) ----

	/// Whether `who` may rate `redemption` with `score` now; returns the rater's resident number
	/// and the redemption. The same check decides whether `rate` is free.
	pub fn ensure_rate(
		who: &T::AccountId,
		redemption: RedemptionId,
		score: Score,
	) -> Result<(ResidentId, RedemptionOf<T>), DispatchError> {
		ensure!(is_valid_score(score), Error::<T>::ScoreOutOfRange);
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		let info = Self::ensure_rateable(resident.id, redemption)?;
		Ok((resident.id, info))
	}

	/// Whether resident `resident` may rate `redemption` now: it is theirs, confirmed, unrated,
	/// within the rating window, and its provider doesn't employ them (回避).
	fn ensure_rateable(
		resident: ResidentId,
		redemption: RedemptionId,
	) -> Result<RedemptionOf<T>, DispatchError> {
		let info = T::Redemptions::redemption(redemption).ok_or(Error::<T>::UnknownRedemption)?;
		ensure!(info.resident == resident, Error::<T>::NotRedeemer);
		ensure!(
			!T::Registry::is_staff_of(&info.provider, resident),
			Error::<T>::ConflictOfInterest
		);
		let confirmed_at = info.confirmed_at.ok_or(Error::<T>::NotConfirmed)?;
		ensure!(!Ratings::<T>::has_entry(redemption), Error::<T>::AlreadyRated);
		// Saturating: a window reaching past the largest block number simply never closes.
		ensure!(
			Self::now() <= confirmed_at.saturating_add(T::RatingWindow::get()),
			Error::<T>::RatingWindowClosed
		);
		Ok(info)
	}

	/// Whether `who` may respond to `case` now; returns the case.
	pub fn ensure_respond_case(
		who: &T::AccountId,
		case: CaseId,
	) -> Result<CaseOf<T>, DispatchError> {
		let record = Cases::<T>::get(case).ok_or(Error::<T>::UnknownCase)?;
		ensure!(record.provider == *who, Error::<T>::NotProvider);
		ensure!(!record.state.is_closed(), Error::<T>::CaseAlreadyClosed);
		ensure!(record.state.response().is_none(), Error::<T>::AlreadyResponded);
		Ok(record)
	}

	/// Whether `who` may close `case` now; returns the case.
	pub fn ensure_close_case(who: &T::AccountId, case: CaseId) -> Result<CaseOf<T>, DispatchError> {
		let record = Cases::<T>::get(case).ok_or(Error::<T>::UnknownCase)?;
		ensure!(T::Registry::is_office_admin(who, record.office), Error::<T>::NotOfficeAdmin);
		ensure!(!record.state.is_closed(), Error::<T>::CaseAlreadyClosed);
		Ok(record)
	}

	/// Whether `case` may be marked overdue now: `Open` and past its deadline. Returns the case.
	pub fn ensure_mark_overdue(case: CaseId) -> Result<CaseOf<T>, DispatchError> {
		let record = Cases::<T>::get(case).ok_or(Error::<T>::UnknownCase)?;
		match record.state {
			CaseState::Open => {},
			CaseState::Responded { .. } => return Err(Error::<T>::AlreadyResponded.into()),
			CaseState::Overdue { .. } => return Err(Error::<T>::AlreadyOverdue.into()),
			CaseState::Rectified { .. } | CaseState::Dismissed { .. } => {
				return Err(Error::<T>::CaseAlreadyClosed.into())
			},
		}
		ensure!(Self::now() > record.deadline, Error::<T>::DeadlineNotPassed);
		Ok(record)
	}

	/// Whether `who` may appeal the rating of `redemption` now; returns the rating.
	pub fn ensure_appeal(
		who: &T::AccountId,
		redemption: RedemptionId,
	) -> Result<RatingOf<T>, DispatchError> {
		let rating = Ratings::<T>::get(redemption).ok_or(Error::<T>::UnknownRating)?;
		ensure!(rating.provider == *who, Error::<T>::NotProvider);
		ensure!(rating.status == RatingStatus::Counted, Error::<T>::AlreadyAppealed);
		// Saturating: a window reaching past the largest block number simply never closes.
		ensure!(
			Self::now() <= rating.rated_at.saturating_add(T::AppealWindow::get()),
			Error::<T>::AppealWindowClosed
		);
		Ok(rating)
	}

	/// Whether `who` may decide the appeal against the rating of `redemption`; returns the
	/// rating and the appeal's reason.
	pub fn ensure_decide_appeal(
		who: &T::AccountId,
		redemption: RedemptionId,
	) -> Result<(RatingOf<T>, H256), DispatchError> {
		let rating = Ratings::<T>::get(redemption).ok_or(Error::<T>::UnknownRating)?;
		ensure!(T::Registry::is_office_admin(who, rating.office), Error::<T>::NotOfficeAdmin);
		let RatingStatus::UnderAppeal { reason, .. } = rating.status else {
			return Err(Error::<T>::NoPendingAppeal.into());
		};
		Ok((rating, reason))
	}

	// ---- writes ----

	pub(crate) fn do_rate(
		who: T::AccountId,
		redemption: RedemptionId,
		score: Score,
		comment: Option<H256>,
	) -> DispatchResultWithPostInfo {
		let (resident, info) = Self::ensure_rate(&who, redemption, score)?;
		let now = Self::now();
		let mut books = Books::<T>::load(&info.provider, info.programme);
		books.both(|card| card.add_rating(score));
		ProgrammeRatings::<T>::insert(info.programme, redemption, ());
		Ratings::<T>::insert(
			redemption,
			Rating {
				resident,
				provider: info.provider.clone(),
				programme: info.programme,
				office: info.office,
				score,
				comment,
				rated_at: now,
				status: RatingStatus::Counted,
			},
		);
		Self::deposit_event(Event::Rated {
			redemption,
			resident,
			provider: info.provider.clone(),
			programme: info.programme,
			score,
			comment,
		});
		let opens_case = is_bad_score(score);
		if opens_case {
			// Saturating: a deadline past the largest block number never passes.
			let deadline = now.saturating_add(T::ResponseDeadline::get());
			let state = CaseState::Open;
			books.both(|card| card.case_moved(None, &state, now));
			Self::join_queue(&mut books.record, redemption);
			Cases::<T>::insert(
				redemption,
				Case {
					provider: info.provider.clone(),
					programme: info.programme,
					office: info.office,
					opened_at: now,
					deadline,
					state,
				},
			);
			Self::deposit_event(Event::CaseOpened {
				case: redemption,
				provider: info.provider,
				deadline,
			});
		}
		books.save();
		// A good rating skips the case's writes: refund them.
		let actual = if opens_case { None } else { Some(T::WeightInfo::rate(0)) };
		Ok(actual.into())
	}

	pub(crate) fn do_respond_case(who: T::AccountId, id: CaseId, response: H256) -> DispatchResult {
		let mut case = Self::ensure_respond_case(&who, id)?;
		let now = Self::now();
		let mut books = Books::<T>::load(&case.provider, case.programme);
		Self::settle_deadline(&mut books, id, &mut case, now);
		let answer = CaseResponse { hash: response, at: now };
		// In time, the case waits for the office; late, it stays overdue until the office
		// closes it, so that a response alone can't restore the provider's standing. (Closed or
		// answered cases were refused by `ensure_respond_case`.)
		match case.state {
			CaseState::Open => Self::move_case(
				&mut books,
				id,
				&mut case,
				CaseState::Responded { response: answer },
			),
			CaseState::Overdue { since, response: None } => {
				case.state = CaseState::Overdue { since, response: Some(answer) }
			},
			_ => {},
		}
		let late = case.state.is_late();
		Cases::<T>::insert(id, case);
		books.save();
		Self::deposit_event(Event::CaseResponded { case: id, provider: who, response, late });
		Ok(())
	}

	pub(crate) fn do_close_case(
		who: T::AccountId,
		id: CaseId,
		outcome: CaseOutcome,
	) -> DispatchResult {
		let mut case = Self::ensure_close_case(&who, id)?;
		let now = Self::now();
		let mut books = Books::<T>::load(&case.provider, case.programme);
		Self::close(&mut books, id, &mut case, outcome, now);
		Cases::<T>::insert(id, case);
		books.save();
		Ok(())
	}

	pub(crate) fn do_mark_overdue(id: CaseId) -> DispatchResult {
		let mut case = Self::ensure_mark_overdue(id)?;
		let mut books = Books::<T>::load(&case.provider, case.programme);
		Self::settle_deadline(&mut books, id, &mut case, Self::now());
		Cases::<T>::insert(id, case);
		books.save();
		Ok(())
	}

	pub(crate) fn do_appeal(
		who: T::AccountId,
		redemption: RedemptionId,
		reason: H256,
	) -> DispatchResult {
		let mut rating = Self::ensure_appeal(&who, redemption)?;
		rating.status = RatingStatus::UnderAppeal { reason, lodged_at: Self::now() };
		Ratings::<T>::insert(redemption, rating);
		Self::deposit_event(Event::AppealLodged { redemption, provider: who, reason });
		Ok(())
	}

	pub(crate) fn do_decide_appeal(
		who: T::AccountId,
		redemption: RedemptionId,
		decision: AppealDecision,
	) -> DispatchResult {
		let (mut rating, reason) = Self::ensure_decide_appeal(&who, redemption)?;
		let now = Self::now();
		match decision {
			AppealDecision::Reject => {
				rating.status = RatingStatus::AppealRejected { reason, decided_at: now };
			},
			AppealDecision::Uphold => {
				rating.status = RatingStatus::AppealUpheld { reason, decided_at: now };
				let mut books = Books::<T>::load(&rating.provider, rating.programme);
				books.both(|card| card.remove_rating(rating.score));
				// The rating no longer stands, so neither does the complaint it opened.
				if let Some(mut case) = Cases::<T>::get(redemption) {
					if !case.state.is_closed() {
						Self::close(&mut books, redemption, &mut case, CaseOutcome::Dismissed, now);
						Cases::<T>::insert(redemption, case);
					}
				}
				books.save();
			},
		}
		let office = rating.office;
		Ratings::<T>::insert(redemption, rating);
		Self::deposit_event(Event::AppealDecided { redemption, office, decision });
		Ok(())
	}

	// ---- case transitions ----

	/// Moves `case` to `to`, keeping both scorecards' counters and the provider's queue of
	/// unanswered cases in step. The caller writes the case and the books.
	fn move_case(
		books: &mut Books<T>,
		id: CaseId,
		case: &mut CaseOf<T>,
		to: CaseState<BlockNumberFor<T>>,
	) {
		let opened_at = case.opened_at;
		books.both(|card| card.case_moved(Some(&case.state), &to, opened_at));
		if case.state == CaseState::Open {
			Self::leave_queue(&mut books.record, id);
		}
		case.state = to;
	}

	/// If `case` is still `Open` past its deadline, moves it to `Overdue` first: whatever acts on
	/// it afterwards (a response, a closing) then knows it was late.
	fn settle_deadline(
		books: &mut Books<T>,
		id: CaseId,
		case: &mut CaseOf<T>,
		now: BlockNumberFor<T>,
	) {
		if case.state == CaseState::Open && now > case.deadline {
			Self::move_case(books, id, case, CaseState::Overdue { since: now, response: None });
			Self::deposit_event(Event::CaseOverdue { case: id, provider: case.provider.clone() });
		}
	}

	/// Closes a case that is not closed yet with `outcome`, recording whether it went overdue.
	fn close(
		books: &mut Books<T>,
		id: CaseId,
		case: &mut CaseOf<T>,
		outcome: CaseOutcome,
		now: BlockNumberFor<T>,
	) {
		Self::settle_deadline(books, id, case, now);
		let (late, response) = (case.state.is_late(), case.state.response());
		let to = match outcome {
			CaseOutcome::Rectified => CaseState::Rectified { closed_at: now, late, response },
			CaseOutcome::Dismissed => CaseState::Dismissed { closed_at: now, late, response },
		};
		Self::move_case(books, id, case, to);
		Self::deposit_event(Event::CaseClosed { case: id, office: case.office, outcome, late });
	}

	/// Appends case `id` to the tail of the provider's queue of unanswered cases.
	fn join_queue(record: &mut ProviderRecord, id: CaseId) {
		let prev = record.unanswered.map(|ends| ends.tail);
		if let Some(tail) = prev {
			Unanswered::<T>::mutate_extant(tail, |link| link.next = Some(id));
		}
		Unanswered::<T>::insert(id, QueueLink { prev, next: None });
		let head = record.unanswered.map_or(id, |ends| ends.head);
		record.unanswered = Some(QueueEnds { head, tail: id });
	}

	/// Takes case `id` out of the provider's queue of unanswered cases, wherever it is.
	fn leave_queue(record: &mut ProviderRecord, id: CaseId) {
		let Some(QueueLink { prev, next }) = Unanswered::<T>::take(id) else {
			return;
		};
		if let Some(prev) = prev {
			Unanswered::<T>::mutate_extant(prev, |link| link.next = next);
		}
		if let Some(next) = next {
			Unanswered::<T>::mutate_extant(next, |link| link.prev = prev);
		}
		record.unanswered = match (record.unanswered, prev, next) {
			(Some(ends), Some(_), Some(_)) => Some(ends),
			(Some(ends), None, Some(next)) => Some(QueueEnds { head: next, tail: ends.tail }),
			(Some(ends), Some(prev), None) => Some(QueueEnds { head: ends.head, tail: prev }),
			_ => None,
		};
	}

	// ---- standing ----

	/// Whether a provider with this record is in good standing at block `now`.
	fn standing(record: &ProviderRecord, now: BlockNumberFor<T>) -> bool {
		record.scorecard.cases_overdue == 0
			&& !Self::oldest_unanswered_past_deadline(record, now)
			&& !record.scorecard.below_floor(T::StandingFloor::get(), T::StandingMinRatings::get())
	}

	/// Whether the provider's oldest unanswered case (so the earliest deadline) has passed its
	/// deadline: an overdue case nobody has marked yet.
	fn oldest_unanswered_past_deadline(record: &ProviderRecord, now: BlockNumberFor<T>) -> bool {
		record
			.unanswered
			.and_then(|ends| Cases::<T>::get(ends.head))
			.is_some_and(|case| now > case.deadline)
	}

	// ---- views for the runtime API ----

	/// A provider's scorecard, with its standing. Zeros (and in good standing) for a provider
	/// never rated.
	pub fn provider_scorecard(provider: &T::AccountId) -> ScorecardView {
		let record = Providers::<T>::get(provider);
		ScorecardView::new(&record.scorecard, Some(Self::standing(&record, Self::now())))
	}

	/// A voucher programme's scorecard (`in_good_standing` is `None`).
	pub fn programme_scorecard(programme: ProgrammeId) -> ScorecardView {
		ScorecardView::new(&Programmes::<T>::get(programme), None)
	}

	/// The rating of `redemption`, if it was rated.
	pub fn rating_of(
		redemption: RedemptionId,
	) -> Option<RatingView<T::AccountId, BlockNumberFor<T>>> {
		let rating = Ratings::<T>::get(redemption)?;
		Some(RatingView {
			redemption,
			resident: rating.resident,
			provider: rating.provider,
			programme: rating.programme,
			office: rating.office,
			score: rating.score,
			comment: rating.comment,
			rated_at: rating.rated_at,
			counted: rating.status.is_counted(),
			status: rating.status,
			case: Cases::<T>::has_entry(redemption).then_some(redemption),
		})
	}

	/// Follow-up case `case`, with whether it is overdue now (marked, or `Open` past its
	/// deadline).
	pub fn case_of(case: CaseId) -> Option<CaseView<T::AccountId, BlockNumberFor<T>>> {
		let record = Cases::<T>::get(case)?;
		let overdue = match record.state {
			CaseState::Overdue { .. } => true,
			CaseState::Open => Self::now() > record.deadline,
			_ => false,
		};
		Some(CaseView {
			case,
			provider: record.provider,
			programme: record.programme,
			office: record.office,
			opened_at: record.opened_at,
			deadline: record.deadline,
			response: record.state.response(),
			state: record.state,
			overdue,
		})
	}

	/// Whether resident `resident` may rate `redemption` now (what `rate` checks beyond the
	/// caller being that resident and the score being valid).
	pub fn can_rate(resident: ResidentId, redemption: RedemptionId) -> bool {
		Self::ensure_rateable(resident, redemption).is_ok()
	}

	/// What this resident may still rate: those of `redemptions` (the vouchers pallet's bounded
	/// list of their redemptions) that `can_rate` allows, in the same order. At most as long as
	/// `redemptions`.
	pub fn still_to_rate(
		resident: &ResidentInfo<BlockNumberFor<T>>,
		redemptions: &[RedemptionId],
	) -> Vec<RedemptionId> {
		redemptions.iter().copied().filter(|r| Self::can_rate(resident.id, *r)).collect()
	}

	// ---- try_state ----

	// ---- reap_ratings ----

	/// What one stored rating puts in a scorecard: counted, or an upheld appeal.
	pub(crate) fn count_rating(card: &mut Scorecard, rating: &RatingOf<T>) {
		if rating.status.is_counted() {
			card.add_rating(rating.score);
		} else {
			card.appeals_upheld.saturating_inc();
		}
	}

	/// What one stored case puts in a scorecard: its state, lateness and rectification time.
	pub(crate) fn count_case(card: &mut Scorecard, case: &CaseOf<T>) {
		use sp_runtime::traits::UniqueSaturatedInto;
		// Saturating: counts of one chain's cases, far below the bounds.
		match case.state {
			CaseState::Open => card.cases_open.saturating_inc(),
			CaseState::Responded { .. } => card.cases_responded.saturating_inc(),
			CaseState::Overdue { .. } => card.cases_overdue.saturating_inc(),
			CaseState::Rectified { closed_at, .. } => {
				card.cases_rectified.saturating_inc();
				let taken: u64 = closed_at.saturating_sub(case.opened_at).unique_saturated_into();
				card.rectify_blocks.saturating_accrue(taken);
			},
			CaseState::Dismissed { .. } => card.cases_dismissed.saturating_inc(),
		}
		card.cases_late.saturating_accrue(u32::from(case.state.is_late()));
	}

	/// The checks of `reap_ratings`: a sane `limit`, a programme finished `RetentionPeriod`
	/// blocks ago or more, with ratings left. Looks at up to `limit` of them after the cursor
	/// (from the start once the end is reached) and returns which may go (not under appeal, no
	/// case pending), how many were looked at and where the next call goes on. Fails with
	/// `FollowUpPending` only when it looked at every rating left and none may go.
	pub fn ensure_reap_ratings(
		programme: ProgrammeId,
		limit: u32,
	) -> Result<ReapBatch, DispatchError> {
		ensure!((1..=T::MaxReapBatch::get()).contains(&limit), Error::<T>::ReapLimitOutOfRange);
		let finished = T::Redemptions::programme_finished_at(programme)
			.ok_or(Error::<T>::ProgrammeNotFinished)?;
		ensure!(
			Self::now() >= finished.saturating_add(T::RetentionPeriod::get()),
			Error::<T>::RetentionNotOver
		);
		let from_start =
			|| ProgrammeRatings::<T>::iter_key_prefix(programme).take(limit as usize).collect();
		let (mut examined, mut whole): (Vec<RedemptionId>, bool) =
			match ReapCursor::<T>::get(programme) {
				Some(after) => {
					let key = ProgrammeRatings::<T>::hashed_key_for(programme, after);
					let rest: Vec<RedemptionId> =
						ProgrammeRatings::<T>::iter_key_prefix_from(programme, key)
							.take(limit as usize)
							.collect();
					(rest, false)
				},
				None => (from_start(), true),
			};
		if examined.is_empty() && !whole {
			// Past the last one: start again from the first.
			(examined, whole) = (from_start(), true);
		}
		ensure!(!examined.is_empty(), Error::<T>::NothingToReap);
		// A full batch may have more after it; a short one reached the end.
		let full = examined.len() as u32 == limit;
		let reapable: Vec<RedemptionId> = examined
			.iter()
			.copied()
			.filter(|id| {
				let settled = Ratings::<T>::get(id)
					.is_some_and(|r| !matches!(r.status, RatingStatus::UnderAppeal { .. }));
				let case_closed = Cases::<T>::get(id).is_none_or(|c| c.state.is_closed());
				settled && case_closed
			})
			.collect();
		ensure!(!reapable.is_empty() || full || !whole, Error::<T>::FollowUpPending);
		Ok(ReapBatch {
			examined: examined.len() as u32,
			cursor: if full { examined.last().copied() } else { None },
			reapable,
		})
	}

	/// The weight of `reap_ratings` looking at `n` ratings: the benchmark's (one provider, every
	/// one removed), plus the reaped scorecard of a further provider per rating at worst and the
	/// cursor.
	pub fn reap_ratings_weight(n: u32) -> Weight {
		let providers = u64::from(n.saturating_sub(1));
		T::WeightInfo::reap_ratings(n)
			.saturating_add(T::DbWeight::get().reads_writes(providers, providers))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}

	/// `reap_ratings`: check, then remove the ratings found and their closed cases, adding what
	/// they counted to the reaped scorecards.
	pub(crate) fn do_reap_ratings(
		programme: ProgrammeId,
		limit: u32,
	) -> DispatchResultWithPostInfo {
		use alloc::collections::btree_map::BTreeMap;
		let ReapBatch { reapable: batch, examined, cursor } =
			Self::ensure_reap_ratings(programme, limit)?;
		let mut reaped_programme = ReapedProgrammes::<T>::get(programme);
		let mut reaped_providers: BTreeMap<T::AccountId, Scorecard> = BTreeMap::new();
		let mut cases: u32 = 0;
		for id in batch.iter() {
			ProgrammeRatings::<T>::remove(programme, id);
			let Some(rating) = Ratings::<T>::take(id) else { continue };
			let provider = reaped_providers.entry(rating.provider.clone()).or_default();
			Self::count_rating(provider, &rating);
			Self::count_rating(&mut reaped_programme, &rating);
			// Closed (checked): no link in the queue of unanswered cases.
			if let Some(case) = Cases::<T>::take(id) {
				cases.saturating_inc();
				Self::count_case(provider, &case);
				Self::count_case(&mut reaped_programme, &case);
			}
		}
		for (provider, card) in reaped_providers {
			ReapedProviders::<T>::mutate(provider, |reaped| reaped.merge(&card));
		}
		ReapedProgrammes::<T>::insert(programme, reaped_programme);
		// At most `limit` (a u32) ratings were taken.
		let ratings = u32::try_from(batch.len()).unwrap_or(limit);
		let complete = ProgrammeRatings::<T>::iter_key_prefix(programme).next().is_none();
		match cursor {
			Some(at) if !complete => ReapCursor::<T>::insert(programme, at),
			_ => ReapCursor::<T>::remove(programme),
		}
		let skipped = examined.saturating_sub(ratings);
		Self::deposit_event(Event::RatingsReaped { programme, ratings, cases, skipped, complete });
		Ok(Some(Self::reap_ratings_weight(examined)).into())
	}

	/// Recomputes, the slow way, what the calls keep incrementally: every scorecard from the
	/// stored ratings (except upheld appeals) and cases (by state), every queue of unanswered
	/// cases from the `Open` cases; and checks that each case belongs to a bad rating.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
		use gongzhi_primitives::HasEntryPair;

		// What was reaped counts as it did when it was stored.
		let mut providers: BTreeMap<T::AccountId, Scorecard> =
			ReapedProviders::<T>::iter().collect();
		let mut programmes: BTreeMap<ProgrammeId, Scorecard> =
			ReapedProgrammes::<T>::iter().collect();
		for programme in programmes.keys() {
			ensure!(
				T::Redemptions::programme_finished_at(*programme).is_some(),
				"ratings reaped of a programme that is not finished"
			);
		}

		let mut stored: u32 = 0;
		for (id, rating) in Ratings::<T>::iter() {
			ensure!(is_valid_score(rating.score), "a stored rating has a score outside 1..=5");
			ensure!(
				Cases::<T>::has_entry(id) == is_bad_score(rating.score),
				"a rating ≤ 2 must have a case, and only such a rating"
			);
			ensure!(
				ProgrammeRatings::<T>::has_entry_pair(rating.programme, id),
				"a rating is missing from its programme's index"
			);
			stored += 1;
			for card in [
				providers.entry(rating.provider.clone()).or_default(),
				programmes.entry(rating.programme).or_default(),
			] {
				Self::count_rating(card, &rating);
			}
		}
		ensure!(
			ProgrammeRatings::<T>::iter_keys().count() as u32 == stored,
			"a programme's rating index lists a rating that is not stored"
		);
		for programme in ReapCursor::<T>::iter_keys() {
			ensure!(
				ProgrammeRatings::<T>::iter_key_prefix(programme).next().is_some(),
				"a reaping cursor is left for a programme without ratings"
			);
		}

		let mut open: BTreeMap<T::AccountId, BTreeSet<CaseId>> = BTreeMap::new();
		for (id, case) in Cases::<T>::iter() {
			let rating = Ratings::<T>::get(id).ok_or("a case without a rating")?;
			ensure!(
				rating.provider == case.provider
					&& rating.programme == case.programme
					&& rating.office == case.office,
				"a case disagrees with its rating"
			);
			// A response is part of the state: an open case can't have one, a responded one
			// can't lack it (the types say so); what's left to check is the queue.
			if case.state == CaseState::Open {
				open.entry(case.provider.clone()).or_default().insert(id);
			}
			ensure!(
				(case.state == CaseState::Open) == Unanswered::<T>::has_entry(id),
				"exactly the open cases are queued as unanswered"
			);
			for card in [
				providers.entry(case.provider.clone()).or_default(),
				programmes.entry(case.programme).or_default(),
			] {
				Self::count_case(card, &case);
			}
		}

		for (provider, record) in Providers::<T>::iter() {
			let expected = providers.remove(&provider).unwrap_or_default();
			ensure!(record.scorecard == expected, "a provider scorecard differs from its records");

			// Walk the queue from its head: it must hold exactly the provider's open cases.
			let mut queued = BTreeSet::new();
			if let Some(ends) = record.unanswered {
				let mut prev = None;
				let mut cursor = Some(ends.head);
				while let Some(id) = cursor {
					ensure!(queued.insert(id), "a queue of unanswered cases loops");
					let link = Unanswered::<T>::get(id).ok_or("a queued case has no link")?;
					ensure!(link.prev == prev, "a queue link points back to the wrong case");
					prev = Some(id);
					cursor = link.next;
				}
				ensure!(prev == Some(ends.tail), "a queue of unanswered cases ends elsewhere");
			}
			ensure!(
				queued == open.remove(&provider).unwrap_or_default(),
				"a provider's queue differs from its open cases"
			);
		}
		ensure!(
			providers.values().all(|card| *card == Scorecard::default()) && open.is_empty(),
			"ratings or cases of a provider without a record"
		);

		for (programme, card) in Programmes::<T>::iter() {
			let expected = programmes.remove(&programme).unwrap_or_default();
			ensure!(card == expected, "a programme scorecard differs from its records");
		}
		ensure!(
			programmes.values().all(|card| *card == Scorecard::default()),
			"ratings or cases of a programme without a scorecard"
		);
		Ok(())
	}
}

/// Procurement asks this before accepting a bid.
impl<T: Config> ProviderStanding<T::AccountId> for Pallet<T> {
	/// `false` while the provider has a case overdue (marked, or its oldest unanswered case past
	/// its deadline), or an average below `StandingFloor` over at least `StandingMinRatings`
	/// counted ratings. Reads two records.
	fn in_good_standing(provider: &T::AccountId) -> bool {
		Self::standing(&Providers::<T>::get(provider), Self::now())
	}
}
