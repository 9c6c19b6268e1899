//! The chain's governance and its validators.
//!
//! - **The admin origin** ([`AdminOrigin`]): Root, or two thirds of the council. It creates and
//!   retires street offices, cancels what any office may cancel, adds and removes validators,
//!   and changes the council's membership. On the development chains the sudo key gives Root; a
//!   production chain (`deploy/bin/gongzhi-spec`) has no sudo key, so the council is the only
//!   way.
//! - **The council** (`Council`, pallet-collective): one representative per street office,
//!   members managed by `CouncilMembership` (pallet-membership) through the admin origin. A
//!   member proposes a motion (any call) with a threshold, members vote, and anyone closes it
//!   once the threshold is reached (or its time is up). A motion that needs the admin origin
//!   passes with two thirds of the members.
//! - **Root through the council** (`RootDispatch`): what only Root may do — above all
//!   `system.setCode`, a runtime upgrade — is a motion to `rootDispatch.dispatchAsRoot(call,
//!   weight)`, with the same two-thirds threshold.
//! - **Validators** (`ValidatorSet`, `Session`): the set is chosen by the admin origin and
//!   changes at session boundaries ([`SESSION_PERIOD`]); validators register their Aura and
//!   GRANDPA keys with `session.setKeys`.

use super::deposit;
use crate::{
	AccountId, Balances, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
	SessionKeys, ValidatorSet, DAYS, MINUTES,
};
use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::{traits::ConvertInto, Perbill};

/// The council's instance of pallet-collective.
pub type CouncilInstance = pallet_collective::Instance1;
/// The instance of pallet-membership that manages the council's members.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

/// Two thirds of the council, through a motion.
pub type CouncilTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>;

/// The chain's governance: Root (the sudo key on development chains) or two thirds of the
/// council. Every Gongzhi pallet's `AdminOrigin`, the validator set's and the council's
/// membership use it.
pub type AdminOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CouncilTwoThirds>;

/// Session length: 2 minutes (20 blocks of 6 s). A validator added or removed by governance
/// takes part (or stops) one to two sessions later, so within 2 to 4 minutes: short enough that
/// a street office sees its validator join in the same sitting, and the e2e test
/// (`e2e/tests/08-validator-set.test.js`) watches two changes in a few minutes; long enough that
/// the rotation's work (one block in twenty, which then carries no ordinary transactions, as
/// pallet-session charges it a full block) is a small share. The same on every chain: the
/// length is in the runtime, not the genesis preset.
pub const SESSION_PERIOD: BlockNumber = 2 * MINUTES;

/// The most validators: Aura's and GRANDPA's `MaxAuthorities` (32), which a city's street
/// offices, its data bureau and auditors stay well within.
pub const MAX_VALIDATORS: u32 = 32;

/// The smallest set removal may leave: 4, so that one validator may fail and the other three
/// (more than two thirds) still finalize. See `pallet_validator_set::Config::MinValidators`.
pub const MIN_VALIDATORS: u32 = 4;

/// The most council members: one per street office of a large district, with room.
pub const COUNCIL_MAX_MEMBERS: u32 = 64;

parameter_types! {
	pub const SessionPeriod: BlockNumber = SESSION_PERIOD;
	pub const SessionOffset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is known by its account.
	type ValidatorId = AccountId;
	/// Any account may register keys (it pays `KeyDeposit`); only governance makes it a
	/// validator.
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Nobody is disabled automatically: there is no staking and no slashing; governance
	/// removes a validator that misbehaves.
	type DisablingStrategy = ();
	/// Substrate's reference weights (pallet-session's benchmarks need pallet-staking).
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Registered keys (the keys record and one owner entry per key type): 0.6 GZT, held while
	/// they are registered, so that registering keys costs what the storage does.
	type KeyDeposit = ConstU128<{ deposit(3, 200) }>;
}

impl pallet_validator_set::Config for Runtime {
	type AdminOrigin = AdminOrigin;
	type KeysRegistered = crate::Session;
	/// See [`MAX_VALIDATORS`].
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	/// See [`MIN_VALIDATORS`].
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkKeys;
}

/// Session keys for the validator-set benchmarks: written straight into pallet-session's
/// `NextKeys` (their values don't matter, only that they exist).
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkKeys;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<AccountId> for BenchmarkKeys {
	fn register_keys(who: &AccountId) {
		use codec::Decode;
		let raw: [u8; 32] = *who.as_ref();
		let mut bytes = raw.to_vec();
		bytes.extend_from_slice(&raw);
		let keys = SessionKeys::decode(&mut &bytes[..]).expect("64 bytes are two public keys");
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}

parameter_types! {
	/// A motion runs a week at most: time for every office's representative to read it.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
	/// The heaviest call a motion may carry: half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	/// Motions open at once.
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	/// A member who did not vote counts with the majority when the motion times out (the prime
	/// member's vote when there is one).
	type DefaultVote = pallet_collective::MoreThanMajorityThenPrimeDefaultVote;
	/// Substrate's reference weights.
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members change only through `CouncilMembership` (which calls the council itself).
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = AdminOrigin;
	type KillOrigin = AdminOrigin;
	/// Members pay no deposit for a motion (they are few and accountable).
	type Consideration = ();
}

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = AdminOrigin;
	type RemoveOrigin = AdminOrigin;
	type SwapOrigin = AdminOrigin;
	type ResetOrigin = AdminOrigin;
	type PrimeOrigin = AdminOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	/// Substrate's reference weights.
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_root_dispatch::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	/// Two thirds of the council (Root needs no help).
	type RootOrigin = CouncilTwoThirds;
	type WeightInfo = pallet_root_dispatch::weights::SubstrateWeight<Runtime>;
}
