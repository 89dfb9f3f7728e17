//! Mutated requests through the guard and kafka-protocol: every served request at every version,
//! with bytes flipped, overwritten with count-like values, or cut short, is answered with an
//! error or decoded — never a panic or an abort (either would end this test process).

use bytes::Bytes;
use kplay_core::BrokerId;

use super::super::{Client, decode};
use crate::guard::tests::sample_body;
use crate::versions::SUPPORTED;

/// xorshift64*: a fixed sequence, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(3) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        match rng.below(4) {
            0 => out[at] ^= 1 << rng.below(8),
            // Lengths and counts near the edges: -1, huge, a varint that runs on.
            1 => out[at] = [0x00, 0x7f, 0x80, 0xff][rng.below(4)],
            2 => {
                let end = (at + 4).min(out.len());
                out[at..end].fill(0x7f);
            }
            _ => out.truncate(at),
        }
    }
    out
}

#[test]
fn mutated_requests_are_refused_or_decoded_never_a_crash() {
    let client = Client { broker: BrokerId(1), client_id: "mutant", host: "/127.0.0.1" };
    let mut rng = Rng(0x6b70_6c61_7900_0002);
    let mut decoded = 0;
    let mut refused = 0;
    for supported in SUPPORTED {
        for version in supported.min..=supported.max {
            let body = sample_body(supported.api, version);
            for _ in 0..60 {
                let mutant = Bytes::from(mutate(&mut rng, &body));
                match decode(supported.api, version, mutant, &client) {
                    Ok(_) => decoded += 1,
                    Err(_) => refused += 1,
                }
            }
        }
    }
    assert!(decoded > 0 && refused > 0, "{decoded} decoded, {refused} refused");
}
