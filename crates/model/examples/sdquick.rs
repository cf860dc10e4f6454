use careflow_model::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut s = match args.get(1).map(String::as_str) { Some(id) if id != "-" => preset(id).unwrap().scenario, _ => Scenario::default() };
    for kv in args.iter().skip(2) { let (k,v)=kv.split_once('=').unwrap(); s.set(k, v.parse().unwrap()).unwrap(); }
    let _ = run(&s).unwrap();
    let t = std::time::Instant::now();
    let mut r = run(&s).unwrap();
    for _ in 0..49 { r = run(&s).unwrap(); }
    let el = t.elapsed() / 50;
    for y in &r.yearly {
        println!("{} dtoc {:.2}% occ {:.1}% canc {:.0} ae {:.2} comm £{:.1}m esc {:.0} o95 {:.1} util pkg {:.2} sd {:.2} ch {:.2} adm {:.0}",
          y.year, y.dtoc_share*100.0, y.mean_occupancy*100.0, y.elective_cancellations, y.mean_ae_waiting, y.commissioner_cost/1e6, y.days_escalation_open, y.days_over_95pct_occupancy, y.utilisation_care_package, y.utilisation_step_down, y.utilisation_care_home, y.emergency_admissions);
    }
    let y=&r.yearly[0];
    let tot=y.delayed_bed_days;
    println!("reasons A {:.1} B {:.1} C {:.1} D {:.1} E {:.1} G {:.1}  nhs {:.1} sc {:.1} both {:.1}  total {:.0}",
      100.0*y.delayed_days_reason_assessment/tot, 100.0*y.delayed_days_reason_public_funding/tot, 100.0*y.delayed_days_reason_further_nhs_care/tot,
      100.0*y.delayed_days_reason_care_home/tot, 100.0*y.delayed_days_reason_care_package/tot, 100.0*y.delayed_days_reason_choice/tot,
      100.0*y.delayed_days_nhs/tot, 100.0*y.delayed_days_social_care/tot, 100.0*y.delayed_days_both/tot, tot);
    println!("elapsed {:?}", el);
}
