//! Glossary terms in running text and the glossary itself. A [`Term`] is a button on the word
//! (dotted underline) that opens its definition just below it — by click, tap, Enter or Space;
//! Escape or the button again closes it — with a way on to the whole glossary. [`Annotated`]
//! marks every glossary term in a piece of text. [`Glossary`] lists every entry.

use std::sync::atomic::{AtomicUsize, Ordering};

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::glossary::{entry, find_terms, ENTRIES};

/// The DOM id of the glossary's disclosure.
pub const GLOSSARY_ID: &str = "glossary";

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Opens the glossary, scrolls to `id`'s entry and moves focus to it.
pub fn show_in_glossary(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(details) = doc.get_element_by_id(GLOSSARY_ID) {
        let _ = details.set_attribute("open", "");
    }
    if let Some(dt) = doc
        .get_element_by_id(&format!("glossary-{id}"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        dt.scroll_into_view();
        let _ = dt.focus();
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct TermProps {
    /// The glossary entry's id.
    pub id: &'static str,
    /// The words as they stand in the text.
    pub text: AttrValue,
}

/// One term in running text, opening its definition.
#[component]
pub fn Term(props: &TermProps) -> Html {
    let open = use_state(|| false);
    let n = use_state(|| NEXT.fetch_add(1, Ordering::Relaxed));
    let Some(e) = entry(props.id) else {
        return html! { { props.text.clone() } };
    };
    let pop_id = format!("term-{}-{}", e.id, *n);
    let toggle = {
        let open = open.clone();
        Callback::from(move |ev: MouseEvent| {
            ev.stop_propagation();
            open.set(!*open)
        })
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |ev: KeyboardEvent| {
            if ev.key() == "Escape" && *open {
                ev.stop_propagation();
                open.set(false);
            }
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let id = e.id;
    let to_glossary = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            show_in_glossary(id);
        })
    };
    html! {
        <span class="term-wrap" {onkeydown}>
            <button type="button" class="term" data-term={e.id}
                aria-expanded={if *open { "true" } else { "false" }}
                aria-controls={open.then(|| pop_id.clone())}
                title={format!("What is this? {}", e.term)}
                onclick={toggle}>{ props.text.clone() }</button>
            if *open {
                <span class="term-pop" id={pop_id} role="group" aria-label={format!("Glossary: {}", e.term)}>
                    <strong>{ e.term }</strong>{ ": " }{ e.definition }
                    <span class="term-actions">
                        <button type="button" onclick={to_glossary}>{ "All terms" }</button>
                        <button type="button" onclick={close}>{ "Close" }</button>
                    </span>
                </span>
            }
        </span>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AnnotatedProps {
    pub text: AttrValue,
}

/// `text` with each glossary term (its first occurrence) a [`Term`].
#[component]
pub fn Annotated(props: &AnnotatedProps) -> Html {
    let text = props.text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b, id) in find_terms(text) {
        if a > at {
            out.push(html! { { text[at..a].to_string() } });
        }
        out.push(html! { <Term {id} text={AttrValue::from(text[a..b].to_string())} /> });
        at = b;
    }
    if at < text.len() {
        out.push(html! { { text[at..].to_string() } });
    }
    html! { <>{ for out }</> }
}

/// The whole glossary, a disclosure near the top of the page.
#[component]
pub fn Glossary() -> Html {
    html! {
        <details class="glossary" id={GLOSSARY_ID}>
            <summary>{ format!("Glossary: {} words this page uses", ENTRIES.len()) }</summary>
            <dl>
                { for ENTRIES.iter().map(|e| html! {
                    <>
                        <dt id={format!("glossary-{}", e.id)} tabindex="-1">{ e.term }</dt>
                        <dd>{ e.definition }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
