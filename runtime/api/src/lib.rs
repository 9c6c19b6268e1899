//! # GongzhiApi
//!
//! One runtime API for everything a street office, a resident or an auditor reads: survey
//! results, ballot tallies and outcomes, a resident's own ballot (the receipt), voucher programme
//! statistics, provider reports (voucher statistics, scorecard, standing) and a resident's
//! status with what they may still do. The node serves the same as `gongzhi_*` JSON-RPC
//! methods; Polkadot.js reads it directly as `api.call.gongzhiApi.*` (metadata V15+ describes it).
//!
//! The result types are the pallets' own view types, plus two compositions defined here.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use gongzhi_primitives::{
	ActivityId, CommunityId, OfficeId, ProgrammeId, ProjectId, RedemptionId, SurveyId, VoucherId,
	H256,
};
use scale_info::TypeInfo;
use sp_runtime::DispatchError;

pub use pallet_community::{
	CommunityView, OfficeView, ResidentView, RosterAccount, RosterEntry, RosterPerson,
	MAX_ROSTER_CHECK,
};
pub use pallet_needs_survey::SurveyResults;
pub use pallet_procurement::{BallotReceipt, ProjectInfo, ProjectOutcome, ProjectTally};
pub use pallet_satisfaction::ScorecardView;
pub use pallet_vouchers::{ProgrammeView, ProviderStats, VoucherState};

/// A resident as the chain knows them, and what they may still do now.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ResidentStatus<AccountId, BlockNumber> {
	/// Resident number, community, office, registration block.
	pub resident: ResidentView<BlockNumber>,
	/// Surveys open now in their scope that they have not answered.
	pub surveys_to_answer: Vec<SurveyId>,
	/// Projects in which they may vote (or change their vote, or reveal) now.
	pub ballots_to_cast: Vec<ProjectId>,
	/// Voucher programmes they may claim from now.
	pub programmes_to_claim: Vec<ProgrammeId>,
	/// Vouchers in hand (issued, or redeemed and awaiting confirmation).
	pub vouchers: Vec<(VoucherId, VoucherState<AccountId, BlockNumber>)>,
	/// Confirmed redemptions of theirs still open for a rating.
	pub redemptions_to_rate: Vec<RedemptionId>,
	/// Community activities they may still check in at.
	pub activities_to_attend: Vec<ActivityId>,
}

/// Everything public about a provider's record: deliveries and settlements (vouchers), ratings,
/// follow-up cases and whether it may bid (satisfaction).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct ProviderReport {
	/// Redemptions, confirmations, settlements.
	pub vouchers: ProviderStats,
	/// Ratings, cases, standing.
	pub scorecard: ScorecardView,
}

/// What a call would do if its sender sent it now, found by running it on a copy of the state
/// that is thrown away: whether it would be free of fees, and its result. An app asks this before
/// it submits, so a resident learns *why* a call would fail (as the module error, which the app
/// turns into a sentence) instead of a pool's bare "cannot pay": a resident holds no tokens, and
/// a free call that would fail must pay, so it never reaches a block to report its error.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "camelCase"))]
pub struct CallCheck {
	/// The call would be free of fees (its pallet's `feeless_if` holds for this sender now).
	pub free: bool,
	/// The call's own result: `Ok` if it would succeed, else its error (e.g. a module error
	/// with its pallet and error index, named in the metadata).
	pub result: Result<(), DispatchError>,
}

sp_api::decl_runtime_apis! {
	/// Gongzhi's read API. Every method is a pure read of the state at the block it is called at.
	/// Version 2 added `roster_check`.
	#[api_version(2)]
	pub trait GongzhiApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// Results of a needs survey: per-question tallies, responses, turnout, phase.
		fn survey_results(survey: SurveyId) -> Option<SurveyResults<BlockNumber>>;
		/// A procurement project's rules and phase.
		fn project_info(project: ProjectId) -> Option<ProjectInfo<BlockNumber>>;
		/// A project's ballot count per bid (hidden in secret mode until revealing ends).
		fn project_tally(project: ProjectId) -> Option<ProjectTally>;
		/// A project's outcome: pending (with phase), awarded, failed or cancelled.
		fn project_outcome(project: ProjectId) -> Option<ProjectOutcome<AccountId, BlockNumber>>;
		/// The ballot `resident` cast in `project`: the receipt. `None` if they cast none (or
		/// are not a resident). The receipt names the storage key, for a light-client proof.
		fn ballot_receipt(project: ProjectId, resident: AccountId) -> Option<BallotReceipt>;
		/// A voucher programme with its terms and statistics.
		fn programme(programme: ProgrammeId) -> Option<ProgrammeView<AccountId, BlockNumber>>;
		/// Ratings and cases of one programme's services.
		fn programme_scorecard(programme: ProgrammeId) -> ScorecardView;
		/// A provider's report: voucher statistics, scorecard, standing.
		fn provider_report(provider: AccountId) -> ProviderReport;
		/// A resident's record and what they may still do now; `None` if not a resident.
		fn resident_status(who: AccountId) -> Option<ResidentStatus<AccountId, BlockNumber>>;
		/// A street office with its counts.
		fn office(office: OfficeId) -> Option<OfficeView<AccountId, BlockNumber>>;
		/// A community with its officers and counts.
		fn community(community: CommunityId) -> Option<CommunityView<AccountId, BlockNumber>>;
		/// Would `call` (SCALE-encoded, as in an extrinsic) succeed if `who` sent it now, and would
		/// it be free? Runs the call's checks and the call itself on state that is discarded.
		/// `None` if `call` is not a call of this runtime (or is nested too deeply). Transaction
		/// checks (nonce, era, signature) are not part of it.
		fn check_call(who: AccountId, call: Vec<u8>) -> Option<CallCheck>;
		/// For each `(account, person hash)` row of a registration roster: the account's resident
		/// record and the person's resident number and current account, so that a clerk's import
		/// preview finds the rows already registered (and the conflicts) in one call per part.
		/// At most `MAX_ROSTER_CHECK` (1,000) rows are answered.
		#[api_version(2)]
		fn roster_check(rows: Vec<(AccountId, H256)>) -> Vec<RosterEntry<AccountId, BlockNumber>>;
	}
}
