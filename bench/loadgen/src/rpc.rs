//! A thin JSON-RPC layer over jsonrpsee's WebSocket client: the few methods the benchmarks call.

use crate::keys::{hex, unhex, unhex32};
use jsonrpsee_core::{
	client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
};
use jsonrpsee_ws_client::{WsClient, WsClientBuilder};
use serde_json::Value;
use std::{sync::Arc, time::Duration};

/// Errors are strings: this is a measuring tool, and every error ends up in a report or a log.
pub type Result<T> = std::result::Result<T, String>;

/// A connection to the node.
#[derive(Clone)]
pub struct Rpc(pub Arc<WsClient>);

/// A block header as the node serves it.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
	/// `0x`-hex block number.
	pub number: String,
}

impl Header {
	/// The block number.
	pub fn number(&self) -> u32 {
		u32::from_str_radix(self.number.trim_start_matches("0x"), 16).unwrap_or(0)
	}
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
		Ok(Self(Arc::new(client)))
	}

	/// A call whose JSON result is returned as is.
	pub async fn call(&self, method: &str, params: Vec<Value>) -> Result<Value> {
		let mut p = jsonrpsee_core::params::ArrayParams::new();
		for v in params {
			p.insert(v).map_err(|e| e.to_string())?;
		}
		self.0.request::<Value, _>(method, p).await.map_err(|e| format!("{method}: {e}"))
	}

	/// `author_submitExtrinsic`: the node's hash, or the node's error as text.
	pub async fn submit(&self, ext_hex: &str) -> Result<String> {
		self.0
			.request::<String, _>("author_submitExtrinsic", rpc_params![ext_hex])
			.await
			.map_err(|e| e.to_string())
	}

	/// The best block's header and hash.
	pub async fn best(&self) -> Result<(u32, [u8; 32])> {
		let h: Header = serde_json::from_value(self.call("chain_getHeader", vec![]).await?)
			.map_err(|e| e.to_string())?;
		let hash = self.block_hash(h.number()).await?;
		Ok((h.number(), hash))
	}

	/// The finalized head's number and hash.
	pub async fn finalized(&self) -> Result<(u32, [u8; 32])> {
		let hash = self.call("chain_getFinalizedHead", vec![]).await?;
		let hash = hash.as_str().ok_or("no finalized head")?.to_string();
		let h: Header =
			serde_json::from_value(self.call("chain_getHeader", vec![hash.clone().into()]).await?)
				.map_err(|e| e.to_string())?;
		Ok((h.number(), unhex32(&hash)?))
	}

	/// The hash of block `n` on the best chain.
	pub async fn block_hash(&self, n: u32) -> Result<[u8; 32]> {
		let v = self.call("chain_getBlockHash", vec![n.into()]).await?;
		unhex32(v.as_str().ok_or_else(|| format!("no block {n}"))?)
	}

	/// The extrinsics of block `hash`, encoded.
	pub async fn block_extrinsics(&self, hash: &[u8; 32]) -> Result<Vec<Vec<u8>>> {
		let v = self.call("chain_getBlock", vec![hex(hash).into()]).await?;
		v["block"]["extrinsics"]
			.as_array()
			.ok_or("block without extrinsics")?
			.iter()
			.map(|x| unhex(x.as_str().unwrap_or_default()))
			.collect()
	}

	/// The runtime's `(spec_version, transaction_version)`.
	pub async fn versions(&self) -> Result<(u32, u32)> {
		let v = self.call("state_getRuntimeVersion", vec![]).await?;
		let get = |k: &str| v[k].as_u64().map(|x| x as u32).ok_or(format!("no {k}"));
		Ok((get("specVersion")?, get("transactionVersion")?))
	}

	/// An account's next nonce, counting the pool.
	pub async fn next_index(&self, ss58: &str) -> Result<u32> {
		let v = self.call("system_accountNextIndex", vec![ss58.into()]).await?;
		v.as_u64().map(|x| x as u32).ok_or_else(|| "bad nonce".into())
	}

	/// A storage value at `at` (best block when `None`).
	pub async fn storage(&self, key: &[u8], at: Option<[u8; 32]>) -> Result<Option<Vec<u8>>> {
		let mut p = vec![hex(key).into()];
		if let Some(at) = at {
			p.push(hex(&at).into());
		}
		match self.call("state_getStorage", p).await? {
			Value::Null => Ok(None),
			Value::String(s) => Ok(Some(unhex(&s)?)),
			other => Err(format!("state_getStorage: {other}")),
		}
	}

	/// Every key under `prefix` at `at`, with its value: `(keys, total key bytes, total value
	/// bytes)`. Pages of 1,000.
	pub async fn prefix_sizes(&self, prefix: &[u8], at: [u8; 32]) -> Result<(u64, u64, u64)> {
		let (mut keys, mut key_bytes, mut value_bytes) = (0u64, 0u64, 0u64);
		let mut start: Option<String> = None;
		loop {
			let mut p: Vec<Value> = vec![hex(prefix).into(), 1000.into()];
			p.push(start.clone().map(Value::from).unwrap_or(Value::Null));
			p.push(hex(&at).into());
			let page = self.call("state_getKeysPaged", p).await?;
			let page: Vec<String> = serde_json::from_value(page).map_err(|e| e.to_string())?;
			if page.is_empty() {
				break;
			}
			let values = self
				.call(
					"state_queryStorageAt",
					vec![serde_json::to_value(&page).unwrap(), hex(&at).into()],
				)
				.await?;
			for change in values[0]["changes"].as_array().ok_or("no changes")? {
				keys += 1;
				key_bytes += (change[0].as_str().unwrap_or("0x").len() as u64 - 2) / 2;
				value_bytes += (change[1].as_str().unwrap_or("0x").len() as u64 - 2) / 2;
			}
			start = page.last().cloned();
			if page.len() < 1000 {
				break;
			}
		}
		Ok((keys, key_bytes, value_bytes))
	}

	/// `payment_queryInfo`: the weight `(ref_time, proof_size)` the runtime declares for an
	/// extrinsic, extrinsic base weight included.
	pub async fn query_weight(&self, ext: &[u8]) -> Result<(u64, u64)> {
		let v = self.call("payment_queryInfo", vec![hex(ext).into()]).await?;
		let w = &v["weight"];
		let num = |x: &Value| -> u64 {
			x.as_u64().or_else(|| x.as_str().and_then(|s| s.parse().ok())).unwrap_or(0)
		};
		// `{"weight":{"ref_time":…,"proof_size":…},…}` (snake case: sp-weights' serde).
		let field = |a: &str, b: &str| if w[a].is_null() { num(&w[b]) } else { num(&w[a]) };
		Ok((field("ref_time", "refTime"), field("proof_size", "proofSize")))
	}

	/// Subscribes to new best heads.
	pub async fn subscribe_new_heads(&self) -> Result<Subscription<Header>> {
		self.0
			.subscribe("chain_subscribeNewHeads", rpc_params![], "chain_unsubscribeNewHeads")
			.await
			.map_err(|e| e.to_string())
	}

	/// Subscribes to finalized heads.
	pub async fn subscribe_finalized_heads(&self) -> Result<Subscription<Header>> {
		self.0
			.subscribe(
				"chain_subscribeFinalizedHeads",
				rpc_params![],
				"chain_unsubscribeFinalizedHeads",
			)
			.await
			.map_err(|e| e.to_string())
	}
}
