//! "Methods & sources": how the model works in plain words, the source documents, and every
//! assumption with its baseline value and provenance, straight from the model's lever registry.

use careflow_model::{parameters, Group, Quality, Scenario};
use yew::prelude::*;

/// The five NHS planning documents the model is built from (cited by file name and section).
const SOURCES: [(&str, &str); 5] = [
    ("001", "NHS Birmingham East and North, Strategic Plan 2009-12 (targets, §7.5 care closer to home, §8.5 financial plan, §8.6 changes at Heart of England NHS FT)"),
    ("000", "NHS Birmingham East and North, Commissioning Strategy 2008/09–2012/13"),
    ("002", "World Class Commissioning panel report on NHS Birmingham East and North, May 2010 (outcome trajectories; the 442-bed reading of the plan)"),
    ("003", "East Staffordshire practice-based commissioning plans 2009/10"),
    ("004", "Review of joint commissioning by the three Birmingham PCTs, December 2009"),
];

#[derive(Properties, PartialEq)]
pub struct MethodsProps {
    /// Closes the panel.
    pub on_close: Callback<()>,
}

/// The methods-and-sources panel.
#[component]
pub fn Methods(props: &MethodsProps) -> Html {
    let baseline = Scenario::default();
    let specs = parameters();
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <section id="methods" class="methods" aria-labelledby="methods-title">
            <div class="methods-head">
                <h2 id="methods-title">{ "Methods & sources" }</h2>
                <button type="button" class="methods-close" onclick={close}>{ "Close" }</button>
            </div>
            <p>
                { "Careflow models a local health economy as stocks and flows, one day at a time. Emergency demand in four streams \
                   (people in their last year of life, long-term conditions, frail older people, others) meets community services that \
                   can avoid admissions, then acute beds. Patients who are medically fit but need a care package, a step-down bed or a \
                   care-home place wait in their acute bed when that service is full: that wait is the delayed transfer of care. \
                   Occupancy, delays, cancelled operations and place of death are outcomes of capacity and flows, never typed in. \
                   A discrete-event engine follows individual patients through the same scenario to show how much a bad winter can vary." }
            </p>
            <h3>{ "Source documents" }</h3>
            <ul class="methods-sources">
                { for SOURCES.iter().map(|(id, title)| html! { <li><strong>{ format!("Seed {id}: ") }</strong>{ *title }</li> }) }
            </ul>
            <h3>{ "How much rests on assumptions" }</h3>
            <table class="methods-quality">
                <caption>{ format!("Quality of the {} levers' baseline values", specs.len()) }</caption>
                <thead><tr><th scope="col">{ "Quality mark" }</th><th scope="col">{ "Levers" }</th><th scope="col">{ "Of them headline" }</th></tr></thead>
                <tbody>
                    { for Quality::ALL.iter().map(|q| {
                        let of = specs.iter().filter(|s| s.provenance.kind.quality() == *q);
                        let (all, head) = of.fold((0, 0), |(a, h), s| (a + 1, h + usize::from(s.headline)));
                        html! { <tr data-quality={q.label()}><th scope="row">{ q.label() }</th><td class="num">{ all }</td><td class="num">{ head }</td></tr> }
                    }) }
                </tbody>
            </table>
            <p class="muted">{ "Seed figure = stated in a source document, or arithmetic on its figures; published figure = from a published source elsewhere; assumption = no source gives it. The sensitivity view shows which of them move the answer." }</p>
            <h3>{ "Every assumption, its baseline value and its source" }</h3>
            <p class="muted">{ "Seed = stated in a source document; external = published elsewhere; derived = arithmetic on document figures; assumption = no source gives it (change it with the levers)." }</p>
            { for Group::ALL.iter().map(|group| {
                let rows = specs.iter().filter(|s| s.group == *group).map(|spec| {
                    let value = careflow_charts::format::lever_value(spec, baseline.lever(spec.id));
                    html! {
                        <tr>
                            <th scope="row">{ spec.label }</th>
                            <td class="num">{ value }</td>
                            <td>{ spec.provenance.kind.label() }</td>
                            <td>{ spec.provenance.kind.quality().label() }</td>
                            <td>{ spec.provenance.source }</td>
                        </tr>
                    }
                });
                html! {
                    <details class="methods-group">
                        <summary>{ group.label() }</summary>
                        <div class="table-wrap">
                            <table>
                                <caption class="sr-only">{ format!("{} assumptions", group.label()) }</caption>
                                <thead><tr><th scope="col">{ "Lever" }</th><th scope="col">{ "Baseline" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Quality" }</th><th scope="col">{ "Source" }</th></tr></thead>
                                <tbody>{ for rows }</tbody>
                            </table>
                        </div>
                    </details>
                }
            }) }
        </section>
    }
}
