//! A value that follows another once it has stopped changing for a while: what a live region
//! announces, so a slider drag is announced once, when it ends, not at every step.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// `value` once it has been unchanged for `ms` milliseconds (the first value at once).
#[hook]
pub fn use_settled(value: String, ms: u32) -> String {
    let settled = use_state(|| value.clone());
    {
        let settled = settled.clone();
        use_effect_with(value, move |v| {
            let v = v.clone();
            let timer = Timeout::new(ms, move || settled.set(v));
            move || drop(timer)
        });
    }
    (*settled).clone()
}
