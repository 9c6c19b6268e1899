//! The connection to a node, on subxt: its RPC client (`subxt::rpcs`, jsonrpsee over WebSocket,
//! with limits for thousands of requests in flight), the legacy JSON-RPC methods the
//! measurements use (submission, heads, block bodies), and an [`OnlineClient`] on the same
//! connection for metadata, storage and transactions (see `chain.rs`).

use serde_json::Value;
use std::{sync::Arc, time::Duration};
use subxt::{
	backend::LegacyBackend,
	config::{HashFor, RpcConfigFor},
	ext::jsonrpsee::ws_client::WsClientBuilder,
	rpcs::{
		client::{RpcParams, RpcSubscription},
		LegacyRpcMethods, RpcClient,
	},
	OnlineClient, SubstrateConfig,
};

/// Errors are strings: this is a measuring tool, and every error ends up in a report or a log.
pub type Result<T> = std::result::Result<T, String>;

/// The chain's configuration for subxt. Everything chain-specific (the call and storage types,
/// the transaction extensions) comes from the node's metadata; `SubstrateConfig`'s
/// `MultiAddress`, `MultiSignature`, BLAKE2-256 hashes and default extensions (those of a FRAME
/// chain, which is what `runtime/src/lib.rs` declares) fit it.
pub type Conf = SubstrateConfig;
/// A block or extrinsic hash.
pub type Hash = HashFor<Conf>;
/// A block header as the node serves it.
pub type Header = <Conf as subxt::Config>::Header;

/// A connection to the node.
#[derive(Clone)]
pub struct Rpc {
	raw: RpcClient,
	legacy: LegacyRpcMethods<RpcConfigFor<Conf>>,
}

impl Rpc {
	/// Connects to `url` with limits generous enough for thousands of requests in flight and
	/// multi-megabyte blocks.
	pub async fn connect(url: &str) -> Result<Self> {
		let client = WsClientBuilder::default()
			.max_concurrent_requests(65_536)
			.max_request_size(64 << 20)
			.max_response_size(512 << 20)
			.max_buffer_capacity_per_subscription(65_536)
			.request_timeout(Duration::from_secs(600))
			.connection_timeout(Duration::from_secs(10))
			.build(url)
			.await
			.map_err(|e| format!("connecting to {url}: {e}"))?;
		let raw = RpcClient::new(client);
		Ok(Self { legacy: LegacyRpcMethods::new(raw.clone()), raw })
	}

	/// A subxt client on this connection (legacy JSON-RPC backend: storage and blocks at any
	/// hash, as the measurements need; storage iterated in pages of 1,000 keys).
	pub async fn client(&self) -> Result<OnlineClient<Conf>> {
		let backend =
			LegacyBackend::<Conf>::builder().storage_page_size(1000).build(self.raw.clone());
		OnlineClient::from_backend_with_config(SubstrateConfig::new(), Arc::new(backend))
			.await
			.map_err(|e| format!("subxt client: {e}"))
	}

	/// A call whose JSON result is returned as is (the node's own RPCs: `gongzhi_*`,
	/// `payment_queryInfo`, `system_dryRun`).
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Result<Value> {
		let mut p = RpcParams::new();
		for v in params {
			p.push(v).map_err(|e| e.to_string())?;
		}
		self.raw.request::<Value>(method, p).await.map_err(|e| format!("{method}: {e}"))
	}

	/// `author_submitExtrinsic`: the node's hash, or the node's error as text.
	pub async fn submit(&self, ext: &[u8]) -> Result<Hash> {
		self.legacy.author_submit_extrinsic(ext).await.map_err(|e| e.to_string())
	}

	/// The best block's number and hash.
	pub async fn best(&self) -> Result<(u32, Hash)> {
		let hash = self
			.legacy
			.chain_get_block_hash(None)
			.await
			.map_err(|e| format!("chain_getBlockHash: {e}"))?
			.ok_or("no best block")?;
		Ok((self.number_of(hash).await?, hash))
	}

	/// The finalized head's number and hash.
	pub async fn finalized(&self) -> Result<(u32, Hash)> {
		let hash = self
			.legacy
			.chain_get_finalized_head()
			.await
			.map_err(|e| format!("chain_getFinalizedHead: {e}"))?;
		Ok((self.number_of(hash).await?, hash))
	}

	async fn number_of(&self, hash: Hash) -> Result<u32> {
		let header = self
			.legacy
			.chain_get_header(Some(hash))
			.await
			.map_err(|e| format!("chain_getHeader: {e}"))?
			.ok_or_else(|| format!("no header for {hash:?}"))?;
		Ok(header.number as u32)
	}

	/// The hash of block `n` on the best chain.
	pub async fn block_hash(&self, n: u32) -> Result<Hash> {
		self.legacy
			.chain_get_block_hash(Some(n.into()))
			.await
			.map_err(|e| format!("chain_getBlockHash: {e}"))?
			.ok_or_else(|| format!("no block {n}"))
	}

	/// The extrinsics of block `hash`, encoded.
	pub async fn block_extrinsics(&self, hash: Hash) -> Result<Vec<Vec<u8>>> {
		let block = self
			.legacy
			.chain_get_block(Some(hash))
			.await
			.map_err(|e| format!("chain_getBlock: {e}"))?
			.ok_or_else(|| format!("no block {hash:?}"))?;
		Ok(block.block.extrinsics.into_iter().map(|x| x.0).collect())
	}

	/// An account's next nonce, counting the pool (`system_accountNextIndex`).
	pub async fn next_index(&self, account: &[u8; 32]) -> Result<u64> {
		self.legacy
			.system_account_next_index(&(*account).into())
			.await
			.map_err(|e| format!("system_accountNextIndex: {e}"))
	}

	/// `payment_queryInfo`: the weight `(ref_time, proof_size)` the runtime declares for an
	/// extrinsic, extrinsic base weight included.
	pub async fn query_weight(&self, ext: &[u8]) -> Result<(u64, u64)> {
		let v = self.call("payment_queryInfo", vec![crate::keys::hex(ext).into()]).await?;
		let w = &v["weight"];
		let num = |x: &Value| -> u64 {
			x.as_u64().or_else(|| x.as_str().and_then(|s| s.parse().ok())).unwrap_or(0)
		};
		// `{"weight":{"ref_time":…,"proof_size":…},…}` (snake case: sp-weights' serde).
		let field = |a: &str, b: &str| if w[a].is_null() { num(&w[b]) } else { num(&w[a]) };
		Ok((field("ref_time", "refTime"), field("proof_size", "proofSize")))
	}

	/// Subscribes to new best heads.
	pub async fn subscribe_new_heads(&self) -> Result<RpcSubscription<Header>> {
		self.legacy.chain_subscribe_new_heads().await.map_err(|e| e.to_string())
	}

	/// Subscribes to finalized heads.
	pub async fn subscribe_finalized_heads(&self) -> Result<RpcSubscription<Header>> {
		self.legacy.chain_subscribe_finalized_heads().await.map_err(|e| e.to_string())
	}
}
