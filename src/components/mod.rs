//! One file per component. Components are thin: props are plain data plus callbacks.

pub mod about;
pub mod analysis_views;
pub mod announcer;
pub mod chart_canvas;
pub mod chart_panel;
pub mod checks_view;
pub mod compare_panel;
pub mod data_table;
pub mod footer;
pub mod glossary;
pub mod header;
pub mod kpi_card;
pub mod kpi_cards;
pub mod lever;
pub mod lever_group;
pub mod library_panel;
pub mod methods;
pub mod pack_checks;
pub mod row_canvas;
pub mod sensitivity_view;
pub mod share_bar;
pub mod sidebar;
pub mod sweep_summary;
pub mod uncertainty_panel;
pub mod workshop_pack;
pub mod year_range;
