//! The logic of the calls, the read-only checks they run first, pallet-session's
//! `SessionManager`, and `try_state`.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::{DispatchError, DispatchResult, Get},
	traits::ValidatorRegistration,
	BoundedVec,
};
use pallet_session::SessionManager;

impl<T: Config> Pallet<T> {
	/// The first session a change made now applies to: the one after the next.
	pub fn effective_session() -> u32 {
		// Saturating: a session index of u32::MAX is centuries of sessions away.
		CurrentSession::<T>::get().saturating_add(2)
	}

	/// Checks that `who` may be added: not a validator, with keys, room in the set. Returns the
	/// set with `who` in its sorted place.
	pub fn ensure_add_validator(
		who: &T::AccountId,
	) -> Result<BoundedVec<T::AccountId, T::MaxValidators>, DispatchError> {
		let mut set = Validators::<T>::get();
		let at = match set.binary_search(who) {
			Ok(_) => return Err(Error::<T>::AlreadyValidator.into()),
			Err(at) => at,
		};
		ensure!(T::KeysRegistered::is_registered(who), Error::<T>::NoSessionKeys);
		set.try_insert(at, who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
		Ok(set)
	}

	/// Checks that `who` may be removed: a validator, and the set stays at `MinValidators` or
	/// more. Returns the set without `who`.
	pub fn ensure_remove_validator(
		who: &T::AccountId,
	) -> Result<BoundedVec<T::AccountId, T::MaxValidators>, DispatchError> {
		let mut set = Validators::<T>::get();
		let at = set.binary_search(who).map_err(|_| Error::<T>::NotValidator)?;
		ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
		set.remove(at);
		Ok(set)
	}

	/// `add_validator`: check, then write the set and mark it changed.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		let set = Self::ensure_add_validator(&who)?;
		Validators::<T>::put(set);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded {
			validator: who,
			from_session: Self::effective_session(),
		});
		Ok(())
	}

	/// `remove_validator`: check, then write the set and mark it changed.
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		let set = Self::ensure_remove_validator(&who)?;
		Validators::<T>::put(set);
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved {
			validator: who,
			from_session: Self::effective_session(),
		});
		Ok(())
	}

	/// The invariants: the set is sorted without duplicates, not empty, and within
	/// `MaxValidators` (its bound). Not that every validator has session keys: a validator may
	/// purge its own (`session.purge_keys`), which pallet-session allows; it is then left out of
	/// the sessions until it sets keys again or governance removes it.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		ensure!(!set.is_empty(), "the validator set is empty");
		ensure!(set.windows(2).all(|w| w[0] < w[1]), "the validator set is not sorted and unique");
		Ok(())
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	/// The set for session `new_index`, if it changed since the last time; `None` keeps the
	/// current one (and GRANDPA's authority set with it).
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let set = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::NewSetQueued {
			session: new_index,
			// Bounded by MaxValidators, a u32.
			validators: set.len() as u32,
		});
		Some(set)
	}

	/// At genesis: the genesis set (built before pallet-session's genesis), if there is one.
	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		let set = Validators::<T>::get();
		(!set.is_empty()).then(|| set.into_inner())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(start_index: u32) {
		CurrentSession::<T>::put(start_index);
	}
}
