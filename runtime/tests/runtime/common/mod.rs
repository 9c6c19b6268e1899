//! What the runtime's integration tests share: a chain built from a genesis preset, the dev
//! keyring's accounts, blocks, a project in voting, and extrinsics signed with the runtime's real
//! transaction extensions.
#![allow(dead_code)]

use codec::Encode;
use frame_support::{assert_ok, BoundedVec};
use gongzhi_primitives::{Scope, H256};
use gongzhi_runtime::{
	AccountId, Balance, BlockNumber, Executive, Header, Nonce, Procurement, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, SignedPayload, System, TxExtension, UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{generic::Era, traits::Header as _, MultiSignature};

/// Merges a genesis patch into the full default config, as the node does for a preset.
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
			for (k, v) in p {
				merge(b.entry(k).or_insert(serde_json::Value::Null), v);
			}
		},
		(b, p) => *b = p,
	}
}

/// State built from a named genesis preset, at block 1.
pub fn preset_ext(name: &str) -> sp_io::TestExternalities {
	let patch = gongzhi_runtime::genesis_config_presets::get_preset(&name.into())
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&config).unwrap(),
		)
		.expect("the preset builds");
		System::set_block_number(1);
	});
	ext
}

pub fn dev() -> sp_io::TestExternalities {
	preset_ext(sp_genesis_builder::DEV_RUNTIME_PRESET)
}

pub fn acc(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

pub fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(acc(k))
}

pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

pub fn now() -> BlockNumber {
	System::block_number()
}

pub fn bounded<S: frame_support::traits::Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	s.as_bytes().to_vec().try_into().unwrap()
}

/// An open-mode project in the whole office with bids by Eve (price 900) and Ferdie (800),
/// in voting from `now() + 3` for 3 blocks. Returns its id.
pub fn project_with_two_bids(quorum_percent: u8) -> u32 {
	project_in_voting(quorum_percent, 3)
}

/// The same, voting for `voting_blocks` blocks.
pub fn project_in_voting(quorum_percent: u8, voting_blocks: BlockNumber) -> u32 {
	use pallet_procurement::{ProjectRules, VotingMethod, Window};
	let id = pallet_procurement::NextProjectId::<Runtime>::get();
	let start = now();
	assert_ok!(Procurement::create_project(
		signed(Bob),
		bounded("长者助餐服务"),
		bounded("为辖区长者提供午餐配送"),
		H256::repeat_byte(1),
		1_000,
		None,
		ProjectRules {
			scope: Scope::Office(0),
			bidding: Window { start: start + 1, end: start + 3 },
			voting: Window { start: start + 3, end: start + 3 + voting_blocks },
			method: VotingMethod::Open,
			quorum_percent,
		},
	));
	run_to(start + 1);
	assert_ok!(Procurement::submit_bid(signed(Eve), id, 900, bounded("Eve"), H256::repeat_byte(2)));
	assert_ok!(Procurement::submit_bid(
		signed(Ferdie),
		id,
		800,
		bounded("Ferdie"),
		H256::repeat_byte(3)
	));
	run_to(start + 3);
	id
}

// ---------------------------------------------------------------------------------------------
// Genesis presets
// ---------------------------------------------------------------------------------------------

/// `call` signed by `who` with nonce `nonce` and tip `tip`, immortal, with the runtime's real
/// extensions.
pub fn tipped_extrinsic(
	who: Sr25519Keyring,
	nonce: Nonce,
	tip: Balance,
	call: RuntimeCall,
) -> UncheckedExtrinsic {
	signed_with(&who.pair(), nonce, tip, call)
}

/// The runtime's real transaction extensions for a transaction with `nonce` and `tip`, immortal.
pub fn tx_extension(nonce: Nonce, tip: Balance) -> TxExtension {
	(
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		gongzhi_runtime::fees::FreeTxGuard::new(nonce, tip),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// `call` signed with `pair` (callers that sign many transactions keep their pairs: deriving a
/// dev key costs more than signing).
pub fn signed_with(
	pair: &sr25519::Pair,
	nonce: Nonce,
	tip: Balance,
	call: RuntimeCall,
) -> UncheckedExtrinsic {
	let ext = tx_extension(nonce, tip);
	let payload = SignedPayload::new(call.clone(), ext.clone()).expect("implicit data");
	let signature = payload.using_encoded(|bytes| MultiSignature::from(pair.sign(bytes)));
	let who: AccountId = sp_runtime::traits::IdentifyAccount::into_account(
		sp_runtime::MultiSigner::from(pair.public()),
	);
	UncheckedExtrinsic::new_signed(call, who.into(), signature, ext)
}

/// `call` signed by `who` with nonce `nonce`, no tip.
pub fn extrinsic(who: Sr25519Keyring, nonce: Nonce, call: RuntimeCall) -> UncheckedExtrinsic {
	tipped_extrinsic(who, nonce, 0, call)
}

/// Initializes the next block, as block production would.
pub fn start_block() {
	let n = now() + 1;
	let header = Header::new(
		n,
		Default::default(),
		Default::default(),
		System::parent_hash(),
		Default::default(),
	);
	Executive::initialize_block(&header);
}
