//! Offline redemption: a QR code the resident signed, submitted by the provider.

use super::*;
use crate::{Call, ProgrammeStatistics, ProviderStatistics, OFFLINE_REDEMPTION_CONTEXT};
use frame_support::{assert_noop, dispatch::CheckIfFeeless};
use gongzhi_primitives::{signing_bytes, WRAP_POSTFIX, WRAP_PREFIX};
use sp_core::Pair;
use sp_runtime::MultiSignature;

/// `signer`'s signature allowing `provider` to redeem `voucher` until `deadline`.
fn sign(
	signer: &str,
	voucher: VoucherId,
	provider: &AccountId,
	deadline: BlockNumber,
) -> MultiSignature {
	let message = Vouchers::offline_redemption_message(voucher, provider, deadline);
	MultiSignature::from(pair(signer).sign(&message))
}

fn alice_voucher(w: &World) -> (ProgrammeId, VoucherId) {
	let p = programme(w);
	(p, claim(&w.alice, p))
}

const RECORD: H256 = H256::repeat_byte(0x33);

#[test]
fn message_is_the_documented_93_bytes() {
	build_and_execute(|| {
		let w = world();
		let message = Vouchers::offline_redemption_message(0x0102_0304_0506_0708, &w.provider, 30);
		let mut expected = b"gongzhi/redeem/v1".to_vec();
		// The mock's genesis hash (frame_system's genesis puts 69s there).
		expected.extend([69u8; 32]);
		expected.extend([8, 7, 6, 5, 4, 3, 2, 1]);
		expected.extend(AsRef::<[u8]>::as_ref(&w.provider));
		expected.extend([30, 0, 0, 0]);
		assert_eq!(message.len(), 93);
		assert_eq!(message, expected);
		assert_eq!(OFFLINE_REDEMPTION_CONTEXT, b"gongzhi/redeem/v1");
	});
}

#[test]
fn provider_submits_a_resident_signed_redemption_which_is_confirmed_at_once() {
	build_and_execute(|| {
		let w = world();
		let (p, voucher) = alice_voucher(&w);
		let signature = sign("alice", voucher, &w.provider, 20);
		assert_ok!(Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature));
		let redemption = 0;
		assert_eq!(
			state(voucher),
			VoucherState::Confirmed {
				redemption,
				provider: w.provider.clone(),
				redeemed_at: 1,
				confirmed_at: 1,
				service_record: RECORD,
			}
		);
		let stats = ProgrammeStatistics::<Test>::get(p);
		assert_eq!((stats.redeemed, stats.confirmed), (1, 1));
		let provider = ProviderStatistics::<Test>::get(&w.provider);
		assert_eq!((provider.redemptions, provider.confirmations), (1, 1));
		assert_has_event(Event::VoucherRedeemed {
			voucher,
			redemption,
			resident: rid(&w.alice),
			provider: w.provider.clone(),
			offline: true,
		});
		assert_last_event(Event::RedemptionConfirmed {
			redemption,
			voucher,
			provider: w.provider.clone(),
			service_record: RECORD,
		});
	});
}

#[test]
fn wallet_wrapped_signature_is_accepted() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let message = Vouchers::offline_redemption_message(voucher, &w.provider, 20);
		let wrapped = [WRAP_PREFIX, &message[..], WRAP_POSTFIX].concat();
		let signature = MultiSignature::from(pair("alice").sign(&wrapped));
		assert_ok!(Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature));
	});
}

#[test]
fn replaying_a_used_signature_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let signature = sign("alice", voucher, &w.provider, 20);
		assert_ok!(Vouchers::redeem_offline(
			signed(&w.provider),
			voucher,
			20,
			RECORD,
			signature.clone()
		));
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature),
			E::AlreadyRedeemed
		);
	});
}

#[test]
fn signature_by_someone_else_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let signature = sign("bob", voucher, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature),
			E::BadSignature
		);
	});
}

#[test]
fn signature_for_another_provider_deadline_or_voucher_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		let other_voucher = claim(&w.alice, p);
		let for_provider2 = sign("alice", voucher, &w.provider2, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, for_provider2),
			E::BadSignature
		);
		let until_20 = sign("alice", voucher, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 21, RECORD, until_20),
			E::BadSignature
		);
		let for_other = sign("alice", other_voucher, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, for_other),
			E::BadSignature
		);
	});
}

#[test]
fn signature_for_another_chain_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let other_genesis = H256::repeat_byte(1);
		let message = signing_bytes(
			OFFLINE_REDEMPTION_CONTEXT,
			&(other_genesis, voucher, w.provider.clone(), 20u32),
		);
		let signature = MultiSignature::from(pair("alice").sign(&message));
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature),
			E::BadSignature
		);
		// The same bytes with this chain's genesis hash are accepted.
		let message = signing_bytes(
			OFFLINE_REDEMPTION_CONTEXT,
			&(H256::repeat_byte(69), voucher, w.provider.clone(), 20u32),
		);
		assert_eq!(message, Vouchers::offline_redemption_message(voucher, &w.provider, 20));
	});
}

#[test]
fn signature_past_its_deadline_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let signature = sign("alice", voucher, &w.provider, 10);
		run_to(11);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 10, RECORD, signature.clone()),
			E::SignatureExpired
		);
		run_to(10);
		assert_ok!(Vouchers::redeem_offline(signed(&w.provider), voucher, 10, RECORD, signature));
	});
}

#[test]
fn deadline_too_far_ahead_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let deadline = 1 + MAX_VALIDITY + 1;
		let signature = sign("alice", voucher, &w.provider, deadline);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, deadline, RECORD, signature),
			E::DeadlineTooFar
		);
	});
}

#[test]
fn offline_redemption_of_an_expired_voucher_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		run_to(EXPIRES);
		let signature = sign("alice", voucher, &w.provider, EXPIRES + 5);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, EXPIRES + 5, RECORD, signature),
			E::VoucherExpired
		);
	});
}

#[test]
fn offline_redemption_with_a_provider_not_accepted_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).providers(vec![w.provider.clone()]).create(&w);
		let voucher = claim(&w.alice, p);
		let signature = sign("alice", voucher, &w.provider2, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider2), voucher, 20, RECORD, signature),
			E::ProviderNotAccepted
		);
	});
}

#[test]
fn offline_redemption_of_an_unknown_voucher_fails() {
	build_and_execute(|| {
		let w = world();
		let signature = sign("alice", 9, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), 9, 20, RECORD, signature),
			E::UnknownVoucher
		);
	});
}

#[test]
fn replaced_key_no_longer_signs_and_the_new_one_does() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let new_key = account("alice-new");
		MockRegistry::replace_account(&w.alice, &new_key);
		let old = sign("alice", voucher, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, old),
			E::BadSignature
		);
		let new = sign("alice-new", voucher, &w.provider, 20);
		assert_ok!(Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, new));
	});
}

#[test]
fn voucher_of_a_retired_resident_cannot_be_redeemed_offline() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		MockRegistry::retire_resident(&w.alice);
		let signature = sign("alice", voucher, &w.provider, 20);
		assert_noop!(
			Vouchers::redeem_offline(signed(&w.provider), voucher, 20, RECORD, signature),
			E::NotResident
		);
	});
}

#[test]
fn offline_redemption_is_paid_by_the_provider() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let signature = sign("alice", voucher, &w.provider, 20);
		let call = Call::<Test>::redeem_offline {
			voucher,
			deadline: 20,
			service_record: RECORD,
			signature,
		};
		assert!(!call.is_feeless(&signed(&w.provider)));
	});
}
