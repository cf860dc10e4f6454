//! Dates for the daily engines: financial years start on 1 April.

/// Is `y` a leap year (Gregorian)?
pub fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// Days in month `m` (1..=12) of calendar year `y`.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days in the financial year starting 1 April `y`.
pub fn fy_days(y: u32) -> u32 {
    if is_leap(y + 1) {
        366
    } else {
        365
    }
}

/// Day of week of a date, Monday = 0 … Sunday = 6 (Sakamoto's method).
pub fn weekday(y: u32, m: u32, d: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    // Sakamoto gives Sunday = 0.
    let sun0 = (y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d) % 7;
    (sun0 + 6) % 7
}

/// One simulated day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Day {
    /// Financial-year index from the start (0 = first year).
    pub year_index: u32,
    /// Day within the financial year (0 = 1 April).
    pub day_of_year: u32,
    /// Length of this financial year [days].
    pub year_days: u32,
    /// Calendar year and month (1..=12) and day of month.
    pub year: u32,
    pub month: u32,
    pub day: u32,
    /// Monday = 0 … Sunday = 6.
    pub weekday: u32,
}

impl Day {
    /// December, January or February.
    pub fn is_winter(&self) -> bool {
        matches!(self.month, 12 | 1 | 2)
    }
    /// Saturday or Sunday.
    pub fn is_weekend(&self) -> bool {
        self.weekday >= 5
    }
}

/// Every day of `years` financial years from 1 April `start_year`.
pub fn days(start_year: u32, years: u32) -> Vec<Day> {
    let mut out = Vec::new();
    let mut wd = weekday(start_year, 4, 1);
    for yi in 0..years {
        let fy = start_year + yi;
        let n = fy_days(fy);
        let (mut y, mut m, mut d) = (fy, 4u32, 1u32);
        for doy in 0..n {
            out.push(Day {
                year_index: yi,
                day_of_year: doy,
                year_days: n,
                year: y,
                month: m,
                day: d,
                weekday: wd,
            });
            wd = (wd + 1) % 7;
            d += 1;
            if d > days_in_month(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn first_april_2008_was_a_tuesday_and_years_have_the_right_length() {
        assert_eq!(weekday(2008, 4, 1), 1);
        assert_eq!(weekday(2024, 1, 1), 0);
        let d = days(2008, 6);
        assert_eq!(d.len(), 365 + 365 + 365 + 366 + 365 + 365);
        let last = d.last().unwrap();
        assert_eq!((last.year, last.month, last.day), (2014, 3, 31));
        assert_eq!(last.weekday, weekday(2014, 3, 31));
    }
}
