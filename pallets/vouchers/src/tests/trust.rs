//! The trust rules: free calls bounded per voucher, nothing that can hold an office's places for
//! ever, programmes bounded by their award, suspended providers and provider staff (回避).

use super::*;
use frame_support::{assert_noop, dispatch::CheckIfFeeless, traits::Get};
use sp_core::Pair;

fn award_programme(w: &World, project: u32, supply: u32) -> DispatchResult {
	let mut new = NewProgramme::direct(w).supply(supply);
	new.basis = ProgrammeBasis::Award { project };
	new.create_by(&w.admin)
}

#[test]
fn redeem_and_cancel_cannot_loop_for_free_without_limit() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		let max = <Test as crate::Config>::MaxCancellations::get();
		for _ in 0..max {
			let redemption = redeem(&w.alice, voucher, &w.provider);
			run_to(System::block_number() + TIMEOUT);
			assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), redemption));
		}
		assert_eq!(crate::Vouchers::<Test>::get(voucher).unwrap().cancellations, max);
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::TooManyCancellations
		);
		let call = crate::Call::<Test>::redeem { voucher, provider: w.provider.clone() };
		assert!(!call.is_feeless(&signed(&w.alice)), "past the cap it isn't free");
	});
}

#[test]
fn a_claim_window_cannot_open_so_late_that_it_holds_an_office_place_for_ever() {
	build_and_execute(|| {
		let w = world();
		let late = NewProgramme::direct(&w).window(2 + LEAD_TIME, 3 + LEAD_TIME, 4 + LEAD_TIME);
		assert_noop!(late.create_by(&w.admin), E::ClaimOpensTooLate);
		let ok = NewProgramme::direct(&w).window(1 + LEAD_TIME, 3 + LEAD_TIME, 4 + LEAD_TIME);
		assert_ok!(ok.create_by(&w.admin));
	});
}

#[test]
fn programmes_from_an_award_cannot_exceed_its_price() {
	build_and_execute(|| {
		let w = world();
		let project = add_award(w.office, Scope::Office(w.office), &w.provider);
		// UNIT × 201 vouchers is more than the award's price.
		let too_many = (AWARD_PRICE / UNIT) as u32 + 1;
		assert_noop!(award_programme(&w, project, too_many), E::AwardExceeded);
		// Half, then the other half, fit; one more voucher doesn't.
		let half = (AWARD_PRICE / UNIT / 2) as u32;
		assert_ok!(award_programme(&w, project, half));
		assert_eq!(crate::AwardUsage::<Test>::get(project).face_value, UNIT * half as u64);
		assert_noop!(award_programme(&w, project, half + 1), E::AwardExceeded);
		assert_ok!(award_programme(&w, project, half));
		assert_eq!(crate::AwardUsage::<Test>::get(project).programmes, 2);
	});
}

#[test]
fn an_award_funds_a_bounded_number_of_programmes() {
	build_and_execute(|| {
		let w = world();
		let project = add_award(w.office, Scope::Office(w.office), &w.provider);
		let max = <Test as crate::Config>::MaxProgrammesPerAward::get();
		for _ in 0..max {
			assert_ok!(award_programme(&w, project, 1));
		}
		assert_noop!(award_programme(&w, project, 1), E::TooManyProgrammesForAward);
	});
}

#[test]
fn a_suspended_provider_cannot_confirm_redemptions_left_pending() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		let redemption = redeem(&w.alice, voucher, &w.provider);
		MockRegistry::suspend_provider(&w.provider, w.office);
		assert_noop!(
			Vouchers::confirm(signed(&w.provider), redemption, H256::repeat_byte(1)),
			E::ProviderNotApproved
		);
		// The resident takes the voucher back after the timeout and uses another provider.
		run_to(1 + TIMEOUT);
		assert_ok!(Vouchers::cancel_redemption(signed(&w.alice), redemption));
		let again = redeem(&w.alice, voucher, &w.provider2);
		confirm(&w.provider2, again);
	});
}

#[test]
fn provider_staff_cannot_redeem_with_their_own_provider() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		MockRegistry::add_staff(&w.provider, rid(&w.alice));
		assert_noop!(
			Vouchers::redeem(signed(&w.alice), voucher, w.provider.clone()),
			E::ConflictOfInterest
		);
		let call = crate::Call::<Test>::redeem { voucher, provider: w.provider.clone() };
		assert!(!call.is_feeless(&signed(&w.alice)));
		// Another provider is fine.
		redeem(&w.alice, voucher, &w.provider2);
	});
}

#[test]
fn provider_staff_cannot_redeem_offline_with_their_own_provider() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		MockRegistry::add_staff(&w.provider, rid(&w.alice));
		let deadline = 20;
		let message = Vouchers::offline_redemption_message(voucher, &w.provider, deadline);
		let signature = sp_runtime::MultiSignature::from(pair("alice").sign(&message));
		assert_noop!(
			Vouchers::redeem_offline(
				signed(&w.provider),
				voucher,
				deadline,
				H256::repeat_byte(1),
				signature
			),
			E::ConflictOfInterest
		);
	});
}

#[test]
fn changing_a_members_household_cannot_reset_the_household_limit() {
	build_and_execute(|| {
		let w = world();
		// Alice and Bob share household 1: one voucher for the household.
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerHousehold(1)).create(&w);
		claim(&w.alice, p);
		assert_noop!(Vouchers::claim(signed(&w.bob), p), E::HouseholdLimitReached);
		// An officer moves Bob to a "new" household while the window is open: that household
		// doesn't count for this programme.
		run_to(2);
		MockRegistry::set_household(&w.bob, Some(household(9)));
		assert_noop!(Vouchers::claim(signed(&w.bob), p), E::HouseholdChangedAfterOpening);
		let call = crate::Call::<Test>::claim { programme: p };
		assert!(!call.is_feeless(&signed(&w.bob)));
		// A programme opened after the change counts the new household.
		let later = NewProgramme::direct(&w)
			.limit(ClaimLimit::PerHousehold(1))
			.window(3, CLOSES, EXPIRES)
			.create(&w);
		run_to(3);
		claim(&w.bob, later);
	});
}

fn held(who: &AccountId) -> u64 {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(
		&RuntimeHoldReason::Vouchers(crate::HoldReason::ProgrammeDeposit),
		who,
	)
}

#[test]
fn a_programme_holds_the_offices_deposit_until_it_is_finished() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		assert_eq!(held(&w.admin), PROGRAMME_DEPOSIT);
		let voucher = claim(&w.alice, p);
		let (_, redemption) = confirmed(&w.bob, p, &w.provider);
		// Not before expiry…
		assert_noop!(
			Vouchers::release_programme_deposit(signed(&w.outsider), p),
			E::ProgrammeNotFinished
		);
		// …nor while a voucher is unused or a redemption unsettled.
		run_to(EXPIRES);
		assert_noop!(
			Vouchers::release_programme_deposit(signed(&w.outsider), p),
			E::ProgrammeNotFinished
		);
		assert_ok!(Vouchers::mark_expired(signed(&w.outsider), p, bounded(vec![voucher])));
		assert_noop!(
			Vouchers::release_programme_deposit(signed(&w.outsider), p),
			E::ProgrammeNotFinished
		);
		assert_ok!(Vouchers::settle(
			signed(&w.admin),
			w.provider.clone(),
			bounded(vec![redemption]),
			UNIT,
			H256::repeat_byte(7)
		));
		assert_ok!(Vouchers::release_programme_deposit(signed(&w.outsider), p));
		assert_last_event(Event::ProgrammeDepositReleased {
			programme: p,
			depositor: w.admin.clone(),
			amount: PROGRAMME_DEPOSIT,
		});
		assert_eq!(held(&w.admin), 0);
		assert_noop!(Vouchers::release_programme_deposit(signed(&w.outsider), p), E::NoDeposit);
	});
}

#[test]
fn an_office_that_cannot_pay_the_deposit_cannot_create_a_programme() {
	build_and_execute(|| {
		let w = world();
		<Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&w.admin, 0);
		assert_noop!(NewProgramme::direct(&w).create_by(&w.admin), E::InsufficientDeposit);
	});
}
