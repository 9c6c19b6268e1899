//! Records of the voucher pallet and their state machines.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	Amount, OfficeId, ProgrammeId, ProjectId, RedemptionId, ResidentId, Scope, H256,
};
use scale_info::TypeInfo;

/// A settlement between a street office and a provider (结算).
pub type SettlementId = u32;

/// A day number: `block_number / BlocksPerDay`, counted from genesis. Day 0 is the chain's first
/// day.
pub type DayIndex = u32;

/// How many vouchers of a programme one beneficiary may receive, and who the beneficiary is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum ClaimLimit {
	/// At most this many vouchers per resident (keyed by `ResidentId`, so a new account or a
	/// move between communities doesn't reset it).
	PerResident(u32),
	/// At most this many vouchers per household, shared by every resident with the same
	/// household hash. Residents without a household hash cannot receive these vouchers.
	PerHousehold(u32),
}

impl ClaimLimit {
	/// The number of vouchers allowed per beneficiary.
	pub fn count(&self) -> u32 {
		match self {
			ClaimLimit::PerResident(n) | ClaimLimit::PerHousehold(n) => *n,
		}
	}
}

/// How a programme's supply is shared among the residents in its scope ("no first-come race").
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub enum Allocation {
	/// Every resident in scope is entitled to the full limit. At creation the supply must cover
	/// `limit × residents in scope` (for a per-household limit this counts residents, an upper
	/// bound on households), so nobody who was there at creation can miss out by claiming late.
	/// Residents registered after creation may still find the supply exhausted.
	Entitlement,
	/// Declared first come, first served: the supply may be smaller than the entitled claims, and
	/// claims are served in order until it runs out. The office chooses this knowingly; it is
	/// shown on the programme and in its creation event.
	FirstCome,
	/// Residents do not claim: the office issues vouchers to the residents it lists (a targeted
	/// programme, e.g. for the elderly living alone). The supply caps what it may issue.
	OfficeIssued,
}

/// What a programme delivers: an awarded procurement contract, or a service the office buys
/// directly from providers approved in its district. A call argument of `create_programme`.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[codec(mel_bound())]
#[scale_info(skip_type_params(T))]
pub enum ProgrammeBasis<T: Config> {
	/// The contract awarded by procurement project `project`: the programme's office and scope
	/// are the award's, and its winning provider is the one accepted provider.
	Award {
		/// The awarded procurement project.
		project: ProjectId,
	},
	/// A programme the office runs directly, in `scope` (which must belong to the office), with
	/// these providers, each approved in the office.
	Direct {
		/// The residents the programme is for.
		scope: Scope,
		/// The providers with whom vouchers may be redeemed (no duplicates).
		providers: BoundedVec<T::AccountId, T::MaxProviders>,
	},
}

/// A programme's terms, as its office sets them: the one argument of `create_programme`. What it
/// becomes is a [`Programme`] (office, scope and providers resolved from `basis`) and its
/// `ServiceNames` entry.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[codec(mel_bound())]
#[scale_info(skip_type_params(T))]
pub struct ProgrammeTerms<T: Config> {
	/// An awarded procurement project (its provider accepted), or a scope and providers approved
	/// in the office.
	pub basis: ProgrammeBasis<T>,
	/// The service, as residents will see it (UTF-8, not empty).
	pub service_name: BoundedVec<u8, T::MaxServiceNameLen>,
	/// What one voucher is worth to the provider, in fen (not zero).
	pub unit_value: Amount,
	/// How many vouchers per resident or per household (1..=`MaxVouchersPerResident`).
	pub limit: ClaimLimit,
	/// How the supply is shared; `Entitlement` needs `supply ≥ limit × residents in scope`.
	pub allocation: Allocation,
	/// The most vouchers handed out (not zero).
	pub supply: u32,
	/// First block of the claim (and issue) window `[claim_opens, claim_closes)`, at most
	/// `MaxLeadTime` ahead.
	pub claim_opens: BlockNumberFor<T>,
	/// First block after the claim window; not already past.
	pub claim_closes: BlockNumberFor<T>,
	/// The first block at which unused vouchers are expired (≥ `claim_closes`).
	pub expires_at: BlockNumberFor<T>,
}

/// A voucher programme (服务凭单项目). Fixed at creation; its counters live in
/// [`ProgrammeStats`] and its service name apart, so that claims and redemptions read a small
/// record.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[codec(mel_bound())]
#[scale_info(skip_type_params(T))]
pub struct Programme<T: Config> {
	/// The street office that runs (and pays for) the programme.
	pub office: OfficeId,
	/// The residents the programme is for.
	pub scope: Scope,
	/// The awarded procurement project it delivers, if any.
	pub project: Option<ProjectId>,
	/// What one voucher is worth to the provider, in fen; the most a settlement may pay per
	/// redemption.
	pub unit_value: Amount,
	/// How many vouchers one resident or one household may receive.
	pub limit: ClaimLimit,
	/// How the supply is shared.
	pub allocation: Allocation,
	/// The most vouchers the programme hands out (claimed plus issued).
	pub supply: u32,
	/// First block at which vouchers may be claimed or issued.
	pub claim_opens: BlockNumberFor<T>,
	/// First block at which they no longer may be (the window is `[claim_opens, claim_closes)`).
	pub claim_closes: BlockNumberFor<T>,
	/// First block at which unredeemed vouchers are expired (usable while `now < expires_at`).
	pub expires_at: BlockNumberFor<T>,
	/// The providers a resident may choose from.
	pub providers: BoundedVec<T::AccountId, T::MaxProviders>,
}

/// Who a programme's limit is counted for.
#[derive(
	Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Beneficiary {
	/// One resident, by resident number.
	Resident(ResidentId),
	/// One household, by its household hash.
	Household(H256),
}

/// Where a voucher is in its life:
///
/// ```text
///            redeem / redeem_offline            confirm             settle
///   Issued ───────────────────────▶ Redeemed ──────────▶ Confirmed ──────────▶ Settled
///     │  ▲                             │   (redeem_offline goes straight to Confirmed)
///     │  └──── cancel_redemption ──────┘   (resident, after RedemptionTimeout)
///     │
///     └──── mark_expired (anyone, once the programme has expired) ──▶ Expired
/// ```
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase", rename_all_fields = "camelCase"))]
pub enum VoucherState<AccountId, BlockNumber> {
	/// Held by the resident, not used yet.
	Issued,
	/// Redeemed with `provider`, who has not confirmed the service yet.
	Redeemed {
		/// The redemption's number.
		redemption: RedemptionId,
		/// The provider chosen by the resident.
		provider: AccountId,
		/// When it was redeemed.
		redeemed_at: BlockNumber,
	},
	/// The provider confirmed that the service was delivered.
	Confirmed {
		/// The redemption's number.
		redemption: RedemptionId,
		/// The provider who delivered the service.
		provider: AccountId,
		/// When it was redeemed.
		redeemed_at: BlockNumber,
		/// When the provider confirmed it.
		confirmed_at: BlockNumber,
		/// Hash of the provider's service record (the activity).
		service_record: H256,
	},
	/// The office has paid the provider for it.
	Settled {
		/// The redemption's number.
		redemption: RedemptionId,
		/// The provider who delivered the service.
		provider: AccountId,
		/// When it was redeemed.
		redeemed_at: BlockNumber,
		/// When the provider confirmed it.
		confirmed_at: BlockNumber,
		/// Hash of the provider's service record (the activity).
		service_record: H256,
		/// The settlement that paid for it.
		settlement: SettlementId,
	},
	/// Counted as expired unredeemed (after the programme's expiry). Final.
	Expired,
}

impl<AccountId, BlockNumber> VoucherState<AccountId, BlockNumber> {
	/// The redemption and its provider, once the voucher has been redeemed.
	pub fn redemption(&self) -> Option<(RedemptionId, &AccountId)> {
		match self {
			VoucherState::Redeemed { redemption, provider, .. }
			| VoucherState::Confirmed { redemption, provider, .. }
			| VoucherState::Settled { redemption, provider, .. } => Some((*redemption, provider)),
			VoucherState::Issued | VoucherState::Expired => None,
		}
	}

	/// Whether the voucher is still in the resident's hands: unused, or redeemed and waiting for
	/// the provider (so the resident may still cancel).
	pub fn in_hand(&self) -> bool {
		matches!(self, VoucherState::Issued | VoucherState::Redeemed { .. })
	}

	/// Whether the service has been confirmed (confirmed or settled).
	pub fn is_confirmed(&self) -> bool {
		matches!(self, VoucherState::Confirmed { .. } | VoucherState::Settled { .. })
	}
}

/// One service voucher (服务凭单): bound to a resident number, never transferable.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Voucher<AccountId, BlockNumber> {
	/// The programme it belongs to.
	pub programme: ProgrammeId,
	/// The office running that programme (kept here so a redemption is described in two reads).
	pub office: OfficeId,
	/// The resident it is bound to, whatever account they use.
	pub resident: ResidentId,
	/// Where it is in its life.
	pub state: VoucherState<AccountId, BlockNumber>,
	/// How many of its redemptions were cancelled (at most `MaxCancellations` before online
	/// redemption stops).
	pub cancellations: u8,
}

/// What the programmes made from one award have used of it.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AwardUse {
	/// Programmes made from the award.
	pub programmes: u32,
	/// Their face values (unit value × supply), summed; at most the awarded price.
	pub face_value: Amount,
}

/// A programme's counters, updated with each event that changes them.
///
/// `claimed + issued` vouchers were handed out; of these `redeemed` are redeemed or further on,
/// `expired` were marked expired, and the rest are unredeemed. `settled ≤ confirmed ≤ redeemed`.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProgrammeStats {
	/// Vouchers the office issued to listed residents.
	pub issued: u32,
	/// Vouchers residents claimed.
	pub claimed: u32,
	/// Vouchers redeemed now or before (cancelled redemptions are taken off again).
	pub redeemed: u32,
	/// Redemptions the provider confirmed.
	pub confirmed: u32,
	/// Confirmed redemptions the office has settled.
	pub settled: u32,
	/// What the office paid for them, in fen.
	pub settled_amount: Amount,
	/// Vouchers marked expired unredeemed.
	pub expired: u32,
	/// Redemptions cancelled by residents after the provider did not confirm in time.
	pub cancelled: u32,
}

impl ProgrammeStats {
	/// Vouchers handed out, claimed or issued. Both are bounded by the supply (a `u32`), so their
	/// sum fits; saturating only as a guard.
	pub fn handed_out(&self) -> u32 {
		self.claimed.saturating_add(self.issued)
	}

	/// Vouchers handed out and neither redeemed nor expired.
	pub fn unredeemed(&self) -> u32 {
		self.handed_out().saturating_sub(self.redeemed).saturating_sub(self.expired)
	}
}

/// A provider's counters over every programme, updated with each event that changes them.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProviderStats {
	/// Redemptions made with the provider and not cancelled.
	pub redemptions: u32,
	/// Redemptions the provider confirmed.
	pub confirmations: u32,
	/// Redemptions cancelled because the provider did not confirm in time.
	pub cancelled: u32,
	/// Confirmed redemptions the offices have settled.
	pub settled: u32,
	/// What the offices paid the provider, in fen.
	pub settled_amount: Amount,
}

/// A settlement record (结算记录): an office paid a provider for confirmed redemptions of one
/// programme. Kept for good.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[codec(mel_bound())]
#[scale_info(skip_type_params(T))]
pub struct Settlement<T: Config> {
	/// The office that paid.
	pub office: OfficeId,
	/// The programme the redemptions belong to.
	pub programme: ProgrammeId,
	/// The provider that was paid.
	pub provider: T::AccountId,
	/// The redemptions paid for.
	pub redemptions: BoundedVec<RedemptionId, T::MaxSettleBatch>,
	/// The amount paid, in fen (at most the redemptions' face value).
	pub amount: Amount,
	/// Hash of the payment reference (bank transfer number, voucher of payment…).
	pub payment_reference: H256,
	/// When it was recorded.
	pub at: BlockNumberFor<T>,
}

/// A programme as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProgrammeView<AccountId, BlockNumber> {
	/// The programme's number.
	pub id: ProgrammeId,
	/// The service's name.
	pub service_name: alloc::string::String,
	/// The street office that runs it.
	pub office: OfficeId,
	/// The residents it is for.
	pub scope: Scope,
	/// The awarded project it delivers, if any.
	pub project: Option<ProjectId>,
	/// What one voucher is worth, in fen.
	pub unit_value: Amount,
	/// How many vouchers one resident or household may receive.
	pub limit: ClaimLimit,
	/// How the supply is shared.
	pub allocation: Allocation,
	/// The most vouchers handed out.
	pub supply: u32,
	/// First block of the claim window.
	pub claim_opens: BlockNumber,
	/// First block after the claim window.
	pub claim_closes: BlockNumber,
	/// First block at which unredeemed vouchers are expired.
	pub expires_at: BlockNumber,
	/// The providers a resident may choose from.
	pub providers: alloc::vec::Vec<AccountId>,
	/// The programme's counters.
	pub stats: ProgrammeStats,
}

/// What a claim or an issue will write, as found by the checks.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Grant {
	/// The programme.
	pub programme: ProgrammeId,
	/// Its office.
	pub office: OfficeId,
	/// The resident who receives the voucher.
	pub resident: ResidentId,
	/// Whom the limit is counted for.
	pub beneficiary: Beneficiary,
}

/// How a voucher was handed out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GrantKind {
	/// Claimed by the resident.
	Claimed,
	/// Issued by the office.
	Issued,
}

/// What `reap_vouchers` has removed of a finished programme: its vouchers by final state and
/// its per-beneficiary received counts. With what is still stored, these add up to the
/// programme's statistics (`try_state`): vouchers stored + reaped = claimed + issued, received
/// counts stored + reaped = claimed + issued.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ReapedVouchers {
	/// Settled vouchers removed (each with its redemption).
	pub settled: u32,
	/// Expired vouchers removed.
	pub expired: u32,
	/// Vouchers counted in the per-beneficiary `Received` entries removed.
	pub received: u32,
}

/// What `reap_redemptions_per_day` has removed of a provider's per-day counters.
#[derive(Clone, Default, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ReapedDays {
	/// The first day not reaped yet: every counter of an earlier day is gone.
	pub before_day: DayIndex,
	/// The redemptions those removed counters held (less any cancelled since): with the
	/// counters kept, they add up to the provider's `redemptions`.
	pub redemptions: u32,
}
