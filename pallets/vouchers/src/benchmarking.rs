//! Benchmarks of every call at its worst case: the resident's lists full, the providers' list
//! longest, the batches largest, and for `redeem_offline` a `<Bytes>`-wrapped signature (checked
//! after the bare message fails). Set-up goes through the registry's and the contracts' `bench_*`
//! helpers and this pallet's own calls.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Vouchers;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{pallet_prelude::*, traits::Get};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{
	benchmarking::OffchainSigner, Amount, AwardedContracts, CommunityId, CommunityRegistry,
	OfficeId, ProgrammeId, RedemptionId, ResidentId, Scope, VoucherId, H256, WRAP_POSTFIX,
	WRAP_PREFIX,
};
use sp_runtime::traits::{IdentifyAccount, Saturating};

const SEED: u32 = 0;
/// A voucher's face value in the benchmarks: 50 yuan.
const UNIT: Amount = 5_000;

fn assert_last_event<T: Config>(event: Event<T>) {
	let event: <T as frame_system::Config>::RuntimeEvent = event.into();
	frame_system::Pallet::<T>::assert_last_event(event);
}

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn blocks<T: Config>(n: u32) -> BlockNumberFor<T> {
	n.into()
}

/// An office with its admin, one community and `providers` approved providers.
struct Scene<T: Config> {
	admin: T::AccountId,
	office: OfficeId,
	community: CommunityId,
	providers: Vec<T::AccountId>,
}

impl<T: Config> Scene<T> {
	fn new(providers: u32) -> Self {
		let admin: T::AccountId = account("admin", 0, SEED);
		let office = T::Registry::bench_office(&admin);
		{
			// Enough for many programme deposits.
			use frame_support::traits::fungible::{Inspect, Mutate};
			let plenty = T::Currency::minimum_balance()
				.saturating_add(T::ProgrammeDeposit::get().saturating_mul(1_000u32.into()));
			T::Currency::set_balance(&admin, plenty);
		}
		let community = T::Registry::bench_community(office);
		let providers = (0..providers)
			.map(|i| {
				let provider: T::AccountId = account("provider", i, SEED);
				T::Registry::bench_provider(&provider, office);
				provider
			})
			.collect();
		Scene { admin, office, community, providers }
	}

	/// A resident of the community with a household of their own.
	fn resident(&self, index: u32) -> (T::AccountId, ResidentId) {
		let who: T::AccountId = account("resident", index, SEED);
		let id = T::Registry::bench_resident(&who, self.community, Some(household(index)));
		(who, id)
	}

	fn provider(&self) -> Result<T::AccountId, BenchmarkError> {
		self.providers.last().cloned().ok_or(BenchmarkError::Stop("no provider"))
	}

	/// A direct programme in the community accepting every provider, open for claims now; it
	/// expires after 100 blocks.
	fn programme(
		&self,
		limit: ClaimLimit,
		allocation: Allocation,
		supply: u32,
	) -> Result<ProgrammeId, BenchmarkError> {
		let providers = BoundedVec::try_from(self.providers.clone())
			.map_err(|_| BenchmarkError::Stop("too many providers"))?;
		// The next block, so that residents (and their households) registered so far predate
		// the claim window, as per-household limits require.
		frame_system::Pallet::<T>::set_block_number(now::<T>().saturating_add(blocks::<T>(1)));
		let now = now::<T>();
		Vouchers::<T>::create_programme(
			RawOrigin::Signed(self.admin.clone()).into(),
			ProgrammeTerms {
				basis: ProgrammeBasis::Direct {
					scope: Scope::Community(self.community),
					providers,
				},
				service_name: BoundedVec::truncate_from(b"home care visit".to_vec()),
				unit_value: UNIT,
				limit,
				allocation,
				supply,
				claim_opens: now,
				claim_closes: now.saturating_add(blocks::<T>(10)),
				expires_at: now.saturating_add(blocks::<T>(100)),
			},
		)?;
		Ok(NextProgrammeId::<T>::get().saturating_sub(1))
	}

	/// An office-issued programme from which residents' lists are filled.
	fn filler(&self) -> Result<ProgrammeId, BenchmarkError> {
		self.programme(
			ClaimLimit::PerResident(T::MaxVouchersPerResident::get()),
			Allocation::OfficeIssued,
			u32::MAX,
		)
	}

	/// Hands `count` vouchers of `programme` (per-resident limit) to `resident`.
	fn fill(
		&self,
		programme: ProgrammeId,
		resident: ResidentId,
		count: u32,
	) -> Result<(), BenchmarkError> {
		let grant = Grant {
			programme,
			office: self.office,
			resident,
			beneficiary: Beneficiary::Resident(resident),
		};
		for _ in 0..count {
			Vouchers::<T>::apply_grant(&grant, GrantKind::Issued)?;
		}
		Ok(())
	}

	/// Gives `who` `MaxRecentRedemptions` confirmed redemptions, so the next one evicts one.
	fn fill_recent(&self, who: &T::AccountId) -> Result<(), BenchmarkError> {
		let provider = self.provider()?;
		for _ in 0..T::MaxRecentRedemptions::get() {
			Vouchers::<T>::bench_redemption(self.office, who, &provider)?;
		}
		Ok(())
	}
}

fn household(index: u32) -> H256 {
	// `H256::from_low_u64_be` needs `byteorder`, which the no_std runtime build lacks.
	let mut hash = [0u8; 32];
	hash[24..].copy_from_slice(&(u64::from(index) + 1).to_be_bytes());
	H256(hash)
}

fn last_voucher<T: Config>() -> VoucherId {
	NextVoucherId::<T>::get().saturating_sub(1)
}

fn last_redemption<T: Config>() -> RedemptionId {
	NextRedemptionId::<T>::get().saturating_sub(1)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A direct programme with `p` providers (each checked for approval), an `Entitlement`
	/// supply check, the longest name, and the office's index one short of full.
	#[benchmark]
	fn create_programme(p: Linear<1, { T::MaxProviders::get() }>) -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(p);
		// Another resident makes the supply check multiply by something.
		s.resident(0);
		for _ in 1..T::MaxOpenProgrammes::get() {
			s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		}
		let providers = BoundedVec::try_from(s.providers.clone())
			.map_err(|_| BenchmarkError::Stop("too many providers"))?;
		let name = BoundedVec::try_from(vec![b'x'; T::MaxServiceNameLen::get() as usize])
			.map_err(|_| BenchmarkError::Stop("name too long"))?;
		let scope = Scope::Community(s.community);
		let now = now::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.admin.clone()),
			ProgrammeTerms {
				basis: ProgrammeBasis::Direct { scope, providers },
				service_name: name,
				unit_value: UNIT,
				limit: ClaimLimit::PerHousehold(1),
				allocation: Allocation::Entitlement,
				supply: 1_000,
				claim_opens: now,
				claim_closes: now.saturating_add(blocks::<T>(10)),
				expires_at: now.saturating_add(blocks::<T>(100)),
			},
		);

		assert_last_event::<T>(Event::ProgrammeCreated {
			programme: NextProgrammeId::<T>::get() - 1,
			office: s.office,
			scope,
			project: None,
			unit_value: UNIT,
			limit: ClaimLimit::PerHousehold(1),
			allocation: Allocation::Entitlement,
			supply: 1_000,
		});
		Ok(())
	}

	/// A programme delivering an award (the award and its usage read, the winning provider
	/// checked for approval), with an `Entitlement` supply check, the longest name, the award
	/// already funding `MaxProgrammesPerAward - 1` programmes and the office's index one short of
	/// full.
	#[benchmark]
	fn create_programme_from_award() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		s.resident(0);
		let scope = Scope::Community(s.community);
		let project = T::Contracts::bench_award(s.office, scope, &s.provider()?);
		let terms = |supply: u32, name: Vec<u8>| {
			let now = now::<T>();
			ProgrammeTerms::<T> {
				basis: ProgrammeBasis::Award { project },
				service_name: BoundedVec::truncate_from(name),
				unit_value: UNIT,
				limit: ClaimLimit::PerHousehold(1),
				allocation: Allocation::Entitlement,
				supply,
				claim_opens: now,
				claim_closes: now.saturating_add(blocks::<T>(10)),
				expires_at: now.saturating_add(blocks::<T>(100)),
			}
		};
		// Earlier programmes of the same award; then direct ones fill the office's index.
		let earlier = T::MaxProgrammesPerAward::get().saturating_sub(1);
		for _ in 0..earlier {
			Vouchers::<T>::create_programme(
				RawOrigin::Signed(s.admin.clone()).into(),
				terms(1, b"earlier".to_vec()),
			)?;
		}
		for _ in earlier.saturating_add(1)..T::MaxOpenProgrammes::get() {
			s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		}
		let terms = terms(100, vec![b'x'; T::MaxServiceNameLen::get() as usize]);

		#[extrinsic_call]
		create_programme(RawOrigin::Signed(s.admin.clone()), terms);

		assert_last_event::<T>(Event::ProgrammeCreated {
			programme: NextProgrammeId::<T>::get() - 1,
			office: s.office,
			scope,
			project: Some(project),
			unit_value: UNIT,
			limit: ClaimLimit::PerHousehold(1),
			allocation: Allocation::Entitlement,
			supply: 100,
		});
		assert_eq!(AwardUsage::<T>::get(project).programmes, T::MaxProgrammesPerAward::get());
		Ok(())
	}

	/// A per-household claim by a resident who holds one voucher fewer than the bound.
	#[benchmark]
	fn claim() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let (who, id) = s.resident(0);
		let filler = s.filler()?;
		s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
		let programme = s.programme(ClaimLimit::PerHousehold(1), Allocation::Entitlement, 1_000)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), programme);

		assert_last_event::<T>(Event::VoucherClaimed {
			voucher: last_voucher::<T>(),
			programme,
			resident: id,
		});
		Ok(())
	}

	/// Issuing to `n` residents, each holding one voucher fewer than the bound.
	#[benchmark]
	fn issue(n: Linear<1, { T::MaxIssueBatch::get() }>) -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let filler = s.filler()?;
		let mut residents = Vec::new();
		let mut last = 0;
		for i in 0..n {
			let (who, id) = s.resident(i);
			s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
			residents.push(who);
			last = id;
		}
		let programme = s.programme(ClaimLimit::PerHousehold(1), Allocation::OfficeIssued, n)?;
		let residents =
			BoundedVec::try_from(residents).map_err(|_| BenchmarkError::Stop("batch too long"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(s.admin.clone()), programme, residents);

		assert_last_event::<T>(Event::VoucherIssued {
			voucher: last_voucher::<T>(),
			programme,
			resident: last,
		});
		Ok(())
	}

	/// Redeeming with the last of `MaxProviders` accepted providers.
	#[benchmark]
	fn redeem() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(T::MaxProviders::get());
		let (who, id) = s.resident(0);
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who), voucher, provider.clone());

		assert_last_event::<T>(Event::VoucherRedeemed {
			voucher,
			redemption: last_redemption::<T>(),
			resident: id,
			provider,
			offline: false,
		});
		Ok(())
	}

	/// Confirming when the resident's list is full and their recent redemptions too.
	#[benchmark]
	fn confirm() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let (who, id) = s.resident(0);
		s.fill_recent(&who)?;
		let filler = s.filler()?;
		s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;
		Vouchers::<T>::redeem(RawOrigin::Signed(who).into(), voucher, provider.clone())?;
		let redemption = last_redemption::<T>();
		let service_record = H256::repeat_byte(7);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), redemption, service_record);

		assert_last_event::<T>(Event::RedemptionConfirmed {
			redemption,
			voucher,
			provider,
			service_record,
		});
		Ok(())
	}

	/// Cancelling after the timeout, with the resident's list full.
	#[benchmark]
	fn cancel_redemption() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let (who, id) = s.resident(0);
		let filler = s.filler()?;
		s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;
		Vouchers::<T>::redeem(RawOrigin::Signed(who.clone()).into(), voucher, provider.clone())?;
		let redemption = last_redemption::<T>();
		frame_system::Pallet::<T>::set_block_number(
			now::<T>().saturating_add(T::RedemptionTimeout::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), redemption);

		assert_last_event::<T>(Event::RedemptionCancelled {
			redemption,
			voucher,
			resident: id,
			provider,
		});
		Ok(())
	}

	/// The check that decides whether `claim` is free (its `feeless_if`), run alone, for
	/// `claim`'s worst case: the transaction extension runs it before the call, and the runtime
	/// charges it.
	#[benchmark]
	fn feeless_claim() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let (who, id) = s.resident(0);
		let filler = s.filler()?;
		s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
		let programme = s.programme(ClaimLimit::PerHousehold(1), Allocation::Entitlement, 1_000)?;
		let free;

		#[block]
		{
			free = Vouchers::<T>::ensure_claim(&who, programme).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// The check that decides whether `redeem` is free, run alone, for `redeem`'s worst case.
	#[benchmark]
	fn feeless_redeem() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(T::MaxProviders::get());
		let (who, _) = s.resident(0);
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;
		let free;

		#[block]
		{
			free = Vouchers::<T>::ensure_redeem(&who, voucher, &provider).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// The check that decides whether `cancel_redemption` is free, run alone.
	#[benchmark]
	fn feeless_cancel_redemption() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let (who, _) = s.resident(0);
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;
		Vouchers::<T>::redeem(RawOrigin::Signed(who.clone()).into(), voucher, provider)?;
		let redemption = last_redemption::<T>();
		frame_system::Pallet::<T>::set_block_number(
			now::<T>().saturating_add(T::RedemptionTimeout::get()),
		);
		let free;

		#[block]
		{
			free = Vouchers::<T>::ensure_cancel(&who, redemption).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// An offline redemption with the last of `MaxProviders` providers, a wrapped signature
	/// (two verifications), the resident's list and recent redemptions full.
	#[benchmark]
	fn redeem_offline() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(T::MaxProviders::get());
		// The same index gives the same key: one to sign with, one to make the account.
		let public = T::BenchmarkSigner::generate(0);
		let who: T::AccountId = T::BenchmarkSigner::generate(0).into_account();
		let id = T::Registry::bench_resident(&who, s.community, Some(household(0)));
		s.fill_recent(&who)?;
		let filler = s.filler()?;
		s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::FirstCome, 1)?;
		Vouchers::<T>::claim(RawOrigin::Signed(who.clone()).into(), programme)?;
		let voucher = last_voucher::<T>();
		let provider = s.provider()?;
		let deadline = now::<T>().saturating_add(T::MaxSignatureValidity::get());
		let message = Vouchers::<T>::offline_redemption_message(voucher, &provider, deadline);
		let wrapped = [WRAP_PREFIX, &message[..], WRAP_POSTFIX].concat();
		let signature = T::BenchmarkSigner::sign(&public, &wrapped);
		let service_record = H256::repeat_byte(7);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), voucher, deadline, service_record, signature);

		assert_last_event::<T>(Event::RedemptionConfirmed {
			redemption: last_redemption::<T>(),
			voucher,
			provider,
			service_record,
		});
		Ok(())
	}

	/// Settling `n` confirmed redemptions of one programme.
	#[benchmark]
	fn settle(n: Linear<1, { T::MaxSettleBatch::get() }>) -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let provider = s.provider()?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::OfficeIssued, n)?;
		let mut redemptions = Vec::new();
		for i in 0..n {
			let (who, id) = s.resident(i);
			s.fill(programme, id, 1)?;
			let voucher = last_voucher::<T>();
			Vouchers::<T>::redeem(RawOrigin::Signed(who).into(), voucher, provider.clone())?;
			let redemption = last_redemption::<T>();
			Vouchers::<T>::confirm(
				RawOrigin::Signed(provider.clone()).into(),
				redemption,
				H256::repeat_byte(7),
			)?;
			redemptions.push(redemption);
		}
		let redemptions = BoundedVec::try_from(redemptions)
			.map_err(|_| BenchmarkError::Stop("batch too long"))?;
		let amount = UNIT * Amount::from(n);
		let payment_reference = H256::repeat_byte(9);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.admin.clone()),
			provider.clone(),
			redemptions,
			amount,
			payment_reference,
		);

		assert_last_event::<T>(Event::Settled {
			settlement: NextSettlementId::<T>::get() - 1,
			office: s.office,
			programme,
			provider,
			count: n,
			amount,
			payment_reference,
		});
		Ok(())
	}

	/// Marking `n` vouchers expired, each held by a different resident whose list is full.
	#[benchmark]
	fn mark_expired(n: Linear<1, { T::MaxExpireBatch::get() }>) -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let filler = s.filler()?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::OfficeIssued, n)?;
		let mut vouchers = Vec::new();
		for i in 0..n {
			let (_, id) = s.resident(i);
			s.fill(filler, id, T::MaxVouchersPerResident::get() - 1)?;
			s.fill(programme, id, 1)?;
			vouchers.push(last_voucher::<T>());
		}
		let vouchers =
			BoundedVec::try_from(vouchers).map_err(|_| BenchmarkError::Stop("batch too long"))?;
		let expires_at = Programmes::<T>::get(programme).ok_or("no programme")?.expires_at;
		frame_system::Pallet::<T>::set_block_number(expires_at);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), programme, vouchers);

		assert_last_event::<T>(Event::VouchersExpired { programme, count: n });
		Ok(())
	}

	/// Releasing the deposit of an expired programme whose only voucher was marked expired.
	#[benchmark]
	fn release_programme_deposit() -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::OfficeIssued, 1)?;
		let (_, id) = s.resident(0);
		s.fill(programme, id, 1)?;
		let voucher = last_voucher::<T>();
		let expires_at = Programmes::<T>::get(programme).ok_or("no programme")?.expires_at;
		frame_system::Pallet::<T>::set_block_number(expires_at);
		let caller: T::AccountId = whitelisted_caller();
		Vouchers::<T>::mark_expired(
			RawOrigin::Signed(caller.clone()).into(),
			programme,
			BoundedVec::truncate_from(vec![voucher]),
		)
		.map_err(|_| BenchmarkError::Stop("cannot mark expired"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), programme);

		assert!(!ProgrammeDeposits::<T>::contains_key(programme));
		Ok(())
	}

	/// Reaping `n` vouchers of a finished programme, each settled (so each with a redemption
	/// entry and a place in its resident's recent redemptions) and held by a different resident;
	/// the received counts are left for a later batch.
	#[benchmark]
	fn reap_vouchers(n: Linear<1, { T::MaxReapBatch::get() }>) -> Result<(), BenchmarkError> {
		let s = Scene::<T>::new(1);
		let provider = s.provider()?;
		let programme = s.programme(ClaimLimit::PerResident(1), Allocation::OfficeIssued, n)?;
		let mut redemptions = Vec::new();
		for i in 0..n {
			let (who, id) = s.resident(i);
			s.fill(programme, id, 1)?;
			let voucher = last_voucher::<T>();
			Vouchers::<T>::redeem(RawOrigin::Signed(who).into(), voucher, provider.clone())?;
			let redemption = last_redemption::<T>();
			Vouchers::<T>::confirm(
				RawOrigin::Signed(provider.clone()).into(),
				redemption,
				H256::repeat_byte(7),
			)?;
			redemptions.push(redemption);
		}
		for batch in redemptions.chunks(T::MaxSettleBatch::get() as usize) {
			let count = batch.len() as u32;
			Vouchers::<T>::settle(
				RawOrigin::Signed(s.admin.clone()).into(),
				provider.clone(),
				BoundedVec::try_from(batch.to_vec())
					.map_err(|_| BenchmarkError::Stop("batch too long"))?,
				UNIT * Amount::from(count),
				H256::repeat_byte(9),
			)?;
		}
		let expires_at = Programmes::<T>::get(programme).ok_or("no programme")?.expires_at;
		frame_system::Pallet::<T>::set_block_number(expires_at);
		let caller: T::AccountId = whitelisted_caller();
		Vouchers::<T>::release_programme_deposit(
			RawOrigin::Signed(caller.clone()).into(),
			programme,
		)?;
		frame_system::Pallet::<T>::set_block_number(
			expires_at.saturating_add(T::RetentionPeriod::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), programme, n);

		assert_last_event::<T>(Event::VouchersReaped {
			programme,
			vouchers: n,
			received: 0,
			complete: false,
		});
		assert_eq!(ReapedRecords::<T>::get(programme).settled, n);
		Ok(())
	}

	/// Reaping a provider's per-day counters of `n` days, every day with a counter.
	#[benchmark]
	fn reap_redemptions_per_day(
		n: Linear<1, { T::MaxReapBatch::get() }>,
	) -> Result<(), BenchmarkError> {
		let provider: T::AccountId = account("provider", 0, SEED);
		for day in 0..n {
			RedemptionsPerDay::<T>::insert(&provider, day, 1);
		}
		ProviderStatistics::<T>::insert(
			&provider,
			ProviderStats { redemptions: n, confirmations: n, ..Default::default() },
		);
		frame_system::Pallet::<T>::set_block_number(
			T::BlocksPerDay::get()
				.saturating_mul(n.into())
				.saturating_add(T::DailyCountRetention::get()),
		);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), provider.clone(), n);

		assert_last_event::<T>(Event::DailyCountsReaped {
			provider,
			days: n,
			removed: n,
			before_day: n,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Vouchers, crate::mock::new_test_ext(), crate::mock::Test);
}
