//! Index tests on SQLite (and PostgreSQL when `GONGZHI_TEST_PG_URL` names a server whose user may
//! create databases: a fresh database is created and dropped): migrations, writing blocks,
//! idempotence, the cursor, domain tables, the HTTP API and the dump.

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use gongzhi_indexer::db::{BlockData, Db, DbError, WriteOutcome};
use gongzhi_indexer::http::{router, AppState};
use gongzhi_indexer::mapping::{Arg, BlockCtx, EventRecord};
use serde_json::{json, Value};
use tower::ServiceExt;

const PROVIDER: &str = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const PROVIDER_SS58: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const OFFICE_ADMIN: &str = "0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48";

fn sqlite_url(name: &str) -> String {
	let path = std::env::temp_dir()
		.join(format!("gongzhi-indexer-test-{}-{name}.sqlite", std::process::id()));
	for suffix in ["", "-wal", "-shm"] {
		let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
	}
	format!("sqlite://{}?mode=rwc", path.display())
}

fn hash(n: i64) -> String {
	format!("0x{:064x}", n + 0xabc000)
}

fn event(index: i64, pallet: &str, variant: &str, fields: Value) -> EventRecord {
	EventRecord {
		index,
		phase: "ApplyExtrinsic".into(),
		extrinsic_index: Some(1),
		pallet: pallet.into(),
		variant: variant.into(),
		fields,
		// As the follower reads them from state for the events that create an item.
		title: matches!(variant, "SurveyCreated" | "ProjectCreated" | "ProgrammeCreated")
			.then(|| format!("测试 {variant}")),
	}
}

fn block(n: i64, events: Vec<EventRecord>) -> BlockData {
	// Block 1 at 2026-11-30 23:59:54 Shanghai; 6 s per block, so the day turns at block 2.
	let ts = (n > 0).then(|| 1_796_054_394_000 + (n - 1) * 6000);
	let local = ts.map(gongzhi_indexer::calendar::shanghai);
	BlockData {
		ctx: BlockCtx {
			number: n,
			hash: hash(n),
			timestamp_ms: ts,
			day: local.as_ref().map(|l| l.day.clone()),
			hour: local.as_ref().map(|l| l.hour),
		},
		parent_hash: if n == 0 { format!("0x{}", "00".repeat(32)) } else { hash(n - 1) },
		spec_version: 103,
		events,
	}
}

/// A small chain touching every domain table.
fn chain() -> Vec<BlockData> {
	vec![
		block(0, vec![]),
		block(
			1,
			vec![
				event(
					0,
					"Community",
					"ResidentRegistered",
					json!({"resident": 1, "who": PROVIDER, "community": 0, "returning": false}),
				),
				event(
					1,
					"NeedsSurvey",
					"SurveyCreated",
					json!({"survey": 0, "scope": {"Office": 0}, "creator": OFFICE_ADMIN, "opens_at": 2, "closes_at": 9}),
				),
				event(
					2,
					"Procurement",
					"ProjectCreated",
					json!({"project": 0, "office": 0, "scope": {"Community": 0}, "budget": 100000, "eligible": 3}),
				),
			],
		),
		block(
			2,
			vec![
				event(0, "NeedsSurvey", "ResponseSubmitted", json!({"survey": 0, "resident": 1})),
				event(1, "NeedsSurvey", "ResponseSubmitted", json!({"survey": 0, "resident": 2})),
				event(
					2,
					"Procurement",
					"BidSubmitted",
					json!({"project": 0, "bid": 0, "provider": PROVIDER, "price": 90000}),
				),
				event(
					3,
					"Procurement",
					"BidSubmitted",
					json!({"project": 0, "bid": 1, "provider": OFFICE_ADMIN, "price": 80000}),
				),
			],
		),
		block(
			3,
			vec![
				event(0, "NeedsSurvey", "ResponseAmended", json!({"survey": 0, "resident": 1})),
				event(1, "NeedsSurvey", "ResponseSubmitted", json!({"survey": 0, "resident": 3})),
				event(
					2,
					"Procurement",
					"BallotCast",
					json!({"project": 0, "resident": 1, "bid": 0, "previous": null, "relayer": null}),
				),
				event(
					3,
					"Procurement",
					"BallotCast",
					json!({"project": 0, "resident": 2, "bid": 1, "previous": null, "relayer": PROVIDER}),
				),
				event(
					4,
					"Procurement",
					"BallotCast",
					json!({"project": 0, "resident": 2, "bid": 0, "previous": 1, "relayer": null}),
				),
			],
		),
		block(
			4,
			vec![
				event(
					0,
					"NeedsSurvey",
					"SurveyClosed",
					json!({"survey": 0, "responses": 3, "eligible": 4, "turnout": 750000}),
				),
				event(
					1,
					"Procurement",
					"ProjectAwarded",
					json!({"project": 0, "bid": 0, "provider": PROVIDER, "price": 90000, "votes": 2, "counted": 2}),
				),
				event(
					2,
					"Vouchers",
					"ProgrammeCreated",
					json!({"programme": 0, "office": 0, "scope": {"Office": 0}, "project": 0, "unit_value": 3000, "limit": {"PerResident": 1}, "allocation": "Entitlement", "supply": 10}),
				),
				event(
					3,
					"Vouchers",
					"VoucherClaimed",
					json!({"voucher": 0, "programme": 0, "resident": 1}),
				),
				event(
					4,
					"Vouchers",
					"VoucherIssued",
					json!({"voucher": 1, "programme": 0, "resident": 2}),
				),
			],
		),
		block(
			5,
			vec![
				event(
					0,
					"Vouchers",
					"VoucherRedeemed",
					json!({"voucher": 0, "redemption": 0, "resident": 1, "provider": PROVIDER, "offline": false}),
				),
				event(
					1,
					"Vouchers",
					"VoucherRedeemed",
					json!({"voucher": 1, "redemption": 1, "resident": 2, "provider": PROVIDER, "offline": true}),
				),
				event(
					2,
					"Vouchers",
					"RedemptionConfirmed",
					json!({"redemption": 0, "voucher": 0, "provider": PROVIDER, "service_record": format!("0x{}", "11".repeat(32))}),
				),
				event(
					3,
					"Vouchers",
					"RedemptionCancelled",
					json!({"redemption": 1, "voucher": 1, "resident": 2, "provider": PROVIDER}),
				),
			],
		),
		block(
			6,
			vec![
				event(
					0,
					"Satisfaction",
					"Rated",
					json!({"redemption": 0, "resident": 1, "provider": PROVIDER, "programme": 0, "score": 2, "comment": null}),
				),
				event(
					1,
					"Satisfaction",
					"CaseOpened",
					json!({"case": 0, "provider": PROVIDER, "deadline": 50}),
				),
				event(
					2,
					"Vouchers",
					"Settled",
					json!({"settlement": 0, "office": 0, "programme": 0, "provider": PROVIDER, "count": 1, "amount": 3000, "payment_reference": format!("0x{}", "22".repeat(32))}),
				),
				event(
					3,
					"Satisfaction",
					"CaseResponded",
					json!({"case": 0, "provider": PROVIDER, "response": format!("0x{}", "33".repeat(32)), "late": false}),
				),
				event(
					4,
					"Satisfaction",
					"CaseClosed",
					json!({"case": 0, "office": 0, "outcome": "Rectified", "late": false}),
				),
				// A malformed event (as if a later runtime changed its fields): kept raw, named error.
				event(5, "Satisfaction", "Rated", json!({"redemption": "oops"})),
			],
		),
	]
}

async fn write_all(db: &Db, blocks: &[BlockData]) {
	for b in blocks {
		assert_eq!(
			db.write_block(b, 1).await.unwrap(),
			WriteOutcome::Written,
			"block {}",
			b.ctx.number
		);
	}
}

async fn dump(db: &Db) -> String {
	let mut out = Vec::new();
	db.dump(&mut out).await.unwrap();
	String::from_utf8(out).unwrap()
}

async fn scalar(db: &Db, sql: &'static str) -> Value {
	let rows = db.query_objects(sql, &[]).await.unwrap();
	rows[0].values().next().cloned().unwrap()
}

/// The whole scenario on one database; returns its dump.
async fn scenario(url: &str) -> String {
	let db = Db::open(url).await.unwrap();
	// Migrations are idempotent.
	db.migrate().await.unwrap();
	assert_eq!(db.cursor().await.unwrap(), None);

	let blocks = chain();
	write_all(&db, &blocks[..4]).await;
	let cursor = db.cursor().await.unwrap().unwrap();
	assert_eq!((cursor.block_number, cursor.block_hash.as_str()), (3, hash(3).as_str()));

	// Replaying indexed blocks changes nothing.
	let before = dump(&db).await;
	for b in &blocks[..4] {
		assert_eq!(db.write_block(b, 999).await.unwrap(), WriteOutcome::AlreadyIndexed);
	}
	assert_eq!(dump(&db).await, before);

	// A gap or a wrong parent is refused; so is another hash for an indexed number.
	assert!(matches!(db.write_block(&blocks[5], 1).await, Err(DbError::NotNext { .. })));
	let mut wrong_parent = blocks[4].clone();
	wrong_parent.parent_hash = hash(77);
	assert!(matches!(db.write_block(&wrong_parent, 1).await, Err(DbError::NotNext { .. })));
	let mut forked = blocks[2].clone();
	forked.ctx.hash = hash(99);
	assert!(matches!(db.write_block(&forked, 1).await, Err(DbError::HashMismatch { .. })));
	assert_eq!(dump(&db).await, before);

	write_all(&db, &blocks[4..]).await;
	assert_eq!(db.cursor().await.unwrap().unwrap().block_number, 6);

	// Domain tables.
	let survey = &db.query_objects("SELECT * FROM surveys", &[]).await.unwrap()[0];
	assert_eq!(survey["status"], json!("closed"));
	assert_eq!(survey["responses"], json!(3));
	assert_eq!(survey["amendments"], json!(1));
	assert_eq!(survey["turnout_ppm"], json!(750000));
	assert_eq!(survey["scope_kind"], json!("Office"));
	let project = &db.query_objects("SELECT * FROM projects", &[]).await.unwrap()[0];
	assert_eq!(project["status"], json!("awarded"));
	assert_eq!(project["ballots_cast"], json!(2));
	assert_eq!(project["ballots_changed"], json!(1));
	let counts = db.query_objects("SELECT * FROM ballot_counts ORDER BY bid", &[]).await.unwrap();
	assert_eq!(counts.len(), 1);
	assert_eq!(counts[0]["ballots"], json!(2));
	let bid = &db.query_objects("SELECT * FROM bids WHERE bid = 0", &[]).await.unwrap()[0];
	assert_eq!(bid["status"], json!("awarded"));
	assert_eq!(bid["provider"], json!(PROVIDER_SS58));
	let tally = &db.query_objects("SELECT * FROM tallies", &[]).await.unwrap()[0];
	assert_eq!((tally["votes"].clone(), tally["eligible"].clone()), (json!(2), json!(3)));
	let programme = &db.query_objects("SELECT * FROM programmes", &[]).await.unwrap()[0];
	assert_eq!(programme["claimed"], json!(1));
	assert_eq!(programme["issued"], json!(1));
	assert_eq!(programme["redeemed"], json!(2));
	assert_eq!(programme["confirmed"], json!(1));
	assert_eq!(programme["cancelled"], json!(1));
	assert_eq!(programme["settled_amount"], json!(3000));
	let r = db.query_objects("SELECT * FROM redemptions ORDER BY redemption", &[]).await.unwrap();
	assert_eq!(r[0]["programme"], json!(0), "programme found through the claim");
	assert_eq!(r[0]["day"], json!("2026-12-01"));
	assert_eq!(r[0]["hour"], json!(0));
	assert_eq!(r[1]["offline"], json!(1));
	let card = &db
		.query_objects(
			"SELECT * FROM provider_scorecard WHERE provider = $1",
			&[Arg::Text(PROVIDER_SS58.into())],
		)
		.await
		.unwrap()[0];
	assert_eq!(card["provider"], json!(PROVIDER_SS58));
	assert_eq!(card["redemptions"], json!(2));
	assert_eq!(card["ratings"], json!(1));
	assert_eq!(card["average_score"], json!(2.0));
	assert_eq!(card["cases_closed"], json!(1));
	assert_eq!(card["awards"], json!(1));
	assert_eq!(card["settled_amount"], json!(3000));
	let case = &db.query_objects("SELECT * FROM cases", &[]).await.unwrap()[0];
	assert_eq!(
		(case["status"].clone(), case["outcome"].clone()),
		(json!("closed"), json!("Rectified"))
	);
	assert_eq!(scalar(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM ratings").await, json!(1));
	let bad = db
		.query_objects("SELECT mapping_error FROM events WHERE mapping_error IS NOT NULL", &[])
		.await
		.unwrap();
	assert_eq!(bad.len(), 1);
	assert!(bad[0]["mapping_error"].as_str().unwrap().contains("redemption"));
	assert_eq!(scalar(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM events").await, json!(27));

	// Replaying everything once more (a restart after kill -9 re-offers blocks) counts nothing twice.
	let full = dump(&db).await;
	for b in &blocks {
		assert_eq!(db.write_block(b, 12345).await.unwrap(), WriteOutcome::AlreadyIndexed);
	}
	assert_eq!(dump(&db).await, full);
	assert!(!full.contains("indexed_at"));
	full
}

#[tokio::test]
async fn sqlite_scenario_and_dump_is_deterministic() {
	let a = scenario(&sqlite_url("a")).await;
	let b = scenario(&sqlite_url("b")).await;
	assert_eq!(a, b);
	assert!(a.starts_with("meta\t") || a.starts_with("cursor\t"));
}

/// Anonymous responses and ballots name no resident: they move only the survey's and the
/// project's counters, first actions and changes apart.
#[tokio::test]
async fn anonymous_responses_and_ballots_count_without_a_resident() {
	let db = Db::open(&sqlite_url("anonymous")).await.unwrap();
	let alias = |n: u8| format!("0x{}", format!("{n:02x}").repeat(32));
	let mut blocks = chain()[..2].to_vec();
	blocks.push(block(
		2,
		vec![
			event(
				0,
				"NeedsSurvey",
				"AnonymousResponseSubmitted",
				json!({"survey": 0, "ring": 0, "alias": alias(1), "seq": 0}),
			),
			event(
				1,
				"NeedsSurvey",
				"AnonymousResponseSubmitted",
				json!({"survey": 0, "ring": 1, "alias": alias(2), "seq": 0}),
			),
			event(
				2,
				"NeedsSurvey",
				"AnonymousResponseSubmitted",
				json!({"survey": 0, "ring": 0, "alias": alias(1), "seq": 1}),
			),
			event(
				3,
				"Procurement",
				"AnonymousBallotCast",
				json!({"project": 0, "ring": 0, "alias": alias(3), "bid": 1, "previous": null}),
			),
			event(
				4,
				"Procurement",
				"AnonymousBallotCast",
				json!({"project": 0, "ring": 0, "alias": alias(3), "bid": 0, "previous": 1}),
			),
		],
	));
	write_all(&db, &blocks).await;
	assert_eq!(scalar(&db, "SELECT responses FROM surveys WHERE survey = 0").await, json!(2));
	assert_eq!(scalar(&db, "SELECT amendments FROM surveys WHERE survey = 0").await, json!(1));
	assert_eq!(scalar(&db, "SELECT COUNT(*) FROM survey_responses").await, json!(0));
	assert_eq!(scalar(&db, "SELECT ballots_cast FROM projects WHERE project = 0").await, json!(1));
	assert_eq!(
		scalar(&db, "SELECT ballots_changed FROM projects WHERE project = 0").await,
		json!(1)
	);
}

#[tokio::test]
async fn reopening_keeps_the_cursor() {
	let url = sqlite_url("reopen");
	{
		let db = Db::open(&url).await.unwrap();
		write_all(&db, &chain()[..3]).await;
		db.pool().close().await;
	}
	let db = Db::open(&url).await.unwrap();
	assert_eq!(db.cursor().await.unwrap().unwrap().block_number, 2);
	write_all(&db, &chain()[3..]).await;
	assert_eq!(db.cursor().await.unwrap().unwrap().block_number, 6);
}

#[tokio::test]
async fn postgres_matches_sqlite_when_configured() {
	let Ok(base) = std::env::var("GONGZHI_TEST_PG_URL") else {
		// scripts/test.sh starts a server and sets both: there, a missing server is a failure.
		assert!(
			std::env::var_os("GONGZHI_REQUIRE_PG").is_none(),
			"GONGZHI_REQUIRE_PG is set but GONGZHI_TEST_PG_URL is not"
		);
		eprintln!("GONGZHI_TEST_PG_URL not set: PostgreSQL test skipped");
		return;
	};
	let name = format!("gongzhi_indexer_test_{}", std::process::id());
	let admin = Db::connect(&base).await.unwrap();
	let drop = format!("DROP DATABASE IF EXISTS {name}");
	sqlx::query(sqlx::AssertSqlSafe(drop.clone())).execute(admin.pool()).await.unwrap();
	sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
		.execute(admin.pool())
		.await
		.unwrap();
	let (prefix, _) = base.split_once('?').map_or((base.as_str(), ""), |(a, b)| (a, b));
	let url = match prefix.rfind('/') {
		Some(i) if i > "postgres://".len() => format!("{}/{name}", &prefix[..i]),
		_ => format!("{prefix}/{name}"),
	};
	let pg = scenario(&url).await;
	let lite = scenario(&sqlite_url("pg-compare")).await;
	assert_eq!(pg, lite, "PostgreSQL and SQLite dumps differ");
	// HTTP over PostgreSQL too.
	let db = Db::open(&url).await.unwrap();
	let (status, body) = get(&db, "/programmes/0/redemptions-per-provider-per-day").await;
	assert_eq!(status, StatusCode::OK);
	assert_eq!(json(&body)["rows"][0]["redemptions"], json!(2));
	let (status, _) = get(&db, &format!("/providers/{PROVIDER_SS58}/scorecard")).await;
	assert_eq!(status, StatusCode::OK);
	let (status, _) = get(&db, "/surveys/0/responses-over-time").await;
	assert_eq!(status, StatusCode::OK);
	db.pool().close().await;
	sqlx::query(sqlx::AssertSqlSafe(drop)).execute(admin.pool()).await.unwrap();
}

async fn get(db: &Db, uri: &str) -> (StatusCode, Vec<u8>) {
	let app = router(AppState { db: db.clone(), follow: None });
	let res = app.oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
	let status = res.status();
	let body = to_bytes(res.into_body(), 10 << 20).await.unwrap().to_vec();
	(status, body)
}

fn json(body: &[u8]) -> Value {
	serde_json::from_slice(body)
		.unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(body)))
}

async fn indexed_db(name: &str) -> Db {
	let db = Db::open(&sqlite_url(name)).await.unwrap();
	write_all(&db, &chain()).await;
	db
}

#[tokio::test]
async fn http_paging() {
	let db = indexed_db("paging").await;
	let (status, body) = get(&db, "/blocks?limit=3").await;
	assert_eq!(status, StatusCode::OK);
	let v = json(&body);
	assert_eq!(v["total"], json!(7));
	assert_eq!(v["rows"].as_array().unwrap().len(), 3);
	assert_eq!(v["next_offset"], json!(3));
	assert_eq!(v["rows"][0]["number"], json!(0));
	let (_, body) = get(&db, "/blocks?limit=3&offset=6").await;
	let v = json(&body);
	assert_eq!(v["rows"].as_array().unwrap().len(), 1);
	assert_eq!(v["next_offset"], Value::Null);
	let (_, body) = get(&db, "/blocks?limit=1&order=desc").await;
	assert_eq!(json(&body)["rows"][0]["number"], json!(6));
	// Filters, accounts in either form.
	let (_, body) = get(&db, &format!("/redemptions?provider={PROVIDER}&status=confirmed")).await;
	let v = json(&body);
	assert_eq!(v["total"], json!(1));
	assert_eq!(v["rows"][0]["provider"], json!(PROVIDER_SS58));
	let (_, body) = get(&db, "/events?pallet=NeedsSurvey&limit=1000").await;
	assert_eq!(json(&body)["total"], json!(6));
}

#[tokio::test]
async fn http_csv_has_bom_and_quotes() {
	let db = indexed_db("csv").await;
	for uri in ["/surveys.csv", "/surveys?format=csv"] {
		let (status, body) = get(&db, uri).await;
		assert_eq!(status, StatusCode::OK);
		let text = String::from_utf8(body).unwrap();
		assert!(text.starts_with('\u{feff}'), "{uri}: no BOM");
		let mut lines = text.trim_start_matches('\u{feff}').split("\r\n");
		assert!(lines.next().unwrap().starts_with("survey,title,scope_kind,scope_id,creator"));
		// The survey's title, read from state by the follower, in Chinese.
		assert!(lines.next().unwrap().starts_with("0,测试 SurveyCreated,Office,0,5"));
	}
	// JSON in a cell is quoted; empty tables still have a header.
	let (_, body) = get(&db, "/events.csv?limit=2").await;
	let text = String::from_utf8(body).unwrap();
	assert!(text.contains("\"{\"\"community\"\":0"), "{text}");
	let (_, body) = get(&db, "/cursor.csv").await;
	assert!(String::from_utf8(body).unwrap().contains("id,block_number,block_hash"));
	let (status, body) = get(&db, "/programmes/0/redemptions-per-provider-per-day.csv").await;
	assert_eq!(status, StatusCode::OK);
	let text = String::from_utf8(body).unwrap();
	assert!(text.starts_with("\u{feff}day,provider,redemptions"));
	assert!(text.contains(&format!("2026-12-01,{PROVIDER_SS58},2,1,1,1")));
	// Chinese text survives.
	let rows = vec![vec![("name".to_string(), json!("社区服务, \"老年\""))]];
	let csv = gongzhi_indexer::http::render_csv(&["name".into()], &rows);
	assert_eq!(csv, "\u{feff}name\r\n\"社区服务, \"\"老年\"\"\"\r\n");
	let rows = vec![vec![("reason".to_string(), json!("=HYPERLINK(1)"))]];
	assert!(gongzhi_indexer::http::render_csv(&["reason".into()], &rows).contains("'=HYPERLINK"));
}

#[tokio::test]
async fn http_bad_parameters_are_400_in_two_languages() {
	let db = indexed_db("bad").await;
	for uri in [
		"/blocks?limit=0",
		"/blocks?limit=1001",
		"/blocks?limit=abc",
		"/blocks?offset=-1",
		"/blocks?format=xml",
		"/blocks?order=sideways",
		"/blocks?limit=1&limit=2",
		"/blocks?colour=red",
		"/blocks?number=x",
		"/redemptions?provider=not-an-account",
		"/redemptions?day=2026-1-1",
		"/surveys/abc",
		"/surveys/-1/responses-over-time",
		"/surveys/0?x=1",
		"/projects/0?format=csv",
		"/providers/nobody/scorecard",
		"/blocks.csv?format=json",
	] {
		let (status, body) = get(&db, uri).await;
		assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
		let v = json(&body);
		assert_eq!(v["error"], json!("bad_parameter"), "{uri}");
		assert!(!v["message"]["zh-CN"].as_str().unwrap().is_empty(), "{uri}");
		assert!(!v["message"]["en"].as_str().unwrap().is_empty(), "{uri}");
	}
	for uri in ["/nope", "/surveys/99", "/projects/7", "/programmes/5", "/a/b/c"] {
		let (status, body) = get(&db, uri).await;
		assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
		assert_eq!(json(&body)["error"], json!("not_found"));
	}
	let (status, _) = get(
		&db,
		&format!("/providers/{}/scorecard", "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"),
	)
	.await;
	assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn http_views() {
	let db = indexed_db("views").await;
	let (status, body) = get(&db, "/surveys/0").await;
	assert_eq!(status, StatusCode::OK);
	let v = json(&body);
	assert_eq!(v["survey"]["responses"], json!(3));
	let (_, body) = get(&db, "/surveys/0/responses-over-time").await;
	let v = json(&body);
	let rows = v["rows"].as_array().unwrap();
	assert_eq!(rows.len(), 2);
	assert_eq!(
		(rows[0]["block_number"].clone(), rows[0]["responses_total"].clone()),
		(json!(2), json!(2))
	);
	assert_eq!(
		(rows[1]["amended"].clone(), rows[1]["responses_total"].clone()),
		(json!(1), json!(3))
	);
	let (_, body) = get(&db, "/projects/0").await;
	let v = json(&body);
	assert_eq!(v["bids"][0]["ballots"], json!(2));
	assert_eq!(v["bids"][1]["ballots"], json!(0));
	assert_eq!(v["tally"]["outcome"], json!("awarded"));
	let (_, body) = get(&db, "/programmes/0").await;
	assert_eq!(json(&body)["providers"][0]["redemptions"], json!(2));
	let (status, body) = get(&db, &format!("/providers/{PROVIDER}/scorecard")).await;
	assert_eq!(status, StatusCode::OK);
	let v = json(&body);
	assert_eq!(v["scorecard"]["ratings"], json!(1));
	assert_eq!(v["rows"][0]["day"], json!("2026-12-01"));
	let (_, body) = get(&db, "/status").await;
	let v = json(&body);
	assert_eq!(v["cursor"]["block_number"], json!(6));
	assert_eq!(v["database"], json!("sqlite"));
	let (_, body) = get(&db, "/openapi.json").await;
	let v = json(&body);
	assert_eq!(v["openapi"], json!("3.0.3"));
	for path in [
		"/surveys",
		"/surveys.csv",
		"/surveys/{id}/responses-over-time",
		"/providers/{account}/scorecard",
		"/status",
	] {
		assert!(v["paths"].get(path).is_some(), "{path} missing from OpenAPI");
	}
}
