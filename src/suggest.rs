//! "Did you mean …?" — the nearest valid value for a misspelt name.

/// The candidate closest to `given`, if it is close enough to be a plausible typo.
pub fn nearest<'a, I>(given: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let given_lower = given.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(&given_lower, &c.to_lowercase());
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.75)
        // Highest score wins; ties go to the alphabetically first name for stable output.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A help line: "did you mean `x`?" or the list of valid values when nothing is close.
pub fn help_for<'a, I>(given: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(best) = nearest(given, candidates.clone()) {
        return Some(format!("did you mean `{best}`?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    if all.is_empty() {
        None
    } else if all.len() <= 12 {
        let list: Vec<String> = all.iter().map(|c| format!("`{c}`")).collect();
        Some(format!("expected one of {}", list.join(", ")))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_transposition() {
        assert_eq!(nearest("meduim", ["low", "medium", "high"]), Some("medium"));
    }

    #[test]
    fn ignores_unrelated_names() {
        assert_eq!(nearest("zzzz", ["low", "medium", "high"]), None);
        assert_eq!(
            help_for("zzzz", ["low", "high"]).as_deref(),
            Some("expected one of `low`, `high`")
        );
    }
}
