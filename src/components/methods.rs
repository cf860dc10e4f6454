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

/// Published studies quoted outside the assumptions tables (the guided story): key, citation.
pub const STUDIES: [(&str, &str); 2] = [
    ("bagust", "Bagust A, Place M, Posnett JW. Dynamics of bed use in accommodating emergency admissions: stochastic simulation model. BMJ 1999;319:155–158 (above about 85% average occupancy, days with no bed for an emergency become regular)"),
    ("eolc2008", "Department of Health, End of Life Care Strategy, July 2008 (about 58% of deaths in England in hospital; most people would prefer to die at home)"),
];

/// The id of a lever's row in the assumptions tables ("methods-row-beds-base").
pub fn row_id(path: &str) -> String {
    format!("methods-row-{}", path.replace(['.', '_'], "-"))
}

/// An entry of the panel to open and move focus to: an element id, and for a lever's row the
/// group whose table holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub group: Option<Group>,
}

#[derive(Properties, PartialEq)]
pub struct MethodsProps {
    /// Closes the panel.
    pub on_close: Callback<()>,
    /// The entry to open and focus when the panel opens (a source marker's); none from the footer.
    #[prop_or_default]
    pub entry: Option<Entry>,
}

/// The methods-and-sources panel.
#[component]
pub fn Methods(props: &MethodsProps) -> Html {
    let baseline = Scenario::default();
    let specs = parameters();
    let close = props.on_close.reform(|_: MouseEvent| ());
    // A source marker's entry: scrolled into view and focused once rendered (its group open).
    use_effect_with(props.entry.clone(), |entry| {
        if let Some(el) = entry
            .as_ref()
            .and_then(|e| web_sys::window()?.document()?.get_element_by_id(&e.id))
        {
            use wasm_bindgen::JsCast;
            el.scroll_into_view();
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    let open_group = props.entry.as_ref().and_then(|e| e.group);
    let marked = |id: &str| props.entry.as_ref().is_some_and(|e| e.id == id);
    html! {
        <section id="methods" class="methods" aria-labelledby="methods-title">
            <div class="methods-head">
                <h2 id="methods-title">{ "Methods & sources" }</h2>
                <button type="button" class="methods-close" onclick={close}>{ "Close" }</button>
            </div>
            <p id="methods-model" tabindex="-1" class={classes!(marked("methods-model").then_some("marked"))}>
                { "Careflow models a local health economy as stocks and flows, one day at a time. Emergency demand in four streams \
                   (people in their last year of life, long-term conditions, frail older people, others) meets community services that \
                   can avoid admissions, then acute beds. Patients who are medically fit but need a care package, a step-down bed or a \
                   care-home place wait in their acute bed when that service is full: that wait is the delayed transfer of care. \
                   Occupancy, delays, cancelled operations and place of death are outcomes of capacity and flows, never typed in. \
                   A discrete-event engine follows individual patients through the same scenario to show how much a bad winter can vary." }
            </p>
            <h3>{ "Source documents" }</h3>
            <ul class="methods-sources">
                { for SOURCES.iter().map(|(id, title)| {
                    let el = format!("methods-source-{id}");
                    let key = format!("seed {id}");
                    let (short, compact) = careflow_charts::format::DOCUMENTS.iter()
                        .find(|d| d.0 == key).map_or(("", ""), |d| (d.1, d.2));
                    html! { <li id={el.clone()} tabindex="-1" class={classes!(marked(&el).then_some("marked"))}><strong>{ short }</strong>{ format!(" (“{compact}” for short; source file {id}): {title}") }</li> }
                }) }
            </ul>
            <h3>{ "Published studies the story quotes" }</h3>
            <ul class="methods-sources">
                { for STUDIES.iter().map(|(key, citation)| {
                    let el = format!("methods-study-{key}");
                    html! { <li id={el.clone()} tabindex="-1" class={classes!(marked(&el).then_some("marked"))}>{ *citation }</li> }
                }) }
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
                    let el = row_id(spec.path);
                    html! {
                        <tr id={el.clone()} tabindex={marked(&el).then_some("-1")} class={classes!(marked(&el).then_some("marked"))}>
                            <th scope="row">{ spec.label }</th>
                            <td class="num">{ value }</td>
                            <td>{ spec.provenance.kind.label() }</td>
                            <td>{ spec.provenance.kind.quality().label() }</td>
                            <td>{ careflow_charts::format::plain_source(spec.provenance.source) }</td>
                        </tr>
                    }
                });
                html! {
                    <details class="methods-group" open={open_group == Some(*group)}>
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
