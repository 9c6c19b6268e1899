//! Satisfaction ratings (滿意度評(píng)價(jià)): only served residents rate; bad ratings must be answered. (skeleton: being written)
#![cfg_attr(not(feature = "std"), no_std)]
