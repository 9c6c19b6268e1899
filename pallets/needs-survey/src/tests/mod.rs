//! Unit tests of pallet-needs-survey, by theme. Each test sets the scene with [`scene`], acts
//! once and checks the outcome, the event and (with `assert_noop!`) the unchanged rest; the
//! pallet's invariants (`try_state`) are checked after every test by `build_and_execute`.

use crate::{mock::*, *};
use frame_support::{traits::Get, BoundedVec};
use gongzhi_primitives::{
	CommunityId, CommunityRegistry, OfficeId, ResidentId, ResidentInfo, Scope, SurveyId,
};

mod anonymous;
mod close_cancel;
mod create;
mod reap;
mod respond;
mod trust;
mod try_state;
mod views;

/// Admin of the main street office.
pub const ADMIN: AccountId = 1;
/// Officer of community A.
pub const OFFICER: AccountId = 2;
/// Officer of community B (same office as A).
pub const OFFICER_B: AccountId = 3;
/// Admin of another street office.
pub const OTHER_ADMIN: AccountId = 4;
/// Residents of community A.
pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
/// Resident of community B (same office as A).
pub const CAROL: AccountId = 12;
/// Resident of community C, in the other office.
pub const DAVE: AccountId = 13;
/// An account that is nobody in the registry.
pub const ANYONE: AccountId = 99;

/// The standard survey's window.
pub const OPENS: BlockNumber = 2;
pub const CLOSES: BlockNumber = 12;

/// Ids of the scene's offices and communities.
pub struct Scene {
	pub office: OfficeId,
	pub other_office: OfficeId,
	pub a: CommunityId,
	pub b: CommunityId,
	pub c: CommunityId,
}

/// At block 1: an office with communities A (officer OFFICER; ALICE, BOB) and B (officer
/// OFFICER_B; CAROL), another office with community C (DAVE).
pub fn scene() -> Scene {
	let office = MockRegistry::add_office(&ADMIN);
	let other_office = MockRegistry::add_office(&OTHER_ADMIN);
	let a = MockRegistry::add_community(office);
	let b = MockRegistry::add_community(office);
	let c = MockRegistry::add_community(other_office);
	MockRegistry::add_officer(&OFFICER, a);
	MockRegistry::add_officer(&OFFICER_B, b);
	MockRegistry::add_resident(&ALICE, a);
	MockRegistry::add_resident(&BOB, a);
	MockRegistry::add_resident(&CAROL, b);
	MockRegistry::add_resident(&DAVE, c);
	Scene { office, other_office, a, b, c }
}

/// A bounded byte string.
pub fn bv<S: Get<u32>>(bytes: &[u8]) -> BoundedVec<u8, S> {
	bytes.to_vec().try_into().expect("within bound")
}

pub fn options(n: usize) -> OptionsOf<Test> {
	(0..n).map(|i| bv(format!("option {i}").as_bytes())).collect::<Vec<_>>().try_into().unwrap()
}

pub fn single(n: usize) -> Question<Test> {
	Question { prompt: bv(b"Which one?"), kind: QuestionKind::SingleChoice { options: options(n) } }
}

pub fn multiple(n: usize, max_choices: u8) -> Question<Test> {
	Question {
		prompt: bv(b"Which ones?"),
		kind: QuestionKind::MultipleChoice { options: options(n), max_choices },
	}
}

pub fn rating() -> Question<Test> {
	Question { prompt: bv(b"How much?"), kind: QuestionKind::Rating }
}

pub fn questions(list: Vec<Question<Test>>) -> QuestionsOf<Test> {
	list.try_into().expect("within MaxQuestions")
}

/// Single choice of 3, multiple choice of at most 2 of 4, a rating.
pub fn standard_questions() -> QuestionsOf<Test> {
	questions(vec![single(3), multiple(4, 2), rating()])
}

pub fn choices(indices: &[u8]) -> Answer<Test> {
	Answer::Choices(indices.to_vec().try_into().expect("within MaxOptions"))
}

pub fn answers(list: Vec<Answer<Test>>) -> AnswersOf<Test> {
	list.try_into().expect("within MaxQuestions")
}

/// Answers to the standard questions.
pub fn standard_answers(choice: u8, picks: &[u8], stars: u8) -> AnswersOf<Test> {
	answers(vec![Answer::Choice(choice), choices(picks), Answer::Rating(stars)])
}

pub fn title() -> TitleOf<Test> {
	bv(b"What do you need?")
}

/// Creates the standard survey in `scope` as ADMIN, open from OPENS to CLOSES.
pub fn create_standard(scope: Scope) -> SurveyId {
	create_as(ADMIN, scope)
}

/// Creates the standard survey in `scope` as `who`.
pub fn create_as(who: AccountId, scope: Scope) -> SurveyId {
	let id = NextSurveyId::<Test>::get();
	frame_support::assert_ok!(NeedsSurvey::create_survey(
		RuntimeOrigin::signed(who),
		scope,
		title(),
		standard_questions(),
		OPENS,
		CLOSES,
	));
	id
}

pub fn respond(who: AccountId, survey: SurveyId, answers: AnswersOf<Test>) {
	frame_support::assert_ok!(NeedsSurvey::respond(RuntimeOrigin::signed(who), survey, answers));
}

pub fn info(survey: SurveyId) -> SurveyInfo<Test> {
	Surveys::<Test>::get(survey).expect("the survey exists")
}

/// `who`'s resident record.
pub fn resident(who: AccountId) -> ResidentInfo<BlockNumber> {
	MockRegistry::resident(&who).expect("a resident")
}

pub fn resident_id(who: AccountId) -> ResidentId {
	resident(who).id
}

/// The tallies of the standard survey, as (single counts, multiple counts, rating histogram).
pub fn standard_tallies(survey: SurveyId) -> (Vec<u32>, Vec<u32>, [u32; 5]) {
	let tallies = info(survey).tallies;
	let QuestionTally::SingleChoice { counts: s } = &tallies[0] else { panic!("single") };
	let QuestionTally::MultipleChoice { counts: m, .. } = &tallies[1] else { panic!("multiple") };
	let QuestionTally::Rating { histogram } = &tallies[2] else { panic!("rating") };
	(s.to_vec(), m.to_vec(), *histogram)
}
