//! Storage migrations of the needs-survey pallet.
//!
//! The pallet's storage is at version 0, its first layout ([`crate::STORAGE_VERSION`]). The first
//! change of layout will be a [`VersionedMigration`] from 0.
//!
//! [`v1`] exists only with the `next-version` feature. It is the migration of the second runtime
//! that `e2e/tests/06-upgrade.test.js` upgrades a live dev chain to, with a survey and a ballot
//! open, to show that an upgrade through `storage_version` keeps every survey and its answers.
//! It changes no layout: it reads every survey record and writes it back through today's types;
//! with try-runtime it checks before and after that every record decodes and that none changed.

/// From storage version 0 to 1 (the upgrade test's fixture; see the module's documentation).
#[cfg(feature = "next-version")]
pub mod v1 {
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
			log::info!(target: "runtime::needs-survey", "v1: rewrote {surveys} survey records");
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
				.map_err(|_| "v1: the pre-upgrade state does not decode")?;
			let all: Vec<_> = Surveys::<T>::iter().collect();
			frame_support::ensure!(all.len() as u64 == count, "v1: the number of surveys changed");
			frame_support::ensure!(
				sp_io::hashing::blake2_256(&all.encode()) == digest,
				"v1: a survey record changed"
			);
			Ok(())
		}
	}

	/// From storage version 0 to 1 with [`RewriteSurveys`]; at any other version it does
	/// nothing but log.
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
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
		fn migrates_from_version_0_keeping_every_survey_and_its_answers() {
			build_and_execute(|| {
				let s = scene();
				let first = create_standard(Scope::Office(s.office));
				let second = create_standard(Scope::Community(s.a));
				run_to(OPENS);
				respond(ALICE, first, standard_answers(1, &[0, 2], 4));
				respond(BOB, second, standard_answers(0, &[1], 2));
				let before = [info(first), info(second)];
				// A chain started before this version is at 0.
				StorageVersion::new(0).put::<Pallet<Test>>();

				let weight = MigrateToV1::<Test>::on_runtime_upgrade();

				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), crate::STORAGE_VERSION);
				assert_eq!([info(first), info(second)], before);
				let db: frame_support::weights::RuntimeDbWeight =
					<Test as frame_system::Config>::DbWeight::get();
				assert!(weight.all_gte(db.reads_writes(3, 2)), "{weight:?} counts the surveys");
				// Answers after the upgrade count on top of those before.
				respond(CAROL, first, standard_answers(2, &[3], 5));
				assert_eq!(info(first).responses, 2);

				// Run again (an upgrade applied twice): nothing happens.
				let again = MigrateToV1::<Test>::on_runtime_upgrade();
				assert_eq!(again, db.reads(1));
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
			});
		}
	}
}
