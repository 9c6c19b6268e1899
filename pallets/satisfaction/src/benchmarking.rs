//! Benchmarks (v2): every call at its worst case, set up through the `bench_*` helpers of
//! `CommunityRegistry` and `Redemptions`.
//!
//! The worst case of the case transitions is a case in the middle of its provider's queue of
//! unanswered cases (leaving it rewrites both neighbours) acted on after its deadline (so it is
//! first moved to `Overdue`, then on).

use super::*;
use crate::Pallet as Satisfaction;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gongzhi_primitives::{
	CommunityId, CommunityRegistry, OfficeId, RedemptionId, Redemptions, H256,
};
use sp_runtime::traits::{One, Saturating};

const SEED: u32 = 0;

/// An office with a community, an approved provider, and residents served by it on demand.
struct Scene<T: Config> {
	office: OfficeId,
	admin: T::AccountId,
	community: CommunityId,
	provider: T::AccountId,
	residents: u32,
}

impl<T: Config> Scene<T> {
	fn new() -> Self {
		frame_system::Pallet::<T>::set_block_number(One::one());
		let admin: T::AccountId = account("admin", 0, SEED);
		let office = T::Registry::bench_office(&admin);
		let community = T::Registry::bench_community(office);
		let provider: T::AccountId = account("provider", 0, SEED);
		T::Registry::bench_provider(&provider, office);
		Self { office, admin, community, provider, residents: 0 }
	}

	/// A new resident with a redemption the provider confirmed now.
	fn served(&mut self) -> (T::AccountId, RedemptionId) {
		let who: T::AccountId = account("resident", self.residents, SEED);
		self.residents += 1;
		T::Registry::bench_resident(&who, self.community, None);
		let redemption =
			T::Redemptions::bench_confirmed_redemption(self.office, &who, &self.provider);
		(who, redemption)
	}

	/// A new resident's bad rating: opens a case at the tail of the provider's queue.
	fn bad_rating(&mut self) -> Result<RedemptionId, BenchmarkError> {
		let (who, redemption) = self.served();
		Satisfaction::<T>::rate(
			RawOrigin::Signed(who).into(),
			redemption,
			1,
			Some(H256::repeat_byte(1)),
		)?;
		Ok(redemption)
	}

	/// Three open cases; returns the middle one.
	fn middle_case(&mut self) -> Result<CaseId, BenchmarkError> {
		self.bad_rating()?;
		let middle = self.bad_rating()?;
		self.bad_rating()?;
		Ok(middle)
	}
}

/// Moves past the response deadline of every case opened so far.
fn past_deadline<T: Config>() {
	let now = frame_system::Pallet::<T>::block_number();
	frame_system::Pallet::<T>::set_block_number(
		now.saturating_add(T::ResponseDeadline::get()).saturating_add(One::one()),
	);
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(event.into());
}

fn is_overdue<T: Config>(case: CaseId) -> bool {
	Cases::<T>::get(case).is_some_and(|c| c.state.is_late())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `b` = 1: a bad rating, which opens a case and links it after an open one; `b` = 0: a good
	/// rating (the weight refunded to it).
	#[benchmark]
	fn rate(b: Linear<0, 1>) -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		scene.bad_rating()?;
		let (who, redemption) = scene.served();
		let resident = T::Registry::resident(&who).ok_or("no resident")?.id;
		let score = if b == 1 { 1 } else { 5 };
		let comment = Some(H256::repeat_byte(2));

		#[extrinsic_call]
		_(RawOrigin::Signed(who), redemption, score, comment);

		let rating = Ratings::<T>::get(redemption).ok_or("not rated")?;
		assert_eq!(rating.score, score);
		if b == 1 {
			let deadline: BlockNumberFor<T> = frame_system::Pallet::<T>::block_number()
				.saturating_add(T::ResponseDeadline::get());
			assert_last_event::<T>(Event::CaseOpened {
				case: redemption,
				provider: scene.provider,
				deadline,
			});
		} else {
			assert!(!Cases::<T>::contains_key(redemption));
			assert_last_event::<T>(Event::Rated {
				redemption,
				resident,
				provider: scene.provider,
				programme: rating.programme,
				score,
				comment,
			});
		}
		Ok(())
	}

	/// The check that decides whether `rate` is free (its `feeless_if`), run alone, for
	/// `rate`'s worst case: the transaction extension runs it before the call, and the runtime
	/// charges it.
	#[benchmark]
	fn feeless_rate() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		scene.bad_rating()?;
		let (who, redemption) = scene.served();
		let free;

		#[block]
		{
			free = Satisfaction::<T>::ensure_rate(&who, redemption, 1).is_ok();
		}

		assert!(free);
		Ok(())
	}

	/// A late response to the middle of three open cases.
	#[benchmark]
	fn respond_case() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let case = scene.middle_case()?;
		past_deadline::<T>();
		let response = H256::repeat_byte(3);

		#[extrinsic_call]
		_(RawOrigin::Signed(scene.provider.clone()), case, response);

		assert!(is_overdue::<T>(case));
		assert_last_event::<T>(Event::CaseResponded {
			case,
			provider: scene.provider,
			response,
			late: true,
		});
		Ok(())
	}

	/// The office rectifies the middle of three open cases, past its deadline.
	#[benchmark]
	fn close_case() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let case = scene.middle_case()?;
		past_deadline::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(scene.admin.clone()), case, CaseOutcome::Rectified);

		assert_last_event::<T>(Event::CaseClosed {
			case,
			office: scene.office,
			outcome: CaseOutcome::Rectified,
			late: true,
		});
		Ok(())
	}

	/// Anyone marks the middle of three open cases overdue.
	#[benchmark]
	fn mark_overdue() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let case = scene.middle_case()?;
		past_deadline::<T>();
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), case);

		assert!(is_overdue::<T>(case));
		assert_last_event::<T>(Event::CaseOverdue { case, provider: scene.provider });
		Ok(())
	}

	#[benchmark]
	fn appeal() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let redemption = scene.bad_rating()?;
		let reason = H256::repeat_byte(4);

		#[extrinsic_call]
		_(RawOrigin::Signed(scene.provider.clone()), redemption, reason);

		assert_last_event::<T>(Event::AppealLodged {
			redemption,
			provider: scene.provider,
			reason,
		});
		Ok(())
	}

	/// The office upholds an appeal against a bad rating whose case sits in the middle of three
	/// open cases, past its deadline: the rating leaves both scorecards, the case is dismissed.
	#[benchmark]
	fn decide_appeal() -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let redemption = scene.middle_case()?;
		Satisfaction::<T>::appeal(
			RawOrigin::Signed(scene.provider.clone()).into(),
			redemption,
			H256::repeat_byte(4),
		)?;
		past_deadline::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(scene.admin.clone()), redemption, AppealDecision::Uphold);

		let rating = Ratings::<T>::get(redemption).ok_or("rating gone")?;
		assert!(!rating.status.is_counted());
		assert!(Cases::<T>::get(redemption).is_some_and(|c| c.state.is_closed()));
		assert_last_event::<T>(Event::AppealDecided {
			redemption,
			office: scene.office,
			decision: AppealDecision::Uphold,
		});
		Ok(())
	}

	/// Reaping `n` ratings of a finished programme, each a bad rating with a closed case (so
	/// each removes a rating, a case and an index entry).
	#[benchmark]
	fn reap_ratings(n: Linear<1, { T::MaxReapBatch::get() }>) -> Result<(), BenchmarkError> {
		let mut scene = Scene::<T>::new();
		let mut programme = None;
		for _ in 0..n {
			let (who, redemption) = scene.served();
			let info = T::Redemptions::redemption(redemption).ok_or("no redemption")?;
			// Every rating in one programme.
			let rated_in = *programme.get_or_insert(info.programme);
			Satisfaction::<T>::rate(RawOrigin::Signed(who).into(), redemption, 1, None)?;
			let mut rating = Ratings::<T>::get(redemption).ok_or("not rated")?;
			if rating.programme != rated_in {
				// The vouchers pallet makes a programme per benchmark redemption: file them
				// all under the first (the index and the scorecards with them).
				ProgrammeRatings::<T>::remove(rating.programme, redemption);
				ProgrammeRatings::<T>::insert(rated_in, redemption, ());
				rating.programme = rated_in;
				Ratings::<T>::insert(redemption, rating);
				Cases::<T>::mutate(redemption, |c| {
					if let Some(c) = c {
						c.programme = rated_in;
					}
				});
			}
			Satisfaction::<T>::close_case(
				RawOrigin::Signed(scene.admin.clone()).into(),
				redemption,
				CaseOutcome::Rectified,
			)?;
		}
		let programme = programme.ok_or("no programme")?;
		T::Redemptions::bench_finish_programme(programme);
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::RetentionPeriod::get()),
		);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), programme, n);

		assert_last_event::<T>(Event::RatingsReaped {
			programme,
			ratings: n,
			cases: n,
			skipped: 0,
			complete: true,
		});
		Ok(())
	}

	impl_benchmark_test_suite!(Satisfaction, crate::mock::new_test_ext(), crate::mock::Test);
}
