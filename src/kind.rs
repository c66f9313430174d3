//! The content kinds, in one table: where each kind's files live and the address of its
//! pages, what search calls them, and which site-wide lists take them.
//!
//! Loading, link checks, the browse lists, both search engines and the feed read this
//! table instead of naming kinds themselves. Adding a kind is a variant of [`Kind`] and a
//! row of [`KINDS`] here, the record model in `model/`, a line of the `records!` table in
//! `content.rs` and a template (see `ARCHITECTURE.md`, "Adding a content kind").

/// The kind of a content file, decided by where it sits under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Home,
    Tier,
    Offer,
    Partner,
    Protocol,
    Guidance,
    Page,
    Glossary,
    Commitments,
    Chooser,
    Planner,
    BankHolidays,
}

/// Where the files of a kind live under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Every file in a folder (and the folders under it), published at `url` + slug + `/`.
    Folder {
        folder: &'static str,
        url: &'static str,
        /// YAML files as well as Markdown.
        yaml: bool,
    },
    /// One file at the top of `content/` (`stem.yaml` or `stem.yml`, or `stem.md`).
    File {
        stem: &'static str,
        markdown: bool,
        url: &'static str,
    },
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct KindRow {
    pub kind: Kind,
    pub place: Place,
    /// What search calls the record's own page, which both search engines then index;
    /// `None`: neither does (the home page lists other pages, the glossary and the
    /// commitments are searched term by term and item by item, the chooser is a tool).
    pub search: Option<DocKind>,
    /// Listed in the browse lists (A–Z, by kind, tier and region).
    pub browse: bool,
    /// In the Atom feed of new and updated pages.
    pub feed: bool,
    /// The fields a translation gives in its own language (`title`, `support[]` for a list
    /// of texts, `contacts[].role` in each item of a list); every other field is the
    /// structure it takes from the file it translates (`translation`).
    pub translatable: &'static [&'static str],
    /// A record makes several pages (the chooser's routes, the commitments by status, the
    /// planner's service levels), so an edit may add or remove pages.
    pub several_pages: bool,
    /// The template that renders each record's page, for a kind without a view of its own
    /// in `view/` (whose page then shows the record's fields as they are).
    pub template: Option<&'static str>,
}

/// Every kind, in the order pages are listed and searched.
pub const KINDS: &[KindRow] = &[
    KindRow {
        kind: Kind::Home,
        place: Place::File {
            stem: "index",
            markdown: true,
            url: "/",
        },
        search: None,
        browse: false,
        feed: false,
        translatable: &["title", "summary"],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Tier,
        place: Place::Folder {
            folder: "tiers",
            url: "/tiers/",
            yaml: true,
        },
        search: Some(DocKind::Tier),
        browse: true,
        feed: false,
        translatable: &["title", "summary", "who_for", "interventions[].text"],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Offer,
        place: Place::Folder {
            folder: "offers",
            url: "/offers/",
            yaml: true,
        },
        search: Some(DocKind::Offer),
        browse: true,
        feed: true,
        translatable: &[
            "title",
            "summary",
            "support[]",
            "how_to_refer",
            "eligibility.cohorts[]",
            "contacts[].role",
            "contacts[].notes",
            "contacts[].hours",
            "contacts[].address",
            "owner",
        ],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Partner,
        place: Place::Folder {
            folder: "partners",
            url: "/partners/",
            yaml: true,
        },
        search: Some(DocKind::Partner),
        browse: true,
        feed: false,
        translatable: &[
            "name",
            "role",
            "contacts[].role",
            "contacts[].notes",
            "contacts[].hours",
            "contacts[].address",
        ],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Protocol,
        place: Place::Folder {
            folder: "protocols",
            url: "/protocols/",
            yaml: true,
        },
        search: Some(DocKind::Protocol),
        browse: true,
        feed: false,
        translatable: &[
            "title",
            "summary",
            "stages[].title",
            "stages[].summary",
            "stages[].steps[].title",
            "stages[].steps[].lead[]",
            "stages[].steps[].actions[]",
            "stages[].steps[].questions[]",
            "stages[].steps[].branches[].condition",
        ],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Guidance,
        place: Place::Folder {
            folder: "guidance",
            url: "/guidance/",
            yaml: false,
        },
        search: Some(DocKind::Guidance),
        browse: true,
        feed: true,
        translatable: &["title", "summary"],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Page,
        place: Place::Folder {
            folder: "pages",
            url: "/",
            yaml: false,
        },
        search: Some(DocKind::Page),
        browse: true,
        feed: false,
        translatable: &["title", "summary"],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Glossary,
        place: Place::File {
            stem: "glossary",
            markdown: false,
            url: "/glossary/",
        },
        search: None,
        browse: false,
        feed: false,
        translatable: &["terms[].term", "terms[].aliases[]", "terms[].definition"],
        several_pages: false,
        template: None,
    },
    KindRow {
        kind: Kind::Commitments,
        place: Place::File {
            stem: "commitments",
            markdown: false,
            url: "/commitments/",
        },
        search: None,
        browse: true,
        feed: false,
        translatable: &[
            "title",
            "summary",
            "commitments[].recommendation",
            "commitments[].response",
            "commitments[].owner",
            "commitments[].progress",
        ],
        several_pages: true,
        template: None,
    },
    KindRow {
        kind: Kind::Chooser,
        place: Place::File {
            stem: "chooser",
            markdown: false,
            url: "/chooser/",
        },
        search: None,
        browse: true,
        feed: false,
        translatable: &[
            "title",
            "summary",
            "questions[].question",
            "questions[].hint",
            "questions[].answers[].answer",
            "outcomes[].text",
            "no_fit",
        ],
        several_pages: true,
        template: None,
    },
    KindRow {
        kind: Kind::Planner,
        place: Place::File {
            stem: "planner",
            markdown: false,
            url: "/planner/",
        },
        search: Some(DocKind::Page),
        browse: true,
        feed: false,
        translatable: &[
            "title",
            "summary",
            "service_levels_title",
            "service_levels_intro",
            "service_levels[].title",
            "service_levels[].text",
        ],
        several_pages: true,
        template: None,
    },
    KindRow {
        kind: Kind::BankHolidays,
        place: Place::File {
            stem: "bank-holidays",
            markdown: false,
            url: "/bank-holidays/",
        },
        search: Some(DocKind::Page),
        browse: true,
        feed: false,
        translatable: &["events[].title", "events[].notes"],
        several_pages: true,
        template: None,
    },
];

impl Kind {
    /// This kind's row of [`KINDS`].
    pub fn row(self) -> &'static KindRow {
        // The table is in the enum's order (a unit test holds it there).
        &KINDS[self as usize]
    }

    /// Classifies a path relative to `content/` (`/`-separated). `None` for files that are
    /// not content records (assets are copied; stray Markdown is warned about).
    pub fn of(rel: &str) -> Option<Kind> {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let (stem, ext) = name.rsplit_once('.')?;
        let markdown = ext == "md";
        let yaml = matches!(ext, "yaml" | "yml");
        if !(markdown || yaml) {
            return None;
        }
        let top = dir.split('/').next().unwrap_or("");
        KINDS
            .iter()
            .find(|row| match row.place {
                Place::Folder {
                    folder, yaml: y, ..
                } => top == folder && (markdown || y),
                Place::File {
                    stem: s,
                    markdown: m,
                    ..
                } => dir.is_empty() && stem == s && if m { markdown } else { yaml },
            })
            .map(|row| row.kind)
    }

    /// The URL a record of this kind with `slug` is published at.
    pub fn url(self, slug: &str) -> String {
        match self.row().place {
            Place::Folder { url, .. } => format!("{url}{slug}/"),
            Place::File { url, .. } => url.to_string(),
        }
    }

    /// The folder of a kind kept in a folder (`offers`), for messages and draft lookups.
    pub fn folder(self) -> Option<&'static str> {
        match self.row().place {
            Place::Folder { folder, .. } => Some(folder),
            Place::File { .. } => None,
        }
    }
}

/// What a search result is: a page of some kind, or a part of a page found on its own (a
/// protocol step, a glossary term, a commitment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum DocKind {
    Offer,
    Partner,
    Step,
    Protocol,
    Guidance,
    Glossary,
    Tier,
    #[default]
    Page,
    Commitment,
}

impl DocKind {
    /// Every search kind, in the order of the codes the tantivy index stores.
    pub const ALL: [DocKind; 9] = [
        DocKind::Offer,
        DocKind::Partner,
        DocKind::Step,
        DocKind::Protocol,
        DocKind::Guidance,
        DocKind::Glossary,
        DocKind::Tier,
        DocKind::Page,
        DocKind::Commitment,
    ];

    /// The name in filters and in the index (`?kind=offer`).
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Offer => "offer",
            DocKind::Partner => "partner",
            DocKind::Step => "step",
            DocKind::Protocol => "protocol",
            DocKind::Guidance => "guidance",
            DocKind::Glossary => "glossary",
            DocKind::Tier => "tier",
            DocKind::Page => "page",
            DocKind::Commitment => "commitment",
        }
    }

    /// How much a result of this kind counts, relative to how well its text matches.
    /// Short glossary entries otherwise crowd out the services and guidance people look for.
    pub fn weight(self) -> f32 {
        match self {
            DocKind::Offer => 1.4,
            DocKind::Partner => 1.2,
            DocKind::Step => 1.0,
            DocKind::Protocol => 1.1,
            DocKind::Guidance => 1.3,
            DocKind::Glossary => 0.8,
            DocKind::Tier => 1.3,
            DocKind::Page => 0.9,
            DocKind::Commitment => 0.8,
        }
    }

    /// Its place in [`DocKind::ALL`], the number the index stores.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_key(key: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum() {
        for (i, row) in KINDS.iter().enumerate() {
            assert_eq!(row.kind as usize, i, "{:?}", row.kind);
        }
        for (i, k) in DocKind::ALL.iter().enumerate() {
            assert_eq!(k.index(), i, "{k:?}");
        }
    }

    #[test]
    fn classifies_by_folder_and_file() {
        assert_eq!(Kind::of("offers/a.md"), Some(Kind::Offer));
        assert_eq!(Kind::of("offers/kent/a.yaml"), Some(Kind::Offer));
        assert_eq!(Kind::of("protocols/kent.yaml"), Some(Kind::Protocol));
        assert_eq!(Kind::of("index.md"), Some(Kind::Home));
        assert_eq!(Kind::of("index.yaml"), None);
        assert_eq!(Kind::of("glossary.yml"), Some(Kind::Glossary));
        assert_eq!(Kind::of("glossary.md"), None);
        assert_eq!(Kind::of("guidance/a.yaml"), None);
        assert_eq!(Kind::of("pages/about.md"), Some(Kind::Page));
        assert_eq!(Kind::of("images/a.png"), None);
        assert_eq!(Kind::of("misc/a.md"), None);
        assert_eq!(Kind::of("offers/README"), None);
        assert_eq!(Kind::Page.url("about"), "/about/");
        assert_eq!(Kind::BankHolidays.url(""), "/bank-holidays/");
    }
}
