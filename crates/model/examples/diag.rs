use careflow_model::*;
fn main() {
    let s = Scenario::default();
    let sd = run(&s).unwrap();
    let n = 20;
    let runs: Vec<_> = (0..n).map(|r| des::run(&s, r).unwrap()).collect();
    let days = sd.days;
    let mut ratio_sum = 0.0; let mut diff_sum = 0.0; let mut cnt = 0.0;
    for d in 0..days {
        let xs: Vec<f64> = runs.iter().map(|r| r.results.daily.occupied_beds[d]).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x-m)*(x-m)).sum::<f64>() / (n as f64 - 1.0);
        ratio_sum += v / m; diff_sum += sd.daily.occupied_beds[d] - m; cnt += 1.0;
        if (d % 30 == 0 && d < 400) || (d >= 255 && d < 300 && d % 3 == 0) { 
            let canc_des: f64 = runs.iter().map(|r| r.results.daily.elective_cancellations[d]).sum::<f64>() / n as f64;
            println!("day {d}: SD census {:.1} DES mean {:.1} var/mean {:.2} esc SD {:.2} DES {:.2} canc SD {:.2} DES {:.2} avail {:.1}", sd.daily.occupied_beds[d], m, v/m,
              sd.daily.escalation_open[d], runs.iter().map(|r| r.results.daily.escalation_open[d]).sum::<f64>()/n as f64, sd.daily.elective_cancellations[d], canc_des, sd.daily.beds_available[d]); }
    }
    {
        let mut sdw = [0.0; 7]; let mut dsw = [0.0; 7]; let mut nw = [0.0; 7];
        let mut sdc = [0.0; 7]; let mut dsc = [0.0; 7];
        let ds = calendar::days(s.start_year, s.years);
        for d in 0..days { let w = ds[d].weekday as usize; nw[w] += 1.0; sdw[w] += sd.daily.occupied_beds[d];
            dsw[w] += runs.iter().map(|r| r.results.daily.occupied_beds[d]).sum::<f64>() / n as f64;
            sdc[w] += sd.daily.elective_cancellations[d]; dsc[w] += runs.iter().map(|r| r.results.daily.elective_cancellations[d]).sum::<f64>() / n as f64; }
        for w in 0..7 { println!("weekday {w}: census SD {:.1} DES {:.1}  cancellations/day SD {:.2} DES {:.2}", sdw[w]/nw[w], dsw[w]/nw[w], sdc[w]/nw[w], dsc[w]/nw[w]); }
    }
    println!("mean var/mean {:.3}, mean SD − DES census {:.2}", ratio_sum/cnt, diff_sum/cnt);
    // Winter days: cancellations per day
    let mut sdc = 0.0; let mut desc = 0.0;
    for d in 240..330 { sdc += sd.daily.elective_cancellations[d]; desc += runs.iter().map(|r| r.results.daily.elective_cancellations[d]).sum::<f64>() / n as f64; }
    println!("Dec-Feb cancellations SD {sdc:.1} DES {desc:.1}");
    {
        let mut bins = vec![(0.0f64, 0.0f64, 0.0f64); 12];
        for r in &runs { let dd = &r.results.daily; for d in 0..days {
            let gap = dd.beds_available[d] - dd.occupied_beds[d];
            let b = ((gap / 10.0).floor().max(-1.0) + 1.0) as usize;
            if b < bins.len() { bins[b].0 += 1.0; bins[b].1 += dd.elective_cancellations[d]; bins[b].2 += dd.elective_scheduled[d]; }
        }}
        for (i, b) in bins.iter().enumerate() { if b.0 > 0.0 { println!("free beds at census {}..{}: {} days, cancelled {:.3} of booked", (i as i32 - 1)*10, i as i32 *10, b.0, b.1 / b.2.max(1.0)); } }
    }
    // Upper tail of the census: observed vs Poisson/normal at the DES mean.
    for thr in [1420.0, 1440.0, 1460.0, 1480.0] {
        let mut obs = 0.0; let mut pred = 0.0;
        for d in 0..days {
            let xs: Vec<f64> = runs.iter().map(|r| r.results.daily.occupied_beds[d]).collect();
            let m = xs.iter().sum::<f64>() / n as f64;
            obs += xs.iter().filter(|&&x| x >= thr).count() as f64 / n as f64;
            let z = (thr - 0.5 - m) / m.sqrt();
            pred += 0.5 * libm::erfc(z / std::f64::consts::SQRT_2);
        }
        println!("census ≥ {thr}: observed {obs:.1} days, normal at DES mean {pred:.1} days");
    }
}
