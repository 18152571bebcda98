// rust_names.rs - a Rust program with no randomness: an inherent method,
// a generic function over a trait, a closure-heavy BTreeMap count.  The
// tests look for these functions by their demangled names and lines.
// Built with --cfg raw_main it starts at a C-style main and skips std's
// runtime start-up, which reads /proc/self/maps (glibc's
// pthread_getattr_np): its contents differ between two Valgrind tools, and
// so would the counts of that parsing.
#![cfg_attr(raw_main, no_main)]
use std::collections::BTreeMap;

pub struct Matrix { n: usize, cells: Vec<u64> }

impl Matrix {
    pub fn new(n: usize) -> Matrix {
        Matrix { n, cells: (0..n * n).map(|i| (i as u64 * 7) % 13).collect() }
    }
    #[inline(never)]
    pub fn multiply(&self, other: &Matrix) -> Matrix {
        let n = self.n;
        let mut out = vec![0u64; n * n];
        for i in 0..n {
            for k in 0..n {
                let a = self.cells[i * n + k];
                for j in 0..n {
                    out[i * n + j] = out[i * n + j].wrapping_add(a * other.cells[k * n + j]);
                }
            }
        }
        Matrix { n, cells: out }
    }
}

pub trait Shape { fn area(&self) -> u64; }
pub struct Square(u64);
impl Shape for Square { fn area(&self) -> u64 { self.0 * self.0 } }

#[inline(never)]
fn total_area<T: Shape>(shapes: &[T]) -> u64 { shapes.iter().map(|s| s.area()).sum() }

#[inline(never)]
fn word_counts(text: &str) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for w in text.split_whitespace() { *m.entry(w).or_insert(0) += 1; }
    m
}

#[inline(never)]
fn run() {
    let a = Matrix::new(40);
    let b = a.multiply(&a);
    let sq: Vec<Square> = (1..200).map(Square).collect();
    let counts = word_counts("the quick brown fox jumps over the lazy dog the end");
    println!("{} {} {}", b.cells.iter().sum::<u64>(), total_area(&sq), counts["the"]);
}

#[cfg(raw_main)]
#[no_mangle]
pub extern "C" fn main(_argc: i32, _argv: *const *const u8) -> i32 {
    run();
    0
}

#[cfg(not(raw_main))]
fn main() {
    run();
}
