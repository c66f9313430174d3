//! What every record shows beyond its own page ([`Header`]), and the text search and the
//! reading-level check take from its fields ([`Describe`]). The browse lists, review-date
//! checks, both search engines, reading levels and the feed read records through this
//! trait, so they loop over every kind instead of naming each.

use super::{
    Audience, BankHolidays, Chooser, Commitments, Glossary, Guidance, IsoDate, Offer, Page,
    Partner, Planner, Protocol, Tier, TierPage,
};
use crate::made::Made;
use std::borrow::Cow;

/// A record's title, summary, dates and filters.
#[derive(Debug, Clone, Default)]
pub struct Header<'a> {
    pub title: Cow<'a, str>,
    pub summary: &'a str,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    /// Who reads it, for the reading-level limits; `None`: everyone (the general limit).
    pub readers: Option<Audience>,
    /// The audience filter of search (guidance only, today).
    pub audience: Option<Audience>,
    pub tier: Option<Tier>,
    pub regions: &'a [String],
    pub cohorts: &'a [String],
    /// A page the site makes (the bank holidays page): its title and summary in lists and
    /// search are the theme's words for it (`wording::Wording::title_of`), with `title`
    /// the key of the division its `{region}` names.
    pub made: Option<Made>,
}

/// A kind of record, as the site-wide parts of a build see it.
pub trait Describe: std::fmt::Debug + Send + Sync {
    fn header(&self) -> Header<'_>;

    /// Text of the front matter that search finds the page by, beyond its title and
    /// summary (each part a line or more of the document's body).
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        Vec::new()
    }

    /// The front matter's prose that readers read, for the reading-level check; `None`
    /// leaves the record out of it (lists of dates, questions scored on their own pages).
    fn prose(&self) -> Option<Vec<&str>> {
        let summary = self.header().summary;
        Some(vec![summary])
    }

    /// Left out of the build unless drafts are asked for.
    fn is_draft(&self) -> bool {
        false
    }

    /// The fields a kind without a view of its own shows on its page (its row's
    /// `template` in `kind::KINDS`), as the template's `record`.
    fn fields(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}

fn lines<'a>(parts: impl IntoIterator<Item = &'a str>) -> Cow<'a, str> {
    Cow::Owned(parts.into_iter().collect::<Vec<_>>().join("\n"))
}

impl Describe for TierPage {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            readers: Some(Audience::Practitioner),
            tier: Some(self.tier),
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![
            Cow::Borrowed(&self.who_for),
            lines(self.interventions.iter().map(|i| i.text.as_str())),
        ]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        let fields = [self.summary.as_str(), self.who_for.as_str()];
        Some(
            fields
                .into_iter()
                .chain(self.interventions.iter().map(|i| i.text.as_str()))
                .collect(),
        )
    }
}

impl Describe for Offer {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: Some(self.reviewed),
            review_by: Some(self.review_by),
            readers: Some(Audience::Practitioner),
            tier: Some(self.tier),
            regions: &self.regions,
            cohorts: &self.eligibility.cohorts,
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![
            lines(self.support.iter().map(String::as_str)),
            Cow::Borrowed(&self.how_to_refer),
        ]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        let fields = [self.summary.as_str(), self.how_to_refer.as_str()];
        Some(
            fields
                .into_iter()
                .chain(self.support.iter().map(String::as_str))
                .collect(),
        )
    }
    fn is_draft(&self) -> bool {
        self.draft
    }
}

impl Describe for Partner {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.name),
            summary: &self.role,
            reviewed: Some(self.reviewed),
            review_by: Some(self.review_by),
            readers: Some(Audience::Practitioner),
            regions: &self.areas,
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![
            lines(self.contacts.iter().map(|c| c.role.as_str())),
            // The kind's words ("local housing authority"), whatever the theme calls it.
            Cow::Owned(self.kind.key().replace('_', " ")),
        ]
    }
    fn is_draft(&self) -> bool {
        self.draft
    }
}

impl Describe for Protocol {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            readers: Some(Audience::Practitioner),
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![lines(self.stages.iter().map(|s| s.title.as_str()))]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        let mut texts: Vec<&str> = vec![self.summary.as_str()];
        for stage in &self.stages {
            texts.push(&stage.title);
            texts.extend(stage.summary.as_deref());
            for step in &stage.steps {
                texts.push(&step.title);
                texts.extend(step.actions.iter().map(String::as_str));
                texts.extend(step.questions.iter().map(String::as_str));
                texts.extend(step.branches.iter().map(|b| b.condition.as_str()));
            }
        }
        Some(texts)
    }
    fn is_draft(&self) -> bool {
        self.draft
    }
}

impl Describe for Guidance {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            readers: Some(self.audience),
            audience: Some(self.audience),
            ..Header::default()
        }
    }
    fn is_draft(&self) -> bool {
        self.draft
    }
}

impl Describe for Page {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: self.summary.as_deref().unwrap_or_default(),
            reviewed: self.reviewed,
            review_by: self.review_by,
            ..Header::default()
        }
    }
    fn prose(&self) -> Option<Vec<&str>> {
        Some(self.summary.as_deref().into_iter().collect())
    }
    fn is_draft(&self) -> bool {
        self.draft
    }
}

impl Describe for Glossary {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed("Glossary"),
            ..Header::default()
        }
    }
    fn prose(&self) -> Option<Vec<&str>> {
        Some(self.terms.iter().map(|t| t.definition.as_str()).collect())
    }
}

impl Describe for Commitments {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            readers: Some(Audience::Practitioner),
            ..Header::default()
        }
    }
    fn prose(&self) -> Option<Vec<&str>> {
        Some(
            self.commitments
                .iter()
                .flat_map(|i| [i.recommendation.as_str(), i.response.as_str()])
                .collect(),
        )
    }
}

impl Describe for Chooser {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![lines(self.questions.iter().map(|q| q.question.as_str()))]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        None
    }
}

impl Describe for Planner {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.title),
            summary: &self.summary,
            reviewed: self.reviewed,
            review_by: self.review_by,
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![lines(self.service_levels.iter().map(|s| s.title.as_str()))]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        None
    }
}

impl Describe for BankHolidays {
    fn header(&self) -> Header<'_> {
        Header {
            title: Cow::Borrowed(&self.division),
            made: Some(Made::BankHolidays),
            ..Header::default()
        }
    }
    fn search_text(&self) -> Vec<Cow<'_, str>> {
        vec![lines(self.events.iter().map(|e| e.title.as_str()))]
    }
    fn prose(&self) -> Option<Vec<&str>> {
        None
    }
}
