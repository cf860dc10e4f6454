//! A lever's unit: what its values mean, how the page shows them and which control moves them.
//!
//! Files, links, CSV headers and the CLI keep the machine unit ([`Unit::machine`]: "share",
//! "fraction/year", "£/day"); the page shows values the way people read them ([`Unit::shown`]:
//! "1.7% a year", "£250 a day", "40 beds").

use serde::{Serialize, Serializer};

/// The units the registry's levers are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    People,
    PeopleAtOnce,
    Beds,
    Hours,
    Days,
    WorkingDays,
    Years,
    /// A share of a whole, 0 to 1.
    Share,
    /// A relative change, 0.05 = +5%.
    Fraction,
    /// A relative change each year, 0.017 = 1.7% a year.
    FractionPerYear,
    AdmissionsPerYear,
    AttendancesPerYear,
    StartsPerWeek,
    PlacementsPerWeek,
    PerThousandPerYear,
    Pounds,
    PoundsPerDay,
    PoundsPerBedDay,
    PoundsPerPersonDay,
    PoundsPerSpell,
    PoundsPerWeek,
    /// A point in time as a financial year and a fraction of it (2009.5 = 1 October 2009).
    FinancialYear,
    /// 0 off, 1 on.
    OffOn,
    /// Whole acute wards.
    Wards,
    /// Wards closed (or opened) a year.
    WardsPerYear,
    /// A build-up profile's code (0 linear, 1 front-loaded, 2 back-loaded, 3 step).
    ProfileCode,
}

/// How a lever is operated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    /// A range slider with a number box.
    Slider,
    /// An on/off switch.
    Switch,
    /// A choice from a list (the build-up profiles).
    Choice,
    /// A slider over dates, shown as the month a value falls in.
    Year,
}

/// How a value is written for people: `prefix` + (value × `scale`) + `suffix`, with `decimals`
/// more places than the machine step needs removed by the scale ("0.017" → "1.7% a year").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shown {
    /// Multiplier from the machine value to the number shown (100 for percentages).
    pub scale: f64,
    /// Written before the number ("£").
    pub prefix: &'static str,
    /// Written after the number ("%", "% a year", " beds", " a day").
    pub suffix: &'static str,
    /// Whether a typed "%" is understood (a percentage).
    pub percent: bool,
}

const fn shown(scale: f64, prefix: &'static str, suffix: &'static str) -> Shown {
    Shown {
        scale,
        prefix,
        suffix,
        percent: scale == 100.0,
    }
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 26] = [
        Unit::People,
        Unit::PeopleAtOnce,
        Unit::Beds,
        Unit::Hours,
        Unit::Days,
        Unit::WorkingDays,
        Unit::Years,
        Unit::Share,
        Unit::Fraction,
        Unit::FractionPerYear,
        Unit::AdmissionsPerYear,
        Unit::AttendancesPerYear,
        Unit::StartsPerWeek,
        Unit::PlacementsPerWeek,
        Unit::PerThousandPerYear,
        Unit::Pounds,
        Unit::PoundsPerDay,
        Unit::PoundsPerBedDay,
        Unit::PoundsPerPersonDay,
        Unit::PoundsPerSpell,
        Unit::PoundsPerWeek,
        Unit::FinancialYear,
        Unit::OffOn,
        Unit::ProfileCode,
        Unit::Wards,
        Unit::WardsPerYear,
    ];

    /// The unit as files, links, CSV headers and the CLI name it ("share", "fraction/year").
    pub const fn machine(self) -> &'static str {
        match self {
            Unit::People => "people",
            Unit::PeopleAtOnce => "people at once",
            Unit::Beds => "beds",
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::WorkingDays => "working days",
            Unit::Years => "years",
            Unit::Share => "share",
            Unit::Fraction => "fraction",
            Unit::FractionPerYear => "fraction/year",
            Unit::AdmissionsPerYear => "admissions/year",
            Unit::AttendancesPerYear => "attendances/year",
            Unit::StartsPerWeek => "starts/week",
            Unit::PlacementsPerWeek => "placements/week",
            Unit::PerThousandPerYear => "per 1,000/year",
            Unit::Pounds => "£",
            Unit::PoundsPerDay => "£/day",
            Unit::PoundsPerBedDay => "£/bed-day",
            Unit::PoundsPerPersonDay => "£/person/day",
            Unit::PoundsPerSpell => "£/spell",
            Unit::PoundsPerWeek => "£/week",
            Unit::FinancialYear => "financial year",
            Unit::OffOn => "off/on",
            Unit::ProfileCode => "code",
            Unit::Wards => "wards",
            Unit::WardsPerYear => "wards/year",
        }
    }

    /// The unit named by its machine text, if any.
    pub fn from_machine(text: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.machine() == text)
    }

    /// The control that moves a lever in this unit.
    pub const fn control(self) -> Control {
        match self {
            Unit::OffOn => Control::Switch,
            Unit::ProfileCode => Control::Choice,
            Unit::FinancialYear => Control::Year,
            _ => Control::Slider,
        }
    }

    /// Whether values are whole codes (a switch or a choice), never fractional.
    pub const fn is_code(self) -> bool {
        matches!(self, Unit::OffOn | Unit::ProfileCode)
    }

    /// How the page writes a value in this unit.
    pub const fn shown(self) -> Shown {
        match self {
            Unit::People => shown(1.0, "", " people"),
            Unit::PeopleAtOnce => shown(1.0, "", " people at once"),
            Unit::Beds => shown(1.0, "", " beds"),
            Unit::Hours => shown(1.0, "", " hours"),
            Unit::Days => shown(1.0, "", " days"),
            Unit::WorkingDays => shown(1.0, "", " working days"),
            Unit::Years => shown(1.0, "", " years"),
            Unit::Share | Unit::Fraction => shown(100.0, "", "%"),
            Unit::FractionPerYear => shown(100.0, "", "% a year"),
            Unit::AdmissionsPerYear => shown(1.0, "", " admissions a year"),
            Unit::AttendancesPerYear => shown(1.0, "", " attendances a year"),
            Unit::StartsPerWeek => shown(1.0, "", " starts a week"),
            Unit::PlacementsPerWeek => shown(1.0, "", " placements a week"),
            Unit::PerThousandPerYear => shown(1.0, "", " per 1,000 people a year"),
            Unit::Pounds => shown(1.0, "£", ""),
            Unit::PoundsPerDay => shown(1.0, "£", " a day"),
            Unit::PoundsPerBedDay => shown(1.0, "£", " per bed a day"),
            Unit::PoundsPerPersonDay => shown(1.0, "£", " per person a day"),
            Unit::PoundsPerSpell => shown(1.0, "£", " per stay"),
            Unit::PoundsPerWeek => shown(1.0, "£", " a week"),
            Unit::Wards => shown(1.0, "", " wards"),
            Unit::WardsPerYear => shown(1.0, "", " wards a year"),
            Unit::FinancialYear | Unit::OffOn | Unit::ProfileCode => shown(1.0, "", ""),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.machine())
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.machine())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_names_are_distinct_and_round_trip() {
        for u in Unit::ALL {
            assert_eq!(Unit::from_machine(u.machine()), Some(u));
            assert_eq!(
                Unit::ALL
                    .iter()
                    .filter(|v| v.machine() == u.machine())
                    .count(),
                1
            );
        }
        assert_eq!(Unit::from_machine("furlongs"), None);
    }

    #[test]
    fn percentages_are_the_fractions_and_nothing_else() {
        for u in Unit::ALL {
            let fraction = matches!(u, Unit::Share | Unit::Fraction | Unit::FractionPerYear);
            assert_eq!(u.shown().percent, fraction, "{u}");
            assert_eq!(u.shown().scale == 100.0, fraction, "{u}");
            // Money is written with a pound sign in front, and only money.
            assert_eq!(u.shown().prefix == "£", u.machine().starts_with('£'), "{u}");
        }
    }
}
