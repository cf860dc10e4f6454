//! The glossary: the words of health-service planning and simulation the page uses, each with a
//! plain definition, and where they occur in a piece of text (so every occurrence can open its
//! definition). Pure; tested natively.

/// One glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id ("occupancy"); the DOM id of its glossary row is `glossary-<id>`.
    pub id: &'static str,
    /// The term as the glossary lists it.
    pub term: &'static str,
    /// What it means here, in a sentence or two.
    pub definition: &'static str,
    /// The spellings that mark it in running text, matched without regard to case (except
    /// all-capital abbreviations, which match only in capitals), at word boundaries.
    pub spellings: &'static [&'static str],
    /// Text that, right after a spelling, means another sense of the word: "seed 001" is a seed
    /// document of the model's sources, not the random seed.
    pub not_before: &'static [&'static str],
}

/// Every entry, in the order the glossary lists them.
pub const ENTRIES: &[Entry] = &[
    Entry {
        id: "base-beds",
        term: "Base beds",
        definition: "The acute hospital's general and acute beds open in the usual way: the bed base after any ward closures, less beds a crisis closes. Escalation beds are not part of it.",
        spellings: &["base beds", "bed base"],
        not_before: &[],
    },
    Entry {
        id: "occupancy",
        term: "Occupancy",
        definition: "The share of the open base beds with a patient in them. Above about 85% patients start to wait for a bed and planned operations are cancelled; with escalation beds open it can go above 100%.",
        spellings: &["occupancy"],
        not_before: &[],
    },
    Entry {
        id: "escalation-beds",
        term: "Escalation beds",
        definition: "Extra beds a hospital opens for a few days when it is nearly full (often in day-surgery areas or corridors), with temporary staff. Patients in them count as occupying beds, not as extra bed base.",
        spellings: &["escalation beds", "escalation"],
        not_before: &[],
    },
    Entry {
        id: "dtoc",
        term: "Delayed transfer of care (DTOC)",
        definition: "A patient who is medically fit to leave hospital but is still in an acute bed, waiting for an assessment, a funding decision, a care package, a care-home place, further NHS care or their own or their family's choice. Counted as a share of occupied bed days; the plan's target was 2%.",
        spellings: &["delayed transfers of care", "delayed transfer of care", "delayed transfers", "DTOC"],
        not_before: &[],
    },
    Entry {
        id: "step-down",
        term: "Step-down beds",
        definition: "Beds outside the acute hospital (in a community hospital or care home) where patients who no longer need acute care recover before going home.",
        spellings: &["step-down beds", "step-down"],
        not_before: &[],
    },
    Entry {
        id: "discharge-to-assess",
        term: "Discharge to assess",
        definition: "Patients go home (or to a step-down bed) as soon as they are fit, and their long-term care needs are assessed there rather than in a hospital bed.",
        spellings: &["discharge to assess"],
        not_before: &[],
    },
    Entry {
        id: "commissioner",
        term: "Commissioner",
        definition: "The NHS body that plans and pays for local health services. Here it is the primary care trust (PCT); the hospital is the provider it pays, mostly per admission at the national tariff.",
        spellings: &["commissioner"],
        not_before: &[],
    },
    Entry {
        id: "pct",
        term: "PCT (primary care trust)",
        definition: "The local NHS body that commissioned health services in England from 2002 to 2013. NHS Birmingham East and North was the PCT for about 440,000 registered patients in east and north Birmingham; PCTs were abolished in April 2013.",
        spellings: &["PCT", "primary care trust"],
        not_before: &[],
    },
    Entry {
        id: "laa",
        term: "LAA (Local Area Agreement)",
        definition: "An agreement between central government and a local area's council, NHS and partners on targets they meet together; the one the PCT shared set the share of deaths at home it aimed for in 2009/10 and 2010/11 (Strategic Plan 2009-12 §7.5).",
        spellings: &["LAA", "Local Area Agreement"],
        not_before: &[],
    },
    Entry {
        id: "do-nothing",
        term: "Do nothing",
        definition: "The 2008/09 baseline with its trends carried on and no new services: the yardstick every scenario, card and chart is compared with.",
        spellings: &["do nothing", "do-nothing"],
        not_before: &[],
    },
    Entry {
        id: "replications",
        term: "Replications (simulated runs)",
        definition: "The same scenario run many times by the discrete-event model, each time with different random arrivals and lengths of stay, to show how much the results could vary by chance.",
        spellings: &["replications", "replication", "simulated runs"],
        not_before: &[],
    },
    Entry {
        id: "bands",
        term: "p5–p95 and p10–p90 bands",
        definition: "The shaded bands on the charts: on each day, 90% of the replications lie inside the lighter p5–p95 band (between the 5th and 95th percentiles) and 80% inside the darker p10–p90 band.",
        spellings: &["p5–p95", "p10–p90", "5–95%", "10–90%"],
        not_before: &[],
    },
    Entry {
        id: "ci",
        term: "95% CI (confidence interval)",
        definition: "The range within which the true value lies with 95% confidence, given the number of replications run; more replications give a narrower interval.",
        spellings: &["95% CI", "confidence interval"],
        not_before: &[],
    },
    Entry {
        id: "seed",
        term: "Seed",
        definition: "The number that starts the random-number generator of the replications. The same seed and number of replications give exactly the same bands every time; a new seed gives a new set of random runs.",
        spellings: &["seed"],
        not_before: &[" 0", " document", " file"],
    },
];

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Where glossary terms occur in `text`: (start, end, entry id), byte offsets, in order and not
/// overlapping; each entry is marked at its first occurrence only (one button per term per text),
/// longer spellings before shorter ones.
pub fn find_terms(text: &str) -> Vec<(usize, usize, &'static str)> {
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; match case-insensitively only when it
    // does not, so offsets stay valid.
    let same_len = lower.len() == text.len();
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for e in ENTRIES {
        let mut spellings: Vec<&str> = e.spellings.to_vec();
        spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut best: Option<(usize, usize)> = None;
        for s in spellings {
            let capitals = s.chars().all(|c| !c.is_lowercase());
            let (hay, needle) = if capitals || !same_len {
                (text, s.to_string())
            } else {
                (lower.as_str(), s.to_lowercase())
            };
            let mut from = 0;
            while let Some(i) = hay[from..].find(&needle) {
                let (a, b) = (from + i, from + i + needle.len());
                let before = text[..a].chars().next_back();
                let after = text[b..].chars().next();
                let bounded = !before.is_some_and(is_word_char)
                    && !after.is_some_and(|c| c.is_alphanumeric())
                    && !e.not_before.iter().any(|n| text[b..].starts_with(n));
                let free = !found.iter().any(|&(x, y, _)| a < y && x < b);
                if bounded && free {
                    if best.is_none_or(|(x, _)| a < x) {
                        best = Some((a, b));
                    }
                    break;
                }
                from = b;
            }
        }
        if let Some((a, b)) = best {
            found.push((a, b, e.id));
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_defined_and_found_by_its_spellings() {
        for e in ENTRIES {
            assert!(e.definition.len() > 40, "{}", e.id);
            for s in e.spellings {
                let text = format!("About {s} here.");
                let found = find_terms(&text);
                assert!(
                    found
                        .iter()
                        .any(|&(a, b, id)| id == e.id && &text[a..b] == *s),
                    "{}: {s} in {found:?}",
                    e.id
                );
            }
        }
        let ids: std::collections::BTreeSet<_> = ENTRIES.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), ENTRIES.len());
    }

    #[test]
    fn the_jargon_the_users_met_is_in_the_glossary() {
        for word in [
            "occupancy",
            "delayed transfer of care",
            "commissioner",
            "PCT",
            "LAA",
            "escalation beds",
            "95% CI",
            "p5–p95",
            "seed",
            "replications",
        ] {
            let text = format!("x {word} x");
            assert!(!find_terms(&text).is_empty(), "{word}");
        }
    }

    #[test]
    fn terms_are_marked_once_at_word_boundaries_without_overlap() {
        let t = "Mean occupancy of the base beds; occupancy again. The PCT's commissioner.";
        let found = find_terms(t);
        let words: Vec<&str> = found.iter().map(|&(a, b, _)| &t[a..b]).collect();
        assert_eq!(words, ["occupancy", "base beds", "PCT", "commissioner"]);
        // "seed" is not found inside "exceed"; "pct" in lower case is not the PCT; a seed document
        // ("seed 001 §5.2") is not the random seed.
        assert!(find_terms("they exceed it; 5 pct").is_empty());
        assert!(find_terms("Strategic Plan 2009-12, seed 001 §5.2").is_empty());
        assert_eq!(
            find_terms("seed 001 §5.2; seed 20080401"),
            vec![(16, 20, "seed")]
        );
        // The longer spelling wins: "Delayed transfers of care" is one term, not "delayed transfers".
        let t = "Delayed transfers of care fell";
        assert_eq!(find_terms(t), vec![(0, 25, "dtoc")]);
        // Non-ASCII text keeps valid offsets.
        let t = "Chance (95% CI 12–18%) — seed";
        for (a, b, _) in find_terms(t) {
            assert!(t.is_char_boundary(a) && t.is_char_boundary(b));
        }
    }
}
