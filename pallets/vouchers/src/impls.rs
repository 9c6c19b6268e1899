//! How the calls work — each a read-only `ensure_*` check that returns what the write needs, then
//! the write — and the `Redemptions` implementation, the views for the runtime API and
//! `try_state`.

use crate::{pallet::*, types::*, weights::WeightInfo, OFFLINE_REDEMPTION_CONTEXT};
use alloc::{
	collections::{btree_map::BTreeMap, btree_set::BTreeSet},
	vec::Vec,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::*;
use gongzhi_primitives::{
	signing_bytes, verify_offchain_signature, Amount, AwardedContracts, CommunityRegistry,
	HasEntry, OfficeId, ProgrammeId, RedemptionId, RedemptionInfo, Redemptions, ResidentId,
	ResidentInfo, VoucherId, H256,
};
use sp_runtime::traits::{One, Saturating, UniqueSaturatedInto, Zero};

/// The most days `redemptions_per_day` returns in one query (a year).
pub const MAX_DAYS_PER_QUERY: u32 = 366;

/// A programme's office index after pruning, ready to take the new programme.
type OpenIndexOf<T> =
	BoundedVec<(ProgrammeId, BlockNumberFor<T>), <T as Config>::MaxOpenProgrammes>;

/// Vouchers already planned earlier in the same `issue` batch, so that a resident (or household)
/// listed twice is held to the same limit and bound as one claiming twice.
#[derive(Default)]
struct Pending {
	beneficiaries: BTreeMap<Beneficiary, u32>,
	residents: BTreeMap<ResidentId, u32>,
}

impl Pending {
	fn for_beneficiary(&self, b: &Beneficiary) -> u32 {
		self.beneficiaries.get(b).copied().unwrap_or_default()
	}

	fn for_resident(&self, r: ResidentId) -> u32 {
		self.residents.get(&r).copied().unwrap_or_default()
	}

	fn add(&mut self, grant: &Grant) {
		// At most MaxIssueBatch entries: no overflow.
		*self.beneficiaries.entry(grant.beneficiary).or_default() += 1;
		*self.residents.entry(grant.resident).or_default() += 1;
	}
}

impl<T: Config> Pallet<T> {
	/// The current block.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The weight of the check that decides whether `call` is free (its `feeless_if`:
	/// [`Pallet::ensure_claim`], [`Pallet::ensure_redeem`], [`Pallet::ensure_cancel`]). The
	/// transaction extension runs it before the call, whether the call then turns out free or
	/// not, so the runtime charges it on top of the call's own weight. Zero for a call that is
	/// never free.
	pub fn feeless_check_weight(call: &Call<T>) -> Weight {
		match call {
			Call::claim { .. } => T::WeightInfo::feeless_claim(),
			Call::redeem { .. } => T::WeightInfo::feeless_redeem(),
			Call::cancel_redemption { .. } => T::WeightInfo::feeless_cancel_redemption(),
			_ => Weight::zero(),
		}
	}

	/// The signer of `origin`, if it is a signed origin (for the feeless checks).
	pub(crate) fn signer(origin: &OriginFor<T>) -> Option<T::AccountId> {
		ensure_signed(origin.clone()).ok()
	}

	/// The day `block` falls in: `block / BlocksPerDay`.
	pub fn day_of(block: BlockNumberFor<T>) -> DayIndex {
		// `integrity_test` requires BlocksPerDay > 0; `max(1)` only keeps a misconfigured runtime
		// from dividing by zero.
		let per_day = T::BlocksPerDay::get().max(One::one());
		(block / per_day).unique_saturated_into()
	}

	/// The message a resident signs to let `provider` redeem `voucher` offline until `deadline`:
	/// `b"gongzhi/redeem/v1" ++ SCALE(genesis_hash, voucher, provider, deadline)`.
	pub fn offline_redemption_message(
		voucher: VoucherId,
		provider: &T::AccountId,
		deadline: BlockNumberFor<T>,
	) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		signing_bytes(OFFLINE_REDEMPTION_CONTEXT, &(genesis, voucher, provider, deadline))
	}

	// ---------------------------------------------------------------------------------------
	// create_programme

	/// Checks a new programme; returns it and, for a claimable programme, the office's pruned
	/// index of open programmes (with room for it).
	pub fn ensure_create_programme(
		who: &T::AccountId,
		terms: &ProgrammeTerms<T>,
	) -> Result<(Programme<T>, Option<OpenIndexOf<T>>), DispatchError> {
		// The basis and the name by reference, the rest (all `Copy`) by value.
		let &ProgrammeTerms {
			ref basis,
			ref service_name,
			unit_value,
			limit,
			allocation,
			supply,
			claim_opens,
			claim_closes,
			expires_at,
		} = terms;
		let (office, scope, project, providers) = match basis {
			ProgrammeBasis::Award { project } => {
				let award = T::Contracts::award(*project).ok_or(Error::<T>::UnknownProject)?;
				let used = AwardUsage::<T>::get(project);
				ensure!(
					used.programmes < T::MaxProgrammesPerAward::get(),
					Error::<T>::TooManyProgrammesForAward
				);
				let face_value = unit_value
					.checked_mul(Amount::from(supply))
					.and_then(|v| v.checked_add(used.face_value))
					.ok_or(Error::<T>::AwardExceeded)?;
				ensure!(face_value <= award.price, Error::<T>::AwardExceeded);
				// MaxProviders ≥ 1 (integrity_test), so the award's provider always fits.
				let providers = BoundedVec::try_from(alloc::vec![award.provider])
					.map_err(|_| Error::<T>::NoProviders)?;
				(award.office, award.scope, Some(*project), providers)
			},
			ProgrammeBasis::Direct { scope, providers } => {
				let office = T::Registry::scope_office(*scope).ok_or(Error::<T>::UnknownScope)?;
				(office, *scope, None, providers.clone())
			},
		};
		ensure!(T::Registry::is_office_admin(who, office), Error::<T>::NotOfficeAdmin);
		ensure!(!service_name.is_empty(), Error::<T>::EmptyServiceName);
		ensure!(unit_value > 0, Error::<T>::ZeroUnitValue);
		ensure!(limit.count() > 0, Error::<T>::ZeroLimit);
		ensure!(limit.count() <= T::MaxVouchersPerResident::get(), Error::<T>::LimitTooHigh);
		ensure!(supply > 0, Error::<T>::ZeroSupply);
		ensure!(claim_opens < claim_closes, Error::<T>::InvalidClaimWindow);
		let now = Self::now();
		ensure!(claim_closes > now, Error::<T>::ClaimWindowInPast);
		ensure!(
			claim_opens <= now.saturating_add(T::MaxLeadTime::get()),
			Error::<T>::ClaimOpensTooLate
		);
		ensure!(expires_at >= claim_closes, Error::<T>::ExpiryBeforeClaimCloses);
		ensure!(!providers.is_empty(), Error::<T>::NoProviders);
		for (i, provider) in providers.iter().enumerate() {
			// O(n²) over at most MaxProviders (a short list), cheaper than a set's allocations.
			ensure!(!providers[..i].contains(provider), Error::<T>::DuplicateProvider);
			ensure!(
				T::Registry::is_approved_provider(provider, office),
				Error::<T>::ProviderNotApproved
			);
		}
		if allocation == Allocation::Entitlement {
			// u32 × u32 fits in a u64.
			let entitled = u64::from(limit.count()) * u64::from(T::Registry::residents_in(scope));
			ensure!(u64::from(supply) >= entitled, Error::<T>::InsufficientSupply);
		}
		let open_index = if allocation == Allocation::OfficeIssued {
			None
		} else {
			let mut index = OpenProgrammes::<T>::get(office);
			index.retain(|(_, closes)| *closes > now);
			ensure!(
				(index.len() as u32) < T::MaxOpenProgrammes::get(),
				Error::<T>::TooManyOpenProgrammes
			);
			Some(index)
		};
		let programme = Programme {
			office,
			scope,
			project,
			unit_value,
			limit,
			allocation,
			supply,
			claim_opens,
			claim_closes,
			expires_at,
			providers,
		};
		Ok((programme, open_index))
	}

	pub(crate) fn do_create_programme(
		who: T::AccountId,
		terms: ProgrammeTerms<T>,
	) -> DispatchResult {
		let (programme, open_index) = Self::ensure_create_programme(&who, &terms)?;
		// The id `insert_programme` gives it.
		let id = NextProgrammeId::<T>::get();
		let deposit = T::ProgrammeDeposit::get();
		T::Currency::hold(&HoldReason::ProgrammeDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		ProgrammeDeposits::<T>::insert(id, (who, deposit));
		Self::insert_programme(programme, terms.service_name, open_index).map(|_| ())
	}

	/// Checks `release_programme_deposit`: the programme holds a deposit, has expired, and every
	/// voucher it handed out is settled or marked expired. Returns who paid and how much.
	pub fn ensure_release_programme_deposit(
		id: ProgrammeId,
	) -> Result<(T::AccountId, BalanceOf<T>), DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::UnknownProgramme)?;
		let deposit = ProgrammeDeposits::<T>::get(id).ok_or(Error::<T>::NoDeposit)?;
		let stats = ProgrammeStatistics::<T>::get(id);
		ensure!(
			Self::now() >= programme.expires_at
				&& stats.settled.saturating_add(stats.expired) == stats.handed_out(),
			Error::<T>::ProgrammeNotFinished
		);
		Ok(deposit)
	}

	pub(crate) fn do_release_programme_deposit(id: ProgrammeId) -> DispatchResult {
		let (depositor, amount) = Self::ensure_release_programme_deposit(id)?;
		ProgrammeDeposits::<T>::remove(id);
		// Nothing of the programme can change from here: its retention period starts.
		FinishedAt::<T>::insert(id, Self::now());
		// The record shows the hold exists (`try_state`); best effort, so a missing hold can't
		// keep the record for ever.
		let _ = T::Currency::release(
			&HoldReason::ProgrammeDeposit.into(),
			&depositor,
			amount,
			Precision::BestEffort,
		);
		Self::deposit_event(Event::ProgrammeDepositReleased { programme: id, depositor, amount });
		Ok(())
	}

	/// Stores a checked programme and lists it in its office's index of open programmes.
	pub(crate) fn insert_programme(
		programme: Programme<T>,
		service_name: BoundedVec<u8, T::MaxServiceNameLen>,
		open_index: Option<OpenIndexOf<T>>,
	) -> Result<ProgrammeId, DispatchError> {
		let id = NextProgrammeId::<T>::get();
		// Numbers are never reused; 2^32 programmes will not be reached.
		NextProgrammeId::<T>::put(id.saturating_add(1));
		if let Some(project) = programme.project {
			AwardUsage::<T>::mutate(project, |used| {
				// Checked against the award's price (and so fits) by `ensure_create_programme`.
				used.programmes.saturating_inc();
				used.face_value = used.face_value.saturating_add(
					programme.unit_value.saturating_mul(Amount::from(programme.supply)),
				);
			});
		}
		if let Some(mut index) = open_index {
			index
				.try_push((id, programme.claim_closes))
				.map_err(|_| Error::<T>::TooManyOpenProgrammes)?;
			OpenProgrammes::<T>::insert(programme.office, index);
		}
		Self::deposit_event(Event::ProgrammeCreated {
			programme: id,
			office: programme.office,
			scope: programme.scope,
			project: programme.project,
			unit_value: programme.unit_value,
			limit: programme.limit,
			allocation: programme.allocation,
			supply: programme.supply,
		});
		ServiceNames::<T>::insert(id, service_name);
		Programmes::<T>::insert(id, programme);
		Ok(id)
	}

	// ---------------------------------------------------------------------------------------
	// claim and issue

	/// Checks that `who` may claim a voucher of `programme` now (the feeless check of `claim`).
	pub fn ensure_claim(
		who: &T::AccountId,
		programme: ProgrammeId,
	) -> Result<Grant, DispatchError> {
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		Self::ensure_claimable(&resident, programme)
	}

	/// Checks that `resident` may claim a voucher of programme `id` now.
	pub(crate) fn ensure_claimable(
		resident: &ResidentInfo<BlockNumberFor<T>>,
		id: ProgrammeId,
	) -> Result<Grant, DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::UnknownProgramme)?;
		ensure!(
			programme.allocation != Allocation::OfficeIssued,
			Error::<T>::ClaimsNotOpenToResidents
		);
		Self::ensure_in_window(&programme)?;
		ensure!(
			ProgrammeStatistics::<T>::get(id).handed_out() < programme.supply,
			Error::<T>::SupplyExhausted
		);
		Self::ensure_receivable(id, &programme, resident, &Pending::default())
	}

	fn ensure_in_window(programme: &Programme<T>) -> DispatchResult {
		let now = Self::now();
		ensure!(now >= programme.claim_opens, Error::<T>::ClaimWindowNotOpen);
		ensure!(now < programme.claim_closes, Error::<T>::ClaimWindowClosed);
		Ok(())
	}

	/// Checks that `resident` may receive one more voucher of programme `id`, counting the
	/// vouchers `pending` earlier in the same batch.
	fn ensure_receivable(
		id: ProgrammeId,
		programme: &Programme<T>,
		resident: &ResidentInfo<BlockNumberFor<T>>,
		pending: &Pending,
	) -> Result<Grant, DispatchError> {
		ensure!(resident.is_in(&programme.scope), Error::<T>::NotInScope);
		let (beneficiary, limit_reached) = match programme.limit {
			ClaimLimit::PerResident(_) => {
				(Beneficiary::Resident(resident.id), Error::<T>::ResidentLimitReached)
			},
			ClaimLimit::PerHousehold(_) => {
				let household = resident.household.ok_or(Error::<T>::NoHousehold)?;
				// A household set (or changed) after the window opened doesn't count here, or
				// moving a member to a new household would give the old one's limit again.
				ensure!(
					resident.household_since < programme.claim_opens,
					Error::<T>::HouseholdChangedAfterOpening
				);
				(Beneficiary::Household(household), Error::<T>::HouseholdLimitReached)
			},
		};
		let received = Received::<T>::get(id, beneficiary)
			.saturating_add(pending.for_beneficiary(&beneficiary));
		ensure!(received < programme.limit.count(), limit_reached);
		let held = (VouchersOf::<T>::decode_len(resident.id).unwrap_or(0) as u32)
			.saturating_add(pending.for_resident(resident.id));
		ensure!(held < T::MaxVouchersPerResident::get(), Error::<T>::TooManyVouchers);
		Ok(Grant { programme: id, office: programme.office, resident: resident.id, beneficiary })
	}

	pub(crate) fn do_claim(who: T::AccountId, programme: ProgrammeId) -> DispatchResult {
		let grant = Self::ensure_claim(&who, programme)?;
		Self::apply_grant(&grant, GrantKind::Claimed).map(|_| ())
	}

	/// Checks that `who` may issue one voucher of programme `id` to each of `residents`.
	pub fn ensure_issue(
		who: &T::AccountId,
		id: ProgrammeId,
		residents: &[T::AccountId],
	) -> Result<Vec<Grant>, DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::UnknownProgramme)?;
		ensure!(T::Registry::is_office_admin(who, programme.office), Error::<T>::NotOfficeAdmin);
		ensure!(!residents.is_empty(), Error::<T>::EmptyBatch);
		Self::ensure_in_window(&programme)?;
		let wanted = u64::from(ProgrammeStatistics::<T>::get(id).handed_out())
			.saturating_add(residents.len() as u64);
		ensure!(wanted <= u64::from(programme.supply), Error::<T>::SupplyExhausted);
		let mut pending = Pending::default();
		let mut grants = Vec::with_capacity(residents.len());
		for account in residents {
			let resident = T::Registry::resident(account).ok_or(Error::<T>::NotResident)?;
			let grant = Self::ensure_receivable(id, &programme, &resident, &pending)?;
			pending.add(&grant);
			grants.push(grant);
		}
		Ok(grants)
	}

	pub(crate) fn do_issue(
		who: T::AccountId,
		programme: ProgrammeId,
		residents: BoundedVec<T::AccountId, T::MaxIssueBatch>,
	) -> DispatchResult {
		let grants = Self::ensure_issue(&who, programme, &residents)?;
		for grant in &grants {
			Self::apply_grant(grant, GrantKind::Issued)?;
		}
		Ok(())
	}

	/// Takes `voucher` off `resident`'s vouchers in hand; an emptied list is removed, so a
	/// resident with nothing in hand leaves no record.
	pub(crate) fn drop_from_hand(resident: ResidentId, voucher: VoucherId) {
		VouchersOf::<T>::mutate_exists(resident, |held| {
			if let Some(list) = held {
				list.retain(|v| *v != voucher);
				if list.is_empty() {
					*held = None;
				}
			}
		});
	}

	/// Hands out one checked voucher.
	pub(crate) fn apply_grant(grant: &Grant, kind: GrantKind) -> Result<VoucherId, DispatchError> {
		let voucher = NextVoucherId::<T>::mutate(|next| {
			let id = *next;
			// Numbers are never reused; 2^64 vouchers will not be reached.
			*next = next.saturating_add(1);
			id
		});
		VouchersOf::<T>::try_mutate(grant.resident, |held| held.try_push(voucher))
			.map_err(|_| Error::<T>::TooManyVouchers)?;
		Vouchers::<T>::insert(
			voucher,
			Voucher {
				programme: grant.programme,
				office: grant.office,
				resident: grant.resident,
				state: VoucherState::Issued,
				cancellations: 0,
			},
		);
		ProgrammeVouchers::<T>::insert(grant.programme, voucher, ());
		// Bounded by the programme's limit: cannot overflow.
		Received::<T>::mutate(grant.programme, grant.beneficiary, |n| n.saturating_inc());
		// Claimed and issued are bounded by the supply, a u32: cannot overflow.
		ProgrammeStatistics::<T>::mutate(grant.programme, |s| match kind {
			GrantKind::Claimed => s.claimed.saturating_inc(),
			GrantKind::Issued => s.issued.saturating_inc(),
		});
		let (programme, resident) = (grant.programme, grant.resident);
		Self::deposit_event(match kind {
			GrantKind::Claimed => Event::VoucherClaimed { voucher, programme, resident },
			GrantKind::Issued => Event::VoucherIssued { voucher, programme, resident },
		});
		Ok(voucher)
	}

	// ---------------------------------------------------------------------------------------
	// redeem, confirm, cancel, redeem_offline

	/// Checks that `who` may redeem `voucher` with `provider` now (the feeless check of
	/// `redeem`); returns the voucher.
	pub fn ensure_redeem(
		who: &T::AccountId,
		voucher_id: VoucherId,
		provider: &T::AccountId,
	) -> Result<VoucherOf<T>, DispatchError> {
		let voucher = Vouchers::<T>::get(voucher_id).ok_or(Error::<T>::UnknownVoucher)?;
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		ensure!(resident.id == voucher.resident, Error::<T>::NotVoucherOwner);
		ensure!(
			voucher.cancellations < T::MaxCancellations::get(),
			Error::<T>::TooManyCancellations
		);
		Self::ensure_redeemable(&voucher, provider)?;
		Ok(voucher)
	}

	/// Checks that `voucher` is unused, not expired, and that its programme accepts `provider`,
	/// who is still approved in the office and doesn't employ the voucher's resident (回避).
	fn ensure_redeemable(voucher: &VoucherOf<T>, provider: &T::AccountId) -> DispatchResult {
		match voucher.state {
			VoucherState::Issued => {},
			VoucherState::Expired => return Err(Error::<T>::VoucherExpired.into()),
			VoucherState::Redeemed { .. }
			| VoucherState::Confirmed { .. }
			| VoucherState::Settled { .. } => return Err(Error::<T>::AlreadyRedeemed.into()),
		}
		let programme =
			Programmes::<T>::get(voucher.programme).ok_or(Error::<T>::UnknownProgramme)?;
		ensure!(Self::now() < programme.expires_at, Error::<T>::VoucherExpired);
		ensure!(programme.providers.contains(provider), Error::<T>::ProviderNotAccepted);
		ensure!(
			T::Registry::is_approved_provider(provider, programme.office),
			Error::<T>::ProviderNotApproved
		);
		ensure!(
			!T::Registry::is_staff_of(provider, voucher.resident),
			Error::<T>::ConflictOfInterest
		);
		Ok(())
	}

	pub(crate) fn do_redeem(
		who: T::AccountId,
		voucher_id: VoucherId,
		provider: T::AccountId,
	) -> DispatchResult {
		let mut voucher = Self::ensure_redeem(&who, voucher_id, &provider)?;
		Self::apply_redeem(voucher_id, &mut voucher, provider, false);
		Vouchers::<T>::insert(voucher_id, voucher);
		Ok(())
	}

	/// Redeems a checked voucher with `provider`; the caller stores the voucher.
	pub(crate) fn apply_redeem(
		voucher_id: VoucherId,
		voucher: &mut VoucherOf<T>,
		provider: T::AccountId,
		offline: bool,
	) -> RedemptionId {
		let now = Self::now();
		let redemption = NextRedemptionId::<T>::mutate(|next| {
			let id = *next;
			// Numbers are never reused; 2^64 redemptions will not be reached.
			*next = next.saturating_add(1);
			id
		});
		RedemptionVoucher::<T>::insert(redemption, voucher_id);
		voucher.state =
			VoucherState::Redeemed { redemption, provider: provider.clone(), redeemed_at: now };
		// The programme's count is bounded by its supply; a provider's and a day's counts would
		// need 2^32 redemptions: saturating only as a guard.
		ProgrammeStatistics::<T>::mutate(voucher.programme, |s| s.redeemed.saturating_inc());
		ProviderStatistics::<T>::mutate(&provider, |s| s.redemptions.saturating_inc());
		RedemptionsPerDay::<T>::mutate(&provider, Self::day_of(now), |n| n.saturating_inc());
		Self::deposit_event(Event::VoucherRedeemed {
			voucher: voucher_id,
			redemption,
			resident: voucher.resident,
			provider,
			offline,
		});
		redemption
	}

	/// Finds the voucher of a live redemption.
	fn redemption_voucher(
		redemption: RedemptionId,
	) -> Result<(VoucherId, VoucherOf<T>), DispatchError> {
		let voucher_id =
			RedemptionVoucher::<T>::get(redemption).ok_or(Error::<T>::UnknownRedemption)?;
		let voucher = Vouchers::<T>::get(voucher_id).ok_or(Error::<T>::UnknownVoucher)?;
		Ok((voucher_id, voucher))
	}

	/// Checks that `who` may confirm `redemption`: its provider, still approved in the
	/// programme's office, not yet confirmed. A provider suspended while redemptions were pending
	/// can't confirm them: they stay pending, and their residents cancel them after
	/// `RedemptionTimeout` and use the vouchers with another provider.
	pub fn ensure_confirm(
		who: &T::AccountId,
		redemption: RedemptionId,
	) -> Result<(VoucherId, VoucherOf<T>), DispatchError> {
		let (voucher_id, voucher) = Self::redemption_voucher(redemption)?;
		let (_, provider) = voucher.state.redemption().ok_or(Error::<T>::UnknownRedemption)?;
		ensure!(provider == who, Error::<T>::NotRedemptionProvider);
		ensure!(
			T::Registry::is_approved_provider(who, voucher.office),
			Error::<T>::ProviderNotApproved
		);
		ensure!(
			matches!(voucher.state, VoucherState::Redeemed { .. }),
			Error::<T>::AlreadyConfirmed
		);
		Ok((voucher_id, voucher))
	}

	pub(crate) fn do_confirm(
		who: T::AccountId,
		redemption: RedemptionId,
		service_record: H256,
	) -> DispatchResult {
		let (voucher_id, mut voucher) = Self::ensure_confirm(&who, redemption)?;
		Self::apply_confirm(voucher_id, &mut voucher, service_record)?;
		Vouchers::<T>::insert(voucher_id, voucher);
		Ok(())
	}

	/// Confirms a redeemed voucher; the caller stores it. The voucher leaves the resident's
	/// vouchers in hand and its redemption joins their recent redemptions.
	pub(crate) fn apply_confirm(
		voucher_id: VoucherId,
		voucher: &mut VoucherOf<T>,
		service_record: H256,
	) -> DispatchResult {
		let VoucherState::Redeemed { redemption, provider, redeemed_at } = voucher.state.clone()
		else {
			return Err(Error::<T>::AlreadyConfirmed.into());
		};
		voucher.state = VoucherState::Confirmed {
			redemption,
			provider: provider.clone(),
			redeemed_at,
			confirmed_at: Self::now(),
			service_record,
		};
		// Bounded by the redemptions counted before: cannot overflow.
		ProgrammeStatistics::<T>::mutate(voucher.programme, |s| s.confirmed.saturating_inc());
		ProviderStatistics::<T>::mutate(&provider, |s| s.confirmations.saturating_inc());
		Self::drop_from_hand(voucher.resident, voucher_id);
		RecentRedemptions::<T>::mutate(voucher.resident, |recent| {
			if !recent.is_empty() && recent.len() as u32 >= T::MaxRecentRedemptions::get() {
				recent.remove(0);
			}
			// Room was made above (a zero bound would only mean no history is kept).
			let _ = recent.try_push(redemption);
		});
		Self::deposit_event(Event::RedemptionConfirmed {
			redemption,
			voucher: voucher_id,
			provider,
			service_record,
		});
		Ok(())
	}

	/// Checks that `who` may cancel `redemption` now (the feeless check of
	/// `cancel_redemption`): the resident's, unconfirmed, and `RedemptionTimeout` old.
	pub fn ensure_cancel(
		who: &T::AccountId,
		redemption: RedemptionId,
	) -> Result<(VoucherId, VoucherOf<T>), DispatchError> {
		let (voucher_id, voucher) = Self::redemption_voucher(redemption)?;
		let resident = T::Registry::resident(who).ok_or(Error::<T>::NotResident)?;
		ensure!(resident.id == voucher.resident, Error::<T>::NotVoucherOwner);
		match &voucher.state {
			VoucherState::Redeemed { redeemed_at, .. } => ensure!(
				Self::now() >= redeemed_at.saturating_add(T::RedemptionTimeout::get()),
				Error::<T>::TooEarlyToCancel
			),
			VoucherState::Confirmed { .. } | VoucherState::Settled { .. } => {
				return Err(Error::<T>::AlreadyConfirmed.into())
			},
			VoucherState::Issued | VoucherState::Expired => {
				return Err(Error::<T>::UnknownRedemption.into())
			},
		}
		Ok((voucher_id, voucher))
	}

	pub(crate) fn do_cancel(who: T::AccountId, redemption: RedemptionId) -> DispatchResult {
		let (voucher_id, mut voucher) = Self::ensure_cancel(&who, redemption)?;
		let VoucherState::Redeemed { provider, redeemed_at, .. } = voucher.state.clone() else {
			return Err(Error::<T>::AlreadyConfirmed.into());
		};
		voucher.state = VoucherState::Issued;
		// At most `MaxCancellations` + 1 (online redemption stops at the bound).
		voucher.cancellations = voucher.cancellations.saturating_add(1);
		RedemptionVoucher::<T>::remove(redemption);
		// Each decrement undoes the increment made when this redemption was counted.
		ProgrammeStatistics::<T>::mutate(voucher.programme, |s| {
			s.redeemed.saturating_dec();
			s.cancelled.saturating_inc();
		});
		ProviderStatistics::<T>::mutate(&provider, |s| {
			s.redemptions.saturating_dec();
			s.cancelled.saturating_inc();
		});
		let day = Self::day_of(redeemed_at);
		if day < ReapedDailyCounts::<T>::get(&provider).before_day {
			// That day's counter was reaped: take the redemption off what it held.
			ReapedDailyCounts::<T>::mutate(&provider, |r| r.redemptions.saturating_dec());
		} else {
			RedemptionsPerDay::<T>::mutate_exists(&provider, day, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0);
			});
		}
		Self::deposit_event(Event::RedemptionCancelled {
			redemption,
			voucher: voucher_id,
			resident: voucher.resident,
			provider,
		});
		Vouchers::<T>::insert(voucher_id, voucher);
		Ok(())
	}

	/// Checks an offline redemption of `voucher` by `provider`, signed by the resident until
	/// `deadline`; returns the voucher.
	pub fn ensure_redeem_offline(
		provider: &T::AccountId,
		voucher_id: VoucherId,
		deadline: BlockNumberFor<T>,
		signature: &T::OffchainSignature,
	) -> Result<VoucherOf<T>, DispatchError> {
		let now = Self::now();
		ensure!(now <= deadline, Error::<T>::SignatureExpired);
		ensure!(
			deadline <= now.saturating_add(T::MaxSignatureValidity::get()),
			Error::<T>::DeadlineTooFar
		);
		let voucher = Vouchers::<T>::get(voucher_id).ok_or(Error::<T>::UnknownVoucher)?;
		Self::ensure_redeemable(&voucher, provider)?;
		let signer =
			T::Registry::resident_account(voucher.resident).ok_or(Error::<T>::NotResident)?;
		let message = Self::offline_redemption_message(voucher_id, provider, deadline);
		ensure!(verify_offchain_signature(signature, &message, &signer), Error::<T>::BadSignature);
		Ok(voucher)
	}

	pub(crate) fn do_redeem_offline(
		provider: T::AccountId,
		voucher_id: VoucherId,
		deadline: BlockNumberFor<T>,
		service_record: H256,
		signature: T::OffchainSignature,
	) -> DispatchResult {
		let mut voucher = Self::ensure_redeem_offline(&provider, voucher_id, deadline, &signature)?;
		Self::apply_redeem(voucher_id, &mut voucher, provider, true);
		Self::apply_confirm(voucher_id, &mut voucher, service_record)?;
		Vouchers::<T>::insert(voucher_id, voucher);
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// settle

	/// Checks a settlement by `who` with `provider` for `redemptions`, paying `amount`; returns
	/// the programme, its office and the vouchers.
	pub fn ensure_settle(
		who: &T::AccountId,
		provider: &T::AccountId,
		redemptions: &[RedemptionId],
		amount: Amount,
	) -> Result<(ProgrammeId, OfficeId, Vec<(VoucherId, VoucherOf<T>)>), DispatchError> {
		let first = redemptions.first().ok_or(Error::<T>::EmptyBatch)?;
		let programme_id = Self::redemption_voucher(*first)?.1.programme;
		let programme = Programmes::<T>::get(programme_id).ok_or(Error::<T>::UnknownProgramme)?;
		ensure!(T::Registry::is_office_admin(who, programme.office), Error::<T>::NotOfficeAdmin);
		let mut seen = BTreeSet::new();
		let mut vouchers = Vec::with_capacity(redemptions.len());
		for redemption in redemptions {
			ensure!(seen.insert(*redemption), Error::<T>::DuplicateRedemption);
			let (voucher_id, voucher) = Self::redemption_voucher(*redemption)?;
			ensure!(voucher.programme == programme_id, Error::<T>::MixedProgrammes);
			match &voucher.state {
				VoucherState::Confirmed { provider: p, .. } => {
					ensure!(p == provider, Error::<T>::RedemptionOfOtherProvider)
				},
				VoucherState::Redeemed { provider: p, .. } => {
					ensure!(p == provider, Error::<T>::RedemptionOfOtherProvider);
					return Err(Error::<T>::NotConfirmed.into());
				},
				VoucherState::Settled { .. } => return Err(Error::<T>::AlreadySettled.into()),
				VoucherState::Issued | VoucherState::Expired => {
					return Err(Error::<T>::UnknownRedemption.into())
				},
			}
			vouchers.push((voucher_id, voucher));
		}
		let face_value = programme.unit_value.saturating_mul(redemptions.len() as Amount);
		ensure!(amount <= face_value, Error::<T>::AmountAboveFaceValue);
		Ok((programme_id, programme.office, vouchers))
	}

	pub(crate) fn do_settle(
		who: T::AccountId,
		provider: T::AccountId,
		redemptions: BoundedVec<RedemptionId, T::MaxSettleBatch>,
		amount: Amount,
		payment_reference: H256,
	) -> DispatchResult {
		let (programme, office, vouchers) =
			Self::ensure_settle(&who, &provider, &redemptions, amount)?;
		let settlement = NextSettlementId::<T>::mutate(|next| {
			let id = *next;
			// Numbers are never reused; 2^32 settlements will not be reached.
			*next = next.saturating_add(1);
			id
		});
		for (voucher_id, mut voucher) in vouchers {
			if let VoucherState::Confirmed {
				redemption,
				provider,
				redeemed_at,
				confirmed_at,
				service_record,
			} = voucher.state
			{
				voucher.state = VoucherState::Settled {
					redemption,
					provider,
					redeemed_at,
					confirmed_at,
					service_record,
					settlement,
				};
				Vouchers::<T>::insert(voucher_id, voucher);
			}
		}
		let count = redemptions.len() as u32;
		// Counts are bounded by the confirmations counted before; amounts by the face value of
		// the supply (< 2^32 × 2^64 in theory): saturating, so a sum never wraps round.
		ProgrammeStatistics::<T>::mutate(programme, |s| {
			s.settled.saturating_accrue(count);
			s.settled_amount.saturating_accrue(amount);
		});
		ProviderStatistics::<T>::mutate(&provider, |s| {
			s.settled.saturating_accrue(count);
			s.settled_amount.saturating_accrue(amount);
		});
		Self::deposit_event(Event::Settled {
			settlement,
			office,
			programme,
			provider: provider.clone(),
			count,
			amount,
			payment_reference,
		});
		Settlements::<T>::insert(
			settlement,
			Settlement {
				office,
				programme,
				provider,
				redemptions,
				amount,
				payment_reference,
				at: Self::now(),
			},
		);
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// mark_expired

	/// Checks that `vouchers` are unused vouchers of programme `id`, which has expired.
	pub fn ensure_mark_expired(
		id: ProgrammeId,
		vouchers: &[VoucherId],
	) -> Result<Vec<(VoucherId, VoucherOf<T>)>, DispatchError> {
		let programme = Programmes::<T>::get(id).ok_or(Error::<T>::UnknownProgramme)?;
		ensure!(Self::now() >= programme.expires_at, Error::<T>::NotYetExpired);
		ensure!(!vouchers.is_empty(), Error::<T>::EmptyBatch);
		let mut seen = BTreeSet::new();
		let mut found = Vec::with_capacity(vouchers.len());
		for voucher_id in vouchers {
			ensure!(seen.insert(*voucher_id), Error::<T>::DuplicateVoucher);
			let voucher = Vouchers::<T>::get(voucher_id).ok_or(Error::<T>::UnknownVoucher)?;
			ensure!(voucher.programme == id, Error::<T>::VoucherOfOtherProgramme);
			match voucher.state {
				VoucherState::Issued => {},
				VoucherState::Expired => return Err(Error::<T>::AlreadyMarkedExpired.into()),
				VoucherState::Redeemed { .. }
				| VoucherState::Confirmed { .. }
				| VoucherState::Settled { .. } => return Err(Error::<T>::VoucherInUse.into()),
			}
			found.push((*voucher_id, voucher));
		}
		Ok(found)
	}

	pub(crate) fn do_mark_expired(
		programme: ProgrammeId,
		vouchers: BoundedVec<VoucherId, T::MaxExpireBatch>,
	) -> DispatchResult {
		let found = Self::ensure_mark_expired(programme, &vouchers)?;
		let count = found.len() as u32;
		for (voucher_id, mut voucher) in found {
			voucher.state = VoucherState::Expired;
			Self::drop_from_hand(voucher.resident, voucher_id);
			Vouchers::<T>::insert(voucher_id, voucher);
		}
		// Bounded by the vouchers handed out: cannot overflow.
		ProgrammeStatistics::<T>::mutate(programme, |s| s.expired.saturating_accrue(count));
		Self::deposit_event(Event::VouchersExpired { programme, count });
		Ok(())
	}

	// ---------------------------------------------------------------------------------------
	// Views for the runtime API

	/// Programme `id` with its service name and counters, if it exists.
	pub fn programme(id: ProgrammeId) -> Option<ProgrammeView<T::AccountId, BlockNumberFor<T>>> {
		let p = Programmes::<T>::get(id)?;
		Some(ProgrammeView {
			id,
			service_name: ServiceNames::<T>::get(id)
				.map(|n| gongzhi_primitives::view_text(&n))
				.unwrap_or_default(),
			office: p.office,
			scope: p.scope,
			project: p.project,
			unit_value: p.unit_value,
			limit: p.limit,
			allocation: p.allocation,
			supply: p.supply,
			claim_opens: p.claim_opens,
			claim_closes: p.claim_closes,
			expires_at: p.expires_at,
			providers: p.providers.into_inner(),
			stats: ProgrammeStatistics::<T>::get(id),
		})
	}

	/// Programme `id`'s counters, if it exists.
	pub fn programme_stats(id: ProgrammeId) -> Option<ProgrammeStats> {
		Programmes::<T>::has_entry(id).then(|| ProgrammeStatistics::<T>::get(id))
	}

	/// `provider`'s counters (all zero for an account that never served a voucher).
	pub fn provider_stats(provider: &T::AccountId) -> ProviderStats {
		ProviderStatistics::<T>::get(provider)
	}

	/// `provider`'s redemptions (not cancelled) on each of `days` days from `first_day` (at most
	/// `MAX_DAYS_PER_QUERY` days).
	pub fn redemptions_per_day(
		provider: &T::AccountId,
		first_day: DayIndex,
		days: u32,
	) -> Vec<(DayIndex, u32)> {
		let last = first_day.saturating_add(days.min(MAX_DAYS_PER_QUERY));
		(first_day..last).map(|day| (day, RedemptionsPerDay::<T>::get(provider, day))).collect()
	}

	/// The vouchers `resident` holds (unused, or redeemed and awaiting confirmation), with their
	/// state; at most `MaxVouchersPerResident`.
	pub fn vouchers_of(resident: ResidentId) -> Vec<(VoucherId, VoucherStateOf<T>)> {
		VouchersOf::<T>::get(resident)
			.into_iter()
			.filter_map(|id| Vouchers::<T>::get(id).map(|v| (id, v.state)))
			.collect()
	}

	/// `resident`'s most recent confirmed redemptions, oldest first (at most
	/// `MaxRecentRedemptions`) — the ones they may rate.
	pub fn redemptions_of(resident: ResidentId) -> Vec<RedemptionId> {
		RecentRedemptions::<T>::get(resident).into_inner()
	}

	/// What this resident may still do here: the programmes they could claim a voucher of right
	/// now (at most `MaxOpenProgrammes`).
	pub fn claimable_for(resident: &ResidentInfo<BlockNumberFor<T>>) -> Vec<ProgrammeId> {
		OpenProgrammes::<T>::get(resident.office)
			.into_iter()
			.map(|(id, _)| id)
			.filter(|id| Self::ensure_claimable(resident, *id).is_ok())
			.collect()
	}

	// ---------------------------------------------------------------------------------------
	// Benchmark set-up

	/// A confirmed redemption by `resident` with `provider` in a one-voucher programme of
	/// `office`, made through the same writes as the calls.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn bench_redemption(
		office: OfficeId,
		resident: &T::AccountId,
		provider: &T::AccountId,
	) -> Result<RedemptionId, DispatchError> {
		let info = T::Registry::resident(resident).ok_or(Error::<T>::NotResident)?;
		let now = Self::now();
		let closes = now.saturating_add(One::one());
		let programme = Programme::<T> {
			office,
			scope: gongzhi_primitives::Scope::Office(office),
			project: None,
			unit_value: 100,
			limit: ClaimLimit::PerResident(1),
			allocation: Allocation::OfficeIssued,
			supply: 1,
			claim_opens: now,
			claim_closes: closes,
			expires_at: closes,
			providers: BoundedVec::try_from(alloc::vec![provider.clone()])
				.map_err(|_| Error::<T>::NoProviders)?,
		};
		let name = BoundedVec::truncate_from(b"benchmark service".to_vec());
		let programme = Self::insert_programme(programme, name, None)?;
		let grant = Grant {
			programme,
			office,
			resident: info.id,
			beneficiary: Beneficiary::Resident(info.id),
		};
		let voucher_id = Self::apply_grant(&grant, GrantKind::Issued)?;
		let mut voucher = Vouchers::<T>::get(voucher_id).ok_or(Error::<T>::UnknownVoucher)?;
		let redemption = Self::apply_redeem(voucher_id, &mut voucher, provider.clone(), false);
		Self::apply_confirm(voucher_id, &mut voucher, H256::repeat_byte(0x5e))?;
		Vouchers::<T>::insert(voucher_id, voucher);
		Ok(redemption)
	}

	// ---------------------------------------------------------------------------------------
	// reap_vouchers, reap_redemptions_per_day

	/// Checks `reap_vouchers`: a sane `limit`, a programme finished (deposit released)
	/// `RetentionPeriod` blocks ago or more, with records left.
	pub fn ensure_reap_vouchers(programme: ProgrammeId, limit: u32) -> DispatchResult {
		ensure!((1..=T::MaxReapBatch::get()).contains(&limit), Error::<T>::ReapLimitOutOfRange);
		ensure!(Programmes::<T>::has_entry(programme), Error::<T>::UnknownProgramme);
		let finished = FinishedAt::<T>::get(programme).ok_or(Error::<T>::DepositNotReleased)?;
		ensure!(
			Self::now() >= finished.saturating_add(T::RetentionPeriod::get()),
			Error::<T>::RetentionNotOver
		);
		ensure!(
			ProgrammeVouchers::<T>::iter_key_prefix(programme).next().is_some()
				|| Received::<T>::iter_key_prefix(programme).next().is_some(),
			Error::<T>::NothingToReap
		);
		Ok(())
	}

	/// The weight of `reap_vouchers` removing `n` records: the benchmark's (one provider), plus
	/// the per-provider counter of each further provider the programme accepts.
	pub fn reap_vouchers_weight(n: u32) -> Weight {
		let providers = u64::from(T::MaxProviders::get().saturating_sub(1).min(n));
		T::WeightInfo::reap_vouchers(n)
			.saturating_add(T::DbWeight::get().reads_writes(providers, providers))
	}

	/// `reap_vouchers`: check, then remove up to `limit` records — vouchers first, then
	/// received counts — and count them. Keys are collected by iterating the prefix and removed
	/// one by one (not `clear_prefix`, which counts keys already removed in the same block), so
	/// the counts are exact.
	pub(crate) fn do_reap_vouchers(
		programme: ProgrammeId,
		limit: u32,
	) -> DispatchResultWithPostInfo {
		Self::ensure_reap_vouchers(programme, limit)?;
		let mut reaped = ReapedRecords::<T>::get(programme);
		let mut per_provider: BTreeMap<T::AccountId, u32> = BTreeMap::new();

		let vouchers: Vec<VoucherId> =
			ProgrammeVouchers::<T>::iter_key_prefix(programme).take(limit as usize).collect();
		for id in vouchers.iter() {
			ProgrammeVouchers::<T>::remove(programme, id);
			let Some(voucher) = Vouchers::<T>::take(id) else { continue };
			// A finished programme's vouchers are all settled or expired (`FinishedAt` is only
			// written then, and nothing changes them afterwards). Saturating: bounded by the
			// supply, a u32.
			match voucher.state {
				VoucherState::Expired => reaped.expired.saturating_inc(),
				_ => reaped.settled.saturating_inc(),
			}
			if let Some((redemption, provider)) = voucher.state.redemption() {
				RedemptionVoucher::<T>::remove(redemption);
				RecentRedemptions::<T>::mutate_exists(voucher.resident, |recent| {
					if let Some(list) = recent {
						list.retain(|r| *r != redemption);
						if list.is_empty() {
							*recent = None;
						}
					}
				});
				per_provider.entry(provider.clone()).or_default().saturating_inc();
			}
		}
		// At most `limit` (a u32) keys were taken.
		let removed_vouchers = u32::try_from(vouchers.len()).unwrap_or(limit);

		let room = limit.saturating_sub(removed_vouchers) as usize;
		let beneficiaries: Vec<(Beneficiary, u32)> =
			Received::<T>::iter_prefix(programme).take(room).collect();
		for (beneficiary, n) in beneficiaries.iter() {
			Received::<T>::remove(programme, beneficiary);
			// Bounded by the vouchers handed out, a u32.
			reaped.received.saturating_accrue(*n);
		}
		let removed_received = u32::try_from(beneficiaries.len()).unwrap_or(limit);

		for (provider, n) in per_provider {
			// Bounded by the provider's redemptions, a u32.
			ReapedRedemptions::<T>::mutate(provider, |r| r.saturating_accrue(n));
		}
		ReapedRecords::<T>::insert(programme, reaped);
		let complete = ProgrammeVouchers::<T>::iter_key_prefix(programme).next().is_none()
			&& Received::<T>::iter_key_prefix(programme).next().is_none();
		Self::deposit_event(Event::VouchersReaped {
			programme,
			vouchers: removed_vouchers,
			received: removed_received,
			complete,
		});
		Ok(Some(Self::reap_vouchers_weight(removed_vouchers.saturating_add(removed_received)))
			.into())
	}

	/// The first day whose per-day counters must still be kept now: days that ended
	/// `DailyCountRetention` blocks ago or more may go.
	pub fn daily_count_horizon() -> DayIndex {
		Self::day_of(Self::now().saturating_sub(T::DailyCountRetention::get()))
	}

	/// Checks `reap_redemptions_per_day`: a sane `limit`, a provider that has redeemed, and a
	/// day not reaped yet that is past the retention period. Returns the days to pass over.
	pub fn ensure_reap_redemptions_per_day(
		provider: &T::AccountId,
		limit: u32,
	) -> Result<(ReapedDays, DayIndex), DispatchError> {
		ensure!((1..=T::MaxReapBatch::get()).contains(&limit), Error::<T>::ReapLimitOutOfRange);
		ensure!(ProviderStatistics::<T>::has_entry(provider), Error::<T>::NothingToReap);
		let reaped = ReapedDailyCounts::<T>::get(provider);
		let horizon = Self::daily_count_horizon();
		ensure!(reaped.before_day < horizon, Error::<T>::RetentionNotOver);
		let until = horizon.min(reaped.before_day.saturating_add(limit));
		Ok((reaped, until))
	}

	/// `reap_redemptions_per_day`: check, then remove the counters of the days from the first
	/// not reaped up to (not including) `until`.
	pub(crate) fn do_reap_redemptions_per_day(
		provider: T::AccountId,
		limit: u32,
	) -> DispatchResultWithPostInfo {
		let (mut reaped, until) = Self::ensure_reap_redemptions_per_day(&provider, limit)?;
		let days = until.saturating_sub(reaped.before_day);
		let mut removed: u32 = 0;
		for day in reaped.before_day..until {
			let n = RedemptionsPerDay::<T>::take(&provider, day);
			if n > 0 {
				removed.saturating_inc();
				// Bounded by the provider's redemptions, a u32.
				reaped.redemptions.saturating_accrue(n);
			}
		}
		reaped.before_day = until;
		ReapedDailyCounts::<T>::insert(&provider, reaped);
		Self::deposit_event(Event::DailyCountsReaped {
			provider,
			days,
			removed,
			before_day: until,
		});
		Ok(Some(T::WeightInfo::reap_redemptions_per_day(days)).into())
	}

	// ---------------------------------------------------------------------------------------
	// try_state

	/// Recounts every counter and index from the vouchers, the slow way, and compares.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use gongzhi_primitives::HasEntryPair;
		/// Vouchers of one programme by state.
		#[derive(Default, Clone, Copy)]
		struct ByState {
			unused: u32,
			redeemed_or_beyond: u32,
			confirmed_or_beyond: u32,
			settled: u32,
			expired: u32,
		}
		/// One provider's redemptions by state.
		#[derive(Default, Clone, Copy, PartialEq, Eq)]
		struct ProviderCount {
			redemptions: u32,
			confirmations: u32,
			settled: u32,
		}

		// Each award's usage is the sum of the programmes made from it, within the award.
		let mut usage: BTreeMap<gongzhi_primitives::ProjectId, AwardUse> = BTreeMap::new();
		for (_, programme) in Programmes::<T>::iter() {
			if let Some(project) = programme.project {
				let used = usage.entry(project).or_default();
				used.programmes.saturating_inc();
				used.face_value = used.face_value.saturating_add(
					programme.unit_value.saturating_mul(Amount::from(programme.supply)),
				);
			}
		}
		for (project, used) in AwardUsage::<T>::iter() {
			ensure!(
				usage.remove(&project).as_ref() == Some(&used),
				"an award's usage differs from its programmes"
			);
			ensure!(
				used.programmes <= T::MaxProgrammesPerAward::get(),
				"an award funds more than MaxProgrammesPerAward programmes"
			);
		}
		ensure!(usage.is_empty(), "a programme's award usage is not recorded");

		// Programme deposits: each record is held, and nothing else is.
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, (who, amount)) in ProgrammeDeposits::<T>::iter() {
			ensure!(Programmes::<T>::has_entry(id), "a deposit for an unknown programme");
			let sum = held.entry(who).or_default();
			*sum = sum.saturating_add(amount);
		}
		for (who, sum) in held {
			use frame_support::traits::fungible::InspectHold;
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ProgrammeDeposit.into(), &who) == sum,
				"held programme deposits differ from the records"
			);
		}

		let next_voucher = NextVoucherId::<T>::get();
		let next_redemption = NextRedemptionId::<T>::get();
		let mut by_programme: BTreeMap<ProgrammeId, ByState> = BTreeMap::new();
		let mut by_provider: BTreeMap<T::AccountId, ProviderCount> = BTreeMap::new();
		let mut by_settlement: BTreeMap<SettlementId, u32> = BTreeMap::new();
		let mut in_hand: BTreeMap<ResidentId, BTreeSet<VoucherId>> = BTreeMap::new();
		let mut indexed_vouchers: u32 = 0;

		for (id, voucher) in Vouchers::<T>::iter() {
			ensure!(id < next_voucher, "a voucher's number is not below NextVoucherId");
			let programme = Programmes::<T>::get(voucher.programme)
				.ok_or("a voucher belongs to an unknown programme")?;
			ensure!(programme.office == voucher.office, "a voucher names the wrong office");
			ensure!(
				ProgrammeVouchers::<T>::has_entry_pair(voucher.programme, id),
				"a voucher is missing from its programme's index"
			);
			indexed_vouchers += 1;
			ensure!(
				voucher.cancellations <= T::MaxCancellations::get(),
				"a voucher's redemptions were cancelled more than MaxCancellations times"
			);
			let count = by_programme.entry(voucher.programme).or_default();
			match &voucher.state {
				VoucherState::Issued => count.unused += 1,
				VoucherState::Expired => count.expired += 1,
				VoucherState::Redeemed { .. } => count.redeemed_or_beyond += 1,
				VoucherState::Confirmed { .. } => {
					count.redeemed_or_beyond += 1;
					count.confirmed_or_beyond += 1;
				},
				VoucherState::Settled { settlement, .. } => {
					count.redeemed_or_beyond += 1;
					count.confirmed_or_beyond += 1;
					count.settled += 1;
					*by_settlement.entry(*settlement).or_default() += 1;
				},
			}
			if let Some((redemption, provider)) = voucher.state.redemption() {
				ensure!(redemption < next_redemption, "a redemption number is too high");
				ensure!(
					RedemptionVoucher::<T>::get(redemption) == Some(id),
					"a redemption does not point back at its voucher"
				);
				ensure!(
					programme.providers.contains(provider),
					"a voucher was redeemed with a provider its programme does not accept"
				);
				let p = by_provider.entry(provider.clone()).or_default();
				p.redemptions += 1;
				if voucher.state.is_confirmed() {
					p.confirmations += 1;
				}
				if matches!(voucher.state, VoucherState::Settled { .. }) {
					p.settled += 1;
				}
			}
			if voucher.state.in_hand() {
				in_hand.entry(voucher.resident).or_default().insert(id);
			}
		}

		ensure!(
			ProgrammeVouchers::<T>::iter_keys().count() as u32 == indexed_vouchers,
			"a programme's voucher index lists a voucher that is not stored"
		);

		let mut live_redemptions: u32 = 0;
		for (redemption, voucher_id) in RedemptionVoucher::<T>::iter() {
			live_redemptions += 1;
			let carried =
				Vouchers::<T>::get(voucher_id).and_then(|v| v.state.redemption().map(|(r, _)| r));
			ensure!(carried == Some(redemption), "a redemption's voucher does not carry it");
		}

		let mut settled_amounts: BTreeMap<ProgrammeId, Amount> = BTreeMap::new();
		let mut provider_amounts: BTreeMap<T::AccountId, Amount> = BTreeMap::new();
		// Per programme, the settled redemptions whose vouchers were reaped.
		let mut settled_reaped: BTreeMap<ProgrammeId, u32> = BTreeMap::new();
		let next_settlement = NextSettlementId::<T>::get();
		for (id, s) in Settlements::<T>::iter() {
			ensure!(id < next_settlement, "a settlement's number is too high");
			let programme =
				Programmes::<T>::get(s.programme).ok_or("a settlement of an unknown programme")?;
			ensure!(programme.office == s.office, "a settlement names the wrong office");
			let mut gone: u32 = 0;
			for redemption in &s.redemptions {
				// A settled redemption is never cancelled: if it is gone, it was reaped with
				// its voucher (counted below against the programme's `ReapedRecords`).
				let Some(voucher) = RedemptionVoucher::<T>::get(redemption) else {
					gone += 1;
					continue;
				};
				let state = Vouchers::<T>::get(voucher).map(|v| v.state);
				ensure!(
					matches!(state, Some(VoucherState::Settled { settlement, .. }) if settlement == id),
					"a settled redemption does not point at its settlement"
				);
			}
			ensure!(
				by_settlement.get(&id).copied().unwrap_or_default() + gone
					== s.redemptions.len() as u32,
				"a settlement's redemptions are not all settled by it"
			);
			*settled_reaped.entry(s.programme).or_default() += gone;
			let face = programme.unit_value.saturating_mul(s.redemptions.len() as Amount);
			ensure!(s.amount <= face, "a settlement paid more than the face value");
			settled_amounts.entry(s.programme).or_default().saturating_accrue(s.amount);
			provider_amounts.entry(s.provider.clone()).or_default().saturating_accrue(s.amount);
		}

		let next_programme = NextProgrammeId::<T>::get();
		let mut total = ProgrammeStats::default();
		let mut reaped_redemptions: u32 = 0;
		for (id, programme) in Programmes::<T>::iter() {
			ensure!(id < next_programme, "a programme's number is too high");
			ensure!(ServiceNames::<T>::has_entry(id), "a programme has no service name");
			let s = ProgrammeStatistics::<T>::get(id);
			let c = by_programme.get(&id).copied().unwrap_or_default();
			// What `reap_vouchers` removed counts as it was: settled or expired vouchers.
			let r = ReapedRecords::<T>::get(id);
			if r != ReapedVouchers::default() {
				ensure!(
					FinishedAt::<T>::has_entry(id),
					"records reaped of an unfinished programme"
				);
			}
			ensure!(
				settled_reaped.remove(&id).unwrap_or_default() == r.settled,
				"settled redemptions reaped differ from the settlements' missing ones"
			);
			ensure!(s.handed_out() <= programme.supply, "more vouchers than the supply");
			ensure!(
				s.handed_out()
					== c.unused + c.redeemed_or_beyond + c.expired + r.settled + r.expired,
				"claimed + issued is not the number of vouchers stored and reaped"
			);
			ensure!(s.unredeemed() == c.unused, "unredeemed vouchers miscounted");
			ensure!(s.redeemed == c.redeemed_or_beyond + r.settled, "redeemed vouchers miscounted");
			ensure!(
				s.confirmed == c.confirmed_or_beyond + r.settled,
				"confirmed vouchers miscounted"
			);
			ensure!(s.settled == c.settled + r.settled, "settled vouchers miscounted");
			ensure!(s.expired == c.expired + r.expired, "expired vouchers miscounted");
			reaped_redemptions += r.settled;
			if let Some(at) = FinishedAt::<T>::get(id) {
				ensure!(
					!ProgrammeDeposits::<T>::has_entry(id)
						&& at >= programme.expires_at
						&& s.settled + s.expired == s.handed_out(),
					"a programme is marked finished but is not"
				);
			}
			ensure!(s.settled <= s.confirmed && s.confirmed <= s.redeemed, "counters out of order");
			ensure!(
				s.settled_amount == settled_amounts.get(&id).copied().unwrap_or_default(),
				"a programme's settled amount is not the sum of its settlements"
			);
			let mut received: u32 = 0;
			for n in Received::<T>::iter_prefix_values(id) {
				ensure!(n <= programme.limit.count(), "a beneficiary received over the limit");
				received += n;
			}
			ensure!(
				received + r.received == s.handed_out(),
				"received counts kept and reaped don't add up to the vouchers"
			);
			total.redeemed += s.redeemed;
			total.confirmed += s.confirmed;
			total.settled += s.settled;
			total.settled_amount.saturating_accrue(s.settled_amount);
			total.cancelled += s.cancelled;
		}
		for id in ProgrammeStatistics::<T>::iter_keys() {
			ensure!(Programmes::<T>::has_entry(id), "statistics of an unknown programme");
		}
		ensure!(
			settled_reaped.values().all(|n| *n == 0),
			"settled redemptions are missing from an unknown programme"
		);
		for id in ReapedRecords::<T>::iter_keys().chain(FinishedAt::<T>::iter_keys()) {
			ensure!(Programmes::<T>::has_entry(id), "reaped records of an unknown programme");
		}
		ensure!(
			total.redeemed == live_redemptions + reaped_redemptions,
			"live and reaped redemptions miscounted"
		);

		let mut provider_total = ProviderStats::default();
		for (provider, s) in ProviderStatistics::<T>::iter() {
			let mut c = by_provider.remove(&provider).unwrap_or_default();
			// Reaped redemptions were all settled (hence confirmed).
			let reaped = ReapedRedemptions::<T>::get(&provider);
			c.redemptions += reaped;
			c.confirmations += reaped;
			c.settled += reaped;
			ensure!(
				c == ProviderCount {
					redemptions: s.redemptions,
					confirmations: s.confirmations,
					settled: s.settled
				},
				"a provider's counters don't match its redemptions stored and reaped"
			);
			ensure!(
				s.settled_amount == provider_amounts.get(&provider).copied().unwrap_or_default(),
				"a provider's settled amount is not the sum of its settlements"
			);
			let per_day: u32 = RedemptionsPerDay::<T>::iter_prefix_values(&provider).sum();
			let daily_reaped = ReapedDailyCounts::<T>::get(&provider);
			ensure!(
				per_day + daily_reaped.redemptions == s.redemptions,
				"a provider's redemptions per day, kept and reaped, don't add up"
			);
			provider_total.redemptions += s.redemptions;
			provider_total.confirmations += s.confirmations;
			provider_total.settled += s.settled;
			provider_total.settled_amount.saturating_accrue(s.settled_amount);
			provider_total.cancelled += s.cancelled;
		}
		ensure!(
			by_provider.values().all(|c| *c == ProviderCount::default()),
			"a provider with redemptions has no counters"
		);
		ensure!(
			provider_total.redemptions == total.redeemed
				&& provider_total.confirmations == total.confirmed
				&& provider_total.settled == total.settled
				&& provider_total.settled_amount == total.settled_amount
				&& provider_total.cancelled == total.cancelled,
			"per-provider sums differ from per-programme sums"
		);
		for provider in
			ReapedRedemptions::<T>::iter_keys().chain(ReapedDailyCounts::<T>::iter_keys())
		{
			ensure!(
				ProviderStatistics::<T>::has_entry(&provider),
				"reaped records of a provider without counters"
			);
		}
		for (provider, day, n) in RedemptionsPerDay::<T>::iter() {
			ensure!(n > 0, "an empty per-day counter is stored");
			ensure!(
				day >= ReapedDailyCounts::<T>::get(&provider).before_day,
				"a per-day counter of a reaped day is stored"
			);
			ensure!(
				ProviderStatistics::<T>::has_entry(&provider),
				"per-day redemptions of a provider without counters"
			);
		}

		for (resident, held) in VouchersOf::<T>::iter() {
			let listed: BTreeSet<VoucherId> = held.iter().copied().collect();
			ensure!(listed.len() == held.len(), "a voucher is listed twice for a resident");
			ensure!(
				in_hand.remove(&resident).unwrap_or_default() == listed,
				"a resident's vouchers in hand are not those listed"
			);
		}
		ensure!(in_hand.is_empty(), "vouchers in hand missing from their resident's list");

		for (resident, recent) in RecentRedemptions::<T>::iter() {
			for redemption in recent {
				let voucher = RedemptionVoucher::<T>::get(redemption)
					.and_then(Vouchers::<T>::get)
					.ok_or("a recent redemption is unknown")?;
				ensure!(voucher.resident == resident, "a recent redemption of someone else");
				ensure!(voucher.state.is_confirmed(), "a recent redemption is not confirmed");
			}
		}

		for (office, index) in OpenProgrammes::<T>::iter() {
			for (id, closes) in index {
				let p = Programmes::<T>::get(id).ok_or("an open programme is unknown")?;
				ensure!(p.office == office, "an open programme is listed under another office");
				ensure!(p.claim_closes == closes, "an open programme's closing block is wrong");
				ensure!(
					p.allocation != Allocation::OfficeIssued,
					"an office-issued programme is listed as claimable"
				);
			}
		}
		Ok(())
	}
}

impl<T: Config> Redemptions<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn redemption(id: RedemptionId) -> Option<RedemptionInfo<T::AccountId, BlockNumberFor<T>>> {
		let voucher = Vouchers::<T>::get(RedemptionVoucher::<T>::get(id)?)?;
		let (provider, confirmed_at) = match voucher.state {
			VoucherState::Redeemed { provider, .. } => (provider, None),
			VoucherState::Confirmed { provider, confirmed_at, .. }
			| VoucherState::Settled { provider, confirmed_at, .. } => (provider, Some(confirmed_at)),
			VoucherState::Issued | VoucherState::Expired => return None,
		};
		Some(RedemptionInfo {
			resident: voucher.resident,
			provider,
			programme: voucher.programme,
			office: voucher.office,
			confirmed_at,
		})
	}

	fn programme_finished_at(programme: ProgrammeId) -> Option<BlockNumberFor<T>> {
		FinishedAt::<T>::get(programme)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_finish_programme(programme: ProgrammeId) {
		FinishedAt::<T>::insert(programme, Self::now());
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_confirmed_redemption(
		office: OfficeId,
		resident: &T::AccountId,
		provider: &T::AccountId,
	) -> RedemptionId {
		match Self::bench_redemption(office, resident, provider) {
			Ok(redemption) => redemption,
			Err(error) => {
				frame_support::defensive!("bench_confirmed_redemption: set-up failed", error);
				RedemptionId::MAX
			},
		}
	}
}
