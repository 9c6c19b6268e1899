//! From one decoded event to the rows it writes in the domain tables.
//!
//! [`plan`] is pure: it reads the event's JSON fields and returns the SQL statements (text with
//! `$n` placeholders and their arguments) to run in the block's transaction. The writer runs
//! them only when the raw event row was new, so replaying a block changes nothing.

use crate::value::{FieldError, Fields};
use serde_json::Value as Json;

/// An argument bound to a `$n` placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
	/// A BIGINT.
	Int(i64),
	/// A TEXT.
	Text(String),
	/// A NULL in a BIGINT column.
	NullInt,
	/// A NULL in a TEXT column.
	NullText,
}

impl From<i64> for Arg {
	fn from(v: i64) -> Self {
		Arg::Int(v)
	}
}
impl From<String> for Arg {
	fn from(v: String) -> Self {
		Arg::Text(v)
	}
}
impl From<&str> for Arg {
	fn from(v: &str) -> Self {
		Arg::Text(v.to_string())
	}
}
impl From<Option<i64>> for Arg {
	fn from(v: Option<i64>) -> Self {
		v.map_or(Arg::NullInt, Arg::Int)
	}
}
impl From<Option<String>> for Arg {
	fn from(v: Option<String>) -> Self {
		v.map_or(Arg::NullText, Arg::Text)
	}
}

/// One SQL statement with its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
	/// SQL text valid on SQLite and PostgreSQL.
	pub sql: &'static str,
	/// Arguments for `$1`, `$2`, …
	pub args: Vec<Arg>,
}

fn stmt(sql: &'static str, args: Vec<Arg>) -> Stmt {
	Stmt { sql, args }
}

/// A row of `reapings`: `key` is the event's (block hash, index, number, day).
fn reaping(mut key: Vec<Arg>, kind: &'static str, item: String, removed: i64) -> Stmt {
	key.extend([kind.into(), item.into(), removed.into()]);
	stmt(
		"INSERT INTO reapings (block_hash, event_index, block_number, day, kind, item, removed) \
		 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (block_hash, event_index) DO NOTHING",
		key,
	)
}

/// The block an event belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockCtx {
	/// Block number.
	pub number: i64,
	/// Block hash, `0x` hex.
	pub hash: String,
	/// `Timestamp.now` in milliseconds, if set.
	pub timestamp_ms: Option<i64>,
	/// Asia/Shanghai day of the timestamp (`YYYY-MM-DD`).
	pub day: Option<String>,
	/// Asia/Shanghai hour of the timestamp.
	pub hour: Option<i64>,
}

/// One event as decoded from a block.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
	/// Position in the block's event list.
	pub index: i64,
	/// `ApplyExtrinsic`, `Initialization` or `Finalization`.
	pub phase: String,
	/// The extrinsic's index, for `ApplyExtrinsic`.
	pub extrinsic_index: Option<i64>,
	/// Pallet name in the metadata (`Procurement`).
	pub pallet: String,
	/// Event variant (`BidSubmitted`).
	pub variant: String,
	/// Fields as JSON (see [`crate::value`]).
	pub fields: Json,
	/// For the events that create a survey, a project or a programme (which carry ids only): its
	/// title or service name, read from the chain's state at this block (UTF-8, lossy).
	pub title: Option<String>,
}

/// The pallets whose events are indexed.
pub const PALLETS: [&str; 5] =
	["Community", "NeedsSurvey", "Procurement", "Vouchers", "Satisfaction"];

/// The statements that apply `ev` to the domain tables (empty for events kept raw only).
pub fn plan(b: &BlockCtx, ev: &EventRecord) -> Result<Vec<Stmt>, FieldError> {
	let f = Fields(&ev.fields);
	let n = b.number;
	let key = || -> Vec<Arg> {
		vec![b.hash.clone().into(), ev.index.into(), n.into(), b.day.clone().into()]
	};
	let out = match (ev.pallet.as_str(), ev.variant.as_str()) {
		// ---- NeedsSurvey ----
		("NeedsSurvey", "SurveyCreated") => {
			let (scope_kind, scope_id) = f.tagged_int("scope")?;
			vec![stmt(
				"INSERT INTO surveys (survey, scope_kind, scope_id, creator, opens_at, closes_at, created_block, \
				 status, responses, amendments, reaped, title) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', 0, 0, 0, $8) ON CONFLICT (survey) DO NOTHING",
				vec![
					f.int("survey")?.into(),
					scope_kind.into(),
					scope_id.into(),
					f.account("creator")?.into(),
					f.int("opens_at")?.into(),
					f.int("closes_at")?.into(),
					n.into(),
					ev.title.clone().into(),
				],
			)]
		},
		("NeedsSurvey", kind @ ("ResponseSubmitted" | "ResponseAmended")) => {
			let survey = f.int("survey")?;
			let mut args = key();
			args.extend([survey.into(), f.int("resident")?.into()]);
			let (label, update) = if kind == "ResponseSubmitted" {
				("submitted", "UPDATE surveys SET responses = responses + 1 WHERE survey = $1")
			} else {
				("amended", "UPDATE surveys SET amendments = amendments + 1 WHERE survey = $1")
			};
			args.push(label.into());
			vec![
				stmt(
					"INSERT INTO survey_responses (block_hash, event_index, block_number, day, survey, resident, kind) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (block_hash, event_index) DO NOTHING",
					args,
				),
				stmt(update, vec![survey.into()]),
			]
		},
		// An anonymous response names no resident: only the survey's counters move (the first
		// response under an alias is `seq` 0, an amendment one more).
		("NeedsSurvey", "AnonymousResponseSubmitted") => {
			let counter = if f.int("seq")? == 0 {
				"UPDATE surveys SET responses = responses + 1 WHERE survey = $1"
			} else {
				"UPDATE surveys SET amendments = amendments + 1 WHERE survey = $1"
			};
			vec![stmt(counter, vec![f.int("survey")?.into()])]
		},
		("NeedsSurvey", "SurveyClosed") => vec![stmt(
			"UPDATE surveys SET status = 'closed', responses = $2, eligible = $3, turnout_ppm = $4, closed_block = $5 \
			 WHERE survey = $1",
			vec![
				f.int("survey")?.into(),
				f.int("responses")?.into(),
				f.int("eligible")?.into(),
				f.int("turnout")?.into(),
				n.into(),
			],
		)],
		("NeedsSurvey", "SurveyCancelled") => vec![stmt(
			"UPDATE surveys SET status = 'cancelled', cancelled_block = $2 WHERE survey = $1",
			vec![f.int("survey")?.into(), n.into()],
		)],
		("NeedsSurvey", "ResponsesReaped") => vec![
			stmt("UPDATE surveys SET reaped = reaped + $2 WHERE survey = $1", vec![
				f.int("survey")?.into(),
				f.int("removed")?.into(),
			]),
			reaping(key(), "responses", f.int("survey")?.to_string(), f.int("removed")?),
		],

		// ---- Procurement ----
		("Procurement", "ProjectCreated") => {
			let (scope_kind, scope_id) = f.tagged_int("scope")?;
			vec![stmt(
				"INSERT INTO projects (project, office, scope_kind, scope_id, budget, eligible, created_block, status, \
				 bids_submitted, ballots_cast, ballots_changed, ballots_committed, ballots_revealed, ballots_reaped, title) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', 0, 0, 0, 0, 0, 0, $8) ON CONFLICT (project) DO NOTHING",
				vec![
					f.int("project")?.into(),
					f.int("office")?.into(),
					scope_kind.into(),
					scope_id.into(),
					f.int("budget")?.into(),
					f.int("eligible")?.into(),
					n.into(),
					ev.title.clone().into(),
				],
			)]
		},
		("Procurement", "RulesUpdated") => {
			let (scope_kind, scope_id) = f.tagged_int("scope")?;
			vec![stmt(
				"UPDATE projects SET scope_kind = $2, scope_id = $3, eligible = $4 WHERE project = $1",
				vec![f.int("project")?.into(), scope_kind.into(), scope_id.into(), f.int("eligible")?.into()],
			)]
		},
		("Procurement", "ProjectCancelled") => vec![stmt(
			"UPDATE projects SET status = 'cancelled', cancel_reason = $2, closed_block = $3 WHERE project = $1",
			vec![f.int("project")?.into(), f.text("reason")?.into(), n.into()],
		)],
		("Procurement", "BidSubmitted") => {
			let project = f.int("project")?;
			vec![
				stmt(
					"INSERT INTO bids (project, bid, provider, price, submitted_block, status) \
					 VALUES ($1, $2, $3, $4, $5, 'submitted') ON CONFLICT (project, bid) DO NOTHING",
					vec![
						project.into(),
						f.int("bid")?.into(),
						f.account("provider")?.into(),
						f.int("price")?.into(),
						n.into(),
					],
				),
				stmt("UPDATE projects SET bids_submitted = bids_submitted + 1 WHERE project = $1", vec![project.into()]),
			]
		},
		("Procurement", "BidWithdrawn") => vec![stmt(
			"UPDATE bids SET status = 'withdrawn', changed_block = $3 WHERE project = $1 AND bid = $2",
			vec![f.int("project")?.into(), f.int("bid")?.into(), n.into()],
		)],
		("Procurement", "BidDisqualified") => vec![stmt(
			"UPDATE bids SET status = 'disqualified', reason = $3, changed_block = $4 WHERE project = $1 AND bid = $2",
			vec![f.int("project")?.into(), f.int("bid")?.into(), f.text("reason")?.into(), n.into()],
		)],
		("Procurement", "BallotCast") => {
			let project = f.int("project")?;
			let resident = f.int("resident")?;
			let bid = f.int("bid")?;
			let previous = f.opt_int("previous")?;
			let counter = if previous.is_some() {
				"UPDATE projects SET ballots_changed = ballots_changed + 1 WHERE project = $1"
			} else {
				"UPDATE projects SET ballots_cast = ballots_cast + 1 WHERE project = $1"
			};
			vec![
				ballot_row(b, ev, project, resident, "cast", Some(bid), previous, None, f.opt_account("relayer")?),
				choice(project, resident, bid, n),
				stmt(counter, vec![project.into()]),
			]
		},
		// An anonymous ballot names no resident: only the project's counters move (its choice
		// is in the chain's tallies, `project_tally`).
		("Procurement", "AnonymousBallotCast") => {
			let counter = if f.opt_int("previous")?.is_some() {
				"UPDATE projects SET ballots_changed = ballots_changed + 1 WHERE project = $1"
			} else {
				"UPDATE projects SET ballots_cast = ballots_cast + 1 WHERE project = $1"
			};
			vec![stmt(counter, vec![f.int("project")?.into()])]
		},
		("Procurement", "BallotCommitted") => {
			let project = f.int("project")?;
			vec![
				ballot_row(
					b,
					ev,
					project,
					f.int("resident")?,
					"committed",
					None,
					None,
					Some(f.text("commitment")?),
					f.opt_account("relayer")?,
				),
				stmt("UPDATE projects SET ballots_committed = ballots_committed + 1 WHERE project = $1", vec![
					project.into(),
				]),
			]
		},
		("Procurement", "BallotRevealed") => {
			let project = f.int("project")?;
			let resident = f.int("resident")?;
			let bid = f.int("bid")?;
			vec![
				ballot_row(b, ev, project, resident, "revealed", Some(bid), None, None, None),
				choice(project, resident, bid, n),
				stmt("UPDATE projects SET ballots_revealed = ballots_revealed + 1 WHERE project = $1", vec![
					project.into(),
				]),
			]
		},
		("Procurement", "ProjectAwarded") => {
			let project = f.int("project")?;
			let bid = f.int("bid")?;
			vec![
				stmt(
					"INSERT INTO tallies (project, block_number, outcome, bid, provider, price, votes, counted, eligible) \
					 VALUES ($1, $2, 'awarded', $3, $4, $5, $6, $7, (SELECT p.eligible FROM projects p WHERE p.project = $1)) \
					 ON CONFLICT (project) DO NOTHING",
					vec![
						project.into(),
						n.into(),
						bid.into(),
						f.account("provider")?.into(),
						f.int("price")?.into(),
						f.int("votes")?.into(),
						f.int("counted")?.into(),
					],
				),
				stmt("UPDATE projects SET status = 'awarded', closed_block = $2 WHERE project = $1", vec![
					project.into(),
					n.into(),
				]),
				stmt("UPDATE bids SET status = 'awarded', changed_block = $3 WHERE project = $1 AND bid = $2", vec![
					project.into(),
					bid.into(),
					n.into(),
				]),
			]
		},
		("Procurement", "ProjectFailed") => {
			let project = f.int("project")?;
			vec![
				stmt(
					"INSERT INTO tallies (project, block_number, outcome, counted, eligible, failure_reason) \
					 VALUES ($1, $2, 'failed', $3, $4, $5) ON CONFLICT (project) DO NOTHING",
					vec![
						project.into(),
						n.into(),
						f.int("counted")?.into(),
						f.int("eligible")?.into(),
						f.unit_variant("reason")?.into(),
					],
				),
				stmt("UPDATE projects SET status = 'failed', closed_block = $2 WHERE project = $1", vec![
					project.into(),
					n.into(),
				]),
			]
		},
		("Procurement", "BallotsReaped") => vec![
			stmt("UPDATE projects SET ballots_reaped = ballots_reaped + $2 WHERE project = $1", vec![
				f.int("project")?.into(),
				f.int("removed")?.into(),
			]),
			reaping(key(), "ballots", f.int("project")?.to_string(), f.int("removed")?),
		],

		// ---- Vouchers ----
		("Vouchers", "ProgrammeCreated") => {
			let (scope_kind, scope_id) = f.tagged_int("scope")?;
			let (limit_kind, limit_count) = f.tagged_int("limit")?;
			vec![stmt(
				"INSERT INTO programmes (programme, office, scope_kind, scope_id, project, unit_value, limit_kind, \
				 limit_count, allocation, supply, created_block, claimed, issued, redeemed, confirmed, cancelled, \
				 expired, settled_count, settled_amount, service_name) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, 0, 0, 0, 0, 0, 0, 0, $12) \
				 ON CONFLICT (programme) DO NOTHING",
				vec![
					f.int("programme")?.into(),
					f.int("office")?.into(),
					scope_kind.into(),
					scope_id.into(),
					f.opt_int("project")?.into(),
					f.int("unit_value")?.into(),
					limit_kind.into(),
					limit_count.into(),
					f.unit_variant("allocation")?.into(),
					f.int("supply")?.into(),
					n.into(),
					ev.title.clone().into(),
				],
			)]
		},
		("Vouchers", "VouchersReaped") => vec![
			stmt("UPDATE programmes SET vouchers_reaped = vouchers_reaped + $2 WHERE programme = $1", vec![
				f.int("programme")?.into(),
				f.int("vouchers")?.into(),
			]),
			reaping(key(), "vouchers", f.int("programme")?.to_string(), f.int("vouchers")?),
		],
		("Vouchers", "DailyCountsReaped") => {
			vec![reaping(key(), "daily_counts", f.account("provider")?, f.int("removed")?)]
		},
		("Vouchers", "ProgrammeDepositReleased") => vec![stmt(
			"UPDATE programmes SET deposit_released = $2 WHERE programme = $1",
			vec![f.int("programme")?.into(), f.decimal("amount")?.into()],
		)],
		("Vouchers", kind @ ("VoucherClaimed" | "VoucherIssued")) => {
			let programme = f.int("programme")?;
			let mut args = key();
			args.extend([f.int("voucher")?.into(), programme.into(), f.int("resident")?.into()]);
			let (label, update) = if kind == "VoucherClaimed" {
				("claimed", "UPDATE programmes SET claimed = claimed + 1 WHERE programme = $1")
			} else {
				("issued", "UPDATE programmes SET issued = issued + 1 WHERE programme = $1")
			};
			args.push(label.into());
			vec![
				stmt(
					"INSERT INTO claims (block_hash, event_index, block_number, day, voucher, programme, resident, kind) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (block_hash, event_index) DO NOTHING",
					args,
				),
				stmt(update, vec![programme.into()]),
			]
		},
		("Vouchers", "VoucherRedeemed") => {
			let redemption = f.int("redemption")?;
			vec![
				stmt(
					"INSERT INTO redemptions (redemption, voucher, programme, resident, provider, offline, block_number, \
					 timestamp_ms, day, hour, status) VALUES ($1, $2, \
					 (SELECT c.programme FROM claims c WHERE c.voucher = $2 ORDER BY c.block_number LIMIT 1), \
					 $3, $4, $5, $6, $7, $8, $9, 'redeemed') ON CONFLICT (redemption) DO NOTHING",
					vec![
						redemption.into(),
						f.int("voucher")?.into(),
						f.int("resident")?.into(),
						f.account("provider")?.into(),
						f.flag("offline")?.into(),
						n.into(),
						b.timestamp_ms.into(),
						b.day.clone().into(),
						b.hour.into(),
					],
				),
				programme_counter("UPDATE programmes SET redeemed = redeemed + 1 WHERE programme = \
				                   (SELECT r.programme FROM redemptions r WHERE r.redemption = $1)", redemption),
			]
		},
		("Vouchers", "RedemptionConfirmed") => {
			let redemption = f.int("redemption")?;
			vec![
				stmt(
					"UPDATE redemptions SET status = 'confirmed', confirmed_block = $2, service_record = $3 \
					 WHERE redemption = $1",
					vec![redemption.into(), n.into(), f.text("service_record")?.into()],
				),
				programme_counter("UPDATE programmes SET confirmed = confirmed + 1 WHERE programme = \
				                   (SELECT r.programme FROM redemptions r WHERE r.redemption = $1)", redemption),
			]
		},
		("Vouchers", "RedemptionCancelled") => {
			let redemption = f.int("redemption")?;
			vec![
				stmt(
					"UPDATE redemptions SET status = 'cancelled', cancelled_block = $2 WHERE redemption = $1",
					vec![redemption.into(), n.into()],
				),
				programme_counter("UPDATE programmes SET cancelled = cancelled + 1 WHERE programme = \
				                   (SELECT r.programme FROM redemptions r WHERE r.redemption = $1)", redemption),
			]
		},
		("Vouchers", "Settled") => {
			let programme = f.int("programme")?;
			let count = f.int("count")?;
			let amount = f.int("amount")?;
			vec![
				stmt(
					"INSERT INTO settlements (settlement, office, programme, provider, count, amount, payment_reference, \
					 block_number, day) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (settlement) DO NOTHING",
					vec![
						f.int("settlement")?.into(),
						f.int("office")?.into(),
						programme.into(),
						f.account("provider")?.into(),
						count.into(),
						amount.into(),
						f.text("payment_reference")?.into(),
						n.into(),
						b.day.clone().into(),
					],
				),
				stmt(
					"UPDATE programmes SET settled_count = settled_count + $2, settled_amount = settled_amount + $3 \
					 WHERE programme = $1",
					vec![programme.into(), count.into(), amount.into()],
				),
			]
		},
		("Vouchers", "VouchersExpired") => vec![stmt(
			"UPDATE programmes SET expired = expired + $2 WHERE programme = $1",
			vec![f.int("programme")?.into(), f.int("count")?.into()],
		)],

		// ---- Satisfaction ----
		("Satisfaction", "Rated") => {
			let mut args = key();
			args.extend([
				f.int("redemption")?.into(),
				f.int("resident")?.into(),
				f.account("provider")?.into(),
				f.int("programme")?.into(),
				f.int("score")?.into(),
				f.opt_text("comment")?.into(),
			]);
			vec![stmt(
				"INSERT INTO ratings (block_hash, event_index, block_number, day, redemption, resident, provider, \
				 programme, score, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
				 ON CONFLICT (block_hash, event_index) DO NOTHING",
				args,
			)]
		},
		("Satisfaction", "CaseOpened") => vec![stmt(
			"INSERT INTO cases (case_id, provider, deadline, opened_block, opened_day, status) \
			 VALUES ($1, $2, $3, $4, $5, 'open') ON CONFLICT (case_id) DO NOTHING",
			vec![
				f.int("case")?.into(),
				f.account("provider")?.into(),
				f.int("deadline")?.into(),
				n.into(),
				b.day.clone().into(),
			],
		)],
		("Satisfaction", "RatingsReaped") => vec![
			stmt("UPDATE programmes SET ratings_reaped = ratings_reaped + $2 WHERE programme = $1", vec![
				f.int("programme")?.into(),
				f.int("ratings")?.into(),
			]),
			reaping(key(), "ratings", f.int("programme")?.to_string(), f.int("ratings")?),
		],
		("Satisfaction", "CaseResponded") => vec![stmt(
			"UPDATE cases SET status = 'responded', response = $2, responded_late = $3, responded_block = $4 \
			 WHERE case_id = $1",
			vec![f.int("case")?.into(), f.text("response")?.into(), f.flag("late")?.into(), n.into()],
		)],
		("Satisfaction", "CaseOverdue") => vec![stmt(
			"UPDATE cases SET status = 'overdue', overdue_block = $2 WHERE case_id = $1",
			vec![f.int("case")?.into(), n.into()],
		)],
		("Satisfaction", "CaseClosed") => vec![stmt(
			"UPDATE cases SET status = 'closed', office = $2, outcome = $3, closed_late = $4, closed_block = $5 \
			 WHERE case_id = $1",
			vec![
				f.int("case")?.into(),
				f.int("office")?.into(),
				f.unit_variant("outcome")?.into(),
				f.flag("late")?.into(),
				n.into(),
			],
		)],
		("Satisfaction", "AppealLodged") => vec![stmt(
			"UPDATE ratings SET appeal = 'lodged', appeal_reason = $2 WHERE redemption = $1",
			vec![f.int("redemption")?.into(), f.text("reason")?.into()],
		)],
		("Satisfaction", "AppealDecided") => vec![stmt(
			"UPDATE ratings SET appeal = $2, appeal_office = $3 WHERE redemption = $1",
			vec![
				f.int("redemption")?.into(),
				f.unit_variant("decision")?.to_lowercase().into(),
				f.int("office")?.into(),
			],
		)],

		// Community events and any variant added by a later runtime stay in `events` only.
		_ => Vec::new(),
	};
	Ok(out)
}

fn programme_counter(sql: &'static str, redemption: i64) -> Stmt {
	stmt(sql, vec![redemption.into()])
}

fn ballot_row(
	b: &BlockCtx,
	ev: &EventRecord,
	project: i64,
	resident: i64,
	kind: &str,
	bid: Option<i64>,
	previous: Option<i64>,
	commitment: Option<String>,
	relayer: Option<String>,
) -> Stmt {
	stmt(
		"INSERT INTO ballots (block_hash, event_index, block_number, project, resident, kind, bid, previous, \
		 commitment, relayer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
		 ON CONFLICT (block_hash, event_index) DO NOTHING",
		vec![
			b.hash.clone().into(),
			ev.index.into(),
			b.number.into(),
			project.into(),
			resident.into(),
			kind.into(),
			bid.into(),
			previous.into(),
			commitment.into(),
			relayer.into(),
		],
	)
}

fn choice(project: i64, resident: i64, bid: i64, block: i64) -> Stmt {
	stmt(
		"INSERT INTO ballot_choices (project, resident, bid, block_number) VALUES ($1, $2, $3, $4) \
		 ON CONFLICT (project, resident) DO UPDATE SET bid = excluded.bid, block_number = excluded.block_number",
		vec![project.into(), resident.into(), bid.into(), block.into()],
	)
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	fn ctx() -> BlockCtx {
		BlockCtx {
			number: 42,
			hash: "0xaa".into(),
			timestamp_ms: Some(1_796_054_399_000),
			day: Some("2026-11-30".into()),
			hour: Some(23),
		}
	}

	fn ev(pallet: &str, variant: &str, fields: Json) -> EventRecord {
		EventRecord {
			index: 3,
			phase: "ApplyExtrinsic".into(),
			extrinsic_index: Some(1),
			pallet: pallet.into(),
			variant: variant.into(),
			fields,
			title: None,
		}
	}

	const ACCT: &str = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

	#[test]
	fn bid_submitted_inserts_a_bid_and_counts_it() {
		let stmts = plan(
			&ctx(),
			&ev(
				"Procurement",
				"BidSubmitted",
				json!({"project": 1, "bid": 0, "provider": ACCT, "price": 5000}),
			),
		)
		.unwrap();
		assert_eq!(stmts.len(), 2);
		assert!(stmts[0].sql.starts_with("INSERT INTO bids"));
		assert_eq!(
			stmts[0].args,
			vec![Arg::Int(1), Arg::Int(0), Arg::Text(ALICE.into()), Arg::Int(5000), Arg::Int(42)]
		);
	}

	#[test]
	fn ballot_change_counts_as_changed() {
		let stmts = plan(
			&ctx(),
			&ev(
				"Procurement",
				"BallotCast",
				json!({"project": 1, "resident": 9, "bid": 2, "previous": 1, "relayer": null}),
			),
		)
		.unwrap();
		assert!(stmts[2].sql.contains("ballots_changed"));
		assert_eq!(stmts[0].args[7], Arg::Int(1));
		assert_eq!(stmts[0].args[9], Arg::NullText);
	}

	#[test]
	fn programme_reads_variants() {
		let stmts = plan(
			&ctx(),
			&ev(
				"Vouchers",
				"ProgrammeCreated",
				json!({"programme": 2, "office": 0, "scope": {"Office": 0}, "project": null, "unit_value": 2000,
				       "limit": {"PerResident": 2}, "allocation": "FirstCome", "supply": 10}),
			),
		)
		.unwrap();
		let a = &stmts[0].args;
		assert_eq!(a[2], Arg::Text("Office".into()));
		assert_eq!(a[4], Arg::NullInt);
		assert_eq!(a[6], Arg::Text("PerResident".into()));
		assert_eq!(a[7], Arg::Int(2));
		assert_eq!(a[8], Arg::Text("FirstCome".into()));
	}

	#[test]
	fn redemption_carries_day_and_hour() {
		let stmts = plan(
			&ctx(),
			&ev(
				"Vouchers",
				"VoucherRedeemed",
				json!({"voucher": 5, "redemption": 7, "resident": 3, "provider": ACCT, "offline": true}),
			),
		)
		.unwrap();
		let a = &stmts[0].args;
		assert_eq!(a[4], Arg::Int(1));
		assert_eq!(a[7], Arg::Text("2026-11-30".into()));
		assert_eq!(a[8], Arg::Int(23));
	}

	#[test]
	fn reaping_events_are_recorded_and_counted() {
		let ratings = plan(
			&ctx(),
			&ev(
				"Satisfaction",
				"RatingsReaped",
				json!({"programme": 4, "ratings": 6, "cases": 2, "skipped": 1, "complete": false}),
			),
		)
		.unwrap();
		assert!(ratings[0].sql.contains("ratings_reaped = ratings_reaped + $2"));
		assert_eq!(ratings[0].args, vec![Arg::Int(4), Arg::Int(6)]);
		assert!(ratings[1].sql.starts_with("INSERT INTO reapings"));
		assert_eq!(
			ratings[1].args[4..],
			[Arg::Text("ratings".into()), Arg::Text("4".into()), Arg::Int(6)]
		);
		let vouchers = plan(
			&ctx(),
			&ev(
				"Vouchers",
				"VouchersReaped",
				json!({"programme": 4, "vouchers": 9, "received": 5, "complete": true}),
			),
		)
		.unwrap();
		assert!(vouchers[0].sql.contains("vouchers_reaped"));
		assert_eq!(
			vouchers[1].args[4..],
			[Arg::Text("vouchers".into()), Arg::Text("4".into()), Arg::Int(9)]
		);
		let days = plan(
			&ctx(),
			&ev(
				"Vouchers",
				"DailyCountsReaped",
				json!({"provider": ACCT, "days": 30, "removed": 3, "before_day": 20400}),
			),
		)
		.unwrap();
		assert_eq!(days.len(), 1);
		assert_eq!(
			days[0].args,
			vec![
				Arg::Text("0xaa".into()),
				Arg::Int(3),
				Arg::Int(42),
				Arg::Text("2026-11-30".into()),
				Arg::Text("daily_counts".into()),
				Arg::Text(ALICE.into()),
				Arg::Int(3)
			]
		);
		for (pallet, variant, fields, kind) in [
			(
				"NeedsSurvey",
				"ResponsesReaped",
				json!({"survey": 2, "removed": 7, "remaining": 0}),
				"responses",
			),
			(
				"Procurement",
				"BallotsReaped",
				json!({"project": 2, "removed": 7, "remaining": 1}),
				"ballots",
			),
		] {
			let stmts = plan(&ctx(), &ev(pallet, variant, fields)).unwrap();
			assert_eq!(
				stmts[1].args[4..],
				[Arg::Text(kind.into()), Arg::Text("2".into()), Arg::Int(7)]
			);
		}
	}

	#[test]
	fn malformed_fields_are_named_errors() {
		let err =
			plan(&ctx(), &ev("Satisfaction", "Rated", json!({"redemption": "x"}))).unwrap_err();
		assert!(matches!(err, FieldError::WrongType { ref field, .. } if field == "redemption"));
		let err = plan(&ctx(), &ev("Satisfaction", "CaseOpened", json!({}))).unwrap_err();
		assert_eq!(err, FieldError::Missing("case".into()));
	}

	#[test]
	fn community_and_unknown_events_stay_raw() {
		assert!(plan(&ctx(), &ev("Community", "ResidentRegistered", json!({})))
			.unwrap()
			.is_empty());
		assert!(plan(&ctx(), &ev("Vouchers", "SomethingNew", json!({}))).unwrap().is_empty());
	}
}
