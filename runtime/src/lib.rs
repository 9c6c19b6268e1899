//! # The Gongzhi (共治) runtime
//!
//! Street offices, community committees, residents and service providers govern community
//! services together on this chain. Where to find things:
//!
//! - this file: the pallets that make up the runtime, its version, and its basic types;
//! - [`configs`]: each pallet's configuration, with the constants chosen for a real district
//!   (the council, the admin origin and the validators' sessions in [`configs::governance`]);
//! - [`apis`]: the runtime APIs the node and light clients call;
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis states.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`'s expansion is large.
#![recursion_limit = "256"]

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod fees;
pub mod genesis_config_presets;
mod token;
pub mod weights;

pub use token::{DECIMALS as TOKEN_DECIMALS, SS58_PREFIX, SYMBOL as TOKEN_SYMBOL};

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node (CLI, consensus, networking) needs to know of the runtime's types
/// without knowing its extrinsics.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. `spec_version` must be bumped with every change to the runtime's
/// logic, `transaction_version` with every change to calls or their encoding (and with it the
/// `next-version` build's below, one ahead).
#[cfg(not(feature = "next-version"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("gongzhi"),
	impl_name: Cow::Borrowed("gongzhi-node"),
	authoring_version: 1,
	spec_version: 111,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The version of the `next-version` build: the second runtime of the upgrade test
/// (`e2e/tests/06-upgrade.test.js`), one `spec_version` ahead, with a storage migration.
#[cfg(feature = "next-version")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("gongzhi"),
	impl_name: Cow::Borrowed("gongzhi-node"),
	authoring_version: 1,
	spec_version: 112,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

mod block_times {
	/// Target block time. Surveys, ballots and voucher windows are measured in blocks of this
	/// length.
	#[cfg(not(feature = "fast-blocks"))]
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// Target block time of the `fast-blocks` build, which only benchmarks use: it makes a dev
	/// chain of a thousand blocks in minutes (scripts/bench-app.sh). Never for a real chain.
	#[cfg(feature = "fast-blocks")]
	pub const MILLI_SECS_PER_BLOCK: u64 = 500;

	/// Aura's slot length; changing it after genesis would stop block production.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

/// Blocks per minute, hour and day at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// How many recent block hashes are kept (for mortal transactions).
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// One token, in its smallest unit.
pub const UNIT: Balance = 10u128.pow(TOKEN_DECIMALS as u32);
/// A thousandth of a token.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// A millionth of a token.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
/// The smallest balance an account may hold. Residents hold none at all: their accounts are
/// kept alive by the provider reference that registration gives them.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// An index to a block.
pub type BlockNumber = u32;
/// Signatures: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key that signs for it.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of the chain's token.
pub type Balance = u128;
/// A transaction counter.
pub type Nonce = u32;
/// A hash of some data.
pub type Hash = sp_core::H256;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block signed with a justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, in the order they are checked. Fees go through
/// `SkipCheckIfFeeless` (see [`fees`]): a resident's call that will succeed costs nothing and is
/// not charged the payment's weight; anything else pays as usual. [`fees::FreeTxGuard`] bounds
/// what free transactions may do in the pool (nonces ahead, one per action, short-lived).
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	// `CheckNonce`, `CheckWeight` and `ChargeTransactionPayment` (through
	// `fees::RefundSkippedPayment`), wrapped in the pool policy for free transactions; they
	// encode and appear in the metadata exactly as the three extensions.
	fees::FreeTxGuard,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// All migrations of the runtime, aside from the ones declared in the pallets: needs-survey's
/// storage from version 0 to 1 (each survey's response mode). A chain created at version 1 or
/// later skips it (`VersionedMigration` checks the stored version).
#[cfg(not(feature = "next-version"))]
type Migrations = (pallet_needs_survey::migrations::v1::MigrateToV1<Runtime>,);

/// The migrations of the `next-version` build: also needs-survey's storage from version 1 to 2
/// (the upgrade test's fixture).
#[cfg(feature = "next-version")]
type Migrations = (
	pallet_needs_survey::migrations::v1::MigrateToV1<Runtime>,
	pallet_needs_survey::migrations::v2::MigrateToV2<Runtime>,
);

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. Indices are part of every call's encoding: never reuse one.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type SkipFeelessPayment = pallet_skip_feeless_payment;

	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(8)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(9)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(10)]
	pub type Proxy = pallet_proxy;

	// Governance and validators (configs/governance.rs). The validator set before Session: its
	// genesis is the set that Session's genesis asks it for.
	#[runtime::pallet_index(11)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(12)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(13)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(14)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(15)]
	pub type RootDispatch = pallet_root_dispatch;

	// Gongzhi: the registry first, then the service cycle in the order residents meet it.
	#[runtime::pallet_index(20)]
	pub type Community = pallet_community;

	#[runtime::pallet_index(21)]
	pub type NeedsSurvey = pallet_needs_survey;

	#[runtime::pallet_index(22)]
	pub type Procurement = pallet_procurement;

	#[runtime::pallet_index(23)]
	pub type Vouchers = pallet_vouchers;

	#[runtime::pallet_index(24)]
	pub type Satisfaction = pallet_satisfaction;

	// The rings of anonymous ballots and survey answers (issue 19).
	#[runtime::pallet_index(25)]
	pub type Rings = pallet_rings;
}
