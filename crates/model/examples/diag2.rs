use careflow_model::*;
use careflow_model::scenario::Reason;
fn main() {
    let s = Scenario::default();
    let sd = run(&s).unwrap();
    let n = 20;
    let runs: Vec<_> = (0..n).map(|r| des::run(&s, r).unwrap()).collect();
    let ds = calendar::days(s.start_year, s.years);
    let days = sd.days;
    let m = |f: &dyn Fn(&Daily) -> &Vec<f64>, d: usize| runs.iter().map(|r| f(&r.results.daily)[d]).sum::<f64>() / n as f64;
    let mut acc = [[0.0f64; 8]; 7]; let mut cnt = [0.0; 7];
    for d in 0..days { let w = ds[d].weekday as usize; cnt[w] += 1.0;
        acc[w][0] += sd.daily.delayed_by_reason.get(Reason::CarePackage)[d];
        acc[w][1] += m(&|x| x.delayed_by_reason.get(Reason::CarePackage), d);
        acc[w][2] += sd.daily.package_starts[d];
        acc[w][3] += m(&|x| &x.package_starts, d);
        acc[w][4] += sd.daily.delayed_by_reason.get(Reason::CareHome)[d];
        acc[w][5] += m(&|x| x.delayed_by_reason.get(Reason::CareHome), d);
        acc[w][6] += sd.daily.delayed_by_reason.get(Reason::Assessment)[d];
        acc[w][7] += m(&|x| x.delayed_by_reason.get(Reason::Assessment), d);
    }
    for w in 0..7 { let a = acc[w]; let c = cnt[w];
        println!("wd {w}: E queue SD {:.2} DES {:.2} | pkg starts SD {:.2} DES {:.2} | D SD {:.2} DES {:.2} | A SD {:.2} DES {:.2}", a[0]/c, a[1]/c, a[2]/c, a[3]/c, a[4]/c, a[5]/c, a[6]/c, a[7]/c); }
}
