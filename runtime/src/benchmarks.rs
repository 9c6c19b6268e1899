//! The pallets whose benchmarks `gongzhi-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_grandpa, Grandpa]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_proxy, Proxy]
	[pallet_validator_set, ValidatorSet]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_root_dispatch, RootDispatch]
	[pallet_community, Community]
	[pallet_needs_survey, NeedsSurvey]
	[pallet_procurement, Procurement]
	[pallet_vouchers, Vouchers]
	[pallet_satisfaction, Satisfaction]
);
