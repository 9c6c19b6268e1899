//! # pallet-community — the registry and its gate (上链关)
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
//! - **Communities (社区)** are created and retired by their office's admin, who also appoints and
//!   removes their **officers (居委会)**, at most [`Config::MaxOfficers`] per community.
//! - **Providers (社会组织)** register themselves with a name and the hash of their registration
//!   code (unique); each office's admin approves or suspends them for that office. A squatted
//!   code is released by `AdminOrigin` or by an office that approved or suspended its holder
//!   (`release_registration_code`): the holder keeps its record, marked released, is suspended
//!   everywhere, can never be approved again and loses its deposit (below). A provider approved
//!   nowhere may leave (`withdraw_provider`).
//! - **Residents (居民)** are registered by an officer of their community, after checking papers
//!   off chain, with `person_hash` (salted hash of the ID document) and, optionally, `household`
//!   (salted hash of the household registration). Nothing else personal goes on chain.
//!
//! ## Trust rules
//! - **Power comes from roles held now.** Every check reads the current office admin, officer
//!   list or provider approval; a stored "publisher" or "requester" is shown, never trusted on
//!   its own: an officer removed (or a provider suspended) keeps no power over what it created.
//! - **No single officer moves a resident out of another community or takes a record over**:
//!   moves need both sides, replacements need the office and a public notice (below).
//! - **Nothing one account creates can lock an office**: activities start at most
//!   [`Config::MaxLeadTime`] ahead and the community or office can cancel them, freeing their
//!   place among the `MaxOpenActivities`; pending moves and replacements are one per resident
//!   and lapse or are cancelled by either side.
//! - **回避 (conflicts of interest)**: an account is a resident or a provider, never both; a
//!   provider declares its staff by person hash (`declare_staff`), and `is_staff_of` tells the
//!   other pallets, which keep staff from voting on, redeeming with or rating their provider.
//!
//! ## State machines
//! - Office, community: `Active → Retired` ([`types::Lifecycle`]). An office with communities, or a
//!   community with residents, cannot be retired: nothing is cascaded, so no call iterates over an
//!   unbounded set. Ids are never reused; retired records stay readable.
//! - Provider in an office: `(none) → Approved ⇄ Suspended` ([`types::Approval`]); every approval
//!   becomes `Suspended` for good once the provider's code is released. A provider approved
//!   nowhere (every record `Suspended`, or none) and with no staff declared may leave
//!   (`withdraw_provider`): its record, code and approval records go and its deposit comes back.
//! - Resident: `(none) → Registered(community) → Registered(other community) … → (none)`.
//!   - `register_resident` gives the account a provider reference (`frame_system::inc_providers`)
//!     so a zero-balance account can sign; `retire_resident` removes it (refused with
//!     `CannotReleaseAccount` if the account still has consumers).
//!   - A move takes both sides. The side left asks (`request_move`: the resident themselves, the
//!     admin of their office, or — within the office — an officer of their community); the
//!     destination accepts (`accept_move`: the admin of its office, or — within the office — one
//!     of its officers) within [`Config::MoveRequestTtl`]; either side may `cancel_move`. Across
//!     offices both offices must agree: an officer alone is not enough on either side. An
//!     account entitled on both sides at once — typically the office admin between two of its
//!     communities — may `move_resident` in one step. A move resets `registered_at`, so a
//!     moved-in resident cannot sway a survey or ballot that was already open.
//!   - A lost key is replaced by the office, in public: the admin of the resident's office
//!     proposes (`propose_replacement`); for [`Config::ReplacementNotice`] blocks the resident
//!     (with the old key, for free) or the office may `cancel_replacement`; then anyone may
//!     `enact_replacement`, which moves the record, with its `ResidentId`, community and
//!     `registered_at`, to the new account; the provider reference moves with it.
//!   - A `person_hash` belongs to one `ResidentId` for good: [`PersonIndex`] (and its inverse
//!     [`ResidentPersons`]) keep it after the resident is retired, and registering the same person
//!     again gives them back the same id (with a fresh `registered_at`). "One person, one answer /
//!     ballot / voucher / rating", keyed by `ResidentId` in the other pallets, therefore survives
//!     retire-and-register.
//! - Activity: published with a check-in window `starts_at..=ends_at`, starting at most
//!   `MaxLeadTime` blocks ahead; `Published → Cancelled` ([`types::ActivityStatus`]), by an officer
//!   of its community, its office's admin or its publishing provider while still approved. Each
//!   resident of the community checks in at most once, within the window of a published activity;
//!   attendance is counted. Once the activity ended more than `CheckInRetention` blocks ago,
//!   anyone may reap its per-resident check-in records in bounded batches (`reap_check_ins`); the
//!   attendance count stays.
//!
//! ## Ring member keys (成员公钥)
//! For anonymous ballots and survey answers (issue 19; `docs/anonymous-ballots.md`) a resident
//! sets a bandersnatch ring-VRF member key (crates.io `verifiable`) with `set_member_key`, with a
//! proof of possession that binds it to their account, so nobody can register a key copied from
//! another resident (which would share that resident's aliases and block their ballot). A key
//! belongs to one resident ([`MemberKeyOwners`]); [`MemberKeys`] keeps each resident's current
//! key and the one before it, each with the block it was set in, so that the key in force when an
//! item opened (`Pallet::member_key_before`) stays known after a change. A key changes at
//! most once per [`Config::MemberKeyCooldown`]. The keys are kept by `ResidentId`: a move or a new
//! account keeps them; retiring the resident removes them (and frees them).
//!
//! ## Light reads
//! [`Residents`] is the record every resident call of every pallet reads: it holds the office as
//! well as the community, so `CommunityRegistry::resident` is one storage read. Resident counts
//! per community and per office live in their records and change with each registration, move
//! and retirement, so `residents_in` is one read.
//!
//! ## Deposits
//! Whoever makes the registry store something for them pays for it with a deposit, held from
//! their account with a `fungible` hold ([`HoldReason`]) and recorded next to what it pays for:
//! - **A provider** holds [`Config::ProviderDeposit`] from registering (`register_provider`) until
//!   it leaves with `withdraw_provider`, which it may do once no office approves it any more and
//!   it has no staff declared ([`ProviderDeposits`]). A provider whose registration code is
//!   released as squatted (`release_registration_code`) loses its deposit: it is burnt, so
//!   squatting a code costs the deposit. Providers of the genesis registry hold none.
//! - **An activity** holds [`Config::ActivityDeposit`] from its publisher, an officer or a
//!   provider ([`ActivityDeposits`]); it goes back to that account when the activity is cancelled
//!   (whoever cancels it), or when `reap_check_ins` has removed its last check-in once
//!   `CheckInRetention` has passed (an activity nobody checked in at is "reaped" by the same call,
//!   which then only releases the deposit). The activity's record and attendance stay.
//!
//! Residents never pay a deposit: what they make the registry store is one record per resident
//! and item (a check-in per activity, reaped after `CheckInRetention`; one pending move request;
//! at most two member keys).
//!
//! ## Fees
//! A resident's own calls are free exactly when they will succeed (`#[pallet::feeless_if]` runs
//! the check the call itself runs):
//! - `check_in` ([`Pallet::ensure_check_in`]; once per activity);
//! - `request_move` for their own move ([`Pallet::ensure_request_move`]; one pending request at a
//!   time);
//! - `cancel_replacement` of their own account ([`Pallet::ensure_cancel_replacement`]; only while
//!   the office has announced one);
//! - `set_member_key` ([`Pallet::ensure_set_member_key`]; at most once per `MemberKeyCooldown`,
//!   and never to the key they have: the check verifies a signature, about half a millisecond,
//!   so the cooldown is what keeps one resident from repeating it for free).
//!
//! Every other call is made by an office, an officer, a provider or anyone for someone else and
//! pays as usual.
//! The check itself runs before the call, whether the call then turns out free or not;
//! [`Pallet::feeless_check_weight`] is its weight (benchmarked as `feeless_check_in`,
//! `feeless_request_move`, `feeless_cancel_replacement`, `feeless_set_member_key`), for the
//! runtime to charge on top of the call's own.
//!
//! No signed payloads: every call here is signed by the actor itself.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(any(feature = "runtime-benchmarks", test))]
pub mod member_key_fixtures;
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
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{
		deposit_weight, ActivityId, CommunityId, MemberKey, OfficeId, ResidentId, H256,
	};
	use sp_runtime::traits::Zero;

	/// The version of this pallet's storage layout, kept on chain. Migrations start from it
	/// (`VersionedMigration`); try-runtime checks that chain and code agree after an upgrade.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the registry.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Chain governance: creates and retires street offices and may replace an office's
		/// admin (Root via sudo on dev chains, a council later).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest name of an office, a community or a provider, in UTF-8 bytes. A Chinese
		/// character takes 3 bytes: 64 bytes hold 21 characters, enough for
		/// "某某市某某区某某街道办事处".
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Most officers a community may have at once. Bounds the cleanup when a community is
		/// retired; a committee (居委会) has 5–9 members.
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

		/// How far ahead an activity may be published: its `starts_at` is at most this many
		/// blocks after the block of publication. With `MaxActivityDuration` it bounds how long
		/// one activity can hold a place in its community's open index, so nobody can fill the
		/// index with activities of a distant future. Must be positive.
		#[pallet::constant]
		type MaxLeadTime: Get<BlockNumberFor<Self>>;

		/// How long a move requested by the side a resident leaves (`request_move`) waits for
		/// the destination to accept it, in blocks. After that it lapses and the resident may be
		/// the subject of a new request. Must be positive.
		#[pallet::constant]
		type MoveRequestTtl: Get<BlockNumberFor<Self>>;

		/// The public notice before a proposed account replacement (lost key) may be enacted, in
		/// blocks. During it the resident, if they still hold their key, or their office cancels
		/// a replacement they did not ask for. Must be positive.
		#[pallet::constant]
		type ReplacementNotice: Get<BlockNumberFor<Self>>;

		/// Most persons a provider may declare as its staff (回避). Bounds the per-provider
		/// staff records.
		#[pallet::constant]
		type MaxStaff: Get<u32>;

		/// Most person hashes declared or withdrawn in one `declare_staff` / `remove_staff`
		/// call. Bounds the call's size and weight.
		#[pallet::constant]
		type MaxStaffPerCall: Get<u32>;

		/// Most providers that may declare the same person as staff (e.g. 4: a carer may work
		/// for a couple of organisations). Bounds [`PersonEmployers`], which a ballot reads to
		/// find the resident's employers among the project's bidders.
		#[pallet::constant]
		type MaxEmployers: Get<u32>;

		/// The chain's token, from which providers and the publishers of activities pay their
		/// deposits (holds).
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// What registering as a provider holds from the provider's account (e.g. 3.61 GZT): its
		/// record, its registration code's entry and the staff list it may declare (up to
		/// `MaxStaff` persons; declaring them then costs nothing more, so that declaring staff
		/// (回避) is never discouraged) have an owner who pays for them. Released
		/// when the provider leaves (`withdraw_provider`); burnt if its registration code is
		/// released as squatted (`release_registration_code`), so squatting a code costs it.
		#[pallet::constant]
		type ProviderDeposit: Get<BalanceOf<Self>>;

		/// What publishing an activity holds from its publisher, officer or provider (e.g.
		/// 0.40 GZT): the activity's records have an owner who pays for them. Released to the
		/// publisher when the activity is cancelled, or when its check-ins have all been reaped
		/// after `CheckInRetention` (`reap_check_ins`). The record and its attendance stay.
		#[pallet::constant]
		type ActivityDeposit: Get<BalanceOf<Self>>;

		/// The least number of blocks between two changes of a resident's ring member key
		/// (`set_member_key`; e.g. 14,400, one day). Setting a first key waits for nothing. The
		/// call is free and verifies a signature each time, so this is what keeps one resident
		/// from repeating it; it also means the two keys the registry keeps cover at least this
		/// long. Must be positive (two keys set in one block would have no order).
		#[pallet::constant]
		type MemberKeyCooldown: Get<BlockNumberFor<Self>>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// An amount of the chain's token, as the pallet's `Currency` counts it.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A provider's registration deposit (`ProviderDeposit`), held from the provider while
		/// it is registered.
		ProviderDeposit,
		/// An activity's deposit (`ActivityDeposit`), held from its publisher until the activity
		/// is cancelled or its check-ins are reaped.
		ActivityDeposit,
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

	/// The registration deposit each provider holds (`ProviderDeposit` when it registered).
	/// Present exactly while held: released by `withdraw_provider`, burnt by
	/// `release_registration_code`. Providers of the genesis registry hold none.
	#[pallet::storage]
	pub type ProviderDeposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>>;

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

	/// The person (`person_hash`) of each resident number ever issued: the inverse of
	/// [`PersonIndex`], kept for good like it. Lets `is_staff_of` find a resident's person in one
	/// read, whatever account they use.
	#[pallet::storage]
	pub type ResidentPersons<T: Config> = StorageMap<_, Twox64Concat, ResidentId, H256>;

	/// Moves waiting for the destination to accept them, by the resident's account: at most
	/// one per resident. Removed when accepted, cancelled, superseded by a direct move, or when
	/// the resident is retired or re-keyed; a lapsed one is overwritten by the next request or
	/// cleared by anyone.
	#[pallet::storage]
	pub type PendingMoves<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PendingMoveOf<T>>;

	/// Account replacements (lost key) announced and not yet enacted, by the resident's current
	/// account: at most one per resident. Removed when enacted or cancelled, when the resident
	/// is retired, or when they move to another office.
	#[pallet::storage]
	pub type PendingReplacements<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PendingReplacementOf<T>>;

	/// The new account of each pending replacement → the resident's current account: one
	/// pending replacement per new account. Exactly mirrors [`PendingReplacements`].
	#[pallet::storage]
	pub type ReplacementTargets<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId>;

	/// The providers that declared each person (by `person_hash`) as staff, at most
	/// `MaxEmployers`: the reverse of [`ProviderStaff`], so that `employers_of` is one read.
	#[pallet::storage]
	pub type PersonEmployers<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		H256,
		BoundedVec<T::AccountId, T::MaxEmployers>,
		ValueQuery,
	>;

	/// Persons (by `person_hash`) each provider declared as its staff (回避):
	/// `(provider, person_hash) → ()`; at most `MaxStaff` per provider (counted in the
	/// provider record). Staff may not vote on, redeem with or rate their provider.
	#[pallet::storage]
	pub type ProviderStaff<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		H256,
		(),
		OptionQuery,
	>;

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

	/// The deposit held for each activity: who paid it (its publisher) and how much
	/// (`ActivityDeposit`). Present exactly while held: released when the activity is cancelled
	/// or once `reap_check_ins` has removed its last check-in.
	#[pallet::storage]
	pub type ActivityDeposits<T: Config> =
		StorageMap<_, Twox64Concat, ActivityId, (T::AccountId, BalanceOf<T>)>;

	/// Each resident's ring member keys (成员公钥, for anonymous ballots and survey answers):
	/// the current one last, with the one before it, each with the block it was set in, so
	/// that the key in force when an item opened is still known after a change. Keyed by
	/// `ResidentId`: a new account (lost key) or a move keeps the keys; retiring the resident
	/// removes them. No entry: the resident has set no key.
	#[pallet::storage]
	pub type MemberKeys<T: Config> = StorageMap<_, Twox64Concat, ResidentId, MemberKeyHistoryOf<T>>;

	/// Which resident holds each member key in their [`MemberKeys`] history: a key belongs to
	/// one resident at a time. Exactly mirrors [`MemberKeys`]; an entry goes when its key
	/// leaves the history (a second change) or the resident is retired.
	#[pallet::storage]
	pub type MemberKeyOwners<T: Config> = StorageMap<_, Blake2_128Concat, MemberKey, ResidentId>;

	/// The residents who hold a member key, filed by office and community, with the block they
	/// were registered in their community: the walk an anonymous item collects its rings'
	/// members from (`CommunityRegistry::member_keys_in`, in this map's storage order). An entry
	/// exists exactly while the resident's [`MemberKeys`] does; a move files it again.
	#[pallet::storage]
	pub type KeyHolders<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, OfficeId>,
			NMapKey<Twox64Concat, CommunityId>,
			NMapKey<Twox64Concat, ResidentId>,
		),
		BlockNumberFor<T>,
	>;

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
			/// The deposit held from its account (`ProviderDeposit`).
			deposit: BalanceOf<T>,
		},
		/// A provider left the registry (`withdraw_provider`): its record, its registration
		/// code and its approval records are gone and its deposit is back in its account.
		ProviderWithdrawn {
			/// The former provider's account.
			provider: T::AccountId,
			/// The deposit released to it (0 for a provider of the genesis registry, or one
			/// whose code was released and its deposit burnt).
			deposit_released: BalanceOf<T>,
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
		/// A resident was retired; the account lost its provider reference and their member
		/// keys were removed.
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
		/// The side a resident leaves asked to move them; the destination may accept until
		/// `expires_at`.
		MoveRequested {
			/// The resident number.
			resident: ResidentId,
			/// The resident's account.
			who: T::AccountId,
			/// Their community now.
			from: CommunityId,
			/// The destination community.
			to: CommunityId,
			/// Who asked: the resident, an officer of `from` or the admin of its office.
			requested_by: T::AccountId,
			/// The first block at which the request can no longer be accepted.
			expires_at: BlockNumberFor<T>,
		},
		/// A pending move was withdrawn, refused, cleared after lapsing, or dropped because the
		/// resident was moved otherwise, re-keyed or retired.
		MoveCancelled {
			/// The resident number.
			resident: ResidentId,
			/// The resident's account.
			who: T::AccountId,
			/// The destination that had been requested.
			to: CommunityId,
		},
		/// The office proposed to move a resident's record to a new account (lost key); anyone
		/// may enact it from `effective_at` unless it is cancelled before.
		ReplacementProposed {
			/// The resident number.
			resident: ResidentId,
			/// The resident's account now.
			old: T::AccountId,
			/// The proposed new account.
			new: T::AccountId,
			/// The first block at which it may be enacted.
			effective_at: BlockNumberFor<T>,
		},
		/// A proposed account replacement was cancelled (by the resident or their office, or
		/// because the resident moved to another office or was retired).
		ReplacementCancelled {
			/// The resident number.
			resident: ResidentId,
			/// The resident's account (unchanged).
			old: T::AccountId,
			/// The account that had been proposed.
			new: T::AccountId,
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
			/// The deposit held from the publisher (`ActivityDeposit`).
			deposit: BalanceOf<T>,
		},
		/// An activity's deposit went back to whoever published it: the activity was cancelled,
		/// or its check-ins have all been reaped.
		ActivityDepositReleased {
			/// The activity.
			activity: ActivityId,
			/// Who paid the deposit (its publisher).
			who: T::AccountId,
			/// How much was released.
			amount: BalanceOf<T>,
		},
		/// An activity was cancelled: no more check-ins; its place in the open index is free.
		ActivityCancelled {
			/// The activity.
			activity: ActivityId,
			/// Its community.
			community: CommunityId,
			/// Who cancelled it.
			by: T::AccountId,
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
		/// A registration code was released: another organization may now register with it.
		/// The provider that held it is suspended in every office and can never be approved
		/// again.
		RegistrationCodeReleased {
			/// The released code's hash.
			registration_code_hash: H256,
			/// The provider that held it.
			provider: T::AccountId,
			/// Its registration deposit, burnt: squatting a code costs the deposit (0 if it
			/// held none, as a provider of the genesis registry).
			deposit_burnt: BalanceOf<T>,
		},
		/// A provider declared persons as its staff (回避).
		StaffDeclared {
			/// The provider.
			provider: T::AccountId,
			/// The persons declared by this call (salted ID-document hashes).
			person_hashes: StaffListOf<T>,
			/// How many persons it has declared now.
			staff: u32,
		},
		/// A provider withdrew staff declarations.
		StaffRemoved {
			/// The provider.
			provider: T::AccountId,
			/// The persons withdrawn by this call.
			person_hashes: StaffListOf<T>,
			/// How many persons it has declared now.
			staff: u32,
		},
		/// A resident set their ring member key (成员公钥), in force from this block. Keys are
		/// public (an anonymous item's rings list them); the aliases a key votes under are not
		/// linkable to it.
		MemberKeySet {
			/// The resident number.
			resident: ResidentId,
			/// The new key.
			key: MemberKey,
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
		/// The activity would start more than `MaxLeadTime` blocks from now.
		StartsTooLate,
		/// The activity has been cancelled.
		ActivityCancelled,
		/// The caller may not cancel this activity: it is neither an officer of its community,
		/// nor the admin of its office, nor the provider that published it (still approved
		/// there).
		NotActivityManager,
		/// The caller may not ask for this move: it is not the resident, nor the admin of their
		/// office, nor — for a move within the office — an officer of their community.
		NotLeavingSide,
		/// The caller may not accept this move: it is not the admin of the destination's
		/// office, nor — for a move within the office — an officer of the destination.
		NotAcceptingSide,
		/// A move of this resident is already waiting for acceptance; cancel it first or let
		/// it lapse.
		MoveAlreadyRequested,
		/// No move of this resident is waiting for acceptance.
		NoPendingMove,
		/// The move request has lapsed (`MoveRequestTtl`); the leaving side may request again.
		MoveExpired,
		/// Whoever requested the move no longer holds the role that entitled them to (e.g. an
		/// officer removed since); the leaving side must request again.
		RequesterNoLongerEntitled,
		/// The caller may not cancel this move: it is on neither side (and the request has not
		/// lapsed).
		NotPartyToMove,
		/// A replacement of this resident's account is already announced.
		ReplacementAlreadyProposed,
		/// The new account is already proposed in another pending replacement.
		AccountInPendingReplacement,
		/// No replacement of this account is announced.
		NoPendingReplacement,
		/// The caller may not cancel this replacement: it is neither the resident's current
		/// account nor the admin of their office.
		NotReplacementParty,
		/// The replacement's public notice (`ReplacementNotice`) is not over yet.
		NoticeNotOver,
		/// The account is a provider: a provider's account cannot be a resident too (回避).
		AccountIsProvider,
		/// The account is a resident: a resident's account cannot be a provider too (回避).
		AccountIsResident,
		/// No provider holds this registration-code hash.
		UnknownRegistrationCode,
		/// The caller is not the admin of an office in which this provider is approved or
		/// suspended.
		NotOfficeOfProvider,
		/// The provider's registration code was released: it can never be approved again.
		RegistrationCodeReleased,
		/// The list of person hashes is empty.
		EmptyStaffList,
		/// The list names a person twice.
		DuplicateStaff,
		/// A person in the list is already declared as this provider's staff.
		StaffAlreadyDeclared,
		/// A person in the list is not declared as this provider's staff.
		StaffNotDeclared,
		/// The provider would have more than `MaxStaff` persons declared.
		TooManyStaff,
		/// A person in the list is already declared staff by `MaxEmployers` providers.
		TooManyEmployers,
		/// The caller can't pay the deposit (`ProviderDeposit` to register as a provider,
		/// `ActivityDeposit` to publish an activity): its free balance is too low.
		InsufficientDeposit,
		/// The provider is still approved in an office: it may leave only once every office
		/// that approved it has suspended it.
		StillApproved,
		/// The provider still has staff declared (回避): withdraw them first (`remove_staff`).
		StaffStillDeclared,
		/// The member key is not a valid bandersnatch public key (成员公钥无效).
		InvalidMemberKey,
		/// The proof of possession is not a signature by the member key over this account's
		/// message (`gongzhi/member-key` and the account): the key was made for another account,
		/// or the proof is wrong (持有证明无效).
		InvalidMemberKeyProof,
		/// The member key is registered already: by another resident, or as this resident's
		/// previous key (成员公钥已被登记).
		MemberKeyTaken,
		/// The member key is the resident's current key already: nothing to change.
		MemberKeyUnchanged,
		/// The resident changed their member key less than `MemberKeyCooldown` blocks ago
		/// (更换过于频繁); try again later.
		MemberKeyChangedRecently,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxNameLen::get() > 0, "MaxNameLen must allow a name");
			assert!(T::MaxOfficers::get() > 0, "MaxOfficers must allow an officer");
			assert!(T::MaxProviderOffices::get() > 0, "MaxProviderOffices must allow an office");
			assert!(T::MaxOpenActivities::get() > 0, "MaxOpenActivities must allow an activity");
			// A zero lead time would allow only activities starting in their block of
			// publication; zero TTL or notice would make moves unacceptable and replacements
			// enactable with no notice at all (the guarantee the notice gives).
			assert!(!T::MaxLeadTime::get().is_zero(), "MaxLeadTime must be positive");
			assert!(!T::MoveRequestTtl::get().is_zero(), "MoveRequestTtl must be positive");
			assert!(!T::ReplacementNotice::get().is_zero(), "ReplacementNotice must be positive");
			assert!(T::MaxStaff::get() > 0, "MaxStaff must allow a staff member");
			assert!(T::MaxStaffPerCall::get() > 0, "MaxStaffPerCall must allow a staff member");
			assert!(T::MaxEmployers::get() > 0, "MaxEmployers must allow an employer");
			assert!(
				T::MaxStaffPerCall::get() <= T::MaxStaff::get(),
				"MaxStaffPerCall must not exceed MaxStaff"
			);
			// Two changes in one block would give two records the same `since`: which key was
			// in force then could not be told. It is also what bounds a resident's free calls.
			assert!(!T::MemberKeyCooldown::get().is_zero(), "MemberKeyCooldown must be positive");
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

		/// Registers the caller as a provider (社会组织). An office must then approve it before
		/// it may act there.
		///
		/// Origin: the provider's own account. Holds `ProviderDeposit` (押金) from it until it
		/// leaves (`withdraw_provider`); the deposit is burnt if its code is released as
		/// squatted. Fails if it is already a provider, if it is a resident (a resident's account
		/// cannot be a provider too: 回避), if another provider holds the same code hash, if the
		/// name is invalid, or if it can't pay the deposit (`InsufficientDeposit`).
		///
		/// - `name`: the organization's name, UTF-8.
		/// - `registration_code_hash`: salted hash of its registration code (统一社会信用代码).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::register_provider().saturating_add(deposit_weight::<T::DbWeight>(1)))]
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
		/// is not its admin, if the provider is unknown or already approved there, if its
		/// registration code was released, or if it already has records in `MaxProviderOffices`
		/// offices.
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
		/// the caller is not its officer, if `who` already is a resident or is a provider (a
		/// provider's account cannot be a resident too: 回避), or if `person_hash` belongs to a
		/// current resident.
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
		/// provider reference, their ring member keys are removed (no later item's ring lists
		/// them). The resident number stays reserved for the person.
		///
		/// Origin: an officer of the resident's community. Fails if `who` is not a resident,
		/// if the caller is not an officer there, or if the account still has consumers. A
		/// pending move or account replacement of the resident is dropped.
		///
		/// - `who`: the resident's account.
		#[pallet::call_index(11)]
		pub fn retire_resident(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let officer = ensure_signed(origin)?;
			Self::do_retire_resident(officer, who)
		}

		// Call indices 12 (`move_resident` by the destination alone) and 13 (`replace_account`
		// by one officer) are retired and never reused: see `request_move`/`accept_move`,
		// `move_resident` (index 21) and `propose_replacement`/`enact_replacement`.

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

		/// Publishes a community activity (活动数据上链); residents of the community may check
		/// in from `starts_at` to `ends_at` (both included).
		///
		/// Origin: an officer of `community`, or a provider approved in its office. Holds
		/// `ActivityDeposit` (押金) from the caller until the activity is cancelled or its
		/// check-ins are reaped after `CheckInRetention` (`reap_check_ins`). Fails if the
		/// community is unknown or retired, if the caller has neither role, if the window is
		/// inverted, already over, longer than `MaxActivityDuration` or starts more than
		/// `MaxLeadTime` blocks from now, if the community has `MaxOpenActivities` activities
		/// that have not ended (cancelling one frees its place), or if the caller can't pay the
		/// deposit (`InsufficientDeposit`).
		///
		/// - `community`: the community.
		/// - `kind`: what kind of activity.
		/// - `content_hash`: hash of the description document (off chain).
		/// - `starts_at`: first block of the check-in window.
		/// - `ends_at`: last block of the check-in window.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::publish_activity().saturating_add(deposit_weight::<T::DbWeight>(1)))]
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
		/// activity is unknown or cancelled, if the caller is not a resident of its community,
		/// if its window is not open now, or if this resident has already checked in.
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
		/// more, so nothing is lost but the per-resident detail. Once none are left, the
		/// activity's deposit goes back to its publisher (`ActivityDepositReleased`): for an
		/// activity nobody checked in at, this call only releases the deposit.
		///
		/// Origin: any signed account. Costs the removal of `limit` records and the release of
		/// the deposit; the unused part is refunded. Fails if the activity is unknown, if its
		/// retention period is not over, or if neither records nor a deposit are left
		/// (`NothingToReap`).
		///
		/// - `activity`: the activity.
		/// - `limit`: most records to remove in this call.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::reap_check_ins(*limit).saturating_add(deposit_weight::<T::DbWeight>(1)))]
		pub fn reap_check_ins(
			origin: OriginFor<T>,
			activity: ActivityId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_check_ins(activity, limit)
		}

		/// Asks to move a resident to another community: the first of two steps, taken by the
		/// side the resident leaves. The destination accepts with `accept_move` before the
		/// request lapses (`MoveRequestTtl`); either side may `cancel_move` it meanwhile.
		///
		/// Origin: the resident themselves (their own account), the admin of their office, or —
		/// for a move within the office only — an officer of their community. Across offices an
		/// officer alone is not enough: the office speaks for the side left. Free for the
		/// resident when it succeeds; at most one request per resident is pending, so a
		/// resident gets at most one free request per `MoveRequestTtl` unless someone else
		/// clears it. Fails if `who` is not a resident, if `to` is unknown, retired or their
		/// community already, if the caller may not speak for the side left, or if a request
		/// that has not lapsed is pending.
		///
		/// - `who`: the resident's account.
		/// - `to`: the destination community.
		#[pallet::call_index(18)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, who: &T::AccountId, to: &CommunityId| -> bool {
			ensure_signed(origin.clone()).is_ok_and(|caller| {
				caller == *who && Pallet::<T>::ensure_request_move(&caller, who, *to).is_ok()
			})
		})]
		pub fn request_move(
			origin: OriginFor<T>,
			who: T::AccountId,
			to: CommunityId,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_request_move(caller, who, to)
		}

		/// Accepts a requested move: the resident moves to the destination community and
		/// `registered_at` restarts now, so a moved-in resident cannot sway a survey or ballot
		/// that was already open. Across offices a pending account replacement of the resident
		/// lapses (the new office decides on its own).
		///
		/// Origin: the admin of the destination's office, or — for a move within the office
		/// only — an officer of the destination. Fails if no move of `who` is pending, if it has
		/// lapsed, if the destination was retired since, if the caller may not speak for the
		/// destination, or if whoever requested the move no longer holds the role that entitled
		/// them to.
		///
		/// - `who`: the resident's account.
		#[pallet::call_index(19)]
		pub fn accept_move(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_accept_move(caller, who)
		}

		/// Withdraws or refuses a pending move.
		///
		/// Origin: anyone entitled on either side now (the resident, their office's admin or,
		/// within the office, an officer of their community; the destination's office admin
		/// or, within the office, an officer of the destination); once the request has lapsed,
		/// any signed account (to clear it). Fails if no move of `who` is pending or if the
		/// caller is on neither side of one that has not lapsed.
		///
		/// - `who`: the resident's account.
		#[pallet::call_index(20)]
		pub fn cancel_move(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_cancel_move(caller, who)
		}

		/// Moves a resident to another community in one step, for an account entitled on both
		/// sides at once: typically the admin of an office moving a resident between two of
		/// its own communities (or the admin of both offices). `registered_at` restarts now; a
		/// pending move of the resident is dropped; across offices a pending account
		/// replacement lapses.
		///
		/// Origin: an account that may both request (`request_move`) and accept
		/// (`accept_move`) this move. Fails if `who` is not a resident, if `to` is unknown,
		/// retired or their community already, or if the caller is not entitled on both sides.
		///
		/// - `who`: the resident's account.
		/// - `to`: the destination community.
		#[pallet::call_index(21)]
		pub fn move_resident(
			origin: OriginFor<T>,
			who: T::AccountId,
			to: CommunityId,
		) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_move_resident(caller, who, to)
		}

		/// Announces the replacement of a resident's account after a lost key. Nothing changes
		/// before `ReplacementNotice` blocks have passed: meanwhile the resident (if they still
		/// hold `old`) or the office may cancel it; then anyone enacts it with
		/// `enact_replacement`.
		///
		/// Origin: the admin of the resident's office (not an officer: one officer cannot take
		/// a record over). Fails if `old` is not a resident, if the caller is not the admin of
		/// their office, if a replacement of `old` is already announced, if `new` is a resident,
		/// a provider or the new account of another pending replacement, or if `old` still has
		/// consumers.
		///
		/// - `old`: the lost account.
		/// - `new`: the resident's new account.
		#[pallet::call_index(22)]
		pub fn propose_replacement(
			origin: OriginFor<T>,
			old: T::AccountId,
			new: T::AccountId,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			Self::do_propose_replacement(admin, old, new)
		}

		/// Cancels an announced account replacement that has not been enacted.
		///
		/// Origin: the resident's current account `old` (free when it succeeds: a resident
		/// holds no tokens, and this is how they stop a replacement they did not ask for), or
		/// the admin of the resident's office. Fails if no replacement of `old` is announced or
		/// if the caller is neither.
		///
		/// - `old`: the resident's current account.
		#[pallet::call_index(23)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, old: &T::AccountId| -> bool {
			ensure_signed(origin.clone()).is_ok_and(|caller| {
				caller == *old && Pallet::<T>::ensure_cancel_replacement(&caller, old).is_ok()
			})
		})]
		pub fn cancel_replacement(origin: OriginFor<T>, old: T::AccountId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_cancel_replacement(caller, old)
		}

		/// Enacts an announced account replacement once its notice is over: the record, with
		/// its resident number, community, `registered_at` and history, moves to the new
		/// account, and so does the provider reference. A pending move of the resident is
		/// dropped.
		///
		/// Origin: any signed account. Fails if no replacement of `old` is announced, if its
		/// notice is not over, if the new account has become a resident or a provider since, or
		/// if `old` still has consumers.
		///
		/// - `old`: the resident's current (lost) account.
		#[pallet::call_index(24)]
		pub fn enact_replacement(origin: OriginFor<T>, old: T::AccountId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_enact_replacement(old)
		}

		/// Cancels an activity that has not ended: residents can no longer check in (check-ins
		/// made before stay counted) and its place in the community's open index is freed.
		///
		/// Origin: an officer of the activity's community, the admin of its office, or the
		/// provider that published it while still approved in that office. Power comes from the
		/// role held now: a publisher that lost its role cannot cancel. Whoever cancels, the
		/// activity's deposit goes back to its publisher (`ActivityDepositReleased`). Fails if
		/// the activity is unknown, already cancelled or ended, if its community was retired, or
		/// if the caller holds none of these roles.
		///
		/// - `activity`: the activity.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::cancel_activity().saturating_add(deposit_weight::<T::DbWeight>(1)))]
		pub fn cancel_activity(origin: OriginFor<T>, activity: ActivityId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_activity(who, activity)
		}

		/// Releases a registration code held by a provider (e.g. squatted by an account that is
		/// not the organization), so that the rightful organization may register with it. The
		/// provider that held it keeps its record, marked released, is suspended in every office
		/// it was approved in and can never be approved again: it cannot act anywhere. Its
		/// registration deposit is burnt (罚没): squatting a code costs the deposit. It may then
		/// only leave (`withdraw_provider`, with nothing to get back).
		///
		/// Origin: `AdminOrigin`, or the admin of an office in which the provider is approved
		/// or suspended. Costs reading and suspending up to `MaxProviderOffices` approvals and
		/// burning the deposit; the unused part is refunded. Fails if no provider holds the
		/// code, or if a signed caller is not the admin of such an office.
		///
		/// - `registration_code_hash`: the hash of the code to release.
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::release_registration_code(T::MaxProviderOffices::get()).saturating_add(deposit_weight::<T::DbWeight>(1)))]
		pub fn release_registration_code(
			origin: OriginFor<T>,
			registration_code_hash: H256,
		) -> DispatchResultWithPostInfo {
			let caller = Self::admin_origin_or_signed(origin)?;
			Self::do_release_registration_code(caller, registration_code_hash)
		}

		/// Declares persons as the calling provider's staff (回避): they may then not vote in a
		/// project it bids in, redeem a voucher with it or rate it, whatever account or
		/// community they have.
		///
		/// Origin: a registered provider. Fails if the caller is not a provider, if the list is
		/// empty or names a person twice, if a person is already declared, or if the provider
		/// would have more than `MaxStaff` persons declared.
		///
		/// - `person_hashes`: the persons' salted ID-document hashes (as residents are
		///   registered with), at most `MaxStaffPerCall`.
		#[pallet::call_index(27)]
		#[pallet::weight(T::WeightInfo::declare_staff(person_hashes.len() as u32))]
		pub fn declare_staff(
			origin: OriginFor<T>,
			person_hashes: StaffListOf<T>,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_declare_staff(provider, person_hashes)
		}

		/// Withdraws staff declarations of the calling provider (the persons left it).
		///
		/// Origin: a registered provider. Fails if the caller is not a provider, if the list is
		/// empty or names a person twice, or if a person is not declared as its staff.
		///
		/// - `person_hashes`: the persons' hashes, at most `MaxStaffPerCall`.
		#[pallet::call_index(28)]
		#[pallet::weight(T::WeightInfo::remove_staff(person_hashes.len() as u32))]
		pub fn remove_staff(origin: OriginFor<T>, person_hashes: StaffListOf<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_remove_staff(provider, person_hashes)
		}

		/// Leaves the registry as a provider (退出): the calling provider's record, its
		/// registration code (free again for the organization to register with) and its approval
		/// records are removed, and its deposit (`ProviderDeposit`) comes back to it
		/// (`ProviderWithdrawn`).
		///
		/// To the other pallets a withdrawn provider is like a suspended one: it is approved
		/// nowhere, so it can neither bid, confirm a redemption nor publish, and nothing it left
		/// pending (a bid, a redemption waiting for its confirmation) becomes confirmable by
		/// leaving. That is why it may leave only once it is approved in no office: an office
		/// that approved it must suspend it first, after settling what is open with it. The
		/// account may register again later, with a new deposit.
		///
		/// Origin: the provider itself. Costs reading and removing up to `MaxProviderOffices`
		/// approval records and releasing the deposit; the unused part is refunded. Fails if the
		/// caller is not a provider (`UnknownProvider`), if it is still approved in an office
		/// (`StillApproved`), or if it still has staff declared (`StaffStillDeclared`: withdraw
		/// them first with `remove_staff`).
		#[pallet::call_index(29)]
		#[pallet::weight(T::WeightInfo::withdraw_provider(T::MaxProviderOffices::get()).saturating_add(deposit_weight::<T::DbWeight>(1)))]
		pub fn withdraw_provider(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let provider = ensure_signed(origin)?;
			Self::do_withdraw_provider(provider)
		}

		/// Sets the calling resident's ring member key (设置成员公钥): the public key under
		/// which they may later vote or answer a survey anonymously. An anonymous item's rings
		/// list the keys in force when it opened, so a key set now counts for items that open
		/// later; a changed key takes over for them, and the registry keeps the previous key
		/// for the items opened before the change. The resident app makes the key on the phone
		/// from 32 random bytes, kept there (back them up like a wallet's seed).
		///
		/// Origin: a registered resident, for themselves. Free when it succeeds; the key may be
		/// changed at most once per `MemberKeyCooldown` blocks (a day), the first key at any
		/// time. Fails if the caller is not a resident (`NotResident`), if `key` is their current
		/// key already (`MemberKeyUnchanged`), if they changed it less than `MemberKeyCooldown`
		/// blocks ago (`MemberKeyChangedRecently`), if another resident holds `key` or it is
		/// their own previous key (`MemberKeyTaken`), if `key` is not a valid key
		/// (`InvalidMemberKey`), or if `proof` does not prove that the caller holds its secret
		/// (`InvalidMemberKeyProof`).
		///
		/// - `key`: the bandersnatch ring-VRF public key (crates.io `verifiable` 0.4,
		///   `BandersnatchVrfVerifiable::member_from_secret`), 32 bytes.
		/// - `proof`: proof of possession, binding the key to the caller's account so that
		///   nobody can register a key copied from another resident: `verifiable`'s
		///   `sign(secret, message)` (64 bytes), where `message` is the Blake2-256 hash of the
		///   18 ASCII bytes `gongzhi/member-key` followed by the caller's SCALE-encoded account
		///   id (32 bytes).
		#[pallet::call_index(30)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, key: &MemberKey, proof: &[u8; 64]| -> bool {
			ensure_signed(origin.clone())
				.is_ok_and(|who| Pallet::<T>::ensure_set_member_key(&who, key, proof).is_ok())
		})]
		pub fn set_member_key(
			origin: OriginFor<T>,
			key: MemberKey,
			proof: [u8; 64],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_member_key(who, key, proof)
		}
	}
}
