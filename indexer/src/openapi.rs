//! The OpenAPI 3 description of the HTTP API, built from the table registry.

use crate::http::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::tables::{Kind, TABLES};
use serde_json::{json, Map, Value};

fn paging() -> Vec<Value> {
	vec![
		json!({"name": "limit", "in": "query", "description": "Rows per page / 每页行数",
		       "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}}),
		json!({"name": "offset", "in": "query", "description": "Rows to skip (next page: next_offset) / 跳过的行数",
		       "schema": {"type": "integer", "minimum": 0, "default": 0}}),
		json!({"name": "format", "in": "query", "description": "json or csv (UTF-8 with BOM) / 输出格式",
		       "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}}),
	]
}

fn filter_schema(kind: Kind) -> Value {
	match kind {
		Kind::Int => json!({"type": "integer"}),
		Kind::Text => json!({"type": "string"}),
		Kind::Account => {
			json!({"type": "string", "description": "SS58 address or 0x hex account id"})
		},
		Kind::Day => {
			json!({"type": "string", "format": "date", "description": "Asia/Shanghai day"})
		},
	}
}

fn error_responses() -> Value {
	json!({
		"400": {"description": "Bad parameter / 参数错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
		"404": {"description": "Not found / 未找到", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
	})
}

fn ok(description: &str, csv: bool) -> Value {
	let mut content = json!({"application/json": {"schema": {"type": "object"}}});
	if csv {
		content["text/csv"] = json!({"schema": {"type": "string"}});
	}
	let mut responses = error_responses();
	responses["200"] = json!({"description": description, "content": content});
	responses
}

fn path_param(name: &str, schema: Value) -> Value {
	json!({"name": name, "in": "path", "required": true, "schema": schema})
}

/// The document served at `/openapi.json`.
pub fn document() -> Value {
	let mut paths = Map::new();
	for t in TABLES {
		let mut params = paging();
		params.push(json!({"name": "order", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"], "default": "asc"}}));
		for (column, kind) in t.filters {
			params.push(json!({"name": column, "in": "query", "description": format!("Rows whose {column} equals this"), "schema": filter_schema(*kind)}));
		}
		let op = json!({
			"summary": format!("{} / {}", t.about_en, t.about_zh),
			"parameters": params,
			"responses": ok(&format!("A page of {} (JSON: rows, total, next_offset) or CSV", t.name), true),
		});
		paths.insert(format!("/{}", t.name), json!({"get": op.clone()}));
		paths.insert(format!("/{}.csv", t.name), json!({"get": op}));
	}
	let id = json!({"type": "integer", "minimum": 0});
	let account = json!({"type": "string", "description": "SS58 address or 0x hex account id"});
	let special: Vec<(&str, &str, Vec<Value>, bool)> = vec![
		("/status", "Cursor, finalized head seen, lag, follower state / 索引进度", vec![], false),
		("/openapi.json", "This document / 本文档", vec![], false),
		(
			"/surveys/{id}",
			"One survey with responses per day / 单个调研",
			vec![path_param("id", id.clone())],
			false,
		),
		(
			"/surveys/{id}/responses-over-time",
			"Responses per block with running total / 答卷随时间累计",
			vec![path_param("id", id.clone())],
			true,
		),
		(
			"/projects/{id}",
			"One project with its bids, ballots per bid and tally / 单个项目",
			vec![path_param("id", id.clone())],
			false,
		),
		(
			"/programmes/{id}",
			"One programme with per-provider totals and settlements / 单个服务券项目",
			vec![path_param("id", id.clone())],
			false,
		),
		(
			"/programmes/{id}/redemptions-per-provider-per-day",
			"Redemptions per provider per day (Asia/Shanghai) / 各服务商每日核销",
			vec![path_param("id", id)],
			true,
		),
		(
			"/providers/{account}/scorecard",
			"A provider's scorecard and its daily series / 服务商计分卡",
			vec![path_param("account", account)],
			true,
		),
	];
	for (path, summary, mut params, csv) in special {
		if csv || path.contains('{') {
			params.extend(paging());
		}
		let op = json!({"summary": summary, "parameters": params, "responses": ok(summary, csv)});
		if csv {
			paths.insert(format!("{path}.csv"), json!({"get": op.clone()}));
		}
		paths.insert(path.to_string(), json!({"get": op}));
	}
	json!({
		"openapi": "3.0.3",
		"info": {
			"title": "Gongzhi indexer / 共治索引",
			"version": env!("CARGO_PKG_VERSION"),
			"description": "Read-only history of the Gongzhi chain's finalized blocks. Accounts are SS58 (prefix 42); days and hours are Asia/Shanghai time. 共治链最终确定区块的只读历史数据。"
		},
		"paths": paths,
		"components": {"schemas": {"Error": {
			"type": "object",
			"properties": {
				"error": {"type": "string"},
				"message": {"type": "object", "properties": {"zh-CN": {"type": "string"}, "en": {"type": "string"}}}
			}
		}}}
	})
}
