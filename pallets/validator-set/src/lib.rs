//! # Validator set (验证节点名单)
//!
//! Which machines author blocks and vote in finality is decided on chain, by the chain's
//! governance (the council of street offices, or Root), not fixed in genesis: a street office
//! that runs a validator has it added, a validator that is retired or misbehaves is removed, and
//! neither needs a runtime upgrade.
//!
//! ## How it works
//! - [`Validators`] is the set governance wants. [`Pallet::add_validator`] and
//!   [`Pallet::remove_validator`] change it (origin: [`Config::AdminOrigin`]).
//! - The pallet is pallet-session's [`SessionManager`]: when a session ends, pallet-session asks
//!   it for the validators of the session after the next one, and this pallet answers with
//!   [`Validators`] if it changed since it last answered (else it answers nothing, so that an
//!   unchanged set doesn't make GRANDPA start a new authority set every session).
//! - **The delay.** A change made during session `i` is handed to pallet-session when session `i`
//!   ends, is queued through session `i + 1` (so every node learns the next keys a session ahead)
//!   and takes effect when session `i + 2` starts: after the rest of the current session and one
//!   full session, between one and two session lengths (the runtime's `SessionPeriod`). The
//!   events name that session ([`Event::ValidatorAdded`]'s `from_session`).
//! - **Keys first.** A validator's account registers its session keys (Aura sr25519, GRANDPA
//!   ed25519) with `session.setKeys` before governance adds it: made on the validator's machine
//!   with `author_rotateKeysWithOwner` (the keys and the proof that it holds them). Adding an
//!   account without keys fails with [`Error::NoSessionKeys`]: pallet-session would leave it out
//!   of the set.
//! - **Never below the minimum.** GRANDPA finalizes with the votes of more than two thirds of
//!   the validators, so a set of `n` survives `⌊(n − 1) / 3⌋` validators down or misbehaving:
//!   [`Config::MinValidators`] (4 in the runtime: one may fail) is the smallest set removal may
//!   leave. A chain that starts with fewer (the development chain's one) can grow, not shrink.
//!
//! The pallet names no other pallet: pallet-session's `SessionManager` is the interface it
//! implements, and whether an account has keys comes through FRAME's `ValidatorRegistration`.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

	/// The storage layout's version: 0, the first.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// What benchmarks need from the runtime: an account with session keys registered.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<AccountId> {
		/// Registers some session keys for `who`, so that `KeysRegistered` says yes.
		fn register_keys(who: &AccountId);
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who may add and remove validators: the chain's governance (the runtime's admin
		/// origin: Root, or two thirds of the council).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Whether an account has registered session keys (pallet-session, through FRAME's
		/// `ValidatorRegistration`): only such an account may be added.
		type KeysRegistered: ValidatorRegistration<Self::AccountId>;
		/// The largest validator set: at most the consensus engines' own bound on authorities
		/// (Aura's and GRANDPA's `MaxAuthorities`; the runtime tests check it), so that every
		/// validator of the set is an authority.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// The smallest set that removing a validator may leave. GRANDPA needs the votes of more
		/// than two thirds of the set, so `3f + 1` validators survive `f` failures: 4 lets one
		/// fail (be stopped for maintenance, crash or misbehave) and finality goes on.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// Weights of the calls, measured (`weights.rs`).
		type WeightInfo: WeightInfo;
		/// Sets up accounts with session keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validator set governance has chosen, sorted by account. It becomes the authorities'
	/// set one to two sessions after it changes (see the crate docs).
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since pallet-session last asked for the next set.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The index of the session in progress (as pallet-session last started it).
	#[pallet::storage]
	pub type CurrentSession<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The validators at genesis: the same accounts as pallet-session's genesis `keys`.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators' accounts (each must have session keys in pallet-session's genesis).
		/// Empty only in the default configuration, which no chain runs: pallet-session then
		/// falls back on its own genesis keys for the first sessions.
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut set = self.validators.clone();
			set.sort();
			set.dedup();
			assert_eq!(set.len(), self.validators.len(), "a genesis validator is listed twice");
			let set: BoundedVec<_, _> =
				set.try_into().expect("more genesis validators than MaxValidators");
			Validators::<T>::put(set);
		}
	}

	/// What the pallet reports.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `validator` joins the set; it authors and votes in finality from session
		/// `from_session` on.
		ValidatorAdded {
			/// The validator's account (its session keys are registered under it).
			validator: T::AccountId,
			/// The first session in which it is an authority.
			from_session: u32,
		},
		/// `validator` leaves the set; it is an authority until session `from_session` starts.
		ValidatorRemoved {
			/// The validator's account.
			validator: T::AccountId,
			/// The first session without it.
			from_session: u32,
		},
		/// The changed set was handed to pallet-session: it takes effect in session `session`.
		NewSetQueued {
			/// The session it takes effect in.
			session: u32,
			/// How many validators it has.
			validators: u32,
		},
	}

	/// Why a call failed.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already in the validator set.
		AlreadyValidator,
		/// The account is not in the validator set.
		NotValidator,
		/// The set is full (`MaxValidators`).
		TooManyValidators,
		/// Removing it would leave fewer than `MinValidators`: finality would no longer survive
		/// a failed validator. Add another first.
		TooFewValidators,
		/// The account has not registered session keys (`session.setKeys`), so it could not
		/// take part.
		NoSessionKeys,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(!T::MaxValidators::get().is_zero(), "a chain needs a validator");
			assert!(
				T::MinValidators::get() >= 1 && T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must be from 1 to MaxValidators"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validator set, from the session after the next one on (between one
		/// and two session lengths from now; see the crate docs).
		///
		/// Origin: `AdminOrigin` (Root, or two thirds of the council). `who` must have registered
		/// session keys (`session.setKeys`). Fails if `who` is already a validator, has no keys,
		/// or the set is full (`MaxValidators`). Operational: governance gets through a full block.
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::add_validator(), DispatchClass::Operational))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes `who` from the validator set, from the session after the next one on: it must
		/// keep its node running until then.
		///
		/// Origin: `AdminOrigin`. Fails if `who` is not a validator or if the set would drop
		/// below `MinValidators`. Operational.
		#[pallet::call_index(1)]
		#[pallet::weight((T::WeightInfo::remove_validator(), DispatchClass::Operational))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}
	}
}
