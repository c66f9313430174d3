//! Glossary terms as search synonyms: "NFA" and "no fixed abode" find the same pages.
//!
//! Neither engine needs synonym support of its own: each page is given the other names of
//! every glossary term it mentions (its *aliases*), and both the tantivy index and the
//! Pagefind bundle search those aliases alongside the page's text.

use crate::model::Glossary;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// One way of naming a term, split into words.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<String>,
    /// The same words in lower case.
    lower_words: Vec<String>,
    /// Abbreviations (`NFA`, `OASys`) match only as written, so "ap" in running text or a
    /// name like "Om" is not taken for Approved Premises or offender manager.
    exact_case: bool,
    group: usize,
}

/// Every glossary term with its abbreviations and aliases, ready to look up in text.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    /// Lower-cased first word → names starting with it.
    by_first_word: HashMap<String, Vec<Name>>,
}

/// `word` in lower case, borrowed when it already is (most words of running text).
fn lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Synonyms {
    pub fn from_glossary(glossary: Option<&Glossary>) -> Synonyms {
        let mut s = Synonyms::default();
        let Some(g) = glossary else { return s };
        for term in &g.terms {
            let group = s.groups.len();
            let mut members = vec![term.term.clone()];
            members.extend(term.abbreviations.iter().cloned());
            members.extend(term.aliases.iter().cloned());
            for (i, member) in members.iter().enumerate() {
                let ws: Vec<String> = words(member).into_iter().map(str::to_string).collect();
                let Some(first) = ws.first() else { continue };
                let is_abbreviation = i > 0 && i <= term.abbreviations.len();
                let exact_case = is_abbreviation && ws.len() == 1;
                s.by_first_word
                    .entry(first.to_lowercase())
                    .or_default()
                    .push(Name {
                        lower_words: ws.iter().map(|w| w.to_lowercase()).collect(),
                        words: ws,
                        exact_case,
                        group,
                    });
            }
            s.groups.push(members);
        }
        s
    }

    /// The glossary groups, for saving beside the index.
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Rebuilds the lookup from saved groups (the first name of each is the term).
    pub fn from_groups(groups: Vec<Vec<String>>) -> Synonyms {
        let terms = groups
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|g| crate::model::Term {
                id: None,
                term: g[0].clone(),
                abbreviations: g[1..]
                    .iter()
                    .filter(|n| is_abbreviation(n))
                    .cloned()
                    .collect(),
                aliases: g[1..]
                    .iter()
                    .filter(|n| !is_abbreviation(n))
                    .cloned()
                    .collect(),
                definition: String::new(),
                see_also: Vec::new(),
            })
            .collect();
        Synonyms::from_glossary(Some(&Glossary { terms }))
    }

    /// The names of every term that `text` mentions, in all their forms, sorted. A page
    /// that says "no fixed abode" gets `NFA` and the reverse.
    pub fn aliases_in(&self, text: &str) -> Vec<String> {
        if self.groups.is_empty() {
            return Vec::new();
        }
        let tokens = words(text);
        let mut found = BTreeSet::new();
        for (i, token) in tokens.iter().enumerate() {
            let Some(names) = self.by_first_word.get(&*lower(token)) else {
                continue;
            };
            for name in names {
                let n = name.words.len();
                if i + n > tokens.len() {
                    continue;
                }
                let matches = if name.exact_case {
                    *token == name.words[0]
                } else {
                    (0..n).all(|k| *lower(tokens[i + k]) == name.lower_words[k])
                };
                if matches {
                    found.insert(name.group);
                }
            }
        }
        let mut out: BTreeSet<String> = BTreeSet::new();
        for g in found {
            out.extend(self.groups[g].iter().cloned());
        }
        out.into_iter().collect()
    }
}

/// One word with capitals after its first letter (`NFA`, `OASys`): an abbreviation.
fn is_abbreviation(name: &str) -> bool {
    !name.contains(' ') && name.chars().skip(1).any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Term;

    fn glossary() -> Glossary {
        let term = |t: &str, abbr: &[&str], aliases: &[&str]| Term {
            id: None,
            term: t.into(),
            abbreviations: abbr.iter().map(|s| s.to_string()).collect(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            definition: String::new(),
            see_also: Vec::new(),
        };
        Glossary {
            terms: vec![
                term("No fixed abode", &["NFA"], &["homeless on release"]),
                term("Approved Premises", &["AP"], &["probation hostel"]),
            ],
        }
    }

    #[test]
    fn a_phrase_brings_its_abbreviation_and_the_reverse() {
        let s = Synonyms::from_glossary(Some(&glossary()));
        let a = s.aliases_in("He will be of no fixed abode on Friday.");
        assert!(a.contains(&"NFA".to_string()), "{a:?}");
        let b = s.aliases_in("Released NFA.");
        assert!(b.contains(&"No fixed abode".to_string()), "{b:?}");
    }

    #[test]
    fn saved_groups_give_the_same_lookup() {
        let s = Synonyms::from_glossary(Some(&glossary()));
        let again = Synonyms::from_groups(s.groups().to_vec());
        assert_eq!(
            again.aliases_in("Released NFA"),
            s.aliases_in("Released NFA")
        );
        assert!(again.aliases_in("ap").is_empty());
    }

    #[test]
    fn abbreviations_match_only_as_written() {
        let s = Synonyms::from_glossary(Some(&glossary()));
        assert!(s.aliases_in("Tap the map, ap.").is_empty());
        assert_eq!(s.aliases_in("Move on from an AP").len(), 3);
        assert_eq!(s.aliases_in("a Probation Hostel place").len(), 3);
    }
}
