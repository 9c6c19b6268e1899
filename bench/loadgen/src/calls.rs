//! The calls the benchmarks make, SCALE-encoded by hand: `[pallet index, call index, args…]`.
//! Pallet indices are from `runtime/src/lib.rs` (`#[runtime::pallet_index]`), call indices from
//! each pallet's `#[pallet::call_index]`; both are part of the chain's transaction format and
//! never change meaning. node/src/benchmarking.rs decodes the same bytes into `RuntimeCall`.

use codec::{Compact, Encode};

/// `Balances` (pallet-balances).
pub const BALANCES: u8 = 4;
/// `NeedsSurvey` (pallet-needs-survey).
pub const NEEDS_SURVEY: u8 = 21;
/// `Procurement` (pallet-procurement).
pub const PROCUREMENT: u8 = 22;

/// `System::remark(remark: Vec<u8>)` (pallet 0, call 0), empty: the cheapest signed extrinsic.
pub fn remark() -> Vec<u8> {
	vec![0, 0, 0]
}

/// `Scope::Office(id)` (gongzhi-primitives: `Community` = 0, `Office` = 1).
pub fn scope_office(office: u32) -> Vec<u8> {
	let mut v = vec![1u8];
	v.extend_from_slice(&office.to_le_bytes());
	v
}

fn bytes(b: &[u8]) -> Vec<u8> {
	b.to_vec().encode()
}

/// `Balances::transfer_keep_alive(dest: MultiAddress::Id(dest), value: Compact<u128>)`
/// (call index 3).
pub fn transfer_keep_alive(dest: &[u8; 32], value: u128) -> Vec<u8> {
	let mut v = vec![BALANCES, 3, 0x00];
	v.extend_from_slice(dest);
	Compact(value).encode_to(&mut v);
	v
}

/// The windows of an open ballot: `ProjectRules { scope, bidding, voting, method: Open,
/// quorum_percent }`.
#[derive(Clone, Copy, Debug)]
pub struct Rules {
	/// `Scope::Office(office)`.
	pub office: u32,
	/// First block of bidding.
	pub bidding_start: u32,
	/// First block after bidding.
	pub bidding_end: u32,
	/// First block of voting.
	pub voting_start: u32,
	/// First block after voting.
	pub voting_end: u32,
	/// Quorum in percent.
	pub quorum_percent: u8,
}

impl Rules {
	/// The 16 bytes of the two windows as they sit in the stored `Project` record.
	pub fn windows_bytes(&self) -> Vec<u8> {
		(self.bidding_start, self.bidding_end, self.voting_start, self.voting_end).encode()
	}
}

/// `Procurement::create_project(title, description, document, budget, survey: None, rules)`
/// (call index 0).
pub fn create_project(title: &str, description: &str, budget: u64, rules: &Rules) -> Vec<u8> {
	let mut v = vec![PROCUREMENT, 0];
	v.extend(bytes(title.as_bytes()));
	v.extend(bytes(description.as_bytes()));
	v.extend_from_slice(&sp_crypto_hashing::blake2_256(description.as_bytes()));
	v.extend_from_slice(&budget.to_le_bytes());
	v.push(0); // survey: None
	v.extend(scope_office(rules.office));
	v.extend(rules.windows_bytes());
	v.push(0); // VotingMethod::Open
	v.push(rules.quorum_percent);
	v
}

/// `Procurement::submit_bid(project, price, summary, proposal)` (call index 3).
pub fn submit_bid(project: u32, price: u64, summary: &str) -> Vec<u8> {
	let mut v = vec![PROCUREMENT, 3];
	v.extend_from_slice(&project.to_le_bytes());
	v.extend_from_slice(&price.to_le_bytes());
	v.extend(bytes(summary.as_bytes()));
	v.extend_from_slice(&sp_crypto_hashing::blake2_256(summary.as_bytes()));
	v
}

/// `Procurement::vote(project, bid)` (call index 6).
pub fn vote(project: u32, bid: u32) -> Vec<u8> {
	let mut v = vec![PROCUREMENT, 6];
	v.extend_from_slice(&project.to_le_bytes());
	v.extend_from_slice(&bid.to_le_bytes());
	v
}

/// `Procurement::close(project)` (call index 10).
pub fn close(project: u32) -> Vec<u8> {
	let mut v = vec![PROCUREMENT, 10];
	v.extend_from_slice(&project.to_le_bytes());
	v
}

/// `Procurement::reap_ballots(project, limit)` (call index 11).
pub fn reap_ballots(project: u32, limit: u32) -> Vec<u8> {
	let mut v = vec![PROCUREMENT, 11];
	v.extend_from_slice(&project.to_le_bytes());
	v.extend_from_slice(&limit.to_le_bytes());
	v
}

/// `NeedsSurvey::create_survey(scope, title, questions, opens_at, closes_at)` (call index 0) with
/// the three questions of the benchmark survey:
/// 1. single choice of 4 options, 2. multiple choice of 4 options (at most 2), 3. a 1–5 rating.
///
/// `QuestionKind`: `SingleChoice { options }` = 0, `MultipleChoice { options, max_choices }` = 1,
/// `Rating` = 2; `Question { prompt, kind }`.
pub fn create_bench_survey(office: u32, title: &str, opens_at: u32, closes_at: u32) -> Vec<u8> {
	let options: Vec<Vec<u8>> =
		["助餐", "助浴", "助医", "陪伴"].iter().map(|s| s.as_bytes().to_vec()).collect();
	let mut questions = Compact(3u32).encode();
	// 1. single choice
	questions.extend(bytes("最需要哪项服务？".as_bytes()));
	questions.push(0);
	questions.extend(options.encode());
	// 2. multiple choice, at most 2
	questions.extend(bytes("还需要哪些？（最多两项）".as_bytes()));
	questions.push(1);
	questions.extend(options.encode());
	questions.push(2);
	// 3. rating
	questions.extend(bytes("对现有服务的满意度".as_bytes()));
	questions.push(2);

	let mut v = vec![NEEDS_SURVEY, 0];
	v.extend(scope_office(office));
	v.extend(bytes(title.as_bytes()));
	v.extend(questions);
	v.extend_from_slice(&opens_at.to_le_bytes());
	v.extend_from_slice(&closes_at.to_le_bytes());
	v
}

/// `NeedsSurvey::respond(survey, answers)` (call index 1) to the benchmark survey, varied by `i`
/// exactly as node/src/benchmarking.rs's `RespondBuilder` does: `[Choice(i % 4),
/// Choices([i % 4, (i + 1) % 4]), Rating(1 + i % 5)]`. `Answer`: `Choice(u8)` = 0,
/// `Choices(BoundedVec<u8>)` = 1, `Rating(u8)` = 2. Only the test below uses it: it pins the
/// bytes `RespondBuilder` produces; `district` sends it.
pub fn respond_bench_survey(survey: u32, i: u32) -> Vec<u8> {
	let a = (i % 4) as u8;
	let mut v = vec![NEEDS_SURVEY, 1];
	v.extend_from_slice(&survey.to_le_bytes());
	v.extend(Compact(3u32).encode());
	v.extend([0, a]);
	v.extend([1]);
	v.extend(vec![a, (a + 1) % 4].encode());
	v.extend([2, 1 + (i % 5) as u8]);
	v
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn vote_is_ten_bytes() {
		assert_eq!(vote(1, 2), vec![22, 6, 1, 0, 0, 0, 2, 0, 0, 0]);
	}

	#[test]
	fn bench_response_bytes() {
		// survey 0, resident 5: [Choice(1), Choices([1, 2]), Rating(1)].
		assert_eq!(respond_bench_survey(0, 5), vec![21, 1, 0, 0, 0, 0, 12, 0, 1, 1, 8, 1, 2, 2, 1]);
	}

	#[test]
	fn windows_sit_in_order() {
		let r = Rules {
			office: 0,
			bidding_start: 1,
			bidding_end: 2,
			voting_start: 3,
			voting_end: 4,
			quorum_percent: 0,
		};
		assert_eq!(r.windows_bytes(), vec![1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
	}
}
