//! Unit tests, by theme. Every test runs in `build_and_execute`, which checks the pallet's
//! invariants (`do_try_state`) afterwards.

use crate::{
	mock::*, Allocation, ClaimLimit, Error, Event, NextProgrammeId, NextRedemptionId,
	NextVoucherId, ProgrammeBasis, ProgrammeTerms, VoucherState, VoucherStateOf,
};
use frame_support::{assert_ok, BoundedVec};
use gongzhi_primitives::{
	Amount, CommunityId, CommunityRegistry, OfficeId, ProgrammeId, RedemptionId, ResidentId, Scope,
	VoucherId, H256,
};
use sp_runtime::DispatchResult;

mod claims;
mod offline;
mod programmes;
mod redemption;
mod retention;
mod settlement;
mod trust;
mod views_and_expiry;

/// The claim window of the default programme is `[OPENS, CLOSES)`; it expires at `EXPIRES`.
pub const OPENS: BlockNumber = 1;
pub const CLOSES: BlockNumber = 21;
pub const EXPIRES: BlockNumber = 101;
/// The default unit value: 50 yuan.
pub const UNIT: Amount = 5_000;

pub type E = Error<Test>;

pub fn household(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// One office with two communities and two providers; Alice and Bob share a household, Carol
/// has none, Erin lives in the office's other community, Dave in another office.
pub struct World {
	pub admin: AccountId,
	pub office: OfficeId,
	pub community: CommunityId,
	pub other_community: CommunityId,
	pub provider: AccountId,
	pub provider2: AccountId,
	pub alice: AccountId,
	pub bob: AccountId,
	pub carol: AccountId,
	pub erin: AccountId,
	pub dave: AccountId,
	pub other_admin: AccountId,
	pub other_office: OfficeId,
	/// Registered nowhere.
	pub outsider: AccountId,
}

pub fn world() -> World {
	let admin = account("admin");
	let office = MockRegistry::add_office(&admin);
	endow(&admin);
	let community = MockRegistry::add_community(office);
	let other_community = MockRegistry::add_community(office);
	let provider = account("provider");
	MockRegistry::add_provider(&provider, office);
	let provider2 = account("provider2");
	MockRegistry::add_provider(&provider2, office);
	let alice = account("alice");
	MockRegistry::add_resident_with_household(&alice, community, Some(household(1)));
	let bob = account("bob");
	MockRegistry::add_resident_with_household(&bob, community, Some(household(1)));
	let carol = account("carol");
	MockRegistry::add_resident_with_household(&carol, community, None);
	let erin = account("erin");
	MockRegistry::add_resident_with_household(&erin, other_community, Some(household(3)));
	let other_admin = account("other-admin");
	let other_office = MockRegistry::add_office(&other_admin);
	endow(&other_admin);
	let dave = account("dave");
	MockRegistry::add_resident_with_household(
		&dave,
		MockRegistry::add_community(other_office),
		Some(household(2)),
	);
	World {
		admin,
		office,
		community,
		other_community,
		provider,
		provider2,
		alice,
		bob,
		carol,
		erin,
		dave,
		other_admin,
		other_office,
		outsider: account("outsider"),
	}
}

pub fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// `who`'s resident number.
pub fn rid(who: &AccountId) -> ResidentId {
	MockRegistry::resident(who).expect("a resident").id
}

pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

pub fn bounded<T, S: frame_support::traits::Get<u32>>(v: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::try_from(v).map_err(|_| ()).expect("within the bound")
}

/// A programme to create, with defaults that work: a direct programme for `community`
/// accepting both providers, 2 vouchers per resident, first come, supply 100.
#[derive(Clone)]
pub struct NewProgramme {
	pub basis: ProgrammeBasis<Test>,
	pub name: Vec<u8>,
	pub unit_value: Amount,
	pub limit: ClaimLimit,
	pub allocation: Allocation,
	pub supply: u32,
	pub opens: BlockNumber,
	pub closes: BlockNumber,
	pub expires: BlockNumber,
}

impl NewProgramme {
	pub fn direct(w: &World) -> Self {
		NewProgramme {
			basis: ProgrammeBasis::Direct {
				scope: Scope::Community(w.community),
				providers: bounded(vec![w.provider.clone(), w.provider2.clone()]),
			},
			name: b"home care visit".to_vec(),
			unit_value: UNIT,
			limit: ClaimLimit::PerResident(2),
			allocation: Allocation::FirstCome,
			supply: 100,
			opens: OPENS,
			closes: CLOSES,
			expires: EXPIRES,
		}
	}

	pub fn limit(mut self, limit: ClaimLimit) -> Self {
		self.limit = limit;
		self
	}

	pub fn allocation(mut self, allocation: Allocation) -> Self {
		self.allocation = allocation;
		self
	}

	pub fn supply(mut self, supply: u32) -> Self {
		self.supply = supply;
		self
	}

	pub fn scope(mut self, scope: Scope) -> Self {
		if let ProgrammeBasis::Direct { providers, .. } = self.basis {
			self.basis = ProgrammeBasis::Direct { scope, providers };
		}
		self
	}

	pub fn providers(mut self, list: Vec<AccountId>) -> Self {
		if let ProgrammeBasis::Direct { scope, .. } = self.basis {
			self.basis = ProgrammeBasis::Direct { scope, providers: bounded(list) };
		}
		self
	}

	pub fn window(mut self, opens: BlockNumber, closes: BlockNumber, expires: BlockNumber) -> Self {
		self.opens = opens;
		self.closes = closes;
		self.expires = expires;
		self
	}

	/// The terms `create_programme` is given.
	pub fn terms(&self) -> ProgrammeTerms<Test> {
		ProgrammeTerms {
			basis: self.basis.clone(),
			service_name: bounded(self.name.clone()),
			unit_value: self.unit_value,
			limit: self.limit,
			allocation: self.allocation,
			supply: self.supply,
			claim_opens: self.opens,
			claim_closes: self.closes,
			expires_at: self.expires,
		}
	}

	pub fn create_by(&self, who: &AccountId) -> DispatchResult {
		Vouchers::create_programme(signed(who), self.terms())
	}

	/// Creates it as the office admin; returns its number.
	pub fn create(&self, w: &World) -> ProgrammeId {
		assert_ok!(self.create_by(&w.admin));
		NextProgrammeId::<Test>::get() - 1
	}
}

/// The default programme.
pub fn programme(w: &World) -> ProgrammeId {
	NewProgramme::direct(w).create(w)
}

pub fn claim(who: &AccountId, programme: ProgrammeId) -> VoucherId {
	assert_ok!(Vouchers::claim(signed(who), programme));
	NextVoucherId::<Test>::get() - 1
}

pub fn redeem(who: &AccountId, voucher: VoucherId, provider: &AccountId) -> RedemptionId {
	assert_ok!(Vouchers::redeem(signed(who), voucher, provider.clone()));
	NextRedemptionId::<Test>::get() - 1
}

pub fn confirm(provider: &AccountId, redemption: RedemptionId) {
	assert_ok!(Vouchers::confirm(signed(provider), redemption, H256::repeat_byte(0xaa)));
}

/// A confirmed redemption by `who` with `provider` in `programme`; returns (voucher, redemption).
pub fn confirmed(
	who: &AccountId,
	programme: ProgrammeId,
	provider: &AccountId,
) -> (VoucherId, RedemptionId) {
	let voucher = claim(who, programme);
	let redemption = redeem(who, voucher, provider);
	confirm(provider, redemption);
	(voucher, redemption)
}

pub fn state(voucher: VoucherId) -> VoucherStateOf<Test> {
	crate::Vouchers::<Test>::get(voucher).expect("a voucher").state
}

pub fn assert_last_event(event: Event<Test>) {
	System::assert_last_event(RuntimeEvent::Vouchers(event));
}

pub fn assert_has_event(event: Event<Test>) {
	System::assert_has_event(RuntimeEvent::Vouchers(event));
}
