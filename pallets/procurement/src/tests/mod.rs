//! Unit tests, by theme. Every test runs in `new_test_ext().execute_with(..)`, which checks
//! `do_try_state` after the test body.
//!
//! The scene: office 1 (admin `admin()`) with communities 1 and 2; office 2 (admin
//! `other_admin()`) with community 3. Residents registered at block 1: `alice`, `bob`, `carol`
//! and `signer` (who has a key for relayed ballots) in community 1, `dave` in community 2,
//! `erin` in community 3. Providers `p1`, `p2`, `p3`, `p4`, `p5` are approved in office 1,
//! `p_other` only in office 2. A standard project is opened at block 2 for community 1, with
//! bidding `[3, 10)`, voting `[10, 20)`, (secret) revealing `[20, 30)` and a 50% quorum.

mod anonymous;
mod ballots;
mod bids;
mod close;
mod projects;
mod reap;
mod relayed;
mod secret;
mod trust;
mod views;

use crate::{mock::*, *};
use frame_support::{assert_ok, traits::Get, BoundedVec};
use gongzhi_primitives::{
	Amount, BidIndex, CommunityId, CommunityRegistry, OfficeId, ProjectId, ResidentId, Scope, H256,
};

pub const OPENED: u32 = 2;
pub const BIDDING_START: u32 = 3;
pub const VOTING_START: u32 = 10;
pub const VOTING_END: u32 = 20;
pub const REVEAL_END: u32 = 30;
pub const BUDGET: Amount = 1_000;

pub fn admin() -> AccountId {
	acc(1)
}
pub fn other_admin() -> AccountId {
	acc(2)
}
pub fn p1() -> AccountId {
	acc(11)
}
pub fn p2() -> AccountId {
	acc(12)
}
pub fn p3() -> AccountId {
	acc(13)
}
pub fn p4() -> AccountId {
	acc(14)
}
pub fn p5() -> AccountId {
	acc(15)
}
pub fn p_other() -> AccountId {
	acc(19)
}
pub fn alice() -> AccountId {
	acc(21)
}
pub fn bob() -> AccountId {
	acc(22)
}
pub fn carol() -> AccountId {
	acc(23)
}
pub fn dave() -> AccountId {
	acc(24)
}
pub fn erin() -> AccountId {
	acc(25)
}
pub fn stranger() -> AccountId {
	acc(99)
}
pub fn signer_key() -> sp_core::sr25519::Pair {
	key(31)
}
pub fn signer() -> AccountId {
	key_account(&signer_key())
}

/// The ids of the scene.
pub struct Scene {
	pub office: OfficeId,
	pub c1: CommunityId,
	pub c2: CommunityId,
	pub c3: CommunityId,
}

/// Sets up the scene at block 1.
pub fn scene() -> Scene {
	run_to(1);
	let office = MockRegistry::add_office(&admin());
	let c1 = MockRegistry::add_community(office);
	let c2 = MockRegistry::add_community(office);
	let other_office = MockRegistry::add_office(&other_admin());
	let c3 = MockRegistry::add_community(other_office);
	for who in [alice(), bob(), carol(), signer()] {
		MockRegistry::add_resident(&who, c1);
	}
	MockRegistry::add_resident(&dave(), c2);
	MockRegistry::add_resident(&erin(), c3);
	for p in [p1(), p2(), p3(), p4(), p5()] {
		MockRegistry::add_provider(&p, office);
	}
	MockRegistry::add_provider(&p_other(), other_office);
	Scene { office, c1, c2, c3 }
}

/// `who`'s resident id.
pub fn rid(who: &AccountId) -> ResidentId {
	MockRegistry::resident(who).expect("a resident").id
}

/// A bounded text.
pub fn text<S: Get<u32>>(s: &str) -> BoundedVec<u8, S> {
	BoundedVec::try_from(s.as_bytes().to_vec()).expect("short enough")
}

/// The standard open-ballot rules for `scope`.
pub fn open_rules(scope: Scope) -> ProjectRules<BlockNumber> {
	ProjectRules {
		scope,
		bidding: Window { start: BIDDING_START, end: VOTING_START },
		voting: Window { start: VOTING_START, end: VOTING_END },
		method: VotingMethod::Open,
		quorum_percent: 50,
	}
}

/// The standard secret-ballot rules for `scope`.
pub fn secret_rules(scope: Scope) -> ProjectRules<BlockNumber> {
	ProjectRules { method: VotingMethod::Secret { reveal_end: REVEAL_END }, ..open_rules(scope) }
}

/// Opens a project with `rules` at the current block, as the admin of office 1.
pub fn create(rules: ProjectRules<BlockNumber>) -> ProjectId {
	let id = NextProjectId::<Test>::get();
	assert_ok!(try_create(rules));
	id
}

/// The admin of office 1 asks to open the standard project with `rules` at the current block.
pub fn try_create(
	rules: ProjectRules<BlockNumber>,
) -> frame_support::pallet_prelude::DispatchResult {
	Procurement::create_project(
		RuntimeOrigin::signed(admin()),
		text("Elderly meals"),
		text("Lunch delivered to residents over 70"),
		H256::repeat_byte(0xd0),
		BUDGET,
		None,
		rules,
	)
}

/// Sets up the scene and opens a project with `rules` at block 2.
pub fn project_with(rules: impl FnOnce(&Scene) -> ProjectRules<BlockNumber>) -> (Scene, ProjectId) {
	let scene = scene();
	run_to(OPENED);
	let id = create(rules(&scene));
	(scene, id)
}

/// Sets up the scene and opens the standard open project for community 1 at block 2.
pub fn open_project() -> (Scene, ProjectId) {
	project_with(|s| open_rules(Scope::Community(s.c1)))
}

/// `who` bids `price` in `project` (at the current block).
pub fn bid(who: &AccountId, project: ProjectId, price: Amount) {
	assert_ok!(Procurement::submit_bid(
		RuntimeOrigin::signed(who.clone()),
		project,
		price,
		text("We cook"),
		H256::repeat_byte(0xb0),
	));
}

/// The standard project of `rules` with bids 0 (p1, 900), 1 (p2, 800), 2 (p3, 700) submitted
/// at block 3, then at the first voting block.
pub fn voting_with(rules: impl FnOnce(&Scene) -> ProjectRules<BlockNumber>) -> (Scene, ProjectId) {
	let (scene, id) = project_with(rules);
	run_to(BIDDING_START);
	bid(&p1(), id, 900);
	bid(&p2(), id, 800);
	bid(&p3(), id, 700);
	run_to(VOTING_START);
	(scene, id)
}

/// The standard open project with three bids, at the first voting block.
pub fn voting() -> (Scene, ProjectId) {
	voting_with(|s| open_rules(Scope::Community(s.c1)))
}

/// The standard secret project with three bids, at the first voting block.
pub fn secret_voting() -> (Scene, ProjectId) {
	voting_with(|s| secret_rules(Scope::Community(s.c1)))
}

/// `who` votes for `bid`.
pub fn vote(who: &AccountId, project: ProjectId, bid: BidIndex) {
	assert_ok!(Procurement::vote(RuntimeOrigin::signed(who.clone()), project, bid));
}

/// The votes of each bid, as stored.
pub fn tallies(project: ProjectId) -> Vec<u32> {
	Projects::<Test>::get(project).expect("a project").bids.iter().map(|s| s.votes).collect()
}

/// The stored project.
pub fn stored(project: ProjectId) -> ProjectOf<Test> {
	Projects::<Test>::get(project).expect("a project")
}

/// The salt residents use in tests.
pub const SALT: [u8; 32] = [42; 32];

/// `who` commits to `bid` with [`SALT`].
pub fn commit(who: &AccountId, project: ProjectId, bid: BidIndex) {
	let commitment = ballot_commitment(project, bid, &SALT, rid(who));
	assert_ok!(Procurement::commit_vote(RuntimeOrigin::signed(who.clone()), project, commitment));
}

/// The last event this pallet deposited.
pub fn last_event() -> Event<Test> {
	events().pop().expect("an event")
}
