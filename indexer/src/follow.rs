//! Following a node's finalized blocks with subxt and writing them to the index.
//!
//! Decoding is dynamic: each block is read with the metadata of the runtime that produced it
//! (subxt fetches it per `spec_version` and caches it), so a runtime upgrade is followed without
//! a new build. The follower backfills from the cursor to the finalized head one block at a
//! time, then waits for the next finalized head. Any failure (node unreachable, restarted,
//! subscription closed, database busy) ends the session; a new one starts after an exponential
//! back-off (capped) — the follower never exits and, writing each block in one transaction with
//! the cursor, never counts a block twice.

use crate::calendar::shanghai;
use crate::db::{Db, WriteOutcome};
use crate::mapping::{BlockCtx, EventRecord, PALLETS};
use crate::value::composite_to_json;
use anyhow::{anyhow, Context};
use codec::Decode;
use serde::Serialize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subxt::backend::LegacyBackend;
use subxt::error::StorageError;
use subxt::events::Phase;
use subxt::ext::scale_value::Composite;
use subxt::rpcs::RpcClient;
use subxt::{OnlineClient, SubstrateConfig};

/// How the follower reaches the node and backs off.
#[derive(Clone, Debug)]
pub struct FollowConfig {
	/// WebSocket URL of the node (`ws://127.0.0.1:9944`).
	pub node_url: String,
	/// First pause after a failure.
	pub backoff_initial: Duration,
	/// Longest pause between attempts.
	pub backoff_max: Duration,
	/// Longest wait for one RPC step (connecting, one block).
	pub rpc_timeout: Duration,
}

impl FollowConfig {
	/// Defaults: back-off from 1 s doubling to 60 s; 60 s per step.
	pub fn new(node_url: impl Into<String>) -> Self {
		FollowConfig {
			node_url: node_url.into(),
			backoff_initial: Duration::from_secs(1),
			backoff_max: Duration::from_secs(60),
			rpc_timeout: Duration::from_secs(60),
		}
	}
}

/// What the follower knows now, for `/status`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FollowState {
	/// The node's URL.
	pub node: Option<String>,
	/// Whether a session with the node is up.
	pub connected: bool,
	/// The highest finalized block number the node reported.
	pub finalized_head: Option<u64>,
	/// The last failure, if the follower is backing off or has recovered from one.
	pub last_error: Option<String>,
	/// Failures since the start.
	pub failures: u64,
	/// Blocks written since the start.
	pub blocks_written: u64,
}

/// Shared follower state.
pub type SharedState = Arc<Mutex<FollowState>>;

fn update(state: &SharedState, f: impl FnOnce(&mut FollowState)) {
	// A poisoned lock only means a panic elsewhere while holding it; the data is still usable.
	let mut guard = state.lock().unwrap_or_else(|p| p.into_inner());
	f(&mut guard);
}

/// The next pause: double, capped.
pub fn next_backoff(current: Duration, max: Duration) -> Duration {
	current.saturating_mul(2).min(max)
}

/// Follows the node forever (until the task is dropped).
pub async fn run(db: Db, cfg: FollowConfig, state: SharedState) {
	update(&state, |s| s.node = Some(cfg.node_url.clone()));
	let mut delay = cfg.backoff_initial;
	loop {
		let mut progressed = false;
		let result = session(&db, &cfg, &state, &mut progressed).await;
		let err = match result {
			Ok(()) => anyhow!("session ended"),
			Err(e) => e,
		};
		if progressed {
			delay = cfg.backoff_initial;
		}
		let message = format!("{err:#}");
		update(&state, |s| {
			s.connected = false;
			s.failures += 1;
			s.last_error = Some(message.clone());
		});
		tracing::warn!(
			"following {} failed: {message}; retrying in {} s",
			cfg.node_url,
			delay.as_secs_f32()
		);
		tokio::time::sleep(delay).await;
		delay = next_backoff(delay, cfg.backoff_max);
	}
}

async fn session(
	db: &Db,
	cfg: &FollowConfig,
	state: &SharedState,
	progressed: &mut bool,
) -> anyhow::Result<()> {
	let step = cfg.rpc_timeout;
	let rpc = tokio::time::timeout(step, RpcClient::from_insecure_url(&cfg.node_url))
		.await
		.context("connecting timed out")?
		.with_context(|| format!("cannot connect to {}", cfg.node_url))?;
	let backend = LegacyBackend::<SubstrateConfig>::builder().build(rpc);
	let client = tokio::time::timeout(
		step,
		OnlineClient::<SubstrateConfig>::from_backend_with_config(
			SubstrateConfig::new(),
			Arc::new(backend),
		),
	)
	.await
	.context("starting the client timed out")??;

	let genesis = hash_hex(client.genesis_hash().as_ref());
	let stored = db.meta_init("genesis_hash", &genesis).await?;
	if stored != genesis {
		return Err(anyhow!(
			"the node serves chain {genesis} but this index holds chain {stored}: use another --database"
		));
	}
	update(state, |s| s.connected = true);
	tracing::info!("connected to {} (genesis {genesis})", cfg.node_url);

	// A `--dev` chain started afresh has the same genesis: check that the node still has the
	// indexed block, so that two chains are never mixed in one index.
	if let Some(cursor) = db.cursor().await? {
		let head = tokio::time::timeout(step, client.at_current_block())
			.await
			.context("asking for the finalized head timed out")??
			.block_number();
		update(state, |s| s.finalized_head = Some(head));
		if head < cursor.block_number as u64 {
			return Err(anyhow!(
				"the node's finalized head #{head} is behind this index (#{}): the node is still syncing, \
				 or it serves another chain with the same genesis (a restarted --dev chain?) — then use \
				 another --database",
				cursor.block_number
			));
		}
		let at = tokio::time::timeout(step, client.at_block(cursor.block_number as u64))
			.await
			.context("checking the indexed block timed out")??;
		let node_hash = hash_hex(at.block_hash().as_ref());
		if node_hash != cursor.block_hash {
			return Err(anyhow!(
				"block #{} is {} on the node but {} in this index: another chain with the same genesis \
				 (a restarted --dev chain?) — use another --database",
				cursor.block_number,
				node_hash,
				cursor.block_hash
			));
		}
	}

	let mut finalized = tokio::time::timeout(step, client.stream_blocks())
		.await
		.context("subscribing to finalized blocks timed out")??;
	loop {
		let head = tokio::time::timeout(step, client.at_current_block())
			.await
			.context("asking for the finalized head timed out")??
			.block_number();
		update(state, |s| s.finalized_head = Some(head));
		let next = db.cursor().await?.map(|c| c.block_number as u64 + 1).unwrap_or(0);
		if next < head {
			tracing::info!("backfilling blocks #{next}..=#{head}");
		}
		for number in next..=head {
			let block = tokio::time::timeout(step, fetch_block(&client, number))
				.await
				.with_context(|| format!("fetching block #{number} timed out"))??;
			let outcome = db.write_block(&block, now_ms()).await?;
			*progressed = true;
			if outcome == WriteOutcome::Written {
				update(state, |s| {
					s.blocks_written += 1;
					s.last_error = None;
				});
				tracing::debug!("block #{number}: {} Gongzhi event(s)", block.events.len());
			}
		}
		// Wait for the next finalized head (or poll after 30 s in case a notification is lost).
		match tokio::time::timeout(Duration::from_secs(30), finalized.next()).await {
			Ok(Some(Ok(_))) | Err(_) => {},
			Ok(Some(Err(e))) => return Err(e).context("the finalized-block subscription failed"),
			Ok(None) => return Err(anyhow!("the node closed the finalized-block subscription")),
		}
	}
}

fn now_ms() -> i64 {
	SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

fn hash_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Where the title of the item an event creates is kept (events carry ids only): the storage key
/// of `NeedsSurvey.SurveyTexts(survey)`, `Procurement.ProjectDetails(project)` or
/// `Vouchers.ServiceNames(programme)` — maps with `Twox64Concat` keys of `u32` ids, whose values
/// start with the text.
fn title_key(pallet: &str, variant: &str, fields: &serde_json::Value) -> Option<Vec<u8>> {
	let (storage, id_field) = match (pallet, variant) {
		("NeedsSurvey", "SurveyCreated") => ("SurveyTexts", "survey"),
		("Procurement", "ProjectCreated") => ("ProjectDetails", "project"),
		("Vouchers", "ProgrammeCreated") => ("ServiceNames", "programme"),
		_ => return None,
	};
	let id = u32::try_from(fields.get(id_field)?.as_u64()?).ok()?.to_le_bytes();
	let mut key = sp_crypto_hashing::twox_128(pallet.as_bytes()).to_vec();
	key.extend(sp_crypto_hashing::twox_128(storage.as_bytes()));
	key.extend(sp_crypto_hashing::twox_64(&id));
	key.extend(id);
	Some(key)
}

/// The text a stored value starts with (a SCALE `Vec<u8>`: compact length, then UTF-8 bytes).
fn leading_text(bytes: &[u8]) -> Option<String> {
	let mut input = bytes;
	let text = <Vec<u8> as Decode>::decode(&mut input).ok()?;
	Some(String::from_utf8_lossy(&text).into_owned())
}

/// The storage key of `Timestamp.Now`.
fn timestamp_key() -> Vec<u8> {
	let mut key = sp_crypto_hashing::twox_128(b"Timestamp").to_vec();
	key.extend(sp_crypto_hashing::twox_128(b"Now"));
	key
}

/// Reads block `number` of the finalized chain: header, runtime version, timestamp, events.
async fn fetch_block(
	client: &OnlineClient<SubstrateConfig>,
	number: u64,
) -> anyhow::Result<crate::db::BlockData> {
	let at = client.at_block(number).await.with_context(|| format!("block #{number}"))?;
	let hash = hash_hex(at.block_hash().as_ref());
	let header = at.block_header().await.with_context(|| format!("header of block #{number}"))?;
	let parent_hash = hash_hex(header.parent_hash.as_ref());
	let spec_version = i64::from(at.spec_version());

	let timestamp_ms = match at.storage().fetch_raw(timestamp_key()).await {
		Ok(bytes) => {
			let ms = u64::decode(&mut &bytes[..]).context("Timestamp.Now is not a u64")?;
			(ms > 0).then_some(ms as i64)
		},
		Err(StorageError::NoValueFound) => None,
		Err(e) => return Err(e).with_context(|| format!("Timestamp.Now at block #{number}")),
	};
	let local = timestamp_ms.map(shanghai);
	let ctx = BlockCtx {
		number: number as i64,
		hash,
		timestamp_ms,
		day: local.as_ref().map(|l| l.day.clone()),
		hour: local.as_ref().map(|l| l.hour),
	};

	let events = at.events().fetch().await.with_context(|| format!("events of block #{number}"))?;
	let mut records = Vec::new();
	for ev in events.iter() {
		let ev = ev.with_context(|| format!("decoding an event of block #{number}"))?;
		if !PALLETS.contains(&ev.pallet_name()) {
			continue;
		}
		let fields = ev.decode_fields_unchecked_as::<Composite<()>>().with_context(|| {
			format!("fields of {}.{} in block #{number}", ev.pallet_name(), ev.event_name())
		})?;
		let (phase, extrinsic_index) = match ev.phase() {
			Phase::ApplyExtrinsic(i) => ("ApplyExtrinsic", Some(i64::from(i))),
			Phase::Initialization => ("Initialization", None),
			Phase::Finalization => ("Finalization", None),
		};
		let fields = composite_to_json(&fields);
		let title = match title_key(ev.pallet_name(), ev.event_name(), &fields) {
			Some(key) => match at.storage().fetch_raw(key).await {
				Ok(bytes) => leading_text(&bytes),
				Err(StorageError::NoValueFound) => None,
				Err(e) => {
					return Err(e).with_context(|| {
						format!(
							"the title of {}.{} in block #{number}",
							ev.pallet_name(),
							ev.event_name()
						)
					})
				},
			},
			None => None,
		};
		records.push(EventRecord {
			index: i64::from(ev.index()),
			phase: phase.to_string(),
			extrinsic_index,
			pallet: ev.pallet_name().to_string(),
			variant: ev.event_name().to_string(),
			fields,
			title,
		});
	}
	Ok(crate::db::BlockData { ctx, parent_hash, spec_version, events: records })
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

	#[test]
	fn titles_are_read_from_the_start_of_the_stored_value() {
		// `ServiceNames` holds the bytes alone; `SurveyTexts`/`ProjectDetails` start with them.
		let name = "长者助餐券 Meal voucher".as_bytes().to_vec();
		assert_eq!(leading_text(&name.encode()).as_deref(), Some("长者助餐券 Meal voucher"));
		let mut details = name.encode();
		details.extend(b"description and more".to_vec().encode());
		assert_eq!(leading_text(&details).as_deref(), Some("长者助餐券 Meal voucher"));
		assert_eq!(leading_text(&[0xff]), None);
		// Only the events that create an item have one, and only with a u32 id.
		let programme = serde_json::json!({ "programme": 7 });
		let key = title_key("Vouchers", "ProgrammeCreated", &programme).unwrap();
		assert_eq!(key.len(), 16 + 16 + 8 + 4);
		assert_eq!(&key[..16], &sp_crypto_hashing::twox_128(b"Vouchers"));
		assert_eq!(&key[40..], &7u32.to_le_bytes());
		assert_eq!(title_key("Vouchers", "VoucherClaimed", &programme), None);
		assert_eq!(
			title_key("Vouchers", "ProgrammeCreated", &serde_json::json!({ "programme": -1 })),
			None
		);
	}

	#[test]
	fn backoff_doubles_and_caps() {
		let max = Duration::from_secs(60);
		let mut d = Duration::from_secs(1);
		let mut seen = vec![];
		for _ in 0..8 {
			seen.push(d.as_secs());
			d = next_backoff(d, max);
		}
		assert_eq!(seen, vec![1, 2, 4, 8, 16, 32, 60, 60]);
	}

	#[test]
	fn timestamp_key_is_the_well_known_one() {
		assert_eq!(
			hex::encode(timestamp_key()),
			"f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb"
		);
	}
}
