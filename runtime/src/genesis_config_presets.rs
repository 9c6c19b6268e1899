//! Genesis presets: the `development` chain (one validator, a populated district) and the
//! `local_testnet` chain (four validators on one machine, so that one may fail and GRANDPA still
//! finalizes with the other three). Both have a council of three (Alice, Bob, Charlie) and keep
//! Alice's sudo key for convenience; a production chain's genesis comes from a district file
//! (`deploy/bin/gongzhi-spec`): its council, no sudo key.
//!
//! Validators: pallet-session's genesis `keys` give each validator's account its session keys
//! (Aura and GRANDPA), and the validator set lists the same accounts; Aura's and GRANDPA's own
//! genesis authorities stay empty (pallet-session hands them the keys).

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, SessionKeys, SudoConfig, UNIT};
use alloc::{format, string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::H256;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// Tokens given to each endowed dev account: enough to pay fees for years of testing.
const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A validator: its account and its session keys.
type Validator = (AccountId, AuraId, GrandpaId);

/// The validators of a preset, by dev name: the account and Aura's key are the sr25519 key of
/// that name, GRANDPA's the ed25519 key of the same name.
fn authorities(names: &[(Sr25519Keyring, Ed25519Keyring)]) -> Vec<Validator> {
	names
		.iter()
		.map(|(aura, grandpa)| {
			(aura.to_account_id(), aura.public().into(), grandpa.public().into())
		})
		.collect()
}

/// The council of the dev presets: three representatives (Alice, Bob, Charlie), so that a
/// two-thirds motion needs two of them.
fn dev_council() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// A stand-in for a salted hash computed off chain from a person's ID document (or a household
/// registration, or a provider's registration code): the chain only ever sees such hashes.
fn demo_hash(what: &str) -> H256 {
	BlakeTwo256::hash(format!("gongzhi-demo/{what}").as_bytes())
}

/// The demo district (see the README's table of dev identities):
/// - office 0, "共治街道办事处" (Gongzhi Street Office), admin **Bob**;
/// - community 0, "向阳社区" (Sunflower), officer **Charlie**; residents Alice//stash,
///   Bob//stash (one household) and Charlie//stash;
/// - community 1, "河畔社区" (Riverside), officer **Dave**; residents Dave//stash,
///   Eve//stash and Ferdie//stash;
/// - providers **Eve** ("银龄居家养老服务中心", elder care) and **Ferdie** ("安心家政服务社",
///   home services), both approved by office 0.
///
/// Residents hold no tokens at all: their calls are free when they will succeed.
fn demo_district() -> crate::CommunityConfig {
	use Sr25519Keyring::*;
	let resident = |k: Sr25519Keyring, community: u32, household: Option<&str>| {
		(k.to_account_id(), community, demo_hash(&format!("person/{k}")), household.map(demo_hash))
	};
	pallet_community::GenesisConfig {
		offices: vec![(Bob.to_account_id(), String::from("共治街道办事处"))],
		communities: vec![
			(0, String::from("向阳社区"), vec![Charlie.to_account_id()]),
			(0, String::from("河畔社区"), vec![Dave.to_account_id()]),
		],
		providers: vec![
			(
				Eve.to_account_id(),
				String::from("银龄居家养老服务中心"),
				demo_hash("provider/eve"),
				vec![0],
			),
			(
				Ferdie.to_account_id(),
				String::from("安心家政服务社"),
				demo_hash("provider/ferdie"),
				vec![0],
			),
		],
		residents: vec![
			resident(AliceStash, 0, Some("household/sunflower-1")),
			resident(BobStash, 0, Some("household/sunflower-1")),
			resident(CharlieStash, 0, Some("household/sunflower-2")),
			resident(DaveStash, 1, Some("household/riverside-1")),
			resident(EveStash, 1, None),
			resident(FerdieStash, 1, Some("household/riverside-2")),
		],
	}
}

/// The genesis state shared by both presets.
fn base_genesis(
	validators: Vec<Validator>,
	endowed: Vec<AccountId>,
	root: AccountId,
	council: Vec<AccountId>,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		validator_set: pallet_validator_set::GenesisConfig {
			validators: validators.iter().map(|(account, ..)| account.clone()).collect::<Vec<_>>(),
		},
		session: pallet_session::GenesisConfig {
			keys: validators
				.into_iter()
				.map(|(account, aura, grandpa)| {
					(account.clone(), account, SessionKeys { aura, grandpa })
				})
				.collect::<Vec<_>>(),
		},
		council_membership: pallet_membership::GenesisConfig {
			members: council.try_into().expect("the dev council fits"),
		},
		sudo: SudoConfig { key: Some(root) },
		community: demo_district(),
	})
}

/// The accounts endowed with tokens on dev chains: Alice … Ferdie (validators, the office, the
/// officers, the providers). The residents (the `//stash` keys) get nothing: they never pay.
fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::invulnerable().map(|k| k.to_account_id()).collect()
}

/// `development`: Alice validates and holds sudo; Alice, Bob and Charlie are the council.
pub fn development_config_genesis() -> Value {
	base_genesis(
		authorities(&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]),
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		dev_council(),
	)
}

/// `local_testnet`: Alice, Bob, Charlie and Dave validate; Alice holds sudo; Alice, Bob and
/// Charlie are the council.
pub fn local_config_genesis() -> Value {
	base_genesis(
		authorities(&[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		]),
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		dev_council(),
	)
}

/// The JSON patch of preset `id`, if there is one by that name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
