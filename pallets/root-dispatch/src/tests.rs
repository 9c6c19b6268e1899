//! Unit tests of pallet-root-dispatch, one per rule.

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use sp_runtime::DispatchError;

/// `system.set_storage`: a call only Root may make.
fn root_only_call(value: &[u8]) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(b"key".to_vec(), value.to_vec())],
	}))
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.filter_map(|r| match r.event {
			RuntimeEvent::RootDispatch(e) => Some(e),
			_ => None,
		})
		.next()
		.expect("an event of the pallet")
}

#[test]
fn root_origin_dispatches_a_root_only_call() {
	new_test_ext().execute_with(|| {
		assert_ok!(RootDispatch::dispatch_as_root(
			RuntimeOrigin::signed(GOVERNANCE),
			root_only_call(b"value"),
			None
		));
		assert_eq!(sp_io::storage::get(b"key").as_deref(), Some(&b"value"[..]));
		assert_eq!(last_event(), Event::Dispatched { result: Ok(()) });
	});
}

#[test]
fn dispatch_by_another_origin_fails() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			RootDispatch::dispatch_as_root(RuntimeOrigin::signed(2), root_only_call(b"v"), None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			RootDispatch::dispatch_as_root(RuntimeOrigin::none(), root_only_call(b"v"), None),
			DispatchError::BadOrigin
		);
		assert_eq!(sp_io::storage::get(b"key"), None);
	});
}

#[test]
fn a_failing_inner_call_is_reported_not_raised() {
	new_test_ext().execute_with(|| {
		// `remark_with_event` needs a signed origin: as Root it fails with BadOrigin.
		let call = Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: vec![1],
		}));
		assert_ok!(RootDispatch::dispatch_as_root(RuntimeOrigin::signed(GOVERNANCE), call, None));
		assert_eq!(last_event(), Event::Dispatched { result: Err(DispatchError::BadOrigin) });
	});
}

#[test]
fn weight_is_the_stated_one_or_the_inner_calls() {
	new_test_ext().execute_with(|| {
		let inner = root_only_call(b"v");
		let inner_info = inner.get_dispatch_info();
		let own = <() as WeightInfo>::dispatch_as_root();
		let declared =
			RuntimeCall::RootDispatch(Call::dispatch_as_root { call: inner.clone(), weight: None })
				.get_dispatch_info();
		assert_eq!(declared.call_weight, own + inner_info.call_weight);
		assert_eq!(declared.class, inner_info.class);
		let stated = Weight::from_parts(1_000, 0);
		let info =
			RuntimeCall::RootDispatch(Call::dispatch_as_root { call: inner, weight: Some(stated) })
				.get_dispatch_info();
		assert_eq!(info.call_weight, own + stated);
		// `set_code` is operational, and so is its dispatch as Root.
		let upgrade = Box::new(RuntimeCall::System(frame_system::Call::set_code { code: vec![] }));
		let info = RuntimeCall::RootDispatch(Call::dispatch_as_root {
			call: upgrade,
			weight: Some(stated),
		})
		.get_dispatch_info();
		assert_eq!(info.class, DispatchClass::Operational);
	});
}
