//! Creating programmes: who may, what is checked, the award path, the supply rule and the
//! office's index of open programmes.

use super::*;
use crate::{OpenProgrammes, ProgrammeStatistics, Programmes, ServiceNames};
use codec::{Decode, Encode};
use frame_support::assert_noop;

#[test]
fn office_admin_creates_a_direct_programme() {
	build_and_execute(|| {
		let w = world();
		let id = programme(&w);
		let p = Programmes::<Test>::get(id).unwrap();
		assert_eq!(p.office, w.office);
		assert_eq!(p.scope, Scope::Community(w.community));
		assert_eq!(p.project, None);
		assert_eq!(p.unit_value, UNIT);
		assert_eq!(p.limit, ClaimLimit::PerResident(2));
		assert_eq!(p.allocation, Allocation::FirstCome);
		assert_eq!(p.supply, 100);
		assert_eq!((p.claim_opens, p.claim_closes, p.expires_at), (OPENS, CLOSES, EXPIRES));
		assert_eq!(p.providers.to_vec(), vec![w.provider.clone(), w.provider2.clone()]);
		assert_eq!(ServiceNames::<Test>::get(id).unwrap().to_vec(), b"home care visit".to_vec());
		assert_eq!(OpenProgrammes::<Test>::get(w.office).to_vec(), vec![(id, CLOSES)]);
		assert_eq!(ProgrammeStatistics::<Test>::get(id), Default::default());
		assert_last_event(Event::ProgrammeCreated {
			programme: id,
			office: w.office,
			scope: Scope::Community(w.community),
			project: None,
			unit_value: UNIT,
			limit: ClaimLimit::PerResident(2),
			allocation: Allocation::FirstCome,
			supply: 100,
		});
	});
}

#[test]
fn award_programme_takes_office_scope_and_provider_from_the_award() {
	build_and_execute(|| {
		let w = world();
		let project = add_award(w.office, Scope::Office(w.office), &w.provider2);
		let mut new = NewProgramme::direct(&w);
		new.basis = ProgrammeBasis::Award { project };
		let id = new.create(&w);
		let p = Programmes::<Test>::get(id).unwrap();
		assert_eq!(p.office, w.office);
		assert_eq!(p.scope, Scope::Office(w.office));
		assert_eq!(p.project, Some(project));
		assert_eq!(p.providers.to_vec(), vec![w.provider2.clone()]);
	});
}

#[test]
fn award_of_another_office_fails() {
	build_and_execute(|| {
		let w = world();
		let project = add_award(w.other_office, Scope::Office(w.other_office), &w.provider);
		let mut new = NewProgramme::direct(&w);
		new.basis = ProgrammeBasis::Award { project };
		assert_noop!(new.create_by(&w.admin), E::NotOfficeAdmin);
	});
}

#[test]
fn unknown_project_fails() {
	build_and_execute(|| {
		let w = world();
		let mut new = NewProgramme::direct(&w);
		new.basis = ProgrammeBasis::Award { project: 77 };
		assert_noop!(new.create_by(&w.admin), E::UnknownProject);
	});
}

#[test]
fn award_with_a_suspended_provider_fails() {
	build_and_execute(|| {
		let w = world();
		let project = add_award(w.office, Scope::Office(w.office), &w.provider);
		MockRegistry::suspend_provider(&w.provider, w.office);
		let mut new = NewProgramme::direct(&w);
		new.basis = ProgrammeBasis::Award { project };
		assert_noop!(new.create_by(&w.admin), E::ProviderNotApproved);
	});
}

#[test]
fn unknown_or_retired_scope_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).scope(Scope::Community(99));
		assert_noop!(new.create_by(&w.admin), E::UnknownScope);
		MockRegistry::retire_office(w.office);
		let new = NewProgramme::direct(&w);
		assert_noop!(new.create_by(&w.admin), E::UnknownScope);
	});
}

#[test]
fn only_the_office_admin_creates() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w);
		assert_noop!(new.create_by(&w.alice), E::NotOfficeAdmin);
		assert_noop!(new.create_by(&w.other_admin), E::NotOfficeAdmin);
	});
}

#[test]
fn empty_service_name_fails() {
	build_and_execute(|| {
		let w = world();
		let mut new = NewProgramme::direct(&w);
		new.name = vec![];
		assert_noop!(new.create_by(&w.admin), E::EmptyServiceName);
	});
}

#[test]
fn zero_unit_value_fails() {
	build_and_execute(|| {
		let w = world();
		let mut new = NewProgramme::direct(&w);
		new.unit_value = 0;
		assert_noop!(new.create_by(&w.admin), E::ZeroUnitValue);
	});
}

#[test]
fn zero_limit_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).limit(ClaimLimit::PerHousehold(0));
		assert_noop!(new.create_by(&w.admin), E::ZeroLimit);
	});
}

#[test]
fn limit_above_the_per_resident_bound_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).limit(ClaimLimit::PerResident(5));
		assert_noop!(new.create_by(&w.admin), E::LimitTooHigh);
		assert_ok!(NewProgramme::direct(&w).limit(ClaimLimit::PerResident(4)).create_by(&w.admin));
	});
}

#[test]
fn zero_supply_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).supply(0);
		assert_noop!(new.create_by(&w.admin), E::ZeroSupply);
	});
}

#[test]
fn claim_window_must_open_before_it_closes() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).window(10, 10, 100);
		assert_noop!(new.create_by(&w.admin), E::InvalidClaimWindow);
	});
}

#[test]
fn claim_window_already_over_fails() {
	build_and_execute(|| {
		let w = world();
		run_to(CLOSES);
		assert_noop!(NewProgramme::direct(&w).create_by(&w.admin), E::ClaimWindowInPast);
	});
}

#[test]
fn expiry_before_the_claim_window_closes_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).window(OPENS, CLOSES, CLOSES - 1);
		assert_noop!(new.create_by(&w.admin), E::ExpiryBeforeClaimCloses);
		assert_ok!(NewProgramme::direct(&w).window(OPENS, CLOSES, CLOSES).create_by(&w.admin));
	});
}

#[test]
fn direct_programme_without_providers_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).providers(vec![]);
		assert_noop!(new.create_by(&w.admin), E::NoProviders);
	});
}

#[test]
fn duplicate_provider_fails() {
	build_and_execute(|| {
		let w = world();
		let new = NewProgramme::direct(&w).providers(vec![w.provider.clone(), w.provider.clone()]);
		assert_noop!(new.create_by(&w.admin), E::DuplicateProvider);
	});
}

#[test]
fn provider_not_approved_in_the_office_fails() {
	build_and_execute(|| {
		let w = world();
		let stranger = account("stranger");
		MockRegistry::add_provider(&stranger, w.other_office);
		let new = NewProgramme::direct(&w).providers(vec![w.provider.clone(), stranger]);
		assert_noop!(new.create_by(&w.admin), E::ProviderNotApproved);
		MockRegistry::suspend_provider(&w.provider2, w.office);
		let new = NewProgramme::direct(&w);
		assert_noop!(new.create_by(&w.admin), E::ProviderNotApproved);
	});
}

#[test]
fn entitlement_supply_must_cover_every_resident_in_scope() {
	build_and_execute(|| {
		let w = world();
		// Alice, Bob and Carol live in the community: 2 × 3 = 6 vouchers are needed.
		let new = NewProgramme::direct(&w).allocation(Allocation::Entitlement).supply(5);
		assert_noop!(new.create_by(&w.admin), E::InsufficientSupply);
		assert_ok!(new.clone().supply(6).create_by(&w.admin));
		// The office's scope holds Erin too: 2 × 4 = 8.
		let new = new.scope(Scope::Office(w.office)).supply(7);
		assert_noop!(new.create_by(&w.admin), E::InsufficientSupply);
	});
}

#[test]
fn first_come_and_office_issued_programmes_may_have_a_smaller_supply() {
	build_and_execute(|| {
		let w = world();
		assert_ok!(NewProgramme::direct(&w).supply(1).create_by(&w.admin));
		let new = NewProgramme::direct(&w).allocation(Allocation::OfficeIssued).supply(1);
		assert_ok!(new.create_by(&w.admin));
	});
}

#[test]
fn open_programme_index_is_bounded_and_pruned_when_windows_close() {
	build_and_execute(|| {
		let w = world();
		for _ in 0..3 {
			programme(&w);
		}
		assert_noop!(NewProgramme::direct(&w).create_by(&w.admin), E::TooManyOpenProgrammes);
		// Office-issued programmes are not claimable, so they don't count.
		let issued = NewProgramme::direct(&w).allocation(Allocation::OfficeIssued).create(&w);
		assert!(!OpenProgrammes::<Test>::get(w.office).iter().any(|(id, _)| *id == issued));
		// Once the windows have closed, a new programme takes their place.
		run_to(CLOSES);
		let later = NewProgramme::direct(&w).window(CLOSES, CLOSES + 20, EXPIRES).create(&w);
		assert_eq!(OpenProgrammes::<Test>::get(w.office).to_vec(), vec![(later, CLOSES + 20)]);
	});
}

#[test]
fn over_long_name_or_batch_cannot_even_be_decoded() {
	build_and_execute(|| {
		let w = world();
		// Call `issue` (call 2 of this pallet) with `n` residents.
		let pallet = <Vouchers as frame_support::traits::PalletInfoAccess>::index() as u8;
		let issue = |n: usize| {
			let mut bytes = vec![pallet, 2u8];
			0u32.encode_to(&mut bytes);
			vec![w.alice.clone(); n].encode_to(&mut bytes);
			bytes
		};
		assert!(RuntimeCall::decode(&mut &issue(6)[..]).is_ok());
		assert!(RuntimeCall::decode(&mut &issue(7)[..]).is_err());
		type Name = BoundedVec<u8, <Test as crate::Config>::MaxServiceNameLen>;
		assert!(Name::decode(&mut &vec![b'x'; 32].encode()[..]).is_ok());
		assert!(Name::decode(&mut &vec![b'x'; 33].encode()[..]).is_err());
	});
}
