//! The chains this node knows by name: `dev` and `local`, from the runtime's genesis presets.

use sc_service::{ChainType, Properties};

/// A chain spec of Gongzhi (no extensions: light clients such as smoldot read it as it is).
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, as Polkadot.js apps shows them. They come from the
/// runtime's own constants, so they always agree with its `SS58Prefix` and metadata hash.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), gongzhi_runtime::TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), gongzhi_runtime::TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), gongzhi_runtime::SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	crate::embedded()
		.wasm
		.ok_or_else(|| "the wasm runtime was not built (SKIP_WASM_BUILD?)".to_string())
}

/// `--dev`: one validator (Alice) and a populated demo district.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Gongzhi Development")
		.with_id("gongzhi_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `--chain local`: four validators (Alice, Bob, Charlie, Dave) on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("Gongzhi Local Testnet")
		.with_id("gongzhi_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
