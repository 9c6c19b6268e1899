//! The SQL side: one pool (sqlx `Any`) over SQLite or PostgreSQL, the embedded migrations, the
//! per-block write transaction, reads for the HTTP API, and the canonical dump.

use crate::mapping::{plan, Arg, BlockCtx, EventRecord, Stmt};
use crate::tables::{Table, TABLES, TIMING_COLUMNS};
use futures::TryStreamExt;
use serde_json::{Map, Value as Json};
use sqlx::any::{AnyPoolOptions, AnyRow, AnyTypeInfoKind};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, AssertSqlSafe, Column, Executor, Row, SqlSafeStr, Statement, ValueRef};
use std::io::Write;
use std::time::Duration;

/// The schema migrations, embedded in the binary (`indexer/migrations/*.sql`).
const MIGRATIONS: &[(i64, &str, &str)] = &[
	(1, "init", include_str!("../migrations/0001_init.sql")),
	(2, "reapings", include_str!("../migrations/0002_reapings.sql")),
];

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
	/// A SQLite file (`sqlite://path?mode=rwc`).
	Sqlite,
	/// A PostgreSQL server (`postgres://…`).
	Postgres,
}

/// Database failures, each named.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
	/// The URL is neither `sqlite:` nor `postgres://`.
	#[error(
		"unsupported database URL `{0}`: use sqlite://FILE?mode=rwc or postgres://USER@HOST/DB"
	)]
	UnsupportedUrl(String),
	/// Connecting or a query failed.
	#[error("database error: {0}")]
	Sql(#[from] sqlx::Error),
	/// Applying the migrations failed.
	#[error("database migration failed: {0}")]
	Migrate(#[from] sqlx::migrate::MigrateError),
	/// A block would not follow the cursor.
	#[error("block #{number} does not follow the indexed block #{cursor_number} ({detail})")]
	NotNext {
		/// The block offered.
		number: i64,
		/// The cursor's block.
		cursor_number: i64,
		/// What is wrong.
		detail: String,
	},
	/// A block already indexed came back with another hash: the node serves another chain.
	#[error("block #{number} was indexed as {indexed} but the node now says {offered}")]
	HashMismatch {
		/// The block number.
		number: i64,
		/// The hash in the index.
		indexed: String,
		/// The hash offered now.
		offered: String,
	},
	/// Writing the dump failed.
	#[error("writing the dump failed: {0}")]
	Io(#[from] std::io::Error),
}

/// One finalized block, decoded, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockData {
	/// Number, hash, timestamp and local day/hour.
	pub ctx: BlockCtx,
	/// Parent hash, `0x` hex.
	pub parent_hash: String,
	/// The runtime's `spec_version` at this block.
	pub spec_version: i64,
	/// The block's events of the Gongzhi pallets.
	pub events: Vec<EventRecord>,
}

/// What writing a block did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
	/// The block was new and is now indexed.
	Written,
	/// The block was already indexed; nothing changed.
	AlreadyIndexed,
}

/// The last indexed block.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Cursor {
	/// Block number.
	pub block_number: i64,
	/// Block hash.
	pub block_hash: String,
}

/// The index database.
#[derive(Clone, Debug)]
pub struct Db {
	pool: AnyPool,
	backend: Backend,
}

/// The backend a database URL names.
pub fn backend_of(url: &str) -> Result<Backend, DbError> {
	if url.starts_with("sqlite:") {
		Ok(Backend::Sqlite)
	} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
		Ok(Backend::Postgres)
	} else {
		Err(DbError::UnsupportedUrl(url.to_string()))
	}
}

/// Turns a bare file name into a SQLite URL that creates the file (`x.sqlite` →
/// `sqlite://x.sqlite?mode=rwc`); other strings are returned unchanged.
pub fn normalize_url(url: &str) -> String {
	if url.contains("://") || url.starts_with("sqlite:") {
		url.to_string()
	} else {
		format!("sqlite://{url}?mode=rwc")
	}
}

impl Db {
	/// Connects to `url` (see [`normalize_url`]) without migrating.
	pub async fn connect(url: &str) -> Result<Db, DbError> {
		sqlx::any::install_default_drivers();
		let url = normalize_url(url);
		let backend = backend_of(&url)?;
		let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
		options = match backend {
			Backend::Sqlite => options.max_connections(4).after_connect(|conn, _meta| {
				Box::pin(async move {
					// WAL: readers (HTTP) never block the writer; NORMAL is still safe against a
					// killed process (only a power cut may lose the last commits, never half of one).
					conn.execute("PRAGMA journal_mode = WAL").await?;
					conn.execute("PRAGMA synchronous = NORMAL").await?;
					conn.execute("PRAGMA busy_timeout = 10000").await?;
					Ok(())
				})
			}),
			Backend::Postgres => options.max_connections(8),
		};
		let pool = options.connect(&url).await?;
		Ok(Db { pool, backend })
	}

	/// Connects and applies any migration not applied yet.
	pub async fn open(url: &str) -> Result<Db, DbError> {
		let db = Db::connect(url).await?;
		db.migrate().await?;
		Ok(db)
	}

	/// Which database this is.
	pub fn backend(&self) -> Backend {
		self.backend
	}

	/// The pool, for read queries.
	pub fn pool(&self) -> &AnyPool {
		&self.pool
	}

	/// Applies the embedded migrations (idempotent).
	pub async fn migrate(&self) -> Result<(), DbError> {
		let migrations = MIGRATIONS
			.iter()
			.map(|(version, name, sql)| {
				Migration::new(
					*version,
					(*name).into(),
					MigrationType::Simple,
					sql.into_sql_str(),
					false,
				)
			})
			.collect();
		Migrator::with_migrations(migrations).run(&self.pool).await?;
		Ok(())
	}

	/// The last indexed block, if any.
	pub async fn cursor(&self) -> Result<Option<Cursor>, DbError> {
		let row = sqlx::query("SELECT block_number, block_hash FROM cursor WHERE id = 1")
			.fetch_optional(&self.pool)
			.await?;
		Ok(match row {
			Some(r) => Some(Cursor { block_number: r.try_get(0)?, block_hash: r.try_get(1)? }),
			None => None,
		})
	}

	/// A `meta` value.
	pub async fn meta(&self, key: &str) -> Result<Option<String>, DbError> {
		let row = sqlx::query("SELECT value FROM meta WHERE key = $1")
			.bind(key.to_string())
			.fetch_optional(&self.pool)
			.await?;
		Ok(match row {
			Some(r) => Some(r.try_get(0)?),
			None => None,
		})
	}

	/// Sets a `meta` value if it is not set yet; returns the value now stored.
	pub async fn meta_init(&self, key: &str, value: &str) -> Result<String, DbError> {
		sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
			.bind(key.to_string())
			.bind(value.to_string())
			.execute(&self.pool)
			.await?;
		Ok(self.meta(key).await?.unwrap_or_default())
	}

	/// Writes one finalized block, its events and their domain rows, and moves the cursor — all in
	/// one transaction. Writing a block that is already indexed changes nothing.
	///
	/// The block must be the cursor's next (number + 1, parent hash = cursor hash), or the first
	/// block when there is no cursor.
	pub async fn write_block(
		&self,
		block: &BlockData,
		indexed_at_ms: i64,
	) -> Result<WriteOutcome, DbError> {
		let b = &block.ctx;
		let mut tx = self.pool.begin().await?;

		let cursor = sqlx::query("SELECT block_number, block_hash FROM cursor WHERE id = 1")
			.fetch_optional(&mut *tx)
			.await?;
		if let Some(row) = cursor {
			let (cn, ch): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
			if b.number <= cn {
				let known = sqlx::query("SELECT hash FROM blocks WHERE number = $1")
					.bind(b.number)
					.fetch_optional(&mut *tx)
					.await?;
				let known: Option<String> = match known {
					Some(r) => Some(r.try_get(0)?),
					None => None,
				};
				tx.rollback().await?;
				return match known {
					Some(h) if h == b.hash => Ok(WriteOutcome::AlreadyIndexed),
					Some(h) => Err(DbError::HashMismatch {
						number: b.number,
						indexed: h,
						offered: b.hash.clone(),
					}),
					None => Ok(WriteOutcome::AlreadyIndexed),
				};
			}
			if b.number != cn + 1 || block.parent_hash != ch {
				tx.rollback().await?;
				return Err(DbError::NotNext {
					number: b.number,
					cursor_number: cn,
					detail: format!("parent {} vs indexed {}", block.parent_hash, ch),
				});
			}
		}

		sqlx::query(
			"INSERT INTO blocks (number, hash, parent_hash, timestamp_ms, day, hour, spec_version, event_count, indexed_at) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (number) DO NOTHING",
		)
		.bind(b.number)
		.bind(b.hash.clone())
		.bind(block.parent_hash.clone())
		.bind(b.timestamp_ms)
		.bind(b.day.clone())
		.bind(b.hour)
		.bind(block.spec_version)
		.bind(block.events.len() as i64)
		.bind(indexed_at_ms)
		.execute(&mut *tx)
		.await?;

		for ev in &block.events {
			let planned = plan(b, ev);
			let mapping_error = planned.as_ref().err().map(|e| e.to_string());
			if let Some(e) = &mapping_error {
				tracing::warn!(block = b.number, event = ev.index, pallet = %ev.pallet, variant = %ev.variant,
					"event kept raw only: {e}");
			}
			let inserted = sqlx::query(
				"INSERT INTO events (block_number, block_hash, event_index, phase, extrinsic_index, pallet, variant, \
				 fields, mapping_error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
				 ON CONFLICT (block_hash, event_index) DO NOTHING",
			)
			.bind(b.number)
			.bind(b.hash.clone())
			.bind(ev.index)
			.bind(ev.phase.clone())
			.bind(ev.extrinsic_index)
			.bind(ev.pallet.clone())
			.bind(ev.variant.clone())
			.bind(ev.fields.to_string())
			.bind(mapping_error)
			.execute(&mut *tx)
			.await?
			.rows_affected();
			if inserted == 1 {
				if let Ok(stmts) = planned {
					for s in &stmts {
						execute_stmt(&mut tx, s).await?;
					}
				}
			}
		}

		sqlx::query(
			"INSERT INTO cursor (id, block_number, block_hash) VALUES (1, $1, $2) \
			 ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash \
			 WHERE cursor.block_number < excluded.block_number",
		)
		.bind(b.number)
		.bind(b.hash.clone())
		.execute(&mut *tx)
		.await?;

		tx.commit().await?;
		Ok(WriteOutcome::Written)
	}

	/// Rows of `table` matching `filters` (column = value, already validated), in the table's
	/// order, paged; and the number of matching rows.
	pub async fn list(
		&self,
		table: &Table,
		filters: &[(&'static str, FilterValue)],
		descending: bool,
		limit: i64,
		offset: i64,
	) -> Result<Page, DbError> {
		let mut clause = String::new();
		for (i, (col, _)) in filters.iter().enumerate() {
			clause.push_str(if i == 0 { " WHERE " } else { " AND " });
			clause.push_str(&format!("{col} = ${}", i + 1));
		}
		let order =
			if descending { descending_order(table.order_by) } else { table.order_by.to_string() };
		let n = filters.len();
		let select = format!(
			"SELECT * FROM {}{} ORDER BY {} LIMIT ${} OFFSET ${}",
			table.name,
			clause,
			order,
			n + 1,
			n + 2
		);
		let count = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {}{}", table.name, clause);

		let mut q = sqlx::query(AssertSqlSafe(select));
		for (_, v) in filters {
			q = match v {
				FilterValue::Int(i) => q.bind(*i),
				FilterValue::Text(t) => q.bind(t.clone()),
			};
		}
		let rows = q.bind(limit).bind(offset).fetch_all(&self.pool).await?;
		let columns = if rows.is_empty() {
			self.columns_of(format!("SELECT * FROM {}", table.name)).await?
		} else {
			rows[0].columns().iter().map(|c| c.name().to_string()).collect()
		};
		let mut c = sqlx::query(AssertSqlSafe(count));
		for (_, v) in filters {
			c = match v {
				FilterValue::Int(i) => c.bind(*i),
				FilterValue::Text(t) => c.bind(t.clone()),
			};
		}
		let total: i64 = c.fetch_one(&self.pool).await?.try_get(0)?;
		let rows = rows.iter().map(row_values).collect::<Result<Vec<_>, _>>()?;
		Ok(Page { columns, rows, total })
	}

	/// The column names a query returns (prepared, not run).
	pub async fn columns_of(&self, sql: String) -> Result<Vec<String>, DbError> {
		let stmt = self.pool.prepare(AssertSqlSafe(sql).into_sql_str()).await?;
		Ok(stmt.columns().iter().map(|c| c.name().to_string()).collect())
	}

	/// Rows of a fixed query with integer/text arguments, with its column names.
	pub async fn query_rows(
		&self,
		sql: &'static str,
		args: &[Arg],
	) -> Result<(Vec<String>, Vec<RowData>), DbError> {
		let mut q = sqlx::query(sql);
		for a in args {
			q = match a {
				Arg::Int(i) => q.bind(*i),
				Arg::Text(t) => q.bind(t.clone()),
				Arg::NullInt => q.bind(None::<i64>),
				Arg::NullText => q.bind(None::<String>),
			};
		}
		let rows = q.fetch_all(&self.pool).await?;
		let columns = if rows.is_empty() {
			self.columns_of(sql.to_string()).await?
		} else {
			rows[0].columns().iter().map(|c| c.name().to_string()).collect()
		};
		Ok((columns, rows.iter().map(row_values).collect::<Result<Vec<_>, _>>()?))
	}

	/// Rows of a fixed query as JSON objects.
	pub async fn query_objects(
		&self,
		sql: &'static str,
		args: &[Arg],
	) -> Result<Vec<Map<String, Json>>, DbError> {
		Ok(self.query_rows(sql, args).await?.1.into_iter().map(to_object).collect())
	}

	/// Writes the whole index to `out`, one line per row: `table<TAB>{json}`, tables in a fixed
	/// order, rows in primary-key order, keys sorted, timing-only columns left out. Two indexes of
	/// the same chain up to the same block dump identically, whatever the database.
	pub async fn dump(&self, out: &mut impl Write) -> Result<u64, DbError> {
		let mut lines = 0u64;
		for table in TABLES {
			let sql = format!("SELECT * FROM {} ORDER BY {}", table.name, table.order_by);
			let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(&self.pool);
			while let Some(row) = rows.try_next().await? {
				let mut obj = to_object(row_values(&row)?);
				for c in TIMING_COLUMNS {
					obj.remove(c);
				}
				writeln!(out, "{}\t{}", table.name, Json::Object(obj))?;
				lines += 1;
			}
		}
		out.flush()?;
		Ok(lines)
	}
}

/// A validated filter value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterValue {
	/// For BIGINT columns.
	Int(i64),
	/// For TEXT columns.
	Text(String),
}

fn descending_order(order_by: &str) -> String {
	order_by.split(',').map(|c| format!("{} DESC", c.trim())).collect::<Vec<_>>().join(", ")
}

async fn execute_stmt(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &Stmt) -> Result<(), DbError> {
	let mut q = sqlx::query(s.sql);
	for a in &s.args {
		q = match a {
			Arg::Int(i) => q.bind(*i),
			Arg::Text(t) => q.bind(t.clone()),
			Arg::NullInt => q.bind(None::<i64>),
			Arg::NullText => q.bind(None::<String>),
		};
	}
	q.execute(&mut **tx).await?;
	Ok(())
}

/// One row's values in column order.
pub type RowData = Vec<(String, Json)>;

/// A page of rows of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
	/// Column names, in table order (also when there are no rows).
	pub columns: Vec<String>,
	/// The rows.
	pub rows: Vec<RowData>,
	/// Matching rows in all pages.
	pub total: i64,
}

/// A row as a JSON object (keys sorted).
pub fn to_object(row: RowData) -> Map<String, Json> {
	row.into_iter().collect()
}

/// One row's values (integers, reals, text, booleans; blobs as `0x` hex).
pub fn row_values(row: &AnyRow) -> Result<RowData, sqlx::Error> {
	let mut obj = Vec::new();
	for (i, col) in row.columns().iter().enumerate() {
		let raw = row.try_get_raw(i)?;
		let value = if raw.is_null() {
			Json::Null
		} else {
			let kind = raw.type_info().kind();
			match kind {
				AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => {
					Json::from(row.try_get::<i64, _>(i)?)
				},
				AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => {
					let f: f64 = row.try_get(i)?;
					serde_json::Number::from_f64(f).map(Json::Number).unwrap_or(Json::Null)
				},
				AnyTypeInfoKind::Bool => Json::Bool(row.try_get(i)?),
				AnyTypeInfoKind::Text => Json::String(row.try_get(i)?),
				AnyTypeInfoKind::Blob => {
					Json::String(format!("0x{}", hex::encode(row.try_get::<Vec<u8>, _>(i)?)))
				},
				AnyTypeInfoKind::Null => Json::Null,
			}
		};
		obj.push((col.name().to_string(), value));
	}
	Ok(obj)
}
