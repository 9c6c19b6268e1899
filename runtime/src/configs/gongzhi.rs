//! Gongzhi's own pallets, wired to each other through the `gongzhi-primitives` traits:
//!
//! ```text
//!   Community ──CommunityRegistry──▶ every pallet below
//!   NeedsSurvey ──SurveyLookup──▶ Procurement ──AwardedContracts──▶ Vouchers
//!   Vouchers ──Redemptions──▶ Satisfaction ──ProviderStanding──▶ Procurement
//! ```
//!
//! The constants are chosen for a real district: a street office serves tens of thousands of
//! residents in a dozen or so communities; surveys and ballots run for days or weeks at 6-second
//! blocks (14,400 blocks a day); names are Chinese text, 3 bytes a character in UTF-8.

use super::deposit;
use super::governance::AdminOrigin;
use crate::{
	Balances, Community, NeedsSurvey, Procurement, Rings, Runtime, RuntimeHoldReason, Satisfaction,
	Signature, Vouchers, DAYS,
};
use frame_support::traits::{ConstU128, ConstU32, ConstU8};
use sp_runtime::traits::Verify;

/// The key type that signs resident payloads made off chain (relayed ballots, offline QR
/// redemptions): the same as for transactions, so any wallet key works.
type OffchainPublic = <Signature as Verify>::Signer;

/// Staff persons a provider may declare (`MaxStaff`), which its deposit covers.
const MAX_STAFF: u32 = 2_000;

impl pallet_community::Config for Runtime {
	/// Offices are created and retired by chain governance: two thirds of the council, or Root
	/// (the sudo key, on development chains only).
	type AdminOrigin = AdminOrigin;
	/// 64 bytes: about 21 Chinese characters, enough for "XX区XX街道办事处".
	type MaxNameLen = ConstU32<64>;
	/// A community committee has 5–9 members; 16 leaves room for grid workers (网格员).
	type MaxOfficers = ConstU32<16>;
	/// A provider (social organization) rarely serves more than a few street offices.
	type MaxProviderOffices = ConstU32<16>;
	/// Activities running at once in one community; bounds what a resident's status lists.
	type MaxOpenActivities = ConstU32<32>;
	/// An activity's check-in window: at most a week.
	type MaxActivityDuration = ConstU32<{ 7 * DAYS }>;
	/// Check-in records are kept a year (annual evaluation), then may be reaped; counts stay.
	type CheckInRetention = ConstU32<{ 365 * DAYS }>;
	/// An activity may be announced up to a month before it starts: with the week-long window,
	/// no activity holds a place among the 32 open ones for more than five weeks.
	type MaxLeadTime = ConstU32<{ 30 * DAYS }>;
	/// A requested move waits two weeks for the destination to accept (time for the receiving
	/// committee or office to check papers), then lapses.
	type MoveRequestTtl = ConstU32<{ 14 * DAYS }>;
	/// A replaced key takes effect after a week of public notice (100,800 blocks): time for a
	/// resident who did not lose their key to see it and cancel.
	type ReplacementNotice = ConstU32<{ 7 * DAYS }>;
	/// Staff persons a provider may declare: a large home-care organization employs hundreds.
	type MaxStaff = ConstU32<MAX_STAFF>;
	/// Staff persons declared or withdrawn per call (a batch from a spreadsheet).
	type MaxStaffPerCall = ConstU32<100>;
	/// A person may be declared staff by up to four providers (a carer working for several).
	type MaxEmployers = ConstU32<4>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A provider's two records (its record and its registration code's entry) with room for a
	/// few approval records, and the bytes of the longest staff list it may declare (`MaxStaff`
	/// persons, 160 bytes each with the by-person index) so that declaring staff (回避) — which
	/// should never be discouraged — costs nothing more: 3.61 GZT, held from the provider until
	/// it withdraws, burnt if its code is released as squatted.
	type ProviderDeposit = ConstU128<{ deposit(2, 1024 + MAX_STAFF * 160) }>;
	/// An activity's two records (the activity and its deposit's record; its place in the open
	/// index and its reaped count are a few bytes): 0.40 GZT, held from the officer or provider
	/// that publishes it until it is cancelled or its check-ins are reaped, a year after it ends.
	type ActivityDeposit = ConstU128<{ deposit(2, 256) }>;
	/// A resident may change their ring member key once a day (14,400 blocks): each change is
	/// free and costs the chain a signature verification, and the two keys kept per resident
	/// then cover at least a day, far more than an item takes to fix its rings.
	type MemberKeyCooldown = ConstU32<DAYS>;
	type WeightInfo = pallet_community::weights::SubstrateWeight<Runtime>;
}

/// What pallet-rings stores per member of an anonymous item, in bytes: the member's 32-byte key
/// in its page of 64, the page's share of its storage key (under a byte each) and the member's
/// share of its ring's record (a ring of hundreds holds a 288-byte root). An anonymous survey's
/// or project's creator holds a deposit for this per resident in its scope.
pub const RING_MEMBER_BYTES: u32 = 34;

impl pallet_needs_survey::Config for Runtime {
	type Registry = Community;
	type WeightInfo = pallet_needs_survey::weights::SubstrateWeight<Runtime>;
	/// About 40 Chinese characters.
	type MaxTitleLen = ConstU32<128>;
	/// Longer questionnaires lose respondents, and every response carries all its answers.
	type MaxQuestions = ConstU32<16>;
	/// About 85 Chinese characters per question.
	type MaxPromptLen = ConstU32<256>;
	/// Options per choice question.
	type MaxOptions = ConstU32<16>;
	/// About 20 Chinese characters per option.
	type MaxOptionLen = ConstU32<64>;
	/// A survey may stay open up to three months.
	type MaxDuration = ConstU32<{ 90 * DAYS }>;
	/// Surveys open at once per street office (all its communities together).
	type MaxOpenSurveysPerOffice = ConstU32<64>;
	/// Individual responses are kept half a year after close for audit, then may be reaped;
	/// the results stay for good.
	type RetentionPeriod = ConstU32<{ 180 * DAYS }>;
	/// Responses removed per reaping call.
	type MaxReapBatch = ConstU32<500>;
	/// Anonymous surveys' rings and proofs.
	type Rings = Rings;
	/// Chain governance (the council, or Root) may cancel any survey (street offices cancel
	/// those in their scope).
	type AdminOrigin = AdminOrigin;
	/// A survey may be announced up to a month before it opens; it holds one of its office's
	/// open-survey places from creation, so no longer.
	type MaxLeadTime = ConstU32<{ 30 * DAYS }>;
	/// Three changes of mind per response: `amend` is free, so it must not be repeatable for
	/// the whole window (a resident's free calls per survey are at most 1 + 3).
	type MaxAmendments = ConstU8<3>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A survey's three records (state, texts, index entry) at their largest (about 20 KiB of
	/// texts): 0.8 GZT, held from its creator.
	type SurveyDeposit = ConstU128<{ deposit(3, 20 * 1024) }>;
	/// An anonymous survey's rings, per resident in scope: 0.00034 GZT (17 GZT for 50,000).
	type RingMemberDeposit = ConstU128<{ deposit(0, RING_MEMBER_BYTES) }>;
}

impl pallet_procurement::Config for Runtime {
	/// A call for tenders may be announced up to a month before bidding opens.
	type MaxLeadTime = ConstU32<{ 30 * DAYS }>;
	/// Bidding, review, voting and revealing together within three months.
	type MaxDuration = ConstU32<{ 90 * DAYS }>;
	/// Chain governance (the council, or Root) may cancel any project not yet closed (an
	/// office: before bidding).
	type AdminOrigin = AdminOrigin;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A project's records (state with up to 32 bid slots, texts, index entry): 0.64 GZT, held
	/// from the office admin account that opens it.
	type ProjectDeposit = ConstU128<{ deposit(3, 4 * 1024) }>;
	/// An anonymous project's rings, per resident in scope: 0.00034 GZT (17 GZT for 50,000).
	type RingMemberDeposit = ConstU128<{ deposit(0, RING_MEMBER_BYTES) }>;
	/// A bid's records (the bid, its provider index): 0.41 GZT, held from the provider.
	type BidDeposit = ConstU128<{ deposit(2, 1024) }>;
	type Registry = Community;
	type Standing = Satisfaction;
	type Surveys = NeedsSurvey;
	type Rings = Rings;
	type OffchainSignature = Signature;
	type OffchainPublic = OffchainPublic;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = gongzhi_primitives::benchmarking::EcdsaSigner;
	/// Bids per project: a call for tenders draws a handful of social organizations.
	type MaxBids = ConstU32<32>;
	/// A resident may change their ballot three times: room for second thoughts, not for
	/// flooding the chain.
	type MaxVoteChanges = ConstU32<3>;
	/// Projects not yet closed per street office.
	type MaxOpenProjectsPerOffice = ConstU32<64>;
	/// Individual ballots are kept a month after the outcome (for receipts and disputes), then
	/// may be reaped; tallies and outcome stay.
	type RetentionPeriod = ConstU32<{ 30 * DAYS }>;
	/// 200 ballot records a reaping call at most: the range its weight was measured over.
	type MaxReapBatch = ConstU32<200>;
	type MaxTitleLen = ConstU32<128>;
	type MaxDescriptionLen = ConstU32<512>;
	type MaxBidSummaryLen = ConstU32<256>;
	type MaxReasonLen = ConstU32<256>;
	type WeightInfo = pallet_procurement::weights::SubstrateWeight<Runtime>;
}

impl pallet_vouchers::Config for Runtime {
	type Registry = Community;
	type Contracts = Procurement;
	type OffchainSignature = Signature;
	type OffchainPublic = OffchainPublic;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkSigner = gongzhi_primitives::benchmarking::EcdsaSigner;
	type WeightInfo = pallet_vouchers::weights::SubstrateWeight<Runtime>;
	type MaxServiceNameLen = ConstU32<64>;
	/// Providers a programme accepts: residents choose among them.
	type MaxProviders = ConstU32<16>;
	/// Residents an office issues to in one call; a district is covered in a few hundred calls.
	type MaxIssueBatch = ConstU32<100>;
	/// Redemptions settled in one call.
	type MaxSettleBatch = ConstU32<100>;
	/// Vouchers marked expired in one call.
	type MaxExpireBatch = ConstU32<100>;
	/// Vouchers a resident holds unused at once, across programmes.
	type MaxVouchersPerResident = ConstU32<32>;
	/// Recent confirmed redemptions remembered per resident (what they may still rate).
	type MaxRecentRedemptions = ConstU32<32>;
	/// Programmes in their claim window at once per office.
	type MaxOpenProgrammes = ConstU32<64>;
	/// A provider has two days to confirm a redemption before the resident may cancel it.
	type RedemptionTimeout = ConstU32<{ 2 * DAYS }>;
	/// The day used for "redemptions per provider per day" (a cash-out signal).
	type BlocksPerDay = ConstU32<DAYS>;
	/// A resident's signed QR code stays valid at most a day: a provider working offline
	/// submits it when back online.
	type MaxSignatureValidity = ConstU32<DAYS>;
	/// A programme may be announced up to a month before residents can claim.
	type MaxLeadTime = ConstU32<{ 30 * DAYS }>;
	/// An award funds at most four programmes (e.g. quarterly batches of one contract).
	type MaxProgrammesPerAward = ConstU32<4>;
	/// Twice a resident may take a voucher back from a provider who never confirmed and try
	/// another online; after that, by QR code only (the provider pays that transaction).
	type MaxCancellations = ConstU8<2>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// A programme's records (terms, name, statistics, index entry, award usage): 0.82 GZT,
	/// held from the office admin account until the finished programme's deposit is released.
	type ProgrammeDeposit = ConstU128<{ deposit(4, 2 * 1024) }>;
	/// A finished programme's vouchers, redemptions and received counts are kept half a year
	/// after its deposit is released (for audits and disputes), then may be reaped; its
	/// statistics and settlements stay. Longer than Satisfaction's rating window plus appeal
	/// window (30 + 14 days), so no rating or appeal can still need a reaped redemption.
	type RetentionPeriod = ConstU32<{ 180 * DAYS }>;
	/// A provider's redemptions-per-day counters (a cash-out signal) are kept a year.
	type DailyCountRetention = ConstU32<{ 365 * DAYS }>;
	/// Records removed per reap call.
	type MaxReapBatch = ConstU32<100>;
}

impl pallet_satisfaction::Config for Runtime {
	type Registry = Community;
	type Redemptions = Vouchers;
	/// A resident may rate a service up to 30 days after it was confirmed.
	type RatingWindow = ConstU32<{ 30 * DAYS }>;
	/// A provider must answer a bad rating (差评) within 7 days.
	type ResponseDeadline = ConstU32<{ 7 * DAYS }>;
	/// A provider may appeal a rating within 14 days.
	type AppealWindow = ConstU32<{ 14 * DAYS }>;
	/// Below an average of 3.00 …
	type StandingFloor = ConstU32<300>;
	/// … over at least 10 ratings, a provider may not bid.
	type StandingMinRatings = ConstU32<10>;
	/// A finished programme's ratings and closed cases are kept half a year (like the
	/// vouchers they rate), then may be reaped; the scorecards stay. Longer than the rating
	/// window plus the appeal window (30 + 14 days) and the response deadline (asserted by
	/// the pallet's `integrity_test`).
	type RetentionPeriod = ConstU32<{ 180 * DAYS }>;
	/// Ratings looked at per reap call.
	type MaxReapBatch = ConstU32<100>;
	type WeightInfo = pallet_satisfaction::weights::SubstrateWeight<Runtime>;
}

impl pallet_rings::Config for Runtime {
	type Registry = Community;
	/// 767 members a ring (domain 2^12): a proof takes a phone seconds, not minutes, and a
	/// residents' committee's voters fit one ring (`docs/anonymous-ballots.md` §3).
	type MaxRingSize = ConstU32<767>;
	/// 128 rings: an item's scope may hold up to 98,176 residents (a district holds ~50,000).
	type MaxRings = ConstU32<128>;
	/// Items whose rings are being built at once.
	type MaxPending = ConstU32<64>;
	/// Keys a build step handles: ~0.2 s of weight at ~1 ms a key in wasm.
	type MaxKeysPerStep = ConstU32<192>;
	type WeightInfo = pallet_rings::weights::SubstrateWeight<Runtime>;
}
