//! Fees for residents.
//!
//! A resident's call is free exactly when it will succeed: each pallet's `#[pallet::feeless_if]`
//! runs the same check as the call, and `pallet_skip_feeless_payment::SkipCheckIfFeeless` then
//! skips `ChargeTransactionPayment`. An invalid call pays as usual, so a zero-balance account
//! cannot get it into a block.
//!
//! [`RefundSkippedPayment`] wraps that extension so that what it runs is what it charges:
//! - the check itself (a call's `feeless_if`, e.g. "is this a resident who may still vote
//!   here?") runs for every call that has one, free or not, before the call: it is declared on
//!   top of the payment's weight ([`feeless_check_weight`], benchmarked in each pallet as
//!   `feeless_*`) and never given back;
//! - a call that skipped the payment gets the payment extension's weight back —
//!   `SkipCheckIfFeeless` declares it up front and never returns it, so every free ballot would
//!   otherwise count, against the block's limit, the fee withdrawal it never made. What a free
//!   call gets back is exactly what was skipped; the check stays charged.
//!
//! It encodes, decodes and describes itself exactly as the wrapped extension (wallets see
//! `ChargeTransactionPayment`).

use crate::{Runtime, RuntimeCall};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{pallet_prelude::TransactionSource, weights::Weight};
use pallet_skip_feeless_payment::{Intermediate, SkipCheckIfFeeless};
use scale_info::{StaticTypeInfo, TypeInfo};
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, BlakeTwo256, DispatchInfoOf, DispatchOriginOf, Hash, Implication,
		PostDispatchInfoOf, TransactionExtension, ValidateResult, Zero,
	},
	transaction_validity::{
		InvalidTransaction, TransactionPriority, TransactionValidity, TransactionValidityError,
	},
	DispatchResult,
};

/// The weight of the check that decides whether `call` is free (its pallet's `feeless_if`,
/// benchmarked there as `feeless_*`), plus the pool guard's read of the sender's nonce when it
/// is; zero for a call that is never free. It is spent whether the call turns out free or not.
pub fn feeless_check_weight(call: &RuntimeCall) -> Weight {
	use crate::RuntimeCall as C;
	let check = match call {
		C::Community(call) => pallet_community::Pallet::<Runtime>::feeless_check_weight(call),
		C::NeedsSurvey(call) => pallet_needs_survey::Pallet::<Runtime>::feeless_check_weight(call),
		C::Procurement(call) => pallet_procurement::Pallet::<Runtime>::feeless_check_weight(call),
		C::Vouchers(call) => pallet_vouchers::Pallet::<Runtime>::feeless_check_weight(call),
		C::Satisfaction(call) => pallet_satisfaction::Pallet::<Runtime>::feeless_check_weight(call),
		_ => Weight::zero(),
	};
	if check.is_zero() {
		return check;
	}
	check.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().reads(1))
}

/// `SkipCheckIfFeeless<Runtime, S>` that charges the feeless check ([`feeless_check_weight`])
/// and gives back `S`'s weight, exactly, when it skipped `S`.
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

impl<S> TransactionExtension<RuntimeCall> for RefundSkippedPayment<Runtime, S>
where
	S: TransactionExtension<RuntimeCall>,
{
	const IDENTIFIER: &'static str = S::IDENTIFIER;
	type Implicit = S::Implicit;
	type Val = <SkipCheckIfFeeless<Runtime, S> as TransactionExtension<RuntimeCall>>::Val;
	/// The wrapped extension's `Pre`, and the weight the payment declared for this call.
	type Pre = (<SkipCheckIfFeeless<Runtime, S> as TransactionExtension<RuntimeCall>>::Pre, Weight);

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		S::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	/// The payment's weight and the feeless check's.
	fn weight(&self, call: &RuntimeCall) -> Weight {
		self.0.weight(call).saturating_add(feeless_check_weight(call))
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: S::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		self.0.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		// The payment's part only: the check has run, free or not.
		let declared = self.0.weight(call);
		Ok((self.0.prepare(val, origin, call, info, len)?, declared))
	}

	fn post_dispatch_details(
		(pre, declared): Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		let skipped = matches!(pre, Intermediate::Skip(_));
		let unspent = SkipCheckIfFeeless::<Runtime, S>::post_dispatch_details(
			pre, info, post_info, len, result,
		)?;
		// The payment extension never ran: none of its declared weight was used. The
		// check's weight, declared with it, stays charged.
		Ok(if skipped { unspent.saturating_add(declared) } else { unspent })
	}
}

// -------------------------------------------------------------------------------------------
// The pool policy for free transactions
// -------------------------------------------------------------------------------------------

/// How many free transactions one account may have waiting at once, counting future nonces:
/// a free transaction is valid only with a nonce below `account nonce + MAX_FREE_AHEAD`. Four
/// is enough for a resident who answers a survey, votes and claims a voucher in quick
/// succession, and far too few to flood the pool: past it, a free transaction is refused
/// (`InvalidTransaction::Future`) until the earlier ones are in a block.
pub const MAX_FREE_AHEAD: u32 = 4;

/// How long, in blocks, a free transaction may wait in the pool (20 blocks: two minutes). A
/// resident whose ballot didn't make it in that time resubmits it; nothing free lingers.
pub const FREE_LONGEVITY: u64 = 20;

/// The priority of a free transaction: above every paid transaction that doesn't tip a large
/// amount, so that paid spam cannot keep residents' ballots out of blocks. Free transactions are
/// only those that will succeed, each bounded per resident and item by its pallet, so this can't
/// be used to crowd out others. A paid transaction of a normal size would have to tip hundreds of
/// GZT to outrank one (`ChargeTransactionPayment` ranks by the tip times the transactions that
/// fit in a block).
pub const FREE_PRIORITY: TransactionPriority = 1 << 60;

/// The resident action a free call performs, for its pool tag: the pallet's and the call's
/// index and the item it acts on (survey, project, programme, voucher, redemption, activity,
/// or the account a move or replacement is about).
/// Two free transactions for the same action by the same account provide the same tag, so the
/// pool keeps at most one of them. A call not listed here is tagged by the hash of its whole
/// encoding (exact duplicates still collide).
pub fn free_action(call: &RuntimeCall) -> (u8, u8, [u8; 32]) {
	use crate::RuntimeCall as C;
	let (pallet, index) = call.using_encoded(|bytes| {
		(bytes.first().copied().unwrap_or(0), bytes.get(1).copied().unwrap_or(0))
	});
	// The two free calls of the registry act on an account: tag them by it.
	match call {
		C::Community(pallet_community::Call::request_move { who: account, .. })
		| C::Community(pallet_community::Call::cancel_replacement { old: account }) => {
			return (pallet, index, *account.as_ref());
		},
		_ => {},
	}
	let item: Option<u64> = match call {
		C::Community(pallet_community::Call::check_in { activity }) => Some((*activity).into()),
		// One item for every key change: an account has one pending key change in the pool
		// (a second, with another key, waits until the first is in a block, and then meets
		// `MemberKeyCooldown`).
		C::Community(pallet_community::Call::set_member_key { .. }) => Some(0),
		C::NeedsSurvey(pallet_needs_survey::Call::respond { survey, .. })
		| C::NeedsSurvey(pallet_needs_survey::Call::amend { survey, .. }) => Some((*survey).into()),
		C::Procurement(pallet_procurement::Call::vote { project, .. })
		| C::Procurement(pallet_procurement::Call::commit_vote { project, .. })
		| C::Procurement(pallet_procurement::Call::reveal_vote { project, .. }) => {
			Some((*project).into())
		},
		C::Vouchers(pallet_vouchers::Call::claim { programme }) => Some((*programme).into()),
		C::Vouchers(pallet_vouchers::Call::redeem { voucher, .. }) => Some(*voucher),
		C::Vouchers(pallet_vouchers::Call::cancel_redemption { redemption }) => Some(*redemption),
		C::Satisfaction(pallet_satisfaction::Call::rate { redemption, .. }) => Some(*redemption),
		_ => None,
	};
	let item = match item {
		Some(item) => {
			let mut padded = [0u8; 32];
			padded[..8].copy_from_slice(&item.to_le_bytes());
			padded
		},
		None => call.using_encoded(|bytes| <BlakeTwo256 as Hash>::hash(bytes).0),
	};
	(pallet, index, item)
}

/// The extensions that decide how a transaction pays, grouped so that their outcome can be read
/// together: the nonce, the block's weight and the (possibly skipped) payment.
pub type PaymentPipeline = (
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	RefundSkippedPayment<Runtime, pallet_transaction_payment::ChargeTransactionPayment<Runtime>>,
);

/// The pool policy for free transactions, around [`PaymentPipeline`].
///
/// It encodes, decodes and describes itself exactly as the three extensions it wraps
/// (`CheckNonce`, `CheckWeight`, `ChargeTransactionPayment`, in that order), so wallets and
/// light clients see no difference. When the payment was skipped — the call is a resident's
/// call that will succeed — it also:
/// - refuses a nonce `MAX_FREE_AHEAD` or more past the account's (`InvalidTransaction::Future`),
///   so an account has at most `MAX_FREE_AHEAD` free transactions waiting;
/// - `provides` a tag for the action ([`free_action`]: pallet, call, account, item), so two free
///   transactions for the same action never sit in the pool together;
/// - limits its `longevity` to [`FREE_LONGEVITY`] blocks and gives it [`FREE_PRIORITY`].
///
/// Paid transactions are left exactly as the wrapped extensions validate them.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct FreeTxGuard(pub PaymentPipeline);

impl FreeTxGuard {
	/// The pipeline for a transaction with `nonce` that tips `tip`.
	pub fn new(nonce: crate::Nonce, tip: crate::Balance) -> Self {
		Self((
			frame_system::CheckNonce::<Runtime>::from(nonce),
			frame_system::CheckWeight::<Runtime>::new(),
			pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(tip).into(),
		))
	}
}

impl TypeInfo for FreeTxGuard {
	type Identity = PaymentPipeline;
	fn type_info() -> scale_info::Type {
		PaymentPipeline::type_info()
	}
}

impl core::fmt::Debug for FreeTxGuard {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "FreeTxGuard(")?;
		self.0 .0.fmt(f)?;
		write!(f, ", ")?;
		self.0 .2.fmt(f)?;
		write!(f, ")")
	}
}

impl TransactionExtension<RuntimeCall> for FreeTxGuard {
	const IDENTIFIER: &'static str = "FreeTxGuard (see metadata())";
	type Implicit = <PaymentPipeline as TransactionExtension<RuntimeCall>>::Implicit;
	type Val = <PaymentPipeline as TransactionExtension<RuntimeCall>>::Val;
	type Pre = <PaymentPipeline as TransactionExtension<RuntimeCall>>::Pre;

	fn metadata() -> alloc::vec::Vec<sp_runtime::traits::TransactionExtensionMetadata> {
		PaymentPipeline::metadata()
	}

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		let (mut valid, val, origin) = self.0.validate(
			origin,
			call,
			info,
			len,
			self_implicit,
			inherited_implication,
			source,
		)?;
		let free = matches!(&val.2, Intermediate::Skip(_));
		if let (true, Some(who)) = (free, origin.as_system_origin_signer()) {
			let next = frame_system::Pallet::<Runtime>::account_nonce(who);
			if self.0 .0 .0 >= next.saturating_add(MAX_FREE_AHEAD) {
				return Err(InvalidTransaction::Future.into());
			}
			let (pallet, index, item) = free_action(call);
			valid.provides.push((b"gz/free", who, pallet, index, item).encode());
			valid.longevity = valid.longevity.min(FREE_LONGEVITY);
			valid.priority = valid.priority.saturating_add(FREE_PRIORITY);
		}
		Ok((valid, val, origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		PaymentPipeline::post_dispatch_details(pre, info, post_info, len, result)
	}

	fn bare_validate(
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> TransactionValidity {
		PaymentPipeline::bare_validate(call, info, len)
	}

	fn bare_validate_and_prepare(
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
	) -> Result<(), TransactionValidityError> {
		PaymentPipeline::bare_validate_and_prepare(call, info, len)
	}

	fn bare_post_dispatch(
		info: &DispatchInfoOf<RuntimeCall>,
		post_info: &mut PostDispatchInfoOf<RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<(), TransactionValidityError> {
		PaymentPipeline::bare_post_dispatch(info, post_info, len, result)
	}
}

/// `GongzhiApi::check_call`: whether `call` (SCALE-encoded) would be free for `who` now and what
/// it would return, found by dispatching it from `who`'s signed origin. Runtime API calls never
/// commit state, so the dispatch leaves nothing behind; it is also wrapped in a storage layer
/// that is rolled back, so it is harmless even if called from within a block. `None` when the
/// bytes are not exactly one call of this runtime (depth-limited, as extrinsics are decoded).
pub fn check_call(who: crate::AccountId, call: &[u8]) -> Option<gongzhi_runtime_api::CallCheck> {
	use codec::DecodeLimit;
	use frame_support::{
		dispatch::CheckIfFeeless,
		storage::{with_transaction_unchecked, TransactionOutcome},
	};
	use sp_runtime::traits::Dispatchable;
	let call = RuntimeCall::decode_all_with_depth_limit(
		frame_support::MAX_EXTRINSIC_DEPTH,
		&mut &call[..],
	)
	.ok()?;
	let origin: crate::RuntimeOrigin = frame_system::RawOrigin::Signed(who).into();
	let free = call.is_feeless(&origin);
	// `Dispatchable::dispatch` applies the origin's call filter, as for a signed extrinsic.
	let result = with_transaction_unchecked(|| {
		let result = call.dispatch(origin);
		TransactionOutcome::Rollback(result.map(|_| ()).map_err(|e| e.error))
	});
	Some(gongzhi_runtime_api::CallCheck { free, result })
}
