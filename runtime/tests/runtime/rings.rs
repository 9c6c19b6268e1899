//! The rings of anonymous items in the real runtime: pallet-rings walks pallet-community's key
//! holders (no mock between them), builds in the block's spare weight, and a resident's proof made
//! by `verifiable`'s prover verifies against the root the runtime fixed.

use frame_support::{
	assert_ok,
	traits::{Get, Hooks},
};
use gongzhi_primitives::{
	anon::{Alias, AnonymousRings, ItemRef, RingDomain},
	MemberKey, Scope,
};
use gongzhi_runtime::{Community, Rings, Runtime};
use sp_keyring::Sr25519Keyring::{self, *};
use verifiable::{
	ring::{bandersnatch::BandersnatchVrfVerifiable as V, RingDomainSize},
	GenerateVerifiable,
};

use crate::common::*;

type Secret = <V as GenerateVerifiable>::Secret;

/// Resident `who` sets the member key of entropy `[n; 32]`, with its proof of possession.
fn set_key(who: Sr25519Keyring, n: u8) -> (Secret, MemberKey) {
	let secret = V::new_secret([n; 32]);
	let key = V::member_from_secret(&secret);
	let proof = V::sign(&secret, &Community::member_key_message(&acc(who))).unwrap();
	assert_ok!(Community::set_member_key(signed(who), key, proof));
	(secret, key)
}

#[test]
fn rings_are_built_from_the_registrys_key_holders_and_a_member_can_prove() {
	dev().execute_with(|| {
		// Sunflower (community 0): Alice//stash, Bob//stash, Charlie//stash; Riverside: Dave//stash.
		let (alice_secret, alice) = set_key(AliceStash, 1);
		let (_, bob) = set_key(BobStash, 2);
		let (_, charlie) = set_key(CharlieStash, 3);
		let (_, dave) = set_key(DaveStash, 4);
		run_to(now() + 1);
		let sunflower = ItemRef::survey(900);
		let district = ItemRef::procurement(900);
		assert_ok!(<Rings as AnonymousRings<_>>::open(sunflower, Scope::Community(0), now()));
		assert_ok!(<Rings as AnonymousRings<_>>::open(district, Scope::Office(0), now()));
		assert_eq!(Rings::rings_ready(sunflower), None);

		// One block's spare weight builds both (4 keys at most).
		let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let used = Rings::on_idle(now(), block);
		assert!(used.all_lte(block));
		assert_eq!(Rings::rings_ready(sunflower), Some(1));
		assert_eq!(Rings::rings_ready(district), Some(1));
		let mut members = Rings::ring_members(sunflower, 0).unwrap();
		members.sort();
		let mut expected = vec![alice, bob, charlie];
		expected.sort();
		assert_eq!(members, expected);
		assert_eq!(Rings::ring_members(district, 0).unwrap().len(), 4);
		assert!(Rings::ring_members(district, 0).unwrap().contains(&dave));

		// Alice proves membership of Sunflower's ring for the item's context.
		let (domain, root) = Rings::ring_root(sunflower, 0).unwrap();
		assert_eq!(domain, RingDomain::Domain11);
		let ring = Rings::ring_members(sunflower, 0).unwrap();
		let context = sunflower.context(&[0u8; 32]);
		let opened = V::open(RingDomainSize::Domain11, &alice, ring.into_iter()).unwrap();
		let (proof, alias) = V::create(opened, &alice_secret, &context, b"answers").unwrap();
		let root = <V as GenerateVerifiable>::Members::decode(&mut &root[..]).unwrap();
		assert_eq!(
			V::validate(RingDomainSize::Domain11, &proof, &root, &context, b"answers"),
			Ok(alias)
		);
	});
}

use codec::Decode;
use gongzhi_runtime::{Executive, System, UncheckedExtrinsic};
use sp_runtime::transaction_validity::{
	InvalidTransaction, TransactionSource, TransactionValidityError,
};

/// Whether the pool would take `xt` at the current block (`Executive::validate_transaction`).
fn validate(xt: UncheckedExtrinsic) -> Result<(), TransactionValidityError> {
	Executive::validate_transaction(TransactionSource::External, xt, System::parent_hash())
		.map(|_| ())
}

/// Member `who`'s proof, with ring 0 of `item` as the runtime stores it and the item's context
/// on this chain, for the anonymous action whose message is `message`; and its alias.
fn prove(item: ItemRef, who: &(Secret, MemberKey), message: &[u8]) -> (Vec<u8>, Alias) {
	prove_in(item, Rings::ring_members(item, 0).unwrap(), who, message)
}

/// The same over the ring `ring` of the prover's choosing (a forged one: the stored ring and the
/// prover's own key).
fn prove_in(
	item: ItemRef,
	ring: Vec<MemberKey>,
	who: &(Secret, MemberKey),
	message: &[u8],
) -> (Vec<u8>, Alias) {
	let opened = V::open(RingDomainSize::Domain11, &who.1, ring.into_iter()).unwrap();
	let context = item.context(&Rings::genesis_hash());
	let (proof, alias) = V::create(opened, &who.0, &context, message).unwrap();
	(proof.into_inner(), alias)
}

/// The pallet error `E` named `name`, as the pool reports it: `InvalidTransaction::Custom` with
/// the error's index.
fn custom<E: Decode>(name: &str) -> TransactionValidityError
where
	&'static str: From<E>,
{
	let index = (0u8..=u8::MAX)
		.find(|i| E::decode(&mut &[*i][..]).is_ok_and(|e| <&str>::from(e) == name))
		.expect("a pallet error named so");
	InvalidTransaction::Custom(index).into()
}

mod anonymous_ballot {
	use super::*;
	use gongzhi_primitives::anon::{message, Alias, MAX_PROOF_LEN};
	use gongzhi_runtime::{Procurement, RuntimeCall};
	use pallet_procurement::{ProjectRules, VotingMethod, Window};

	/// An anonymous project of Sunflower (community 0) opened at block 2 by Bob (the office's
	/// admin), bids by Eve and Ferdie at block 3, its ring built, voting from block 5; Alice's
	/// and Bob's residents hold keys. Returns the project and their secrets and keys.
	fn anonymous_project() -> (u32, Vec<(Secret, MemberKey)>) {
		let members = vec![set_key(AliceStash, 1), set_key(BobStash, 2), set_key(CharlieStash, 3)];
		run_to(2);
		let rules = ProjectRules {
			scope: Scope::Community(0),
			bidding: Window { start: 3, end: 5 },
			voting: Window { start: 5, end: 50 },
			method: VotingMethod::Anonymous,
			quorum_percent: 0,
		};
		let project = pallet_procurement::NextProjectId::<Runtime>::get();
		assert_ok!(Procurement::create_project(
			signed(Bob),
			bounded("匿名投票"),
			bounded("Anonymous ballot"),
			Default::default(),
			1_000,
			None,
			rules,
		));
		Rings::on_idle(now(), <Runtime as frame_system::Config>::BlockWeights::get().max_block);
		assert_eq!(Rings::rings_ready(ItemRef::procurement(project)), Some(1));
		run_to(3);
		for provider in [Eve, Ferdie] {
			assert_ok!(Procurement::submit_bid(
				signed(provider),
				project,
				900,
				bounded("bid"),
				Default::default()
			));
		}
		run_to(5);
		(project, members)
	}

	/// Member `who`'s anonymous ballot for `bid` with sequence `seq`, as a general transaction
	/// with no signer.
	fn ballot(
		project: u32,
		who: &(Secret, MemberKey),
		bid: u32,
		seq: u32,
	) -> (UncheckedExtrinsic, Alias) {
		let (proof, alias) =
			prove(ItemRef::procurement(project), who, &message(project, 0, &bid, seq));
		assert!(proof.len() as u32 <= MAX_PROOF_LEN);
		let call = RuntimeCall::Procurement(pallet_procurement::Call::cast_anonymous_ballot {
			project,
			ring: 0,
			bid,
			seq,
			alias,
			proof: proof.try_into().unwrap(),
		});
		(UncheckedExtrinsic::new_transaction(call, tx_extension(0, 0)), alias)
	}

	/// procurement's error `name` as the pool reports it.
	fn custom(name: &str) -> TransactionValidityError {
		super::custom::<pallet_procurement::Error<Runtime>>(name)
	}

	#[test]
	fn an_anonymous_ballot_with_no_signer_is_valid_free_and_counted_and_a_replay_is_refused() {
		dev().execute_with(|| {
			let (project, members) = anonymous_project();
			start_block();
			let (first, alias) = ballot(project, &members[0], 0, 0);
			assert_eq!(validate(first.clone()), Ok(()));
			assert_ok!(Executive::apply_extrinsic(first.clone()).expect("included"));
			assert_eq!(
				pallet_procurement::AnonymousBallots::<Runtime>::get(project, alias).map(|b| b.bid),
				Some(0)
			);
			// The same resident changes to Ferdie's bid: same alias, the first is replaced.
			let (second, again) = ballot(project, &members[0], 1, 1);
			assert_eq!(again, alias, "one alias per resident and project");
			assert_ok!(Executive::apply_extrinsic(second).expect("included"));
			let votes: Vec<u32> = pallet_procurement::Projects::<Runtime>::get(project)
				.unwrap()
				.bids
				.iter()
				.map(|s| s.votes)
				.collect();
			assert_eq!(votes, vec![0, 1]);
			// Replaying the first proof is refused before any block.
			assert_eq!(validate(first.clone()), Err(custom("StaleSequence")));
			assert!(Executive::apply_extrinsic(first).is_err(), "cannot get into a block");
			// Another member votes under another alias.
			let (bobs, bob_alias) = ballot(project, &members[1], 0, 0);
			assert_ne!(bob_alias, alias);
			assert_ok!(Executive::apply_extrinsic(bobs).expect("included"));
			assert_eq!(pallet_procurement::Projects::<Runtime>::get(project).unwrap().ballots, 2);
		});
	}

	#[test]
	fn a_non_members_proof_is_refused_by_name() {
		dev().execute_with(|| {
			let (project, _) = anonymous_project();
			start_block();
			// Dave//stash lives in Riverside: not a member; with a key set now, not either.
			let outsider = (V::new_secret([9; 32]), V::member_from_secret(&V::new_secret([9; 32])));
			let item = ItemRef::procurement(project);
			let mut forged = Rings::ring_members(item, 0).unwrap();
			forged.push(outsider.1);
			let (proof, alias) = prove_in(item, forged, &outsider, &message(project, 0, &0u32, 0));
			let call = RuntimeCall::Procurement(pallet_procurement::Call::cast_anonymous_ballot {
				project,
				ring: 0,
				bid: 0,
				seq: 0,
				alias,
				proof: proof.try_into().unwrap(),
			});
			let xt = UncheckedExtrinsic::new_transaction(call, tx_extension(0, 0));
			assert_eq!(validate(xt), Err(custom("BadProof")));
		});
	}

	/// Reaping an anonymous project removes its ballots, then its rings' member pages and roots
	/// (pallet-rings forgets the item), within the same call's limit; the summaries stay.
	#[test]
	fn reaping_an_anonymous_project_forgets_its_rings_after_its_ballots() {
		use gongzhi_runtime::RuntimeEvent;
		dev().execute_with(|| {
			let (project, members) = anonymous_project();
			start_block();
			let (first, _) = ballot(project, &members[0], 0, 0);
			assert_ok!(Executive::apply_extrinsic(first).expect("included"));
			run_to(50);
			assert_ok!(Procurement::close(signed(Ferdie), project));
			let retention: u32 = <Runtime as pallet_procurement::Config>::RetentionPeriod::get();
			run_to(50 + retention);
			let item = ItemRef::procurement(project);
			assert!(Rings::remembers(item));
			assert!(pallet_rings::Members::<Runtime>::get(item, 0).is_some());
			System::reset_events();
			// One ballot and the two records of the rings (its ring and its one page of keys).
			assert_ok!(Procurement::reap_ballots(signed(Ferdie), project, 10));
			assert_eq!(
				pallet_procurement::AnonymousBallots::<Runtime>::iter_prefix(project).count(),
				0
			);
			assert!(pallet_rings::Members::<Runtime>::get(item, 0).is_none());
			assert!(pallet_rings::ItemRings::<Runtime>::get(item, 0).is_none());
			let summary = pallet_rings::Items::<Runtime>::get(item).unwrap();
			assert_eq!(
				(summary.stage, summary.eligible, summary.rings),
				(pallet_rings::Stage::Forgotten, 3, 1)
			);
			assert!(System::events().iter().any(|r| matches!(
				r.event,
				RuntimeEvent::Rings(pallet_rings::Event::RingsForgotten { item: i }) if i == item
			)));
			assert!(!Rings::remembers(item));
			assert!(
				Procurement::reap_ballots(signed(Ferdie), project, 10).is_err(),
				"nothing left"
			);
			assert!(
				pallet_procurement::Projects::<Runtime>::get(project).is_some(),
				"the outcome stays"
			);
		});
	}
}

mod anonymous_survey {
	use super::*;
	use gongzhi_primitives::anon::{message, Alias};
	use gongzhi_runtime::{NeedsSurvey, RuntimeCall};
	use pallet_needs_survey::{Answer, AnswersOf, Question, QuestionKind, ResponseMode};

	/// An anonymous survey of Sunflower (community 0) with one rating question, created at
	/// block 2 by Bob (the office's admin) to open at block 3; its ring fixed at block 3 from
	/// the keys of Alice's, Bob's and Charlie's residents. Returns the survey and their secrets.
	fn anonymous_survey() -> (u32, Vec<(Secret, MemberKey)>) {
		let members = vec![set_key(AliceStash, 1), set_key(BobStash, 2), set_key(CharlieStash, 3)];
		run_to(2);
		let survey = pallet_needs_survey::NextSurveyId::<Runtime>::get();
		let question = Question { prompt: bounded("满意吗?"), kind: QuestionKind::Rating };
		assert_ok!(NeedsSurvey::create_anonymous_survey(
			signed(Bob),
			Scope::Community(0),
			bounded("匿名问卷"),
			vec![question].try_into().unwrap(),
			3,
			40,
		));
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		Rings::on_idle(now(), max);
		assert_eq!(Rings::rings_ready(ItemRef::survey(survey)), None, "not before it opens");
		run_to(3);
		Rings::on_idle(now(), max);
		assert_eq!(Rings::rings_ready(ItemRef::survey(survey)), Some(1));
		(survey, members)
	}

	fn rating(stars: u8) -> AnswersOf<Runtime> {
		vec![Answer::Rating(stars)].try_into().unwrap()
	}

	/// Member `who`'s anonymous response of `stars` with sequence `seq`, as a general
	/// transaction with no signer.
	fn response(
		survey: u32,
		who: &(Secret, MemberKey),
		stars: u8,
		seq: u32,
	) -> (UncheckedExtrinsic, Alias) {
		let answers = rating(stars);
		let (proof, alias) =
			prove(ItemRef::survey(survey), who, &message(survey, 0, &answers, seq));
		let call = RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::respond_anonymously {
			survey,
			ring: 0,
			seq,
			alias,
			answers,
			proof: proof.try_into().unwrap(),
		});
		(UncheckedExtrinsic::new_transaction(call, tx_extension(0, 0)), alias)
	}

	/// needs-survey's error `name` as the pool reports it.
	fn custom(name: &str) -> TransactionValidityError {
		super::custom::<pallet_needs_survey::Error<Runtime>>(name)
	}

	fn histogram(survey: u32) -> Vec<u32> {
		let results = NeedsSurvey::survey_results(survey).unwrap();
		match &results.questions[0] {
			pallet_needs_survey::QuestionResults::Rating { histogram, .. } => histogram.to_vec(),
			other => panic!("a rating question: {other:?}"),
		}
	}

	#[test]
	fn an_anonymous_response_with_no_signer_is_valid_free_and_counted_and_a_replay_is_refused() {
		dev().execute_with(|| {
			let (survey, members) = anonymous_survey();
			assert_eq!(
				pallet_needs_survey::Surveys::<Runtime>::get(survey).unwrap().mode,
				ResponseMode::Anonymous
			);
			start_block();
			let (first, alias) = response(survey, &members[0], 2, 0);
			assert_eq!(validate(first.clone()), Ok(()));
			assert_ok!(Executive::apply_extrinsic(first.clone()).expect("included"));
			// The same resident changes their answer: same alias, the first is replaced.
			let (second, again) = response(survey, &members[0], 5, 1);
			assert_eq!(again, alias, "one alias per resident and survey");
			assert_ok!(Executive::apply_extrinsic(second).expect("included"));
			assert_eq!(histogram(survey), vec![0, 0, 0, 0, 1]);
			// Replaying the first proof is refused before any block.
			assert_eq!(validate(first.clone()), Err(custom("StaleSequence")));
			assert!(Executive::apply_extrinsic(first).is_err(), "cannot get into a block");
			// Another member answers under another alias.
			let (bobs, bob_alias) = response(survey, &members[1], 3, 0);
			assert_ne!(bob_alias, alias);
			assert_ok!(Executive::apply_extrinsic(bobs).expect("included"));
			assert_eq!(histogram(survey), vec![0, 0, 1, 0, 1]);
			assert_eq!(NeedsSurvey::survey_results(survey).unwrap().responses, 2);
			// No resident is named: there is nothing under a resident number, and a named
			// response is refused.
			assert_eq!(pallet_needs_survey::Responses::<Runtime>::iter_prefix(survey).count(), 0);
			assert_eq!(
				pallet_needs_survey::AnonymousResponses::<Runtime>::iter_prefix(survey).count(),
				2
			);
			assert!(NeedsSurvey::respond(signed(AliceStash), survey, rating(1)).is_err());
			NeedsSurvey::do_try_state().expect("tallies equal the anonymous responses");
		});
	}

	#[test]
	fn a_non_members_proof_and_a_proof_over_other_answers_are_refused_by_name() {
		dev().execute_with(|| {
			let (survey, members) = anonymous_survey();
			start_block();
			// Dave//stash lives in Riverside: with a ring of his own making, not a member.
			let outsider = (V::new_secret([9; 32]), V::member_from_secret(&V::new_secret([9; 32])));
			let item = ItemRef::survey(survey);
			let mut forged = Rings::ring_members(item, 0).unwrap();
			forged.push(outsider.1);
			let (proof, alias) =
				prove_in(item, forged, &outsider, &message(survey, 0, &rating(1), 0));
			let forged = RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::respond_anonymously {
				survey,
				ring: 0,
				seq: 0,
				alias,
				answers: rating(1),
				proof: proof.try_into().unwrap(),
			});
			let xt = UncheckedExtrinsic::new_transaction(forged, tx_extension(0, 0));
			assert_eq!(validate(xt), Err(custom("BadProof")));
			// A member's proof, with the answers swapped for others.
			let (honest, _) = response(survey, &members[0], 2, 0);
			let RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::respond_anonymously {
				survey,
				ring,
				seq,
				alias,
				proof,
				..
			}) = honest.function
			else {
				unreachable!()
			};
			let swapped =
				RuntimeCall::NeedsSurvey(pallet_needs_survey::Call::respond_anonymously {
					survey,
					ring,
					seq,
					alias,
					answers: rating(5),
					proof,
				});
			let xt = UncheckedExtrinsic::new_transaction(swapped, tx_extension(0, 0));
			assert_eq!(validate(xt), Err(custom("BadProof")));
		});
	}
}
