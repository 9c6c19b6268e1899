//! Service vouchers (服務(wù)憑單): claimed by residents, redeemed with the provider of their choice. (skeleton: being written)
#![cfg_attr(not(feature = "std"), no_std)]
