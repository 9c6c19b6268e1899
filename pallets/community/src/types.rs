//! Records of the registry and their small state machines, and the view types that the runtime
//! API returns.

use alloc::{string::String, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::ConstU32, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use gongzhi_primitives::{
	ActivityId, CommunityId, MemberKey, OfficeId, ResidentId, ResidentInfo, H256,
};
use scale_info::TypeInfo;

use crate::Config;

/// A short UTF-8 name (an office, a community, a provider), at most `MaxNameLen` bytes.
pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
/// [`OfficeRecord`] as stored for runtime `T`.
pub type OfficeRecordOf<T> =
	OfficeRecord<<T as frame_system::Config>::AccountId, NameOf<T>, BlockNumberFor<T>>;
/// [`CommunityRecord`] as stored for runtime `T`.
pub type CommunityRecordOf<T> = CommunityRecord<NameOf<T>, BlockNumberFor<T>>;
/// [`ProviderRecord`] as stored for runtime `T`.
pub type ProviderRecordOf<T> = ProviderRecord<NameOf<T>, BlockNumberFor<T>>;
/// [`ResidentRecord`] as stored for runtime `T`.
pub type ResidentRecordOf<T> = ResidentRecord<BlockNumberFor<T>>;
/// [`ActivityRecord`] as stored for runtime `T`.
pub type ActivityRecordOf<T> =
	ActivityRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// The open-activity index of one community: `(activity, ends_at)` pairs.
pub type OpenActivitiesOf<T> =
	BoundedVec<(ActivityId, BlockNumberFor<T>), <T as Config>::MaxOpenActivities>;
/// [`PendingMove`] as stored for runtime `T`.
pub type PendingMoveOf<T> = PendingMove<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// [`PendingReplacement`] as stored for runtime `T`.
pub type PendingReplacementOf<T> =
	PendingReplacement<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// The person hashes a provider declares (or withdraws) as its staff in one call, at most
/// `MaxStaffPerCall`.
pub type StaffListOf<T> = BoundedVec<H256, <T as Config>::MaxStaffPerCall>;
/// The context that opens the message a member key's proof of possession signs
/// (`Pallet::member_key_message`): 18 ASCII bytes, SCALE-encoded as a fixed array (no length).
pub const MEMBER_KEY_CONTEXT: [u8; 18] = *b"gongzhi/member-key";
/// [`MemberKeyRecord`] as stored for runtime `T`.
pub type MemberKeyRecordOf<T> = MemberKeyRecord<BlockNumberFor<T>>;
/// How many member keys the registry keeps per resident: the current one and the one before.
/// With at most one change per `MemberKeyCooldown` (a day), the key in force at any block of the
/// last day is still known, which is longer than an item takes to fix its rings after it opens.
pub const MEMBER_KEY_HISTORY: u32 = 2;
/// A resident's member keys, oldest first, newest (the current one) last; `since` strictly
/// increasing; at most [`MEMBER_KEY_HISTORY`].
pub type MemberKeyHistoryOf<T> = BoundedVec<MemberKeyRecordOf<T>, ConstU32<MEMBER_KEY_HISTORY>>;

/// The life of an office or a community: `Active → Retired`. Ids are never reused, so a retired
/// record stays readable for the surveys, ballots and programmes that name it.
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
pub enum Lifecycle<BlockNumber> {
	/// In service: accepts new communities, officers, residents, activities.
	Active,
	/// Retired at block `at`; nothing new can be attached to it.
	Retired {
		/// The block in which it was retired.
		at: BlockNumber,
	},
}

impl<BlockNumber: Copy> Lifecycle<BlockNumber> {
	/// Whether still in service.
	pub fn is_active(&self) -> bool {
		matches!(self, Lifecycle::Active)
	}

	/// The block of retirement, if retired.
	pub fn retired_at(&self) -> Option<BlockNumber> {
		match self {
			Lifecycle::Active => None,
			Lifecycle::Retired { at } => Some(*at),
		}
	}
}

/// A street office (街道办事处).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct OfficeRecord<AccountId, Name, BlockNumber> {
	/// The account that acts for the office (usually a multisig or proxy account).
	pub admin: AccountId,
	/// Short display name.
	pub name: Name,
	/// `Active → Retired`.
	pub status: Lifecycle<BlockNumber>,
	/// Active communities of this office (a retired office has none).
	pub communities: u32,
	/// Residents registered in the office's communities now.
	pub residents: u32,
}

/// A community (社区) under a street office, run by its committee (居委会).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct CommunityRecord<Name, BlockNumber> {
	/// The street office the community belongs to (never changes).
	pub office: OfficeId,
	/// Short display name.
	pub name: Name,
	/// `Active → Retired`.
	pub status: Lifecycle<BlockNumber>,
	/// Officers appointed now (at most `MaxOfficers`; none once retired).
	pub officers: u32,
	/// Residents registered here now (none once retired).
	pub residents: u32,
}

/// A provider (社会组织), as registered by itself.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ProviderRecord<Name, BlockNumber> {
	/// Short display name.
	pub name: Name,
	/// Hash of the organization's registration code (统一社会信用代码), unique among providers.
	pub registration_code_hash: H256,
	/// When the provider registered.
	pub registered_at: BlockNumber,
	/// Offices with an approval record for this provider (approved or suspended), at most
	/// `MaxProviderOffices`.
	pub offices: u32,
	/// Persons declared as its staff (回避), at most `MaxStaff`.
	pub staff: u32,
	/// When its registration code was released (`release_registration_code`): from then on
	/// another organization may register with the code, this provider is suspended in every
	/// office and can never be approved again. `None` while it holds its code.
	pub code_released_at: Option<BlockNumber>,
}

impl<Name, BlockNumber> ProviderRecord<Name, BlockNumber> {
	/// Whether the provider still holds its registration code (it may be approved).
	pub fn holds_code(&self) -> bool {
		self.code_released_at.is_none()
	}
}

/// A provider's standing in one office: `(none) → Approved ⇄ Suspended`.
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
pub enum Approval<BlockNumber> {
	/// May bid, confirm services and publish activities in the office.
	Approved {
		/// Since when.
		since: BlockNumber,
	},
	/// Approved once, suspended by the office; may be approved again.
	Suspended {
		/// Since when.
		since: BlockNumber,
	},
}

impl<BlockNumber: Copy> Approval<BlockNumber> {
	/// Whether the provider may act in the office now.
	pub fn is_approved(&self) -> bool {
		matches!(self, Approval::Approved { .. })
	}

	/// The block of the last change.
	pub fn since(&self) -> BlockNumber {
		match self {
			Approval::Approved { since } | Approval::Suspended { since } => *since,
		}
	}
}

/// A verified resident (居民). Small on purpose: every resident call of every pallet reads it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ResidentRecord<BlockNumber> {
	/// The person's stable resident number.
	pub id: ResidentId,
	/// The community the resident is registered in.
	pub community: CommunityId,
	/// The office of that community (copied here so that "who is this?" is one storage read).
	pub office: OfficeId,
	/// When the resident was registered in this community (reset by a move).
	pub registered_at: BlockNumber,
	/// Salted hash of the household registration (户籍), if recorded.
	pub household: Option<H256>,
	/// Salted hash of the person's ID document: one record per person.
	pub person_hash: H256,
	/// When `household` was last set (registration or `set_household`).
	pub household_since: BlockNumber,
}

impl<BlockNumber: Clone> ResidentRecord<BlockNumber> {
	/// What other pallets may know about this resident.
	pub fn info(&self) -> ResidentInfo<BlockNumber> {
		ResidentInfo {
			id: self.id,
			community: self.community,
			office: self.office,
			registered_at: self.registered_at.clone(),
			household: self.household,
			household_since: self.household_since.clone(),
		}
	}
}

/// A ring member key a resident set (成员公钥), and from which block it is in force.
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
pub struct MemberKeyRecord<BlockNumber> {
	/// The bandersnatch ring-VRF public key (crates.io `verifiable`), 32 bytes.
	pub key: MemberKey,
	/// The block in which it was set: it is the key in force from this block until the next
	/// record's `since`.
	pub since: BlockNumber,
}

/// What kind of community activity (活动) was held.
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
pub enum ActivityKind {
	/// Residents' consultation meeting (居民议事会).
	Consultation,
	/// Volunteer service (志愿服务).
	Volunteering,
	/// Culture and sports (文体活动).
	CultureAndSports,
	/// Health check or clinic (健康义诊).
	Health,
	/// Training or lecture (教育培训).
	Education,
	/// Care for the elderly (为老服务).
	ElderlyCare,
	/// Care for children (儿童关爱).
	ChildCare,
	/// Safety and emergency drills (安全宣传).
	Safety,
	/// Anything else; the content document says what.
	Other,
}

/// Who published an activity, in which role.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Publisher<AccountId> {
	/// An officer of the activity's community.
	Officer(AccountId),
	/// A provider approved in the community's office.
	Provider(AccountId),
}

impl<AccountId> Publisher<AccountId> {
	/// The publishing account.
	pub fn account(&self) -> &AccountId {
		match self {
			Publisher::Officer(a) | Publisher::Provider(a) => a,
		}
	}
}

/// The life of an activity: `Published → Cancelled`. An activity that simply ends stays
/// `Published`; its window says it is over.
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
pub enum ActivityStatus<BlockNumber> {
	/// Residents may check in during its window.
	Published,
	/// Cancelled before it ended: no more check-ins; check-ins made before stay counted.
	Cancelled {
		/// The block in which it was cancelled.
		at: BlockNumber,
	},
}

impl<BlockNumber: Copy> ActivityStatus<BlockNumber> {
	/// The block of cancellation, if cancelled.
	pub fn cancelled_at(&self) -> Option<BlockNumber> {
		match self {
			ActivityStatus::Published => None,
			ActivityStatus::Cancelled { at } => Some(*at),
		}
	}
}

/// A community activity published on chain; residents of the community check in during its
/// window `starts_at..=ends_at`.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct ActivityRecord<AccountId, BlockNumber> {
	/// The community whose residents may check in.
	pub community: CommunityId,
	/// Who published it, in which role. Shown, never trusted: who may cancel it is decided by
	/// the roles held now.
	pub publisher: Publisher<AccountId>,
	/// What kind of activity.
	pub kind: ActivityKind,
	/// Hash of the activity's description document (off chain).
	pub content_hash: H256,
	/// First block at which residents may check in.
	pub starts_at: BlockNumber,
	/// Last block at which residents may check in.
	pub ends_at: BlockNumber,
	/// Residents checked in so far.
	pub attendance: u32,
	/// `Published → Cancelled`.
	pub status: ActivityStatus<BlockNumber>,
}

/// A move of a resident to another community, requested by the side they leave and waiting for
/// the destination to accept it (`accept_move`). One per resident.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PendingMove<AccountId, BlockNumber> {
	/// The destination community.
	pub to: CommunityId,
	/// Who asked for it: the resident, an officer of their community or their office's admin.
	/// Checked again on acceptance, so a request by an officer removed since then lapses.
	pub requested_by: AccountId,
	/// The first block at which it can no longer be accepted (`MoveRequestTtl` after the
	/// request).
	pub expires_at: BlockNumber,
}

/// A replacement of a resident's account (lost key), proposed by their office's admin and
/// announced for `ReplacementNotice` blocks before anyone may enact it. One per resident.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PendingReplacement<AccountId, BlockNumber> {
	/// The account that will hold the resident record.
	pub new: AccountId,
	/// The first block at which it may be enacted.
	pub effective_at: BlockNumber,
}

/// What `publish_activity` writes, as its check works it out.
pub struct ActivityPlan<T: Config> {
	/// The new activity's id.
	pub id: ActivityId,
	/// The counter after it.
	pub next: ActivityId,
	/// Who publishes, in which role.
	pub publisher: Publisher<<T as frame_system::Config>::AccountId>,
	/// The community's open index, pruned of ended activities, with room for one more.
	pub open: OpenActivitiesOf<T>,
}

/// The most rows one [`crate::Pallet::roster_check`] answers (a clerk's import asks in parts).
pub const MAX_ROSTER_CHECK: u32 = 1000;

/// What the chain holds for one row of a registration roster (an account and a person hash),
/// as the office console's import preview needs it: one runtime call for many rows, instead of
/// three storage reads per row through a light client.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RosterEntry<AccountId, BlockNumber> {
	/// The row's account's resident record, if the account is a resident now.
	pub account: Option<RosterAccount<BlockNumber>>,
	/// The row's person, if ever registered (retired included).
	pub person: Option<RosterPerson<AccountId>>,
}

/// An account's resident record, as a roster check shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RosterAccount<BlockNumber> {
	/// Resident number.
	pub id: ResidentId,
	/// Community registered in.
	pub community: CommunityId,
	/// The person hash on the record (compared with the row's by the caller).
	pub person_hash: H256,
	/// When registered in that community.
	pub registered_at: BlockNumber,
}

/// A person (by person hash) known to the registry, as a roster check shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct RosterPerson<AccountId> {
	/// The person's resident number.
	pub id: ResidentId,
	/// The account holding the person's current record; `None` once retired.
	pub account: Option<AccountId>,
}

/// What the runtime API tells about a resident.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ResidentView<BlockNumber> {
	/// Stable resident number.
	pub id: ResidentId,
	/// Community registered in.
	pub community: CommunityId,
	/// That community's office.
	pub office: OfficeId,
	/// When registered in that community.
	pub registered_at: BlockNumber,
	/// Whether a household hash is recorded (the hash itself is not shown).
	pub has_household: bool,
}

/// What the runtime API tells about an office.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct OfficeView<AccountId, BlockNumber> {
	/// The office.
	pub id: OfficeId,
	/// Its admin account.
	pub admin: AccountId,
	/// Its name.
	pub name: String,
	/// When it was retired, if it was.
	pub retired_at: Option<BlockNumber>,
	/// Active communities.
	pub communities: u32,
	/// Residents now.
	pub residents: u32,
}

/// What the runtime API tells about a community.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CommunityView<AccountId, BlockNumber> {
	/// The community.
	pub id: CommunityId,
	/// Its office.
	pub office: OfficeId,
	/// Its name.
	pub name: String,
	/// When it was retired, if it was.
	pub retired_at: Option<BlockNumber>,
	/// Residents now.
	pub residents: u32,
	/// Its officers (at most `MaxOfficers`).
	pub officers: Vec<AccountId>,
}

/// A provider's standing in one office, as the runtime API shows it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProviderOfficeView<BlockNumber> {
	/// The office.
	pub office: OfficeId,
	/// Approved now (`false`: suspended).
	pub approved: bool,
	/// Since when.
	pub since: BlockNumber,
}

/// What the runtime API tells about a provider.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProviderView<BlockNumber> {
	/// Its name.
	pub name: String,
	/// Hash of its registration code.
	pub registration_code_hash: H256,
	/// When it registered.
	pub registered_at: BlockNumber,
	/// Its standing in each office that approved it (at most `MaxProviderOffices`).
	pub offices: Vec<ProviderOfficeView<BlockNumber>>,
	/// How many persons it declared as staff.
	pub staff: u32,
	/// When its registration code was released, if it was (it can then never act again).
	pub code_released_at: Option<BlockNumber>,
}

/// What the runtime API tells about an activity.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ActivityView<AccountId, BlockNumber> {
	/// The activity.
	pub id: ActivityId,
	/// Its community.
	pub community: CommunityId,
	/// The publishing account.
	pub publisher: AccountId,
	/// Whether the publisher acted as a provider (`false`: as an officer).
	pub by_provider: bool,
	/// Its kind.
	pub kind: ActivityKind,
	/// Hash of its description document.
	pub content_hash: H256,
	/// First block of the check-in window.
	pub starts_at: BlockNumber,
	/// Last block of the check-in window.
	pub ends_at: BlockNumber,
	/// Residents checked in.
	pub attendance: u32,
	/// When it was cancelled, if it was.
	pub cancelled_at: Option<BlockNumber>,
}
