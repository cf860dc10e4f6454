//! What the workbench shows, derived from the state and the replications and memoised step by
//! step so that a lever move recomputes only what depends on it: the live engine's run and the
//! do-nothing reference; KPI cards and charts; the replications' bands drawn on the charts (the
//! previous scenario's, faded, until this one has its own); the pinned scenarios overlaid, and the
//! comparison tables.

use std::rc::Rc;

use careflow_charts::compare::{self, Pinned};
use careflow_charts::views::{self, ChartView, Kpi, Span, Table};
use careflow_model::{preset, run, ModelError, Results};
use yew::prelude::*;

use crate::hooks::use_replications::Replications;
use crate::live_runs::live_run;
use crate::state::{State, REFERENCE};
use crate::uncertainty::{with_bands_drawn, ByPtr};

type Charts = Rc<Vec<Rc<ChartView>>>;

/// The workbench's figures for one state.
#[derive(Clone)]
pub struct Outputs {
    /// The live (system-dynamics) engine's run of the scenario.
    pub results: Rc<Result<Rc<Results>, ModelError>>,
    /// KPI cards for the KPI year (none when the scenario cannot run).
    pub kpis: Option<Rc<Vec<Kpi>>>,
    /// The charts as shown: with bands and any pins overlaid.
    pub charts: Charts,
    /// KPIs of this scenario beside each pin.
    pub compared_kpis: Rc<Table>,
    /// Levers that differ between this scenario and the pins (empty without pins).
    pub lever_table: Rc<Table>,
    /// The three payers' money charts against do nothing.
    pub money: Charts,
}

/// The workbench's figures, memoised on what each depends on.
#[hook]
pub fn use_outputs(state: &State, replications: &Replications) -> Outputs {
    let results = (*use_memo(state.scenario.clone(), live_run)).clone();
    let reference = use_memo((), |_| {
        preset(REFERENCE)
            .and_then(|p| run(&p.scenario).ok())
            .map(Rc::new)
    });
    let pin_results = use_memo(ByPtr(state.pins.clone()), |pins| {
        pins.0
            .iter()
            .filter_map(|p| run(&p.scenario).ok().map(|r| (p.name.clone(), Rc::new(r))))
            .collect::<Vec<_>>()
    });
    let span = Span {
        first: state.first_year,
        last: state.last_year,
        kpi: state.kpi_year,
    };
    let run_ok = results.as_ref().as_ref().ok().cloned();
    let plain = use_memo(
        (run_ok.clone(), (*reference).clone(), span),
        |(run, reference, span)| -> Option<(Charts, Rc<Vec<Kpi>>)> {
            let (run, reference) = (run.as_ref()?, reference.as_ref()?);
            let charts = views::charts(run, reference, *span)
                .into_iter()
                .map(Rc::new)
                .collect();
            let kpis = views::kpis(run, reference, span.clamped(run.yearly.len()).kpi);
            Some((Rc::new(charts), Rc::new(kpis)))
        },
    );
    let bands = match (&replications.bands, &replications.previous) {
        (Some(b), _) => Some((ByPtr(b.clone()), false)),
        (None, Some(b)) => Some((ByPtr(b.clone()), true)),
        (None, None) => None,
    };
    let banded = use_memo((ByPtr(plain.clone()), bands), |(plain, bands)| -> Charts {
        let Some((charts, _)) = plain.0.as_ref() else {
            return Rc::default();
        };
        match bands {
            Some((b, faded)) => Rc::new(
                charts
                    .iter()
                    .map(|v| Rc::new(with_bands_drawn(v, &b.0, *faded)))
                    .collect(),
            ),
            None => charts.clone(),
        }
    });
    let money = use_memo(
        (run_ok.clone(), (*reference).clone(), span),
        |(run, reference, span)| -> Charts {
            match (run.as_ref(), reference.as_ref()) {
                (Some(run), Some(reference)) => Rc::new(
                    careflow_charts::accounts::charts(run, reference, *span)
                        .into_iter()
                        .map(Rc::new)
                        .collect(),
                ),
                _ => Rc::default(),
            }
        },
    );
    let (name, _) = state.on_screen();
    let this_name = if state.current.is_some() {
        name
    } else {
        "This scenario".to_string()
    };
    let compared = use_memo(
        (
            ByPtr(banded.clone()),
            ByPtr(pin_results.clone()),
            run_ok,
            (*reference).clone(),
            span,
            this_name.clone(),
        ),
        |(banded, pins, run, reference, span, name)| -> (Charts, Rc<Table>) {
            let (Some(run), Some(reference)) = (run.as_ref(), reference.as_ref()) else {
                return ((*banded.0).clone(), Rc::default());
            };
            let pinned: Vec<Pinned> = pins
                .0
                .iter()
                .map(|(n, r)| Pinned {
                    name: n,
                    results: r,
                })
                .collect();
            // Nothing pinned (the usual case, and every slider move): the charts as they are.
            let charts = if pinned.is_empty() {
                (*banded.0).clone()
            } else {
                Rc::new(
                    banded
                        .0
                        .iter()
                        .map(|v| {
                            Rc::new(compare::with_pins(
                                (**v).clone(),
                                run,
                                &pinned,
                                reference,
                                *span,
                            ))
                        })
                        .collect(),
                )
            };
            let kpis = compare::kpi_table(
                Pinned { name, results: run },
                &pinned,
                reference,
                span.clamped(run.yearly.len()).kpi,
            );
            (charts, Rc::new(kpis))
        },
    );
    let lever_table = use_memo(
        (state.scenario.clone(), ByPtr(state.pins.clone()), this_name),
        |(scenario, pins, name)| {
            // Shown only beside pins; not worth computing on every lever move without them.
            if pins.0.is_empty() {
                return Table::default();
            }
            let mut all: Vec<(&str, &careflow_model::Scenario)> =
                vec![(name.as_str(), &**scenario)];
            all.extend(pins.0.iter().map(|p| (p.name.as_str(), &p.scenario)));
            compare::lever_diff(&all)
        },
    );
    Outputs {
        results: results.clone(),
        kpis: plain.as_ref().as_ref().map(|(_, k)| k.clone()),
        charts: compared.0.clone(),
        compared_kpis: compared.1.clone(),
        lever_table,
        money: (*money).clone(),
    }
}
