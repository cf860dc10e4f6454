//! Scenarios in links: a compact, versioned, human-readable encoding of a scenario as the values that
//! differ from its starting point (the baseline or a preset), plus the seed.
//!
//! Format (the part of the URL after `#`): `v=1&preset=ID&seed=N&reps=R&PATH=VALUE&…&x=PATCH&c=CHECK`,
//! where `reps` (only when given) is the number of stochastic replications behind the bands on
//! screen, `PATH=VALUE` pairs are registered levers (`crate::params`) whose values differ from the preset's,
//! `x` (only when needed) is a base64url JSON merge patch (RFC 7396) for anything outside the lever
//! registry, and `c` is a checksum of everything before it, so a cut or edited link is detected.
//! Numbers are written in Rust's shortest round-trip form, so a link reproduces a result exactly.
//!
//! Decoding never fails: a bad pair is dropped (its starting-point value is kept) and reported with
//! the field, the value and the allowed range; the rest of the link is kept.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{Map, Value};

use crate::params::{param, parameters};
use crate::presets::preset;
use crate::scenario::Scenario;

/// The link format version this build writes and reads.
pub const LINK_VERSION: u32 = 1;

/// One problem found while reading a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkProblem {
    /// The field (lever path, or `v`, `preset`, `seed`, `reps`, `x`, `c`).
    pub field: String,
    /// The offending text.
    pub value: String,
    /// What is allowed, in words.
    pub allowed: String,
    /// Plain-words explanation, including what was done instead.
    pub message: String,
}

impl std::fmt::Display for LinkProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (value {:?}, allowed {})",
            self.field, self.message, self.value, self.allowed
        )
    }
}

/// The result of reading a link: always a valid scenario, plus what was kept and what was wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedLink {
    /// The scenario to open (valid).
    pub scenario: Scenario,
    /// The preset the link started from, if it named a known one.
    pub preset: Option<String>,
    /// The number of replications the link asks for (`reps`), when it carries a valid one.
    pub replications: Option<u32>,
    /// Lever paths whose values were taken from the link.
    pub kept: Vec<String>,
    /// Everything that was wrong (empty for a good link).
    pub problems: Vec<LinkProblem>,
}

/// The scenario a link starts from: the named preset, or the baseline.
fn base_for(preset_id: Option<&str>) -> Scenario {
    preset_id
        .and_then(preset)
        .map(|p| p.scenario)
        .unwrap_or_default()
}

/// Smallest and largest number of replications a batch (and a link's `reps`) may ask for.
pub const REPLICATIONS_RANGE: (u32, u32) = (2, 1000);

/// Encodes `scenario` as a link fragment relative to `preset_id` (or the baseline when `None`).
pub fn encode_link(scenario: &Scenario, preset_id: Option<&str>) -> String {
    encode_link_with(scenario, preset_id, None)
}

/// [`encode_link`], also carrying the number of replications behind the bands (`reps`) when given.
pub fn encode_link_with(
    scenario: &Scenario,
    preset_id: Option<&str>,
    replications: Option<u32>,
) -> String {
    let preset_id = preset_id.filter(|id| preset(id).is_some());
    let mut base = base_for(preset_id);
    let mut parts = vec![format!("v={LINK_VERSION}")];
    if let Some(id) = preset_id {
        parts.push(format!("preset={id}"));
    }
    parts.push(format!("seed={}", scenario.seed));
    if let Some(r) = replications {
        parts.push(format!("reps={r}"));
    }
    base.seed = scenario.seed;
    for spec in parameters() {
        let (Some(now), Some(was)) = (scenario.get(spec.path), base.get(spec.path)) else {
            continue;
        };
        if now.to_bits() != was.to_bits() && now.is_finite() {
            parts.push(format!("{}={}", spec.path, now));
            // Keep `base` in step so the patch below holds only what the pairs do not carry.
            let _ = base.set(spec.path, now);
        }
    }
    if let (Ok(a), Ok(b)) = (serde_json::to_value(&base), serde_json::to_value(scenario)) {
        if let Some(patch) = merge_patch_diff(&a, &b) {
            parts.push(format!(
                "x={}",
                base64url_encode(patch.to_string().as_bytes())
            ));
        }
    }
    let body = parts.join("&");
    format!("{body}&c={:08x}", checksum(&body))
}

/// Reads a link fragment (with or without a leading `#` or `?`). Never fails; see [`DecodedLink`].
pub fn decode_link(link: &str) -> DecodedLink {
    let link = link.trim_start_matches(['#', '?']);
    let mut problems = Vec::new();
    let mut problem = |field: &str, value: &str, allowed: &str, message: &str| {
        problems.push(LinkProblem {
            field: field.to_string(),
            value: value.to_string(),
            allowed: allowed.to_string(),
            message: message.to_string(),
        })
    };

    // The checksum covers everything before `&c=`.
    match link.rsplit_once("&c=") {
        Some((body, check)) if u32::from_str_radix(check, 16).ok() == Some(checksum(body)) => {}
        Some((_, check)) => problem(
            "c",
            check,
            "the checksum of the link as it was made",
            "the link was changed or cut short after it was made; values that still make sense were kept",
        ),
        None => problem(
            "c",
            "",
            "a checksum at the end of the link",
            "the link has no checksum, so it may be cut short; values that still make sense were kept",
        ),
    }
    let body = link.rsplit_once("&c=").map(|(b, _)| b).unwrap_or(link);
    let pairs: Vec<(&str, &str)> = body
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();

    let version = pairs.iter().find(|(k, _)| *k == "v").map(|(_, v)| *v);
    match version.map(str::parse::<u32>) {
        Some(Ok(v)) if v == LINK_VERSION => {}
        Some(Ok(v)) if v > LINK_VERSION => problem(
            "v",
            &v.to_string(),
            &format!("link versions 1 to {LINK_VERSION}"),
            "the link was made by a newer Careflow; values this version understands were kept",
        ),
        _ => problem(
            "v",
            version.unwrap_or("missing"),
            &format!("link versions 1 to {LINK_VERSION}"),
            "the link version is missing or not a number; values that make sense were kept",
        ),
    }

    let mut preset_id = None;
    if let Some((_, id)) = pairs.iter().find(|(k, _)| *k == "preset") {
        if preset(id).is_some() {
            preset_id = Some(id.to_string());
        } else {
            let ids: Vec<&str> = crate::presets::presets().iter().map(|p| p.id).collect();
            problem(
                "preset",
                id,
                &ids.join(", "),
                "unknown preset; started from the baseline instead",
            );
        }
    }
    let base = base_for(preset_id.as_deref());
    let mut scenario = base.clone();
    let mut kept = Vec::new();
    let mut replications = None;

    for (key, value) in &pairs {
        match *key {
            "v" | "preset" | "x" => {}
            "reps" => match value.parse::<u32>() {
                Ok(r) if (REPLICATIONS_RANGE.0..=REPLICATIONS_RANGE.1).contains(&r) => {
                    replications = Some(r)
                }
                _ => problem(
                    "reps",
                    value,
                    &format!(
                        "a whole number from {} to {}",
                        REPLICATIONS_RANGE.0, REPLICATIONS_RANGE.1
                    ),
                    "not a valid number of replications; kept this page's setting",
                ),
            },
            "seed" => match value.parse::<u64>() {
                Ok(seed) => scenario.seed = seed,
                Err(_) => problem(
                    "seed",
                    value,
                    "a whole number from 0 to 18446744073709551615",
                    "not a valid seed; kept the default seed",
                ),
            },
            path => {
                let Some(spec) = param(path) else {
                    problem(
                        if path.is_empty() {
                            "(a value with no name)"
                        } else {
                            path
                        },
                        value,
                        "a lever name Careflow knows",
                        "unknown lever; ignored",
                    );
                    continue;
                };
                let allowed = format!("{} to {} {}", spec.min, spec.max, spec.unit);
                match value.parse::<f64>() {
                    Ok(v) if v.is_finite() => match scenario.set(path, v) {
                        Ok(()) => kept.push(path.to_string()),
                        Err(issue) => problem(
                            path,
                            value,
                            &issue.allowed,
                            &format!("{}; kept the starting value", issue.message),
                        ),
                    },
                    _ => problem(
                        path,
                        value,
                        &allowed,
                        "not a number; kept the starting value",
                    ),
                }
            }
        }
    }

    if let Some((_, x)) = pairs.iter().find(|(k, _)| *k == "x") {
        let patched = base64url_decode(x)
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .and_then(|patch| {
                let mut value = serde_json::to_value(&scenario).ok()?;
                merge_patch_apply(&mut value, &patch);
                serde_json::from_value::<Scenario>(value).ok()
            });
        match patched {
            Some(s) => scenario = s,
            None => problem(
                "x",
                x,
                "a patch made by Careflow",
                "the extra settings could not be read; ignored",
            ),
        }
    }

    if let Err(issues) = scenario.validate() {
        for issue in issues {
            problem(
                &issue.path,
                &issue.value,
                &issue.allowed,
                &format!("{}; opened the starting scenario instead", issue.message),
            );
        }
        scenario = base;
        kept.clear();
    }
    DecodedLink {
        scenario,
        preset: preset_id,
        replications,
        kept,
        problems,
    }
}

/// FNV-1a, 32 bits: a checksum that catches cut or edited links (not a security measure).
fn checksum(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    })
}

/// RFC 7396 merge patch turning `a` into `b`, or `None` when they are equal.
pub fn merge_patch_diff(a: &Value, b: &Value) -> Option<Value> {
    if a == b {
        return None;
    }
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            let mut patch = Map::new();
            for (k, vb) in mb {
                match ma.get(k) {
                    Some(va) => {
                        if let Some(p) = merge_patch_diff(va, vb) {
                            patch.insert(k.clone(), p);
                        }
                    }
                    None => {
                        patch.insert(k.clone(), vb.clone());
                    }
                }
            }
            for k in ma.keys().filter(|k| !mb.contains_key(*k)) {
                patch.insert(k.clone(), Value::Null);
            }
            Some(Value::Object(patch))
        }
        _ => Some(b.clone()),
    }
}

/// Applies an RFC 7396 merge patch to `target`.
pub fn merge_patch_apply(target: &mut Value, patch: &Value) {
    let Value::Object(pm) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(tm) = target {
        for (k, v) in pm {
            if v.is_null() {
                tm.remove(k);
            } else {
                merge_patch_apply(tm.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

/// Base64url without padding (RFC 4648 §5), as the `x` patch is written.
pub fn base64url_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes base64url without padding; `None` on any invalid character, length or trailing bits.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_link_version_is_quoted_as_typed() {
        for (link, shown) in [
            ("#v=abc&preset=do-nothing", "abc"),
            ("#preset=do-nothing&v=", ""),
        ] {
            let d = decode_link(link);
            let p = d
                .problems
                .iter()
                .find(|p| p.field == "v")
                .expect("reported");
            assert_eq!(p.value, shown, "{link}");
        }
        let d = decode_link("#preset=do-nothing&beds.base=1300");
        let p = d
            .problems
            .iter()
            .find(|p| p.field == "v")
            .expect("reported");
        assert_eq!(p.value, "missing");
    }

    #[test]
    fn baseline_link_is_short_and_round_trips() {
        let s = Scenario::default();
        let link = encode_link(&s, None);
        assert!(link.len() < 60, "{link}");
        let d = decode_link(&link);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.scenario, s);
    }

    #[test]
    fn every_preset_with_changed_levers_round_trips_exactly() {
        let mut checked = 0;
        for p in crate::presets::presets() {
            let mut s = p.scenario.clone();
            s.seed = 987_654_321;
            // Move a handful of levers to awkward values within range.
            for spec in parameters().iter().filter(|sp| sp.headline).take(12) {
                let v = spec.min + (spec.max - spec.min) * 0.3137;
                let _ = s.set(spec.path, v);
            }
            if s.validate().is_err() {
                continue;
            }
            let link = encode_link(&s, Some(p.id));
            let d = decode_link(&format!("#{link}"));
            assert!(d.problems.is_empty(), "{}: {:?}", p.id, d.problems);
            assert_eq!(d.preset.as_deref(), Some(p.id));
            assert_eq!(d.scenario, s, "preset {} did not round-trip", p.id);
            checked += 1;
        }
        assert!(
            checked >= 3,
            "only {checked} presets stayed valid after moving levers"
        );
    }

    #[test]
    fn non_lever_differences_travel_in_the_patch() {
        let mut s = Scenario::default();
        s.years = if s.years == 10 { 9 } else { s.years + 1 };
        let link = encode_link(&s, None);
        let d = decode_link(&link);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.scenario, s);
    }

    #[test]
    fn tampered_value_is_reported_with_field_and_range_and_the_rest_is_kept() {
        let specs = parameters();
        let (a, b) = (specs[0], specs[1]);
        let mut s = Scenario::default();
        let va = a.min + (a.max - a.min) * 0.25;
        let vb = b.min + (b.max - b.min) * 0.75;
        s.set(a.path, va).unwrap();
        s.set(b.path, vb).unwrap();
        let link = encode_link(&s, None);
        let tampered = link.replace(
            &format!("{}={}", b.path, vb),
            &format!("{}={}", b.path, b.max * 10.0 + 1.0),
        );
        let d = decode_link(&tampered);
        let fields: Vec<&str> = d.problems.iter().map(|p| p.field.as_str()).collect();
        assert!(
            fields.contains(&"c"),
            "checksum mismatch not reported: {fields:?}"
        );
        let bad = d
            .problems
            .iter()
            .find(|p| p.field == b.path)
            .expect("bad field reported");
        assert!(
            bad.allowed.contains(&format!("{}", b.max))
                || bad.allowed.contains(&format!("{:.0}", b.max)),
            "{bad}"
        );
        assert_eq!(d.scenario.get(a.path), Some(va), "good value not kept");
        assert_eq!(
            d.scenario.get(b.path),
            Scenario::default().get(b.path),
            "bad value not dropped"
        );
        assert_eq!(d.kept, vec![a.path.to_string()]);
    }

    #[test]
    fn a_link_carries_the_number_of_replications_and_refuses_one_out_of_range() {
        let s = Scenario::default();
        let d = decode_link(&encode_link_with(&s, Some("strategic-plan"), Some(37)));
        assert_eq!((d.replications, d.problems.len()), (Some(37), 0));
        assert_eq!(decode_link(&encode_link(&s, None)).replications, None);
        let (lo, hi) = REPLICATIONS_RANGE;
        for bad in [lo - 1, hi + 1] {
            let d = decode_link(&encode_link_with(&s, None, Some(bad)));
            assert_eq!(d.replications, None, "{bad} accepted");
            let p = d
                .problems
                .iter()
                .find(|p| p.field == "reps")
                .expect("reps reported");
            assert!(p.allowed.contains(&format!("{lo} to {hi}")), "{p}");
            assert_eq!(p.value, bad.to_string());
            assert_eq!(d.problems.len(), 1, "{:?}", d.problems);
        }
        let d = decode_link("v=1&seed=5&reps=ten");
        assert!(d
            .problems
            .iter()
            .any(|p| p.field == "reps" && p.value == "ten"));
    }

    #[test]
    fn garbage_links_open_the_baseline_and_never_panic() {
        for junk in [
            "",
            "#",
            "v=9&c=0",
            "v=x&preset=nope&seed=-1&no.such=1&x=!!!",
            "&&&===",
            "c=zz",
            "v=1&x=AAAA",
        ] {
            let d = decode_link(junk);
            assert!(d.scenario.validate().is_ok(), "{junk}");
            assert!(!d.problems.is_empty(), "no problem reported for {junk:?}");
        }
        let d = decode_link("v=1&preset=nope&seed=-1&no.such=1&x=!!!");
        let fields: Vec<&str> = d.problems.iter().map(|p| p.field.as_str()).collect();
        for f in ["preset", "seed", "no.such", "x"] {
            assert!(fields.contains(&f), "{f} not reported: {fields:?}");
        }
    }

    /// Found by fuzzing (`examples/fuzz_decoders.rs`): a pair with no name (`&=1`) was reported
    /// with an empty field, so the banner could not say which value was wrong.
    #[test]
    fn a_value_with_no_name_is_reported_with_a_field() {
        for link in [
            "v=1&=1&seed=5",
            "==9&presat==9",
            "v=1&prese&=do-nothing&seed=1",
        ] {
            let d = decode_link(link);
            assert!(!d.problems.is_empty(), "{link}");
            for p in &d.problems {
                assert!(!p.field.is_empty() && !p.allowed.is_empty(), "{link}: {p}");
            }
        }
    }

    #[test]
    fn truncated_link_is_detected() {
        let mut s = Scenario::default();
        let spec = parameters()[0];
        s.set(spec.path, spec.min + (spec.max - spec.min) * 0.5)
            .unwrap();
        let link = encode_link(&s, None);
        let cut = &link[..link.len() - 12];
        let d = decode_link(cut);
        assert!(
            d.problems.iter().any(|p| p.field == "c"),
            "{:?}",
            d.problems
        );
    }

    /// Links written by this format's encoder before the base64 and patch code moved to library
    /// calls, kept literally: each still opens without a problem, to the scenario it was made from,
    /// and the encoder still writes it byte for byte.
    #[test]
    fn links_made_earlier_still_open_to_the_same_scenario() {
        let headline: Vec<_> = parameters().into_iter().filter(|p| p.headline).collect();
        let mut plan = preset("strategic-plan").unwrap().scenario;
        plan.seed = 42;
        let h = headline[0];
        plan.set(h.path, h.min + (h.max - h.min) * 0.3137).unwrap();
        let mut longer = Scenario::default();
        longer.years = if longer.years == 10 {
            9
        } else {
            longer.years + 1
        };
        longer.seed = 7;
        let mut surge = preset("winter-surge").unwrap().scenario;
        surge.years = 8;
        surge.seed = 123_456_789;
        for spec in headline.iter().skip(2).take(3) {
            let _ = surge.set(spec.path, spec.min + (spec.max - spec.min) * 0.77);
        }
        let cases = [
            ("v=1&seed=20080401&c=9d860c8c", None, Scenario::default()),
            (
                "v=1&preset=strategic-plan&seed=42&demand.emergency_admissions=314386.3&c=24a03c37",
                Some("strategic-plan"),
                plan,
            ),
            ("v=1&seed=7&x=eyJ5ZWFycyI6N30&c=2a66ed2a", None, longer),
            (
                "v=1&preset=winter-surge&seed=123456789&care_closer_to_home.urgent_care.diverted_per_year=770000&beds.base=15400&x=eyJ5ZWFycyI6OH0&c=2ab22cb5",
                Some("winter-surge"),
                surge,
            ),
        ];
        for (link, preset_id, scenario) in cases {
            let d = decode_link(&format!("#{link}"));
            assert!(d.problems.is_empty(), "{link}: {:?}", d.problems);
            assert_eq!(d.preset.as_deref(), preset_id, "{link}");
            assert_eq!(d.scenario, scenario, "{link} opened to another scenario");
            assert_eq!(
                encode_link(&scenario, preset_id),
                link,
                "the format changed"
            );
        }
    }

    #[test]
    fn base64url_is_rfc_4648_url_alphabet_without_padding() {
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("Zm9vYg"), Some(b"foob".to_vec()));
        for bad in ["Zm9vYg==", "Zm9vY", "Zm+v", "Zm/v", "Zm9 "] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn merge_patch_follows_rfc_7396() {
        use serde_json::json;
        // RFC 7396 §3 example.
        let mut target: Value = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch_apply(&mut target, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(target, json!({"a": "z", "c": {"d": "e"}}));
        // RFC 7396 Appendix A: original, patch, result.
        let cases = [
            (json!({"a":"b"}), json!({"a":"c"}), json!({"a":"c"})),
            (json!({"a":"b"}), json!({"b":"c"}), json!({"a":"b","b":"c"})),
            (json!({"a":"b"}), json!({"a":null}), json!({})),
            (
                json!({"a":"b","b":"c"}),
                json!({"a":null}),
                json!({"b":"c"}),
            ),
            (json!({"a":["b"]}), json!({"a":"c"}), json!({"a":"c"})),
            (json!({"a":"c"}), json!({"a":["b"]}), json!({"a":["b"]})),
            (
                json!({"a":{"b":"c"}}),
                json!({"a":{"b":"d","c":null}}),
                json!({"a":{"b":"d"}}),
            ),
            (json!({"a":[{"b":"c"}]}), json!({"a":[1]}), json!({"a":[1]})),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a":"b"}), json!(["c"]), json!(["c"])),
            (json!({"a":"foo"}), json!(null), json!(null)),
            (json!({"a":"foo"}), json!("bar"), json!("bar")),
            (json!({"e":null}), json!({"a":1}), json!({"e":null,"a":1})),
            (json!([1, 2]), json!({"a":"b","c":null}), json!({"a":"b"})),
            (
                json!({}),
                json!({"a":{"bb":{"ccc":null}}}),
                json!({"a":{"bb":{}}}),
            ),
        ];
        for (original, patch, result) in cases {
            let mut t = original.clone();
            merge_patch_apply(&mut t, &patch);
            assert_eq!(t, result, "{original} + {patch}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// JSON values with no `null` inside objects (a merge patch reads `null` as "remove").
        fn json_value() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                any::<bool>().prop_map(Value::from),
                any::<i32>().prop_map(Value::from),
                "[a-c]{0,3}".prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 32, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                    prop::collection::btree_map("[a-d]", inner, 0..4)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        /// Any JSON value, `null` included: what a patch from elsewhere may hold.
        fn any_json() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i32>().prop_map(Value::from),
                "[a-c]{0,3}".prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 32, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                    prop::collection::btree_map("[a-d]", inner, 0..4)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        proptest! {
            #[test]
            fn base64url_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
                let text = base64url_encode(&bytes);
                prop_assert!(text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
                prop_assert_eq!(base64url_decode(&text), Some(bytes));
            }

            #[test]
            fn the_diff_applied_to_a_gives_b(a in json_value(), b in json_value()) {
                let mut t = a.clone();
                match merge_patch_diff(&a, &b) {
                    Some(p) => merge_patch_apply(&mut t, &p),
                    None => prop_assert_eq!(&a, &b),
                }
                prop_assert_eq!(t, b);
            }

            /// The patch reader agrees with the `json-patch` crate's RFC 7396 `merge`.
            #[test]
            fn apply_agrees_with_json_patch(target in any_json(), patch in any_json()) {
                let mut ours = target.clone();
                merge_patch_apply(&mut ours, &patch);
                let mut theirs = target;
                json_patch::merge(&mut theirs, &patch);
                prop_assert_eq!(ours, theirs);
            }

            /// Whatever the text, reading it never panics, opens a valid scenario and names a field
            /// for every problem.
            #[test]
            fn any_text_opens_a_valid_scenario(link in "[a-z.=&#?0-9_x-]{0,40}|\\PC{0,40}") {
                let d = decode_link(&link);
                prop_assert!(d.scenario.validate().is_ok());
                for p in &d.problems {
                    prop_assert!(!p.field.is_empty() && !p.allowed.is_empty(), "{}", p);
                }
            }

            /// Any preset, any seed, any in-range values of a few levers: the link opens to exactly
            /// the same scenario, with nothing reported.
            #[test]
            fn links_round_trip_exactly(
                which in 0..4usize,
                seed in any::<u64>(),
                moves in prop::collection::vec((any::<prop::sample::Index>(), 0.0..=1.0f64), 0..8),
            ) {
                let list = crate::presets::presets();
                let p = &list[which % list.len()];
                let specs = parameters();
                let mut s = p.scenario.clone();
                s.seed = seed;
                for (i, t) in &moves {
                    let spec = specs[i.index(specs.len())];
                    let _ = s.set(spec.path, spec.min + (spec.max - spec.min) * t);
                }
                prop_assume!(s.validate().is_ok());
                let link = encode_link(&s, Some(p.id));
                let d = decode_link(&format!("#{link}"));
                prop_assert!(d.problems.is_empty(), "{}: {:?}", link, d.problems);
                prop_assert_eq!(d.preset.as_deref(), Some(p.id));
                prop_assert_eq!(d.scenario, s);
            }
        }
    }
}
