//! One page to render ([`PageJob`]): its URL, template and context, made only when the
//! page renders, and what it shows ([`Dep`]) so `serve` knows which pages an edit touches.

use crate::content::Record;
use crate::model::IsoDate;
use crate::route::{made, Kind};
use crate::wording::{DateWording, Made, Wording};
use serde::Serialize;
use serde_json::Value;

use super::context::{self, PageContext, Rendered};

/// One page to render: its URL, template, the page-specific context, and the content
/// file it comes from (named in template errors).
pub struct PageJob<'a> {
    pub url: String,
    pub template: &'static str,
    pub title: String,
    pub summary: Option<String>,
    /// A page the site makes itself: its title and summary come from the theme's wording
    /// when it renders (see [`PageJob::made`]).
    pub made: Option<Made>,
    /// The pages above this one, after the home page; `None`: no breadcrumbs (the home
    /// page itself).
    breadcrumbs: Option<Vec<(Name, String)>>,
    pub reviewed: Option<IsoDate>,
    pub review_by: Option<IsoDate>,
    pub source_file: Option<String>,
    /// Makes the page's context (a [`PageContext`]), only when the page renders, so that
    /// ten thousand contexts never sit in memory at once.
    make: MakeContext<'a>,
    /// Listed in the sitemap (not the 404 page).
    pub in_sitemap: bool,
    /// Indexed by both search engines: the page of a record whose kind search takes as a
    /// page (`search` in `kind::KINDS`), set by `view::pages_where`. Lists, tools, copies
    /// filtered by status and the 404 page are not: a match there would only repeat the
    /// pages they list.
    pub searchable: bool,
    /// The records this page shows, beyond the parts every page shares (navigation,
    /// footer, site settings). `serve` re-renders a page when one of them changes.
    pub deps: Vec<Dep>,
}

/// Something a page is made from, so an edit re-renders exactly the pages it shows on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dep {
    /// The record at this URL, whether or not it exists yet: its own page, or its name
    /// and summary shown on another page.
    Url(String),
    /// Which records of this kind exist and their front matter: a list of them, or a
    /// title shown on many pages (a tier's).
    Kind(Kind),
}

type MakeContext<'a> = Box<dyn Fn(&dyn Entries) -> Value + Send + Sync + 'a>;

/// A context as Tera takes it. The context types serialise to JSON objects with string
/// keys, which cannot fail.
pub(super) fn to_value(context: impl Serialize) -> Value {
    serde_json::to_value(context).unwrap_or_default()
}

/// An entry of a list, rendered on its own by a template of the theme's `views/` folder,
/// so that a card shown on many lists is rendered once, and a list page is put together
/// from entries already rendered (`serve` keeps them between edits: retitling one service
/// re-renders one card, not the five thousand on `/offers/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// `views/offer_card.html`: a service's card, its title a heading of this level.
    OfferCard { level: u8 },
    /// `views/browse_item.html`: one line of a browse list.
    BrowseItem,
}

impl View {
    pub fn template(self) -> &'static str {
        match self {
            View::OfferCard { .. } => "views/offer_card.html",
            View::BrowseItem => "views/browse_item.html",
        }
    }
}

/// Renders list entries for page contexts (see [`View`]); the renderer remembers them.
pub trait Entries: Sync {
    /// The theme's words, for parts of a context made when the page renders.
    fn wording(&self) -> &Wording;

    /// The HTML of `view` for the record at `url`, for the page's context. `deps` lists
    /// what the entry shows and `context` makes the view's context (its
    /// [`context::OfferCardView`] or [`context::BrowseItemView`]); both are called only
    /// when the entry is not remembered.
    fn entry(
        &self,
        view: View,
        url: &str,
        deps: &dyn Fn() -> Vec<Dep>,
        context: &dyn Fn() -> Value,
    ) -> Rendered;
}

/// A date for a template: as written in content, and in words with the theme's names of
/// the months.
pub(super) fn date(d: Option<IsoDate>, words: &DateWording) -> Option<context::Date> {
    d.map(|d| context::Date {
        iso: d.iso(),
        display: words.display(d),
    })
}

pub(super) fn link(title: &str, url: &str) -> context::Link {
    context::Link {
        title: title.to_string(),
        url: url.to_string(),
    }
}

/// A breadcrumb: a page the site makes (named by the wording), or any page by its title.
pub(super) enum Crumb<'c> {
    Made(Made),
    Link(&'c str, &'c str),
}

/// A name known now, or one the wording gives when the page renders.
#[derive(Debug, Clone)]
enum Name {
    Text(String),
    Made(Made),
}

impl Name {
    fn resolve(&self, wording: &Wording) -> String {
        match self {
            Name::Text(t) => t.clone(),
            Name::Made(m) => wording.pages.of(*m).name.clone(),
        }
    }
}

/// The address of a page the site makes, for breadcrumbs.
pub(super) fn made_url(page: Made) -> &'static str {
    match page {
        Made::Home | Made::NotFound | Made::BankHolidays => "/",
        Made::Tiers => made::TIERS,
        Made::Offers => made::OFFERS,
        Made::Partners => made::PARTNERS,
        Made::Protocols => made::PROTOCOLS,
        Made::Guidance => made::GUIDANCE,
        Made::Glossary => made::GLOSSARY,
        Made::Commitments => made::COMMITMENTS,
        Made::Search => made::SEARCH,
        Made::BrowseAToZ => made::BROWSE_A_Z,
        Made::BrowseTiers => made::BROWSE_TIERS,
        Made::BrowseRegions => made::BROWSE_REGIONS,
        Made::BrowseKinds => made::BROWSE_KINDS,
    }
}

impl<'a> PageJob<'a> {
    /// A page the site makes itself, its title and summary from the wording. For the bank
    /// holidays page `fill` is the region its title names.
    pub(super) fn made<C: PageContext>(
        url: impl Into<String>,
        page: Made,
        fill: &str,
        make: impl Fn(&dyn Entries) -> C + Send + Sync + 'a,
    ) -> Self {
        let mut job = PageJob::new(url, fill, make);
        job.made = Some(page);
        job
    }

    /// A page rendered by the template of its context's type, the context made by `make`
    /// when the page renders.
    pub(super) fn new<C: PageContext>(
        url: impl Into<String>,
        title: impl Into<String>,
        make: impl Fn(&dyn Entries) -> C + Send + Sync + 'a,
    ) -> Self {
        PageJob {
            url: url.into(),
            template: C::TEMPLATE,
            title: title.into(),
            summary: None,
            made: None,
            breadcrumbs: None,
            reviewed: None,
            review_by: None,
            source_file: None,
            make: Box::new(move |entries| to_value(make(entries))),
            in_sitemap: true,
            searchable: false,
            deps: Vec::new(),
        }
    }

    /// Records that this page shows (see [`Dep`]).
    pub(super) fn shows(mut self, deps: impl IntoIterator<Item = Dep>) -> Self {
        self.deps.extend(deps);
        self
    }

    /// The pages above this one (the home page comes first by itself).
    pub(super) fn crumbs(mut self, crumbs: &[Crumb]) -> Self {
        self.breadcrumbs = Some(
            crumbs
                .iter()
                .map(|c| match c {
                    Crumb::Made(m) => (Name::Made(*m), made_url(*m).to_string()),
                    Crumb::Link(t, u) => (Name::Text(t.to_string()), u.to_string()),
                })
                .collect(),
        );
        self
    }

    pub(super) fn from<T>(mut self, r: &Record<T>) -> Self {
        self.source_file = Some(r.source.file.clone());
        self.deps.push(Dep::Url(r.url.clone()));
        self
    }

    pub(super) fn dates(mut self, reviewed: Option<IsoDate>, review_by: Option<IsoDate>) -> Self {
        self.reviewed = reviewed;
        self.review_by = review_by;
        self
    }

    /// The page-specific context (without `site`, `nav`, `help` and `page`), its lists'
    /// entries rendered by `entries`.
    pub fn context(&self, entries: &dyn Entries) -> Value {
        (self.make)(entries)
    }

    pub(super) fn summary(mut self, s: Option<&str>) -> Self {
        self.summary = s.map(str::to_string);
        self
    }

    /// The `page` object every template gets, with the words of `wording`.
    pub fn page_value(&self, wording: &Wording) -> context::Page {
        let crumbs: Vec<context::Link> = match &self.breadcrumbs {
            None => Vec::new(),
            Some(list) => std::iter::once(link(&wording.pages.home.name, "/"))
                .chain(list.iter().map(|(n, u)| link(&n.resolve(wording), u)))
                .collect(),
        };
        let (title, summary) = match self.made {
            Some(page) => {
                let words = wording.pages.of(page);
                let title = words.title_with(&self.title);
                (title, words.summary().map(str::to_string))
            }
            None => (self.title.clone(), self.summary.clone()),
        };
        context::Page {
            url: self.url.clone(),
            title,
            summary,
            breadcrumbs: crumbs,
            reviewed: date(self.reviewed, &wording.dates),
            review_by: date(self.review_by, &wording.dates),
            template: self.template.to_string(),
            searchable: self.searchable,
        }
    }
}
