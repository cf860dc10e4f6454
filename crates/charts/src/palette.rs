//! A colour-blind-safe palette (Okabe & Ito, 2008, "Color Universal Design"), plus ink and alert
//! colours with at least 4.5:1 contrast on white.

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

/// Thresholds and warnings (vermillion).
pub const ALERT: (u8, u8, u8) = (213, 94, 0);

/// Neutral reference (grey) for "Do nothing" overlays and capacity lines.
pub const NEUTRAL: (u8, u8, u8) = (110, 110, 110);
