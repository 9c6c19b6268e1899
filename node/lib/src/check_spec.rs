//! `gongzhi-node check-spec <file>`: checks a chain specification before a city runs it. A
//! production chain must not contain a key anyone knows: the well-known development accounts
//! (`//Alice` … `//Ferdie`, their `//stash`, `//One`, `//Two`), sr25519 (accounts, Aura) or
//! ed25519 (GRANDPA), as hex or SS58 address, anywhere in the file but the runtime's code (plain
//! or raw); it must have no `sudo` key, and must not call itself a development or local chain.
//! Prints every finding in Chinese and English and fails if there is one.

use sp_core::crypto::{Ss58AddressFormat, Ss58Codec};
use sp_io::hashing::twox_128;
use std::path::PathBuf;

/// Check a chain specification for a production chain: no well-known key, no sudo key, not a
/// development chain. Exits with an error listing what it found.
#[derive(Debug, clap::Parser)]
pub struct CheckSpecCmd {
	/// The chain specification file (plain or raw JSON).
	pub spec: PathBuf,
}

/// One thing wrong with a chain specification, said in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
	/// 中文.
	pub zh: String,
	/// English.
	pub en: String,
}

/// The development keys every Substrate tool knows: their derivation path and public key.
fn well_known_keys() -> Vec<(String, &'static str, [u8; 32])> {
	// The keyring names `//Alice//stash` as `//AliceStash`: said as it is derived.
	let path = |seed: String| match seed.strip_suffix("Stash") {
		Some(name) => format!("{name}//stash"),
		None => seed,
	};
	let sr =
		sp_keyring::Sr25519Keyring::iter().map(|k| (path(k.to_seed()), "sr25519", k.public().0));
	let ed =
		sp_keyring::Ed25519Keyring::iter().map(|k| (path(k.to_seed()), "ed25519", k.public().0));
	sr.chain(ed).collect()
}

/// What is wrong with the chain specification `text` (empty: nothing found).
pub fn check(text: &str) -> Result<Vec<Finding>, String> {
	let spec: serde_json::Value = serde_json::from_str(text)
		.map_err(|e| format!("不是 JSON 链规格 / not a JSON chain spec: {e}"))?;
	// Keys are looked for everywhere but in the runtime's code: the code is not data, and its
	// (compressed) bytes may hold anything, the dev presets' public keys included, verbatim or
	// not depending on how the compressor happened to encode them.
	let mut data = spec.clone();
	without_code(&mut data);
	let text = data.to_string();
	let lower = text.to_lowercase();
	let mut findings = Vec::new();
	for (seed, scheme, public) in well_known_keys() {
		let hex = hex_of(&public);
		let address = sp_core::crypto::AccountId32::from(public)
			.to_ss58check_with_version(Ss58AddressFormat::custom(42));
		if lower.contains(&hex) || text.contains(&address) {
			findings.push(Finding {
				zh: format!("含有公开的开发密钥 {seed}（{scheme}，{address}）：任何人都能用它签名。"),
				en: format!(
					"contains the well-known development key {seed} ({scheme}, {address}): anyone can sign with it."
				),
			});
		}
	}
	let chain_type = spec.get("chainType").and_then(|t| t.as_str()).unwrap_or("");
	if matches!(chain_type, "Development" | "Local") {
		findings.push(Finding {
			zh: format!("链类型是 {chain_type}：生产链应为 Live。"),
			en: format!("its chainType is {chain_type}: a production chain is Live."),
		});
	}
	if has_sudo(&spec) {
		findings.push(Finding {
			zh: "设有 sudo 超级密钥：生产链由理事会治理，不应有一把万能钥匙。".into(),
			en: "it has a sudo key: a production chain is governed by its council, not one master key."
				.into(),
		});
	}
	Ok(findings)
}

/// Removes the runtime's code from a chain spec: `:code` in a raw spec's storage, `code` in a
/// plain one's genesis, and any code substitutes.
fn without_code(spec: &mut serde_json::Value) {
	let code_key = format!("0x{}", hex_of(b":code"));
	if let Some(top) = spec["genesis"]["raw"]["top"].as_object_mut() {
		top.remove(&code_key);
	}
	for section in ["runtimeGenesis", "runtime"] {
		if let Some(runtime) = spec["genesis"][section].as_object_mut() {
			runtime.remove("code");
		}
	}
	if let Some(root) = spec.as_object_mut() {
		root.remove("codeSubstitutes");
	}
}

/// Whether the spec gives pallet-sudo a key: `sudo.key` in a plain spec's genesis, or the
/// `Sudo::Key` storage item in a raw one.
fn has_sudo(spec: &serde_json::Value) -> bool {
	let genesis = &spec["genesis"];
	let plain = ["runtimeGenesis", "runtime"].iter().any(|section| {
		let runtime = &genesis[section];
		[
			&runtime["patch"]["sudo"]["key"],
			&runtime["config"]["sudo"]["key"],
			&runtime["sudo"]["key"],
		]
		.iter()
		.any(|key| !key.is_null())
	});
	let key = format!("0x{}{}", hex_of(&twox_128(b"Sudo")), hex_of(&twox_128(b"Key")));
	let raw = genesis["raw"]["top"].get(&key).is_some_and(|v| !v.is_null());
	plain || raw
}

fn hex_of(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl CheckSpecCmd {
	/// Prints the findings; an error if there is any.
	pub fn run(&self) -> sc_cli::Result<()> {
		let text = std::fs::read_to_string(&self.spec)
			.map_err(|e| sc_cli::Error::Input(format!("{}: {e}", self.spec.display())))?;
		let findings = check(&text).map_err(sc_cli::Error::Input)?;
		if findings.is_empty() {
			println!(
				"通过：{} 中没有公开的开发密钥，没有 sudo，链类型不是开发链。\nPassed: {} holds no well-known key and no sudo key, and is not a development chain.",
				self.spec.display(),
				self.spec.display()
			);
			return Ok(());
		}
		for f in &findings {
			println!("✗ {}\n  {}", f.zh, f.en);
		}
		Err(sc_cli::Error::Input(format!(
			"{} 项问题，不能作为生产链 / {} problem(s): not fit for a production chain",
			findings.len(),
			findings.len()
		)))
	}
}
