use careflow_model::*;
fn main() {
    let s = Scenario::default();
    for _ in 0..20 { let _ = run(&s); }
    let n = 200;
    let t = std::time::Instant::now();
    for _ in 0..n { let _ = rules::Rules::new(&s); }
    println!("Rules::new {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n { let _ = s.validate(); }
    println!("validate {:?}", t.elapsed() / n);
    let t = std::time::Instant::now();
    for _ in 0..n { let _ = run(&s); }
    println!("run {:?}", t.elapsed() / n);
    let r = run(&s).unwrap();
    let t = std::time::Instant::now();
    for _ in 0..n { let _ = kpis::yearly(&s, &calendar::days(2008, 6), &r.daily); let _ = kpis::monthly(&calendar::days(2008,6), &r.daily); }
    println!("kpis {:?}", t.elapsed() / n);
}
