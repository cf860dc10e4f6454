use careflow_model::*;
fn main() {
    let mut s = Scenario::default();
    s.set("demand.emergency_growth", 0.035).unwrap();
    let sd = run(&s).unwrap();
    let n = 10;
    let runs: Vec<_> = (0..n).map(|r| des::run(&s, r).unwrap()).collect();
    let m = |f: &dyn Fn(&Daily) -> &Vec<f64>, d: usize| runs.iter().map(|r| f(&r.results.daily)[d]).sum::<f64>() / n as f64;
    let start = 365*5 + 1;
    for d in (start+230..start+340).step_by(4) {
        println!("day {d}: census SD {:.0} DES {:.0} | avail SD {:.0} DES {:.0} | ae SD {:.1} DES {:.1} | canc SD {:.1} DES {:.1} | delayed SD {:.0} DES {:.0}",
          sd.daily.occupied_beds[d], m(&|x| &x.occupied_beds, d), sd.daily.beds_available[d], m(&|x| &x.beds_available, d),
          sd.daily.ae_waiting[d], m(&|x| &x.ae_waiting, d), sd.daily.elective_cancellations[d], m(&|x| &x.elective_cancellations, d),
          sd.daily.delayed_total[d], m(&|x| &x.delayed_total, d));
    }
}
