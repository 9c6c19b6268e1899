//! The properties issue 19 relies on, checked against crates.io `verifiable` 0.4.1.
use parity_scale_codec::Encode;
use ringvrf_spike::*;

const D: RingDomainSize = RingDomainSize::Domain11;

fn ctx(item: u32) -> Vec<u8> {
	// What a pallet would use: a per-item context, e.g. b"gongzhi/procurement" ++ project id.
	[b"gongzhi/procurement/".as_slice(), &item.to_le_bytes()].concat()
}

#[test]
fn capacities_are_255_767_16127() {
	assert_eq!(DOMAINS.map(capacity), [255, 767, 16127]);
	assert_eq!(domain_for(256), Some(RingDomainSize::Domain12));
	assert_eq!(domain_for(1024), Some(RingDomainSize::Domain16));
	assert_eq!(domain_for(16128), None);
}

#[test]
fn same_context_same_alias_other_context_other_alias() {
	let (secrets, keys) = members(8);
	let root = build_ring(D, &keys).unwrap();
	let s = &secrets[5];
	let (p1, a1) = prove(D, &keys, s, &ctx(1), b"bid 3").unwrap();
	let (p1b, a1b) = prove(D, &keys, s, &ctx(1), b"bid 4").unwrap();
	let (p2, a2) = prove(D, &keys, s, &ctx(2), b"bid 3").unwrap();
	// nullifier: one member, one item -> one alias, whatever the message (a changed vote)
	assert_eq!(a1, a1b);
	assert_eq!(a1, alias(s, &ctx(1)));
	// unlinkable across items: another context gives another alias
	assert_ne!(a1, a2);
	// proofs are randomized (blinded): same inputs never give the same bytes
	let (p1c, _) = prove(D, &keys, s, &ctx(1), b"bid 3").unwrap();
	assert_ne!(p1, p1c);
	// the verifier returns the alias: the chain learns it without learning the member
	assert_eq!(verify(D, &p1, &root, &ctx(1), b"bid 3"), Ok(a1));
	assert_eq!(verify(D, &p1b, &root, &ctx(1), b"bid 4"), Ok(a1));
	assert_eq!(verify(D, &p2, &root, &ctx(2), b"bid 3"), Ok(a2));
	// other members have other aliases in the same context
	let others: std::collections::BTreeSet<_> = secrets.iter().map(|s| alias(s, &ctx(1))).collect();
	assert_eq!(others.len(), secrets.len());
}

#[test]
fn non_member_cannot_prove() {
	let (_, keys) = members(8);
	let root = build_ring(D, &keys).unwrap();
	let outsider = secret(1000);
	// honest prover API refuses: the key is not in the ring
	assert_eq!(prove(D, &keys, &outsider, &ctx(1), b"m").unwrap_err(), Error::NotInRing);
	// an outsider proving in a ring of their own (same size, their key in place of one member)
	// gets a proof that the real ring's commitment rejects
	let mut forged = keys.clone();
	forged[0] = member(&outsider);
	let (p, _) = prove(D, &forged, &outsider, &ctx(1), b"m").unwrap();
	assert_eq!(verify(D, &p, &root, &ctx(1), b"m"), Err(Error::VerificationFailed));
}

#[test]
fn proof_is_bound_to_context_message_ring_and_domain() {
	let (secrets, keys) = members(8);
	let root = build_ring(D, &keys).unwrap();
	let (p, _) = prove(D, &keys, &secrets[2], &ctx(1), b"bid 3").unwrap();
	// another item (replay into another ballot)
	assert!(verify(D, &p, &root, &ctx(2), b"bid 3").is_err());
	// another choice (tampered message)
	assert!(verify(D, &p, &root, &ctx(1), b"bid 4").is_err());
	// another ring (e.g. ring 2 of the same item; or the ring before a late registrant was added)
	let (_, keys2) = members(9);
	let root2 = build_ring(D, &keys2).unwrap();
	assert!(verify(D, &p, &root2, &ctx(1), b"bid 3").is_err());
	// another domain size
	assert!(verify(RingDomainSize::Domain12, &p, &root, &ctx(1), b"bid 3").is_err());
	// a late registrant: a key added after the item fixed its ring cannot prove against it
	let late = secret(500);
	let mut later = keys.clone();
	later.push(member(&late));
	let (pl, _) = prove(D, &later, &late, &ctx(1), b"bid 3").unwrap();
	assert!(verify(D, &pl, &root, &ctx(1), b"bid 3").is_err());
	// ring order matters: the prover must use the chain's order
	let mut shuffled = keys.clone();
	shuffled.swap(0, 7);
	let (ps, _) = prove(D, &shuffled, &secrets[2], &ctx(1), b"bid 3").unwrap();
	assert!(verify(D, &ps, &root, &ctx(1), b"bid 3").is_err());
	// a flipped byte
	let mut bad = p.clone().into_inner();
	bad[100] ^= 1;
	let bad: Proof = bad.try_into().unwrap();
	assert!(verify(D, &bad, &root, &ctx(1), b"bid 3").is_err());
}

#[test]
fn incremental_and_one_shot_rings_agree_and_capacity_is_enforced() {
	let (_, keys) = members(40);
	assert_eq!(build_ring(D, &keys).unwrap(), build_ring_incremental(D, &keys).unwrap());
	// pushing in two batches (as rings grow across registrations/blocks)
	let mut inter = start(D);
	V::push_members(&mut inter, keys[..17].iter().copied(), lookup(D)).unwrap();
	V::push_members(&mut inter, keys[17..].iter().copied(), lookup(D)).unwrap();
	assert_eq!(V::finish_members(inter), build_ring(D, &keys).unwrap());
	// 255 fit Domain11, the 256th does not
	let (_, full) = members(256);
	assert!(build_ring(D, &full[..255]).is_ok());
	assert_eq!(build_ring(D, &full).unwrap_err(), Error::SetFull);
	// an invalid key is refused (the pallet must check it at registration: is_member_valid)
	assert!(!<V as verifiable::GenerateVerifiable>::is_member_valid(&[0u8; 32]));
}

#[test]
fn sizes() {
	let (secrets, keys) = members(3);
	let root = build_ring(D, &keys).unwrap();
	let (p, _) = prove(D, &keys, &secrets[0], &ctx(1), b"m").unwrap();
	assert_eq!(keys[0].encode().len(), 32);
	assert_eq!(root.encode().len(), 288);
	assert_eq!(start(D).encode().len(), 848);
	assert_eq!(p.len(), 785); // 752 ring proof + 1 count + 32 VRF output
	assert_eq!(p.encode().len(), 787); // + SCALE compact length
	// same sizes for every domain
	let d16 = RingDomainSize::Domain16;
	assert_eq!(build_ring(d16, &keys).unwrap().encode().len(), 288);
}
