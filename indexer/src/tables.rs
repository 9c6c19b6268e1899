//! The tables and views the HTTP API and `dump` expose, with their order and filters.

/// The type of a filter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// A whole number.
	Int,
	/// Text compared as is.
	Text,
	/// An account: SS58 or 32-byte `0x` hex, compared as SS58.
	Account,
	/// A calendar day `YYYY-MM-DD`.
	Day,
}

/// A table or view of the index.
#[derive(Debug)]
pub struct Table {
	/// SQL name, also the HTTP path (`/surveys`).
	pub name: &'static str,
	/// What a row is, in English.
	pub about_en: &'static str,
	/// What a row is, in Chinese.
	pub about_zh: &'static str,
	/// A total order of its rows (the primary key), for stable paging and dumps.
	pub order_by: &'static str,
	/// Columns that may be filtered on with `?column=value` (equality).
	pub filters: &'static [(&'static str, Kind)],
}

/// Columns that record when a row was written, not what the chain says: left out of `dump`.
pub const TIMING_COLUMNS: [&str; 1] = ["indexed_at"];

use Kind::*;

/// Every table and view, in dump order.
pub const TABLES: &[Table] = &[
	Table {
		name: "meta",
		about_en: "Facts about the indexed chain (its genesis hash).",
		about_zh: "所索引链的基本信息（创世区块哈希）。",
		order_by: "key",
		filters: &[],
	},
	Table {
		name: "cursor",
		about_en: "The last finalized block indexed.",
		about_zh: "已索引的最后一个最终确定区块。",
		order_by: "id",
		filters: &[],
	},
	Table {
		name: "blocks",
		about_en: "Every finalized block: number, hash, parent, timestamp, runtime spec version.",
		about_zh: "每个最终确定的区块：高度、哈希、父哈希、时间戳、运行时版本。",
		order_by: "number",
		filters: &[("number", Int), ("day", Day), ("spec_version", Int)],
	},
	Table {
		name: "events",
		about_en: "Every event of the Gongzhi pallets, fields as JSON.",
		about_zh: "共治各模块的全部事件，字段为 JSON。",
		order_by: "block_number, event_index",
		filters: &[("block_number", Int), ("block_hash", Text), ("pallet", Text), ("variant", Text)],
	},
	Table {
		name: "surveys",
		about_en: "Needs surveys with response counts and turnout at close.",
		about_zh: "需求调研：答卷数及结束时的参与率。",
		order_by: "survey",
		filters: &[("survey", Int), ("status", Text), ("scope_kind", Text), ("scope_id", Int), ("creator", Account)],
	},
	Table {
		name: "survey_responses",
		about_en: "Survey responses and amendments, one row each, with their block.",
		about_zh: "调研答卷及修改，每条一行，含所在区块。",
		order_by: "block_number, event_index",
		filters: &[("survey", Int), ("resident", Int), ("kind", Text), ("day", Day)],
	},
	Table {
		name: "projects",
		about_en: "Procurement projects with bid and ballot counts.",
		about_zh: "采购项目：投标数与投票数。",
		order_by: "project",
		filters: &[("project", Int), ("office", Int), ("status", Text)],
	},
	Table {
		name: "bids",
		about_en: "Bids of providers on projects.",
		about_zh: "服务商对项目的投标。",
		order_by: "project, bid",
		filters: &[("project", Int), ("provider", Account), ("status", Text)],
	},
	Table {
		name: "ballots",
		about_en: "Ballot events: open ballots cast, secret ballots committed and revealed.",
		about_zh: "投票事件：公开投票、秘密投票的承诺与揭示。",
		order_by: "block_number, event_index",
		filters: &[("project", Int), ("resident", Int), ("kind", Text)],
	},
	Table {
		name: "ballot_choices",
		about_en: "Each resident's standing choice per project.",
		about_zh: "每位居民在各项目中当前有效的选择。",
		order_by: "project, resident",
		filters: &[("project", Int), ("resident", Int), ("bid", Int)],
	},
	Table {
		name: "ballot_counts",
		about_en: "Standing ballots per bid.",
		about_zh: "各投标当前得票数。",
		order_by: "project, bid",
		filters: &[("project", Int), ("bid", Int)],
	},
	Table {
		name: "tallies",
		about_en: "Project results at close: award or failure.",
		about_zh: "项目结束时的计票结果：中标或流标。",
		order_by: "project",
		filters: &[("project", Int), ("outcome", Text), ("provider", Account)],
	},
	Table {
		name: "programmes",
		about_en: "Voucher programmes with claimed, redeemed and settled counts.",
		about_zh: "服务券项目：领取、核销、结算数量。",
		order_by: "programme",
		filters: &[("programme", Int), ("office", Int), ("project", Int)],
	},
	Table {
		name: "reapings",
		about_en: "Retention: each call that removed per-resident records from the chain's state after their retention period (the index keeps its rows).",
		about_zh: "数据清理：保留期满后从链上状态移除逐户记录的每次调用（索引仍保留其记录）。",
		order_by: "block_number, event_index",
		filters: &[("kind", Text), ("item", Text), ("day", Day)],
	},
	Table {
		name: "claims",
		about_en: "Vouchers claimed by residents or issued by offices.",
		about_zh: "居民领取或街道发放的服务券。",
		order_by: "block_number, event_index",
		filters: &[("programme", Int), ("voucher", Int), ("resident", Int), ("kind", Text), ("day", Day)],
	},
	Table {
		name: "redemptions",
		about_en: "Voucher redemptions at providers, with day and hour (Asia/Shanghai).",
		about_zh: "服务券在服务商处的核销，含日期与小时（北京时间）。",
		order_by: "redemption",
		filters: &[
			("redemption", Int),
			("programme", Int),
			("provider", Account),
			("resident", Int),
			("status", Text),
			("day", Day),
		],
	},
	Table {
		name: "settlements",
		about_en: "Settlements paid to providers.",
		about_zh: "向服务商支付的结算。",
		order_by: "settlement",
		filters: &[("settlement", Int), ("programme", Int), ("provider", Account), ("office", Int)],
	},
	Table {
		name: "ratings",
		about_en: "Residents' ratings of redemptions, with appeals.",
		about_zh: "居民对核销服务的评分及申诉。",
		order_by: "block_number, event_index",
		filters: &[("provider", Account), ("programme", Int), ("redemption", Int), ("score", Int), ("day", Day)],
	},
	Table {
		name: "cases",
		about_en: "Follow-up cases opened by low ratings.",
		about_zh: "低分评价引发的跟进工单。",
		order_by: "case_id",
		filters: &[("case_id", Int), ("provider", Account), ("status", Text)],
	},
	Table {
		name: "provider_scorecard",
		about_en: "Per provider, all time: redemptions, ratings, average score, cases, awards, settlements.",
		about_zh: "服务商累计计分卡：核销、评分、平均分、工单、中标、结算。",
		order_by: "provider",
		filters: &[("provider", Account)],
	},
	Table {
		name: "provider_daily",
		about_en: "Per provider and day (Asia/Shanghai): redemptions, ratings, average score, cases.",
		about_zh: "服务商每日（北京时间）数据：核销、评分、平均分、工单。",
		order_by: "provider, day",
		filters: &[("provider", Account), ("day", Day)],
	},
];

/// The table or view called `name`.
pub fn table(name: &str) -> Option<&'static Table> {
	TABLES.iter().find(|t| t.name == name)
}
