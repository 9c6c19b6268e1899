//! # Service vouchers (服务凭单)
//!
//! A street office buys a community service — home care visits, meals for the elderly, after-school
//! tutoring — and hands it out as vouchers. Residents claim them (申领), redeem each with the
//! provider of their choice, the provider confirms the delivery with the hash of its service
//! record, and the office settles the confirmed redemptions with the provider. Every step is a
//! public record, and the counters the office needs to evaluate the programme (and to spot
//! cash-out fraud, 套现) are kept as it goes.
//!
//! ## Programmes
//! An office admin creates a programme ([`Pallet::create_programme`]) either for a contract
//! awarded by a procurement ballot ([`ProgrammeBasis::Award`]: office, scope and the one accepted
//! provider come from the award) or directly ([`ProgrammeBasis::Direct`]: a scope of the office and
//! providers approved in it). It fixes the service name, the unit value (the most the office pays
//! per redemption), a [`ClaimLimit`] per resident or per household, the supply, the claim window
//! `[claim_opens, claim_closes)` and the expiry block (vouchers are usable while
//! `now < expires_at`).
//!
//! "No first-come race": the programme says how its supply is shared ([`Allocation`]).
//! `Entitlement` requires `supply ≥ limit × residents in scope` at creation; `FirstCome` is the
//! office's explicit choice of a smaller supply served in order; `OfficeIssued` programmes are not
//! claimed but issued by the office to the residents it lists.
//!
//! ## Vouchers
//! A voucher is bound to a resident's `ResidentId` — it survives a lost key and a move, and
//! there is no call that transfers it. Its life ([`VoucherState`]):
//!
//! ```text
//!            redeem / redeem_offline            confirm             settle
//!   Issued ───────────────────────▶ Redeemed ──────────▶ Confirmed ──────────▶ Settled
//!     │  ▲                             │   (redeem_offline goes straight to Confirmed)
//!     │  └──── cancel_redemption ──────┘   (resident, after RedemptionTimeout)
//!     │
//!     └──── mark_expired (anyone, once the programme has expired) ──▶ Expired
//! ```
//!
//! A redemption has a [`RedemptionId`](gongzhi_primitives::RedemptionId) of its own, which the
//! satisfaction pallet rates (this pallet implements [`gongzhi_primitives::Redemptions`]). A
//! cancelled redemption is forgotten; the voucher gets its next redemption a new number.
//!
//! ## Offline redemption (QR code)
//! A resident without a connection signs, on their phone, that provider `provider` may redeem
//! voucher `voucher` until block `deadline`; the provider scans the QR code and submits
//! [`Pallet::redeem_offline`], which redeems and confirms in one step (the provider pays the fee).
//! The signed message is
//!
//! ```text
//! b"gongzhi/redeem/v1"              17 ASCII bytes, no length prefix
//! ++ genesis_hash                   32 bytes: the chain's block 0 hash
//! ++ voucher                         8 bytes: u64 little-endian (VoucherId)
//! ++ provider                       32 bytes: the provider's AccountId32 (public key bytes)
//! ++ deadline                        4 bytes: u32 little-endian (the last block it is valid in)
//! ```
//!
//! that is `gongzhi_primitives::signing_bytes(b"gongzhi/redeem/v1", &(genesis_hash, voucher,
//! provider, deadline))` ([`Pallet::offline_redemption_message`] computes it), 93 bytes in all.
//! The signer must be the account that holds the voucher's resident number now; a signature of
//! the bare message or of `<Bytes>message</Bytes>` (what Polkadot.js wallets sign) is accepted.
//! With `@polkadot/util`:
//!
//! ```js
//! import { bnToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
//! import { decodeAddress } from '@polkadot/util-crypto';
//!
//! const message = u8aConcat(
//!   stringToU8a('gongzhi/redeem/v1'),
//!   api.genesisHash.toU8a(),                                // 32 bytes
//!   bnToU8a(voucherId, { bitLength: 64, isLe: true }),      // u64 LE
//!   decodeAddress(providerAddress),                         // 32 bytes
//!   bnToU8a(deadlineBlock, { bitLength: 32, isLe: true }),  // u32 LE
//! );
//! const signature = residentPair.sign(message);             // sr25519 by default
//! // or, in a wallet: signRaw({ address, data: u8aToHex(message), type: 'bytes' })
//! // the provider submits: api.tx.vouchers.redeemOffline(voucherId, deadlineBlock,
//! //   serviceRecordHash, { Sr25519: signature })
//! ```
//!
//! Replay is impossible without a nonce: the payload names the voucher, and an accepted offline
//! redemption moves that voucher from `Issued` straight to `Confirmed`, from which it only ever
//! moves on to `Settled` — never back to `Issued` (only an unconfirmed `Redeemed` voucher can be
//! cancelled, and `redeem_offline` never leaves one). So the same signature can succeed at most
//! once. A signed but unused QR code stays usable until its deadline, which may be at most
//! [`Config::MaxSignatureValidity`] blocks ahead; the genesis hash keeps it to this chain, and a
//! resident who replaces a lost key invalidates what the old key signed.
//!
//! ## Settlement
//! The office settles confirmed redemptions of one programme with one provider in a batch
//! ([`Pallet::settle`]): the amount (at most the redemptions' face value, so an office cannot pay
//! out more than the vouchers were worth) and the hash of the payment reference. Each redemption
//! is settled at most once; the [`Settlement`] record is kept.
//!
//! ## Statistics
//! Per programme ([`ProgrammeStats`]), per provider ([`ProviderStats`]) and redemptions per
//! provider per day ([`RedemptionsPerDay`]), all kept incrementally. Expired vouchers are counted
//! when someone marks them ([`Pallet::mark_expired`], anyone, after the programme's expiry) —
//! until then `unredeemed` includes them. `try_state` recounts everything from the vouchers.
//!
//! ## Retention
//! A programme's per-resident records are not kept for ever. Once it is finished — expired,
//! every voucher settled or marked expired, its deposit released ([`FinishedAt`]) — and
//! [`Config::RetentionPeriod`] blocks have passed, anyone may remove its vouchers (with their
//! redemptions) and its per-beneficiary received counts in batches ([`Pallet::reap_vouchers`]).
//! Nothing of it can change after it is finished, and the retention period is longer than the
//! satisfaction pallet's rating and appeal windows, so no rating or appeal can still need a
//! reaped redemption as evidence. A provider's per-day counters go after
//! [`Config::DailyCountRetention`] ([`Pallet::reap_redemptions_per_day`]). The programme,
//! its statistics, the settlements and the per-provider totals stay; what was removed is
//! counted ([`ReapedRecords`], [`ReapedRedemptions`], [`ReapedDailyCounts`]) so that
//! `try_state` still checks that the records kept and reaped add up to the counters.
//!
//! ## Fees
//! A resident's `claim`, `redeem` and `cancel_redemption` are free exactly when they will succeed
//! (`#[pallet::feeless_if]` runs the same `ensure_*` check the call runs); a failing one pays, so
//! a zero-balance account cannot spam. Everything else pays.

#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use impls::MAX_DAYS_PER_QUERY;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod impls;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// The context tag that opens an offline redemption's signed message.
pub const OFFLINE_REDEMPTION_CONTEXT: &[u8] = b"gongzhi/redeem/v1";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, traits::fungible};
	use frame_system::pallet_prelude::*;
	use gongzhi_primitives::{
		Amount, AwardedContracts, CommunityRegistry, OfficeId, ProgrammeId, ProjectId,
		RedemptionId, ResidentId, Scope, VoucherId, H256,
	};
	use sp_runtime::traits::{IdentifyAccount, Verify, Zero};

	/// The version of this pallet's storage layout, kept on chain. Migrations start from it
	/// (`VersionedMigration`); try-runtime checks that chain and code agree after an upgrade.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the voucher pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Offices, communities, residents and providers (pallet-community).
		type Registry: CommunityRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// Awarded procurement contracts (pallet-procurement), for programmes that deliver one.
		type Contracts: AwardedContracts<Self::AccountId>;

		/// The signature a resident puts on an offline redemption (`MultiSignature`).
		type OffchainSignature: Verify<Signer = Self::OffchainPublic> + Parameter;

		/// The public key behind that signature (`MultiSigner`), whose account is the resident's.
		type OffchainPublic: IdentifyAccount<AccountId = Self::AccountId>;

		/// Makes keys and signatures for the benchmark of `redeem_offline`.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkSigner: gongzhi_primitives::benchmarking::OffchainSigner<
			Self::OffchainPublic,
			Self::OffchainSignature,
		>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// The longest service name, in bytes of UTF-8 (a name, not a description: 64 is plenty).
		#[pallet::constant]
		type MaxServiceNameLen: Get<u32>;

		/// The most providers one programme accepts; redeeming checks the list, so keep it short
		/// (16 covers a district's providers of one service).
		#[pallet::constant]
		type MaxProviders: Get<u32>;

		/// The most residents in one `issue` call (the call's weight grows with it).
		#[pallet::constant]
		type MaxIssueBatch: Get<u32>;

		/// The most redemptions settled in one `settle` call (and kept in one settlement record).
		#[pallet::constant]
		type MaxSettleBatch: Get<u32>;

		/// The most vouchers marked expired in one `mark_expired` call.
		#[pallet::constant]
		type MaxExpireBatch: Get<u32>;

		/// The most vouchers a resident holds at once (unused, or redeemed and unconfirmed). It
		/// bounds the per-resident index behind `vouchers_of`; a claim or issue beyond it fails with
		/// `TooManyVouchers` until vouchers are used or marked expired. It also caps a programme's
		/// limit.
		#[pallet::constant]
		type MaxVouchersPerResident: Get<u32>;

		/// The most confirmed redemptions remembered per resident for `redemptions_of` (the
		/// oldest is dropped; the redemptions themselves stay).
		#[pallet::constant]
		type MaxRecentRedemptions: Get<u32>;

		/// The most claimable programmes an office has at once (claim window open or upcoming).
		/// It bounds the index behind `claimable_for`; programmes leave it when their window
		/// closes. `OfficeIssued` programmes don't count.
		#[pallet::constant]
		type MaxOpenProgrammes: Get<u32>;

		/// How long a provider has to confirm a redemption before the resident may cancel it and
		/// use the voucher again.
		#[pallet::constant]
		type RedemptionTimeout: Get<BlockNumberFor<Self>>;

		/// Blocks per day, for the redemptions-per-provider-per-day counters (must not be zero).
		#[pallet::constant]
		type BlocksPerDay: Get<BlockNumberFor<Self>>;

		/// How far ahead an offline redemption's deadline may be: a QR code signed on a phone is
		/// good for at most this many blocks. Shorter than `RedemptionTimeout` (checked by
		/// `integrity_test`), so that a QR code shown once can't outlive the wait after which a
		/// pending online redemption of the same voucher may be cancelled.
		#[pallet::constant]
		type MaxSignatureValidity: Get<BlockNumberFor<Self>>;

		/// How far ahead a programme's claim window may open, in blocks (e.g. 30 days). A
		/// claimable programme holds one of its office's `MaxOpenProgrammes` places until its
		/// window closes, so a far-future window could otherwise hold a place for ever.
		#[pallet::constant]
		type MaxLeadTime: Get<BlockNumberFor<Self>>;

		/// How many programmes one award may fund (e.g. 4): an award is one contract, delivered
		/// by a handful of programmes at most (batches, top-ups), never an open tap.
		#[pallet::constant]
		type MaxProgrammesPerAward: Get<u32>;

		/// How many times a resident may cancel a pending redemption of one voucher and redeem
		/// it online again (e.g. 2). `redeem` and `cancel_redemption` are free, so the cycle must
		/// not be repeatable without limit; past it, the voucher can still be redeemed offline
		/// (the provider submits the QR code and pays).
		#[pallet::constant]
		type MaxCancellations: Get<u8>;

		/// The chain's token, from which a programme's deposit is held.
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// What creating a programme holds from the office admin account that creates it.
		/// Released by `release_programme_deposit` once the programme has expired and every
		/// voucher it handed out is settled or marked expired.
		#[pallet::constant]
		type ProgrammeDeposit: Get<BalanceOf<Self>>;

		/// How long a finished programme's per-resident records (its vouchers with their
		/// redemptions, its per-beneficiary received counts) are kept, in blocks counted from
		/// the block its deposit was released (`FinishedAt`), before anyone may remove them with
		/// `reap_vouchers` (e.g. 180 days). The programme, its statistics and its settlements
		/// stay.
		///
		/// Safe by construction: a programme is finished only once it has expired and every
		/// voucher is settled or marked expired, so nothing can be redeemed, confirmed or
		/// settled after `FinishedAt`; every confirmation happened before it. The satisfaction
		/// pallet rates a redemption at most `RatingWindow` blocks after its confirmation and
		/// appeals at most `AppealWindow` blocks after that, so a `RetentionPeriod` longer than
		/// their sum keeps the evidence (who was served, by whom) until every rating and appeal
		/// window of the programme has closed. The runtime asserts that (`runtime/tests`).
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// How long a provider's per-day redemption counter (`RedemptionsPerDay`) is kept, in
		/// blocks counted from the end of its day, before `reap_redemptions_per_day` may remove
		/// it (e.g. 365 days: a year of cash-out signals). The provider's totals stay.
		#[pallet::constant]
		type DailyCountRetention: Get<BlockNumberFor<Self>>;

		/// The most records one `reap_vouchers` or `reap_redemptions_per_day` call may remove
		/// (e.g. 100): it bounds that call's weight.
		#[pallet::constant]
		type MaxReapBatch: Get<u32>;
	}

	/// An amount of the chain's token, as the pallet's `Currency` counts it.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a voucher programme, held from the office admin who created it.
		ProgrammeDeposit,
	}

	/// A voucher as stored.
	pub type VoucherOf<T> = Voucher<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
	/// A voucher's state as stored.
	pub type VoucherStateOf<T> =
		VoucherState<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The number the next programme gets.
	#[pallet::storage]
	pub type NextProgrammeId<T> = StorageValue<_, ProgrammeId, ValueQuery>;

	/// Every programme, by number. Kept for good.
	#[pallet::storage]
	pub type Programmes<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, Programme<T>>;

	/// Each programme's service name, apart from the record that claims and redemptions read.
	#[pallet::storage]
	pub type ServiceNames<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, BoundedVec<u8, T::MaxServiceNameLen>>;

	/// Each programme's counters (zero until something happens).
	#[pallet::storage]
	pub type ProgrammeStatistics<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, ProgrammeStats, ValueQuery>;

	/// Per office, the claimable programmes whose claim window has not closed, with the block it
	/// closes at. At most `MaxOpenProgrammes`; pruned when a programme is added.
	#[pallet::storage]
	pub type OpenProgrammes<T: Config> = StorageMap<
		_,
		Twox64Concat,
		OfficeId,
		BoundedVec<(ProgrammeId, BlockNumberFor<T>), T::MaxOpenProgrammes>,
		ValueQuery,
	>;

	/// How many vouchers of a programme each resident or household has received (claimed or
	/// issued): the limit is checked against it. One entry per beneficiary of a programme,
	/// removed by `reap_vouchers` after the finished programme's `RetentionPeriod`.
	#[pallet::storage]
	pub type Received<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ProgrammeId,
		Blake2_128Concat,
		Beneficiary,
		u32,
		ValueQuery,
	>;

	/// The number the next voucher gets.
	#[pallet::storage]
	pub type NextVoucherId<T> = StorageValue<_, VoucherId, ValueQuery>;

	/// What the programmes made from each award have used of it: how many programmes and how
	/// much face value (unit value × supply, summed). Bounded by `MaxProgrammesPerAward` and the
	/// award's price.
	#[pallet::storage]
	pub type AwardUsage<T: Config> = StorageMap<_, Twox64Concat, ProjectId, AwardUse, ValueQuery>;

	/// The deposit held for each programme: who paid and how much. Present exactly while held.
	#[pallet::storage]
	pub type ProgrammeDeposits<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, (T::AccountId, BalanceOf<T>)>;

	/// Every voucher, by number. Kept until its finished programme's `RetentionPeriod` is over
	/// (the satisfaction pallet rates its redemption until then), then `reap_vouchers` removes
	/// it.
	#[pallet::storage]
	pub type Vouchers<T: Config> = StorageMap<_, Twox64Concat, VoucherId, VoucherOf<T>>;

	/// Per resident, the vouchers in hand: unused, or redeemed and not yet confirmed. At most
	/// `MaxVouchersPerResident`. A voucher leaves when it is confirmed or marked expired; an
	/// emptied list is removed.
	#[pallet::storage]
	pub type VouchersOf<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ResidentId,
		BoundedVec<VoucherId, T::MaxVouchersPerResident>,
		ValueQuery,
	>;

	/// The number the next redemption gets.
	#[pallet::storage]
	pub type NextRedemptionId<T> = StorageValue<_, RedemptionId, ValueQuery>;

	/// The voucher of each redemption that has not been cancelled (nor reaped with its voucher);
	/// the voucher's state says the rest.
	#[pallet::storage]
	pub type RedemptionVoucher<T: Config> = StorageMap<_, Twox64Concat, RedemptionId, VoucherId>;

	/// Per resident, the most recent confirmed redemptions (at most `MaxRecentRedemptions`, the
	/// oldest first), for `redemptions_of`.
	#[pallet::storage]
	pub type RecentRedemptions<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ResidentId,
		BoundedVec<RedemptionId, T::MaxRecentRedemptions>,
		ValueQuery,
	>;

	/// Each provider's counters over every programme.
	#[pallet::storage]
	pub type ProviderStatistics<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ProviderStats, ValueQuery>;

	/// Redemptions (not cancelled) per provider per day — a cash-out signal: a provider redeeming
	/// far more a day than it can serve. A counter per (provider, day) with redemptions; its
	/// entries, with those `reap_redemptions_per_day` removed after `DailyCountRetention`, sum
	/// to the provider's `redemptions`.
	#[pallet::storage]
	pub type RedemptionsPerDay<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		DayIndex,
		u32,
		ValueQuery,
	>;

	/// The number the next settlement gets.
	#[pallet::storage]
	pub type NextSettlementId<T> = StorageValue<_, SettlementId, ValueQuery>;

	/// Every settlement record, by number. Kept for good.
	#[pallet::storage]
	pub type Settlements<T: Config> = StorageMap<_, Twox64Concat, SettlementId, Settlement<T>>;

	/// Per programme, the vouchers it handed out (an index, so that `reap_vouchers` finds them
	/// without iterating every voucher). An entry exists exactly for each stored voucher.
	#[pallet::storage]
	pub type ProgrammeVouchers<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProgrammeId, Twox64Concat, VoucherId, ()>;

	/// The block at which each finished programme's deposit was released: from then on nothing
	/// of it can change, and its `RetentionPeriod` runs. Kept for good (one entry per finished
	/// programme).
	#[pallet::storage]
	pub type FinishedAt<T: Config> = StorageMap<_, Twox64Concat, ProgrammeId, BlockNumberFor<T>>;

	/// Per programme, what `reap_vouchers` has removed (absent until something is).
	#[pallet::storage]
	pub type ReapedRecords<T: Config> =
		StorageMap<_, Twox64Concat, ProgrammeId, ReapedVouchers, ValueQuery>;

	/// Per provider, the redemptions whose vouchers `reap_vouchers` has removed (all settled):
	/// with the stored vouchers they add up to the provider's counters.
	#[pallet::storage]
	pub type ReapedRedemptions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Per provider, how far `reap_redemptions_per_day` has removed its per-day counters and
	/// how many redemptions they held.
	#[pallet::storage]
	pub type ReapedDailyCounts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ReapedDays, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A finished programme's deposit was given back to whoever paid it.
		ProgrammeDepositReleased {
			/// The programme.
			programme: ProgrammeId,
			/// Who paid the deposit.
			depositor: T::AccountId,
			/// How much was released.
			amount: BalanceOf<T>,
		},
		/// An office created a voucher programme.
		ProgrammeCreated {
			/// The new programme.
			programme: ProgrammeId,
			/// The office that runs it.
			office: OfficeId,
			/// The residents it is for.
			scope: Scope,
			/// The awarded project it delivers, if any.
			project: Option<ProjectId>,
			/// What one voucher is worth, in fen.
			unit_value: Amount,
			/// How many vouchers per resident or household.
			limit: ClaimLimit,
			/// How the supply is shared.
			allocation: Allocation,
			/// How many vouchers it hands out at most.
			supply: u32,
		},
		/// A resident claimed a voucher.
		VoucherClaimed {
			/// The new voucher.
			voucher: VoucherId,
			/// Its programme.
			programme: ProgrammeId,
			/// The resident it is bound to.
			resident: ResidentId,
		},
		/// The office issued a voucher to a resident.
		VoucherIssued {
			/// The new voucher.
			voucher: VoucherId,
			/// Its programme.
			programme: ProgrammeId,
			/// The resident it is bound to.
			resident: ResidentId,
		},
		/// A resident redeemed a voucher with a provider.
		VoucherRedeemed {
			/// The voucher.
			voucher: VoucherId,
			/// The new redemption.
			redemption: RedemptionId,
			/// The resident.
			resident: ResidentId,
			/// The provider chosen.
			provider: T::AccountId,
			/// Whether it came as a resident-signed QR code submitted by the provider.
			offline: bool,
		},
		/// A provider confirmed it delivered the service of a redemption.
		RedemptionConfirmed {
			/// The redemption.
			redemption: RedemptionId,
			/// Its voucher.
			voucher: VoucherId,
			/// The provider.
			provider: T::AccountId,
			/// Hash of the provider's service record.
			service_record: H256,
		},
		/// A resident cancelled a redemption the provider had not confirmed in time; the voucher
		/// is usable again.
		RedemptionCancelled {
			/// The cancelled redemption.
			redemption: RedemptionId,
			/// Its voucher, unused again.
			voucher: VoucherId,
			/// The resident.
			resident: ResidentId,
			/// The provider that did not confirm.
			provider: T::AccountId,
		},
		/// An office settled confirmed redemptions with a provider.
		Settled {
			/// The new settlement record.
			settlement: SettlementId,
			/// The office that paid.
			office: OfficeId,
			/// The programme.
			programme: ProgrammeId,
			/// The provider paid.
			provider: T::AccountId,
			/// How many redemptions it covers.
			count: u32,
			/// The amount paid, in fen.
			amount: Amount,
			/// Hash of the payment reference.
			payment_reference: H256,
		},
		/// Unredeemed vouchers of an expired programme were counted as expired.
		VouchersExpired {
			/// The programme.
			programme: ProgrammeId,
			/// How many vouchers were marked.
			count: u32,
		},
		/// Per-resident records of a finished programme were removed after its retention
		/// period; its statistics and settlements stay.
		VouchersReaped {
			/// The programme.
			programme: ProgrammeId,
			/// How many vouchers (each with its redemption) were removed.
			vouchers: u32,
			/// How many per-beneficiary received counts were removed.
			received: u32,
			/// Whether none of the programme's per-resident records are left.
			complete: bool,
		},
		/// A provider's per-day redemption counters older than the retention period were
		/// removed; its totals stay.
		DailyCountsReaped {
			/// The provider.
			provider: T::AccountId,
			/// How many days were passed over (each removing its counter, if any).
			days: u32,
			/// How many counters were removed.
			removed: u32,
			/// The first day whose counter is still kept.
			before_day: DayIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only the admin of the programme's street office may do this.
		NotOfficeAdmin,
		/// No procurement project with this number has been awarded.
		UnknownProject,
		/// The scope doesn't exist or its office is retired.
		UnknownScope,
		/// No programme with this number.
		UnknownProgramme,
		/// No voucher with this number.
		UnknownVoucher,
		/// No redemption with this number (or it was cancelled).
		UnknownRedemption,
		/// The service name is empty.
		EmptyServiceName,
		/// The unit value is zero.
		ZeroUnitValue,
		/// The limit per resident or household is zero.
		ZeroLimit,
		/// The limit is above `MaxVouchersPerResident`: nobody could hold that many.
		LimitTooHigh,
		/// The supply is zero.
		ZeroSupply,
		/// An `Entitlement` programme's supply doesn't cover `limit × residents in scope`: lower
		/// the limit, raise the supply, or declare `FirstCome` allocation.
		InsufficientSupply,
		/// The claim window must open before it closes.
		InvalidClaimWindow,
		/// The claim window has already closed.
		ClaimWindowInPast,
		/// The claim window opens more than `MaxLeadTime` blocks ahead.
		ClaimOpensTooLate,
		/// The award already funds `MaxProgrammesPerAward` programmes.
		TooManyProgrammesForAward,
		/// The programme's face value (unit value × supply), with the award's other programmes,
		/// would exceed the awarded price.
		AwardExceeded,
		/// This voucher's redemptions were cancelled `MaxCancellations` times: redeem it offline
		/// (the provider submits the resident's QR code).
		TooManyCancellations,
		/// The resident is declared staff of this provider (回避): they may not redeem with it.
		ConflictOfInterest,
		/// The resident's household was set or changed after the claim window opened: a
		/// per-household limit counts households as they were when the window opened.
		HouseholdChangedAfterOpening,
		/// The office admin can't pay the programme's deposit (`ProgrammeDeposit`).
		InsufficientDeposit,
		/// The programme holds no deposit (already released).
		NoDeposit,
		/// The programme has not expired, or some voucher it handed out is neither settled nor
		/// marked expired.
		ProgrammeNotFinished,
		/// Vouchers may not expire before the claim window closes.
		ExpiryBeforeClaimCloses,
		/// A direct programme needs at least one provider.
		NoProviders,
		/// A provider is listed twice.
		DuplicateProvider,
		/// The provider is not approved (or is suspended) in the programme's office.
		ProviderNotApproved,
		/// The office already has `MaxOpenProgrammes` claimable programmes whose claim window
		/// has not closed.
		TooManyOpenProgrammes,
		/// The account is not a registered resident.
		NotResident,
		/// The resident doesn't live in the programme's scope.
		NotInScope,
		/// This programme is issued by the office; residents don't claim it.
		ClaimsNotOpenToResidents,
		/// The claim window hasn't opened yet.
		ClaimWindowNotOpen,
		/// The claim window has closed.
		ClaimWindowClosed,
		/// The programme's supply is used up.
		SupplyExhausted,
		/// The resident has received as many vouchers of this programme as the limit allows.
		ResidentLimitReached,
		/// The resident's household has received as many vouchers of this programme as the limit
		/// allows.
		HouseholdLimitReached,
		/// The programme's limit is per household, and the resident has no household registered.
		NoHousehold,
		/// The resident already holds `MaxVouchersPerResident` vouchers; use some, or have
		/// expired ones marked, first.
		TooManyVouchers,
		/// The batch is empty.
		EmptyBatch,
		/// The voucher (or redemption) belongs to another resident.
		NotVoucherOwner,
		/// The voucher has already been redeemed.
		AlreadyRedeemed,
		/// The voucher has expired.
		VoucherExpired,
		/// The programme doesn't accept this provider.
		ProviderNotAccepted,
		/// Only the provider the resident chose may confirm this redemption.
		NotRedemptionProvider,
		/// The redemption has already been confirmed.
		AlreadyConfirmed,
		/// The provider still has time to confirm; cancelling is possible `RedemptionTimeout`
		/// blocks after redeeming.
		TooEarlyToCancel,
		/// The resident's signature doesn't match the voucher, the provider, the deadline and this
		/// chain.
		BadSignature,
		/// The signed deadline has passed.
		SignatureExpired,
		/// The signed deadline is more than `MaxSignatureValidity` blocks ahead.
		DeadlineTooFar,
		/// The redemption hasn't been confirmed by the provider yet.
		NotConfirmed,
		/// The redemption has already been settled.
		AlreadySettled,
		/// The redemption was made with another provider.
		RedemptionOfOtherProvider,
		/// A settlement covers redemptions of one programme only.
		MixedProgrammes,
		/// A redemption is listed twice.
		DuplicateRedemption,
		/// The amount is more than the redemptions' face value (count × unit value).
		AmountAboveFaceValue,
		/// The programme hasn't expired yet.
		NotYetExpired,
		/// The voucher belongs to another programme.
		VoucherOfOtherProgramme,
		/// The voucher has been redeemed; it is not unredeemed.
		VoucherInUse,
		/// The voucher is already marked expired.
		AlreadyMarkedExpired,
		/// A voucher is listed twice.
		DuplicateVoucher,
		/// The programme's deposit has not been released: it is not finished (or nobody has
		/// called `release_programme_deposit` yet), so its retention period has not started.
		DepositNotReleased,
		/// The retention period is not over: the programme finished less than
		/// `RetentionPeriod` blocks ago (or no day is older than `DailyCountRetention`).
		RetentionNotOver,
		/// Nothing is left to remove (the programme's records, or the provider's counters up to
		/// the retention horizon, are all reaped; or the provider never redeemed).
		NothingToReap,
		/// The batch size must be from 1 to `MaxReapBatch`.
		ReapLimitOutOfRange,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxProviders::get() > 0, "a programme must accept a provider");
			assert!(T::MaxIssueBatch::get() > 0, "MaxIssueBatch must not be zero");
			assert!(T::MaxSettleBatch::get() > 0, "MaxSettleBatch must not be zero");
			assert!(T::MaxExpireBatch::get() > 0, "MaxExpireBatch must not be zero");
			assert!(T::MaxVouchersPerResident::get() > 0, "residents must hold a voucher");
			assert!(T::MaxRecentRedemptions::get() > 0, "MaxRecentRedemptions must not be zero");
			assert!(T::MaxServiceNameLen::get() > 0, "MaxServiceNameLen must not be zero");
			assert!(T::MaxOpenProgrammes::get() > 0, "MaxOpenProgrammes must not be zero");
			assert!(!T::BlocksPerDay::get().is_zero(), "BlocksPerDay must not be zero");
			assert!(
				T::MaxSignatureValidity::get() < T::RedemptionTimeout::get(),
				"an offline QR code must expire before a pending redemption may be cancelled"
			);
			assert!(!T::MaxLeadTime::get().is_zero(), "a claim window must be able to open later");
			assert!(T::MaxProgrammesPerAward::get() > 0, "an award must fund a programme");
			assert!(T::MaxReapBatch::get() > 0, "MaxReapBatch must not be zero");
			assert!(
				!T::RetentionPeriod::get().is_zero(),
				"a finished programme's records must be kept a while"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a voucher programme. Signed by the admin of the programme's street office (for
		/// an award: the award's office; for a direct programme: the scope's office).
		///
		/// `terms` (see [`ProgrammeTerms`]): the basis (an awarded project, or a scope and
		/// providers approved in the office), the service's name, a voucher's value in fen, the
		/// per-resident or per-household limit, the allocation, the supply, the claim window
		/// `[claim_opens, claim_closes)` and the expiry block.
		///
		/// Fails if a term is out of range (each with its own error), a provider is not approved
		/// in the office, an award's value would be exceeded, or the office already has
		/// `MaxOpenProgrammes` claimable programmes open. Holds `ProgrammeDeposit`; pays a fee.
		#[pallet::call_index(0)]
		#[pallet::weight(
			match &terms.basis {
				ProgrammeBasis::Award { .. } => T::WeightInfo::create_programme_from_award(),
				ProgrammeBasis::Direct { providers, .. } =>
					T::WeightInfo::create_programme(providers.len() as u32),
			}
			.saturating_add(gongzhi_primitives::deposit_weight::<T::DbWeight>(1))
		)]
		pub fn create_programme(origin: OriginFor<T>, terms: ProgrammeTerms<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_programme(who, terms)
		}

		/// Claim (申领) one voucher of `programme`. Signed by a resident in the programme's scope,
		/// during its claim window, while its supply lasts and the resident (or, for a
		/// per-household limit, their household) is under the limit, and the resident holds fewer
		/// than `MaxVouchersPerResident` vouchers. `OfficeIssued` programmes can't be claimed.
		///
		/// Free when it will succeed.
		#[pallet::call_index(1)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, programme: &ProgrammeId| -> bool {
			Pallet::<T>::signer(origin)
				.is_some_and(|who| Pallet::<T>::ensure_claim(&who, *programme).is_ok())
		})]
		pub fn claim(origin: OriginFor<T>, programme: ProgrammeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(who, programme)
		}

		/// Issue one voucher of `programme` to each resident account listed (an account listed
		/// twice gets two). Signed by the admin of the programme's office, during the claim
		/// window. Every listed resident must be in scope, under the limit, have room for a
		/// voucher, and the supply must cover them all — otherwise nothing is issued. Pays a fee.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::issue(residents.len() as u32))]
		pub fn issue(
			origin: OriginFor<T>,
			programme: ProgrammeId,
			residents: BoundedVec<T::AccountId, T::MaxIssueBatch>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_issue(who, programme, residents)
		}

		/// Redeem `voucher` with `provider`. Signed by the resident the voucher is bound to; the
		/// voucher must be unused and not expired, and the provider accepted by the programme
		/// and still approved in its office. The provider then confirms with `confirm`.
		///
		/// Free when it will succeed.
		#[pallet::call_index(3)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, voucher: &VoucherId, provider: &T::AccountId| -> bool {
			Pallet::<T>::signer(origin)
				.is_some_and(|who| Pallet::<T>::ensure_redeem(&who, *voucher, provider).is_ok())
		})]
		pub fn redeem(
			origin: OriginFor<T>,
			voucher: VoucherId,
			provider: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_redeem(who, voucher, provider)
		}

		/// Confirm that the service of `redemption` was delivered. Signed by the provider the
		/// resident chose, once; `service_record` is the hash of the provider's record of the
		/// service. Pays a fee.
		#[pallet::call_index(4)]
		pub fn confirm(
			origin: OriginFor<T>,
			redemption: RedemptionId,
			service_record: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm(who, redemption, service_record)
		}

		/// Cancel `redemption`, which the provider has not confirmed, making the voucher usable
		/// again. Signed by the resident who redeemed, at least `RedemptionTimeout` blocks after
		/// redeeming.
		///
		/// Free when it will succeed.
		#[pallet::call_index(5)]
		#[pallet::feeless_if(|origin: &OriginFor<T>, redemption: &RedemptionId| -> bool {
			Pallet::<T>::signer(origin)
				.is_some_and(|who| Pallet::<T>::ensure_cancel(&who, *redemption).is_ok())
		})]
		pub fn cancel_redemption(origin: OriginFor<T>, redemption: RedemptionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, redemption)
		}

		/// Redeem and confirm `voucher` in one step with a QR code the resident signed offline
		/// (see the crate docs for the exact bytes). Signed by the provider named in the signed
		/// message, who must be accepted by the programme and approved in its office; the
		/// voucher must be unused and not expired, `deadline` not passed and at most
		/// `MaxSignatureValidity` ahead, and `signature` by the account holding the voucher's
		/// resident number now.
		///
		/// - `voucher`: the voucher signed for.
		/// - `deadline`: the last block the signature is valid in, as signed.
		/// - `service_record`: hash of the provider's record of the service.
		/// - `signature`: the resident's signature.
		///
		/// Pays a fee (the provider's).
		#[pallet::call_index(6)]
		pub fn redeem_offline(
			origin: OriginFor<T>,
			voucher: VoucherId,
			deadline: BlockNumberFor<T>,
			service_record: H256,
			signature: T::OffchainSignature,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			Self::do_redeem_offline(provider, voucher, deadline, service_record, signature)
		}

		/// Settle confirmed redemptions of one programme with `provider`: record that the office
		/// paid `amount` fen (at most count × unit value), with the hash of the payment reference.
		/// Signed by the admin of the programme's office. Each redemption must be confirmed,
		/// made with `provider`, not settled before, and listed once. Pays a fee.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::settle(redemptions.len() as u32))]
		pub fn settle(
			origin: OriginFor<T>,
			provider: T::AccountId,
			redemptions: BoundedVec<RedemptionId, T::MaxSettleBatch>,
			amount: Amount,
			payment_reference: H256,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_settle(who, provider, redemptions, amount, payment_reference)
		}

		/// Count unredeemed vouchers of an expired programme as expired: they leave their
		/// residents' lists and the programme's `expired` counter goes up. Anyone may call it once
		/// the programme has expired; each voucher must belong to the programme, be unused and
		/// be listed once. Pays a fee.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::mark_expired(vouchers.len() as u32))]
		pub fn mark_expired(
			origin: OriginFor<T>,
			programme: ProgrammeId,
			vouchers: BoundedVec<VoucherId, T::MaxExpireBatch>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_mark_expired(programme, vouchers)
		}

		/// Give a finished programme's deposit back to the office admin account that paid it.
		/// Anyone may call it once the programme has expired and every voucher it handed out is
		/// settled or marked expired (pending redemptions are cancelled by their residents after
		/// the timeout, then marked expired). Pays a fee. Emits `ProgrammeDepositReleased`.
		#[pallet::call_index(9)]
		pub fn release_programme_deposit(
			origin: OriginFor<T>,
			programme: ProgrammeId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_programme_deposit(programme)
		}

		/// Remove up to `limit` per-resident records of a finished programme: its vouchers
		/// (each with its redemption number's entry and its place in the resident's recent
		/// redemptions), then its per-beneficiary received counts. The programme, its statistics
		/// and its settlement records stay, and what was removed is counted (`ReapedRecords`).
		///
		/// Origin: any signed account. When: `RetentionPeriod` blocks or more after the
		/// programme's deposit was released (`release_programme_deposit`, possible once it has
		/// expired and every voucher is settled or marked expired) — by then every rating and
		/// appeal window of its redemptions has closed (see `RetentionPeriod`). Pays a fee for
		/// `limit` records; the unused part is refunded.
		///
		/// Fails with `ReapLimitOutOfRange` (`limit` not in 1..=`MaxReapBatch`),
		/// `UnknownProgramme`, `DepositNotReleased`, `RetentionNotOver` or `NothingToReap`.
		///
		/// - `programme`: the programme.
		/// - `limit`: most records to remove in this call.
		#[pallet::call_index(10)]
		#[pallet::weight(Pallet::<T>::reap_vouchers_weight(*limit))]
		pub fn reap_vouchers(
			origin: OriginFor<T>,
			programme: ProgrammeId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_vouchers(programme, limit)
		}

		/// Remove `provider`'s per-day redemption counters of up to `limit` days, oldest first,
		/// from the first day not yet reaped up to the last day that ended `DailyCountRetention`
		/// blocks ago or more. The provider's totals (`ProviderStatistics`) stay, and the
		/// redemptions the removed counters held are counted (`ReapedDailyCounts`).
		///
		/// Origin: any signed account. Pays a fee for `limit` days; the unused part is refunded.
		///
		/// Fails with `ReapLimitOutOfRange`, `NothingToReap` (the provider never redeemed) or
		/// `RetentionNotOver` (every day left is within the retention period).
		///
		/// - `provider`: the provider.
		/// - `limit`: most days to pass over in this call.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::reap_redemptions_per_day(*limit))]
		pub fn reap_redemptions_per_day(
			origin: OriginFor<T>,
			provider: T::AccountId,
			limit: u32,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_reap_redemptions_per_day(provider, limit)
		}
	}
}
