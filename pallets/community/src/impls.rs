//! How the registry works: for each call a read-only `ensure_*` check that returns what the write
//! needs, then the write; the role-free checks and the writes are shared with the genesis build
//! and the benchmark helpers. Then the [`CommunityRegistry`] implementation, the views for the
//! runtime API and the try-state check.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use codec::Encode;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	ensure,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
		EnsureOrigin, Get,
	},
	weights::Weight,
};
use frame_system::{ensure_signed, pallet_prelude::*};
use gongzhi_primitives::ring_suite::HostedVrf;
use gongzhi_primitives::{
	deposit_weight, view_text, ActivityId, CommunityId, CommunityRegistry, HasEntry, HasEntryPair,
	KeyCursor, KeyPage, MemberKey, OfficeId, ResidentId, ResidentInfo, Scope, H256,
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};
use verifiable::GenerateVerifiable;

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// The weight of the check that decides whether `call` is free (its `feeless_if`:
	/// [`Pallet::ensure_check_in`], [`Pallet::ensure_request_move`],
	/// [`Pallet::ensure_cancel_replacement`], [`Pallet::ensure_set_member_key`]). The transaction
	/// extension runs it before the call, whether the call then turns out free or not, so the
	/// runtime charges it on top of the call's own weight. Zero for a call that is never free.
	pub fn feeless_check_weight(call: &Call<T>) -> Weight {
		match call {
			Call::check_in { .. } => T::WeightInfo::feeless_check_in(),
			Call::request_move { .. } => T::WeightInfo::feeless_request_move(),
			Call::cancel_replacement { .. } => T::WeightInfo::feeless_cancel_replacement(),
			Call::set_member_key { .. } => T::WeightInfo::feeless_set_member_key(),
			_ => Weight::zero(),
		}
	}

	// ----------------------------------------------------------------------------------------
	// Origins and roles (read-only)
	// ----------------------------------------------------------------------------------------

	/// `None` if `origin` passes `AdminOrigin`, else the signer.
	pub(crate) fn admin_origin_or_signed(
		origin: OriginFor<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::AdminOrigin::try_origin(origin) {
			Ok(_) => Ok(None),
			Err(origin) => Ok(Some(ensure_signed(origin)?)),
		}
	}

	/// `name` as a stored name: not empty, at most `MaxNameLen` bytes, UTF-8. The length is
	/// checked first, so the UTF-8 scan never exceeds `MaxNameLen` bytes.
	pub fn validate_name(name: Vec<u8>) -> Result<NameOf<T>, DispatchError> {
		ensure!(!name.is_empty(), Error::<T>::NameEmpty);
		let name = NameOf::<T>::try_from(name).map_err(|_| Error::<T>::NameTooLong)?;
		core::str::from_utf8(&name).map_err(|_| Error::<T>::NameNotUtf8)?;
		Ok(name)
	}

	/// The record of `office`, which must exist and be active.
	pub fn active_office(office: OfficeId) -> Result<OfficeRecordOf<T>, DispatchError> {
		let record = Offices::<T>::get(office).ok_or(Error::<T>::UnknownOffice)?;
		ensure!(record.status.is_active(), Error::<T>::OfficeRetired);
		Ok(record)
	}

	/// The record of `office`, which must be active and have `who` as its admin.
	pub fn ensure_office_admin(
		who: &T::AccountId,
		office: OfficeId,
	) -> Result<OfficeRecordOf<T>, DispatchError> {
		let record = Self::active_office(office)?;
		ensure!(record.admin == *who, Error::<T>::NotOfficeAdmin);
		Ok(record)
	}

	/// The record of `community`, which must exist and be active.
	pub fn active_community(community: CommunityId) -> Result<CommunityRecordOf<T>, DispatchError> {
		let record = Communities::<T>::get(community).ok_or(Error::<T>::UnknownCommunity)?;
		ensure!(record.status.is_active(), Error::<T>::CommunityRetired);
		Ok(record)
	}

	/// The records of `community` and its office; `who` must be the office's admin.
	pub fn ensure_community_admin(
		who: &T::AccountId,
		community: CommunityId,
	) -> Result<(CommunityRecordOf<T>, OfficeRecordOf<T>), DispatchError> {
		let record = Self::active_community(community)?;
		let office = Self::ensure_office_admin(who, record.office)?;
		Ok((record, office))
	}

	/// `who` must be an officer of `community`.
	pub fn ensure_officer(who: &T::AccountId, community: CommunityId) -> DispatchResult {
		ensure!(Officers::<T>::has_entry_pair(community, who), Error::<T>::NotOfficer);
		Ok(())
	}

	/// `who`'s resident record, which must exist.
	pub fn resident_record(who: &T::AccountId) -> Result<ResidentRecordOf<T>, DispatchError> {
		Ok(Residents::<T>::get(who).ok_or(Error::<T>::NotResident)?)
	}

	// ----------------------------------------------------------------------------------------
	// Offices
	// ----------------------------------------------------------------------------------------

	pub(crate) fn do_create_office(admin: T::AccountId, name: Vec<u8>) -> DispatchResult {
		let name = Self::validate_name(name)?;
		Self::insert_office(admin, name).map(|_| ())
	}

	/// Writes a new active office. Fails (before writing) only if office ids are exhausted.
	pub(crate) fn insert_office(
		admin: T::AccountId,
		name: NameOf<T>,
	) -> Result<OfficeId, DispatchError> {
		let office = NextOfficeId::<T>::get();
		let next = office.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		NextOfficeId::<T>::put(next);
		Offices::<T>::insert(
			office,
			OfficeRecord {
				admin: admin.clone(),
				name: name.clone(),
				status: Lifecycle::Active,
				communities: 0,
				residents: 0,
			},
		);
		Self::deposit_event(Event::OfficeCreated { office, admin, name });
		Ok(office)
	}

	/// `office` may be retired: active, without communities (hence without residents).
	pub fn ensure_retire_office(office: OfficeId) -> Result<OfficeRecordOf<T>, DispatchError> {
		let record = Self::active_office(office)?;
		ensure!(record.communities == 0, Error::<T>::OfficeHasCommunities);
		Ok(record)
	}

	pub(crate) fn do_retire_office(office: OfficeId) -> DispatchResult {
		let mut record = Self::ensure_retire_office(office)?;
		record.status = Lifecycle::Retired { at: Self::now() };
		Offices::<T>::insert(office, record);
		Self::deposit_event(Event::OfficeRetired { office });
		Ok(())
	}

	/// The office record whose admin `caller` may change: `None` stands for `AdminOrigin`.
	pub fn ensure_set_office_admin(
		caller: Option<&T::AccountId>,
		office: OfficeId,
	) -> Result<OfficeRecordOf<T>, DispatchError> {
		match caller {
			None => Self::active_office(office),
			Some(who) => Self::ensure_office_admin(who, office),
		}
	}

	pub(crate) fn do_set_office_admin(
		caller: Option<T::AccountId>,
		office: OfficeId,
		new_admin: T::AccountId,
	) -> DispatchResult {
		let mut record = Self::ensure_set_office_admin(caller.as_ref(), office)?;
		let old_admin = core::mem::replace(&mut record.admin, new_admin.clone());
		Offices::<T>::insert(office, record);
		Self::deposit_event(Event::OfficeAdminChanged { office, old_admin, new_admin });
		Ok(())
	}

	// ----------------------------------------------------------------------------------------
	// Communities and officers
	// ----------------------------------------------------------------------------------------

	pub(crate) fn do_create_community(
		who: T::AccountId,
		office: OfficeId,
		name: Vec<u8>,
	) -> DispatchResult {
		let office_record = Self::ensure_office_admin(&who, office)?;
		let name = Self::validate_name(name)?;
		Self::insert_community(office, office_record, name).map(|_| ())
	}

	/// Writes a new active community of `office` (whose record is `office_record`). Fails
	/// (before writing) only if community ids are exhausted.
	pub(crate) fn insert_community(
		office: OfficeId,
		mut office_record: OfficeRecordOf<T>,
		name: NameOf<T>,
	) -> Result<CommunityId, DispatchError> {
		let community = NextCommunityId::<T>::get();
		let next = community.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		NextCommunityId::<T>::put(next);
		Communities::<T>::insert(
			community,
			CommunityRecord {
				office,
				name: name.clone(),
				status: Lifecycle::Active,
				officers: 0,
				residents: 0,
			},
		);
		// Saturating: at most one per community id (a u32), so it never saturates.
		office_record.communities.saturating_inc();
		Offices::<T>::insert(office, office_record);
		Self::deposit_event(Event::CommunityCreated { community, office, name });
		Ok(community)
	}

	/// `who` may retire `community`: its office's admin, and it has no residents.
	pub fn ensure_retire_community(
		who: &T::AccountId,
		community: CommunityId,
	) -> Result<(CommunityRecordOf<T>, OfficeRecordOf<T>), DispatchError> {
		let (record, office) = Self::ensure_community_admin(who, community)?;
		ensure!(record.residents == 0, Error::<T>::CommunityHasResidents);
		Ok((record, office))
	}

	pub(crate) fn do_retire_community(
		who: T::AccountId,
		community: CommunityId,
	) -> DispatchResultWithPostInfo {
		let (mut record, mut office_record) = Self::ensure_retire_community(&who, community)?;
		let officers = record.officers;
		// At most `MaxOfficers` keys: the appointments are bounded by it.
		let _ = Officers::<T>::clear_prefix(community, T::MaxOfficers::get(), None);
		OpenActivities::<T>::remove(community);
		let office = record.office;
		record.status = Lifecycle::Retired { at: Self::now() };
		record.officers = 0;
		Communities::<T>::insert(community, record);
		// Saturating: the record counts this active community, so it is at least 1.
		office_record.communities.saturating_dec();
		Offices::<T>::insert(office, office_record);
		Self::deposit_event(Event::CommunityRetired { community, office });
		Ok(Some(T::WeightInfo::retire_community(officers)).into())
	}

	/// `officer` may be appointed in `community` (whose record is `record`): not one already,
	/// and there is room.
	pub fn check_appoint_officer(
		community: CommunityId,
		record: &CommunityRecordOf<T>,
		officer: &T::AccountId,
	) -> DispatchResult {
		ensure!(!Officers::<T>::has_entry_pair(community, officer), Error::<T>::AlreadyOfficer);
		ensure!(record.officers < T::MaxOfficers::get(), Error::<T>::TooManyOfficers);
		Ok(())
	}

	pub(crate) fn do_appoint_officer(
		who: T::AccountId,
		community: CommunityId,
		officer: T::AccountId,
	) -> DispatchResult {
		let (record, _) = Self::ensure_community_admin(&who, community)?;
		Self::check_appoint_officer(community, &record, &officer)?;
		Self::insert_officer(community, record, officer);
		Ok(())
	}

	/// Writes an appointment (already checked).
	pub(crate) fn insert_officer(
		community: CommunityId,
		mut record: CommunityRecordOf<T>,
		officer: T::AccountId,
	) {
		Officers::<T>::insert(community, &officer, ());
		// Saturating: bounded by `MaxOfficers` (checked before).
		record.officers.saturating_inc();
		Communities::<T>::insert(community, record);
		Self::deposit_event(Event::OfficerAppointed { community, officer });
	}

	pub(crate) fn do_remove_officer(
		who: T::AccountId,
		community: CommunityId,
		officer: T::AccountId,
	) -> DispatchResult {
		let (mut record, _) = Self::ensure_community_admin(&who, community)?;
		ensure!(Officers::<T>::has_entry_pair(community, &officer), Error::<T>::OfficerNotFound);
		Officers::<T>::remove(community, &officer);
		// Saturating: the record counts this officer, so it is at least 1.
		record.officers.saturating_dec();
		Communities::<T>::insert(community, record);
		Self::deposit_event(Event::OfficerRemoved { community, officer });
		Ok(())
	}

	// ----------------------------------------------------------------------------------------
	// Providers
	// ----------------------------------------------------------------------------------------

	/// `who` may register as a provider with `name` and `registration_code_hash`; returns the
	/// stored name.
	pub fn check_register_provider(
		who: &T::AccountId,
		name: Vec<u8>,
		registration_code_hash: &H256,
	) -> Result<NameOf<T>, DispatchError> {
		ensure!(!Providers::<T>::has_entry(who), Error::<T>::AlreadyProvider);
		ensure!(!Residents::<T>::has_entry(who), Error::<T>::AccountIsResident);
		ensure!(
			!ProviderCodes::<T>::has_entry(registration_code_hash),
			Error::<T>::RegistrationCodeTaken
		);
		Self::validate_name(name)
	}

	pub(crate) fn do_register_provider(
		who: T::AccountId,
		name: Vec<u8>,
		registration_code_hash: H256,
	) -> DispatchResult {
		let name = Self::check_register_provider(&who, name, &registration_code_hash)?;
		// Held before anything is written: a provider that can't pay leaves no trace.
		let deposit = T::ProviderDeposit::get();
		T::Currency::hold(&HoldReason::ProviderDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		ProviderDeposits::<T>::insert(&who, deposit);
		Self::insert_provider(who, name, registration_code_hash, deposit);
		Ok(())
	}

	/// Writes a provider (already checked) that holds `deposit` (zero for the genesis
	/// registry and benchmark set-ups, which hold none).
	pub(crate) fn insert_provider(
		who: T::AccountId,
		name: NameOf<T>,
		registration_code_hash: H256,
		deposit: BalanceOf<T>,
	) {
		Providers::<T>::insert(
			&who,
			ProviderRecord {
				name: name.clone(),
				registration_code_hash,
				registered_at: Self::now(),
				offices: 0,
				staff: 0,
				code_released_at: None,
			},
		);
		ProviderCodes::<T>::insert(registration_code_hash, &who);
		Self::deposit_event(Event::ProviderRegistered {
			provider: who,
			name,
			registration_code_hash,
			deposit,
		});
	}

	/// `provider` may be approved in `office` (not checked here: the office). Returns the
	/// provider record to write back if this is its first record in `office` (its count grows),
	/// `None` if it lifts a suspension.
	pub fn check_approve_provider(
		office: OfficeId,
		provider: &T::AccountId,
	) -> Result<Option<ProviderRecordOf<T>>, DispatchError> {
		let mut record = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		ensure!(record.holds_code(), Error::<T>::RegistrationCodeReleased);
		match ProviderApprovals::<T>::get(provider, office) {
			Some(Approval::Approved { .. }) => Err(Error::<T>::AlreadyApproved.into()),
			Some(Approval::Suspended { .. }) => Ok(None),
			None => {
				ensure!(
					record.offices < T::MaxProviderOffices::get(),
					Error::<T>::TooManyProviderOffices
				);
				// Saturating: bounded by `MaxProviderOffices` (checked just above).
				record.offices.saturating_inc();
				Ok(Some(record))
			},
		}
	}

	pub(crate) fn do_approve_provider(
		who: T::AccountId,
		office: OfficeId,
		provider: T::AccountId,
	) -> DispatchResult {
		Self::ensure_office_admin(&who, office)?;
		let new_record = Self::check_approve_provider(office, &provider)?;
		Self::insert_approval(office, provider, new_record);
		Ok(())
	}

	/// Writes an approval (already checked).
	pub(crate) fn insert_approval(
		office: OfficeId,
		provider: T::AccountId,
		new_record: Option<ProviderRecordOf<T>>,
	) {
		if let Some(record) = new_record {
			Providers::<T>::insert(&provider, record);
		}
		ProviderApprovals::<T>::insert(
			&provider,
			office,
			Approval::Approved { since: Self::now() },
		);
		Self::deposit_event(Event::ProviderApproved { provider, office });
	}

	pub(crate) fn do_suspend_provider(
		who: T::AccountId,
		office: OfficeId,
		provider: T::AccountId,
	) -> DispatchResult {
		Self::ensure_office_admin(&who, office)?;
		ensure!(
			ProviderApprovals::<T>::get(&provider, office).is_some_and(|a| a.is_approved()),
			Error::<T>::NotApprovedProvider
		);
		ProviderApprovals::<T>::insert(
			&provider,
			office,
			Approval::Suspended { since: Self::now() },
		);
		Self::deposit_event(Event::ProviderSuspended { provider, office });
		Ok(())
	}

	/// `caller` (`None` for `AdminOrigin`) may release `registration_code_hash`: a provider
	/// holds it and a signed caller is the admin of an office in which that provider is
	/// approved or suspended. Returns the provider, its record and the offices it is approved
	/// in now (at most `MaxProviderOffices` approval records are read).
	pub fn ensure_release_registration_code(
		caller: Option<&T::AccountId>,
		registration_code_hash: &H256,
	) -> Result<(T::AccountId, ProviderRecordOf<T>, Vec<OfficeId>), DispatchError> {
		let provider = ProviderCodes::<T>::get(registration_code_hash)
			.ok_or(Error::<T>::UnknownRegistrationCode)?;
		let record = Providers::<T>::get(&provider).ok_or(Error::<T>::UnknownProvider)?;
		// At most `MaxProviderOffices` records: approvals are bounded by it.
		let approvals: Vec<(OfficeId, bool)> = ProviderApprovals::<T>::iter_prefix(&provider)
			.take(T::MaxProviderOffices::get() as usize)
			.map(|(office, approval)| (office, approval.is_approved()))
			.collect();
		if let Some(who) = caller {
			ensure!(
				approvals.iter().any(|(office, _)| Self::is_office_admin(who, *office)),
				Error::<T>::NotOfficeOfProvider
			);
		}
		let approved =
			approvals.into_iter().filter_map(|(office, approved)| approved.then_some(office));
		Ok((provider, record, approved.collect()))
	}

	pub(crate) fn do_release_registration_code(
		caller: Option<T::AccountId>,
		registration_code_hash: H256,
	) -> DispatchResultWithPostInfo {
		let (provider, mut record, approved) =
			Self::ensure_release_registration_code(caller.as_ref(), &registration_code_hash)?;
		let offices = record.offices;
		let now = Self::now();
		ProviderCodes::<T>::remove(registration_code_hash);
		record.code_released_at = Some(now);
		Providers::<T>::insert(&provider, record);
		for office in approved {
			ProviderApprovals::<T>::insert(&provider, office, Approval::Suspended { since: now });
			Self::deposit_event(Event::ProviderSuspended { provider: provider.clone(), office });
		}
		// Squatting costs the deposit: it is burnt, not given to anyone (an office that
		// released a code would otherwise gain from it). Best effort and forced: the record
		// shows the hold exists (`try_state`), and nothing may keep the code from being freed.
		let deposit_burnt = match ProviderDeposits::<T>::take(&provider) {
			Some(amount) => T::Currency::burn_held(
				&HoldReason::ProviderDeposit.into(),
				&provider,
				amount,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.unwrap_or_else(|_| Zero::zero()),
			None => Zero::zero(),
		};
		Self::deposit_event(Event::RegistrationCodeReleased {
			registration_code_hash,
			provider,
			deposit_burnt,
		});
		Ok(Some(
			T::WeightInfo::release_registration_code(offices)
				.saturating_add(deposit_weight::<T::DbWeight>(1)),
		)
		.into())
	}

	/// `provider` may leave the registry: it is a provider, approved in no office now and with
	/// no staff declared. Returns its record and the offices of its approval records (at most
	/// `MaxProviderOffices` are read: approvals are bounded by it).
	pub fn ensure_withdraw_provider(
		provider: &T::AccountId,
	) -> Result<(ProviderRecordOf<T>, Vec<OfficeId>), DispatchError> {
		let record = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		let mut offices = Vec::new();
		for (office, approval) in ProviderApprovals::<T>::iter_prefix(provider)
			.take(T::MaxProviderOffices::get() as usize)
		{
			// Approved somewhere, it may have work pending there (bids, redemptions to
			// confirm): the office suspends it first.
			ensure!(!approval.is_approved(), Error::<T>::StillApproved);
			offices.push(office);
		}
		// Its staff declarations keep residents from dealing with it (回避); they go first, so
		// that no declaration outlives its provider.
		ensure!(record.staff == 0, Error::<T>::StaffStillDeclared);
		Ok((record, offices))
	}

	pub(crate) fn do_withdraw_provider(provider: T::AccountId) -> DispatchResultWithPostInfo {
		let (record, offices) = Self::ensure_withdraw_provider(&provider)?;
		let read = record.offices;
		for office in offices {
			ProviderApprovals::<T>::remove(&provider, office);
		}
		// A released code may already belong to the rightful organization: only a code the
		// provider still holds is freed.
		if record.holds_code() {
			ProviderCodes::<T>::remove(record.registration_code_hash);
		}
		Providers::<T>::remove(&provider);
		let deposit_released = match ProviderDeposits::<T>::take(&provider) {
			Some(amount) => {
				// The record shows the hold exists (`try_state`); best effort, so a missing hold
				// can't keep the provider registered for ever.
				let _ = T::Currency::release(
					&HoldReason::ProviderDeposit.into(),
					&provider,
					amount,
					Precision::BestEffort,
				);
				amount
			},
			None => Zero::zero(),
		};
		Self::deposit_event(Event::ProviderWithdrawn { provider, deposit_released });
		Ok(Some(
			T::WeightInfo::withdraw_provider(read).saturating_add(deposit_weight::<T::DbWeight>(1)),
		)
		.into())
	}

	// ----------------------------------------------------------------------------------------
	// Provider staff (回避)
	// ----------------------------------------------------------------------------------------

	/// `list` is not empty and names no person twice (at most `MaxStaffPerCall` hashes).
	fn check_staff_list(list: &StaffListOf<T>) -> DispatchResult {
		ensure!(!list.is_empty(), Error::<T>::EmptyStaffList);
		let mut seen = BTreeSet::new();
		ensure!(list.iter().all(|person| seen.insert(*person)), Error::<T>::DuplicateStaff);
		Ok(())
	}

	/// `provider` may declare `person_hashes` as its staff. Returns its record with the new
	/// count.
	pub fn ensure_declare_staff(
		provider: &T::AccountId,
		person_hashes: &StaffListOf<T>,
	) -> Result<ProviderRecordOf<T>, DispatchError> {
		let mut record = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		Self::check_staff_list(person_hashes)?;
		ensure!(
			person_hashes
				.iter()
				.all(|person| !ProviderStaff::<T>::has_entry_pair(provider, person)),
			Error::<T>::StaffAlreadyDeclared
		);
		ensure!(
			person_hashes.iter().all(|person| {
				(PersonEmployers::<T>::decode_len(person).unwrap_or(0) as u32)
					< T::MaxEmployers::get()
			}),
			Error::<T>::TooManyEmployers
		);
		// Checked: a count over the bound is refused, never wrapped.
		record.staff = record
			.staff
			.checked_add(person_hashes.len() as u32)
			.filter(|staff| *staff <= T::MaxStaff::get())
			.ok_or(Error::<T>::TooManyStaff)?;
		Ok(record)
	}

	pub(crate) fn do_declare_staff(
		provider: T::AccountId,
		person_hashes: StaffListOf<T>,
	) -> DispatchResult {
		let record = Self::ensure_declare_staff(&provider, &person_hashes)?;
		for person in &person_hashes {
			ProviderStaff::<T>::insert(&provider, person, ());
			// Room was checked by `ensure_declare_staff`.
			PersonEmployers::<T>::try_mutate(person, |employers| {
				employers.try_push(provider.clone())
			})
			.map_err(|_| Error::<T>::TooManyEmployers)?;
		}
		let staff = record.staff;
		Providers::<T>::insert(&provider, record);
		Self::deposit_event(Event::StaffDeclared { provider, person_hashes, staff });
		Ok(())
	}

	/// `provider` may withdraw `person_hashes` from its staff. Returns its record with the new
	/// count.
	pub fn ensure_remove_staff(
		provider: &T::AccountId,
		person_hashes: &StaffListOf<T>,
	) -> Result<ProviderRecordOf<T>, DispatchError> {
		let mut record = Providers::<T>::get(provider).ok_or(Error::<T>::UnknownProvider)?;
		Self::check_staff_list(person_hashes)?;
		ensure!(
			person_hashes.iter().all(|person| ProviderStaff::<T>::has_entry_pair(provider, person)),
			Error::<T>::StaffNotDeclared
		);
		// Saturating: the record counts each declared person, distinct in the list.
		record.staff = record.staff.saturating_sub(person_hashes.len() as u32);
		Ok(record)
	}

	pub(crate) fn do_remove_staff(
		provider: T::AccountId,
		person_hashes: StaffListOf<T>,
	) -> DispatchResult {
		let record = Self::ensure_remove_staff(&provider, &person_hashes)?;
		for person in &person_hashes {
			ProviderStaff::<T>::remove(&provider, person);
			PersonEmployers::<T>::mutate_exists(person, |employers| {
				if let Some(list) = employers {
					list.retain(|p| *p != provider);
					if list.is_empty() {
						*employers = None;
					}
				}
			});
		}
		let staff = record.staff;
		Providers::<T>::insert(&provider, record);
		Self::deposit_event(Event::StaffRemoved { provider, person_hashes, staff });
		Ok(())
	}

	// ----------------------------------------------------------------------------------------
	// Residents
	// ----------------------------------------------------------------------------------------

	/// `who` may be registered as the person `person_hash` (not checked here: the community):
	/// not a resident, not a provider (回避). Returns the person's resident number if they were
	/// registered before.
	pub fn check_register_resident(
		who: &T::AccountId,
		person_hash: &H256,
	) -> Result<Option<ResidentId>, DispatchError> {
		ensure!(!Residents::<T>::has_entry(who), Error::<T>::AlreadyResident);
		ensure!(!Providers::<T>::has_entry(who), Error::<T>::AccountIsProvider);
		match PersonIndex::<T>::get(person_hash) {
			Some(id) => {
				ensure!(!ResidentAccounts::<T>::has_entry(id), Error::<T>::PersonAlreadyRegistered);
				Ok(Some(id))
			},
			None => {
				ensure!(NextResidentId::<T>::get() < ResidentId::MAX, Error::<T>::IdsExhausted);
				Ok(None)
			},
		}
	}

	/// `officer` may register `who` as `person_hash` in `community`. Returns the community's
	/// record and the person's earlier resident number, if any.
	pub fn ensure_register_resident(
		officer: &T::AccountId,
		community: CommunityId,
		who: &T::AccountId,
		person_hash: &H256,
	) -> Result<(CommunityRecordOf<T>, Option<ResidentId>), DispatchError> {
		let record = Self::active_community(community)?;
		Self::ensure_officer(officer, community)?;
		let known = Self::check_register_resident(who, person_hash)?;
		Ok((record, known))
	}

	pub(crate) fn do_register_resident(
		officer: T::AccountId,
		community: CommunityId,
		who: T::AccountId,
		person_hash: H256,
		household: Option<H256>,
	) -> DispatchResult {
		let (record, known) =
			Self::ensure_register_resident(&officer, community, &who, &person_hash)?;
		Self::insert_resident(community, record, who, person_hash, household, known).map(|_| ())
	}

	/// Writes a resident (already checked) and gives the account a provider reference. Fails
	/// (before writing) only if resident ids are exhausted.
	pub(crate) fn insert_resident(
		community: CommunityId,
		mut record: CommunityRecordOf<T>,
		who: T::AccountId,
		person_hash: H256,
		household: Option<H256>,
		known: Option<ResidentId>,
	) -> Result<ResidentId, DispatchError> {
		let id = match known {
			Some(id) => id,
			None => {
				let id = NextResidentId::<T>::get();
				let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
				NextResidentId::<T>::put(next);
				PersonIndex::<T>::insert(person_hash, id);
				ResidentPersons::<T>::insert(id, person_hash);
				id
			},
		};
		let office = record.office;
		Residents::<T>::insert(
			&who,
			ResidentRecord {
				id,
				community,
				office,
				registered_at: Self::now(),
				household,
				person_hash,
				household_since: Self::now(),
			},
		);
		ResidentAccounts::<T>::insert(id, &who);
		// Saturating: the counts are bounded by the number of resident ids (a u32).
		record.residents.saturating_inc();
		Communities::<T>::insert(community, record);
		Offices::<T>::mutate(office, |o| {
			if let Some(o) = o {
				o.residents.saturating_inc();
			}
		});
		frame_system::Pallet::<T>::inc_providers(&who);
		Self::deposit_event(Event::ResidentRegistered {
			resident: id,
			who,
			community,
			returning: known.is_some(),
		});
		Ok(id)
	}

	/// `officer` may retire resident `who`. Returns `who`'s record.
	pub fn ensure_retire_resident(
		officer: &T::AccountId,
		who: &T::AccountId,
	) -> Result<ResidentRecordOf<T>, DispatchError> {
		let record = Self::resident_record(who)?;
		Self::ensure_officer(officer, record.community)?;
		ensure!(frame_system::Pallet::<T>::can_dec_provider(who), Error::<T>::CannotReleaseAccount);
		Ok(record)
	}

	pub(crate) fn do_retire_resident(officer: T::AccountId, who: T::AccountId) -> DispatchResult {
		let record = Self::ensure_retire_resident(&officer, &who)?;
		frame_system::Pallet::<T>::dec_providers(&who)
			.map_err(|_| Error::<T>::CannotReleaseAccount)?;
		Residents::<T>::remove(&who);
		ResidentAccounts::<T>::remove(record.id);
		// `PersonIndex` keeps the person's number for their return.
		Self::count_out(record.community, record.office);
		Self::drop_pending_move(record.id, &who);
		Self::drop_pending_replacement(record.id, &who);
		Self::remove_member_keys(&record);
		Self::deposit_event(Event::ResidentRetired {
			resident: record.id,
			who,
			community: record.community,
		});
		Ok(())
	}

	/// One resident fewer in `community` and `office`. Saturating: the records count the
	/// resident leaving, so they are at least 1.
	fn count_out(community: CommunityId, office: OfficeId) {
		Communities::<T>::mutate(community, |c| {
			if let Some(c) = c {
				c.residents.saturating_dec();
			}
		});
		Offices::<T>::mutate(office, |o| {
			if let Some(o) = o {
				o.residents.saturating_dec();
			}
		});
	}

	/// `officer` may set resident `who`'s household. Returns the record.
	pub fn ensure_set_household(
		officer: &T::AccountId,
		who: &T::AccountId,
	) -> Result<ResidentRecordOf<T>, DispatchError> {
		let record = Self::resident_record(who)?;
		Self::ensure_officer(officer, record.community)?;
		Ok(record)
	}

	pub(crate) fn do_set_household(
		officer: T::AccountId,
		who: T::AccountId,
		household: Option<H256>,
	) -> DispatchResult {
		let mut record = Self::ensure_set_household(&officer, &who)?;
		record.household = household;
		record.household_since = Self::now();
		let resident = record.id;
		Residents::<T>::insert(&who, record);
		Self::deposit_event(Event::HouseholdSet { resident, who, household });
		Ok(())
	}

	// ----------------------------------------------------------------------------------------
	// Ring member keys (anonymous ballots and answers)
	// ----------------------------------------------------------------------------------------

	/// The message whose signature by a member key proves, in `set_member_key`, that `who`
	/// holds the key's secret: Blake2-256 of [`MEMBER_KEY_CONTEXT`] (18 ASCII bytes, not
	/// length-prefixed) followed by `who`'s SCALE encoding (an `AccountId32`'s 32 bytes). It
	/// names the account, so a proof copied from another resident's registration fails.
	pub fn member_key_message(who: &T::AccountId) -> [u8; 32] {
		sp_io::hashing::blake2_256(&(MEMBER_KEY_CONTEXT, who).encode())
	}

	/// Resident `who` may set `key`, proven by `proof`, as their member key now. The same check
	/// decides whether `set_member_key` is free. The storage checks come first and the
	/// signature last: a resident within the cooldown costs no verification. Returns the
	/// resident's record, their key history with `key` appended, and the key that falls off the
	/// history (whose index entry goes).
	pub fn ensure_set_member_key(
		who: &T::AccountId,
		key: &MemberKey,
		proof: &[u8; 64],
	) -> Result<(ResidentRecordOf<T>, MemberKeyHistoryOf<T>, Option<MemberKey>), DispatchError> {
		let record = Self::resident_record(who)?;
		let resident = record.id;
		let history = MemberKeys::<T>::get(resident).unwrap_or_default();
		let now = Self::now();
		if let Some(current) = history.last() {
			ensure!(current.key != *key, Error::<T>::MemberKeyUnchanged);
			// Saturating: at the end of the block-number range the key simply stays.
			ensure!(
				now >= current.since.saturating_add(T::MemberKeyCooldown::get()),
				Error::<T>::MemberKeyChangedRecently
			);
		}
		ensure!(!MemberKeyOwners::<T>::has_entry(key), Error::<T>::MemberKeyTaken);
		ensure!(HostedVrf::is_member_valid(key), Error::<T>::InvalidMemberKey);
		ensure!(
			HostedVrf::verify_signature(proof, &Self::member_key_message(who), key),
			Error::<T>::InvalidMemberKeyProof
		);
		let mut records = history.into_inner();
		records.push(MemberKeyRecord { key: *key, since: now });
		let dropped = (records.len() > MEMBER_KEY_HISTORY as usize).then(|| records.remove(0).key);
		// At most `MEMBER_KEY_HISTORY` records are left: nothing is truncated.
		Ok((record, MemberKeyHistoryOf::<T>::truncate_from(records), dropped))
	}

	pub(crate) fn do_set_member_key(
		who: T::AccountId,
		key: MemberKey,
		proof: [u8; 64],
	) -> DispatchResult {
		let (record, history, dropped) = Self::ensure_set_member_key(&who, &key, &proof)?;
		if let Some(old) = dropped {
			MemberKeyOwners::<T>::remove(old);
		}
		let resident = record.id;
		MemberKeyOwners::<T>::insert(key, resident);
		MemberKeys::<T>::insert(resident, history);
		KeyHolders::<T>::insert((record.office, record.community, resident), record.registered_at);
		Self::deposit_event(Event::MemberKeySet { resident, key });
		Ok(())
	}

	/// Removes the member keys of resident `record` and frees them (at most
	/// `MEMBER_KEY_HISTORY`), with their [`KeyHolders`] entry, when they are retired.
	fn remove_member_keys(record: &ResidentRecordOf<T>) {
		for old in MemberKeys::<T>::take(record.id).unwrap_or_default() {
			MemberKeyOwners::<T>::remove(old.key);
		}
		KeyHolders::<T>::remove((record.office, record.community, record.id));
	}

	/// The member key `resident` had in force before block `at`: the latest they set before it
	/// (one storage read: their key history, newest last). An item opening at `at` takes this
	/// key into its ring, so a key changed in or after that block doesn't change the ring.
	/// `None` if they had none then, or if it is no longer known: the pallet keeps a resident's
	/// current and previous key only, and none once the resident is retired.
	pub fn member_key_before(resident: ResidentId, at: BlockNumberFor<T>) -> Option<MemberKey> {
		MemberKeys::<T>::get(resident)?
			.iter()
			.rev()
			.find(|record| record.since < at)
			.map(|record| record.key)
	}

	/// The walk of [`CommunityRegistry::member_keys_in`] over [`KeyHolders`]: the office's
	/// entries (or one community's) in storage order, after `after`.
	pub(crate) fn walk_key_holders(
		scope: Scope,
		at: BlockNumberFor<T>,
		after: Option<KeyCursor>,
		limit: u32,
	) -> KeyPage {
		let mut page = KeyPage::default();
		let (office, community) = match scope {
			Scope::Office(office) => (office, None),
			Scope::Community(community) => match Communities::<T>::get(community) {
				Some(c) => (c.office, Some(community)),
				None => return page,
			},
		};
		let start = after
			.map(|a| KeyHolders::<T>::hashed_key_for((office, a.community, a.resident)))
			.unwrap_or_default();
		let entries: alloc::boxed::Box<
			dyn Iterator<Item = (CommunityId, ResidentId, BlockNumberFor<T>)>,
		> = match community {
			None => alloc::boxed::Box::new(
				if start.is_empty() {
					KeyHolders::<T>::iter_prefix((office,))
				} else {
					KeyHolders::<T>::iter_prefix_from((office,), start)
				}
				.map(|((c, r), at)| (c, r, at)),
			),
			Some(c) => alloc::boxed::Box::new(
				if start.is_empty() {
					KeyHolders::<T>::iter_prefix((office, c))
				} else {
					KeyHolders::<T>::iter_prefix_from((office, c), start)
				}
				.map(move |(r, at)| (c, r, at)),
			),
		};
		let mut entries = entries.peekable();
		while page.read < limit {
			let Some((community, resident, registered_at)) = entries.next() else { break };
			page.read += 1;
			page.next = Some(KeyCursor { community, resident });
			if registered_at >= at {
				continue;
			}
			let key = Self::member_key_before(resident, at);
			page.keys.extend(key);
		}
		if entries.peek().is_none() {
			page.next = None;
		}
		page
	}

	// ----------------------------------------------------------------------------------------
	// Moves: the side left asks, the destination accepts
	// ----------------------------------------------------------------------------------------

	/// Whether `caller` may speak for the side that resident `who` (record `record`) leaves, in
	/// a move to a community of office `to_office`: the resident themselves, the admin of their
	/// office, or — within the office only — an officer of their community.
	pub fn is_leaving_side(
		caller: &T::AccountId,
		who: &T::AccountId,
		record: &ResidentRecordOf<T>,
		to_office: OfficeId,
	) -> bool {
		caller == who
			|| Self::is_office_admin(caller, record.office)
			|| (to_office == record.office
				&& Officers::<T>::has_entry_pair(record.community, caller))
	}

	/// Whether `caller` may speak for destination `to` (of office `to_office`) in a move from
	/// office `from_office`: the admin of `to_office`, or — within the office only — an officer
	/// of `to`.
	pub fn is_accepting_side(
		caller: &T::AccountId,
		to: CommunityId,
		to_office: OfficeId,
		from_office: OfficeId,
	) -> bool {
		Self::is_office_admin(caller, to_office)
			|| (to_office == from_office && Officers::<T>::has_entry_pair(to, caller))
	}

	/// Resident `who`'s record and that of community `to`, which must be active and another
	/// community than theirs.
	fn move_target(
		who: &T::AccountId,
		to: CommunityId,
	) -> Result<(ResidentRecordOf<T>, CommunityRecordOf<T>), DispatchError> {
		let record = Self::resident_record(who)?;
		let destination = Self::active_community(to)?;
		ensure!(record.community != to, Error::<T>::AlreadyInCommunity);
		Ok((record, destination))
	}

	/// `caller` may ask to move resident `who` to `to`, and no request that has not lapsed is
	/// pending. The same check decides whether the resident's own request is free. Returns
	/// `who`'s record and the request to store.
	pub fn ensure_request_move(
		caller: &T::AccountId,
		who: &T::AccountId,
		to: CommunityId,
	) -> Result<(ResidentRecordOf<T>, PendingMoveOf<T>), DispatchError> {
		let (record, destination) = Self::move_target(who, to)?;
		ensure!(
			Self::is_leaving_side(caller, who, &record, destination.office),
			Error::<T>::NotLeavingSide
		);
		let now = Self::now();
		ensure!(
			PendingMoves::<T>::get(who).is_none_or(|pending| pending.expires_at <= now),
			Error::<T>::MoveAlreadyRequested
		);
		// Saturating: at the end of the block-number range a request simply never lapses.
		let expires_at = now.saturating_add(T::MoveRequestTtl::get());
		Ok((record, PendingMove { to, requested_by: caller.clone(), expires_at }))
	}

	pub(crate) fn do_request_move(
		caller: T::AccountId,
		who: T::AccountId,
		to: CommunityId,
	) -> DispatchResult {
		let (record, pending) = Self::ensure_request_move(&caller, &who, to)?;
		let expires_at = pending.expires_at;
		// Overwrites a lapsed request, if any.
		PendingMoves::<T>::insert(&who, pending);
		Self::deposit_event(Event::MoveRequested {
			resident: record.id,
			who,
			from: record.community,
			to,
			requested_by: caller,
			expires_at,
		});
		Ok(())
	}

	/// `caller` may accept the pending move of resident `who` now, and whoever requested it is
	/// still entitled to. Returns `who`'s record and the destination's id and record.
	pub fn ensure_accept_move(
		caller: &T::AccountId,
		who: &T::AccountId,
	) -> Result<(ResidentRecordOf<T>, CommunityId, CommunityRecordOf<T>), DispatchError> {
		let pending = PendingMoves::<T>::get(who).ok_or(Error::<T>::NoPendingMove)?;
		ensure!(Self::now() < pending.expires_at, Error::<T>::MoveExpired);
		let (record, destination) = Self::move_target(who, pending.to)?;
		ensure!(
			Self::is_accepting_side(caller, pending.to, destination.office, record.office),
			Error::<T>::NotAcceptingSide
		);
		ensure!(
			Self::is_leaving_side(&pending.requested_by, who, &record, destination.office),
			Error::<T>::RequesterNoLongerEntitled
		);
		Ok((record, pending.to, destination))
	}

	pub(crate) fn do_accept_move(caller: T::AccountId, who: T::AccountId) -> DispatchResult {
		let (record, to, destination) = Self::ensure_accept_move(&caller, &who)?;
		PendingMoves::<T>::remove(&who);
		Self::apply_move(who, record, to, destination);
		Ok(())
	}

	/// `caller` may cancel the pending move of resident `who`: it is on either side now, or the
	/// request has lapsed. Returns the resident number and the requested destination.
	pub fn ensure_cancel_move(
		caller: &T::AccountId,
		who: &T::AccountId,
	) -> Result<(ResidentId, CommunityId), DispatchError> {
		let pending = PendingMoves::<T>::get(who).ok_or(Error::<T>::NoPendingMove)?;
		let record = Self::resident_record(who)?;
		let lapsed = pending.expires_at <= Self::now();
		// Communities are never deleted; a destination retired since keeps its office.
		let to_office =
			Communities::<T>::get(pending.to).ok_or(Error::<T>::UnknownCommunity)?.office;
		ensure!(
			lapsed
				|| Self::is_leaving_side(caller, who, &record, to_office)
				|| Self::is_accepting_side(caller, pending.to, to_office, record.office),
			Error::<T>::NotPartyToMove
		);
		Ok((record.id, pending.to))
	}

	pub(crate) fn do_cancel_move(caller: T::AccountId, who: T::AccountId) -> DispatchResult {
		let (resident, to) = Self::ensure_cancel_move(&caller, &who)?;
		PendingMoves::<T>::remove(&who);
		Self::deposit_event(Event::MoveCancelled { resident, who, to });
		Ok(())
	}

	/// `caller` may move resident `who` to `to` in one step: it is entitled on both sides at
	/// once. Returns `who`'s record and `to`'s.
	pub fn ensure_move_resident(
		caller: &T::AccountId,
		who: &T::AccountId,
		to: CommunityId,
	) -> Result<(ResidentRecordOf<T>, CommunityRecordOf<T>), DispatchError> {
		let (record, destination) = Self::move_target(who, to)?;
		ensure!(
			Self::is_leaving_side(caller, who, &record, destination.office),
			Error::<T>::NotLeavingSide
		);
		ensure!(
			Self::is_accepting_side(caller, to, destination.office, record.office),
			Error::<T>::NotAcceptingSide
		);
		Ok((record, destination))
	}

	pub(crate) fn do_move_resident(
		caller: T::AccountId,
		who: T::AccountId,
		to: CommunityId,
	) -> DispatchResult {
		let (record, destination) = Self::ensure_move_resident(&caller, &who, to)?;
		Self::drop_pending_move(record.id, &who);
		Self::apply_move(who, record, to, destination);
		Ok(())
	}

	/// Moves resident `who` (record `record`) to community `to` (record `destination`), both
	/// already checked: the counts follow, `registered_at` restarts now. Across offices a
	/// pending account replacement lapses: the office that proposed it no longer answers for
	/// the resident.
	fn apply_move(
		who: T::AccountId,
		mut record: ResidentRecordOf<T>,
		to: CommunityId,
		mut destination: CommunityRecordOf<T>,
	) {
		let from = record.community;
		Communities::<T>::mutate(from, |c| {
			if let Some(c) = c {
				// Saturating: the record counts this resident.
				c.residents.saturating_dec();
			}
		});
		// Saturating: bounded by the number of resident ids.
		destination.residents.saturating_inc();
		if destination.office != record.office {
			Offices::<T>::mutate(record.office, |o| {
				if let Some(o) = o {
					o.residents.saturating_dec();
				}
			});
			Offices::<T>::mutate(destination.office, |o| {
				if let Some(o) = o {
					o.residents.saturating_inc();
				}
			});
			Self::drop_pending_replacement(record.id, &who);
		}
		let filed = KeyHolders::<T>::take((record.office, record.community, record.id)).is_some();
		record.community = to;
		record.office = destination.office;
		record.registered_at = Self::now();
		let resident = record.id;
		if filed {
			KeyHolders::<T>::insert((record.office, to, resident), record.registered_at);
		}
		Communities::<T>::insert(to, destination);
		Residents::<T>::insert(&who, record);
		Self::deposit_event(Event::ResidentMoved { resident, who, from, to });
	}

	/// Removes the pending move of resident `resident` (account `who`), if any, announcing it.
	fn drop_pending_move(resident: ResidentId, who: &T::AccountId) {
		if let Some(pending) = PendingMoves::<T>::take(who) {
			Self::deposit_event(Event::MoveCancelled {
				resident,
				who: who.clone(),
				to: pending.to,
			});
		}
	}

	// ----------------------------------------------------------------------------------------
	// Account replacement (lost key): the office proposes, a public notice, anyone enacts
	// ----------------------------------------------------------------------------------------

	/// `new` may receive a resident record: it is neither a resident nor a provider (回避).
	fn check_new_account(new: &T::AccountId) -> DispatchResult {
		ensure!(!Residents::<T>::has_entry(new), Error::<T>::AlreadyResident);
		ensure!(!Providers::<T>::has_entry(new), Error::<T>::AccountIsProvider);
		Ok(())
	}

	/// `admin` may propose to move resident `old`'s record to `new`. Returns the record and the
	/// replacement to store.
	pub fn ensure_propose_replacement(
		admin: &T::AccountId,
		old: &T::AccountId,
		new: &T::AccountId,
	) -> Result<(ResidentRecordOf<T>, PendingReplacementOf<T>), DispatchError> {
		let record = Self::resident_record(old)?;
		Self::ensure_office_admin(admin, record.office)?;
		ensure!(!PendingReplacements::<T>::has_entry(old), Error::<T>::ReplacementAlreadyProposed);
		Self::check_new_account(new)?;
		ensure!(!ReplacementTargets::<T>::has_entry(new), Error::<T>::AccountInPendingReplacement);
		ensure!(frame_system::Pallet::<T>::can_dec_provider(old), Error::<T>::CannotReleaseAccount);
		// Saturating: at the end of the block-number range it simply never takes effect.
		let effective_at = Self::now().saturating_add(T::ReplacementNotice::get());
		Ok((record, PendingReplacement { new: new.clone(), effective_at }))
	}

	pub(crate) fn do_propose_replacement(
		admin: T::AccountId,
		old: T::AccountId,
		new: T::AccountId,
	) -> DispatchResult {
		let (record, pending) = Self::ensure_propose_replacement(&admin, &old, &new)?;
		let effective_at = pending.effective_at;
		PendingReplacements::<T>::insert(&old, pending);
		ReplacementTargets::<T>::insert(&new, &old);
		Self::deposit_event(Event::ReplacementProposed {
			resident: record.id,
			old,
			new,
			effective_at,
		});
		Ok(())
	}

	/// `caller` may cancel the replacement announced for `old`: it is `old` itself or the
	/// admin of the resident's office now. The same check decides whether the resident's own
	/// cancellation is free. Returns the resident number and the replacement.
	pub fn ensure_cancel_replacement(
		caller: &T::AccountId,
		old: &T::AccountId,
	) -> Result<(ResidentId, PendingReplacementOf<T>), DispatchError> {
		let pending = PendingReplacements::<T>::get(old).ok_or(Error::<T>::NoPendingReplacement)?;
		let record = Self::resident_record(old)?;
		ensure!(
			caller == old || Self::is_office_admin(caller, record.office),
			Error::<T>::NotReplacementParty
		);
		Ok((record.id, pending))
	}

	pub(crate) fn do_cancel_replacement(caller: T::AccountId, old: T::AccountId) -> DispatchResult {
		let (resident, _) = Self::ensure_cancel_replacement(&caller, &old)?;
		Self::drop_pending_replacement(resident, &old);
		Ok(())
	}

	/// The replacement announced for `old` may be enacted now: its notice is over, the new
	/// account is still free and `old` can release its provider reference. Returns `old`'s
	/// record and the new account.
	pub fn ensure_enact_replacement(
		old: &T::AccountId,
	) -> Result<(ResidentRecordOf<T>, T::AccountId), DispatchError> {
		let pending = PendingReplacements::<T>::get(old).ok_or(Error::<T>::NoPendingReplacement)?;
		ensure!(Self::now() >= pending.effective_at, Error::<T>::NoticeNotOver);
		let record = Self::resident_record(old)?;
		Self::check_new_account(&pending.new)?;
		ensure!(frame_system::Pallet::<T>::can_dec_provider(old), Error::<T>::CannotReleaseAccount);
		Ok((record, pending.new))
	}

	pub(crate) fn do_enact_replacement(old: T::AccountId) -> DispatchResult {
		let (record, new) = Self::ensure_enact_replacement(&old)?;
		// Checked by `can_dec_provider` above; on failure nothing has been written yet.
		frame_system::Pallet::<T>::dec_providers(&old)
			.map_err(|_| Error::<T>::CannotReleaseAccount)?;
		frame_system::Pallet::<T>::inc_providers(&new);
		let resident = record.id;
		PendingReplacements::<T>::remove(&old);
		ReplacementTargets::<T>::remove(&new);
		// A move asked for under the old account lapses; the leaving side may ask again.
		Self::drop_pending_move(resident, &old);
		Residents::<T>::remove(&old);
		Residents::<T>::insert(&new, record);
		ResidentAccounts::<T>::insert(resident, &new);
		Self::deposit_event(Event::AccountReplaced { resident, old, new });
		Ok(())
	}

	/// Removes the replacement announced for resident `resident` (account `old`), if any,
	/// announcing it.
	fn drop_pending_replacement(resident: ResidentId, old: &T::AccountId) {
		if let Some(pending) = PendingReplacements::<T>::take(old) {
			ReplacementTargets::<T>::remove(&pending.new);
			Self::deposit_event(Event::ReplacementCancelled {
				resident,
				old: old.clone(),
				new: pending.new,
			});
		}
	}

	// ----------------------------------------------------------------------------------------
	// Activities
	// ----------------------------------------------------------------------------------------

	/// `who` may publish an activity in `community` with the window `starts_at..=ends_at`.
	pub fn ensure_publish_activity(
		who: &T::AccountId,
		community: CommunityId,
		starts_at: BlockNumberFor<T>,
		ends_at: BlockNumberFor<T>,
	) -> Result<ActivityPlan<T>, DispatchError> {
		let record = Self::active_community(community)?;
		let publisher = if Officers::<T>::has_entry_pair(community, who) {
			Publisher::Officer(who.clone())
		} else if ProviderApprovals::<T>::get(who, record.office).is_some_and(|a| a.is_approved()) {
			// An active community's office is active: no need to read it.
			Publisher::Provider(who.clone())
		} else {
			return Err(Error::<T>::NotPublisher.into());
		};
		let now = Self::now();
		ensure!(starts_at <= ends_at, Error::<T>::InvalidWindow);
		ensure!(ends_at >= now, Error::<T>::WindowInPast);
		ensure!(
			ends_at.saturating_sub(starts_at) <= T::MaxActivityDuration::get(),
			Error::<T>::ActivityTooLong
		);
		// Saturating: at the end of the block-number range any start is near enough.
		ensure!(starts_at <= now.saturating_add(T::MaxLeadTime::get()), Error::<T>::StartsTooLate);
		let mut open = OpenActivities::<T>::get(community);
		open.retain(|(_, end)| *end >= now);
		ensure!(
			(open.len() as u32) < T::MaxOpenActivities::get(),
			Error::<T>::TooManyOpenActivities
		);
		let id = NextActivityId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		Ok(ActivityPlan { id, next, publisher, open })
	}

	pub(crate) fn do_publish_activity(
		who: T::AccountId,
		community: CommunityId,
		kind: ActivityKind,
		content_hash: H256,
		starts_at: BlockNumberFor<T>,
		ends_at: BlockNumberFor<T>,
	) -> DispatchResult {
		let ActivityPlan { id, next, publisher, mut open } =
			Self::ensure_publish_activity(&who, community, starts_at, ends_at)?;
		open.try_push((id, ends_at)).map_err(|_| Error::<T>::TooManyOpenActivities)?;
		// Held before anything is written: a publisher that can't pay leaves no trace.
		let deposit = T::ActivityDeposit::get();
		T::Currency::hold(&HoldReason::ActivityDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		ActivityDeposits::<T>::insert(id, (who.clone(), deposit));
		NextActivityId::<T>::put(next);
		OpenActivities::<T>::insert(community, open);
		Activities::<T>::insert(
			id,
			ActivityRecord {
				community,
				publisher,
				kind,
				content_hash,
				starts_at,
				ends_at,
				attendance: 0,
				status: ActivityStatus::Published,
			},
		);
		Self::deposit_event(Event::ActivityPublished {
			activity: id,
			community,
			publisher: who,
			kind,
			starts_at,
			ends_at,
			deposit,
		});
		Ok(())
	}

	/// `who` may check in at `activity` now: a resident of its community, within its window,
	/// not yet checked in. The same check decides whether `check_in` is free. Returns the
	/// activity and the resident number.
	pub fn ensure_check_in(
		who: &T::AccountId,
		activity: ActivityId,
	) -> Result<(ActivityRecordOf<T>, ResidentId), DispatchError> {
		let record = Activities::<T>::get(activity).ok_or(Error::<T>::UnknownActivity)?;
		ensure!(record.status == ActivityStatus::Published, Error::<T>::ActivityCancelled);
		let resident = Self::resident_record(who)?;
		ensure!(resident.community == record.community, Error::<T>::NotResidentOfCommunity);
		let now = Self::now();
		ensure!(now >= record.starts_at, Error::<T>::ActivityNotStarted);
		ensure!(now <= record.ends_at, Error::<T>::ActivityEnded);
		ensure!(
			!CheckIns::<T>::has_entry_pair(activity, resident.id),
			Error::<T>::AlreadyCheckedIn
		);
		Ok((record, resident.id))
	}

	pub(crate) fn do_check_in(who: T::AccountId, activity: ActivityId) -> DispatchResult {
		let (mut record, resident) = Self::ensure_check_in(&who, activity)?;
		CheckIns::<T>::insert(activity, resident, ());
		// Saturating: bounded by the number of resident ids.
		record.attendance.saturating_inc();
		let attendance = record.attendance;
		Activities::<T>::insert(activity, record);
		Self::deposit_event(Event::CheckedIn { activity, resident, attendance });
		Ok(())
	}

	/// `who` may cancel `activity`: it is published and has not ended, its community is active,
	/// and `who` is an officer of that community, the admin of its office, or the provider that
	/// published it while still approved there. The stored publisher alone gives no power.
	/// Returns the activity.
	pub fn ensure_cancel_activity(
		who: &T::AccountId,
		activity: ActivityId,
	) -> Result<ActivityRecordOf<T>, DispatchError> {
		let record = Activities::<T>::get(activity).ok_or(Error::<T>::UnknownActivity)?;
		ensure!(record.status == ActivityStatus::Published, Error::<T>::ActivityCancelled);
		ensure!(Self::now() <= record.ends_at, Error::<T>::ActivityEnded);
		let community = Self::active_community(record.community)?;
		let may = Officers::<T>::has_entry_pair(record.community, who)
			|| Self::is_office_admin(who, community.office)
			|| (matches!(&record.publisher, Publisher::Provider(p) if p == who)
				&& ProviderApprovals::<T>::get(who, community.office)
					.is_some_and(|a| a.is_approved()));
		ensure!(may, Error::<T>::NotActivityManager);
		Ok(record)
	}

	pub(crate) fn do_cancel_activity(who: T::AccountId, activity: ActivityId) -> DispatchResult {
		let mut record = Self::ensure_cancel_activity(&who, activity)?;
		let community = record.community;
		record.status = ActivityStatus::Cancelled { at: Self::now() };
		Activities::<T>::insert(activity, record);
		let mut open = OpenActivities::<T>::get(community);
		open.retain(|(id, _)| *id != activity);
		if open.is_empty() {
			OpenActivities::<T>::remove(community);
		} else {
			OpenActivities::<T>::insert(community, open);
		}
		Self::deposit_event(Event::ActivityCancelled { activity, community, by: who });
		Self::release_activity_deposit(activity);
		Ok(())
	}

	/// Gives `activity`'s deposit back to whoever paid it, if it still holds one. Returns
	/// whether it did.
	fn release_activity_deposit(activity: ActivityId) -> bool {
		let Some((who, amount)) = ActivityDeposits::<T>::take(activity) else { return false };
		// The record shows the hold exists (`try_state`); best effort, so a missing hold can't
		// keep the record for ever.
		let _ = T::Currency::release(
			&HoldReason::ActivityDeposit.into(),
			&who,
			amount,
			Precision::BestEffort,
		);
		Self::deposit_event(Event::ActivityDepositReleased { activity, who, amount });
		true
	}

	/// `activity`'s check-ins may be reaped: its retention period is over and some check-ins,
	/// or its deposit, are left. An activity nobody checked in at is reaped only to release its
	/// deposit; once that is done there is nothing left to reap.
	pub fn ensure_reap_check_ins(activity: ActivityId) -> DispatchResult {
		let record = Activities::<T>::get(activity).ok_or(Error::<T>::UnknownActivity)?;
		ensure!(
			Self::now() > record.ends_at.saturating_add(T::CheckInRetention::get()),
			Error::<T>::RetentionNotOver
		);
		ensure!(
			CheckIns::<T>::iter_key_prefix(activity).next().is_some()
				|| ActivityDeposits::<T>::has_entry(activity),
			Error::<T>::NothingToReap
		);
		Ok(())
	}

	pub(crate) fn do_reap_check_ins(
		activity: ActivityId,
		limit: u32,
	) -> DispatchResultWithPostInfo {
		Self::ensure_reap_check_ins(activity)?;
		// Removing while iterating, `limit` at most: unlike `clear_prefix`, this counts the
		// records actually removed, wherever they live.
		let removed = CheckIns::<T>::drain_prefix(activity).take(limit as usize).count() as u32;
		if removed > 0 {
			// Saturating: bounded by the attendance (a u32).
			ReapedCheckIns::<T>::mutate(activity, |reaped| reaped.saturating_accrue(removed));
		}
		let complete = CheckIns::<T>::iter_key_prefix(activity).next().is_none();
		Self::deposit_event(Event::CheckInsReaped { activity, removed, complete });
		let mut weight = T::WeightInfo::reap_check_ins(removed);
		// Only once every check-in is gone: until then the deposit is what makes someone
		// bother to reap them.
		if complete && Self::release_activity_deposit(activity) {
			weight.saturating_accrue(deposit_weight::<T::DbWeight>(1));
		}
		Ok(Some(weight).into())
	}

	// ----------------------------------------------------------------------------------------
	// Views for the runtime API
	// ----------------------------------------------------------------------------------------

	/// `who`'s resident status, if `who` is a resident.
	pub fn resident_status(who: &T::AccountId) -> Option<ResidentView<BlockNumberFor<T>>> {
		Residents::<T>::get(who).map(|r| ResidentView {
			id: r.id,
			community: r.community,
			office: r.office,
			registered_at: r.registered_at,
			has_household: r.household.is_some(),
		})
	}

	/// For each `(account, person hash)` row of a roster, what the chain holds: the account's
	/// resident record and the person's resident number and current account. At most
	/// [`MAX_ROSTER_CHECK`] rows are answered (the rest are left out); three reads per row.
	pub fn roster_check(
		rows: Vec<(T::AccountId, H256)>,
	) -> Vec<RosterEntry<T::AccountId, BlockNumberFor<T>>> {
		rows.into_iter()
			.take(MAX_ROSTER_CHECK as usize)
			.map(|(who, person_hash)| RosterEntry {
				account: Residents::<T>::get(&who).map(|r| RosterAccount {
					id: r.id,
					community: r.community,
					person_hash: r.person_hash,
					registered_at: r.registered_at,
				}),
				person: PersonIndex::<T>::get(person_hash)
					.map(|id| RosterPerson { id, account: ResidentAccounts::<T>::get(id) }),
			})
			.collect()
	}

	/// `office`'s details and counts, if it exists (retired included).
	pub fn office_details(office: OfficeId) -> Option<OfficeView<T::AccountId, BlockNumberFor<T>>> {
		Offices::<T>::get(office).map(|o| OfficeView {
			id: office,
			name: view_text(&o.name),
			admin: o.admin,
			retired_at: o.status.retired_at(),
			communities: o.communities,
			residents: o.residents,
		})
	}

	/// `community`'s details, count and officers, if it exists (retired included).
	pub fn community_details(
		community: CommunityId,
	) -> Option<CommunityView<T::AccountId, BlockNumberFor<T>>> {
		Communities::<T>::get(community).map(|c| CommunityView {
			id: community,
			office: c.office,
			name: view_text(&c.name),
			retired_at: c.status.retired_at(),
			residents: c.residents,
			officers: Officers::<T>::iter_key_prefix(community)
				.take(T::MaxOfficers::get() as usize)
				.collect(),
		})
	}

	/// `who`'s provider details and standing per office, if `who` is a provider.
	pub fn provider_details(who: &T::AccountId) -> Option<ProviderView<BlockNumberFor<T>>> {
		Providers::<T>::get(who).map(|p| ProviderView {
			name: view_text(&p.name),
			registration_code_hash: p.registration_code_hash,
			registered_at: p.registered_at,
			staff: p.staff,
			code_released_at: p.code_released_at,
			offices: ProviderApprovals::<T>::iter_prefix(who)
				.take(T::MaxProviderOffices::get() as usize)
				.map(|(office, a)| ProviderOfficeView {
					office,
					approved: a.is_approved(),
					since: a.since(),
				})
				.collect(),
		})
	}

	/// `activity`'s details and attendance, if it exists.
	pub fn activity_details(
		activity: ActivityId,
	) -> Option<ActivityView<T::AccountId, BlockNumberFor<T>>> {
		Activities::<T>::get(activity).map(|a| ActivityView {
			id: activity,
			community: a.community,
			by_provider: matches!(a.publisher, Publisher::Provider(_)),
			publisher: a.publisher.account().clone(),
			kind: a.kind,
			content_hash: a.content_hash,
			starts_at: a.starts_at,
			ends_at: a.ends_at,
			attendance: a.attendance,
			cancelled_at: a.status.cancelled_at(),
		})
	}

	/// Whether resident number `resident` has checked in at `activity` (`false` once the
	/// activity's check-ins are reaped; the attendance count keeps them).
	pub fn has_checked_in(activity: ActivityId, resident: ResidentId) -> bool {
		CheckIns::<T>::has_entry_pair(activity, resident)
	}

	/// What this resident may still do here: the activities of their community that have not
	/// ended (open now or upcoming) and that they have not checked in at, oldest first. At most
	/// `MaxOpenActivities` ids.
	pub fn pending_activities(resident: &ResidentInfo<BlockNumberFor<T>>) -> Vec<ActivityId> {
		let now = Self::now();
		OpenActivities::<T>::get(resident.community)
			.into_iter()
			.filter(|(id, ends_at)| *ends_at >= now && !Self::has_checked_in(*id, resident.id))
			.map(|(id, _)| id)
			.collect()
	}

	// ----------------------------------------------------------------------------------------
	// Genesis
	// ----------------------------------------------------------------------------------------

	/// Builds the genesis registry through the same checks as the calls (without the roles).
	pub(crate) fn build_genesis(config: &GenesisConfig<T>) {
		for (admin, name) in &config.offices {
			let name = genesis_ok("office name", Self::validate_name(name.as_bytes().to_vec()));
			genesis_ok("office", Self::insert_office(admin.clone(), name));
		}
		for (office, name, officers) in &config.communities {
			let office_record = genesis_ok("community's office", Self::active_office(*office));
			let name = genesis_ok("community name", Self::validate_name(name.as_bytes().to_vec()));
			let community =
				genesis_ok("community", Self::insert_community(*office, office_record, name));
			for officer in officers {
				let record = genesis_ok("officer's community", Self::active_community(community));
				genesis_ok("officer", Self::check_appoint_officer(community, &record, officer));
				Self::insert_officer(community, record, officer.clone());
			}
		}
		for (who, name, code, offices) in &config.providers {
			let name = genesis_ok(
				"provider",
				Self::check_register_provider(who, name.as_bytes().to_vec(), code),
			);
			// Providers of the genesis registry hold no deposit.
			Self::insert_provider(who.clone(), name, *code, Zero::zero());
			for office in offices {
				genesis_ok("provider's office", Self::active_office(*office));
				let record =
					genesis_ok("provider approval", Self::check_approve_provider(*office, who));
				Self::insert_approval(*office, who.clone(), record);
			}
		}
		for (who, community, person_hash, household) in &config.residents {
			let record = genesis_ok("resident's community", Self::active_community(*community));
			let known = genesis_ok("resident", Self::check_register_resident(who, person_hash));
			genesis_ok(
				"resident",
				Self::insert_resident(
					*community,
					record,
					who.clone(),
					*person_hash,
					*household,
					known,
				),
			);
		}
	}

	// ----------------------------------------------------------------------------------------
	// Try-state: the incremental counts and indexes, recomputed the slow way
	// ----------------------------------------------------------------------------------------

	/// Checks every invariant of the registry by iterating over all of it.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};

		let mut office_communities = BTreeMap::<OfficeId, u32>::new();
		let mut office_residents = BTreeMap::<OfficeId, u32>::new();
		let mut community_residents = BTreeMap::<CommunityId, u32>::new();

		// Communities and officers.
		for (id, c) in Communities::<T>::iter() {
			ensure!(id < NextCommunityId::<T>::get(), "community id not yet issued");
			let office = Offices::<T>::get(c.office).ok_or("community's office missing")?;
			let officers = Officers::<T>::iter_key_prefix(id).count() as u32;
			ensure!(officers == c.officers, "officer count differs from officers");
			ensure!(c.officers <= T::MaxOfficers::get(), "too many officers");
			if c.status.is_active() {
				ensure!(office.status.is_active(), "active community in a retired office");
				*office_communities.entry(c.office).or_default() += 1;
			} else {
				ensure!(c.officers == 0, "retired community with officers");
				ensure!(
					!OpenActivities::<T>::has_entry(id),
					"retired community with open activities"
				);
			}
		}
		for community in Officers::<T>::iter_keys().map(|(c, _)| c) {
			ensure!(Communities::<T>::has_entry(community), "officer of unknown community");
		}

		// Residents, both ways with their indexes.
		for (account, r) in Residents::<T>::iter() {
			let community =
				Communities::<T>::get(r.community).ok_or("resident's community missing")?;
			ensure!(community.status.is_active(), "resident in a retired community");
			ensure!(community.office == r.office, "resident's office differs from community's");
			ensure!(Offices::<T>::has_entry(r.office), "resident's office missing");
			ensure!(r.id < NextResidentId::<T>::get(), "resident id not yet issued");
			ensure!(
				PersonIndex::<T>::get(r.person_hash) == Some(r.id),
				"person index disagrees with resident"
			);
			ensure!(
				ResidentAccounts::<T>::get(r.id).as_ref() == Some(&account),
				"resident accounts disagree with resident"
			);
			ensure!(
				frame_system::Pallet::<T>::providers(&account) > 0,
				"resident account without provider reference"
			);
			ensure!(!Providers::<T>::has_entry(&account), "resident account is a provider");
			*community_residents.entry(r.community).or_default() += 1;
			*office_residents.entry(r.office).or_default() += 1;
		}
		for (id, account) in ResidentAccounts::<T>::iter() {
			let r = Residents::<T>::get(&account).ok_or("resident account without record")?;
			ensure!(r.id == id, "resident account's record has another id");
		}
		let mut person_ids = BTreeSet::new();
		for (person, id) in PersonIndex::<T>::iter() {
			ensure!(person_ids.insert(id), "two persons with one resident id");
			ensure!(id < NextResidentId::<T>::get(), "person's id not yet issued");
			if let Some(account) = ResidentAccounts::<T>::get(id) {
				let r = Residents::<T>::get(&account).ok_or("resident account without record")?;
				ensure!(r.person_hash == person, "person index disagrees with resident");
			}
		}
		ensure!(
			person_ids.len() as u64 == NextResidentId::<T>::get() as u64,
			"an issued resident id without a person"
		);
		for (id, person) in ResidentPersons::<T>::iter() {
			ensure!(PersonIndex::<T>::get(person) == Some(id), "resident persons disagree");
		}
		ensure!(
			ResidentPersons::<T>::iter_keys().count() == person_ids.len(),
			"resident persons differ from the person index"
		);

		// Member keys: only current residents have them, in order, each in the owner index,
		// and the index holds nothing else.
		for (resident, history) in MemberKeys::<T>::iter() {
			ensure!(ResidentAccounts::<T>::has_entry(resident), "member keys of a non-resident");
			ensure!(!history.is_empty(), "an empty member-key history is stored");
			ensure!(history.len() as u32 <= MEMBER_KEY_HISTORY, "too many member keys kept");
			ensure!(
				history.windows(2).all(|pair| pair[0].since < pair[1].since),
				"member keys not in the order they were set"
			);
			ensure!(history.iter().all(|r| r.since <= Self::now()), "member key set in the future");
			for record in &history {
				ensure!(
					MemberKeyOwners::<T>::get(record.key) == Some(resident),
					"a member key is missing from the owner index"
				);
			}
		}
		for (key, resident) in MemberKeyOwners::<T>::iter() {
			ensure!(
				MemberKeys::<T>::get(resident).is_some_and(|h| h.iter().any(|r| r.key == key)),
				"the owner index names a key its resident does not hold"
			);
		}
		// Key holders: exactly the residents with keys, filed where they live now.
		let mut holders = 0u32;
		for ((office, community, resident), registered_at) in KeyHolders::<T>::iter() {
			holders += 1;
			let who = ResidentAccounts::<T>::get(resident).ok_or("a key holder is no resident")?;
			let r = Residents::<T>::get(&who).ok_or("a key holder's account holds no record")?;
			ensure!(
				(r.office, r.community, r.registered_at) == (office, community, registered_at),
				"a key holder is filed under another office, community or date"
			);
			ensure!(MemberKeys::<T>::has_entry(resident), "a key holder without keys");
		}
		ensure!(
			holders as usize == MemberKeys::<T>::iter_keys().count(),
			"a resident with keys is no key holder"
		);

		// Pending moves and replacements: one per current resident, consistent with it.
		for (account, pending) in PendingMoves::<T>::iter() {
			let r = Residents::<T>::get(&account).ok_or("pending move of a non-resident")?;
			ensure!(r.community != pending.to, "pending move to the resident's own community");
			ensure!(
				Communities::<T>::has_entry(pending.to),
				"pending move to an unknown community"
			);
		}
		for (old, pending) in PendingReplacements::<T>::iter() {
			ensure!(Residents::<T>::has_entry(&old), "pending replacement of a non-resident");
			ensure!(
				ReplacementTargets::<T>::get(&pending.new).as_ref() == Some(&old),
				"replacement target index disagrees"
			);
		}
		for (new, old) in ReplacementTargets::<T>::iter() {
			let pending =
				PendingReplacements::<T>::get(&old).ok_or("replacement target without proposal")?;
			ensure!(pending.new == new, "replacement target index disagrees");
		}

		// Counts.
		for (id, c) in Communities::<T>::iter() {
			let counted = community_residents.get(&id).copied().unwrap_or_default();
			ensure!(c.residents == counted, "community resident count differs from residents");
		}
		for (id, o) in Offices::<T>::iter() {
			ensure!(id < NextOfficeId::<T>::get(), "office id not yet issued");
			let communities = office_communities.get(&id).copied().unwrap_or_default();
			ensure!(o.communities == communities, "office community count differs");
			let residents = office_residents.get(&id).copied().unwrap_or_default();
			ensure!(o.residents == residents, "office resident count differs from residents");
		}

		// Providers.
		for (account, p) in Providers::<T>::iter() {
			let holder = ProviderCodes::<T>::get(p.registration_code_hash);
			ensure!(
				(holder.as_ref() == Some(&account)) == p.holds_code(),
				"provider code index disagrees"
			);
			let offices = ProviderApprovals::<T>::iter_prefix(&account).count() as u32;
			ensure!(offices == p.offices, "provider office count differs from approvals");
			ensure!(p.offices <= T::MaxProviderOffices::get(), "too many provider offices");
			if !p.holds_code() {
				ensure!(
					ProviderApprovals::<T>::iter_prefix_values(&account).all(|a| !a.is_approved()),
					"provider approved after its code was released"
				);
			}
			let staff = ProviderStaff::<T>::iter_key_prefix(&account).count() as u32;
			ensure!(staff == p.staff, "provider staff count differs from declarations");
			ensure!(p.staff <= T::MaxStaff::get(), "too many staff");
		}
		for (code, account) in ProviderCodes::<T>::iter() {
			let p = Providers::<T>::get(&account).ok_or("code of unknown provider")?;
			ensure!(p.registration_code_hash == code, "provider code index disagrees");
			ensure!(p.holds_code(), "code held by a provider that released it");
		}
		let mut declarations = 0usize;
		for (account, person) in ProviderStaff::<T>::iter_keys() {
			ensure!(Providers::<T>::has_entry(&account), "staff of unknown provider");
			ensure!(
				PersonEmployers::<T>::get(person).contains(&account),
				"a staff declaration is missing from the person's employers"
			);
			declarations += 1;
		}
		let indexed: usize = PersonEmployers::<T>::iter_values().map(|e| e.len()).sum();
		ensure!(indexed == declarations, "the employers index differs from the declarations");
		for (account, office) in ProviderApprovals::<T>::iter_keys() {
			ensure!(Providers::<T>::has_entry(&account), "approval of unknown provider");
			ensure!(Offices::<T>::has_entry(office), "approval in unknown office");
		}

		// Activities.
		for (id, a) in Activities::<T>::iter() {
			ensure!(id < NextActivityId::<T>::get(), "activity id not yet issued");
			ensure!(Communities::<T>::has_entry(a.community), "activity of unknown community");
			ensure!(a.starts_at <= a.ends_at, "activity window inverted");
			let kept = CheckIns::<T>::iter_key_prefix(id).count() as u32;
			let reaped = ReapedCheckIns::<T>::get(id);
			ensure!(
				kept.checked_add(reaped) == Some(a.attendance),
				"attendance differs from check-ins kept and reaped"
			);
		}
		for activity in ReapedCheckIns::<T>::iter_keys() {
			ensure!(Activities::<T>::has_entry(activity), "reaped check-ins of unknown activity");
		}
		for (activity, _) in CheckIns::<T>::iter_keys() {
			ensure!(Activities::<T>::has_entry(activity), "check-in at unknown activity");
		}
		for (community, open) in OpenActivities::<T>::iter() {
			let c =
				Communities::<T>::get(community).ok_or("open activities of unknown community")?;
			ensure!(c.status.is_active(), "open activities of a retired community");
			for (id, ends_at) in open {
				let a = Activities::<T>::get(id).ok_or("open activity missing")?;
				ensure!(a.community == community, "open activity of another community");
				ensure!(a.ends_at == ends_at, "open activity's end differs");
				ensure!(a.status == ActivityStatus::Published, "cancelled activity still open");
			}
		}

		// Deposits: each record belongs to something that exists, and every account holds
		// exactly what the records say, for each reason: no hold without a record.
		{
			use frame_support::traits::fungible::InspectHold;
			for (account, _) in ProviderDeposits::<T>::iter() {
				let p = Providers::<T>::get(&account).ok_or("deposit of an unknown provider")?;
				ensure!(p.holds_code(), "deposit kept by a provider whose code was released");
			}
			let mut activity_held = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
			for (id, (who, amount)) in ActivityDeposits::<T>::iter() {
				let a = Activities::<T>::get(id).ok_or("deposit of an unknown activity")?;
				ensure!(a.status == ActivityStatus::Published, "deposit of a cancelled activity");
				let sum = activity_held.entry(who).or_default();
				*sum = sum.saturating_add(amount);
			}
			let mut accounts: BTreeSet<T::AccountId> =
				frame_system::Account::<T>::iter_keys().collect();
			accounts.extend(ProviderDeposits::<T>::iter_keys());
			accounts.extend(activity_held.keys().cloned());
			for who in accounts {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ProviderDeposit.into(), &who)
						== ProviderDeposits::<T>::get(&who).unwrap_or_default(),
					"a provider's held deposit differs from its record"
				);
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ActivityDeposit.into(), &who)
						== activity_held.get(&who).copied().unwrap_or_default(),
					"held activity deposits differ from the records"
				);
			}
		}
		Ok(())
	}
}

/// The value of a genesis check, or a panic naming what was invalid: a chain must not start
/// from a registry the calls would have refused.
fn genesis_ok<V, E: Into<DispatchError>>(what: &str, result: Result<V, E>) -> V {
	match result {
		Ok(value) => value,
		Err(e) => panic!("invalid pallet-community genesis ({what}): {:?}", e.into()),
	}
}

impl<T: Config> CommunityRegistry<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	/// One storage read: the record carries the office.
	fn resident(who: &T::AccountId) -> Option<ResidentInfo<BlockNumberFor<T>>> {
		Residents::<T>::get(who).map(|r| r.info())
	}

	fn resident_account(id: ResidentId) -> Option<T::AccountId> {
		ResidentAccounts::<T>::get(id)
	}

	/// `None` for an unknown or retired community.
	fn office_of(community: CommunityId) -> Option<OfficeId> {
		Communities::<T>::get(community).filter(|c| c.status.is_active()).map(|c| c.office)
	}

	fn office_is_active(office: OfficeId) -> bool {
		Offices::<T>::get(office).is_some_and(|o| o.status.is_active())
	}

	fn is_office_admin(who: &T::AccountId, office: OfficeId) -> bool {
		Offices::<T>::get(office).is_some_and(|o| o.status.is_active() && o.admin == *who)
	}

	fn is_officer(who: &T::AccountId, community: CommunityId) -> bool {
		Officers::<T>::has_entry_pair(community, who)
	}

	fn is_approved_provider(who: &T::AccountId, office: OfficeId) -> bool {
		ProviderApprovals::<T>::get(who, office).is_some_and(|a| a.is_approved())
			&& Self::office_is_active(office)
	}

	fn residents_in(scope: Scope) -> u32 {
		match scope {
			Scope::Community(c) => Communities::<T>::get(c).map_or(0, |c| c.residents),
			Scope::Office(o) => Offices::<T>::get(o).map_or(0, |o| o.residents),
		}
	}

	/// Two storage reads: the resident number's person, then the provider's declaration.
	fn is_staff_of(provider: &T::AccountId, resident: ResidentId) -> bool {
		ResidentPersons::<T>::get(resident)
			.is_some_and(|person| ProviderStaff::<T>::has_entry_pair(provider, person))
	}

	fn employers_of(resident: ResidentId) -> Vec<T::AccountId> {
		ResidentPersons::<T>::get(resident)
			.map(|person| PersonEmployers::<T>::get(person).into_inner())
			.unwrap_or_default()
	}

	fn max_employers() -> u32 {
		T::MaxEmployers::get()
	}

	/// Walks [`KeyHolders`]: one read per resident, and one of their key history when they
	/// were registered before `at`.
	fn member_keys_in(
		scope: Scope,
		at: BlockNumberFor<T>,
		after: Option<KeyCursor>,
		limit: u32,
	) -> KeyPage {
		Self::walk_key_holders(scope, at, after, limit)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_member_key(resident: ResidentId, key: MemberKey) {
		let who = ResidentAccounts::<T>::get(resident).expect("benchmark set-up: a resident");
		let record = Residents::<T>::get(&who).expect("benchmark set-up: a resident");
		let history = MemberKeyHistoryOf::<T>::truncate_from(alloc::vec![MemberKeyRecord {
			key,
			since: Self::now(),
		}]);
		MemberKeyOwners::<T>::insert(key, resident);
		MemberKeys::<T>::insert(resident, history);
		KeyHolders::<T>::insert((record.office, record.community, resident), record.registered_at);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_office(admin: &T::AccountId) -> OfficeId {
		Self::insert_office(admin.clone(), bench_name::<T>(b"bench office"))
			.expect("benchmark set-up: office ids are not exhausted")
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_community(office: OfficeId) -> CommunityId {
		let record = Offices::<T>::get(office).expect("benchmark set-up: the office exists");
		Self::insert_community(office, record, bench_name::<T>(b"bench community"))
			.expect("benchmark set-up: community ids are not exhausted")
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_officer(community: CommunityId, who: &T::AccountId) {
		if !Officers::<T>::has_entry_pair(community, who) {
			let record =
				Communities::<T>::get(community).expect("benchmark set-up: the community exists");
			Self::insert_officer(community, record, who.clone());
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_resident(
		who: &T::AccountId,
		community: CommunityId,
		household: Option<H256>,
	) -> ResidentId {
		let person_hash =
			H256(sp_io::hashing::blake2_256(&(b"gongzhi/bench-person", who).encode()));
		let record =
			Communities::<T>::get(community).expect("benchmark set-up: the community exists");
		let known = Self::check_register_resident(who, &person_hash)
			.expect("benchmark set-up: a new account for each resident");
		Self::insert_resident(community, record, who.clone(), person_hash, household, known)
			.expect("benchmark set-up: resident ids are not exhausted")
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_provider(who: &T::AccountId, office: OfficeId) {
		if !Providers::<T>::has_entry(who) {
			let code = H256(sp_io::hashing::blake2_256(&(b"gongzhi/bench-provider", who).encode()));
			// Without a deposit, like the genesis registry: other pallets' benchmarks need an
			// approved provider, not its deposit (this pallet's own benchmarks register theirs
			// with one).
			Self::insert_provider(
				who.clone(),
				bench_name::<T>(b"bench provider"),
				code,
				Zero::zero(),
			);
		}
		if let Ok(record) = Self::check_approve_provider(office, who) {
			Self::insert_approval(office, who.clone(), record);
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bench_staff(provider: &T::AccountId, resident: ResidentId) {
		let person =
			ResidentPersons::<T>::get(resident).expect("benchmark set-up: the resident exists");
		if !Providers::<T>::has_entry(provider) {
			let code =
				H256(sp_io::hashing::blake2_256(&(b"gongzhi/bench-provider", provider).encode()));
			Self::insert_provider(
				provider.clone(),
				bench_name::<T>(b"bench provider"),
				code,
				Zero::zero(),
			);
		}
		if !ProviderStaff::<T>::has_entry_pair(provider, person) {
			ProviderStaff::<T>::insert(provider, person, ());
			PersonEmployers::<T>::mutate(person, |employers| {
				let _ = employers.try_push(provider.clone());
			});
			Providers::<T>::mutate(provider, |p| {
				if let Some(p) = p {
					// Saturating: benchmarks declare far fewer than `u32::MAX` persons.
					p.staff.saturating_inc();
				}
			});
		}
	}
}

/// A valid name for benchmark set-ups: `text`, cut to `MaxNameLen`.
#[cfg(feature = "runtime-benchmarks")]
pub(crate) fn bench_name<T: Config>(text: &[u8]) -> NameOf<T> {
	NameOf::<T>::truncate_from(text.to_vec())
}
