//! Print the calibration figures and headline KPIs of every preset:
//! `cargo run -p careflow-model --release --example calibrate`.

use careflow_model::{presets, sd};

fn main() {
    for p in presets() {
        let r = match sd::run(&p.scenario) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}: {e}", p.id);
                continue;
            }
        };
        println!("== {} ==", p.id);
        println!(
            "{:8} {:>8} {:>7} {:>6} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}",
            "year", "adm", "avoid", "occ", "peak", ">95", "dtoc", "cancel", "deaths", "home", "h+ch", "hosp", "tariff£m", "comm£m", "total£m"
        );
        for y in &r.yearly {
            println!(
                "{:8} {:8.0} {:7.0} {:6.3} {:6.3} {:5.0} {:6.4} {:6.0} {:6.0} {:6.3} {:6.3} {:6.3} {:7.1} {:7.1} {:7.1}",
                y.year,
                y.emergency_admissions,
                y.admissions_avoided,
                y.mean_occupancy,
                y.peak_occupancy,
                y.days_over_95pct_occupancy,
                y.dtoc_share,
                y.elective_cancellations,
                y.deaths,
                y.home_death_share,
                y.home_or_care_home_death_share,
                y.hospital_death_share,
                y.emergency_tariff_cost / 1e6,
                y.community_cost / 1e6,
                y.total_cost / 1e6
            );
        }
    }
}
