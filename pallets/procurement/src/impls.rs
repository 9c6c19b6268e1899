//! The logic behind the calls: for each call a read-only `ensure_*` check that returns what the
//! write needs, and a `do_*` that applies it; the [`AwardedContracts`] implementation; the views
//! the runtime API exposes; and `do_try_state`.

use crate::{
	pallet::*, types::*, BidOf, DetailsOf, DisqualificationOf, ProjectOf, ReasonOf, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResultWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	anon::{self, Alias, AnonymousRings, ItemRef, ProofError, MAX_PROOF_LEN},
	signing_bytes, verify_offchain_signature, Amount, Award, AwardedContracts, BidIndex,
	CommunityRegistry, HasEntryPair, OfficeId, ProjectId, ProviderStanding, ResidentId,
	ResidentInfo, SurveyLookup, H256,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	transaction_validity::{TransactionSource, TransactionValidityWithRefund},
};

/// What a ballot call will write, worked out by its check.
pub struct BallotPlan<T: Config> {
	project_id: ProjectId,
	project: ProjectOf<T>,
	resident: ResidentId,
	previous: Option<Ballot>,
	choice: Choice,
}

/// What `cast_anonymous_ballot` will write, worked out by its check.
pub struct AnonymousPlan<T: Config> {
	project_id: ProjectId,
	project: ProjectOf<T>,
	previous: Option<BidIndex>,
}

/// What `reveal_vote` will write, worked out by its check.
pub struct RevealPlan<T: Config> {
	project_id: ProjectId,
	project: ProjectOf<T>,
	resident: ResidentId,
	ballot: Ballot,
	bid: BidIndex,
}

/// The verdict `close` will record.
pub(crate) enum Verdict<AccountId> {
	Award { bid: BidIndex, provider: AccountId, price: Amount, votes: u32 },
	Fail(FailureReason),
}

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	fn project(id: ProjectId) -> Result<ProjectOf<T>, DispatchError> {
		Projects::<T>::get(id).ok_or_else(|| Error::<T>::UnknownProject.into())
	}

	/// The windows and quorum of `rules` make sense at block `now`.
	fn ensure_valid_rules(
		rules: &ProjectRules<BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(rules.quorum_percent <= 100, Error::<T>::InvalidQuorum);
		ensure!(rules.bidding.start >= now, Error::<T>::BiddingStartsInPast);
		ensure!(
			rules.bidding.start <= now.saturating_add(T::MaxLeadTime::get()),
			Error::<T>::StartsTooLate
		);
		let ends = match rules.method {
			VotingMethod::Secret { reveal_end } => reveal_end.max(rules.voting.end),
			VotingMethod::Open | VotingMethod::Anonymous => rules.voting.end,
		};
		ensure!(
			ends.saturating_sub(rules.bidding.start) <= T::MaxDuration::get(),
			Error::<T>::ProjectTooLong
		);
		ensure!(!rules.bidding.is_empty() && !rules.voting.is_empty(), Error::<T>::EmptyWindow);
		ensure!(rules.bidding.end <= rules.voting.start, Error::<T>::VotingBeforeBiddingEnds);
		if let VotingMethod::Secret { reveal_end } = rules.method {
			ensure!(reveal_end > rules.voting.end, Error::<T>::EmptyWindow);
		}
		Ok(())
	}

	/// The project may still be changed or cancelled: it is open and bidding hasn't started.
	fn ensure_scheduled(project: &ProjectOf<T>, now: BlockNumberFor<T>) -> DispatchResult {
		match project.phase(now) {
			Phase::Scheduled => Ok(()),
			Phase::Awarded | Phase::Failed | Phase::Cancelled => {
				Err(Error::<T>::ProjectClosed.into())
			},
			_ => Err(Error::<T>::RulesLocked.into()),
		}
	}

	/// Bid `bid` exists and stands.
	fn ensure_standing_bid(project: &ProjectOf<T>, bid: BidIndex) -> DispatchResult {
		let slot = project.bids.get(bid as usize).ok_or(Error::<T>::UnknownBid)?;
		match slot.state {
			BidState::Active => Ok(()),
			BidState::Withdrawn => Err(Error::<T>::BidWithdrawn.into()),
			BidState::Disqualified => Err(Error::<T>::BidDisqualified.into()),
		}
	}

	// ----- create_project -----

	/// Checks `create_project`; returns the new id, the office and the quorum's base.
	pub(crate) fn ensure_create_project(
		who: &T::AccountId,
		details: &DetailsOf<T>,
		rules: &ProjectRules<BlockNumberFor<T>>,
	) -> Result<(ProjectId, OfficeId, u32), DispatchError> {
		let office = T::Registry::scope_office(rules.scope).ok_or(Error::<T>::UnknownScope)?;
		ensure!(T::Registry::is_office_admin(who, office), Error::<T>::NotOfficeAdmin);
		ensure!(!details.title.is_empty(), Error::<T>::EmptyTitle);
		if let Some(survey) = details.survey {
			let scope = T::Surveys::survey_scope(survey).ok_or(Error::<T>::UnknownSurvey)?;
			ensure!(
				T::Registry::scope_office(scope) == Some(office),
				Error::<T>::SurveyOutsideOffice
			);
		}
		Self::ensure_valid_rules(rules, Self::now())?;
		let open = OpenProjects::<T>::decode_len(office).unwrap_or(0);
		ensure!(
			open < T::MaxOpenProjectsPerOffice::get() as usize,
			Error::<T>::TooManyOpenProjects
		);
		let id = NextProjectId::<T>::get();
		ensure!(id.checked_add(1).is_some(), Error::<T>::ProjectIdsExhausted);
		Ok((id, office, T::Registry::residents_in(rules.scope)))
	}

	/// What opening a project holds: `ProjectDeposit`, and for an anonymous project
	/// `RingMemberDeposit` more per resident in its scope now (`residents`), for the rings that
	/// will store their member keys (returned when `reap_ballots` has forgotten them).
	pub(crate) fn project_deposit(
		rules: &ProjectRules<BlockNumberFor<T>>,
		residents: u32,
	) -> BalanceOf<T> {
		let rings = if rules.is_anonymous() {
			T::RingMemberDeposit::get().saturating_mul(BalanceOf::<T>::from(residents))
		} else {
			BalanceOf::<T>::zero()
		};
		T::ProjectDeposit::get().saturating_add(rings)
	}

	pub(crate) fn do_create_project(
		who: T::AccountId,
		details: DetailsOf<T>,
		budget: Amount,
		rules: ProjectRules<BlockNumberFor<T>>,
	) -> DispatchResult {
		let (id, office, eligible) = Self::ensure_create_project(&who, &details, &rules)?;
		if rules.is_anonymous() {
			// Its members: residents in scope registered, with a member key, before this block.
			T::Rings::open(ItemRef::procurement(id), rules.scope, Self::now())?;
		}
		Self::hold(DepositFor::Project(id), &who, Self::project_deposit(&rules, eligible))?;
		OpenProjects::<T>::try_mutate(office, |open| open.try_push(id))
			.map_err(|_| Error::<T>::TooManyOpenProjects)?;
		// Checked in `ensure_create_project`.
		NextProjectId::<T>::put(id.saturating_add(1));
		Projects::<T>::insert(
			id,
			Project {
				office,
				budget,
				rules,
				opened_at: Self::now(),
				eligible,
				bids: BoundedVec::new(),
				ballots: 0,
				reaped: 0,
				state: ProjectState::Open,
			},
		);
		ProjectDetails::<T>::insert(id, details);
		Self::deposit_event(Event::ProjectCreated {
			project: id,
			office,
			scope: rules.scope,
			budget,
			eligible,
		});
		Ok(())
	}

	// ----- update_rules -----

	/// Checks `update_rules`; returns the project and the new quorum base.
	pub(crate) fn ensure_update_rules(
		who: &T::AccountId,
		id: ProjectId,
		rules: &ProjectRules<BlockNumberFor<T>>,
	) -> Result<(ProjectOf<T>, u32), DispatchError> {
		let project = Self::project(id)?;
		ensure!(T::Registry::is_office_admin(who, project.office), Error::<T>::NotOfficeAdmin);
		let now = Self::now();
		Self::ensure_scheduled(&project, now)?;
		ensure!(
			!project.rules.is_anonymous() && !rules.is_anonymous(),
			Error::<T>::AnonymousRulesFixed
		);
		let office = T::Registry::scope_office(rules.scope).ok_or(Error::<T>::UnknownScope)?;
		ensure!(office == project.office, Error::<T>::ScopeOutsideOffice);
		Self::ensure_valid_rules(rules, now)?;
		Ok((project, T::Registry::residents_in(rules.scope)))
	}

	pub(crate) fn do_update_rules(
		who: T::AccountId,
		id: ProjectId,
		rules: ProjectRules<BlockNumberFor<T>>,
	) -> DispatchResult {
		let (mut project, eligible) = Self::ensure_update_rules(&who, id, &rules)?;
		project.rules = rules;
		project.opened_at = Self::now();
		project.eligible = eligible;
		Projects::<T>::insert(id, project);
		Self::deposit_event(Event::RulesUpdated { project: id, scope: rules.scope, eligible });
		Ok(())
	}

	// ----- cancel_project -----

	/// Checks `cancel_project`; returns the project.
	/// `who` is `None` for the chain's admin origin, which may cancel any project not yet closed.
	pub(crate) fn ensure_cancel_project(
		who: Option<&T::AccountId>,
		id: ProjectId,
		reason: &ReasonOf<T>,
	) -> Result<ProjectOf<T>, DispatchError> {
		let project = Self::project(id)?;
		match who {
			Some(who) => {
				ensure!(
					T::Registry::is_office_admin(who, project.office),
					Error::<T>::NotOfficeAdmin
				);
				Self::ensure_scheduled(&project, Self::now())?;
			},
			None => ensure!(
				!matches!(
					project.phase(Self::now()),
					Phase::Awarded | Phase::Failed | Phase::Cancelled
				),
				Error::<T>::ProjectClosed
			),
		}
		ensure!(!reason.is_empty(), Error::<T>::ReasonRequired);
		Ok(project)
	}

	pub(crate) fn do_cancel_project(
		who: Option<T::AccountId>,
		id: ProjectId,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		let mut project = Self::ensure_cancel_project(who.as_ref(), id, &reason)?;
		Self::remove_from_open_index(project.office, id);
		project.state =
			ProjectState::Cancelled { reason: reason.clone(), cancelled_at: Self::now() };
		Self::release_bids(id, project.bids.len() as u32);
		if project.ballots == 0 {
			Self::release(DepositFor::Project(id));
		}
		Projects::<T>::insert(id, project);
		Self::deposit_event(Event::ProjectCancelled { project: id, reason });
		Ok(())
	}

	/// Holds `amount` from `who` for `what`, and records it.
	fn hold(what: DepositFor, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let reason = match what {
			DepositFor::Project(_) => HoldReason::ProjectDeposit,
			DepositFor::Bid(..) => HoldReason::BidDeposit,
		};
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		Deposits::<T>::insert(what, (who.clone(), amount));
		Ok(())
	}

	/// Gives the deposit held for `what` back, if one is held. Releasing a recorded hold can't
	/// fail (`try_state` checks the records against the holds); if it did, the record is dropped
	/// rather than blocking the call.
	fn release(what: DepositFor) {
		if let Some((who, amount)) = Deposits::<T>::take(what) {
			let reason = match what {
				DepositFor::Project(_) => HoldReason::ProjectDeposit,
				DepositFor::Bid(..) => HoldReason::BidDeposit,
			};
			let _ = T::Currency::release(&reason.into(), &who, amount, Precision::BestEffort);
		}
	}

	/// Releases the deposits of bids `0..bids` of project `id` (at most `MaxBids`).
	fn release_bids(id: ProjectId, bids: u32) {
		for index in 0..bids {
			Self::release(DepositFor::Bid(id, index));
		}
	}

	fn remove_from_open_index(office: OfficeId, id: ProjectId) {
		OpenProjects::<T>::mutate_exists(office, |open| {
			if let Some(list) = open {
				list.retain(|p| *p != id);
				if list.is_empty() {
					*open = None;
				}
			}
		});
	}

	// ----- submit_bid -----

	/// Checks `submit_bid`; returns the project and the new bid's index.
	pub(crate) fn ensure_submit_bid(
		who: &T::AccountId,
		id: ProjectId,
		price: Amount,
	) -> Result<(ProjectOf<T>, BidIndex), DispatchError> {
		let project = Self::project(id)?;
		ensure!(project.phase(Self::now()) == Phase::Bidding, Error::<T>::BiddingNotOpen);
		ensure!(
			T::Registry::is_approved_provider(who, project.office),
			Error::<T>::NotApprovedProvider
		);
		ensure!(T::Standing::in_good_standing(who), Error::<T>::NotInGoodStanding);
		ensure!(!ProviderBids::<T>::has_entry_pair(id, who), Error::<T>::AlreadyBid);
		ensure!(price <= project.budget, Error::<T>::PriceOverBudget);
		ensure!(project.bids.len() < T::MaxBids::get() as usize, Error::<T>::TooManyBids);
		// `len < MaxBids: u32`, so the index fits.
		let index = BidIndex::try_from(project.bids.len()).map_err(|_| Error::<T>::TooManyBids)?;
		Ok((project, index))
	}

	pub(crate) fn do_submit_bid(
		who: T::AccountId,
		id: ProjectId,
		price: Amount,
		summary: BoundedVec<u8, T::MaxBidSummaryLen>,
		proposal: H256,
	) -> DispatchResult {
		let (mut project, index) = Self::ensure_submit_bid(&who, id, price)?;
		Self::hold(DepositFor::Bid(id, index), &who, T::BidDeposit::get())?;
		project
			.bids
			.try_push(BidSlot { price, state: BidState::Active, votes: 0 })
			.map_err(|_| Error::<T>::TooManyBids)?;
		Projects::<T>::insert(id, project);
		let bid: BidOf<T> =
			Bid { provider: who.clone(), summary, proposal, submitted_at: Self::now() };
		Bids::<T>::insert(id, index, bid);
		ProviderBids::<T>::insert(id, &who, index);
		Self::deposit_event(Event::BidSubmitted { project: id, bid: index, provider: who, price });
		Ok(())
	}

	// ----- withdraw_bid -----

	/// Checks `withdraw_bid`; returns the project and the bid's index.
	pub(crate) fn ensure_withdraw_bid(
		who: &T::AccountId,
		id: ProjectId,
	) -> Result<(ProjectOf<T>, BidIndex), DispatchError> {
		let project = Self::project(id)?;
		ensure!(project.phase(Self::now()) == Phase::Bidding, Error::<T>::BiddingNotOpen);
		let index = ProviderBids::<T>::get(id, who).ok_or(Error::<T>::NoBid)?;
		let slot = project.bids.get(index as usize).ok_or(Error::<T>::NoBid)?;
		ensure!(slot.state == BidState::Active, Error::<T>::BidNotActive);
		Ok((project, index))
	}

	pub(crate) fn do_withdraw_bid(who: T::AccountId, id: ProjectId) -> DispatchResult {
		let (mut project, index) = Self::ensure_withdraw_bid(&who, id)?;
		if let Some(slot) = project.bids.get_mut(index as usize) {
			slot.state = BidState::Withdrawn;
		}
		Self::release(DepositFor::Bid(id, index));
		Projects::<T>::insert(id, project);
		// Written together with the slot's new state, and only then.
		Withdrawals::<T>::insert(id, index, Self::now());
		Self::deposit_event(Event::BidWithdrawn { project: id, bid: index, provider: who });
		Ok(())
	}

	// ----- disqualify_bid -----

	/// Checks `disqualify_bid`; returns the project.
	pub(crate) fn ensure_disqualify_bid(
		who: &T::AccountId,
		id: ProjectId,
		index: BidIndex,
		reason: &ReasonOf<T>,
	) -> Result<ProjectOf<T>, DispatchError> {
		let project = Self::project(id)?;
		ensure!(T::Registry::is_office_admin(who, project.office), Error::<T>::NotOfficeAdmin);
		match project.phase(Self::now()) {
			Phase::Scheduled | Phase::Bidding | Phase::Review => {},
			Phase::Awarded | Phase::Failed | Phase::Cancelled => {
				return Err(Error::<T>::ProjectClosed.into())
			},
			Phase::Voting | Phase::Revealing | Phase::AwaitingClose => {
				return Err(Error::<T>::VotingStarted.into())
			},
		}
		ensure!(!reason.is_empty(), Error::<T>::ReasonRequired);
		let slot = project.bids.get(index as usize).ok_or(Error::<T>::UnknownBid)?;
		ensure!(slot.state == BidState::Active, Error::<T>::BidNotActive);
		Ok(project)
	}

	pub(crate) fn do_disqualify_bid(
		who: T::AccountId,
		id: ProjectId,
		index: BidIndex,
		reason: ReasonOf<T>,
	) -> DispatchResult {
		let mut project = Self::ensure_disqualify_bid(&who, id, index, &reason)?;
		if let Some(slot) = project.bids.get_mut(index as usize) {
			slot.state = BidState::Disqualified;
		}
		Projects::<T>::insert(id, project);
		// Written together with the slot's new state, and only then.
		let record: DisqualificationOf<T> =
			Disqualification { reason: reason.clone(), at: Self::now() };
		Disqualifications::<T>::insert(id, index, record);
		Self::release(DepositFor::Bid(id, index));
		Self::deposit_event(Event::BidDisqualified { project: id, bid: index, reason });
		Ok(())
	}

	// ----- ballots: vote, commit_vote, vote_relayed -----

	/// The check shared by every way of casting a ballot. `sequence` is the relayed ballot's
	/// sequence number, checked before the change rules so that a replay is reported as such.
	fn ensure_ballot(
		who: &T::AccountId,
		id: ProjectId,
		choice: Choice,
		sequence: Option<u32>,
	) -> Result<BallotPlan<T>, DispatchError> {
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		let project = Self::project(id)?;
		match (&project.rules.method, &choice) {
			(VotingMethod::Anonymous, _) => return Err(Error::<T>::BallotIsAnonymous.into()),
			(VotingMethod::Open, Choice::Bid(_))
			| (VotingMethod::Secret { .. }, Choice::Commitment(_)) => {},
			(VotingMethod::Open, Choice::Commitment(_)) => {
				return Err(Error::<T>::BallotIsOpen.into())
			},
			(VotingMethod::Secret { .. }, Choice::Bid(_)) => {
				return Err(Error::<T>::BallotIsSecret.into())
			},
		}
		ensure!(project.phase(Self::now()) == Phase::Voting, Error::<T>::VotingNotOpen);
		ensure!(
			resident.is_in(&project.rules.scope) && resident.registered_before(&project.opened_at),
			Error::<T>::NotEligible
		);
		Self::ensure_no_conflict(id, resident.id)?;
		if let Choice::Bid(bid) = choice {
			Self::ensure_standing_bid(&project, bid)?;
		}
		let previous = Ballots::<T>::get(id, resident.id);
		if let Some(sequence) = sequence {
			let expected = previous.as_ref().map_or(0, Ballot::next_sequence);
			ensure!(sequence >= expected, Error::<T>::StaleSequence);
			ensure!(sequence == expected, Error::<T>::SequenceAhead);
		}
		if let Some(previous) = &previous {
			ensure!(previous.changes < T::MaxVoteChanges::get(), Error::<T>::TooManyChanges);
			ensure!(!previous.choice.is_same(&choice), Error::<T>::UnchangedBallot);
		}
		Ok(BallotPlan { project_id: id, project, resident: resident.id, previous, choice })
	}

	/// 回避: `resident` is not declared staff of a provider that bids in project `id`. One read
	/// of the resident's employers (usually none), then one per employer.
	fn ensure_no_conflict(id: ProjectId, resident: ResidentId) -> DispatchResult {
		for employer in T::Registry::employers_of(resident) {
			ensure!(
				!ProviderBids::<T>::has_entry_pair(id, &employer),
				Error::<T>::ConflictOfInterest
			);
		}
		Ok(())
	}

	/// The weight of the check that decides whether `call` is free (its `feeless_if`:
	/// [`Pallet::ensure_vote`], [`Pallet::ensure_commit`], [`Pallet::ensure_reveal`]). The
	/// transaction extension runs it before the call, whether the call then turns out free or
	/// not, so the runtime charges it on top of the call's own weight. Zero for a call that is
	/// never free.
	pub fn feeless_check_weight(call: &Call<T>) -> Weight {
		match call {
			Call::vote { .. } => T::WeightInfo::feeless_vote(),
			Call::commit_vote { .. } => T::WeightInfo::feeless_commit_vote(),
			Call::reveal_vote { .. } => T::WeightInfo::feeless_reveal_vote(),
			_ => Weight::zero(),
		}
	}

	/// Checks `vote` (and decides whether it is free).
	pub fn ensure_vote(
		who: &T::AccountId,
		id: ProjectId,
		bid: BidIndex,
	) -> Result<BallotPlan<T>, DispatchError> {
		Self::ensure_ballot(who, id, Choice::Bid(bid), None)
	}

	/// Checks `commit_vote` (and decides whether it is free).
	pub fn ensure_commit(
		who: &T::AccountId,
		id: ProjectId,
		commitment: H256,
	) -> Result<BallotPlan<T>, DispatchError> {
		Self::ensure_ballot(who, id, Choice::Commitment(commitment), None)
	}

	/// The exact message a resident signs for a relayed ballot (see the crate docs).
	pub fn relayed_ballot_message(
		project: ProjectId,
		choice: &Choice,
		sequence: u32,
		deadline: BlockNumberFor<T>,
	) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		match choice {
			Choice::Bid(bid) => {
				signing_bytes(BALLOT_CONTEXT, &(genesis, project, *bid, sequence, deadline))
			},
			Choice::Commitment(commitment) => {
				signing_bytes(BALLOT_CONTEXT, &(genesis, project, *commitment, sequence, deadline))
			},
		}
	}

	/// Checks `vote_relayed`.
	pub fn ensure_vote_relayed(
		resident: &T::AccountId,
		id: ProjectId,
		choice: Choice,
		sequence: u32,
		deadline: BlockNumberFor<T>,
		signature: &T::OffchainSignature,
	) -> Result<BallotPlan<T>, DispatchError> {
		ensure!(Self::now() <= deadline, Error::<T>::SignatureExpired);
		// A signed ballot must not outlive its ballot: past the voting window it could only be
		// carried around, never counted.
		ensure!(deadline < Self::project(id)?.rules.voting.end, Error::<T>::DeadlineAfterVoting);
		let message = Self::relayed_ballot_message(id, &choice, sequence, deadline);
		ensure!(verify_offchain_signature(signature, &message, resident), Error::<T>::BadSignature);
		Self::ensure_ballot(resident, id, choice, Some(sequence))
	}

	/// Writes a checked ballot: the ballot record, and the project record when a tally or the
	/// ballot count changes.
	fn apply_ballot(plan: BallotPlan<T>, relayer: Option<T::AccountId>) {
		let BallotPlan { project_id, mut project, resident, previous, choice } = plan;
		let changes = previous.as_ref().map_or(0, |b| b.changes.saturating_add(1));
		if previous.is_none() {
			// One ballot record per resident: can't exceed the number of residents (a `u32`).
			project.ballots = project.ballots.saturating_add(1);
		}
		match choice {
			Choice::Bid(bid) => {
				let previous_bid = previous.and_then(|b| b.choice.counted_bid());
				if let Some(old) = previous_bid.and_then(|old| project.bids.get_mut(old as usize)) {
					// The old ballot was counted in this slot, so this never saturates.
					old.votes = old.votes.saturating_sub(1);
				}
				if let Some(new) = project.bids.get_mut(bid as usize) {
					// At most one counted ballot per resident.
					new.votes = new.votes.saturating_add(1);
				}
				Projects::<T>::insert(project_id, project);
				Ballots::<T>::insert(
					project_id,
					resident,
					Ballot { choice: BallotChoice::Bid(bid), changes },
				);
				Self::deposit_event(Event::BallotCast {
					project: project_id,
					resident,
					bid,
					previous: previous_bid,
					relayer,
				});
			},
			Choice::Commitment(commitment) => {
				// Commitments aren't counted: only the first one changes the project record.
				if previous.is_none() {
					Projects::<T>::insert(project_id, project);
				}
				Ballots::<T>::insert(
					project_id,
					resident,
					Ballot { choice: BallotChoice::Committed(commitment), changes },
				);
				Self::deposit_event(Event::BallotCommitted {
					project: project_id,
					resident,
					commitment,
					relayer,
				});
			},
		}
	}

	pub(crate) fn do_vote(who: T::AccountId, id: ProjectId, bid: BidIndex) -> DispatchResult {
		let plan = Self::ensure_vote(&who, id, bid)?;
		Self::apply_ballot(plan, None);
		Ok(())
	}

	pub(crate) fn do_commit_vote(
		who: T::AccountId,
		id: ProjectId,
		commitment: H256,
	) -> DispatchResult {
		let plan = Self::ensure_commit(&who, id, commitment)?;
		Self::apply_ballot(plan, None);
		Ok(())
	}

	pub(crate) fn do_vote_relayed(
		relayer: T::AccountId,
		id: ProjectId,
		resident: T::AccountId,
		choice: Choice,
		sequence: u32,
		deadline: BlockNumberFor<T>,
		signature: T::OffchainSignature,
	) -> DispatchResult {
		let plan =
			Self::ensure_vote_relayed(&resident, id, choice, sequence, deadline, &signature)?;
		Self::apply_ballot(plan, Some(relayer));
		Ok(())
	}

	// ----- cast_anonymous_ballot -----

	/// Checks an anonymous ballot against the project and the alias's earlier ballot (not the
	/// proof: [`Pallet::authorize_anonymous_ballot`] verifies it). Returns what the write needs.
	pub fn ensure_anonymous_ballot(
		id: ProjectId,
		bid: BidIndex,
		seq: u32,
		alias: &Alias,
	) -> Result<AnonymousPlan<T>, DispatchError> {
		let project = Self::project(id)?;
		ensure!(project.rules.is_anonymous(), Error::<T>::NotAnonymous);
		ensure!(project.phase(Self::now()) == Phase::Voting, Error::<T>::VotingNotOpen);
		Self::ensure_standing_bid(&project, bid)?;
		let previous = AnonymousBallots::<T>::get(id, alias);
		let expected = previous.map_or(0, |b| b.seq.saturating_add(1));
		ensure!(seq >= expected, Error::<T>::StaleSequence);
		ensure!(seq == expected, Error::<T>::SequenceAhead);
		if let Some(previous) = previous {
			ensure!(previous.seq < T::MaxVoteChanges::get(), Error::<T>::TooManyChanges);
			ensure!(previous.bid != bid, Error::<T>::UnchangedBallot);
		}
		Ok(AnonymousPlan { project_id: id, project, previous: previous.map(|b| b.bid) })
	}

	/// Authorizes `cast_anonymous_ballot` (the `#[pallet::authorize]` of the call): the ballot
	/// passes [`Pallet::ensure_anonymous_ballot`] and its proof verifies, by a member of ring
	/// `ring`, over this ballot, giving `alias`. Valid until voting ends; it provides
	/// `(project, alias, seq)`, so the pool keeps one transaction per ballot. A refusal is
	/// `InvalidTransaction::Custom(i)`, `i` the index of this pallet's error.
	pub fn authorize_anonymous_ballot(
		_source: TransactionSource,
		project: &ProjectId,
		ring: &u32,
		bid: &BidIndex,
		seq: &u32,
		alias: &Alias,
		proof: &BoundedVec<u8, ConstU32<MAX_PROOF_LEN>>,
	) -> TransactionValidityWithRefund {
		let plan =
			Self::ensure_anonymous_ballot(*project, *bid, *seq, alias).map_err(anon::refusal)?;
		let claim = anon::Claim {
			item: ItemRef::procurement(*project),
			ring: *ring,
			alias,
			seq: *seq,
			message: anon::message(*project, *ring, bid, *seq),
			tag: "GongzhiAnonBallot",
			valid_for: plan.project.rules.voting.end.saturating_sub(Self::now()),
		};
		let validity = anon::authorize::<BlockNumberFor<T>, T::Rings, Error<T>>(claim, proof)?;
		Ok((validity, Weight::zero()))
	}

	/// Writes an authorized anonymous ballot: the tallies, the ballot count, the ballot.
	pub(crate) fn do_cast_anonymous_ballot(
		id: ProjectId,
		ring: u32,
		bid: BidIndex,
		seq: u32,
		alias: Alias,
	) -> DispatchResult {
		let AnonymousPlan { project_id, mut project, previous } =
			Self::ensure_anonymous_ballot(id, bid, seq, &alias)?;
		if let Some(old) = previous.and_then(|old| project.bids.get_mut(old as usize)) {
			// The old ballot was counted in this slot, so this never saturates.
			old.votes = old.votes.saturating_sub(1);
		}
		if let Some(new) = project.bids.get_mut(bid as usize) {
			// At most one counted ballot per alias.
			new.votes = new.votes.saturating_add(1);
		}
		if previous.is_none() {
			// One record per alias, at most one alias per ring member.
			project.ballots = project.ballots.saturating_add(1);
		}
		Projects::<T>::insert(project_id, project);
		AnonymousBallots::<T>::insert(project_id, alias, AnonymousBallot { bid, seq });
		Self::deposit_event(Event::AnonymousBallotCast {
			project: project_id,
			ring,
			alias,
			bid,
			previous,
		});
		Ok(())
	}

	/// An anonymous ballot's receipt: the choice and sequence number stored under `alias`.
	pub fn anonymous_ballot_of(project: ProjectId, alias: Alias) -> Option<AnonymousBallot> {
		AnonymousBallots::<T>::get(project, alias)
	}

	// ----- reveal_vote -----

	/// Checks `reveal_vote` (and decides whether it is free).
	pub fn ensure_reveal(
		who: &T::AccountId,
		id: ProjectId,
		bid: BidIndex,
		salt: &[u8; 32],
	) -> Result<RevealPlan<T>, DispatchError> {
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		let project = Self::project(id)?;
		ensure!(!project.rules.is_anonymous(), Error::<T>::BallotIsAnonymous);
		ensure!(project.rules.is_secret(), Error::<T>::BallotIsOpen);
		ensure!(project.phase(Self::now()) == Phase::Revealing, Error::<T>::RevealingNotOpen);
		let ballot = Ballots::<T>::get(id, resident.id).ok_or(Error::<T>::NoCommitment)?;
		let commitment = match ballot.choice {
			BallotChoice::Committed(commitment) => commitment,
			BallotChoice::Revealed(_) => return Err(Error::<T>::AlreadyRevealed.into()),
			// An open ballot can't exist in a secret project.
			BallotChoice::Bid(_) => return Err(Error::<T>::NoCommitment.into()),
		};
		ensure!(
			ballot_commitment(id, bid, salt, resident.id) == commitment,
			Error::<T>::CommitmentMismatch
		);
		Self::ensure_no_conflict(id, resident.id)?;
		Self::ensure_standing_bid(&project, bid)?;
		Ok(RevealPlan { project_id: id, project, resident: resident.id, ballot, bid })
	}

	pub(crate) fn do_reveal_vote(
		who: T::AccountId,
		id: ProjectId,
		bid: BidIndex,
		salt: [u8; 32],
	) -> DispatchResult {
		let RevealPlan { project_id, mut project, resident, mut ballot, bid } =
			Self::ensure_reveal(&who, id, bid, &salt)?;
		if let Some(slot) = project.bids.get_mut(bid as usize) {
			// At most one counted ballot per resident.
			slot.votes = slot.votes.saturating_add(1);
		}
		ballot.choice = BallotChoice::Revealed(bid);
		Projects::<T>::insert(project_id, project);
		Ballots::<T>::insert(project_id, resident, ballot);
		Self::deposit_event(Event::BallotRevealed { project: project_id, resident, bid });
		Ok(())
	}

	// ----- close -----

	/// Checks `close`; returns the project and the verdict to record.
	pub(crate) fn ensure_close(
		id: ProjectId,
	) -> Result<(ProjectOf<T>, Verdict<T::AccountId>), DispatchError> {
		let project = Self::project(id)?;
		match project.phase(Self::now()) {
			Phase::AwaitingClose => {},
			Phase::Awarded | Phase::Failed | Phase::Cancelled => {
				return Err(Error::<T>::ProjectClosed.into())
			},
			_ => return Err(Error::<T>::TooEarly.into()),
		}
		let verdict = match project.count() {
			Ok((bid, slot)) => {
				let record = Bids::<T>::get(id, bid).ok_or(Error::<T>::UnknownBid)?;
				Verdict::Award {
					bid,
					provider: record.provider,
					price: slot.price,
					votes: slot.votes,
				}
			},
			Err(reason) => Verdict::Fail(reason),
		};
		Ok((project, verdict))
	}

	pub(crate) fn do_close(id: ProjectId) -> DispatchResultWithPostInfo {
		let (mut project, verdict) = Self::ensure_close(id)?;
		let now = Self::now();
		let counted = project.counted();
		let bids = project.bids.len() as u32;
		Self::remove_from_open_index(project.office, id);
		Self::release_bids(id, bids);
		if project.ballots == 0 {
			Self::release(DepositFor::Project(id));
		}
		match verdict {
			Verdict::Award { bid, provider, price, votes } => {
				project.state = ProjectState::Awarded {
					bid,
					provider: provider.clone(),
					price,
					votes,
					closed_at: now,
				};
				Self::deposit_event(Event::ProjectAwarded {
					project: id,
					bid,
					provider,
					price,
					votes,
					counted,
				});
			},
			Verdict::Fail(reason) => {
				project.state = ProjectState::Failed { reason, closed_at: now };
				Self::deposit_event(Event::ProjectFailed {
					project: id,
					reason,
					counted,
					eligible: project.eligible,
				});
			},
		}
		Projects::<T>::insert(id, project);
		Ok(Some(T::WeightInfo::close(bids)).into())
	}

	// ----- reap_ballots -----

	/// Checks `reap_ballots`; returns the project.
	pub(crate) fn ensure_reap_ballots(
		id: ProjectId,
		limit: u32,
	) -> Result<ProjectOf<T>, DispatchError> {
		let project = Self::project(id)?;
		ensure!((1..=T::MaxReapBatch::get()).contains(&limit), Error::<T>::ReapLimitOutOfRange);
		let ended_at = project.state.ended_at().ok_or(Error::<T>::StillOpen)?;
		ensure!(
			Self::now() >= ended_at.saturating_add(T::RetentionPeriod::get()),
			Error::<T>::RetentionNotOver
		);
		ensure!(
			project.reaped < project.ballots || Self::rings_remain(id, &project),
			Error::<T>::NothingToReap
		);
		Ok(project)
	}

	/// Whether an anonymous project's rings (pallet-rings' records of its members) remain to be
	/// forgotten: reaping removes them after the ballots.
	fn rings_remain(id: ProjectId, project: &ProjectOf<T>) -> bool {
		project.rules.is_anonymous() && T::Rings::remembers(ItemRef::procurement(id))
	}

	pub(crate) fn do_reap_ballots(id: ProjectId, limit: u32) -> DispatchResultWithPostInfo {
		let mut project = Self::ensure_reap_ballots(id, limit)?;
		// Collect first: removing keys while iterating over their prefix is not allowed.
		let removed = if project.rules.is_anonymous() {
			let aliases: Vec<Alias> =
				AnonymousBallots::<T>::iter_key_prefix(id).take(limit as usize).collect();
			for alias in &aliases {
				AnonymousBallots::<T>::remove(id, alias);
			}
			aliases.len() as u32
		} else {
			let residents: Vec<ResidentId> =
				Ballots::<T>::iter_key_prefix(id).take(limit as usize).collect();
			for resident in &residents {
				Ballots::<T>::remove(id, resident);
			}
			residents.len() as u32
		};
		// `reaped` never passes `ballots`: only stored records are removed.
		project.reaped = project.reaped.saturating_add(removed);
		let remaining = project.ballots.saturating_sub(project.reaped);
		// Once the ballots are gone, the rest of the limit goes to the project's rings.
		let mut weight = T::WeightInfo::reap_ballots(removed);
		let mut rings_left = Self::rings_remain(id, &project);
		if project.rules.is_anonymous() {
			// `remembers` read the item's record.
			weight.saturating_accrue(T::DbWeight::get().reads(1));
		}
		if remaining == 0 && rings_left && removed < limit {
			let forgot = T::Rings::forget(ItemRef::procurement(id), limit - removed);
			weight.saturating_accrue(T::Rings::forget_weight(forgot.removed));
			rings_left = !forgot.done;
		}
		// The deposit stays until everything the project stored per resident is gone.
		if remaining == 0 && !rings_left {
			Self::release(DepositFor::Project(id));
		}
		Projects::<T>::insert(id, project);
		Self::deposit_event(Event::BallotsReaped { project: id, removed, remaining });
		Ok(Some(weight).into())
	}

	// ----- views for the runtime API -----

	/// A project's rules, texts and phase.
	pub fn project_info(id: ProjectId) -> Option<ProjectInfo<BlockNumberFor<T>>> {
		let project = Projects::<T>::get(id)?;
		let details = ProjectDetails::<T>::get(id)?;
		Some(ProjectInfo {
			project: id,
			office: project.office,
			scope: project.rules.scope,
			title: gongzhi_primitives::view_text(&details.title),
			description: gongzhi_primitives::view_text(&details.description),
			document: details.document,
			survey: details.survey,
			budget: project.budget,
			bidding: project.rules.bidding,
			voting: project.rules.voting,
			method: project.rules.method,
			quorum_percent: project.rules.quorum_percent,
			opened_at: project.opened_at,
			eligible: project.eligible,
			phase: project.phase(Self::now()),
		})
	}

	/// A project's tally: counts per bid, hidden (`None`) in a secret ballot until the reveal
	/// window has ended.
	pub fn project_tally(id: ProjectId) -> Option<ProjectTally> {
		let project = Projects::<T>::get(id)?;
		let now = Self::now();
		let visible = project.tally_visible(now);
		let bids = project
			.bids
			.iter()
			.zip(0..)
			.map(|(slot, bid)| BidTally {
				bid,
				price: slot.price,
				state: slot.state,
				votes: visible.then_some(slot.votes),
			})
			.collect();
		Some(ProjectTally {
			project: id,
			phase: project.phase(now),
			secret: project.rules.is_secret(),
			eligible: project.eligible,
			quorum_percent: project.rules.quorum_percent,
			ballots: project.ballots,
			counted: visible.then(|| project.counted()),
			bids,
		})
	}

	/// How a project ended, or the phase it is in.
	pub fn project_outcome(
		id: ProjectId,
	) -> Option<ProjectOutcome<T::AccountId, BlockNumberFor<T>>> {
		let project = Projects::<T>::get(id)?;
		Some(match project.state {
			ProjectState::Open => ProjectOutcome::Pending { phase: project.phase(Self::now()) },
			ProjectState::Awarded { bid, provider, price, votes, closed_at } => {
				ProjectOutcome::Awarded { bid, provider, price, votes, closed_at }
			},
			ProjectState::Failed { reason, closed_at } => {
				ProjectOutcome::Failed { reason, closed_at }
			},
			ProjectState::Cancelled { reason, cancelled_at } => ProjectOutcome::Cancelled {
				reason: gongzhi_primitives::view_text(&reason),
				cancelled_at,
			},
		})
	}

	/// A resident's receipt for their ballot in a project, while it is stored.
	pub fn ballot_of(project: ProjectId, resident: ResidentId) -> Option<BallotReceipt> {
		let ballot = Ballots::<T>::get(project, resident)?;
		Some(BallotReceipt {
			project,
			resident,
			choice: ballot.choice,
			changes: ballot.changes,
			next_sequence: ballot.next_sequence(),
			counted: ballot.choice.counted_bid().is_some(),
			storage_key: Ballots::<T>::hashed_key_for(project, resident),
		})
	}

	/// The projects of the resident's office in which the resident may act now: vote (or change
	/// their ballot, or commit) during voting, or reveal a commitment during revealing. At most
	/// `MaxOpenProjectsPerOffice` ids, in order of creation.
	pub fn open_ballots_for(resident: &ResidentInfo<BlockNumberFor<T>>) -> Vec<ProjectId> {
		let now = Self::now();
		OpenProjects::<T>::get(resident.office)
			.into_iter()
			.filter(|id| {
				let Some(project) = Projects::<T>::get(id) else {
					return false;
				};
				let ballot = Ballots::<T>::get(id, resident.id);
				match project.phase(now) {
					Phase::Voting => {
						resident.is_in(&project.rules.scope)
							&& resident.registered_before(&project.opened_at)
							&& ballot.is_none_or(|b| b.changes < T::MaxVoteChanges::get())
					},
					Phase::Revealing => {
						ballot.is_some_and(|b| matches!(b.choice, BallotChoice::Committed(_)))
					},
					_ => false,
				}
			})
			.collect()
	}

	/// The named (open or secret) ballots of project `id`: their count, and (until reaping
	/// starts) that the tallies equal them.
	#[cfg(any(feature = "try-runtime", test))]
	fn check_named_ballots(
		id: ProjectId,
		project: &ProjectOf<T>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		let stored: Vec<Ballot> = Ballots::<T>::iter_prefix_values(id).collect();
		ensure!(
			stored.len() as u32 == project.ballots - project.reaped,
			"stored ballots don't match the ballot count"
		);
		let mut tallies = alloc::vec![0u32; project.bids.len()];
		for ballot in &stored {
			let counted = match (project.rules.is_secret(), ballot.choice) {
				(false, BallotChoice::Bid(bid)) => Some(bid),
				(true, BallotChoice::Committed(_)) => None,
				(true, BallotChoice::Revealed(bid)) => Some(bid),
				_ => return Err("a ballot doesn't match the project's method".into()),
			};
			ensure!(ballot.changes <= T::MaxVoteChanges::get(), "a ballot changed too often");
			if let Some(bid) = counted {
				let slot = project.bids.get(bid as usize).ok_or("a ballot for no bid")?;
				ensure!(slot.state == BidState::Active, "a counted ballot for a fallen bid");
				let tally = tallies.get_mut(bid as usize).ok_or("a ballot for no bid")?;
				*tally += 1;
			}
		}
		for (slot, tally) in project.bids.iter().zip(tallies) {
			if project.reaped == 0 {
				ensure!(slot.votes == tally, "a tally doesn't equal its stored ballots");
			} else {
				ensure!(slot.votes >= tally, "a tally is below its remaining ballots");
			}
		}
		Ok(())
	}

	// ----- try_state -----

	/// Recomputes the incremental aggregates the slow way and checks the indexes agree.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		use gongzhi_primitives::HasEntry;
		// Every recorded deposit is held, and nothing else is.
		let mut held: BTreeMap<(T::AccountId, bool), BalanceOf<T>> = BTreeMap::new();
		for (what, (who, amount)) in Deposits::<T>::iter() {
			let (project, is_bid) = match what {
				DepositFor::Project(id) => (id, false),
				DepositFor::Bid(id, _) => (id, true),
			};
			let record = Projects::<T>::get(project).ok_or("a deposit for an unknown project")?;
			if let DepositFor::Bid(id, index) = what {
				let bid = Bids::<T>::get(id, index).ok_or("a deposit for an unknown bid")?;
				ensure!(bid.provider == who, "a bid's deposit is held from another account");
				let slot =
					record.bids.get(index as usize).ok_or("a deposit for a bid with no slot")?;
				ensure!(
					record.state.ended_at().is_none() && slot.state == BidState::Active,
					"a bid deposit outlived its standing bid"
				);
			}
			let sum = held.entry((who, is_bid)).or_default();
			*sum = sum.saturating_add(amount);
		}
		for ((who, is_bid), sum) in held {
			let reason = if is_bid { HoldReason::BidDeposit } else { HoldReason::ProjectDeposit };
			ensure!(
				T::Currency::balance_on_hold(&reason.into(), &who) == sum,
				"held deposits differ from the recorded ones"
			);
		}

		let next = NextProjectId::<T>::get();
		for (id, project) in Projects::<T>::iter() {
			ensure!(id < next, "a project id is not below NextProjectId");
			ensure!(ProjectDetails::<T>::has_entry(id), "a project has no details");

			// Bids: one record per slot, indexed by provider. Price and standing live in the slot
			// only; the details of a fallen bid exist exactly when its slot says it fell that way.
			let mut records = 0usize;
			for (index, bid) in Bids::<T>::iter_prefix(id) {
				records += 1;
				let slot = project.bids.get(index as usize).ok_or("a bid record has no slot")?;
				ensure!(slot.price <= project.budget, "a bid's price is over the budget");
				ensure!(
					ProviderBids::<T>::get(id, &bid.provider) == Some(index),
					"a bid is not indexed under its provider"
				);
				let withdrawn = Withdrawals::<T>::get(id, index);
				ensure!(
					withdrawn.is_some() == (slot.state == BidState::Withdrawn),
					"a withdrawal record disagrees with its bid's slot"
				);
				if let Some(at) = withdrawn {
					ensure!(
						bid.submitted_at <= at && at < project.rules.bidding.end,
						"a bid was withdrawn outside the bidding window"
					);
				}
				let disqualified = Disqualifications::<T>::get(id, index);
				ensure!(
					disqualified.is_some() == (slot.state == BidState::Disqualified),
					"a disqualification record disagrees with its bid's slot"
				);
				if let Some(Disqualification { reason, at }) = disqualified {
					ensure!(!reason.is_empty(), "a bid was disqualified without a reason");
					ensure!(
						bid.submitted_at <= at && at < project.rules.voting.start,
						"a bid was disqualified after voting opened"
					);
				}
			}
			ensure!(records == project.bids.len(), "bid records don't match the bid slots");
			// An award agrees with the winning bid's slot and record.
			if let ProjectState::Awarded { bid, ref provider, price, votes, .. } = project.state {
				let slot = project.bids.get(bid as usize).ok_or("the award names no bid")?;
				ensure!(slot.state == BidState::Active, "the award went to a fallen bid");
				ensure!(
					slot.price == price && slot.votes == votes,
					"the award disagrees with its bid's slot"
				);
				let record = Bids::<T>::get(id, bid).ok_or("the award names no bid record")?;
				ensure!(record.provider == *provider, "the award names another provider");
			}
			ensure!(
				ProviderBids::<T>::iter_prefix(id).count() == project.bids.len(),
				"provider index doesn't match the bid slots"
			);

			// Ballots: the stored count, and (until reaping starts) the tallies.
			ensure!(project.reaped <= project.ballots, "more ballots reaped than cast");
			if project.rules.is_anonymous() {
				ensure!(
					Ballots::<T>::iter_prefix(id).next().is_none(),
					"a named ballot, anonymous"
				);
				let stored: Vec<AnonymousBallot> =
					AnonymousBallots::<T>::iter_prefix_values(id).collect();
				ensure!(
					stored.len() as u32 == project.ballots - project.reaped,
					"stored anonymous ballots don't match the ballot count"
				);
				let mut tallies = alloc::vec![0u32; project.bids.len()];
				for ballot in &stored {
					ensure!(ballot.seq <= T::MaxVoteChanges::get(), "an alias changed too often");
					let slot =
						project.bids.get(ballot.bid as usize).ok_or("a ballot for no bid")?;
					ensure!(slot.state == BidState::Active, "a counted ballot for a fallen bid");
					tallies[ballot.bid as usize] += 1;
				}
				for (slot, tally) in project.bids.iter().zip(tallies) {
					if project.reaped == 0 {
						ensure!(slot.votes == tally, "a tally doesn't equal its anonymous ballots");
					} else {
						ensure!(slot.votes >= tally, "a tally is below its remaining ballots");
					}
				}
			} else {
				ensure!(
					AnonymousBallots::<T>::iter_prefix(id).next().is_none(),
					"an anonymous ballot in a project that isn't"
				);
				Self::check_named_ballots(id, &project)?;
			}

			// The open index lists exactly the open projects, under their office.
			let listed = OpenProjects::<T>::get(project.office).contains(&id);
			ensure!(
				listed == matches!(project.state, ProjectState::Open),
				"the open index disagrees with a project's state"
			);
		}
		for (office, open) in OpenProjects::<T>::iter() {
			ensure!(!open.is_empty(), "an empty open index is stored");
			for (i, id) in open.iter().enumerate() {
				ensure!(!open[..i].contains(id), "a project is listed twice as open");
				let project = Projects::<T>::get(id).ok_or("the open index lists no project")?;
				ensure!(project.office == office, "a project is listed under another office");
			}
		}
		for (id, _) in Ballots::<T>::iter_keys() {
			ensure!(Projects::<T>::has_entry(id), "a ballot for no project");
		}
		for (id, _) in Bids::<T>::iter_keys() {
			ensure!(Projects::<T>::has_entry(id), "a bid for no project");
		}
		// Details of fallen bids belong to a bid record (checked against its slot above).
		for (id, index) in Withdrawals::<T>::iter_keys() {
			ensure!(Bids::<T>::has_entry_pair(id, index), "a withdrawal of no bid");
		}
		for (id, index) in Disqualifications::<T>::iter_keys() {
			ensure!(Bids::<T>::has_entry_pair(id, index), "a disqualification of no bid");
		}
		Ok(())
	}
}

impl<T: Config> AwardedContracts<T::AccountId> for Pallet<T> {
	fn award(project: ProjectId) -> Option<Award<T::AccountId>> {
		let record = Projects::<T>::get(project)?;
		match record.state {
			ProjectState::Awarded { provider, price, .. } => {
				Some(Award { office: record.office, scope: record.rules.scope, provider, price })
			},
			_ => None,
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_award(
		office: OfficeId,
		scope: gongzhi_primitives::Scope,
		provider: &T::AccountId,
	) -> ProjectId {
		let id = NextProjectId::<T>::get();
		NextProjectId::<T>::put(id.saturating_add(1));
		let now = Self::now();
		let window = Window { start: now, end: now };
		let mut bids = BoundedVec::new();
		// The largest price, so that programmes of any face value fit the award.
		let _ = bids.try_push(BidSlot { price: Amount::MAX, state: BidState::Active, votes: 0 });
		Projects::<T>::insert(
			id,
			Project {
				office,
				budget: Amount::MAX,
				rules: ProjectRules {
					scope,
					bidding: window,
					voting: window,
					method: VotingMethod::Open,
					quorum_percent: 0,
				},
				opened_at: now,
				eligible: 0,
				bids,
				ballots: 0,
				reaped: 0,
				state: ProjectState::Awarded {
					bid: 0,
					provider: provider.clone(),
					price: Amount::MAX,
					votes: 0,
					closed_at: now,
				},
			},
		);
		ProjectDetails::<T>::insert(
			id,
			Details {
				title: BoundedVec::new(),
				description: BoundedVec::new(),
				document: H256::zero(),
				survey: None,
			},
		);
		let bid: BidOf<T> = Bid {
			provider: provider.clone(),
			summary: BoundedVec::new(),
			proposal: H256::zero(),
			submitted_at: now,
		};
		Bids::<T>::insert(id, 0, bid);
		ProviderBids::<T>::insert(id, provider, 0);
		id
	}
}

/// Why an anonymous ballot's proof was refused, as this pallet's error (the pool reports it by its
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
