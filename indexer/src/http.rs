//! The read-only HTTP API (axum): every table and view in JSON or CSV, paged; views per survey,
//! project, programme and provider; `/status`; `/openapi.json`.
//!
//! CSV: `?format=csv` or a `.csv` suffix; UTF-8 with a byte-order mark (so Excel shows Chinese
//! intact), CRLF line ends, RFC 4180 quoting; a text cell starting with `=`, `+`, `-`, `@`, tab or
//! CR gets a leading `'` so that a spreadsheet never runs it as a formula.
//! Errors: a JSON body `{"error": code, "message": {"zh-CN": …, "en": …}}`; 400 for a bad
//! parameter, 404 for an unknown path or record, 500 for a database failure.

use crate::db::{to_object, Db, FilterValue, RowData};
use crate::follow::SharedState;
use crate::mapping::Arg;
use crate::openapi;
use crate::tables::{table, Kind, Table};
use crate::value::normalize_account;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

/// Most rows one request returns.
pub const MAX_LIMIT: i64 = 1000;
/// Rows returned when `limit` is not given.
pub const DEFAULT_LIMIT: i64 = 100;
/// Largest `offset` accepted.
pub const MAX_OFFSET: i64 = 1_000_000_000_000;

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
	/// The index.
	pub db: Db,
	/// The follower's state, when this process follows a node.
	pub follow: Option<SharedState>,
}

/// An error answered as JSON, in Chinese and English.
#[derive(Debug)]
pub struct ApiError {
	status: StatusCode,
	code: &'static str,
	zh: String,
	en: String,
}

impl ApiError {
	/// A 400 for a bad parameter.
	pub fn bad(zh: impl Into<String>, en: impl Into<String>) -> Self {
		ApiError {
			status: StatusCode::BAD_REQUEST,
			code: "bad_parameter",
			zh: zh.into(),
			en: en.into(),
		}
	}

	/// A 404.
	pub fn not_found(zh: impl Into<String>, en: impl Into<String>) -> Self {
		ApiError { status: StatusCode::NOT_FOUND, code: "not_found", zh: zh.into(), en: en.into() }
	}
}

impl From<crate::db::DbError> for ApiError {
	fn from(e: crate::db::DbError) -> Self {
		tracing::error!("HTTP query failed: {e}");
		ApiError {
			status: StatusCode::INTERNAL_SERVER_ERROR,
			code: "database_error",
			zh: "数据库查询失败，请稍后再试。".into(),
			en: format!("The database query failed: {e}"),
		}
	}
}

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		(
			self.status,
			Json(json!({"error": self.code, "message": {"zh-CN": self.zh, "en": self.en}})),
		)
			.into_response()
	}
}

type ApiResult = Result<Response, ApiError>;

/// The router over `state`.
pub fn router(state: AppState) -> Router {
	Router::new()
		.route("/", get(index))
		.route("/status", get(status))
		.route("/openapi.json", get(openapi_doc))
		.route("/surveys/{id}", get(survey))
		.route(
			"/surveys/{id}/responses-over-time",
			get(|s, p, q| responses_over_time(s, p, q, false)),
		)
		.route(
			"/surveys/{id}/responses-over-time.csv",
			get(|s, p, q| responses_over_time(s, p, q, true)),
		)
		.route("/projects/{id}", get(project))
		.route("/programmes/{id}", get(programme))
		.route(
			"/programmes/{id}/redemptions-per-provider-per-day",
			get(|s, p, q| redemptions_per_provider_per_day(s, p, q, false)),
		)
		.route(
			"/programmes/{id}/redemptions-per-provider-per-day.csv",
			get(|s, p, q| redemptions_per_provider_per_day(s, p, q, true)),
		)
		.route("/providers/{account}/scorecard", get(|s, p, q| scorecard(s, p, q, false)))
		.route("/providers/{account}/scorecard.csv", get(|s, p, q| scorecard(s, p, q, true)))
		.route("/{table}", get(list))
		.fallback(|| async {
			ApiError::not_found(
				"没有这个地址；请参阅 /openapi.json。",
				"No such path; see /openapi.json.",
			)
		})
		.with_state(state)
}

type RawQuery = Result<Query<Vec<(String, String)>>, QueryRejection>;

/// Paging and format parameters, and the others left for filters.
#[derive(Debug, PartialEq, Eq)]
pub struct Params {
	/// Rows per page, 1..=1000.
	pub limit: i64,
	/// Rows skipped.
	pub offset: i64,
	/// Answer in CSV.
	pub csv: bool,
	/// Reverse the table's order.
	pub descending: bool,
	/// Other parameters, in the order given.
	pub rest: Vec<(String, String)>,
}

/// Reads `limit`, `offset`, `format` and `order`; `csv_suffix` is true for a `.csv` path.
pub fn parse_params(query: RawQuery, csv_suffix: bool) -> Result<Params, ApiError> {
	let Query(pairs) = query.map_err(|e| {
		ApiError::bad(
			format!("查询参数无法解析：{e}"),
			format!("The query string cannot be parsed: {e}"),
		)
	})?;
	let mut p = Params {
		limit: DEFAULT_LIMIT,
		offset: 0,
		csv: csv_suffix,
		descending: false,
		rest: Vec::new(),
	};
	let mut seen = std::collections::BTreeSet::new();
	for (key, value) in pairs {
		if !seen.insert(key.clone()) {
			return Err(ApiError::bad(
				format!("参数 {key} 重复出现。"),
				format!("Parameter `{key}` is given twice."),
			));
		}
		match key.as_str() {
			"limit" => {
				p.limit =
					value.parse().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
						ApiError::bad(
						format!("limit 必须是 1 到 {MAX_LIMIT} 之间的整数，收到“{value}”。"),
						format!("`limit` must be a whole number from 1 to {MAX_LIMIT}; got `{value}`."),
					)
					})?
			},
			"offset" => {
				p.offset = value.parse().ok().filter(|n| (0..=MAX_OFFSET).contains(n)).ok_or_else(
					|| {
						ApiError::bad(
							format!("offset 必须是不小于 0 的整数，收到“{value}”。"),
							format!("`offset` must be a whole number, 0 or more; got `{value}`."),
						)
					},
				)?
			},
			"format" => {
				p.csv = match value.as_str() {
					"json" if !csv_suffix => false,
					"csv" => true,
					_ => {
						return Err(ApiError::bad(
							format!("format 只能是 json 或 csv，收到“{value}”。"),
							format!("`format` must be `json` or `csv`; got `{value}`."),
						))
					},
				}
			},
			"order" => {
				p.descending = match value.as_str() {
					"asc" => false,
					"desc" => true,
					_ => {
						return Err(ApiError::bad(
							format!("order 只能是 asc 或 desc，收到“{value}”。"),
							format!("`order` must be `asc` or `desc`; got `{value}`."),
						))
					},
				}
			},
			_ => p.rest.push((key, value)),
		}
	}
	Ok(p)
}

fn no_other_params(p: &Params) -> Result<(), ApiError> {
	match p.rest.first() {
		None => Ok(()),
		Some((k, _)) => Err(ApiError::bad(
			format!("此地址不接受参数 {k}。"),
			format!("This path takes no parameter `{k}`."),
		)),
	}
}

fn parse_id(text: &str, what_zh: &str, what_en: &str) -> Result<i64, ApiError> {
	text.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
		ApiError::bad(
			format!("{what_zh}编号必须是不小于 0 的整数，收到“{text}”。"),
			format!("The {what_en} id must be a whole number, 0 or more; got `{text}`."),
		)
	})
}

fn parse_account(text: &str) -> Result<String, ApiError> {
	normalize_account(text).ok_or_else(|| {
		ApiError::bad(
			format!("“{text}”不是有效的账户地址（SS58 或 0x 开头的 32 字节十六进制）。"),
			format!("`{text}` is not an account (an SS58 address or 32 bytes of 0x hex)."),
		)
	})
}

/// Checks a filter value against its column's kind.
pub fn parse_filter(column: &str, kind: Kind, value: &str) -> Result<FilterValue, ApiError> {
	match kind {
		Kind::Int => value.parse::<i64>().map(FilterValue::Int).map_err(|_| {
			ApiError::bad(
				format!("参数 {column} 必须是整数，收到“{value}”。"),
				format!("`{column}` must be a whole number; got `{value}`."),
			)
		}),
		Kind::Account => parse_account(value).map(FilterValue::Text),
		Kind::Day => {
			let ok = value.len() == 10
				&& value.bytes().enumerate().all(|(i, b)| {
					if i == 4 || i == 7 {
						b == b'-'
					} else {
						b.is_ascii_digit()
					}
				});
			if ok {
				Ok(FilterValue::Text(value.to_string()))
			} else {
				Err(ApiError::bad(
					format!("参数 {column} 必须是 YYYY-MM-DD 格式的日期，收到“{value}”。"),
					format!("`{column}` must be a date as YYYY-MM-DD; got `{value}`."),
				))
			}
		},
		Kind::Text => {
			if value.chars().count() > 256 {
				Err(ApiError::bad(
					format!("参数 {column} 过长。"),
					format!("`{column}` is too long."),
				))
			} else {
				Ok(FilterValue::Text(value.to_string()))
			}
		},
	}
}

async fn index() -> Response {
	let tables: Vec<Value> = crate::tables::TABLES
		.iter()
		.map(
			|t| json!({"path": format!("/{}", t.name), "about": {"zh-CN": t.about_zh, "en": t.about_en}}),
		)
		.collect();
	Json(json!({
		"service": "gongzhi-indexer",
		"about": {"zh-CN": "共治链最终确定区块的只读索引。", "en": "A read-only index of the Gongzhi chain's finalized blocks."},
		"openapi": "/openapi.json",
		"status": "/status",
		"tables": tables,
	}))
	.into_response()
}

async fn openapi_doc() -> Response {
	Json(openapi::document()).into_response()
}

async fn status(State(app): State<AppState>) -> ApiResult {
	let cursor = app.db.cursor().await?;
	let genesis = app.db.meta("genesis_hash").await?;
	let follow = app.follow.as_ref().map(|s| s.lock().unwrap_or_else(|p| p.into_inner()).clone());
	let head = follow.as_ref().and_then(|f| f.finalized_head);
	let lag = match (&cursor, head) {
		(Some(c), Some(h)) => Some((h as i64 - c.block_number).max(0)),
		(None, Some(h)) => Some(h as i64 + 1),
		_ => None,
	};
	Ok(Json(json!({
		"database": app.db.backend(),
		"genesis_hash": genesis,
		"cursor": cursor,
		"finalized_head": head,
		"lag": lag,
		"following": follow,
	}))
	.into_response())
}

async fn list(State(app): State<AppState>, Path(name): Path<String>, query: RawQuery) -> ApiResult {
	let (name, csv_suffix) = match name.strip_suffix(".csv") {
		Some(n) => (n.to_string(), true),
		None => (name, false),
	};
	let t: &Table = table(&name).ok_or_else(|| {
		ApiError::not_found(
			format!("没有名为 {name} 的表；请参阅 /openapi.json。"),
			format!("No table `{name}`; see /openapi.json."),
		)
	})?;
	let p = parse_params(query, csv_suffix)?;
	let mut filters = Vec::new();
	for (key, value) in &p.rest {
		let (column, kind) = t.filters.iter().find(|(c, _)| c == key).ok_or_else(|| {
			let allowed: Vec<&str> = t.filters.iter().map(|(c, _)| *c).collect();
			ApiError::bad(
				format!("表 {} 不能按 {key} 筛选；可用：{}。", t.name, allowed.join("、")),
				format!(
					"Table `{}` cannot be filtered by `{key}`; it can by: {}.",
					t.name,
					allowed.join(", ")
				),
			)
		})?;
		filters.push((*column, parse_filter(column, *kind, value)?));
	}
	let page = app.db.list(t, &filters, p.descending, p.limit, p.offset).await?;
	if p.csv {
		return Ok(csv_response(t.name, &page.columns, &page.rows));
	}
	let next = (p.offset + (page.rows.len() as i64) < page.total)
		.then_some(p.offset + page.rows.len() as i64);
	let rows: Vec<Map<String, Value>> = page.rows.into_iter().map(to_object).collect();
	Ok(Json(json!({
		"table": t.name,
		"total": page.total,
		"limit": p.limit,
		"offset": p.offset,
		"next_offset": next,
		"rows": rows,
	}))
	.into_response())
}

fn rows_response(
	name: &str,
	p: &Params,
	columns: &[String],
	rows: Vec<RowData>,
	extra: Value,
) -> Response {
	if p.csv {
		return csv_response(name, columns, &rows);
	}
	let count = rows.len() as i64;
	let rows: Vec<Map<String, Value>> = rows.into_iter().map(to_object).collect();
	let mut body = json!({
		"limit": p.limit,
		"offset": p.offset,
		"next_offset": (count == p.limit).then_some(p.offset + count),
		"rows": rows,
	});
	if let (Some(b), Value::Object(e)) = (body.as_object_mut(), extra) {
		b.extend(e);
	}
	Json(body).into_response()
}

fn json_only(p: &Params) -> Result<(), ApiError> {
	if p.csv {
		return Err(ApiError::bad(
			"此地址只提供 JSON；CSV 请用相应的表（如 /bids.csv?project=1）。",
			"This path answers in JSON only; for CSV use the tables (e.g. /bids.csv?project=1).",
		));
	}
	Ok(())
}

async fn survey(State(app): State<AppState>, Path(id): Path<String>, query: RawQuery) -> ApiResult {
	let id = parse_id(&id, "调研", "survey")?;
	let p = parse_params(query, false)?;
	no_other_params(&p)?;
	json_only(&p)?;
	let row =
		app.db.query_objects("SELECT * FROM surveys WHERE survey = $1", &[Arg::Int(id)]).await?;
	let survey = row.into_iter().next().ok_or_else(|| {
		ApiError::not_found(format!("没有编号为 {id} 的调研。"), format!("No survey {id}."))
	})?;
	let by_day = app
		.db
		.query_objects(
			"SELECT day, CAST(SUM(CASE WHEN kind = 'submitted' THEN 1 ELSE 0 END) AS BIGINT) AS submitted, \
			 CAST(SUM(CASE WHEN kind = 'amended' THEN 1 ELSE 0 END) AS BIGINT) AS amended \
			 FROM survey_responses WHERE survey = $1 GROUP BY day ORDER BY day LIMIT 1000",
			&[Arg::Int(id)],
		)
		.await?;
	Ok(Json(json!({
		"survey": survey,
		"responses_per_day": by_day,
		"responses_over_time": format!("/surveys/{id}/responses-over-time"),
	}))
	.into_response())
}

async fn responses_over_time(
	State(app): State<AppState>,
	Path(id): Path<String>,
	query: RawQuery,
	csv: bool,
) -> ApiResult {
	let id = parse_id(&id, "调研", "survey")?;
	let p = parse_params(query, csv)?;
	no_other_params(&p)?;
	let (columns, rows) = app
		.db
		.query_rows(
			"SELECT s.block_number AS block_number, MIN(b.timestamp_ms) AS timestamp_ms, MIN(s.day) AS day, \
			 CAST(SUM(CASE WHEN s.kind = 'submitted' THEN 1 ELSE 0 END) AS BIGINT) AS submitted, \
			 CAST(SUM(CASE WHEN s.kind = 'amended' THEN 1 ELSE 0 END) AS BIGINT) AS amended, \
			 CAST(SUM(SUM(CASE WHEN s.kind = 'submitted' THEN 1 ELSE 0 END)) OVER (ORDER BY s.block_number) AS BIGINT) \
			 AS responses_total \
			 FROM survey_responses s LEFT JOIN blocks b ON b.number = s.block_number \
			 WHERE s.survey = $1 GROUP BY s.block_number ORDER BY s.block_number LIMIT $2 OFFSET $3",
			&[Arg::Int(id), Arg::Int(p.limit), Arg::Int(p.offset)],
		)
		.await?;
	Ok(rows_response("responses-over-time", &p, &columns, rows, json!({"survey": id})))
}

async fn project(
	State(app): State<AppState>,
	Path(id): Path<String>,
	query: RawQuery,
) -> ApiResult {
	let id = parse_id(&id, "项目", "project")?;
	let p = parse_params(query, false)?;
	no_other_params(&p)?;
	json_only(&p)?;
	let project =
		app.db.query_objects("SELECT * FROM projects WHERE project = $1", &[Arg::Int(id)]).await?;
	let project = project.into_iter().next().ok_or_else(|| {
		ApiError::not_found(format!("没有编号为 {id} 的项目。"), format!("No project {id}."))
	})?;
	let bids = app
		.db
		.query_objects(
			"SELECT b.bid AS bid, b.provider AS provider, b.price AS price, b.status AS status, b.reason AS reason, \
			 b.submitted_block AS submitted_block, CAST(COALESCE(c.ballots, 0) AS BIGINT) AS ballots \
			 FROM bids b LEFT JOIN ballot_counts c ON c.project = b.project AND c.bid = b.bid \
			 WHERE b.project = $1 ORDER BY b.bid LIMIT 1000",
			&[Arg::Int(id)],
		)
		.await?;
	let tally =
		app.db.query_objects("SELECT * FROM tallies WHERE project = $1", &[Arg::Int(id)]).await?;
	Ok(Json(json!({"project": project, "bids": bids, "tally": tally.into_iter().next()}))
		.into_response())
}

async fn programme(
	State(app): State<AppState>,
	Path(id): Path<String>,
	query: RawQuery,
) -> ApiResult {
	let id = parse_id(&id, "服务券项目", "programme")?;
	let p = parse_params(query, false)?;
	no_other_params(&p)?;
	json_only(&p)?;
	let programme = app
		.db
		.query_objects("SELECT * FROM programmes WHERE programme = $1", &[Arg::Int(id)])
		.await?;
	let programme = programme.into_iter().next().ok_or_else(|| {
		ApiError::not_found(
			format!("没有编号为 {id} 的服务券项目。"),
			format!("No programme {id}."),
		)
	})?;
	let providers = app
		.db
		.query_objects(
			"SELECT provider, CAST(COUNT(*) AS BIGINT) AS redemptions, \
			 CAST(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS BIGINT) AS confirmed, \
			 CAST(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) AS cancelled \
			 FROM redemptions WHERE programme = $1 GROUP BY provider ORDER BY provider LIMIT 1000",
			&[Arg::Int(id)],
		)
		.await?;
	let settlements = app
		.db
		.query_objects(
			"SELECT * FROM settlements WHERE programme = $1 ORDER BY settlement LIMIT 1000",
			&[Arg::Int(id)],
		)
		.await?;
	Ok(Json(json!({
		"programme": programme,
		"providers": providers,
		"settlements": settlements,
		"redemptions_per_provider_per_day": format!("/programmes/{id}/redemptions-per-provider-per-day"),
	}))
	.into_response())
}

async fn redemptions_per_provider_per_day(
	State(app): State<AppState>,
	Path(id): Path<String>,
	query: RawQuery,
	csv: bool,
) -> ApiResult {
	let id = parse_id(&id, "服务券项目", "programme")?;
	let p = parse_params(query, csv)?;
	no_other_params(&p)?;
	let (columns, rows) = app
		.db
		.query_rows(
			"SELECT day, provider, CAST(COUNT(*) AS BIGINT) AS redemptions, \
			 CAST(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS BIGINT) AS confirmed, \
			 CAST(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) AS cancelled, \
			 CAST(SUM(offline) AS BIGINT) AS offline \
			 FROM redemptions WHERE programme = $1 GROUP BY day, provider ORDER BY day, provider LIMIT $2 OFFSET $3",
			&[Arg::Int(id), Arg::Int(p.limit), Arg::Int(p.offset)],
		)
		.await?;
	Ok(rows_response(
		"redemptions-per-provider-per-day",
		&p,
		&columns,
		rows,
		json!({"programme": id}),
	))
}

async fn scorecard(
	State(app): State<AppState>,
	Path(account): Path<String>,
	query: RawQuery,
	csv: bool,
) -> ApiResult {
	let account = parse_account(&account)?;
	let p = parse_params(query, csv)?;
	no_other_params(&p)?;
	let card = app
		.db
		.query_objects(
			"SELECT * FROM provider_scorecard WHERE provider = $1",
			&[Arg::Text(account.clone())],
		)
		.await?;
	let card = card.into_iter().next().ok_or_else(|| {
		ApiError::not_found(
			format!("索引中没有服务商 {account} 的记录。"),
			format!("No records of provider {account}."),
		)
	})?;
	let (columns, rows) = app
		.db
		.query_rows(
			"SELECT * FROM provider_daily WHERE provider = $1 ORDER BY day LIMIT $2 OFFSET $3",
			&[Arg::Text(account.clone()), Arg::Int(p.limit), Arg::Int(p.offset)],
		)
		.await?;
	Ok(rows_response(
		"scorecard",
		&p,
		&columns,
		rows,
		json!({"provider": account, "scorecard": card}),
	))
}

/// Renders rows as CSV: BOM, header, CRLF lines.
pub fn render_csv(columns: &[String], rows: &[RowData]) -> String {
	let mut out = String::from("\u{feff}");
	let header: Vec<String> = columns.iter().map(|c| csv_cell(&Value::String(c.clone()))).collect();
	out.push_str(&header.join(","));
	out.push_str("\r\n");
	for row in rows {
		let cells: Vec<String> = row.iter().map(|(_, v)| csv_cell(v)).collect();
		out.push_str(&cells.join(","));
		out.push_str("\r\n");
	}
	out
}

fn csv_cell(v: &Value) -> String {
	let text = match v {
		Value::Null => return String::new(),
		Value::String(s) => {
			if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
				format!("'{s}")
			} else {
				s.clone()
			}
		},
		other => other.to_string(),
	};
	if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
		format!("\"{}\"", text.replace('"', "\"\""))
	} else {
		text
	}
}

fn csv_response(name: &str, columns: &[String], rows: &[RowData]) -> Response {
	let disposition = HeaderValue::from_str(&format!("inline; filename=\"{name}.csv\""))
		.unwrap_or_else(|_| HeaderValue::from_static("inline"));
	(
		[
			(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
			(header::CONTENT_DISPOSITION, disposition),
		],
		render_csv(columns, rows),
	)
		.into_response()
}

/// Serves the API on `addr` until the process ends.
pub async fn serve(addr: std::net::SocketAddr, state: AppState) -> anyhow::Result<()> {
	let listener = tokio::net::TcpListener::bind(addr)
		.await
		.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
	tracing::info!("HTTP API on http://{addr} (see /openapi.json)");
	axum::serve(listener, router(state)).await?;
	Ok(())
}
