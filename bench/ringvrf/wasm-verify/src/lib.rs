//! Exports for the spike's wasm timing (see ../src/bin/wasm_bench.rs).
//! ABI: the host calls `alloc(len)` and writes inputs into this module's memory, then calls an
//! entry point with (ptr, len) pairs; results go to the static `OUT` (read via `out_ptr`).
#![no_std]

extern crate alloc;

use alloc::vec::Vec;
use parity_scale_codec::Decode;
use verifiable::{
	ring::{bandersnatch::BandersnatchVrfVerifiable as V, RingDomainSize},
	GenerateVerifiable,
};

#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[panic_handler]
fn on_panic(_info: &core::panic::PanicInfo) -> ! {
	core::arch::wasm32::unreachable()
}

static mut OUT: [u8; 2048] = [0; 2048];

fn out() -> &'static mut [u8; 2048] {
	unsafe { &mut *core::ptr::addr_of_mut!(OUT) }
}

#[no_mangle]
pub extern "C" fn out_ptr() -> *const u8 {
	core::ptr::addr_of!(OUT).cast()
}

/// Host-side buffer allocation (never freed; a fresh instance is used per measurement series).
#[no_mangle]
pub extern "C" fn alloc(len: u32) -> *mut u8 {
	let mut v: Vec<u8> = Vec::with_capacity(len as usize);
	let p = v.as_mut_ptr();
	core::mem::forget(v);
	p
}

fn slice<'a>(p: u32, l: u32) -> &'a [u8] {
	unsafe { core::slice::from_raw_parts(p as *const u8, l as usize) }
}

fn domain(d: u32) -> Option<RingDomainSize> {
	match d {
		11 => Some(RingDomainSize::Domain11),
		12 => Some(RingDomainSize::Domain12),
		16 => Some(RingDomainSize::Domain16),
		_ => None,
	}
}

/// Verify a proof against a SCALE-encoded `Members` (288 bytes). Writes the alias (32 bytes) to
/// OUT. Returns 0 on success, < 0 on failure.
#[no_mangle]
pub extern "C" fn verify(
	d: u32,
	members_p: u32,
	members_l: u32,
	proof_p: u32,
	proof_l: u32,
	ctx_p: u32,
	ctx_l: u32,
	msg_p: u32,
	msg_l: u32,
) -> i32 {
	let Some(d) = domain(d) else { return -1 };
	let Ok(members) = <V as GenerateVerifiable>::Members::decode(&mut slice(members_p, members_l)) else {
		return -2;
	};
	let Ok(proof) = <V as GenerateVerifiable>::Proof::try_from(slice(proof_p, proof_l).to_vec()) else {
		return -3;
	};
	match V::validate(d, &proof, &members, slice(ctx_p, ctx_l), slice(msg_p, msg_l)) {
		Ok(alias) => {
			out()[..32].copy_from_slice(&alias);
			0
		},
		Err(_) => -4,
	}
}

/// Decode a `Members` only (the cost of reading a ring commitment from storage, validated).
#[no_mangle]
pub extern "C" fn decode_members(members_p: u32, members_l: u32) -> i32 {
	match <V as GenerateVerifiable>::Members::decode(&mut slice(members_p, members_l)) {
		Ok(_) => 0,
		Err(_) => -2,
	}
}

#[cfg(feature = "prover")]
mod prover {
	use super::*;
	use core::sync::atomic::{AtomicU64, Ordering};

	// Bench-only randomness: a browser build registers crypto.getRandomValues here instead.
	getrandom::register_custom_getrandom!(fill);
	fn fill(dest: &mut [u8]) -> Result<(), getrandom::Error> {
		static C: AtomicU64 = AtomicU64::new(0x19);
		for chunk in dest.chunks_mut(8) {
			let mut w = C.fetch_add(1, Ordering::Relaxed).wrapping_mul(0x9E3779B97F4A7C15);
			w = (w ^ (w >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
			w = (w ^ (w >> 27)).wrapping_mul(0x94D049BB133111EB);
			w ^= w >> 31;
			chunk.copy_from_slice(&w.to_le_bytes()[..chunk.len()]);
		}
		Ok(())
	}

	/// Prove membership: `keys` is the ring (n × 32 bytes, chain order), `entropy` 32 bytes.
	/// Writes the proof to OUT and returns its length (< 0 on failure).
	#[no_mangle]
	pub extern "C" fn prove(
		d: u32,
		keys_p: u32,
		keys_l: u32,
		entropy_p: u32,
		ctx_p: u32,
		ctx_l: u32,
		msg_p: u32,
		msg_l: u32,
	) -> i32 {
		let Some(d) = domain(d) else { return -1 };
		let mut e = [0u8; 32];
		e.copy_from_slice(slice(entropy_p, 32));
		let secret = V::new_secret(e);
		let me = V::member_from_secret(&secret);
		let keys = slice(keys_p, keys_l).chunks_exact(32).map(|c| {
			let mut k = [0u8; 32];
			k.copy_from_slice(c);
			k
		});
		let Ok(c) = V::open(d, &me, keys) else { return -2 };
		let Ok((proof, _alias)) = V::create(c, &secret, slice(ctx_p, ctx_l), slice(msg_p, msg_l)) else {
			return -3;
		};
		out()[..proof.len()].copy_from_slice(&proof);
		proof.len() as i32
	}

	/// Build a ring commitment in wasm: start + one push of all `keys` + finish, the static
	/// chunks served from the crate's embedded builder params (on chain: from storage).
	/// Writes the 288-byte root to OUT and returns its length.
	#[no_mangle]
	pub extern "C" fn build_ring(d: u32, keys_p: u32, keys_l: u32) -> i32 {
		use parity_scale_codec::Encode;
		use verifiable::ring::{
			ark_vrf::{ring::SrsLookup, suites::bandersnatch::BandersnatchSha512Ell2 as S},
			ring_verifier_builder_params, StaticChunk,
		};
		let Some(d) = domain(d) else { return -1 };
		let params = ring_verifier_builder_params::<S>(d);
		let keys = slice(keys_p, keys_l).chunks_exact(32).map(|c| {
			let mut k = [0u8; 32];
			k.copy_from_slice(c);
			k
		});
		let mut inter = V::start_members(d);
		if V::push_members(&mut inter, keys, |r| {
			(&params).lookup(r).map(|v| v.into_iter().map(StaticChunk).collect()).ok_or(())
		})
		.is_err()
		{
			return -2;
		}
		let root = V::finish_members(inter).encode();
		out()[..root.len()].copy_from_slice(&root);
		root.len() as i32
	}
}
