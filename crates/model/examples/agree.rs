use careflow_model::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let reps: u32 = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let mut s = match args.get(1).map(String::as_str) { Some(id) if id != "-" => preset(id).unwrap().scenario, _ => Scenario::default() };
    for kv in args.iter().skip(2) { let (k,v)=kv.split_once('=').unwrap(); s.set(k, v.parse().unwrap()).unwrap(); }
    let sd = run(&s).unwrap();
    let des = des::replicate(&s, reps, |_, _| {}).unwrap();
    let keys = ["dtoc_share","mean_occupancy","elective_cancellations","mean_ae_waiting","commissioner_cost","days_over_95pct_occupancy","utilisation_care_package","utilisation_step_down","utilisation_care_home"];
    for (i, y) in sd.yearly.iter().enumerate() {
        let v = serde_json::to_value(y).unwrap();
        let mut line = format!("{}", y.year);
        for k in keys {
            let a = v[k].as_f64().unwrap();
            let b = des.yearly[i][k].mean;
            let (a, b, f) = match k { "dtoc_share"|"mean_occupancy" => (a*100.0, b*100.0, 2), "commissioner_cost" => (a/1e6, b/1e6, 1), k if k.starts_with("util") => (a*100.0,b*100.0,1), _ => (a, b, 1) };
            line += &format!(" | {} {:.*}/{:.*}", &k[..k.len().min(10)], f, a, f, b);
        }
        println!("{line}");
    }
    let y = &sd.yearly[0];
    let t = y.delayed_bed_days;
    let d = &des.yearly[0];
    let dt = d["delayed_bed_days"].mean;
    println!("reasons SD/DES: A {:.1}/{:.1} B {:.1}/{:.1} C {:.1}/{:.1} D {:.1}/{:.1} E {:.1}/{:.1} G {:.1}/{:.1}; NHS {:.1}/{:.1} SC {:.1}/{:.1} both {:.1}/{:.1}",
      100.0*y.delayed_days_reason_assessment/t, 100.0*d["delayed_days_reason_assessment"].mean/dt,
      100.0*y.delayed_days_reason_public_funding/t, 100.0*d["delayed_days_reason_public_funding"].mean/dt,
      100.0*y.delayed_days_reason_further_nhs_care/t, 100.0*d["delayed_days_reason_further_nhs_care"].mean/dt,
      100.0*y.delayed_days_reason_care_home/t, 100.0*d["delayed_days_reason_care_home"].mean/dt,
      100.0*y.delayed_days_reason_care_package/t, 100.0*d["delayed_days_reason_care_package"].mean/dt,
      100.0*y.delayed_days_reason_choice/t, 100.0*d["delayed_days_reason_choice"].mean/dt,
      100.0*y.delayed_days_nhs/t, 100.0*d["delayed_days_nhs"].mean/dt,
      100.0*y.delayed_days_social_care/t, 100.0*d["delayed_days_social_care"].mean/dt,
      100.0*y.delayed_days_both/t, 100.0*d["delayed_days_both"].mean/dt);
}
