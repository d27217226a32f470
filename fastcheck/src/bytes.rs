//! The byte scan the fast path spends its time in, sixteen bytes at a time.
//!
//! Most of a page is string content, so finding the end of a string run is the
//! hottest loop of a decode. In WebAssembly with `simd128` (every browser since
//! 2021 and Node 16.4+ run it; the package is built with it) it compares
//! sixteen bytes per step; elsewhere eight at a time in a `u64` (SWAR). Both
//! give exactly the byte-at-a-time answers, held to them by the tests below.

/// Whether `c` ends a run of plain string content: a quote, a backslash or a control byte.
#[inline]
pub(crate) fn is_stop(c: u8) -> bool {
    c < 0x20 || c == b'"' || c == b'\\'
}

/// The index of the first byte at or after `i` that ends a run of plain string
/// content (see [`is_stop`]), or `b.len()` if there is none.
#[inline]
pub(crate) fn stop_at(b: &[u8], mut i: usize) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128_load, v128_or};
        while i + 16 <= b.len() {
            // SAFETY: `i + 16 <= b.len()`, so the sixteen bytes read are inside `b`;
            // wasm loads need no alignment.
            let v = unsafe { v128_load(b.as_ptr().add(i).cast()) };
            let stop = v128_or(
                v128_or(u8x16_eq(v, u8x16_splat(b'"')), u8x16_eq(v, u8x16_splat(b'\\'))),
                u8x16_lt(v, u8x16_splat(0x20)),
            );
            let bits = u8x16_bitmask(stop);
            if bits != 0 {
                return i + bits.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        while let Some(word) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            let x = u64::from_le_bytes(w);
            // A byte is flagged where it is zero after the xor, or below 0x20. Borrows
            // only run upwards, so the lowest flag is always a true one.
            let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
            let quote = zero(x ^ (ONES * u64::from(b'"')));
            let backslash = zero(x ^ (ONES * u64::from(b'\\')));
            let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            let flags = quote | backslash | control;
            if flags != 0 {
                return i + (flags.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
    }
    while i < b.len() && !is_stop(b[i]) {
        i += 1;
    }
    i
}

/// Whether every byte of `b` is ASCII (so `b` is UTF-8 without a look at
/// sequences): `str::from_utf8`'s own ASCII run reads four bytes a step in
/// wasm32, this reads sixteen.
pub(crate) fn is_ascii(b: &[u8]) -> bool {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{u8x16_bitmask, u8x16_splat, v128_load, v128_or};
        let mut i = 0;
        let mut any = u8x16_splat(0);
        while i + 16 <= b.len() {
            // SAFETY: `i + 16 <= b.len()`, so the sixteen bytes read are inside `b`.
            any = v128_or(any, unsafe { v128_load(b.as_ptr().add(i).cast()) });
            i += 16;
        }
        u8x16_bitmask(any) == 0 && b[i..].is_ascii()
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    b.is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop_at_slowly(b: &[u8], i: usize) -> usize {
        b[i..].iter().position(|&c| is_stop(c)).map_or(b.len(), |p| i + p)
    }

    /// Every stop byte at every position of every length up to 40, over a run of
    /// bytes that includes the borrow-prone ones (0x00, 0x1f, 0x20, 0x21, 0x80, 0xff).
    #[test]
    fn stop_at_finds_the_first_stop_byte() {
        let fillers = [b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xa2, 0xdc, 0xff];
        let stops = [b'"', b'\\', 0x00, 0x01, 0x1f];
        for len in 0..40 {
            for k in 0..fillers.len() {
                let b: Vec<u8> = (0..len).map(|j| fillers[(j + k) % fillers.len()]).collect();
                assert_eq!(stop_at(&b, 0), len, "no stop in {b:?}");
                for at in 0..len {
                    for &stop in &stops {
                        let mut with = b.clone();
                        with[at] = stop;
                        for start in 0..=at {
                            assert_eq!(
                                stop_at(&with, start),
                                stop_at_slowly(&with, start),
                                "{with:?} from {start}"
                            );
                        }
                        // A second stop after the first never hides it.
                        if at + 1 < len {
                            with[at + 1] = b'"';
                            assert_eq!(stop_at(&with, 0), at);
                        }
                    }
                }
            }
        }
    }
}
