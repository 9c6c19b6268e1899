// The chain's token and address format: one definition that the runtime, its metadata-hash
// build (wasm/build.rs) and the chain specs' properties all read, so Polkadot.js and offline
// signers never see two versions.

/// Token symbol shown by wallets and Polkadot.js apps.
pub const SYMBOL: &str = "GZT";
/// Decimal places of the token: 1 GZT = 10^12 planck.
pub const DECIMALS: u8 = 12;
/// SS58 address prefix (42: the generic Substrate prefix, as on dev chains).
pub const SS58_PREFIX: u16 = 42;
