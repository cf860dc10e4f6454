use careflow_model::*;
fn main() {
    let s = Scenario::default();
    let t = std::time::Instant::now();
    let r = des::run(&s, 0).unwrap();
    println!("{:?} events {}", t.elapsed(), r.events);
}
