//! # pallet-community — the registry and its gate (上鏈關)
//!
//! Every other Gongzhi pallet asks this one "who is this account?" through
//! [`gongzhi_primitives::CommunityRegistry`]. Only a verified resident may act as one, only an
//! office's admin may act for it, only an officer for their community, only an approved provider
//! in the office that approved it.
//!
//! ## Who is who
//! - **Street offices (街道)** are created and retired by [`Config::AdminOrigin`] (Root via sudo on
//!   dev chains). Each has one `admin` account — usually a multisig or proxy account — and a short
//!   name. The admin may be changed by `AdminOrigin` or by the current admin.
//! - **Communities (社區)** are created and retired by their office's admin, who also appoints and
//!   removes their **officers (居委會)**, at most [`Config::MaxOfficers`] per community.
//! - **Providers (社會組織)** register themselves with a name and the hash of their registration
//!   code (unique); each office's admin approves or suspends them for that office.
//! - **Residents (居民)** are registered by an officer of their community, after checking papers
//!   off chain, with `person_hash` (salted hash of the ID document) and, optionally, `household`
//!   (salted hash of the household registration). Nothing else personal goes on chain.
//!
//! ## State machines
//! - Office, community: `Active → Retired` ([`types::Lifecycle`]). An office with communities, or a
//!   community with residents, cannot be retired: nothing is cascaded, so no call iterates over an
//!   unbounded set. Ids are never reused; retired records stay readable.
//! - Provider in an office: `(none) → Approved ⇄ Suspended` ([`types::Approval`]).
//! - Resident: `(none) → Registered(community) → Registered(other community) … → (none)`.
//!   - `register_resident` gives the account a provider reference (`frame_system::inc_providers`)
//!     so a zero-balance account can sign; `retire_resident` removes it (refused with
//!     `CannotReleaseAccount` if the account still has consumers).
//!   - `move_resident` (by an officer of the destination) changes the community and resets
//!     `registered_at`, so a moved-in resident cannot sway a survey or ballot that was already
//!     open.
//!   - `replace_account` (lost key) moves the record, with its `ResidentId`, community and
//!     `registered_at`, to a new account; the provider reference moves with it.
//!   - A `person_hash` belongs to one `ResidentId` for good: [`PersonIndex`] keeps it after the
//!     resident is retired, and registering the same person again gives them back the same id (with
//!     a fresh `registered_at`). "One person, one answer / ballot / voucher / rating", keyed by
//!     `ResidentId` in the other pallets, therefore survives retire-and-register.
//! - Activity: published with a check-in window `starts_at..=ends_at`; each resident of the
//!   community checks in at most once, within the window; attendance is counted. Once the activity
//!   ended more than `CheckInRetention` blocks ago, anyone may reap its per-resident check-in
//!   records in bounded batches (`reap_check_ins`); the attendance count stays.
//!
//! ## Light reads
//! [`Residents`] is the record every resident call of every pallet reads: it holds the office as
//! well as the community, so `CommunityRegistry::resident` is one storage read. Resident counts
//! per community and per office live in their records and change with each registration, move
//! and retirement, so `residents_in` is one read.
//!
//! ## Fees
//! `check_in` is free exactly when it will succeed (`#[pallet::feeless_if]` runs
//! [`Pallet::ensure_check_in`], the check the call itself runs). Every other call is made by an
//! office, an officer or a provider and pays as usual.
//!
//! No signed payloads: every call here is signed by the actor itself.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{string::String, vec::Vec};
	use frame_support::{pallet_prelude::*, traits::EnsureOrigin};
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{ActivityId, CommunityId, OfficeId, ResidentId, H256};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the registry.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Chain governance: creates and retires street offices and may replace an office's
		/// admin (Root via sudo on dev chains, a council later).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest name of an office, a community or a provider, in UTF-8 bytes. A Chinese
		/// character takes 3 bytes: 64 bytes hold 21 characters, enough for
		/// "某某市某某區某某街道辦事處".
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most officers a community may have at once. Bounds the cleanup when a community is
		/// retired; a committee (居委會) has 5–9 members.
		#[pallet::constant]
		type MaxOfficers: Get<u32>;

		/// Most offices a provider may hold an approval record in (approved or suspended).
		/// Bounds the provider's view and the try-state check.
		#[pallet::constant]
		type MaxProviderOffices: Get<u32>;

		/// Most activities of one community that have not ended yet. Bounds the index that
		/// tells a resident which activities they may still check in to; publishing prunes
		/// ended activities from it first.
		#[pallet::constant]
		type MaxOpenActivities: Get<u32>;

		/// Longest check-in window of an activity, in blocks. An activity lasts hours or days;
		/// this keeps an activity from holding a place in the open index for months.
		#[pallet::constant]
		type MaxActivityDuration: Get<BlockNumberFor<Self>>;

		/// How long an activity's individual check-ins are kept after it ends, in blocks. After
		/// that anyone may reap them in batches (`reap_check_ins`); the attendance count stays.
		/// Long enough for residents and auditors to look their check-ins up (e.g. one year).
		#[pallet::constant]
		type CheckInRetention: Get<BlockNumberFor<Self>>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next office gets.
	#[pallet::storage]
	pub type NextOfficeId<T> = StorageValue<_, OfficeId, ValueQuery>;

	/// Street offices by id, retired ones included.
	#[pallet::storage]
	pub type Offices<T: Config> = StorageMap<_, Twox64Concat, OfficeId, OfficeRecordOf<T>>;

	/// The id the next community gets.
	#[pallet::storage]
	pub type NextCommunityId<T> = StorageValue<_, CommunityId, ValueQuery>;

	/// Communities by id, retired ones included.
	#[pallet::storage]
	pub type Communities<T: Config> =
		StorageMap<_, Twox64Concat, CommunityId, CommunityRecordOf<T>>;

	/// Officers of each community: `(community, account) → ()`; at most `MaxOfficers` per
	/// community (counted in the community record).
	#[pallet::storage]
	pub type Officers<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CommunityId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Registered providers by account.
	#[pallet::storage]
	pub type Providers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderRecordOf<T>>;

	/// Which provider registered with a registration-code hash: one organization, one provider.
	#[pallet::storage]
	pub type ProviderCodes<T: Config> = StorageMap<_, Blake2_128Concat, H256, T::AccountId>;

	/// A provider's standing in each office: `(provider, office) → Approval`; at most
	/// `MaxProviderOffices` per provider (counted in the provider record).
	#[pallet::storage]
	pub type ProviderApprovals<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		OfficeId,
		Approval<BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// The id the next new person gets.
	#[pallet::storage]
	pub type NextResidentId<T> = StorageValue<_, ResidentId, ValueQuery>;

	/// Resident records by account: the record every resident call of every pallet reads.
	#[pallet::storage]
	pub type Residents<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ResidentRecordOf<T>>;

	/// The account that holds each current resident record.
	#[pallet::storage]
	pub type ResidentAccounts<T: Config> = StorageMap<_, Twox64Concat, ResidentId, T::AccountId>;

	/// The resident number of each person (by `person_hash`) ever registered. Kept when the
	/// resident is retired, so the same person always gets the same `ResidentId`.
	#[pallet::storage]
	pub type PersonIndex<T: Config> = StorageMap<_, Blake2_128Concat, H256, ResidentId>;

	/// The id the next activity gets.
	#[pallet::storage]
	pub type NextActivityId<T> = StorageValue<_, ActivityId, ValueQuery>;

	/// Activities by id. Unbounded in number (one record per activity ever published), each
	/// record bounded.
	#[pallet::storage]
	pub type Activities<T: Config> = StorageMap<_, Twox64Concat, ActivityId, ActivityRecordOf<T>>;

	/// Per community, the activities that had not ended when last pruned, as
	/// `(activity, ends_at)`; at most `MaxOpenActivities`. Read by the "what may I still do"
	/// view; pruned on each publication.
	#[pallet::storage]
	pub type OpenActivities<T: Config> =
		StorageMap<_, Twox64Concat, CommunityId, OpenActivitiesOf<T>, ValueQuery>;

	/// Check-ins: `(activity, resident) → ()`. Keyed by `ResidentId`, so a new account (lost
	/// key) cannot check in twice.
	#[pallet::storage]
	pub type CheckIns<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ActivityId, Twox64Concat, ResidentId, (), OptionQuery>;

	/// How many check-ins of each activity have been reaped after the retention period; with the
	/// check-ins left, they add up to the activity's attendance.
	#[pallet::storage]
	pub type ReapedCheckIns<T> = StorageMap<_, Twox64Concat, ActivityId, u32, ValueQuery>;

	/// The registry a chain starts with (e.g. the `development` preset's district). Entries are
	/// checked exactly like the calls check them; invalid entries abort the genesis build.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Offices as `(admin, name)`; the i-th entry gets `OfficeId` i (from 0).
		pub offices: Vec<(T::AccountId, String)>,
		/// Communities as `(office, name, officers)`; the i-th entry gets `CommunityId` i.
		pub communities: Vec<(OfficeId, String, Vec<T::AccountId>)>,
		/// Providers as `(account, name, registration_code_hash, offices approved in)`.
		pub providers: Vec<(T::AccountId, String, H256, Vec<OfficeId>)>,
		/// Residents as `(account, community, person_hash, household)`, registered at block 0;
		/// the i-th new person gets `ResidentId` i.
		pub residents: Vec<(T::AccountId, CommunityId, H256, Option<H256>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(self);
		}
	}

	/// What happened in the registry.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A street office was created.
		OfficeCreated {
			/// The new office.
			office: OfficeId,
			/// Its admin account.
			admin: T::AccountId,
			/// Its name.
			name: NameOf<T>,
		},
		/// A street office was retired.
		OfficeRetired {
			/// The office.
			office: OfficeId,
		},
		/// An office's admin account was changed.
		OfficeAdminChanged {
			/// The office.
			office: OfficeId,
			/// The admin before.
			old_admin: T::AccountId,
			/// The admin now.
			new_admin: T::AccountId,
		},
		/// A community was created.
		CommunityCreated {
			/// The new community.
			community: CommunityId,
			/// Its office.
			office: OfficeId,
			/// Its name.
			name: NameOf<T>,
		},
		/// A community was retired; its officers were removed.
		CommunityRetired {
			/// The community.
			community: CommunityId,
			/// Its office.
			office: OfficeId,
		},
		/// An officer was appointed.
		OfficerAppointed {
			/// The community.
			community: CommunityId,
			/// The officer's account.
			officer: T::AccountId,
		},
		/// An officer was removed.
		OfficerRemoved {
			/// The community.
			community: CommunityId,
			/// The former officer's account.
			officer: T::AccountId,
		},
		/// A provider registered.
		ProviderRegistered {
			/// The provider's account.
			provider: T::AccountId,
			/// Its name.
			name: NameOf<T>,
			/// Hash of its registration code.
			registration_code_hash: H256,
		},
		/// A provider was approved in an office (first time or after a suspension).
		ProviderApproved {
			/// The provider.
			provider: T::AccountId,
			/// The office.
			office: OfficeId,
		},
		/// A provider was suspended in an office.
		ProviderSuspended {
			/// The provider.
			provider: T::AccountId,
			/// The office.
			office: OfficeId,
		},
		/// A resident was registered.
		ResidentRegistered {
			/// The resident number (the person's earlier one if `returning`).
			resident: ResidentId,
			/// The resident's account.
			who: T::AccountId,
			/// The community.
			community: CommunityId,
			/// Whether this person was registered before (and retired since).
			returning: bool,
		},
		/// A resident was retired; the account lost its provider reference.
		ResidentRetired {
			/// The resident number.
			resident: ResidentId,
			/// The account.
			who: T::AccountId,
			/// The community they were registered in.
			community: CommunityId,
		},
		/// A resident moved to another community; `registered_at` restarts now.
		ResidentMoved {
			/// The resident number.
			resident: ResidentId,
			/// The account.
			who: T::AccountId,
			/// The community before.
			from: CommunityId,
			/// The community now.
			to: CommunityId,
		},
		/// A resident's record moved to a new account (lost key).
		AccountReplaced {
			/// The resident number (unchanged).
			resident: ResidentId,
			/// The account before.
			old: T::AccountId,
			/// The account now.
			new: T::AccountId,
		},
		/// A resident's household hash was set or cleared.
		HouseholdSet {
			/// The resident number.
			resident: ResidentId,
			/// The account.
			who: T::AccountId,
			/// The new household hash, `None` if cleared.
			household: Option<H256>,
		},
		/// An activity was published.
		ActivityPublished {
			/// The new activity.
			activity: ActivityId,
			/// Its community.
			community: CommunityId,
			/// The publishing account.
			publisher: T::AccountId,
			/// Its kind.
			kind: ActivityKind,
			/// First block of the check-in window.
			starts_at: BlockNumberFor<T>,
			/// Last block of the check-in window.
			ends_at: BlockNumberFor<T>,
		},
		/// A resident checked in at an activity.
		CheckedIn {
			/// The activity.
			activity: ActivityId,
			/// The resident number.
			resident: ResidentId,
			/// Attendance after this check-in.
			attendance: u32,
		},
		/// Check-in records of an ended activity were reaped; its attendance count stays.
		CheckInsReaped {
			/// The activity.
			activity: ActivityId,
			/// How many records were removed by this call.
			removed: u32,
			/// Whether none are left.
			complete: bool,
		},
	}

	/// Why a registry call failed. A failed call changes nothing.
	#[pallet::error]
	pub enum Error<T> {
		/// The name is empty.
		NameEmpty,
		/// The name is longer than `MaxNameLen` bytes.
		NameTooLong,
		/// The name is not valid UTF-8.
		NameNotUtf8,
		/// No office has this id.
		UnknownOffice,
		/// The office has been retired.
		OfficeRetired,
		/// The office still has communities; retire them first.
		OfficeHasCommunities,
		/// The caller is not the admin of this office.
		NotOfficeAdmin,
		/// No community has this id.
		UnknownCommunity,
		/// The community has been retired.
		CommunityRetired,
		/// The community still has residents; move or retire them first.
		CommunityHasResidents,
		/// The caller is not an officer of this community.
		NotOfficer,
		/// The account is already an officer of this community.
		AlreadyOfficer,
		/// The account is not an officer of this community.
		OfficerNotFound,
		/// The community already has `MaxOfficers` officers.
		TooManyOfficers,
		/// The account is already a registered provider.
		AlreadyProvider,
		/// Another provider registered with this registration-code hash.
		RegistrationCodeTaken,
		/// The account is not a registered provider.
		UnknownProvider,
		/// The provider is already approved in this office.
		AlreadyApproved,
		/// The provider is not approved in this office (never, or suspended).
		NotApprovedProvider,
		/// The provider already has approval records in `MaxProviderOffices` offices.
		TooManyProviderOffices,
		/// The account is already a resident (of this or another community).
		AlreadyResident,
		/// This person (`person_hash`) already holds a resident record.
		PersonAlreadyRegistered,
		/// The account is not a registered resident.
		NotResident,
		/// The resident is already registered in this community.
		AlreadyInCommunity,
		/// The account still has consumers (locks, holds, deposits) that rely on the provider
		/// reference the registration gave it; release them first.
		CannotReleaseAccount,
		/// The caller is neither an officer of this community nor a provider approved in its
		/// office.
		NotPublisher,
		/// The window ends before it starts.
		InvalidWindow,
		/// The window has already ended.
		WindowInPast,
		/// The window is longer than `MaxActivityDuration`.
		ActivityTooLong,
		/// The community already has `MaxOpenActivities` activities that have not ended.
		TooManyOpenActivities,
		/// No activity has this id.
		UnknownActivity,
		/// The resident lives in another community than the activity's.
		NotResidentOfCommunity,
		/// The activity's check-in window has not opened yet.
		ActivityNotStarted,
		/// The activity's check-in window has closed.
		ActivityEnded,
		/// This resident has already checked in at this activity.
		AlreadyCheckedIn,
		/// The id counter of this kind of record is exhausted.
		IdsExhausted,
		/// The activity's check-ins are kept until `CheckInRetention` blocks after it ends.
		RetentionNotOver,
		/// The activity has no check-in records left to reap.
		NothingToReap,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxOfficers::get() > 0, "MaxOfficers must allow an officer");
			assert!(T::MaxProviderOffices::get() > 0, "MaxProviderOffices must allow an office");
			assert!(T::MaxOpenActivities::get() > 0, "MaxOpenActivities must allow an activity");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Creates a street office with `admin` as its admin account.
		///
		/// Origin: `AdminOrigin`. Fails if `name` is empty, longer than `MaxNameLen` bytes or
		/// not UTF-8.
		///
		/// - `admin`: the account that will act for the office (a multisig or proxy account).
		/// - `name`: the office's name, UTF-8.
		#[pallet::call_index(0)]
		pub fn create_office(
			origin: OriginFor<T>,
			admin: T::AccountId,
			name: Vec<u8>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_office(admin, name)
		}

		/// Retires a street office; it then accepts nothing new.
		///
		/// Origin: `AdminOrigin`. Fails if the office is unknown, already retired, or still has
		/// communities.
		///
		/// - `office`: the office to retire.
		#[pallet::call_index(1)]
		pub fn retire_office(origin: OriginFor<T>, office: OfficeId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_retire_office(office)
		}

		/// Hands an office over to a new admin account.
		///
		/// Origin: `AdminOrigin`, or the office's current admin. Fails if the office is unknown
		/// or retired, or if a signed caller is not its admin.
		///
		/// - `office`: the office.
		/// - `new_admin`: the account that acts for the office from now on.
		#[pallet::call_index(2)]
		pub fn set_office_admin(
			origin: OriginFor<T>,
			office: OfficeId,
			new_admin: T::AccountId,
		) -> DispatchResult {
			let caller = Self::admin_origin_or_signed(origin)?;
			Self::do_set_office_admin(caller, office, new_admin)
		}

		/// Creates a community under an office.
		///
		/// Origin: the office's admin. Fails if the office is unknown or retired, if the caller
		/// is not its admin, or if the name is invalid.
		///
		/// - `office`: the office.
		/// - `name`: the community's name, UTF-8.
		#[pallet::call_index(3)]
		pub fn create_community(
			origin: OriginFor<T>,
			office: OfficeId,
			name: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_community(who, office, name)
		}

		/// Retires a community and removes its officers.
		///
		/// Origin: the admin of the community's office. Fails if the community is unknown or
		/// already retired, if the caller is not the admin, or if it still has residents.
		/// Costs the removal of up to `MaxOfficers` officers; the unused part is refunded.
		///
		/// - `community`: the community to retire.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::retire_community(T::MaxOfficers::get()))]
		pub fn retire_community(
			origin: OriginFor<T>,
			community: CommunityId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_retire_community(who, community)
		}

		/// Appoints an officer of a community.
		///
		/// Origin: the admin of the community's office. Fails if the community is unknown or
		/// retired, if the caller is not the admin, if `officer` already is one, or if the
		/// community has `MaxOfficers` officers.
		///
		/// - `community`: the community.
		/// - `officer`: the account to appoint.
		#[pallet::call_index(5)]
		pub fn appoint_officer(
			origin: OriginFor<T>,
			community: CommunityId,
			officer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appoint_officer(who, community, officer)
		}

		/// Removes an officer of a community.
		///
		/// Origin: the admin of the community's office. Fails if the community is unknown or
		/// retired, if the caller is not the admin, or if `officer` is not an officer there.
		///
		/// - `community`: the community.
		/// - `officer`: the account to remove.
		#[pallet::call_index(6)]
		pub fn remove_officer(
			origin: OriginFor<T>,
			community: CommunityId,
			officer: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_officer(who, community, officer)
		}

		/// Registers the caller as a provider (社會組織). An office must then approve it before
		/// it may act there.
		///
		/// Origin: the provider's own account. Fails if it is already a provider, if another
		/// provider registered the same code hash, or if the name is invalid.
		///
		/// - `name`: the organization's name, UTF-8.
		/// - `registration_code_hash`: salted hash of its registration code (統一社會信用代碼).
		#[pallet::call_index(7)]
		pub fn register_provider(
			origin: OriginFor<T>,
			name: Vec<u8>,
			registration_code_hash: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_provider(who, name, registration_code_hash)
		}

		/// Approves a provider in an office, or lifts its suspension there.
		///
		/// Origin: the office's admin. Fails if the office is unknown or retired, if the caller
		/// is not its admin, if the provider is unknown or already approved there, or if it
		/// already has records in `MaxProviderOffices` offices.
		///
		/// - `office`: the office.
		/// - `provider`: the provider's account.
		#[pallet::call_index(8)]
		pub fn approve_provider(
			origin: OriginFor<T>,
			office: OfficeId,
			provider: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_approve_provider(who, office, provider)
		}

		/// Suspends a provider in an office: it can no longer act there until approved again.
		///
		/// Origin: the office's admin. Fails if the office is unknown or retired, if the caller
		/// is not its admin, or if the provider is not approved there now.
		///
		/// - `office`: the office.
		/// - `provider`: the provider's account.
		#[pallet::call_index(9)]
		pub fn suspend_provider(
			origin: OriginFor<T>,
			office: OfficeId,
			provider: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_suspend_provider(who, office, provider)
		}

		/// Registers `who` as a resident of a community, after the officer has checked their
		/// papers off chain. The account gets a provider reference, so it can sign without
		/// holding tokens. A person registered before gets their old resident number back.
		///
		/// Origin: an officer of `community`. Fails if the community is unknown or retired, if
		/// the caller is not its officer, if `who` already is a resident, or if `person_hash`
		/// belongs to a current resident.
		///
		/// - `community`: the community.
		/// - `who`: the resident's account.
		/// - `person_hash`: salted hash of the person's ID document.
		/// - `household`: salted hash of the household registration, if any.
		#[pallet::call_index(10)]
		pub fn register_resident(
			origin: OriginFor<T>,
			community: CommunityId,
			who: T::AccountId,
			person_hash: H256,
			household: Option<H256>,
		) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_register_resident(officer, community, who, person_hash, household)
		}

		/// Retires a resident (moved away, deceased): the record goes, the account loses its
		/// provider reference. The resident number stays reserved for the person.
		///
		/// Origin: an officer of the resident's community. Fails if `who` is not a resident,
		/// if the caller is not an officer there, or if the account still has consumers.
		///
		/// - `who`: the resident's account.
		#[pallet::call_index(11)]
		pub fn retire_resident(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_retire_resident(officer, who)
		}

		/// Moves a resident to another community; `registered_at` restarts now.
		///
		/// Origin: an officer of the destination community. Fails if `who` is not a resident,
		/// if the destination is unknown, retired or the resident's community already, or if
		/// the caller is not an officer of it.
		///
		/// - `who`: the resident's account.
		/// - `to`: the destination community.
		#[pallet::call_index(12)]
		pub fn move_resident(
			origin: OriginFor<T>,
			who: T::AccountId,
			to: CommunityId,
		) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_move_resident(officer, who, to)
		}

		/// Moves a resident's record to a new account after a lost key. The resident number,
		/// community, `registered_at` and history stay; the provider reference moves.
		///
		/// Origin: an officer of the resident's community. Fails if `old` is not a resident, if
		/// the caller is not an officer there, if `new` already is a resident, or if `old`
		/// still has consumers.
		///
		/// - `old`: the lost account.
		/// - `new`: the resident's new account.
		#[pallet::call_index(13)]
		pub fn replace_account(
			origin: OriginFor<T>,
			old: T::AccountId,
			new: T::AccountId,
		) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_replace_account(officer, old, new)
		}

		/// Sets or clears a resident's household hash.
		///
		/// Origin: an officer of the resident's community. Fails if `who` is not a resident or
		/// the caller is not an officer there.
		///
		/// - `who`: the resident's account.
		/// - `household`: the new salted household hash, or `None` to clear it.
		#[pallet::call_index(14)]
		pub fn set_household(
			origin: OriginFor<T>,
			who: T::AccountId,
			household: Option<H256>,
		) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_set_household(officer, who, household)
		}

		/// Publishes a community activity (活動數據上鏈); residents of the community may check
		/// in from `starts_at` to `ends_at` (both included).
		///
		/// Origin: an officer of `community`, or a provider approved in its office. Fails if the
		/// community is unknown or retired, if the caller has neither role, if the window is
		/// inverted, already over or longer than `MaxActivityDuration`, or if the community has
		/// `MaxOpenActivities` activities that have not ended.
		///
		/// - `community`: the community.
		/// - `kind`: what kind of activity.
		/// - `content_hash`: hash of the description document (off chain).
		/// - `starts_at`: first block of the check-in window.
		/// - `ends_at`: last block of the check-in window.
		#[pallet::call_index(15)]
		pub fn publish_activity(
			origin: OriginFor<T>,
			community: CommunityId,
			kind: ActivityKind,
			content_hash: H256,
			starts_at: BlockNumberFor<T>,
			ends_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_activity(who, community, kind, content_hash, starts_at, ends_at)
		}

		/// Checks the calling resident in at an activity of their community.
		///
		/// Origin: a resident of the activity's community. Free when it succeeds. Fails if the
		/// activity is unknown, if the caller is not a resident of its community, if its window
		/// is not open now, or if this resident has already checked in.
		///
		/// - `activity`: the activity.
		#[pallet::call_index(16)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, activity: &ActivityId| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_check_in(&who, *activity).is_ok())
		})]
		pub fn check_in(origin: OriginFor<T>, activity: ActivityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_check_in(who, activity)
		}

		/// Removes up to `limit` check-in records of an activity that ended more than
		/// `CheckInRetention` blocks ago. Its attendance count stays; nobody can check in any
		/// more, so nothing is lost but the per-resident detail.
		///
		/// Origin: any signed account. Costs the removal of `limit` records; the unused part is
		/// refunded. Fails if the activity is unknown, if its retention period is not over, or
		/// if no records are left.
		///
		/// - `activity`: the activity.
		/// - `limit`: most records to remove in this call.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::reap_check_ins(*limit))]
		pub fn reap_check_ins(
			origin: OriginFor<T>,
			activity: ActivityId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_check_ins(activity, limit)
		}
	}
}
