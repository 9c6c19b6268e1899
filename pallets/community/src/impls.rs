//! How the registry works: for each call a read-only `ensure_*` check that returns what the write
//! needs, then the write; the role-free checks and the writes are shared with the genesis build
//! and the benchmark helpers. Then the [`CommunityRegistry`] implementation, the views for the
//! runtime API and the try-state check.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	ensure,
	traits::{EnsureOrigin, Get},
};
use frame_system::{ensure_signed, pallet_prelude::*};
use gongzhi_primitives::{
	view_text, ActivityId, CommunityId, CommunityRegistry, OfficeId, ResidentId, ResidentInfo,
	Scope, H256,
};
use sp_runtime::{traits::Saturating, DispatchError};

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
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
		ensure!(Officers::<T>::contains_key(community, who), Error::<T>::NotOfficer);
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
		ensure!(!Officers::<T>::contains_key(community, officer), Error::<T>::AlreadyOfficer);
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
		ensure!(Officers::<T>::contains_key(community, &officer), Error::<T>::OfficerNotFound);
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
		ensure!(!Providers::<T>::contains_key(who), Error::<T>::AlreadyProvider);
		ensure!(
			!ProviderCodes::<T>::contains_key(registration_code_hash),
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
		Self::insert_provider(who, name, registration_code_hash);
		Ok(())
	}

	/// Writes a provider (already checked).
	pub(crate) fn insert_provider(
		who: T::AccountId,
		name: NameOf<T>,
		registration_code_hash: H256,
	) {
		Providers::<T>::insert(
			&who,
			ProviderRecord {
				name: name.clone(),
				registration_code_hash,
				registered_at: Self::now(),
				offices: 0,
			},
		);
		ProviderCodes::<T>::insert(registration_code_hash, &who);
		Self::deposit_event(Event::ProviderRegistered {
			provider: who,
			name,
			registration_code_hash,
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

	// ----------------------------------------------------------------------------------------
	// Residents
	// ----------------------------------------------------------------------------------------

	/// `who` may be registered as the person `person_hash` (not checked here: the community).
	/// Returns the person's resident number if they were registered before.
	pub fn check_register_resident(
		who: &T::AccountId,
		person_hash: &H256,
	) -> Result<Option<ResidentId>, DispatchError> {
		ensure!(!Residents::<T>::contains_key(who), Error::<T>::AlreadyResident);
		match PersonIndex::<T>::get(person_hash) {
			Some(id) => {
				ensure!(
					!ResidentAccounts::<T>::contains_key(id),
					Error::<T>::PersonAlreadyRegistered
				);
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

	/// `officer` may move resident `who` to community `to`. Returns `who`'s record and `to`'s.
	pub fn ensure_move_resident(
		officer: &T::AccountId,
		who: &T::AccountId,
		to: CommunityId,
	) -> Result<(ResidentRecordOf<T>, CommunityRecordOf<T>), DispatchError> {
		let record = Self::resident_record(who)?;
		let destination = Self::active_community(to)?;
		Self::ensure_officer(officer, to)?;
		ensure!(record.community != to, Error::<T>::AlreadyInCommunity);
		Ok((record, destination))
	}

	pub(crate) fn do_move_resident(
		officer: T::AccountId,
		who: T::AccountId,
		to: CommunityId,
	) -> DispatchResult {
		let (mut record, mut destination) = Self::ensure_move_resident(&officer, &who, to)?;
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
		}
		record.community = to;
		record.office = destination.office;
		record.registered_at = Self::now();
		let resident = record.id;
		Communities::<T>::insert(to, destination);
		Residents::<T>::insert(&who, record);
		Self::deposit_event(Event::ResidentMoved { resident, who, from, to });
		Ok(())
	}

	/// `officer` may move resident `old`'s record to account `new`. Returns the record.
	pub fn ensure_replace_account(
		officer: &T::AccountId,
		old: &T::AccountId,
		new: &T::AccountId,
	) -> Result<ResidentRecordOf<T>, DispatchError> {
		let record = Self::resident_record(old)?;
		Self::ensure_officer(officer, record.community)?;
		ensure!(!Residents::<T>::contains_key(new), Error::<T>::AlreadyResident);
		ensure!(frame_system::Pallet::<T>::can_dec_provider(old), Error::<T>::CannotReleaseAccount);
		Ok(record)
	}

	pub(crate) fn do_replace_account(
		officer: T::AccountId,
		old: T::AccountId,
		new: T::AccountId,
	) -> DispatchResult {
		let record = Self::ensure_replace_account(&officer, &old, &new)?;
		frame_system::Pallet::<T>::dec_providers(&old)
			.map_err(|_| Error::<T>::CannotReleaseAccount)?;
		frame_system::Pallet::<T>::inc_providers(&new);
		let resident = record.id;
		Residents::<T>::remove(&old);
		Residents::<T>::insert(&new, record);
		ResidentAccounts::<T>::insert(resident, &new);
		Self::deposit_event(Event::AccountReplaced { resident, old, new });
		Ok(())
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
		let resident = record.id;
		Residents::<T>::insert(&who, record);
		Self::deposit_event(Event::HouseholdSet { resident, who, household });
		Ok(())
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
		let publisher = if Officers::<T>::contains_key(community, who) {
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
			},
		);
		Self::deposit_event(Event::ActivityPublished {
			activity: id,
			community,
			publisher: who,
			kind,
			starts_at,
			ends_at,
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
		let resident = Self::resident_record(who)?;
		ensure!(resident.community == record.community, Error::<T>::NotResidentOfCommunity);
		let now = Self::now();
		ensure!(now >= record.starts_at, Error::<T>::ActivityNotStarted);
		ensure!(now <= record.ends_at, Error::<T>::ActivityEnded);
		ensure!(!CheckIns::<T>::contains_key(activity, resident.id), Error::<T>::AlreadyCheckedIn);
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

	/// `activity`'s check-ins may be reaped: its retention period is over and some are left.
	pub fn ensure_reap_check_ins(activity: ActivityId) -> DispatchResult {
		let record = Activities::<T>::get(activity).ok_or(Error::<T>::UnknownActivity)?;
		ensure!(
			Self::now() > record.ends_at.saturating_add(T::CheckInRetention::get()),
			Error::<T>::RetentionNotOver
		);
		ensure!(
			CheckIns::<T>::iter_key_prefix(activity).next().is_some(),
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
		// Saturating: bounded by the attendance (a u32).
		ReapedCheckIns::<T>::mutate(activity, |reaped| reaped.saturating_accrue(removed));
		let complete = CheckIns::<T>::iter_key_prefix(activity).next().is_none();
		Self::deposit_event(Event::CheckInsReaped { activity, removed, complete });
		Ok(Some(T::WeightInfo::reap_check_ins(removed)).into())
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
		})
	}

	/// Whether resident number `resident` has checked in at `activity` (`false` once the
	/// activity's check-ins are reaped; the attendance count keeps them).
	pub fn has_checked_in(activity: ActivityId, resident: ResidentId) -> bool {
		CheckIns::<T>::contains_key(activity, resident)
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
			Self::insert_provider(who.clone(), name, *code);
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
					!OpenActivities::<T>::contains_key(id),
					"retired community with open activities"
				);
			}
		}
		for community in Officers::<T>::iter_keys().map(|(c, _)| c) {
			ensure!(Communities::<T>::contains_key(community), "officer of unknown community");
		}

		// Residents, both ways with their indexes.
		for (account, r) in Residents::<T>::iter() {
			let community =
				Communities::<T>::get(r.community).ok_or("resident's community missing")?;
			ensure!(community.status.is_active(), "resident in a retired community");
			ensure!(community.office == r.office, "resident's office differs from community's");
			ensure!(Offices::<T>::contains_key(r.office), "resident's office missing");
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
			ensure!(
				ProviderCodes::<T>::get(p.registration_code_hash).as_ref() == Some(&account),
				"provider code index disagrees"
			);
			let offices = ProviderApprovals::<T>::iter_prefix(&account).count() as u32;
			ensure!(offices == p.offices, "provider office count differs from approvals");
			ensure!(p.offices <= T::MaxProviderOffices::get(), "too many provider offices");
		}
		for (code, account) in ProviderCodes::<T>::iter() {
			let p = Providers::<T>::get(&account).ok_or("code of unknown provider")?;
			ensure!(p.registration_code_hash == code, "provider code index disagrees");
		}
		for (account, office) in ProviderApprovals::<T>::iter_keys() {
			ensure!(Providers::<T>::contains_key(&account), "approval of unknown provider");
			ensure!(Offices::<T>::contains_key(office), "approval in unknown office");
		}

		// Activities.
		for (id, a) in Activities::<T>::iter() {
			ensure!(id < NextActivityId::<T>::get(), "activity id not yet issued");
			ensure!(Communities::<T>::contains_key(a.community), "activity of unknown community");
			ensure!(a.starts_at <= a.ends_at, "activity window inverted");
			let kept = CheckIns::<T>::iter_key_prefix(id).count() as u32;
			let reaped = ReapedCheckIns::<T>::get(id);
			ensure!(
				kept.checked_add(reaped) == Some(a.attendance),
				"attendance differs from check-ins kept and reaped"
			);
		}
		for activity in ReapedCheckIns::<T>::iter_keys() {
			ensure!(
				Activities::<T>::contains_key(activity),
				"reaped check-ins of unknown activity"
			);
		}
		for (activity, _) in CheckIns::<T>::iter_keys() {
			ensure!(Activities::<T>::contains_key(activity), "check-in at unknown activity");
		}
		for (community, open) in OpenActivities::<T>::iter() {
			let c =
				Communities::<T>::get(community).ok_or("open activities of unknown community")?;
			ensure!(c.status.is_active(), "open activities of a retired community");
			for (id, ends_at) in open {
				let a = Activities::<T>::get(id).ok_or("open activity missing")?;
				ensure!(a.community == community, "open activity of another community");
				ensure!(a.ends_at == ends_at, "open activity's end differs");
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
		Officers::<T>::contains_key(community, who)
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
		if !Officers::<T>::contains_key(community, who) {
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
		use codec::Encode;
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
		use codec::Encode;
		if !Providers::<T>::contains_key(who) {
			let code = H256(sp_io::hashing::blake2_256(&(b"gongzhi/bench-provider", who).encode()));
			Self::insert_provider(who.clone(), bench_name::<T>(b"bench provider"), code);
		}
		if let Ok(record) = Self::check_approve_provider(office, who) {
			Self::insert_approval(office, who.clone(), record);
		}
	}
}

/// A valid name for benchmark set-ups: `text`, cut to `MaxNameLen`.
#[cfg(feature = "runtime-benchmarks")]
pub(crate) fn bench_name<T: Config>(text: &[u8]) -> NameOf<T> {
	NameOf::<T>::truncate_from(text.to_vec())
}
