//! Needs surveys (需求調(diào)研): offices and communities ask residents what services they need. (skeleton: being written)
#![cfg_attr(not(feature = "std"), no_std)]
