//! Claiming (申领) and issuing vouchers: scope, window, limits per resident and household,
//! supply, the per-resident bound, and the feeless check.

use super::*;
use crate::{
	Beneficiary, Call, ProgrammeStatistics, ProgrammeStats, Received, Voucher, VouchersOf,
};
use frame_support::{assert_noop, dispatch::CheckIfFeeless};

#[test]
fn resident_in_scope_claims_a_voucher_bound_to_their_resident_number() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let voucher = claim(&w.alice, p);
		assert_eq!(
			crate::Vouchers::<Test>::get(voucher),
			Some(Voucher {
				programme: p,
				office: w.office,
				resident: rid(&w.alice),
				state: VoucherState::Issued,
				cancellations: 0,
			})
		);
		assert_eq!(VouchersOf::<Test>::get(rid(&w.alice)).to_vec(), vec![voucher]);
		assert_eq!(Received::<Test>::get(p, Beneficiary::Resident(rid(&w.alice))), 1);
		assert_eq!(ProgrammeStatistics::<Test>::get(p).claimed, 1);
		assert_last_event(Event::VoucherClaimed { voucher, programme: p, resident: rid(&w.alice) });
	});
}

#[test]
fn non_resident_cannot_claim() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		assert_noop!(Vouchers::claim(signed(&w.outsider), p), E::NotResident);
		assert_noop!(Vouchers::claim(signed(&w.provider), p), E::NotResident);
	});
}

#[test]
fn claiming_an_unknown_programme_fails() {
	build_and_execute(|| {
		let w = world();
		assert_noop!(Vouchers::claim(signed(&w.alice), 42), E::UnknownProgramme);
	});
}

#[test]
fn resident_outside_the_scope_cannot_claim() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		assert_noop!(Vouchers::claim(signed(&w.erin), p), E::NotInScope);
		assert_noop!(Vouchers::claim(signed(&w.dave), p), E::NotInScope);
		let office_wide = NewProgramme::direct(&w).scope(Scope::Office(w.office)).create(&w);
		claim(&w.erin, office_wide);
	});
}

#[test]
fn claim_before_the_window_opens_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).window(5, 25, 100).create(&w);
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::ClaimWindowNotOpen);
		run_to(5);
		claim(&w.alice, p);
	});
}

#[test]
fn claim_after_the_window_closes_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		run_to(CLOSES - 1);
		claim(&w.alice, p);
		run_to(CLOSES);
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::ClaimWindowClosed);
	});
}

#[test]
fn claim_over_the_per_resident_limit_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		claim(&w.alice, p);
		claim(&w.alice, p);
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::ResidentLimitReached);
		// Bob, in the same household, has his own per-resident limit.
		claim(&w.bob, p);
	});
}

#[test]
fn per_resident_limit_survives_a_new_account() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		claim(&w.alice, p);
		claim(&w.alice, p);
		let new_key = account("alice-new");
		MockRegistry::replace_account(&w.alice, &new_key);
		assert_noop!(Vouchers::claim(signed(&new_key), p), E::ResidentLimitReached);
	});
}

#[test]
fn per_household_limit_is_shared_by_household_members() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerHousehold(1)).create(&w);
		claim(&w.alice, p);
		assert_noop!(Vouchers::claim(signed(&w.bob), p), E::HouseholdLimitReached);
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::HouseholdLimitReached);
		assert_eq!(Received::<Test>::get(p, Beneficiary::Household(household(1))), 1);
	});
}

#[test]
fn resident_without_household_cannot_claim_per_household() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerHousehold(1)).create(&w);
		assert_noop!(Vouchers::claim(signed(&w.carol), p), E::NoHousehold);
		// A per-resident programme is open to her.
		claim(&w.carol, programme(&w));
	});
}

#[test]
fn claim_after_the_supply_is_exhausted_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).supply(1).create(&w);
		claim(&w.alice, p);
		assert_noop!(Vouchers::claim(signed(&w.bob), p), E::SupplyExhausted);
	});
}

#[test]
fn office_issued_programme_cannot_be_claimed() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).allocation(Allocation::OfficeIssued).create(&w);
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::ClaimsNotOpenToResidents);
	});
}

#[test]
fn resident_holding_the_most_vouchers_cannot_claim_more() {
	build_and_execute(|| {
		let w = world();
		let four = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(4)).create(&w);
		for _ in 0..4 {
			claim(&w.alice, four);
		}
		let other = programme(&w);
		assert_noop!(Vouchers::claim(signed(&w.alice), other), E::TooManyVouchers);
		// Using one frees a place.
		let held = VouchersOf::<Test>::get(rid(&w.alice))[0];
		let r = redeem(&w.alice, held, &w.provider);
		confirm(&w.provider, r);
		claim(&w.alice, other);
	});
}

#[test]
fn claim_is_free_exactly_when_it_will_succeed() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(1)).create(&w);
		let call = Call::<Test>::claim { programme: p };
		assert!(call.is_feeless(&signed(&w.alice)));
		assert!(!call.is_feeless(&signed(&w.dave)));
		assert!(!call.is_feeless(&signed(&w.outsider)));
		assert!(!call.is_feeless(&RuntimeOrigin::root()));
		assert!(!Call::<Test>::claim { programme: 9 }.is_feeless(&signed(&w.alice)));
		claim(&w.alice, p);
		assert!(!call.is_feeless(&signed(&w.alice)));
	});
}

// ---- issue ----

#[test]
fn office_issues_one_voucher_to_each_listed_resident() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).allocation(Allocation::OfficeIssued).create(&w);
		assert_ok!(Vouchers::issue(
			signed(&w.admin),
			p,
			bounded(vec![w.alice.clone(), w.bob.clone(), w.alice.clone()])
		));
		assert_eq!(VouchersOf::<Test>::get(rid(&w.alice)).len(), 2);
		assert_eq!(VouchersOf::<Test>::get(rid(&w.bob)).len(), 1);
		assert_eq!(
			ProgrammeStatistics::<Test>::get(p),
			ProgrammeStats { issued: 3, ..Default::default() }
		);
		assert_has_event(Event::VoucherIssued {
			voucher: 0,
			programme: p,
			resident: rid(&w.alice),
		});
		assert_has_event(Event::VoucherIssued { voucher: 1, programme: p, resident: rid(&w.bob) });
		assert_last_event(Event::VoucherIssued {
			voucher: 2,
			programme: p,
			resident: rid(&w.alice),
		});
	});
}

#[test]
fn office_may_issue_in_a_claimable_programme_too() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		claim(&w.alice, p);
		assert_ok!(Vouchers::issue(signed(&w.admin), p, bounded(vec![w.alice.clone()])));
		// The limit counts both.
		assert_noop!(Vouchers::claim(signed(&w.alice), p), E::ResidentLimitReached);
		let stats = ProgrammeStatistics::<Test>::get(p);
		assert_eq!((stats.claimed, stats.issued), (1, 1));
	});
}

#[test]
fn only_the_office_admin_issues() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let list = bounded(vec![w.alice.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.alice), p, list.clone()), E::NotOfficeAdmin);
		assert_noop!(Vouchers::issue(signed(&w.other_admin), p, list), E::NotOfficeAdmin);
	});
}

#[test]
fn issuing_an_empty_list_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, bounded(vec![])), E::EmptyBatch);
	});
}

#[test]
fn issuing_in_an_unknown_programme_fails() {
	build_and_execute(|| {
		let w = world();
		let list = bounded(vec![w.alice.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), 5, list), E::UnknownProgramme);
	});
}

#[test]
fn one_bad_resident_fails_the_whole_batch() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		let list = bounded(vec![w.alice.clone(), w.outsider.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, list), E::NotResident);
		let list = bounded(vec![w.alice.clone(), w.dave.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, list), E::NotInScope);
	});
}

#[test]
fn issuing_outside_the_window_fails() {
	build_and_execute(|| {
		let w = world();
		let p = programme(&w);
		run_to(CLOSES);
		let list = bounded(vec![w.alice.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, list), E::ClaimWindowClosed);
	});
}

#[test]
fn issuing_beyond_the_supply_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).supply(2).create(&w);
		let list = bounded(vec![w.alice.clone(), w.bob.clone(), w.carol.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, list), E::SupplyExhausted);
	});
}

#[test]
fn listing_a_resident_or_household_twice_counts_against_the_limit() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(1)).create(&w);
		let twice = bounded(vec![w.alice.clone(), w.alice.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), p, twice), E::ResidentLimitReached);
		let h = NewProgramme::direct(&w).limit(ClaimLimit::PerHousehold(1)).create(&w);
		let household = bounded(vec![w.alice.clone(), w.bob.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), h, household), E::HouseholdLimitReached);
		let no_household = bounded(vec![w.carol.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), h, no_household), E::NoHousehold);
	});
}

#[test]
fn issuing_past_a_residents_bound_fails() {
	build_and_execute(|| {
		let w = world();
		let p = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(4)).create(&w);
		for _ in 0..3 {
			claim(&w.alice, p);
		}
		// Programme `q` would allow two more, but Alice has room for one.
		let q = programme(&w);
		let twice = bounded(vec![w.alice.clone(), w.alice.clone()]);
		assert_noop!(Vouchers::issue(signed(&w.admin), q, twice), E::TooManyVouchers);
		assert_ok!(Vouchers::issue(signed(&w.admin), q, bounded(vec![w.alice.clone()])));
	});
}
