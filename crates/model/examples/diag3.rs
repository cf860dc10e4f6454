use careflow_model::*;
use careflow_model::scenario::*;
fn main() {
    let mut s = Scenario::default();
    s.demand.winter_uplift = 0.0; s.demand.weekend_dip = 0.0; s.beds.winter_los_uplift = 0.0;
    s.demand.emergency_growth = 0.0; s.population.growth = 0.0;
    s.discharge.weekend_working = std::env::var("WW").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0);
    s.beds.base = 5000.0; s.demand.elective_admissions = 0.0;
    for svc in Service::ALL { let p = s.discharge.process_mut(svc); for st in Step::ALL { p.get_mut(st).share = 0.0; } }
    s.years = 2;
    let sd = run(&s).unwrap();
    let n = 20;
    let des = des::replicate(&s, n, |_,_| {}).unwrap();
    for (i, y) in sd.yearly.iter().enumerate() {
        let d = &des.yearly[i];
        let rho = y.utilisation_care_package;
        println!("{}: E days SD {:.0} DES {:.0} | D days SD {:.0} DES {:.0} | util pkg {:.3}/{:.3} | M/M/1 mean N {:.2}", y.year,
          y.delayed_days_reason_care_package, d["delayed_days_reason_care_package"].mean,
          y.delayed_days_reason_care_home, d["delayed_days_reason_care_home"].mean, rho, d["utilisation_care_package"].mean, rho/(1.0-rho));
        let days = y.days as f64;
        println!("   mean E queue SD {:.2} DES {:.2}", y.delayed_days_reason_care_package/days, d["delayed_days_reason_care_package"].mean/days);
    }
}
