//! A colour-blind-safe palette (Okabe & Ito, 2008, "Color Universal Design"), plus ink and alert
//! colours with at least 4.5:1 contrast on white; and how a colour looks in greyscale and under the
//! common colour-vision deficiencies, so tests can check that every chart's series read apart.

/// Text and axis colour.
pub const INK: plotters::style::RGBColor = plotters::style::RGBColor(33, 37, 41);

/// Series colours in order: blue, vermillion, bluish green, orange, reddish purple, sky blue,
/// yellow, black. Distinguishable under the common colour-vision deficiencies.
pub const SERIES: [(u8, u8, u8); 8] = [
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (230, 159, 0),
    (204, 121, 167),
    (86, 180, 233),
    (240, 228, 66),
    (0, 0, 0),
];

/// Colours of pinned comparison scenarios, in pin order: indigo (Tol 2021, "muted"), plum, brown
/// and olive (Tol, "muted"). None is a [`SERIES`] colour, so a pinned scenario's line is never the
/// colour of a line the chart draws for the scenario on screen: each differs from every series
/// colour, from [`NEUTRAL`] and from [`INK`], and from each other, by at least 13 (CIELAB ΔE*76)
/// with typical colour vision and under protanopia, deuteranopia and tritanopia (a test checks
/// every chart with four pins). All have at least 3:1 contrast on white.
pub const PINS: [(u8, u8, u8); 4] = [(51, 34, 136), (127, 60, 141), (140, 86, 75), (153, 153, 51)];

/// Thresholds and warnings (vermillion).
pub const ALERT: (u8, u8, u8) = (213, 94, 0);

/// Neutral reference (grey) for "Do nothing" overlays and capacity lines.
pub const NEUTRAL: (u8, u8, u8) = (110, 110, 110);

/// A colour vision deficiency, simulated at full severity (Machado, Oliveira & Fernandes, 2009).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vision {
    /// Typical colour vision.
    Typical,
    /// No long-wavelength (red) cones.
    Protanopia,
    /// No medium-wavelength (green) cones.
    Deuteranopia,
    /// No short-wavelength (blue) cones.
    Tritanopia,
    /// Lightness only, as printed or shown in greyscale.
    Greyscale,
}

impl Vision {
    pub const ALL: [Vision; 5] = [
        Vision::Typical,
        Vision::Protanopia,
        Vision::Deuteranopia,
        Vision::Tritanopia,
        Vision::Greyscale,
    ];
}

fn to_linear(c: u8) -> f64 {
    let c = c as f64 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// `colour` at opacity `alpha` over white, as it shows on the page.
pub fn over_white(colour: (u8, u8, u8), alpha: f64) -> (u8, u8, u8) {
    let mix = |c: u8| (c as f64 * alpha + 255.0 * (1.0 - alpha)).round() as u8;
    (mix(colour.0), mix(colour.1), mix(colour.2))
}

/// CIELAB (D65) of an sRGB colour as seen with `vision`.
pub fn lab(colour: (u8, u8, u8), vision: Vision) -> (f64, f64, f64) {
    let rgb = [
        to_linear(colour.0),
        to_linear(colour.1),
        to_linear(colour.2),
    ];
    let m: [[f64; 3]; 3] = match vision {
        Vision::Typical | Vision::Greyscale => [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        Vision::Protanopia => [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
        Vision::Deuteranopia => [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
        Vision::Tritanopia => [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    };
    let [r, g, b] =
        m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
    let x = 0.4124 * r + 0.3576 * g + 0.1805 * b;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
    let l = 116.0 * fy - 16.0;
    if vision == Vision::Greyscale {
        (l, 0.0, 0.0)
    } else {
        (l, 500.0 * (fx - fy), 200.0 * (fy - fz))
    }
}

/// How far apart two colours look with `vision` (CIE76 ΔE; in greyscale, the difference in
/// lightness).
pub fn difference(a: (u8, u8, u8), b: (u8, u8, u8), vision: Vision) -> f64 {
    let (p, q) = (lab(a, vision), lab(b, vision));
    ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2) + (p.2 - q.2).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lightness_of_known_colours() {
        assert!(lab((255, 255, 255), Vision::Typical).0 > 99.9);
        assert!(lab((0, 0, 0), Vision::Typical).0.abs() < 1e-9);
        // Okabe–Ito blue is about L* 47; yellow about 89.
        assert!((lab(SERIES[0], Vision::Greyscale).0 - 46.6).abs() < 1.5);
        assert!((lab(SERIES[6], Vision::Greyscale).0 - 88.6).abs() < 1.5);
        // Red and green that typical vision tells apart merge for a deuteranope.
        let (red, green) = ((200, 60, 40), (90, 140, 40));
        assert!(difference(red, green, Vision::Typical) > 40.0);
        assert!(
            difference(red, green, Vision::Deuteranopia)
                < difference(red, green, Vision::Typical) / 2.0
        );
        assert_eq!(over_white((0, 0, 0), 0.5), (128, 128, 128));
    }
}
