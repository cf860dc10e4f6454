//! Share and keep a scenario: copy its link, download it as a JSON file (the format the CLI reads),
//! open a JSON file; and the banner that explains what was wrong with a link or a file.

use careflow_model::share::LinkProblem;
use careflow_model::Scenario;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the banner reports about an opened link or file.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Where the problems came from ("This link", "The file x.json").
    pub source: String,
    /// Every problem, with field, value and allowed range.
    pub problems: Vec<LinkProblem>,
    /// How many values were kept from it.
    pub kept: usize,
    /// What became of it, when that is more than the problems say (a sentence, or empty).
    pub after: String,
}

impl Notice {
    /// Something could not be kept in this browser's storage (`what`: "your scenario", "the
    /// pinned scenarios"); `why` says what the browser refused.
    pub fn storage(what: &str, why: String) -> Notice {
        Notice {
            source: format!("Keeping {what} in this browser"),
            problems: vec![LinkProblem {
                field: "storage".into(),
                value: String::new(),
                allowed: "space in this browser's storage".into(),
                message: why,
            }],
            kept: 0,
            after: String::new(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The scenario being explored (for the download).
    pub scenario: std::rc::Rc<Scenario>,
    /// The preset it started from (for the CSV header).
    pub preset: AttrValue,
    /// The charts as plotted (for the CSV of every series, bands included when present).
    pub charts: std::rc::Rc<Vec<std::rc::Rc<careflow_charts::views::ChartView>>>,
    /// A scenario read from a file, valid; the app loads it.
    pub on_open: Callback<Scenario>,
    /// A file that could not be used.
    pub on_notice: Callback<Notice>,
    /// Open the printable workshop pack.
    pub on_pack: Callback<()>,
    /// A merged sweep's CSV read from a file (its name and contents); the app pins or tabulates it.
    #[prop_or_default]
    pub on_sweep: Callback<(String, std::rc::Rc<crate::sweep_import::Sweep>)>,
}

/// Reads a scenario file's text: a valid scenario, or the problems naming each field.
pub fn parse_scenario_file(name: &str, text: &str) -> Result<Scenario, Notice> {
    let notice = |problems| Notice {
        source: format!("The file {name}"),
        problems,
        kept: 0,
        after: String::new(),
    };
    let not_a_scenario = |field: String, why: String| {
        notice(vec![LinkProblem {
            field,
            value: String::new(),
            allowed: "a Careflow scenario file (as saved by Careflow or `careflow baseline`)"
                .into(),
            message: format!("not a scenario file: {why}; nothing was changed"),
        }])
    };
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        not_a_scenario(
            format!("line {}, column {}", e.line(), e.column()),
            e.to_string(),
        )
    })?;
    // Read as the CLI reads it: a file of an older schema version is upgraded.
    let scenario = Scenario::from_value(value).map_err(|why| {
        let field = match why.split_once(": ") {
            Some(("schema_version", _)) => "schema_version",
            _ => "scenario",
        };
        not_a_scenario(field.into(), why)
    })?;
    scenario.validate().map_err(|issues| {
        notice(
            issues
                .into_iter()
                .map(|i| LinkProblem {
                    field: i.path,
                    value: i.value,
                    allowed: i.allowed,
                    message: format!("{}; nothing was changed", i.message),
                })
                .collect(),
        )
    })?;
    Ok(scenario)
}

/// The `#` header of the CSV export: version, link, preset, seed, and every lever that differs
/// from the baseline with its unit.
pub fn csv_header(scenario: &Scenario, preset: &str) -> Vec<String> {
    let baseline = Scenario::default();
    let mut lines = vec![
        format!(
            "Careflow {}: every plotted series (one row per plotted point)",
            careflow_model::VERSION
        ),
        format!(
            "scenario link: #{}",
            careflow_model::share::encode_link(scenario, Some(preset))
        ),
        format!("preset: {preset}"),
        format!("seed: {}", scenario.seed),
    ];
    let diffs: Vec<String> = careflow_model::parameters()
        .iter()
        .filter_map(|p| {
            let (now, was) = (scenario.lever(p.id), baseline.lever(p.id));
            (now != was).then(|| format!("{} = {} {} (baseline {})", p.path, now, p.unit, was))
        })
        .collect();
    if diffs.is_empty() {
        lines.push("levers: all at the 2008/09 baseline".into());
    } else {
        lines.push(format!(
            "levers that differ from the 2008/09 baseline: {}",
            diffs.join("; ")
        ));
    }
    lines.push(
        "bands (kind = band): p10-p90 and p5-p95 of discrete-event replications, when shown".into(),
    );
    lines
}

/// The share bar.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let copied = use_state(|| None::<String>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    let on_copy = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let url = crate::location::current_url();
            if let Some(w) = web_sys::window() {
                let _ = w.navigator().clipboard().write_text(&url);
            }
            copied.set(Some(url));
        })
    };
    let on_download = {
        let scenario = props.scenario.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(text) = serde_json::to_string_pretty(&*scenario) {
                crate::download::download_text("careflow-scenario.json", "application/json", &text);
            }
        })
    };
    let on_csv = {
        let scenario = props.scenario.clone();
        let preset = props.preset.clone();
        let charts = props.charts.clone();
        Callback::from(move |_: MouseEvent| {
            let views: Vec<&careflow_charts::views::ChartView> =
                charts.iter().map(|c| c.as_ref()).collect();
            let csv = careflow_charts::export::charts_csv(&views, &csv_header(&scenario, &preset));
            crate::download::download_text("careflow-charts.csv", "text/csv", &csv);
        })
    };
    let on_file = {
        let on_open = props.on_open.clone();
        let on_notice = props.on_notice.clone();
        let on_sweep = props.on_sweep.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (on_open, on_notice) = (on_open.clone(), on_notice.clone());
            let on_sweep = on_sweep.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |text| match text {
                Ok(text) if crate::sweep_import::is_sweep(&text) => {
                    match crate::sweep_import::parse(&name, &text) {
                        Ok(s) => on_sweep.emit((name.clone(), std::rc::Rc::new(s))),
                        Err(p) => on_notice.emit(Notice {
                            source: format!("The sweep {name}"),
                            problems: vec![p],
                            kept: 0,
                            after: String::new(),
                        }),
                    }
                }
                Ok(text) => match parse_scenario_file(&name, &text) {
                    Ok(s) => on_open.emit(s),
                    Err(n) => on_notice.emit(n),
                },
                Err(e) => on_notice.emit(Notice {
                    source: format!("The file {name}"),
                    problems: vec![LinkProblem {
                        field: "file".into(),
                        value: String::new(),
                        allowed: "a readable text file".into(),
                        message: format!("could not be read: {e}"),
                    }],
                    kept: 0,
                    after: String::new(),
                }),
            });
            *reader.borrow_mut() = Some(task);
        })
    };

    html! {
        <section class="share-bar" aria-label="Share and keep this scenario">
            <button type="button" onclick={on_copy}>{ "Copy link" }</button>
            <button type="button" onclick={on_download}>{ "Download scenario (JSON)" }</button>
            <button type="button" onclick={props.on_pack.reform(|_: MouseEvent| ())}>{ "Workshop pack (print)" }</button>
            <button type="button" onclick={on_csv}>{ "Download chart data (CSV)" }</button>
            <label class="file-button">
                { "Open scenario file…" }
                <input type="file" accept=".json,application/json,.csv,text/csv" onchange={on_file} class="sr-only" />
            </label>
            if let Some(url) = (*copied).clone() {
                <label class="share-link">
                    <span>{ "Link to this scenario (copied):" }</span>
                    <input type="text" readonly=true value={url} aria-label="Link to this scenario" />
                </label>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub notice: Notice,
    pub on_dismiss: Callback<()>,
}

/// What was wrong with a link or a file, field by field, and what was kept.
#[component]
pub fn NoticeBanner(props: &BannerProps) -> Html {
    let n = &props.notice;
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="alert">
            if !n.problems.is_empty() {
                <p><strong>{ format!("{} had {} problem{}.", n.source, n.problems.len(), if n.problems.len() == 1 { "" } else { "s" }) }</strong>
                   if n.kept > 0 || n.source == "This link" {
                       { format!(" {} value{} from it {} kept; everything else is as in the starting scenario.",
                           n.kept, if n.kept == 1 { "" } else { "s" }, if n.kept == 1 { "was" } else { "were" }) }
                   }</p>
            }
            if !n.after.is_empty() {
                <p class="notice-after">{ &n.after }</p>
            }
            <ul>
                { for n.problems.iter().map(|p| html! {
                    <li><code>{ &p.field }</code>{ format!(": {}", p.message) }
                        if !p.value.is_empty() { { format!(" (value “{}”", p.value) }{ format!("; allowed: {})", p.allowed) } }
                        else { { format!(" (allowed: {})", p.allowed) } }
                    </li>
                }) }
            </ul>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_names_seed_preset_link_and_changed_levers_with_units() {
        let mut s = Scenario {
            seed: 77,
            ..Scenario::default()
        };
        s.set("beds.escalation_beds", 60.0).unwrap();
        let h = csv_header(&s, "do-nothing");
        assert!(h.iter().any(|l| l == "seed: 77"));
        assert!(h.iter().any(|l| l == "preset: do-nothing"));
        assert!(h
            .iter()
            .any(|l| l.starts_with("scenario link: #v=1&preset=do-nothing&seed=77")));
        let levers = h
            .iter()
            .find(|l| l.starts_with("levers that differ"))
            .expect("lever line");
        assert!(
            levers.contains("beds.escalation_beds = 60 beds"),
            "{levers}"
        );
    }

    #[test]
    fn a_good_file_loads_and_bad_files_name_the_field() {
        let good = serde_json::to_string(&Scenario::default()).unwrap();
        assert_eq!(
            parse_scenario_file("a.json", &good).unwrap(),
            Scenario::default()
        );

        let bad = good.replacen("\"years\":6", "\"years\":60", 1);
        assert_ne!(bad, good, "fixture did not change");
        let n = parse_scenario_file("b.json", &bad).unwrap_err();
        assert!(
            n.problems.iter().any(|p| p.field == "years"),
            "{:?}",
            n.problems
        );
        assert!(n.source.contains("b.json"));

        // A file of schema version 1 (before delays had reasons) is upgraded.
        let v1 = include_str!("../../tests/fixtures/ben-baseline-2008.v1.json");
        assert!(v1.contains("\"schema_version\": 1"));
        let upgraded = parse_scenario_file("v1.json", v1).expect("upgraded");
        assert_eq!(
            upgraded.schema_version,
            careflow_model::scenario::SCHEMA_VERSION
        );
        let n = parse_scenario_file("d.json", "{\"schema_version\": 9}").unwrap_err();
        assert_eq!(n.problems[0].field, "schema_version");

        let n = parse_scenario_file("c.json", "{ not json").unwrap_err();
        assert!(
            n.problems[0].field.starts_with("line 1"),
            "{:?}",
            n.problems
        );
    }
}
