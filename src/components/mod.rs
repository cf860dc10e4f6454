//! One file per component. Components are thin: props are plain data plus callbacks.

pub mod chart_canvas;
pub mod footer;
pub mod header;
pub mod sidebar;
