//! The corpus as a Hugo site: the same pages (title, summary, tier, regions, body) with
//! plain layouts that render what Signpost's pages show of them — a header and
//! navigation, the page in a `<main>` marked for Pagefind with the same filters, list
//! pages for each section, tier and region — so that Hugo followed by the Pagefind CLI can
//! be compared with `signpost build` on equal terms.

use super::words::Words;
use super::{for_each_entry, write_file, Entry, Plan, Section};
use std::io;
use std::path::Path;

const CONFIG: &str = r#"baseURL = "https://bench.example.org/"
title = "Synthetic directory"
languageCode = "en-gb"
# Signpost writes one feed for the site; Hugo's default writes one per list page.
disableKinds = ["RSS"]

[taxonomies]
tier = "tiers"
region = "regions"

# "Related services", as Signpost's offer pages show them: Hugo's related content.
[related]
includeNewer = true
threshold = 80
toLower = true
[[related.indices]]
name = "keywords"
weight = 100
[[related.indices]]
name = "tiers"
weight = 60
[[related.indices]]
name = "regions"
weight = 40
"#;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="wrap"><p class="site-title"><a href="/">{{ site.Title }}</a></p></div>
<nav class="site-nav" aria-label="Main"><ul class="wrap">
<li><a href="/tiers/">Support tiers</a></li>
<li><a href="/offers/">Services</a></li>
<li><a href="/partners/">Partners</a></li>
<li><a href="/regions/">Areas</a></li>
<li><a href="/guidance/">Guidance</a></li>
</ul></nav></header>
{{ if not .IsHome }}<nav class="breadcrumbs" aria-label="Breadcrumb"><ol class="wrap">
<li><a href="/">Home</a></li>
{{ with .Parent }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}
<li aria-current="page">{{ .Title }}</li>
</ol></nav>{{ end }}
{{ block "main" . }}{{ end }}
<footer class="site-footer"><div class="wrap"><p class="footer-title">{{ site.Title }}</p>
<p class="footer-note">Contact details change. Check them before you share them, and tell the site team if something is wrong.</p></div></footer>
</body>
</html>
"##;

const CARD: &str = r##"<li><article class="card">
<h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p>{{ .Params.summary }}</p>
<dl class="facts facts-compact">
{{ range .Params.tiers }}<div><dt>Tier</dt><dd><span class="badge badge-tier-{{ . }}">{{ . }} complexity</span></dd></div>{{ end }}
{{ with .Params.provider }}{{ with site.GetPage (printf "/partners/%s" .) }}<div><dt>Provider</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd></div>{{ end }}{{ end }}
{{ with .Params.regions }}<div><dt>Areas</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}
</dl>
</article></li>
"##;

const SINGLE: &str = r##"{{ define "main" }}
<main id="main" class="wrap" data-pagefind-body>
<div class="page-header">
{{ range .Params.tiers }}<p class="kicker"><span class="badge badge-tier-{{ . }}">{{ . }} complexity</span></p>{{ end }}
<h1>{{ .Title }}</h1>
<p class="review-dates" data-pagefind-ignore>Last reviewed: <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
<p class="lead">{{ .Params.summary }}</p>
</div>
<section class="contacts" id="contacts" aria-labelledby="contacts-heading">
<h2 id="contacts-heading">Contacts</h2>
<p>No contact details are listed here yet. Ask your probation practitioner or use the help section below.</p>
</section>
<section aria-labelledby="facts-heading">
<h2 id="facts-heading">About this page</h2>
<dl class="facts">
{{ range .Params.tiers }}<div><dt>Tier</dt><dd><a href="/tiers/{{ . | urlize }}/">{{ . }} complexity</a></dd></div>{{ end }}
{{ with .Params.provider }}{{ with site.GetPage (printf "/partners/%s" .) }}<div><dt>Provided by</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd></div>{{ end }}{{ end }}
{{ with .Params.regions }}<div><dt>Areas</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}
{{ with .Params.sessions }}<div><dt>Average number of sessions</dt><dd>{{ . }}</dd></div>{{ end }}
{{ with .Params.owner }}<div><dt>Owned by</dt><dd>{{ . }}</dd></div>{{ end }}
</dl>
</section>
{{ with .Params.support }}<section aria-labelledby="support-heading">
<h2 id="support-heading">What support you get</h2>
<ul class="bullets">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>
</section>{{ end }}
{{ with .Params.how_to_refer }}<section aria-labelledby="refer-heading">
<h2 id="refer-heading">How to refer</h2>
<p>{{ . }}</p>
</section>{{ end }}
<div class="prose">
{{ .Content }}
</div>
{{ if eq .Section "offers" }}{{ with first 3 (site.RegularPages.Related .) }}<section aria-labelledby="related-heading">
<h2 id="related-heading">Related services</h2>
<ul class="card-list">{{ range . }}{{ partial "card.html" . }}{{ end }}</ul>
</section>{{ end }}{{ end }}
<div hidden>
<span data-pagefind-filter="kind">{{ .Params.kind }}</span>
{{- range .Params.tiers }}<span data-pagefind-filter="tier">{{ . }}</span>{{ end }}
{{- range .Params.regions }}<span data-pagefind-filter="region">{{ . }}</span>{{ end }}
</div>
</main>
{{ end }}
"##;

const LIST: &str = r##"{{ define "main" }}
<main id="main" class="wrap">
<div class="page-header"><h1>{{ .Title }}</h1></div>
<ul class="card-list">
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</ul>
</main>
{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}
<main id="main" class="wrap">
<h1>{{ site.Title }}</h1>
<ul class="cards">
{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} pages)</li>
{{ end }}</ul>
</main>
{{ end }}
"##;

const CSS: &str =
    "body{font-family:sans-serif;line-height:1.5;max-width:40em;margin:0 auto;padding:0 1em}\n";

pub(super) fn write(dir: &Path, pages: usize) -> io::Result<usize> {
    write_file(dir, "hugo.toml", CONFIG)?;
    write_file(dir, "layouts/_default/baseof.html", BASEOF)?;
    write_file(dir, "layouts/_default/single.html", SINGLE)?;
    write_file(dir, "layouts/_default/list.html", LIST)?;
    write_file(dir, "layouts/index.html", HOME)?;
    write_file(dir, "layouts/partials/card.html", CARD)?;
    write_file(dir, "static/style.css", CSS)?;
    let plan = Plan::new(pages);
    let mut w = Words::new(42);
    let mut files = 0;
    for_each_entry(&plan, &mut w, |e| {
        files += 1;
        write_file(
            dir,
            &format!("content/{}/{}.md", e.section.folder(), e.slug),
            &format!("---\n{}---\n{}", front_matter(&e), e.body),
        )
    })?;
    Ok(files)
}

fn front_matter(e: &Entry) -> String {
    let kind = match e.section {
        Section::Partners => "Partner",
        Section::Offers => "Service",
        Section::Guidance => "Guidance",
    };
    let mut out = format!(
        "title: \"{}\"\nsummary: \"{}\"\ndate: {}\nkind: {kind}\n",
        e.title, e.summary, e.reviewed
    );
    if let Some(t) = e.tier {
        out.push_str(&format!("tiers: [{t}]\n"));
    }
    if !e.regions.is_empty() {
        out.push_str(&format!("regions: [{}]\n", e.regions.join(", ")));
    }
    if let Some(p) = e.provider {
        let (support, how_to_refer) = super::offer_details(e.index);
        out.push_str(&format!(
            "provider: partner-{p}\nsupport: [{}]\nhow_to_refer: {how_to_refer}\nsessions: 4\nowner: Bench team\n",
            support.join(", ")
        ));
    }
    // Hugo relates pages by shared keywords: the words of the title.
    out.push_str(&format!(
        "keywords: [{}]\n",
        e.title
            .split_whitespace()
            .skip(2)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}
