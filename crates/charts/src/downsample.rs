//! Downsampling long series to the plot's pixel width, keeping each bucket's minimum and maximum so
//! peaks (the day the hospital was full) survive.

/// Reduces `points` (sorted by x) to at most about `2 × buckets` points: for each of `buckets`
/// equal-width x buckets, the minimum and maximum y in x order. Non-finite points are dropped.
/// Series already short enough are returned unchanged (less non-finite points).
pub fn downsample_min_max(points: &[(f64, f64)], buckets: usize) -> Vec<(f64, f64)> {
    let finite: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .collect();
    let buckets = buckets.max(1);
    if finite.len() <= 2 * buckets {
        return finite;
    }
    let x0 = finite[0].0;
    let x1 = finite[finite.len() - 1].0;
    let width = (x1 - x0).max(f64::MIN_POSITIVE);
    let mut out = Vec::with_capacity(2 * buckets + 2);
    let mut start = 0;
    while start < finite.len() {
        let b = (((finite[start].0 - x0) / width) * buckets as f64)
            .floor()
            .min((buckets - 1) as f64);
        let mut end = start + 1;
        while end < finite.len() {
            let bb = (((finite[end].0 - x0) / width) * buckets as f64)
                .floor()
                .min((buckets - 1) as f64);
            if bb != b {
                break;
            }
            end += 1;
        }
        let slice = &finite[start..end];
        let (mut lo, mut hi) = (0, 0);
        for (i, p) in slice.iter().enumerate() {
            if p.1 < slice[lo].1 {
                lo = i;
            }
            if p.1 > slice[hi].1 {
                hi = i;
            }
        }
        let (a, b2) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        out.push(slice[a]);
        if b2 != a {
            out.push(slice[b2]);
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_peak_and_bounds_the_length() {
        let mut pts: Vec<(f64, f64)> = (0..10_000).map(|i| (i as f64, 1.0)).collect();
        pts[7_777].1 = 99.0;
        let out = downsample_min_max(&pts, 100);
        assert!(out.len() <= 200, "len {}", out.len());
        assert!(out.iter().any(|p| p.1 == 99.0), "peak lost");
        assert!(out.windows(2).all(|w| w[0].0 <= w[1].0), "x order lost");
    }

    #[test]
    fn short_series_unchanged_and_nan_dropped() {
        let pts = vec![(0.0, 1.0), (1.0, f64::NAN), (2.0, 3.0)];
        assert_eq!(downsample_min_max(&pts, 100), vec![(0.0, 1.0), (2.0, 3.0)]);
    }
}
