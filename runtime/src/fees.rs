//! Fees for residents.
//!
//! A resident's call is free exactly when it will succeed: each pallet's `#[pallet::feeless_if]`
//! runs the same check as the call, and `pallet_skip_feeless_payment::SkipCheckIfFeeless` then
//! skips `ChargeTransactionPayment`. An invalid call pays as usual, so a zero-balance account
//! cannot get it into a block.
//!
//! [`RefundSkippedPayment`] wraps that extension so that a call which skipped the payment is not
//! charged the payment extension's weight either: `SkipCheckIfFeeless` declares the wrapped
//! extension's weight up front and never gives it back, so every free ballot would otherwise
//! count, against the block's limit, the fee withdrawal it never made. It encodes, decodes and
//! describes itself exactly as the wrapped extension (wallets see `ChargeTransactionPayment`).

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{dispatch::CheckIfFeeless, pallet_prelude::TransactionSource, weights::Weight};
use frame_system::pallet_prelude::OriginFor;
use pallet_skip_feeless_payment::{Intermediate, SkipCheckIfFeeless};
use scale_info::{StaticTypeInfo, TypeInfo};
use sp_runtime::{
	traits::{
		DispatchInfoOf, DispatchOriginOf, Implication, PostDispatchInfoOf, TransactionExtension,
		ValidateResult,
	},
	transaction_validity::TransactionValidityError,
	DispatchResult,
};

/// `SkipCheckIfFeeless<T, S>` that also gives back `S`'s weight when it skipped `S`.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct RefundSkippedPayment<T, S>(pub SkipCheckIfFeeless<T, S>);

impl<T, S: StaticTypeInfo> TypeInfo for RefundSkippedPayment<T, S> {
	type Identity = S;
	fn type_info() -> scale_info::Type {
		S::type_info()
	}
}

impl<T, S: Encode> core::fmt::Debug for RefundSkippedPayment<T, S> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		self.0.fmt(f)
	}
}

impl<T, S> From<S> for RefundSkippedPayment<T, S> {
	fn from(s: S) -> Self {
		Self(SkipCheckIfFeeless::from(s))
	}
}

impl<T, S> TransactionExtension<T::RuntimeCall> for RefundSkippedPayment<T, S>
where
	T: pallet_skip_feeless_payment::Config + Send + Sync,
	S: TransactionExtension<T::RuntimeCall>,
	T::RuntimeCall: CheckIfFeeless<Origin = OriginFor<T>>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = <SkipCheckIfFeeless<T, S> as TransactionExtension<T::RuntimeCall>>::Val;
	/// The wrapped extension's `Pre`, and the weight it declared for this call.
	type Pre = (<SkipCheckIfFeeless<T, S> as TransactionExtension<T::RuntimeCall>>::Pre, Weight);

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		self_implicit: S::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		self.0.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let declared = self.0.weight(call);
		Ok((self.0.prepare(val, origin, call, info, len)?, declared))
	}

	fn post_dispatch_details(
		(pre, declared): Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let skipped = matches!(pre, Intermediate::Skip(_));
		let unspent =
			SkipCheckIfFeeless::<T, S>::post_dispatch_details(pre, info, post_info, len, result)?;
		// The payment extension never ran: none of its declared weight was used.
		Ok(if skipped { unspent.saturating_add(declared) } else { unspent })
	}
}
