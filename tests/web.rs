//! Browser tests (wasm-bindgen-test in headless Chromium): components render into a real DOM.
//! Run with `cargo test --target wasm32-unknown-unknown -p careflow --test web` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs everything Yew's scheduler has queued (renders, effects, rendered callbacks) to the end.
async fn settle() {
    yew::scheduler::flush().await;
}

/// Waits until `done()` holds: flushes Yew's scheduler, looks, and otherwise lets the browser run
/// its queued tasks (timers, messages) before looking again. Fails after 20 s, naming `what`.
async fn until(what: &str, done: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    loop {
        settle().await;
        if done() {
            return;
        }
        assert!(
            js_sys::Date::now() - start < 20_000.0,
            "timed out waiting for {what}"
        );
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

/// Mounts the whole app into a fresh element and waits until its shell and first chart are drawn.
async fn mount_app() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    yew::Renderer::<careflow::app::App>::with_root(host.clone()).render();
    until("the app shell", || {
        host.query_selector("footer").ok().flatten().is_some()
            && host
                .query_selector("canvas[role=img]")
                .ok()
                .flatten()
                .is_some()
    })
    .await;
    host
}

#[wasm_bindgen_test]
async fn app_shell_has_header_levers_main_footer_and_a_chart() {
    let host = mount_app().await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Careflow"), "product name missing: {text}");
    assert!(text.contains("Methods & sources"), "footer link missing");
    for selector in ["header", "aside", "main", "footer", "canvas[role=img]"] {
        assert!(
            host.query_selector(selector).unwrap().is_some(),
            "{selector} missing"
        );
    }
}

use std::cell::RefCell;
use std::rc::Rc;

use careflow::components::kpi_card::{KpiCard, KpiCardProps};
use careflow::components::lever::{Lever, LeverProps};
use careflow_charts::views::{Kpi, Tone};
use careflow_model::LeverId;
use wasm_bindgen::JsCast;
use yew::Callback;

/// Lets a mounted component render what it was just given (props, an event's message).
async fn tick() {
    settle().await;
}

fn host() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Mounts one lever for `path` at `value` and records what it emits.
async fn mount_lever(
    path: &str,
    value: f64,
) -> (
    web_sys::Element,
    Rc<RefCell<Vec<(LeverId, f64)>>>,
    Rc<RefCell<Vec<LeverId>>>,
) {
    let spec = careflow_model::params::param(path).unwrap();
    let baseline = careflow_model::Scenario::default().get(path).unwrap();
    let changes = Rc::new(RefCell::new(Vec::new()));
    let resets = Rc::new(RefCell::new(Vec::new()));
    let (c, r) = (changes.clone(), resets.clone());
    let props = LeverProps {
        spec,
        value,
        baseline,
        anchor: baseline,
        start_year: 2008,
        years: 6,
        on_change: Callback::from(move |v| c.borrow_mut().push(v)),
        on_reset: Callback::from(move |p| r.borrow_mut().push(p)),
    };
    let host = host();
    yew::Renderer::<Lever>::with_root_and_props(host.clone(), props).render();
    tick().await;
    (host, changes, resets)
}

fn input(host: &web_sys::Element, sel: &str) -> web_sys::HtmlInputElement {
    host.query_selector(sel)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
async fn lever_has_label_slider_number_unit_baseline_mark_and_reset() {
    let (host, _, resets) = mount_lever("beds.escalation_beds", 60.0).await;
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("Escalation beds"), "{text}");
    assert!(text.contains("beds"), "unit missing");
    let slider = input(&host, "input[type=range]#lever-beds-escalation-beds");
    assert_eq!(slider.value(), "60");
    assert!(host.query_selector("datalist option").unwrap().is_some());
    assert!(host.query_selector(".baseline-mark").unwrap().is_some());
    assert_eq!(input(&host, "input.number").value(), "60");
    // Not at baseline: the reset button is enabled and emits the path.
    let reset: web_sys::HtmlElement = host
        .query_selector("button.reset")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    reset.click();
    assert_eq!(resets.borrow().as_slice(), [LeverId::BedsEscalationBeds]);
    // The info disclosure opens and shows the provenance.
    let info: web_sys::HtmlElement = host
        .query_selector("button.info-button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        info.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    info.click();
    tick().await;
    assert_eq!(info.get_attribute("aria-expanded").as_deref(), Some("true"));
    let panel = host.query_selector(".lever-info").unwrap().unwrap();
    assert!(!panel.has_attribute("hidden"));
    assert!(panel.text_content().unwrap().contains("Source ("));
}

#[wasm_bindgen_test]
async fn lever_refuses_out_of_range_typed_values_and_emits_good_ones() {
    let (host, changes, _) = mount_lever("beds.escalation_trigger", 0.9).await;
    let number = input(&host, "input.number");
    let change = web_sys::Event::new("change").unwrap();
    // The box shows a percentage: "7" is 7%, below the allowed 50%.
    assert_eq!(number.value(), "90");
    number.set_value("7");
    number.dispatch_event(&change).unwrap();
    tick().await;
    let err = host.query_selector(".lever-error").unwrap().unwrap();
    assert!(!err.has_attribute("hidden"));
    let msg = err.text_content().unwrap();
    assert!(msg.contains("from 50% to 100%"), "{msg}");
    assert!(changes.borrow().is_empty(), "out-of-range value emitted");
    number.set_value("80");
    number.dispatch_event(&change).unwrap();
    tick().await;
    assert_eq!(
        changes.borrow().as_slice(),
        [(LeverId::BedsEscalationTrigger, 0.8)]
    );
    // Sliding emits at once.
    let slider = input(&host, "input[type=range]");
    slider.set_value("0.7");
    slider
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    assert_eq!(
        changes.borrow().last(),
        Some(&(LeverId::BedsEscalationTrigger, 0.7))
    );
}

#[wasm_bindgen_test]
async fn kpi_card_shows_value_change_and_target() {
    let host = host();
    let props = KpiCardProps {
        kpi: Kpi {
            id: "dtoc-share",
            label: "Delayed transfers (share of bed days)",
            value: "2.4%".into(),
            delta: "−0.8\u{a0}pts vs do nothing".into(),
            tone: Tone::Better,
            target: Some(("Target: 2%".into(), false)),
            note: Some("Busiest downstream: care homes, 85% of the places offered taken".into()),
        },
    };
    yew::Renderer::<KpiCard>::with_root_and_props(host.clone(), props).render();
    tick().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("2.4%"), "{text}");
    // The sign gives the direction, a word the judgement; no arrow.
    assert!(
        text.contains("−0.8\u{a0}pts vs do nothing: better"),
        "{text}"
    );
    assert!(!text.contains('▲') && !text.contains('▼'), "{text}");
    assert!(text.contains("Target: 2% — not met"));
    assert!(text.contains("Busiest downstream: care homes, 85%"));
    assert!(host.query_selector(".kpi-delta.better").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_discharge_group_shows_its_headline_levers_first() {
    let host = mount_app().await;
    let group = "[data-group=\"dischargedelays\"]";
    for path in [
        "discharge.weekend_working",
        "discharge.discharge_to_assess.share",
        "discharge.step_down.added_beds",
        "discharge.care_packages.added_per_week",
        "discharge.care_homes.added_per_week",
    ] {
        let sel = format!("{group} > .lever[data-path=\"{path}\"]");
        assert!(
            host.query_selector(&sel).unwrap().is_some(),
            "{sel} missing"
        );
    }
    // The discharge steps sit behind "More assumptions" until asked for.
    let step = format!(
        "{group} .lever[data-path=\"discharge.care_homes.process.assessment.working_days\"]"
    );
    assert!(host.query_selector(&step).unwrap().is_none());
    assert!(careflow::components::sidebar::open_at_first(
        careflow_model::Group::DischargeDelays
    ));
    assert!(!careflow::components::sidebar::open_at_first(
        careflow_model::Group::EndOfLife
    ));
}

#[wasm_bindgen_test]
async fn the_app_shows_twelve_kpis_and_five_charts_for_2012_13() {
    let host = mount_app().await;
    until("twelve KPI cards", || {
        host.query_selector_all(".kpi").map_or(0, |l| l.length()) >= 12
    })
    .await;
    assert_eq!(host.query_selector_all(".kpi").unwrap().length(), 12);
    assert_eq!(host.query_selector_all(".chart-panel").unwrap().length(), 5);
    let heading = host
        .query_selector("#kpi-heading")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(heading.contains("2012/13"), "{heading}");
}

/// Same scenario + seed ⇒ bit-identical results in the browser and natively, for both engines.
/// scripts/test.sh computes the native digests first and passes them in CAREFLOW_NATIVE_DIGEST; a
/// missing value fails the test (it is never skipped).
#[wasm_bindgen_test]
fn wasm_results_are_bit_identical_to_native() {
    let Some(native) = option_env!("CAREFLOW_NATIVE_DIGEST") else {
        panic!("CAREFLOW_NATIVE_DIGEST not set: run via scripts/test.sh (cargo run -p careflow --example digest)");
    };
    let here =
        careflow::determinism::digests(&careflow::determinism::check_scenario(), 3).expect("valid");
    assert_eq!(here, native.trim(), "wasm32 results differ from native");
}

/// A lever's next steps are computed ahead and remembered: a remembered run is the engine's own run
/// of that scenario, a value the lever refuses is not run, and in the app a keyboard step of the
/// focused slider finds its run already computed (reported to `window.__careflowLiveRun`).
#[wasm_bindgen_test]
async fn a_focused_slider_s_next_steps_are_run_ahead_and_equal_the_engine_s_runs() {
    use careflow::live_runs::{live_run, remembered, run_ahead};
    use careflow_model::Scenario;

    let id = LeverId::DemandEmergencyAdmissions;
    let mut here = Scenario::default();
    here.set_lever(id, 70_000.0).unwrap();
    let here = Rc::new(here);
    let on_screen = live_run(&here);
    assert_eq!(
        on_screen.as_ref().as_ref().map(|r| (**r).clone()).ok(),
        careflow_model::run(&here).ok()
    );
    let stepped = |v: f64| {
        let mut s = (*here).clone();
        s.set_lever(id, v).map(|_| s)
    };
    let (down, up) = (stepped(69_900.0).unwrap(), stepped(70_100.0).unwrap());
    assert!(!remembered(&down) && !remembered(&up));
    run_ahead(id, &[69_900.0, 70_100.0, -5.0]);
    until("the runs ahead", || remembered(&down) && remembered(&up)).await;
    assert!(
        stepped(-5.0).is_err(),
        "the refused value is outside the lever's range"
    );
    for s in [&down, &up] {
        let found = live_run(&Rc::new(s.clone()));
        assert_eq!(
            found.as_ref().as_ref().map(|r| (**r).clone()).ok(),
            careflow_model::run(s).ok(),
            "a remembered run differs from the engine's run"
        );
    }

    // In the app: focus the slider, let the runs ahead finish, step it as the arrow key does.
    let window = web_sys::window().unwrap();
    let found = js_sys::Array::new();
    let record = js_sys::Function::new_with_args("found", "this.push(found)").bind0(&found);
    js_sys::Reflect::set(&window, &"__careflowLiveRun".into(), &record).unwrap();
    let host = mount_app().await;
    let slider = input(&host, "#lever-demand-emergency-admissions");
    slider.focus().unwrap();
    gloo::timers::future::TimeoutFuture::new(300).await;
    found.set_length(0);
    let step_up: js_sys::Function = js_sys::Reflect::get(&slider, &"stepUp".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    step_up.call0(&slider).unwrap();
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    slider.dispatch_event(&event).unwrap();
    until("the step's run", || found.length() > 0).await;
    js_sys::Reflect::delete_property(&window, &"__careflowLiveRun".into()).unwrap();
    assert_eq!(
        found.get(0).as_bool(),
        Some(true),
        "the step's run was not computed ahead"
    );
}
