//! The sensitivity analysis against direct re-runs: each tornado bar is the KPI of the scenario
//! run again with that one lever at its low and at its high; the waterfall from do nothing adds up
//! to the scenario; every headline lever carries a sourced evidence range.

use careflow_model::sensitivity::{sweep, tornado, waterfall_runs, Kpi};
use careflow_model::{parameters, preset, sd, Quality, Scenario};

#[test]
fn every_headline_lever_has_a_sourced_range_inside_its_allowed_range() {
    let base = Scenario::default();
    for p in parameters() {
        let Some(e) = p.evidence else {
            assert!(
                !p.headline,
                "{} is headline but has no evidence range",
                p.path
            );
            continue;
        };
        assert!(p.headline, "{} has a range but is not headline", p.path);
        assert!(e.low < e.high, "{}", p.path);
        assert!(p.min <= e.low && e.high <= p.max, "{}", p.path);
        let v = base.get(p.path).unwrap();
        assert!(
            e.low <= v && v <= e.high,
            "{}: baseline {v} outside {}–{}",
            p.path,
            e.low,
            e.high
        );
        assert!(!e.source.is_empty(), "{}", p.path);
    }
    // Quality marks cover every lever, and assumptions are said to be so.
    for p in parameters() {
        let q = p.provenance.kind.quality();
        if q == Quality::Assumption {
            assert!(p.provenance.source.starts_with("assumption"), "{}", p.path);
        }
    }
}

#[test]
fn tornado_bars_equal_direct_re_runs_at_the_low_and_high_values() {
    for s in [
        Scenario::default(),
        preset("strategic-plan").unwrap().scenario,
    ] {
        let sw = sweep(&s).unwrap();
        assert_eq!(sw.levers.len(), careflow_model::params::EVIDENCE.len());
        let year = 4; // 2012/13
        for kpi in [Kpi::DtocShare, Kpi::CommissionerCost] {
            let t = sw.tornado(kpi, year);
            assert_eq!(t.year_label, "2012/13");
            assert_eq!(t.base, kpi.of(&sd::run(&s).unwrap().yearly[year]));
            for w in t.bars.windows(2) {
                assert!(w[0].width >= w[1].width, "widest first");
            }
            for b in &t.bars {
                for (v, got) in [(b.low, b.at_low), (b.high, b.at_high)] {
                    let mut r = s.clone();
                    r.set(&b.path, v).unwrap();
                    let direct = kpi.of(&sd::run(&r).unwrap().yearly[year]);
                    assert_eq!(got, direct, "{} at {v}", b.path);
                }
                assert_eq!(b.width, (b.at_high - b.at_low).abs());
            }
        }
    }
    // The convenience function is the same as the sweep.
    let s = Scenario::default();
    assert_eq!(
        tornado(&s, Kpi::DtocShare, 4).unwrap(),
        sweep(&s).unwrap().tornado(Kpi::DtocShare, 4)
    );
}

#[test]
fn bars_within_the_noise_are_marked_and_the_rest_are_not() {
    let mut t = tornado(&Scenario::default(), Kpi::DtocShare, 4).unwrap();
    let widest = t.bars[0].width;
    t.mark_noise(widest * 2.0);
    assert!(t.bars.iter().all(|b| b.within_noise));
    t.mark_noise(0.0005);
    assert!(!t.bars[0].within_noise);
    assert!(
        t.bars.iter().any(|b| b.within_noise),
        "some levers barely move delays"
    );
}

#[test]
fn the_waterfall_from_do_nothing_sums_to_the_scenario() {
    let reference = preset("do-nothing").unwrap().scenario;
    for id in ["strategic-plan", "plan-with-bed-closures", "winter-surge"] {
        let s = preset(id).unwrap().scenario;
        let runs = waterfall_runs(&s, &reference).unwrap();
        assert!(!runs.groups.is_empty(), "{id}");
        for kpi in Kpi::ALL {
            for year in 0..s.years as usize {
                let w = runs.waterfall(kpi, year);
                let total: f64 = w.steps.iter().map(|s| s.change).sum();
                let scale = w.end.abs().max(1e-9);
                assert!(
                    ((w.start + total) - w.end).abs() <= 1e-9 * scale,
                    "{id} {kpi:?} {year}"
                );
                assert_eq!(w.steps.last().unwrap().label, "Interaction");
            }
        }
        // The groups' changes, applied together, are the scenario (bar the seed).
        let direct = sd::run(&s).unwrap();
        assert_eq!(
            runs.scenario[4][0], direct.yearly[4].dtoc_share,
            "{id}: the end is the scenario's own run"
        );
    }
    // One group changed alone: no interaction, and that group's step is the whole change.
    let mut s = reference.clone();
    s.set("discharge.weekend_working", 1.0).unwrap();
    s.set("discharge.discharge_to_assess.share", 0.5).unwrap();
    let w = waterfall_runs(&s, &reference)
        .unwrap()
        .waterfall(Kpi::DtocShare, 4);
    assert_eq!(w.steps.len(), 2);
    assert_eq!(w.steps[0].label, "Discharge and delays");
    assert!(w.steps[1].change.abs() < 1e-12, "{w:?}");
    assert!(
        w.end < w.start,
        "seven-day discharge and discharge to assess cut delays"
    );
}
