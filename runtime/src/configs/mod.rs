//! How each pallet of the runtime is configured. The FRAME system pallets come first; Gongzhi's
//! own pallets are configured in [`gongzhi`], with the reasoning behind each constant; the
//! chain's governance (council, admin origin) and its validators (sessions) in [`governance`].

pub mod gongzhi;
pub mod governance;

// `derive_impl` fills in `RuntimeOrigin`, `RuntimeTask` and `PalletInfo` by name: they must be
// in scope here.
use crate::weights::{self, BlockExecutionWeight, ExtrinsicBaseWeight};
use crate::{
	AccountId, Aura, Balance, Balances, Block, Hash, Nonce, OriginCaller, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, EXISTENTIAL_DEPOSIT, SLOT_DURATION, SS58_PREFIX, VERSION,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, InstanceFilter, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, ConstantMultiplier, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use scale_info::TypeInfo;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

/// Normal (user) extrinsics may fill this share of a block; the rest is kept for operational
/// ones, so that governance can always get through a block full of ballots.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Compute a block may take: 2 s of the 6-second slot, leaving time to gossip and import. Proof
/// size is not limited (a solochain has no relay chain to send proofs to).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// What block initialization (`on_initialize` hooks) may take, on average.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per 6-second block, leaving time to gossip and import; the base
	/// costs of a block and of an extrinsic are the ones measured on this machine.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational extrinsics may use what normal ones may not.
			weights.reserved = Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// 5 MiB blocks: room for thousands of ballots in a block when a vote is about to close.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The basic FRAME system: accounts, blocks, events.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<{ crate::BLOCK_HASH_COUNT }>;
	/// The node stores state in ParityDB: a read and a write measured by `benchmark storage` on
	/// a 50,000-resident district's state (`scripts/bench-storage.sh`).
	type DbWeight = weights::paritydb_weights::constants::ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	/// The transaction extensions every extrinsic pays for, measured with ParityDB's costs.
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	/// Enough for a city's validators (street offices, the city's data bureau, auditors).
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::pallet_grandpa::WeightInfo<Runtime>;
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

/// What filling the normal class of one block costs, by compute or by bytes alike: 100 GZT.
/// Residents never pay (their valid calls are free); everyone else pays enough that keeping
/// blocks full is a real expense — an hour of full blocks (600) costs 60,000 GZT — while an
/// office's everyday call costs a few hundredths of a GZT (a transfer about 0.02 GZT, creating a
/// survey about 0.03 GZT). Before, with `IdentityFee` for both, a block filled by length cost
/// 0.000004 GZT.
pub const FULL_BLOCK_FEE: Balance = 100 * crate::UNIT;

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// Planck per picosecond of compute: `FULL_BLOCK_FEE` over the normal class's 1.5 s.
	pub const FeePerWeight: Balance = FULL_BLOCK_FEE / (NORMAL_DISPATCH_RATIO.deconstruct() as Balance * 2 * WEIGHT_REF_TIME_PER_SECOND as Balance / 1_000_000_000);
	/// Planck per byte: `FULL_BLOCK_FEE` over the normal class's 3.75 MiB.
	pub const FeePerByte: Balance = FULL_BLOCK_FEE / (NORMAL_DISPATCH_RATIO.deconstruct() as Balance * 5 * 1024 * 1024 / 1_000_000_000);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// See [`FULL_BLOCK_FEE`].
	type WeightToFee = ConstantMultiplier<Balance, FeePerWeight>;
	/// See [`FULL_BLOCK_FEE`].
	type LengthToFee = ConstantMultiplier<Balance, FeePerByte>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

/// Lets a resident's call that will succeed skip the fee (see each pallet's `feeless_if`).
impl pallet_skip_feeless_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	// One storage item: a key of 32 bytes and a value of 16 + 4 bytes.
	pub const DepositBase: Balance = deposit(1, 88);
	// Each signatory adds 32 bytes.
	pub const DepositFactor: Balance = deposit(0, 32);
}

/// Street offices usually act through a multisig of their clerks.
impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = ConstU32<20>;
	type WeightInfo = weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do for the account that appointed it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Anything but moving tokens.
	NonTransfer,
	/// Gongzhi's calls only (and batches of them): what a street office delegates to a clerk.
	Gongzhi,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(call, RuntimeCall::Balances(..)),
			ProxyType::Gongzhi => matches!(
				call,
				RuntimeCall::Community(..)
					| RuntimeCall::NeedsSurvey(..)
					| RuntimeCall::Procurement(..)
					| RuntimeCall::Vouchers(..)
					| RuntimeCall::Satisfaction(..)
					| RuntimeCall::Rings(..)
					| RuntimeCall::Utility(..)
			),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, ProxyType::Gongzhi) => true,
			(x, y) => x == y,
		}
	}
}

parameter_types! {
	// One storage item: a key of 32 bytes and a value of 8 bytes.
	pub const ProxyDepositBase: Balance = deposit(1, 40);
	// Each proxy adds 33 bytes.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	// One storage item: a key of 32 bytes and a value of 16 bytes.
	pub const AnnouncementDepositBase: Balance = deposit(1, 48);
	// Each announcement adds 68 bytes.
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

/// The deposit for `items` storage items holding `bytes` bytes in all.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 20 * crate::UNIT / 100 + (bytes as Balance) * crate::MICRO_UNIT * 10
}
