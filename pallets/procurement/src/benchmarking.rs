//! Benchmarks of every call at its worst case. Set-up goes through the primitives' `bench_*`
//! helpers (offices, communities, residents, providers, surveys) and this pallet's own calls.
//!
//! Timeline of a benchmark project: registry set-up at block 1, project opened at block 2,
//! bidding `[3, 10)`, voting `[10, 20)`, revealing (secret mode) `[20, 30)`.

use super::*;
use crate::Pallet as Procurement;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{
	anon::{Alias, MAX_PROOF_LEN},
	benchmarking::OffchainSigner,
	BidIndex, CommunityId, CommunityRegistry, OfficeId, ProjectId, ResidentId, Scope, SurveyLookup,
	H256,
};
use sp_runtime::traits::{IdentifyAccount, Saturating};

const SEED: u32 = 0;
const BUDGET: gongzhi_primitives::Amount = 1_000_000;
const OPENED: u32 = 2;
const BIDDING: u32 = 3;
const VOTING: u32 = 10;
const REVEALING: u32 = 20;
const REVEAL_END: u32 = 30;

fn go_to<T: Config>(block: u32) {
	frame_system::Pallet::<T>::set_block_number(block.into());
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

fn full<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![byte; S::get() as usize])
}

fn rules<T: Config>(
	scope: Scope,
	secret: bool,
	quorum_percent: u8,
) -> ProjectRules<BlockNumberFor<T>> {
	ProjectRules {
		scope,
		bidding: Window { start: BIDDING.into(), end: VOTING.into() },
		voting: Window { start: VOTING.into(), end: REVEALING.into() },
		method: if secret {
			VotingMethod::Secret { reveal_end: REVEAL_END.into() }
		} else {
			VotingMethod::Open
		},
		quorum_percent,
	}
}

/// An office with its admin and one community, at block 1.
fn office<T: Config>() -> (T::AccountId, OfficeId, CommunityId) {
	go_to::<T>(1);
	let admin: T::AccountId = account("admin", 0, SEED);
	let office = T::Registry::bench_office(&admin);
	let community = T::Registry::bench_community(office);
	fund::<T>(&admin);
	(admin, office, community)
}

/// Gives `who` enough to pay many deposits.
fn fund<T: Config>(who: &T::AccountId) {
	use frame_support::traits::fungible::{Inspect, Mutate};
	let most = T::ProjectDeposit::get().max(T::BidDeposit::get());
	let plenty =
		T::Currency::minimum_balance().saturating_add(most.saturating_mul(1_000u32.into()));
	T::Currency::set_balance(who, plenty);
}

/// A resident of `community`, registered now.
fn resident<T: Config>(community: CommunityId, index: u32) -> (T::AccountId, ResidentId) {
	let who: T::AccountId = account("resident", index, SEED);
	let id = T::Registry::bench_resident(&who, community, None);
	(who, id)
}

/// Declares `resident` staff of as many providers as the registry allows
/// (`CommunityRegistry::max_employers`), none of which bids: the worst case of the conflict
/// check (回避) every ballot runs.
fn employ<T: Config>(resident: ResidentId) {
	for i in 0..T::Registry::max_employers() {
		let employer: T::AccountId = account("employer", i, SEED);
		T::Registry::bench_staff(&employer, resident);
	}
}

/// A resident of `community`, registered now, declared staff of the most providers (none
/// bidding): the worst case of a ballot.
fn employed_resident<T: Config>(community: CommunityId, index: u32) -> (T::AccountId, ResidentId) {
	let (who, id) = resident::<T>(community, index);
	employ::<T>(id);
	(who, id)
}

/// Opens a project (with texts of full length and a linked survey) at block 2.
fn new_project<T: Config>(
	admin: &T::AccountId,
	scope: Scope,
	secret: bool,
) -> Result<ProjectId, BenchmarkError> {
	go_to::<T>(OPENED);
	let survey = T::Surveys::bench_survey(scope);
	Procurement::<T>::create_project(
		RawOrigin::Signed(admin.clone()).into(),
		full::<T::MaxTitleLen>(b't'),
		full::<T::MaxDescriptionLen>(b'd'),
		H256::repeat_byte(1),
		BUDGET,
		Some(survey),
		rules::<T>(scope, secret, 50),
	)?;
	Ok(NextProjectId::<T>::get() - 1)
}

/// `count` bids from new providers approved in `office`, submitted at block 3.
fn add_bids<T: Config>(
	project: ProjectId,
	office: OfficeId,
	count: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	go_to::<T>(BIDDING);
	let mut providers = Vec::new();
	for i in 0..count {
		let provider: T::AccountId = account("provider", i, SEED);
		T::Registry::bench_provider(&provider, office);
		fund::<T>(&provider);
		Procurement::<T>::submit_bid(
			RawOrigin::Signed(provider.clone()).into(),
			project,
			BUDGET - u64::from(i),
			full::<T::MaxBidSummaryLen>(b's'),
			H256::repeat_byte(2),
		)?;
		providers.push(provider);
	}
	Ok(providers)
}

/// Casts `who`'s first ballot and `MaxVoteChanges - 1` changes, alternating between bid 0 and
/// `target` and ending on bid 0, so that a ballot for `target` is the last change allowed.
/// Returns the bid of the last ballot cast, if any.
fn exhaust_changes<T: Config>(
	who: &T::AccountId,
	project: ProjectId,
	target: BidIndex,
) -> Result<Option<BidIndex>, BenchmarkError> {
	if target == 0 {
		// A single bid: the worst case is a first ballot.
		return Ok(None);
	}
	let casts = T::MaxVoteChanges::get();
	for k in 0..casts {
		let bid = if (casts - 1 - k) % 2 == 0 { 0 } else { target };
		Procurement::<T>::vote(RawOrigin::Signed(who.clone()).into(), project, bid)?;
	}
	Ok((casts > 0).then_some(0))
}

/// A ballot's worst-case scene: a resident declared staff of the most providers, a project
/// (secret or open) holding `MaxBids` bids, voting open.
fn in_voting<T: Config>(
	secret: bool,
) -> Result<(T::AccountId, ResidentId, ProjectId), BenchmarkError> {
	let (admin, office, community) = office::<T>();
	let (who, resident) = employed_resident::<T>(community, 0);
	let project = new_project::<T>(&admin, Scope::Community(community), secret)?;
	add_bids::<T>(project, office, T::MaxBids::get())?;
	go_to::<T>(VOTING);
	Ok((who, resident, project))
}

/// An anonymous project with the most bids, in voting, and an alias whose `MaxVoteChanges`
/// earlier ballots are stored (the last one for bid 0). Returns the project, the last bid, the
/// next sequence number and the alias.
fn anonymous_in_voting<T: Config>() -> Result<(ProjectId, BidIndex, u32, Alias), BenchmarkError> {
	let (admin, office, community) = office::<T>();
	go_to::<T>(OPENED);
	let mut anonymous = rules::<T>(Scope::Community(community), false, 50);
	anonymous.method = VotingMethod::Anonymous;
	Procurement::<T>::create_project(
		RawOrigin::Signed(admin.clone()).into(),
		full::<T::MaxTitleLen>(b't'),
		full::<T::MaxDescriptionLen>(b'd'),
		H256::repeat_byte(1),
		BUDGET,
		None,
		anonymous,
	)?;
	let project = NextProjectId::<T>::get() - 1;
	add_bids::<T>(project, office, T::MaxBids::get())?;
	go_to::<T>(VOTING);
	let target = T::MaxBids::get() - 1;
	let alias = [7u8; 32];
	let changes = T::MaxVoteChanges::get();
	for seq in 0..changes {
		let bid = if (changes - 1 - seq) % 2 == 0 { 0 } else { target };
		Procurement::<T>::do_cast_anonymous_ballot(project, 0, bid, seq, alias)?;
	}
	Ok((project, target, changes, alias))
}

/// `reveal_vote`'s worst case: [`in_voting`] a secret project, a commitment to the last bid,
/// revealing open. Returns the resident's account and number, the project, the bid and salt.
fn in_revealing<T: Config>(
) -> Result<(T::AccountId, ResidentId, ProjectId, BidIndex, [u8; 32]), BenchmarkError> {
	let (who, resident, project) = in_voting::<T>(true)?;
	let bid = T::MaxBids::get() - 1;
	let salt = [7u8; 32];
	let commitment = ballot_commitment(project, bid, &salt, resident);
	Procurement::<T>::commit_vote(RawOrigin::Signed(who.clone()).into(), project, commitment)?;
	go_to::<T>(REVEALING);
	Ok((who, resident, project, bid, salt))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: the office's open index holds `MaxOpenProjectsPerOffice - 1` projects, a
	/// linked survey is checked, the texts are as long as allowed.
	#[benchmark]
	fn create_project() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let scope = Scope::Community(community);
		for _ in 1..T::MaxOpenProjectsPerOffice::get() {
			new_project::<T>(&admin, scope, false)?;
		}
		let survey = T::Surveys::bench_survey(scope);
		let id = NextProjectId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(admin),
			full::<T::MaxTitleLen>(b't'),
			full::<T::MaxDescriptionLen>(b'd'),
			H256::repeat_byte(1),
			BUDGET,
			Some(survey),
			rules::<T>(scope, true, 50),
		);

		assert_last_event::<T>(Event::ProjectCreated {
			project: id,
			office,
			scope,
			budget: BUDGET,
			eligible: T::Registry::residents_in(scope),
		});
		Ok(())
	}

	/// Worst case: the new scope is a community, whose office is looked up.
	#[benchmark]
	fn update_rules() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let project = new_project::<T>(&admin, Scope::Office(office), false)?;
		let scope = Scope::Community(community);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), project, rules::<T>(scope, true, 100));

		assert_last_event::<T>(Event::RulesUpdated {
			project,
			scope,
			eligible: T::Registry::residents_in(scope),
		});
		Ok(())
	}

	/// Worst case: the office's open index is full and the project is its last entry; the
	/// reason is as long as allowed.
	#[benchmark]
	fn cancel_project() -> Result<(), BenchmarkError> {
		let (admin, _, community) = office::<T>();
		let scope = Scope::Community(community);
		let mut project = 0;
		for _ in 0..T::MaxOpenProjectsPerOffice::get() {
			project = new_project::<T>(&admin, scope, false)?;
		}
		let reason = full::<T::MaxReasonLen>(b'r');

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), project, reason.clone());

		assert_last_event::<T>(Event::ProjectCancelled { project, reason });
		Ok(())
	}

	/// Worst case: the bid fills the project's last slot, with a summary as long as allowed.
	#[benchmark]
	fn submit_bid() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		let bids = T::MaxBids::get();
		add_bids::<T>(project, office, bids - 1)?;
		let provider: T::AccountId = account("provider", bids, SEED);
		T::Registry::bench_provider(&provider, office);
		fund::<T>(&provider);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider.clone()),
			project,
			BUDGET,
			full::<T::MaxBidSummaryLen>(b's'),
			H256::repeat_byte(2),
		);

		assert_last_event::<T>(Event::BidSubmitted {
			project,
			bid: bids - 1,
			provider,
			price: BUDGET,
		});
		Ok(())
	}

	/// Worst case: the project holds `MaxBids` bids.
	#[benchmark]
	fn withdraw_bid() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		let mut providers = add_bids::<T>(project, office, T::MaxBids::get())?;
		let provider = providers.pop().ok_or("MaxBids is at least 1")?;
		let bid = T::MaxBids::get() - 1;

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), project);

		assert_last_event::<T>(Event::BidWithdrawn { project, bid, provider });
		assert!(Withdrawals::<T>::contains_key(project, bid));
		Ok(())
	}

	/// Worst case: the project holds `MaxBids` bids; the reason is as long as allowed.
	#[benchmark]
	fn disqualify_bid() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		add_bids::<T>(project, office, T::MaxBids::get())?;
		let bid = T::MaxBids::get() - 1;
		let reason = full::<T::MaxReasonLen>(b'r');

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), project, bid, reason.clone());

		assert_last_event::<T>(Event::BidDisqualified { project, bid, reason: reason.clone() });
		assert_eq!(Disqualifications::<T>::get(project, bid).map(|d| d.reason), Some(reason));
		Ok(())
	}

	/// Worst case: a change of an existing ballot (two tallies move), the last change allowed,
	/// in a project holding `MaxBids` bids.
	#[benchmark]
	fn vote() -> Result<(), BenchmarkError> {
		let (who, resident, project) = in_voting::<T>(false)?;
		let target = T::MaxBids::get() - 1;
		let previous = exhaust_changes::<T>(&who, project, target)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), project, target);

		assert_last_event::<T>(Event::BallotCast {
			project,
			resident,
			bid: target,
			previous,
			relayer: None,
		});
		Ok(())
	}

	/// Worst case: as `vote`, plus the genesis hash read and two signature checks.
	#[benchmark]
	fn vote_relayed() -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let public = T::BenchmarkSigner::generate(0);
		let who = public.clone().into_account();
		let resident = T::Registry::bench_resident(&who, community, None);
		employ::<T>(resident);
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		add_bids::<T>(project, office, T::MaxBids::get())?;
		go_to::<T>(VOTING);
		let target = T::MaxBids::get() - 1;
		let previous = exhaust_changes::<T>(&who, project, target)?;
		let sequence = Ballots::<T>::get(project, resident).map_or(0, |b| b.next_sequence());
		// The last block of the voting window: the latest deadline a relayed ballot may have.
		let deadline: BlockNumberFor<T> = (REVEALING - 1).into();
		let choice = Choice::Bid(target);
		let message =
			Procurement::<T>::relayed_ballot_message(project, &choice, sequence, deadline);
		// Signed the way the Polkadot.js extension signs (`<Bytes>`-wrapped): the worst case,
		// in which the bare message is checked first and fails.
		let wrapped =
			[gongzhi_primitives::WRAP_PREFIX, &message, gongzhi_primitives::WRAP_POSTFIX].concat();
		let signature = T::BenchmarkSigner::sign(&public, &wrapped);
		let relayer: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(relayer.clone()), project, who, choice, sequence, deadline, signature);

		assert_last_event::<T>(Event::BallotCast {
			project,
			resident,
			bid: target,
			previous,
			relayer: Some(relayer),
		});
		Ok(())
	}

	/// Worst case: a first commitment, which writes the ballot and the project record.
	#[benchmark]
	fn commit_vote() -> Result<(), BenchmarkError> {
		let (who, resident, project) = in_voting::<T>(true)?;
		let commitment = ballot_commitment(project, 0, &[7; 32], resident);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), project, commitment);

		assert_last_event::<T>(Event::BallotCommitted {
			project,
			resident,
			commitment,
			relayer: None,
		});
		Ok(())
	}

	/// Worst case: a valid reveal in a project holding `MaxBids` bids.
	#[benchmark]
	fn reveal_vote() -> Result<(), BenchmarkError> {
		let (who, resident, project, bid, salt) = in_revealing::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), project, bid, salt);

		assert_last_event::<T>(Event::BallotRevealed { project, resident, bid });
		Ok(())
	}

	/// The check that decides whether `vote` is free (its `feeless_if`), run alone, for
	/// `vote`'s worst case: the transaction extension runs it before the call, and the runtime
	/// charges it.
	#[benchmark]
	fn feeless_vote() -> Result<(), BenchmarkError> {
		let (who, _, project) = in_voting::<T>(false)?;
		let target = T::MaxBids::get() - 1;
		exhaust_changes::<T>(&who, project, target)?;
		let free;

		#[block]
		{
			free = Procurement::<T>::ensure_vote(&who, project, target).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// The check that decides whether `commit_vote` is free, run alone.
	#[benchmark]
	fn feeless_commit_vote() -> Result<(), BenchmarkError> {
		let (who, resident, project) = in_voting::<T>(true)?;
		let commitment = ballot_commitment(project, 0, &[7; 32], resident);
		let free;

		#[block]
		{
			free = Procurement::<T>::ensure_commit(&who, project, commitment).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// The check that decides whether `reveal_vote` is free, run alone (it hashes the ballot).
	#[benchmark]
	fn feeless_reveal_vote() -> Result<(), BenchmarkError> {
		let (who, _, project, bid, salt) = in_revealing::<T>()?;
		let free;

		#[block]
		{
			free = Procurement::<T>::ensure_reveal(&who, project, bid, &salt).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// `b` bids; a winner is awarded (which reads the winning bid's record).
	#[benchmark]
	fn close(b: Linear<1, { T::MaxBids::get() }>) -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let (who, _) = resident::<T>(community, 0);
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		let providers = add_bids::<T>(project, office, b)?;
		go_to::<T>(VOTING);
		let bid = b - 1;
		Procurement::<T>::vote(RawOrigin::Signed(who).into(), project, bid)?;
		go_to::<T>(REVEALING);
		let provider = providers.last().cloned().ok_or("b is at least 1")?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), project);

		assert_last_event::<T>(Event::ProjectAwarded {
			project,
			bid,
			provider,
			price: BUDGET - u64::from(bid),
			votes: 1,
			counted: 1,
		});
		Ok(())
	}

	/// `n` ballot records removed.
	#[benchmark]
	fn reap_ballots(n: Linear<1, { T::MaxReapBatch::get() }>) -> Result<(), BenchmarkError> {
		let (admin, office, community) = office::<T>();
		let voters: Vec<T::AccountId> = (0..n).map(|i| resident::<T>(community, i).0).collect();
		let project = new_project::<T>(&admin, Scope::Community(community), false)?;
		add_bids::<T>(project, office, 1)?;
		go_to::<T>(VOTING);
		for who in voters {
			Procurement::<T>::vote(RawOrigin::Signed(who).into(), project, 0)?;
		}
		go_to::<T>(REVEALING);
		let caller: T::AccountId = whitelisted_caller();
		Procurement::<T>::close(RawOrigin::Signed(caller.clone()).into(), project)
			.map_err(|e| e.error)?;
		let reap_at =
			BlockNumberFor::<T>::from(REVEALING).saturating_add(T::RetentionPeriod::get());
		frame_system::Pallet::<T>::set_block_number(reap_at);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), project, n);

		assert_last_event::<T>(Event::BallotsReaped { project, removed: n, remaining: 0 });
		Ok(())
	}

	/// Worst case: the last change an alias may make (its earlier ballots stored), to the last
	/// bid, in a project with the most bids. The proof was verified when the transaction was
	/// authorized: the call ignores it.
	#[benchmark]
	fn cast_anonymous_ballot() -> Result<(), BenchmarkError> {
		let (project, target, seq, alias) = anonymous_in_voting::<T>()?;
		let proof = BoundedVec::truncate_from(vec![0u8; MAX_PROOF_LEN as usize]);

		#[extrinsic_call]
		_(RawOrigin::Authorized, project, 0, target, seq, alias, proof);

		assert_last_event::<T>(Event::AnonymousBallotCast {
			project,
			ring: 0,
			alias,
			bid: target,
			previous: Some(0),
		});
		Ok(())
	}

	/// The checks `authorize_anonymous_ballot` makes before the proof: the proof's verification
	/// is pallet-rings' `verify` benchmark, which the call's authorize weight adds.
	#[benchmark]
	fn authorize_anonymous_ballot() -> Result<(), BenchmarkError> {
		let (project, target, seq, alias) = anonymous_in_voting::<T>()?;
		#[block]
		{
			Procurement::<T>::ensure_anonymous_ballot(project, target, seq, &alias)?;
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Procurement, crate::mock::new_test_ext(), crate::mock::Test);
}
