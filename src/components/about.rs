//! What this is: a one-paragraph introduction shown on a first visit (dismissed once, remembered
//! in this browser) and the glossary, both under the header.

use yew::prelude::*;

use crate::components::glossary::{Annotated, Glossary};
use crate::hooks::use_intro::use_intro;

/// The introduction's text: what the model is of, and what it is not.
pub const INTRO: &str = "Careflow is a model of the health and care system of NHS Birmingham East and North, a primary care trust (PCT) with about 440,000 registered patients, from 2008 to 2014. It is built from the PCT's 2008–2010 planning documents: it is not a picture of today's hospitals or today's NHS, and its figures are the plans' and the model's, for testing ideas in a workshop. Move any lever and every figure and chart changes at once, each compared with do nothing (the trends carried on). Underlined words open their meaning; the glossary lists them all.";

#[component]
pub fn About() -> Html {
    let (shown, dismiss) = use_intro();
    let onclick = dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="about">
            if shown {
                <section class="intro" aria-labelledby="intro-heading">
                    <h2 id="intro-heading">{ "What this is" }</h2>
                    <p><Annotated text={INTRO} /></p>
                    <button type="button" class="intro-dismiss" {onclick}>{ "Got it — hide this" }</button>
                </section>
            }
            <Glossary />
        </div>
    }
}
