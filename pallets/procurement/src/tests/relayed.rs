//! Ballots signed off chain by the resident and relayed by anyone.

use super::*;
use frame_support::{assert_noop, dispatch::CheckIfFeeless};
use gongzhi_primitives::{WRAP_POSTFIX, WRAP_PREFIX};

/// The genesis hash of the mock chain (frame_system's genesis puts `[69; 32]` there).
const GENESIS: [u8; 32] = [69; 32];
const DEADLINE: BlockNumber = VOTING_END - 1;

fn message(project: ProjectId, choice: Choice, sequence: u32, deadline: BlockNumber) -> Vec<u8> {
	Procurement::relayed_ballot_message(project, &choice, sequence, deadline)
}

fn relay(
	project: ProjectId,
	resident: &AccountId,
	choice: Choice,
	sequence: u32,
	deadline: BlockNumber,
	signature: sp_runtime::MultiSignature,
) -> frame_support::dispatch::DispatchResult {
	Procurement::vote_relayed(
		RuntimeOrigin::signed(alice()),
		project,
		resident.clone(),
		choice,
		sequence,
		deadline,
		signature,
	)
}

/// The signer's ballot for `choice`, signed with `sequence`, relayed by Alice.
fn relay_signed(
	project: ProjectId,
	choice: Choice,
	sequence: u32,
) -> frame_support::dispatch::DispatchResult {
	let signature = sign(&signer_key(), &message(project, choice, sequence, DEADLINE));
	relay(project, &signer(), choice, sequence, DEADLINE, signature)
}

#[test]
fn the_signed_bytes_are_exactly_as_documented() {
	new_test_ext().execute_with(|| {
		let project: ProjectId = 0x0102_0304;
		let mut open = b"gongzhi/ballot/v1".to_vec();
		open.extend_from_slice(&GENESIS);
		open.extend_from_slice(&[0x04, 0x03, 0x02, 0x01]); // project, u32 LE
		open.extend_from_slice(&[7, 0, 0, 0]); // bid 7
		open.extend_from_slice(&[2, 0, 0, 0]); // sequence 2
		open.extend_from_slice(&[0x2c, 0x01, 0, 0]); // deadline 300
		assert_eq!(open.len(), 65);
		assert_eq!(message(project, Choice::Bid(7), 2, 300), open);

		let mut secret = b"gongzhi/ballot/v1".to_vec();
		secret.extend_from_slice(&GENESIS);
		secret.extend_from_slice(&[0x04, 0x03, 0x02, 0x01]);
		secret.extend_from_slice(&[0xcc; 32]); // the commitment, raw
		secret.extend_from_slice(&[0, 0, 0, 0]);
		secret.extend_from_slice(&[0x2c, 0x01, 0, 0]);
		assert_eq!(secret.len(), 93);
		assert_eq!(message(project, Choice::Commitment(H256::repeat_byte(0xcc)), 0, 300), secret);
	});
}

#[test]
fn a_relayed_ballot_counts_like_a_direct_one() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_ok!(relay_signed(id, Choice::Bid(2), 0));

		assert_eq!(tallies(id), vec![0, 0, 1]);
		assert_eq!(
			Ballots::<Test>::get(id, rid(&signer())),
			Some(Ballot { choice: BallotChoice::Bid(2), changes: 0 })
		);
		assert_eq!(
			last_event(),
			Event::BallotCast {
				project: id,
				resident: rid(&signer()),
				bid: 2,
				previous: None,
				relayer: Some(alice()),
			}
		);
		// The next one must carry sequence 1, and may change the ballot.
		assert_ok!(relay_signed(id, Choice::Bid(0), 1));
		assert_eq!(tallies(id), vec![1, 0, 0]);
	});
}

#[test]
fn a_wrapped_signature_from_a_wallet_is_accepted() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		let wrapped =
			[WRAP_PREFIX, &message(id, Choice::Bid(1), 0, DEADLINE), WRAP_POSTFIX].concat();
		let signature = sign(&signer_key(), &wrapped);
		assert_ok!(relay(id, &signer(), Choice::Bid(1), 0, DEADLINE, signature));
		assert_eq!(tallies(id), vec![0, 1, 0]);
	});
}

#[test]
fn a_relayed_ballot_with_a_bad_signature_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		// Signed by another key.
		let forged = sign(&key(32), &message(id, Choice::Bid(1), 0, DEADLINE));
		assert_noop!(
			relay(id, &signer(), Choice::Bid(1), 0, DEADLINE, forged),
			Error::<Test>::BadSignature
		);
		// Signed for another bid.
		let other_bid = sign(&signer_key(), &message(id, Choice::Bid(2), 0, DEADLINE));
		assert_noop!(
			relay(id, &signer(), Choice::Bid(1), 0, DEADLINE, other_bid),
			Error::<Test>::BadSignature
		);
		// Signed for another deadline.
		let other_deadline = sign(&signer_key(), &message(id, Choice::Bid(1), 0, DEADLINE - 1));
		assert_noop!(
			relay(id, &signer(), Choice::Bid(1), 0, DEADLINE, other_deadline),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn a_relayed_ballot_past_its_deadline_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		let deadline = VOTING_START + 2;
		let signature = sign(&signer_key(), &message(id, Choice::Bid(1), 0, deadline));
		run_to(deadline + 1);
		assert_noop!(
			relay(id, &signer(), Choice::Bid(1), 0, deadline, signature.clone()),
			Error::<Test>::SignatureExpired
		);
		run_to(deadline);
		assert_ok!(relay(id, &signer(), Choice::Bid(1), 0, deadline, signature));
	});
}

#[test]
fn a_replayed_relayed_ballot_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_ok!(relay_signed(id, Choice::Bid(1), 0));
		assert_noop!(relay_signed(id, Choice::Bid(1), 0), Error::<Test>::StaleSequence);
	});
}

#[test]
fn a_stale_signed_ballot_cannot_overwrite_a_later_choice() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		// Signed on an officer's device, then the resident voted on their own phone.
		let old = sign(&signer_key(), &message(id, Choice::Bid(0), 0, DEADLINE));
		vote(&signer(), id, 2);
		assert_noop!(
			relay(id, &signer(), Choice::Bid(0), 0, DEADLINE, old),
			Error::<Test>::StaleSequence
		);
		assert_eq!(tallies(id), vec![0, 0, 1]);
	});
}

#[test]
fn a_relayed_ballot_ahead_of_its_sequence_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(relay_signed(id, Choice::Bid(1), 1), Error::<Test>::SequenceAhead);
	});
}

#[test]
fn a_relayed_ballot_obeys_the_ballot_rules() {
	new_test_ext().execute_with(|| {
		let (s, id) = voting();
		// A valid signature by someone who is not a resident.
		let outsider = key(33);
		let signature = sign(&outsider, &message(id, Choice::Bid(1), 0, DEADLINE));
		assert_noop!(
			relay(id, &key_account(&outsider), Choice::Bid(1), 0, DEADLINE, signature),
			Error::<Test>::NotResident
		);
		// The signer moved away.
		MockRegistry::move_resident(&signer(), s.c2);
		assert_noop!(relay_signed(id, Choice::Bid(1), 0), Error::<Test>::NotEligible);
	});
}

#[test]
fn a_relayed_commitment_counts_in_a_secret_ballot() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		let commitment = ballot_commitment(id, 1, &SALT, rid(&signer()));
		assert_ok!(relay_signed(id, Choice::Commitment(commitment), 0));
		assert_eq!(
			last_event(),
			Event::BallotCommitted {
				project: id,
				resident: rid(&signer()),
				commitment,
				relayer: Some(alice()),
			}
		);
		run_to(VOTING_END);
		assert_ok!(Procurement::reveal_vote(RuntimeOrigin::signed(signer()), id, 1, SALT));
		assert_eq!(tallies(id), vec![0, 1, 0]);
	});
}

#[test]
fn a_relayed_choice_of_the_wrong_kind_fails() {
	new_test_ext().execute_with(|| {
		let (_, id) = secret_voting();
		assert_noop!(relay_signed(id, Choice::Bid(1), 0), Error::<Test>::BallotIsSecret);
	});
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		assert_noop!(
			relay_signed(id, Choice::Commitment(H256::repeat_byte(3)), 0),
			Error::<Test>::BallotIsOpen
		);
	});
}

#[test]
fn a_relayed_ballot_is_never_feeless() {
	new_test_ext().execute_with(|| {
		let (_, id) = voting();
		let signature = sign(&signer_key(), &message(id, Choice::Bid(1), 0, DEADLINE));
		let call = crate::Call::<Test>::vote_relayed {
			project: id,
			resident: signer(),
			choice: Choice::Bid(1),
			sequence: 0,
			deadline: DEADLINE,
			signature,
		};
		assert!(!call.is_feeless(&RuntimeOrigin::signed(alice())));
		assert!(!call.is_feeless(&RuntimeOrigin::signed(signer())));
	});
}
