//! Storage migrations of the needs-survey pallet.
//!
//! - [`v1`]: storage version 0 → 1, each survey record gains its [`ResponseMode`] (anonymous
//!   surveys, issue 19): every record at version 0 becomes a `Named` survey, nothing else changes.
//!   In the runtime's migrations for good; a chain created at version 1 or later skips it.
//! - [`v2`] exists only with the `next-version` feature. It is the migration of the second runtime
//!   that `e2e/tests/06-upgrade.test.js` upgrades a live dev chain to, with a survey and a ballot
//!   open, to show that an upgrade through `storage_version` keeps every survey and its answers.
//!   It changes no layout: it reads every survey record and writes it back through today's types;
//!   with try-runtime it checks before and after that every record decodes and that none changed.

/// From storage version 0 to 1: a survey's [`ResponseMode`](crate::ResponseMode) (see the
/// module's documentation).
pub mod v1 {
	use crate::{BalanceOf, Config, Pallet, ResponseMode, SurveyInfo, SurveyStatus, TalliesOf};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
		Twox64Concat,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use gongzhi_primitives::{OfficeId, Scope, SurveyId};

	/// A survey record at storage version 0: today's [`SurveyInfo`] without `mode`.
	#[derive(Encode, Decode)]
	pub struct SurveyInfoV0<T: Config> {
		/// Whose residents are asked.
		pub scope: Scope,
		/// The street office of `scope`.
		pub office: OfficeId,
		/// Who created it.
		pub creator: T::AccountId,
		/// The first block accepting responses.
		pub opens_at: BlockNumberFor<T>,
		/// The first block no longer accepting them.
		pub closes_at: BlockNumberFor<T>,
		/// Residents in scope at creation.
		pub eligible: u32,
		/// Responses received.
		pub responses: u32,
		/// Open, closed or cancelled.
		pub status: SurveyStatus<BlockNumberFor<T>>,
		/// One tally per question.
		pub tallies: TalliesOf<T>,
		/// The deposit still held.
		pub deposit: BalanceOf<T>,
	}

	impl<T: Config> SurveyInfoV0<T> {
		/// The record at version 1: a survey answered under residents' numbers (the only kind
		/// version 0 had).
		pub fn upgraded(self) -> SurveyInfo<T> {
			SurveyInfo {
				scope: self.scope,
				office: self.office,
				creator: self.creator,
				opens_at: self.opens_at,
				closes_at: self.closes_at,
				eligible: self.eligible,
				responses: self.responses,
				status: self.status,
				tallies: self.tallies,
				deposit: self.deposit,
				mode: ResponseMode::Named,
			}
		}
	}

	impl<T: Config> From<SurveyInfo<T>> for SurveyInfoV0<T> {
		/// The record as version 0 would store it (its mode dropped).
		fn from(info: SurveyInfo<T>) -> Self {
			SurveyInfoV0 {
				scope: info.scope,
				office: info.office,
				creator: info.creator,
				opens_at: info.opens_at,
				closes_at: info.closes_at,
				eligible: info.eligible,
				responses: info.responses,
				status: info.status,
				tallies: info.tallies,
				deposit: info.deposit,
			}
		}
	}

	/// The survey records as version 0 stored them (same prefix as [`crate::Surveys`]).
	#[frame_support::storage_alias]
	type Surveys<T: Config> = StorageMap<Pallet<T>, Twox64Concat, SurveyId, SurveyInfoV0<T>>;

	/// Rewrites every survey record with `mode: Named`. One read and one write per survey
	/// (surveys are kept for good: a few thousand a year for a city district).
	pub struct AddResponseMode<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for AddResponseMode<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut surveys = 0u64;
			crate::Surveys::<T>::translate::<SurveyInfoV0<T>, _>(|_, old| {
				surveys += 1;
				Some(old.upgraded())
			});
			log::info!(target: "runtime::needs-survey", "v1: {surveys} surveys are named");
			T::DbWeight::get().reads_writes(surveys + 1, surveys)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let all: Vec<(SurveyId, SurveyInfoV0<T>)> = Surveys::<T>::iter().collect();
			Ok((all.len() as u64, sp_io::hashing::blake2_256(&all.encode())).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (count, digest) = <(u64, [u8; 32])>::decode(&mut &state[..])
				.map_err(|_| "v1: the pre-upgrade state does not decode")?;
			let all: Vec<(SurveyId, SurveyInfo<T>)> = crate::Surveys::<T>::iter().collect();
			frame_support::ensure!(all.len() as u64 == count, "v1: the number of surveys changed");
			frame_support::ensure!(
				all.iter().all(|(_, info)| info.mode == ResponseMode::Named),
				"v1: a survey from version 0 is not named"
			);
			// Back in version 0's layout, every record is as it was.
			let old: Vec<(SurveyId, SurveyInfoV0<T>)> =
				all.into_iter().map(|(id, info)| (id, info.into())).collect();
			frame_support::ensure!(
				sp_io::hashing::blake2_256(&old.encode()) == digest,
				"v1: a survey record changed"
			);
			Ok(())
		}
	}

	/// From storage version 0 to 1 with [`AddResponseMode`]; at any other version it does
	/// nothing but log.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		AddResponseMode<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::{mock::*, tests::*};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use gongzhi_primitives::Scope;

		#[test]
		fn version_0_records_become_named_surveys_with_everything_else_kept() {
			build_and_execute(|| {
				let s = scene();
				let first = create_standard(Scope::Office(s.office));
				let second = create_standard(Scope::Community(s.a));
				run_to(OPENS);
				respond(ALICE, first, standard_answers(1, &[0, 2], 4));
				respond(BOB, second, standard_answers(0, &[1], 2));
				let before = [info(first), info(second)];
				// A chain at version 0 stored the records without a mode.
				for (id, record) in [(first, before[0].clone()), (second, before[1].clone())] {
					let old = SurveyInfoV0::from(record);
					assert_eq!(old.encode().len() + 1, info(id).encode().len());
					Surveys::<Test>::insert(id, old);
				}
				StorageVersion::new(0).put::<Pallet<Test>>();
				assert!(
					crate::Surveys::<Test>::get(first).is_none(),
					"a v0 record doesn't decode as v1"
				);

				#[cfg(feature = "try-runtime")]
				let state = AddResponseMode::<Test>::pre_upgrade().expect("v0 records decode");
				let weight = MigrateToV1::<Test>::on_runtime_upgrade();
				#[cfg(feature = "try-runtime")]
				AddResponseMode::<Test>::post_upgrade(state).expect("every record kept, named");

				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
				assert_eq!([info(first), info(second)], before);
				assert_eq!(info(first).mode, ResponseMode::Named);
				let db: frame_support::weights::RuntimeDbWeight =
					<Test as frame_system::Config>::DbWeight::get();
				assert!(weight.all_gte(db.reads_writes(3, 2)), "{weight:?} counts the surveys");
				// Answers after the upgrade count on top of those before.
				respond(CAROL, first, standard_answers(2, &[3], 5));
				assert_eq!(info(first).responses, 2);

				// Run again (an upgrade applied twice): nothing happens.
				let again = MigrateToV1::<Test>::on_runtime_upgrade();
				assert_eq!(again, db.reads(1));
				assert_eq!([info(first).mode, info(second).mode], [ResponseMode::Named; 2]);
			});
		}
	}
}

/// From storage version 1 to 2 (the upgrade test's fixture; see the module's documentation).
#[cfg(feature = "next-version")]
pub mod v2 {
	use crate::{Config, Pallet, Surveys};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	#[cfg(feature = "try-runtime")]
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Reads every survey record and writes it back (see the module's documentation). Surveys
	/// are kept for good, so the work grows with the chain's history: one read and one write
	/// per survey, a few thousand a year for a city district.
	pub struct RewriteSurveys<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for RewriteSurveys<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut surveys = 0u64;
			for (id, info) in Surveys::<T>::iter() {
				// Overwriting the current key while iterating is safe: the iterator moves on
				// from the key, not from a cached position.
				Surveys::<T>::insert(id, info);
				surveys += 1;
			}
			log::info!(target: "runtime::needs-survey", "v2: rewrote {surveys} survey records");
			T::DbWeight::get().reads_writes(surveys + 1, surveys)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let all: Vec<_> = Surveys::<T>::iter().collect();
			Ok((all.len() as u64, sp_io::hashing::blake2_256(&all.encode())).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (count, digest) = <(u64, [u8; 32])>::decode(&mut &state[..])
				.map_err(|_| "v2: the pre-upgrade state does not decode")?;
			let all: Vec<_> = Surveys::<T>::iter().collect();
			frame_support::ensure!(all.len() as u64 == count, "v2: the number of surveys changed");
			frame_support::ensure!(
				sp_io::hashing::blake2_256(&all.encode()) == digest,
				"v2: a survey record changed"
			);
			Ok(())
		}
	}

	/// From storage version 1 to 2 with [`RewriteSurveys`]; at any other version it does
	/// nothing but log.
	pub type MigrateToV2<T> = VersionedMigration<
		1,
		2,
		RewriteSurveys<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::{mock::*, tests::*};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use gongzhi_primitives::Scope;

		#[test]
		fn migrates_from_version_1_keeping_every_survey_and_its_answers() {
			build_and_execute(|| {
				let s = scene();
				let first = create_standard(Scope::Office(s.office));
				let second = create_standard(Scope::Community(s.a));
				run_to(OPENS);
				respond(ALICE, first, standard_answers(1, &[0, 2], 4));
				respond(BOB, second, standard_answers(0, &[1], 2));
				let before = [info(first), info(second)];
				// A chain started before this version is at 1.
				StorageVersion::new(1).put::<Pallet<Test>>();

				let weight = MigrateToV2::<Test>::on_runtime_upgrade();

				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), crate::STORAGE_VERSION);
				assert_eq!([info(first), info(second)], before);
				let db: frame_support::weights::RuntimeDbWeight =
					<Test as frame_system::Config>::DbWeight::get();
				assert!(weight.all_gte(db.reads_writes(3, 2)), "{weight:?} counts the surveys");
				// Answers after the upgrade count on top of those before.
				respond(CAROL, first, standard_answers(2, &[3], 5));
				assert_eq!(info(first).responses, 2);

				// Run again (an upgrade applied twice): nothing happens.
				let again = MigrateToV2::<Test>::on_runtime_upgrade();
				assert_eq!(again, db.reads(1));
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
			});
		}
	}
}
