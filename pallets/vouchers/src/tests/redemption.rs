//! Redeeming with a provider of the resident's choice, the provider's confirmation, cancelling
//! after the timeout, the `Redemptions` trait and the feeless checks.

use super::*;
use crate::{
	Call, ProgrammeStatistics, ProviderStatistics, ProviderStats, RecentRedemptions,
	RedemptionVoucher, RedemptionsPerDay, VouchersOf,
};
use frame_support::{assert_noop, dispatch::CheckIfFeeless};
use gongzhi_primitives::{RedemptionInfo, Redemptions};

/// Alice's voucher of the default programme.
fn alice_voucher(w: &World) -> (ProgrammeId, VoucherId) {
	let p = programme(w);
	(p, claim(&w.alice, p))
}

#[test]
fn resident_redeems_with_a_provider_of_their_choice() {
	build_and_execute(|| {
		let w = world();
		let (p, voucher) = alice_voucher(&w);
		let redemption = redeem(&w.alice, voucher, &w.provider2);
		assert_eq!(
			state(voucher),
			VoucherState::Redeemed { redemption, provider: w.provider2.clone(), redeemed_at: 1 }
		);
		assert_eq!(RedemptionVoucher::<Test>::get(redemption), Some(voucher));
		assert_eq!(ProgrammeStatistics::<Test>::get(p).redeemed, 1);
		assert_eq!(ProviderStatistics::<Test>::get(&w.provider2).redemptions, 1);
		assert_eq!(RedemptionsPerDay::<Test>::get(&w.provider2, 0), 1);
		// Still in hand until confirmed: the resident may yet cancel.
		assert_eq!(VouchersOf::<Test>::get(rid(&w.alice)).to_vec(), vec![voucher]);
		assert_eq!(
			<Vouchers as Redemptions<_, _>>::redemption(redemption),
			Some(RedemptionInfo {
				resident: rid(&w.alice),
				provider: w.provider2.clone(),
				programme: p,
				office: w.office,
				confirmed_at: None,
			})
		);
		assert_last_event(Event::VoucherRedeemed {
			voucher,
			redemption,
			resident: rid(&w.alice),
			provider: w.provider2.clone(),
			offline: false,
		});
	});
}

#[test]
fn only_the_voucher_owner_redeems() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		assert_noop!(
			Vouchers::redeem(signed(&w.bob), voucher, w.provider.clone()),
			E::NotVoucherOwner
		);
		assert_noop!(
			Vouchers::redeem(signed(&w.outsider), voucher, w.provider.clone()),
			E::NotResident
		);
	});
}

#[test]
fn voucher_follows_the_resident_to_a_new_account() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let new_key = account("alice-new");
		MockRegistry::replace_account(&w.alice, &new_key);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::NotResident
		);
		redeem(&new_key, voucher, &w.provider);
	});
}

#[test]
fn redeeming_an_unknown_voucher_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(Vouchers::redeem(signed(&w.alice), 3, w.provider.clone()), E::UnknownVoucher);
	});
}

#[test]
fn redeeming_twice_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider2.clone()),
			E::AlreadyRedeemed
		);
		confirm(&w.provider, r);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::AlreadyRedeemed
		);
	});
}

#[test]
fn expired_voucher_cannot_be_redeemed() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		run_to(EXPIRES);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::VoucherExpired
		);
	});
}

#[test]
fn provider_not_accepted_by_the_programme_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).providers(vec![w.provider.clone()]).create(&w);
		let voucher = claim(&w.alice, p);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider2.clone()),
			E::ProviderNotAccepted
		);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.alice.clone()),
			E::ProviderNotAccepted
		);
	});
}

#[test]
fn suspended_provider_cannot_be_chosen() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		MockRegistry::suspend_provider(&w.provider, w.office);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::ProviderNotApproved
		);
		redeem(&w.alice, voucher, &w.provider2);
	});
}

#[test]
fn redeem_is_free_exactly_when_it_will_succeed() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let call = Call::<Test>::redeem { voucher, provider: w.provider.clone() };
		assert!(call.is_feeless(&signed(&w.alice)));
		assert!(!call.is_feeless(&signed(&w.bob)));
		let bad = Call::<Test>::redeem { voucher, provider: w.alice.clone() };
		assert!(!bad.is_feeless(&signed(&w.alice)));
		redeem(&w.alice, voucher, &w.provider);
		assert!(!call.is_feeless(&signed(&w.alice)));
	});
}

// ---- confirm ----

#[test]
fn provider_confirms_with_a_service_record() {
	build_and_execute(|| {
		let w = world();
		let (p, voucher) = alice_voucher(&w);
		let redemption = redeem(&w.alice, voucher, &w.provider);
		run_to(5);
		let record = H256::repeat_byte(0x42);
		assert_ok!(Vouchers::confirm(signed(&w.provider), redemption, record));
		assert_eq!(
			state(voucher),
			VoucherState::Confirmed {
				redemption,
				provider: w.provider.clone(),
				redeemed_at: 1,
				confirmed_at: 5,
				service_record: record,
			}
		);
		assert_eq!(ProgrammeStatistics::<Test>::get(p).confirmed, 1);
		assert_eq!(
			ProviderStatistics::<Test>::get(&w.provider),
			ProviderStats { redemptions: 1, confirmations: 1, ..Default::default() }
		);
		assert!(VouchersOf::<Test>::get(rid(&w.alice)).is_empty());
		assert_eq!(RecentRedemptions::<Test>::get(rid(&w.alice)).to_vec(), vec![redemption]);
		assert_eq!(
			<Vouchers as Redemptions<_, _>>::redemption(redemption).unwrap().confirmed_at,
			Some(5)
		);
		assert_last_event(Event::RedemptionConfirmed {
			redemption,
			voucher,
			provider: w.provider.clone(),
			service_record: record,
		});
	});
}

#[test]
fn only_the_chosen_provider_confirms() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		assert_noop!(
			Vouchers::confirm(signed(&w.provider2), r, H256::zero()),
			E::NotRedemptionProvider
		);
		assert_noop!(
			Vouchers::confirm(signed(&w.alice), r, H256::zero()),
			E::NotRedemptionProvider
		);
	});
}

#[test]
fn confirming_twice_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		confirm(&w.provider, r);
		assert_noop!(Vouchers::confirm(signed(&w.provider), r, H256::zero()), E::AlreadyConfirmed);
	});
}

#[test]
fn confirming_an_unknown_redemption_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(Vouchers::confirm(signed(&w.provider), 8, H256::zero()), E::UnknownRedemption);
	});
}

#[test]
fn recent_redemptions_keep_the_newest() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(4)).create(&w);
		let rs: Vec<_> = (0..4).map(|_| confirmed(&w.alice, p, &w.provider).1).collect();
		assert_eq!(RecentRedemptions::<Test>::get(rid(&w.alice)).to_vec(), rs[1..].to_vec());
		assert_eq!(Vouchers::redemptions_of(rid(&w.alice)), rs[1..].to_vec());
	});
}

// ---- cancel_redemption ----

#[test]
fn resident_cancels_an_unconfirmed_redemption_after_the_timeout() {
	build_and_execute(|| {
		let w = world();
		let (p, voucher) = alice_voucher(&w);
		let redemption = redeem(&w.alice, voucher, &w.provider);
		run_to(1 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), redemption));
		assert_eq!(state(voucher), VoucherState::Issued);
		assert_eq!(RedemptionVoucher::<Test>::get(redemption), None);
		assert_eq!(<Vouchers as Redemptions<_, _>>::redemption(redemption), None);
		let stats = ProgrammeStatistics::<Test>::get(p);
		assert_eq!((stats.redeemed, stats.cancelled), (0, 1));
		assert_eq!(
			ProviderStatistics::<Test>::get(&w.provider),
			ProviderStats { cancelled: 1, ..Default::default() }
		);
		assert!(!RedemptionsPerDay::<Test>::contains_key(&w.provider, 0));
		assert_last_event(Event::RedemptionCancelled {
			redemption,
			voucher,
			resident: rid(&w.alice),
			provider: w.provider.clone(),
		});
		// The voucher is usable again, under a new redemption number.
		let again = redeem(&w.alice, voucher, &w.provider2);
		assert_ne!(again, redemption);
	});
}

#[test]
fn cancelling_before_the_timeout_fails() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		run_to(TIMEOUT);
		assert_noop!(Vouchers::cancel_redemption(signed(&w.alice), r), E::TooEarlyToCancel);
	});
}

#[test]
fn only_the_resident_who_redeemed_cancels() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		run_to(1 + TIMEOUT);
		assert_noop!(Vouchers::cancel_redemption(signed(&w.bob), r), E::NotVoucherOwner);
		assert_noop!(Vouchers::cancel_redemption(signed(&w.provider), r), E::NotResident);
	});
}

#[test]
fn confirmed_redemption_cannot_be_cancelled() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		confirm(&w.provider, r);
		run_to(1 + TIMEOUT);
		assert_noop!(Vouchers::cancel_redemption(signed(&w.alice), r), E::AlreadyConfirmed);
	});
}

#[test]
fn cancelling_an_unknown_redemption_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(Vouchers::cancel_redemption(signed(&w.alice), 0), E::UnknownRedemption);
	});
}

#[test]
fn cancel_is_free_exactly_when_it_will_succeed() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let redemption = redeem(&w.alice, voucher, &w.provider);
		let call = Call::<Test>::cancel_redemption { redemption };
		assert!(!call.is_feeless(&signed(&w.alice)));
		run_to(1 + TIMEOUT);
		assert!(call.is_feeless(&signed(&w.alice)));
		assert!(!call.is_feeless(&signed(&w.bob)));
	});
}

#[test]
fn confirming_is_never_free() {
	build_and_execute(|| {
		let w = world();
		let (_, voucher) = alice_voucher(&w);
		let r = redeem(&w.alice, voucher, &w.provider);
		let confirm = Call::<Test>::confirm { redemption: r, service_record: H256::zero() };
		assert!(!confirm.is_feeless(&signed(&w.provider)));
	});
}

#[test]
fn redemptions_are_counted_per_provider_per_day() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w)
			.limit(ClaimLimit::PerResident(3))
			.window(OPENS, CLOSES, 3 * DAY)
			.create(&w);
		let v1 = claim(&w.alice, p);
		let v2 = claim(&w.alice, p);
		let v3 = claim(&w.bob, p);
		redeem(&w.alice, v1, &w.provider);
		redeem(&w.bob, v3, &w.provider);
		run_to(DAY + 5);
		let late = redeem(&w.alice, v2, &w.provider);
		assert_eq!(Vouchers::day_of(DAY + 5), 1);
		assert_eq!(Vouchers::redemptions_per_day(&w.provider, 0, 3), vec![(0, 2), (1, 1), (2, 0)]);
		// A cancelled redemption comes off the day it was made.
		run_to(DAY + 5 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), late));
		assert_eq!(Vouchers::redemptions_per_day(&w.provider, 0, 2), vec![(0, 2), (1, 0)]);
	});
}

#[test]
fn unknown_redemption_is_none() {
	build_and_execute(|| {
		assert_eq!(<Vouchers as Redemptions<_, _>>::redemption(0), None);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn bench_confirmed_redemption_makes_a_confirmed_redemption() {
	build_and_execute(|| {
		let w = world();
		let r = <Vouchers as Redemptions<_, _>>::bench_confirmed_redemption(
			w.office,
			&w.alice,
			&w.provider,
		);
		let info = <Vouchers as Redemptions<_, _>>::redemption(r).unwrap();
		assert_eq!(info.resident, rid(&w.alice));
		assert_eq!(info.provider, w.provider);
		assert_eq!(info.office, w.office);
		assert_eq!(info.confirmed_at, Some(1));
	});
}
