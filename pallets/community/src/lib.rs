//! Registry and gatekeeping (上鏈關(guān)): street offices, communities, officers, providers and residents. (skeleton: being written)
#![cfg_attr(not(feature = "std"), no_std)]
