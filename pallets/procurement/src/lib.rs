//! Procurement ballots (購買服務(wù)投票): residents choose by e-ballot who delivers a purchased service. (skeleton: being written)
#![cfg_attr(not(feature = "std"), no_std)]
