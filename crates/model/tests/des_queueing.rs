//! The DES single bed pool against closed-form queueing results (validation.md, hard oracles 2–5).
//!
//! Each check runs independent replications and builds a 99% Student-t confidence interval from
//! the replication estimates; the theoretical value must lie inside it. Where it makes the test's
//! power visible, the interval must also exclude the answer for one bed more or one bed fewer.

use careflow_model::des::stats::Summary;
use careflow_model::des::theory::{
    erlang_b, erlang_c, erlang_c_mean_wait, poisson_cdf, poisson_quantile,
};
use careflow_model::des::{run_single_pool, SinglePool, SinglePoolStats, WhenFull};
use careflow_model::distribution::Distribution;

const CONF: f64 = 0.99;
const REPS: u32 = 30;

fn replicate(cfg: &SinglePool) -> Vec<SinglePoolStats> {
    (0..REPS).map(|r| run_single_pool(cfg, r)).collect()
}

fn summary(runs: &[SinglePoolStats], f: impl Fn(&SinglePoolStats) -> f64) -> Summary {
    Summary::of(&runs.iter().map(f).collect::<Vec<_>>())
}

fn assert_ci(label: &str, s: &Summary, theory: f64) {
    let h = s.half_width(CONF);
    assert!(
        s.ci_contains(theory, CONF),
        "{label}: theory {theory:.5} outside 99% CI {:.5} ± {h:.5}",
        s.mean()
    );
}

fn pool(
    rate: f64,
    beds: Option<u32>,
    los: Distribution,
    when_full: WhenFull,
    seed: u64,
) -> SinglePool {
    let warmup = 40.0 * los.mean();
    SinglePool {
        arrival_rate: rate,
        beds,
        los,
        when_full,
        warmup_days: warmup,
        observe_days: 4000.0,
        seed,
    }
}

fn los_kinds(mean: f64) -> Vec<Distribution> {
    vec![
        Distribution::Exponential { mean },
        Distribution::Fixed { value: mean },
        Distribution::Gamma { mean, cv: 0.5 },
        Distribution::LogNormal { mean, cv: 1.5 },
        // A baseline-like emergency stay: 49% short stays of 0–1 day.
        Distribution::ShortLongMixture {
            short_share: 0.49,
            short_max: 1.0,
            long_mean: (mean - 0.49 * 0.5) / 0.51,
            long_cv: 1.0,
        },
    ]
}

#[test]
fn infinite_server_census_is_poisson_for_any_stay_distribution() {
    let rate = 4.0;
    let mean_los = 5.0;
    let m = rate * mean_los;
    let q95 = poisson_quantile(0.95, m);
    for (i, los) in los_kinds(mean_los).into_iter().enumerate() {
        let runs = replicate(&pool(
            rate,
            None,
            los.clone(),
            WhenFull::Queue,
            100 + i as u64,
        ));
        let label = format!("{los:?}");
        assert_ci(
            &format!("mean census {label}"),
            &summary(&runs, |s| s.mean_census),
            m,
        );
        assert_ci(
            &format!("variance/mean {label}"),
            &summary(&runs, |s| s.census_variance / m),
            1.0,
        );
        // The 95th percentile: P(N ≤ q95) and P(N ≤ q95 − 1) straddle 0.95 exactly as for a Poisson.
        let k = q95 as usize;
        assert_ci(
            &format!("P(N ≤ q95) {label}"),
            &summary(&runs, |s| s.census_cdf(k)),
            poisson_cdf(q95, m),
        );
        assert_ci(
            &format!("P(N ≤ q95 - 1) {label}"),
            &summary(&runs, |s| s.census_cdf(k - 1)),
            poisson_cdf(q95 - 1, m),
        );
        let pooled_q95: Vec<usize> = runs.iter().map(|s| s.census_quantile(0.95)).collect();
        let median = {
            let mut v = pooled_q95.clone();
            v.sort_unstable();
            v[v.len() / 2]
        };
        // Each replication's own 95th percentile is an integer on a knife edge here (for a mean
        // of 20, P(N ≤ 27) = 0.9475 and P(N ≤ 28) = 0.9657), so it may land one below; the exact
        // check is the pair of CDF intervals above. An over- or under-dispersed census would miss
        // by more (an overdispersed census with variance 2m puts it at 34).
        assert!(
            (median as i64 - q95 as i64).abs() <= 1,
            "{label}: median of replication 95th percentiles {median}, Poisson {q95}"
        );
        // Nobody ever found the unlimited pool full.
        assert!(runs.iter().all(|s| s.found_full == 0));
    }
}

#[test]
fn littles_law_holds_for_queue_loss_and_unlimited_pools() {
    // Mean occupied beds = (rate of patients taking a bed) × E[LOS], for any stay distribution and
    // whatever happens to those who find the pool full. Both sides are window counts, so the
    // identity holds in expectation with no edge bias. (Comparing with a *measured* mean time in
    // system would carry an O(1/T) edge bias — patients still in at the end — that longer runs make
    // more, not less, visible against a shrinking interval.)
    let mean_los = 5.0;
    let cases = [
        (Some(10), 1.7, WhenFull::Queue),
        (Some(10), 1.9, WhenFull::Queue),
        (Some(10), 1.8, WhenFull::TurnAway),
        (None, 3.0, WhenFull::Queue),
    ];
    for (i, (beds, rate, wf)) in cases.into_iter().enumerate() {
        for los in [
            Distribution::Exponential { mean: mean_los },
            Distribution::LogNormal {
                mean: mean_los,
                cv: 1.2,
            },
            Distribution::Gamma {
                mean: mean_los,
                cv: 0.3,
            },
        ] {
            let runs = replicate(&pool(rate, beds, los.clone(), wf, 200 + i as u64));
            let diff = summary(&runs, |s| s.mean_census - s.bed_start_rate() * mean_los);
            assert_ci(
                &format!("L - λW {beds:?} {rate} {wf:?} {los:?}"),
                &diff,
                0.0,
            );
        }
    }
}

#[test]
fn erlang_b_blocking_across_sizes_and_loads() {
    let mean_los = 5.0;
    // (beds, offered load in erlangs): small and large units, moderate and heavy loads.
    let cases = [
        (2, 1.0),
        (5, 3.0),
        (10, 8.0),
        (20, 15.0),
        (20, 19.0),
        (50, 45.0),
    ];
    for (i, (c, a)) in cases.into_iter().enumerate() {
        let cfg = pool(
            a / mean_los,
            Some(c),
            Distribution::Exponential { mean: mean_los },
            WhenFull::TurnAway,
            300 + i as u64,
        );
        let runs = replicate(&cfg);
        let s = summary(&runs, |s| s.share_found_full());
        let label = format!("Erlang B c={c} a={a}");
        assert_ci(&label, &s, erlang_b(c, a));
        // Power: one bed more or fewer must be distinguishable.
        assert!(
            !s.ci_contains(erlang_b(c + 1, a), CONF),
            "{label}: cannot tell c+1"
        );
        assert!(
            !s.ci_contains(erlang_b(c - 1, a), CONF),
            "{label}: cannot tell c-1"
        );
        // Carried load: mean occupied beds = a (1 − B).
        assert_ci(
            &format!("{label} carried load"),
            &summary(&runs, |s| s.mean_census),
            a * (1.0 - erlang_b(c, a)),
        );
    }
}

#[test]
fn erlang_b_is_insensitive_to_the_stay_distribution() {
    let (c, a) = (10, 8.0);
    let mean_los = 5.0;
    for (i, los) in los_kinds(mean_los).into_iter().enumerate() {
        let runs = replicate(&pool(
            a / mean_los,
            Some(c),
            los.clone(),
            WhenFull::TurnAway,
            400 + i as u64,
        ));
        assert_ci(
            &format!("Erlang B c={c} a={a} {los:?}"),
            &summary(&runs, |s| s.share_found_full()),
            erlang_b(c, a),
        );
    }
}

#[test]
fn erlang_c_probability_of_waiting_and_mean_wait() {
    let mean_los = 5.0;
    let cases = [(1, 0.7), (5, 4.0), (10, 8.5), (30, 27.0)];
    for (i, (c, a)) in cases.into_iter().enumerate() {
        let mut cfg = pool(
            a / mean_los,
            Some(c),
            Distribution::Exponential { mean: mean_los },
            WhenFull::Queue,
            500 + i as u64,
        );
        // Heavier loads relax slowly: observe longer.
        cfg.observe_days = 8000.0;
        let runs = replicate(&cfg);
        let label = format!("Erlang C c={c} a={a}");
        let s = summary(&runs, |s| s.share_found_full());
        assert_ci(&label, &s, erlang_c(c, a));
        assert!(
            !s.ci_contains(erlang_c(c + 1, a), CONF),
            "{label}: cannot tell c+1"
        );
        assert_ci(
            &format!("{label} mean wait"),
            &summary(&runs, |s| s.total_wait_days / s.admitted as f64),
            erlang_c_mean_wait(c, a, mean_los),
        );
        // Little's law for the queue: mean number waiting = λ × E[wait].
        assert_ci(
            &format!("{label} mean queue"),
            &summary(&runs, |s| s.mean_queue),
            a / mean_los * erlang_c_mean_wait(c, a, mean_los),
        );
        // Everyone is eventually served: the busy beds carry the whole offered load.
        assert_ci(
            &format!("{label} carried load"),
            &summary(&runs, |s| s.mean_census),
            a,
        );
    }
}

#[test]
fn small_units_turn_away_more_at_the_same_occupancy() {
    // de Bruin et al. 2010: at equal occupancy, smaller units turn away more. At 85% offered
    // occupancy a 5-bed unit loses far more than a 50-bed unit.
    let mean_los = 5.0;
    let small = replicate(&pool(
        0.85 * 5.0 / mean_los,
        Some(5),
        Distribution::Exponential { mean: mean_los },
        WhenFull::TurnAway,
        600,
    ));
    let large = replicate(&pool(
        0.85 * 50.0 / mean_los,
        Some(50),
        Distribution::Exponential { mean: mean_los },
        WhenFull::TurnAway,
        601,
    ));
    let s = summary(&small, |s| s.share_found_full());
    let l = summary(&large, |s| s.share_found_full());
    assert!(s.mean() - s.half_width(CONF) > 2.0 * (l.mean() + l.half_width(CONF)));
}
