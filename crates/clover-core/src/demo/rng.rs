//! A small deterministic random number generator (splitmix64) and the few transcendental
//! functions the generator needs, written with basic arithmetic only so that the same seed
//! gives the same organisation on every platform (native and WebAssembly alike).

const LN2: f64 = std::f64::consts::LN_2;

/// e^x from a range reduction and a Taylor polynomial: IEEE `+ - * /` only.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x < -700.0 {
        return 0.0;
    }
    let x = x.min(700.0);
    let k = (x / LN2).round();
    let r = x - k * LN2;
    let mut sum = 1.0;
    let mut term = 1.0;
    for i in 1..=14 {
        term *= r / i as f64;
        sum += term;
    }
    sum * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

/// The natural logarithm (of a positive number) from the exponent bits and an atanh series.
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if x < f64::MIN_POSITIVE {
        return -745.0;
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023u64 << 52));
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let mut term = s;
    let mut sum = 0.0;
    let mut n = 1.0;
    for _ in 0..22 {
        sum += term / n;
        term *= s2;
        n += 2.0;
    }
    e as f64 * LN2 + 2.0 * sum
}

#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// A generator for a sub-task, so that changing one part leaves the others alone.
    pub fn fork(&mut self, salt: u64) -> Rng {
        Rng(self.next_u64() ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in lo..hi (lo when the range is empty).
    pub fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + ((self.next_u64() as u128 * (hi - lo) as u128) >> 64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }

    /// An index drawn with the given weights (0 when they are all zero).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| w as u64).sum();
        if total == 0 {
            return 0;
        }
        let mut x = ((self.next_u64() as u128 * total as u128) >> 64) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if x < w as u64 {
                return i;
            }
            x -= w as u64;
        }
        weights.len() - 1
    }

    /// Exponentially distributed with this mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * ln(1.0 - self.f64())
    }

    /// Pareto-distributed with shape `alpha` (> 1), scaled to mean 1: a heavy tail.
    pub fn pareto(&mut self, alpha: f64) -> f64 {
        let x = exp(-ln(1.0 - self.f64()) / alpha);
        x * (alpha - 1.0) / alpha
    }

    /// About standard normal (Irwin–Hall: twelve uniforms), plenty for a demo.
    pub fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.f64()).sum::<f64>() - 6.0
    }

    /// Log-normal with mean 1 and log-scale `sigma`: spread without a runaway tail.
    pub fn lognormal(&mut self, sigma: f64) -> f64 {
        exp(sigma * self.normal() - sigma * sigma / 2.0)
    }

    /// A logistic variate: `mid + scale * logit(u)`.
    pub fn logistic(&mut self, mid: f64, scale: f64) -> f64 {
        let u = self.f64().clamp(1e-9, 1.0 - 1e-9);
        mid + scale * ln(u / (1.0 - u))
    }

    /// Poisson-distributed count with this mean.
    pub fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda.is_nan() || lambda <= 0.0 {
            return 0;
        }
        if lambda < 40.0 {
            let limit = exp(-lambda);
            let mut k = 0u32;
            let mut p = 1.0;
            loop {
                p *= self.f64();
                if p <= limit {
                    return k;
                }
                k += 1;
            }
        }
        // Large means: a normal approximation (Irwin–Hall), plenty for a demo.
        let z: f64 = (0..12).map(|_| self.f64()).sum::<f64>() - 6.0;
        (lambda + lambda.sqrt() * z).round().max(0.0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_accurate() {
        for x in [-20.0, -1.5, -0.1, 0.0, 0.3, 1.0, 2.5, 10.0, 50.0] {
            let (a, b) = (exp(x), x.exp());
            assert!((a - b).abs() <= 1e-12 * b.abs().max(1e-300), "exp({x}) {a} {b}");
        }
        for x in [1e-9, 0.001, 0.5, 1.0, 1.7, 2.0, 10.0, 12345.678] {
            let (a, b) = (ln(x), x.ln());
            assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "ln({x}) {a} {b}");
        }
    }

    #[test]
    fn poisson_means() {
        let mut r = Rng::new(7);
        for lambda in [0.3, 3.0, 25.0, 120.0] {
            let n = 20_000;
            let mean = (0..n).map(|_| r.poisson(lambda) as f64).sum::<f64>() / n as f64;
            assert!((mean - lambda).abs() < 0.05 * lambda + 0.02, "{lambda}: {mean}");
        }
    }
}
