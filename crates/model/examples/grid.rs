use careflow_model::*;
fn main() {
    let reps: u32 = std::env::var("REPS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let base = Scenario::default();
    let mut cases: Vec<(String, Scenario)> = vec![("baseline".into(), base.clone())];
    for (p, name) in [("discharge.care_packages.starts_per_week","pkg"),("discharge.care_homes.starts_per_week","ch"),("discharge.step_down.beds","sd")] {
        for f in [0.9, 0.95, 1.1] { let mut s = base.clone(); let v = s.get(p).unwrap(); s.set(p, v*f).unwrap(); cases.push((format!("{name}x{f}"), s)); }
    }
    for g in [0.025, 0.035] { let mut s = base.clone(); s.set("demand.emergency_growth", g).unwrap(); cases.push((format!("growth{g}"), s)); }
    for p in presets() { if p.id != "do-nothing" { cases.push((p.id.to_string(), p.scenario.clone())); } }
    let only = std::env::var("ONLY").ok();
    for (name, s) in &cases {
        if let Some(o) = &only { if !name.contains(o.as_str()) { continue; } }
        let sd = run(s).unwrap();
        let des = des::replicate(s, reps, |_, _| {}).unwrap();
        let mut worst = (0.0f64, 0.0f64, 0.0f64, 0.0f64, 0.0f64);
        for (i, y) in sd.yearly.iter().enumerate() {
            let d = &des.yearly[i];
            let dd = (y.dtoc_share - d["dtoc_share"].mean)*100.0;
            let dr = dd / (d["dtoc_share"].mean*100.0);
            let docc = (y.mean_occupancy - d["mean_occupancy"].mean)*100.0;
            let dc = y.elective_cancellations - d["elective_cancellations"].mean;
            let dae = y.mean_ae_waiting - d["mean_ae_waiting"].mean;
            let dcost = (y.commissioner_cost - d["commissioner_cost"].mean)/1e6;
            println!("{name:16} {} DTOC {:5.2}/{:5.2} ({:+.2}, {:+.0}%) occ {:5.1}/{:5.1} ({:+.1}) canc {:6.0}/{:6.0} ({:+.0}) ae {:6.1}/{:6.1} cost {:6.1}/{:6.1} ({:+.1})",
               y.year, y.dtoc_share*100.0, d["dtoc_share"].mean*100.0, dd, dr*100.0, y.mean_occupancy*100.0, d["mean_occupancy"].mean*100.0, docc,
               y.elective_cancellations, d["elective_cancellations"].mean, dc, y.mean_ae_waiting, d["mean_ae_waiting"].mean, y.commissioner_cost/1e6, d["commissioner_cost"].mean/1e6, dcost);
            let _ = &mut worst;
        }
    }
}
