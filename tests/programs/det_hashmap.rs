// det_hashmap.rs - std's HashMap and HashSet seed their hashers from the
// kernel (getrandom), so iteration order and probe lengths change from run
// to run unless the random bytes are fixed.
use std::collections::{HashMap, HashSet};

fn main() {
    let mut numbers: HashMap<u64, u64> = HashMap::new();
    for i in 0..20000u64 {
        numbers.insert(i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i);
    }
    let mut words: HashSet<String> = HashSet::new();
    for i in 0..5000 {
        words.insert(format!("key-{}", i));
    }
    // Order-dependent results: they differ when the seeds differ.
    let mut acc = 0u64;
    for (k, v) in &numbers {
        acc = acc.wrapping_mul(31).wrapping_add(k ^ v);
    }
    let first: Vec<&String> = words.iter().take(4).collect();
    println!("{} {} {:x} {:?}", numbers.len(), words.len(), acc, first);
}
