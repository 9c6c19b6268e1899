//! # Root dispatch (理事会以 Root 身份执行)
//!
//! Some calls need Root and nothing less: `system.setCode` (a runtime upgrade),
//! `system.setStorage`, `balances.forceTransfer`. On the development chain the sudo key gives
//! Root; a production chain has no sudo key, so this pallet lets [`Config::RootOrigin`] — in the
//! runtime, two thirds of the council of street offices — dispatch one call as Root, through a
//! council motion: `council.propose(rootDispatch.dispatchAsRoot(call, weight))`, votes, `close`.
//!
//! It is pallet-sudo's `sudo` / `sudo_unchecked_weight` with an origin instead of a key, and
//! nothing else: no state, no deposit. Like sudo, the call succeeds when the origin passes and
//! reports the inner call's outcome in [`Event::Dispatched`].
//!
//! `weight`: the weight charged for the inner call. `None` charges its declared weight. A
//! runtime upgrade declares the measured worst case of `set_code` (over a hundred seconds,
//! more than a block may take), so the motion states a realistic weight instead, as
//! `sudo_unchecked_weight` does on the development chain; the council votes on that figure too.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The storage layout's version: 0 (the pallet keeps no state).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The runtime's calls, any of which may be dispatched as Root.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>;
		/// Who may dispatch as Root: in the runtime, two thirds of the council.
		type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of the call, measured (`weights.rs`).
		type WeightInfo: WeightInfo;
	}

	/// What the pallet reports.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call was dispatched as Root; `result` is its outcome.
		Dispatched {
			/// The inner call's outcome (its error if it failed).
			result: DispatchResult,
		},
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatches `call` as Root (unfiltered, as sudo does).
		///
		/// Origin: `RootOrigin` (two thirds of the council, through a motion). Charges this
		/// call's own weight plus `weight`, or the inner call's declared weight when `weight` is
		/// `None`; its dispatch class is the inner call's. Fails only if the origin is wrong; the
		/// inner call's failure is reported in [`Event::Dispatched`].
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(
				T::WeightInfo::dispatch_as_root()
					.saturating_add(weight.unwrap_or(info.call_weight)),
				info.class,
			)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
			weight: Option<Weight>,
		) -> DispatchResultWithPostInfo {
			T::RootOrigin::ensure_origin(origin)?;
			// `weight` only sets what the call is charged (above).
			let _ = weight;
			let result = call
				.dispatch_bypass_filter(frame_system::RawOrigin::Root.into())
				.map(|_| ())
				.map_err(|e| e.error);
			Self::deposit_event(Event::Dispatched { result });
			// Charged in full: the declared weight (or the stated one) is what governance
			// accepted, as with `sudo_unchecked_weight`.
			Ok(().into())
		}
	}
}
