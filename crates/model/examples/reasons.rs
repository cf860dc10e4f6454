use careflow_model::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut s = match args.get(1).map(String::as_str) { Some(id) if id != "-" => preset(id).unwrap().scenario, _ => Scenario::default() };
    for kv in args.iter().skip(2) { let (k,v)=kv.split_once('=').unwrap(); s.set(k, v.parse().unwrap()).unwrap(); }
    let sd = run(&s).unwrap();
    let des = des::replicate(&s, 10, |_, _| {}).unwrap();
    let keys = ["delayed_days_reason_assessment","delayed_days_reason_public_funding","delayed_days_reason_further_nhs_care","delayed_days_reason_care_home","delayed_days_reason_care_package","delayed_days_reason_choice","mean_ae_waiting","elective_cancellations","utilisation_step_down","mean_step_down_occupied","days_escalation_open","mean_beds_available"];
    for (i, y) in sd.yearly.iter().enumerate() {
        let v = serde_json::to_value(y).unwrap();
        let mut line = y.year.clone();
        for k in keys { line += &format!(" {}={:.1}/{:.1}", &k[k.len().min(14).max(0)..].chars().take(12).collect::<String>(), v[k].as_f64().unwrap(), des.yearly[i][k].mean); }
        println!("{line}");
    }
}
