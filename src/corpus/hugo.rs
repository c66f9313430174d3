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
"#;

const BASEOF: &str = r##"<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><p><a href="/">{{ site.Title }}</a></p>
<nav aria-label="Main"><ul>
<li><a href="/tiers/">Support tiers</a></li>
<li><a href="/offers/">Services</a></li>
<li><a href="/partners/">Partners</a></li>
<li><a href="/guidance/">Guidance</a></li>
<li><a href="/regions/">Areas</a></li>
</ul></nav></header>
{{ block "main" . }}{{ end }}
<footer><p>{{ site.Title }}. Synthetic content for benchmarks.</p></footer>
</body>
</html>
"##;

const SINGLE: &str = r##"{{ define "main" }}
<main id="main" data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Params.summary }}</p>
<dl>
{{ with .Params.tiers }}<dt>Tier</dt><dd>{{ range . }}<a href="/tiers/{{ . | urlize }}/">{{ . }} complexity</a>{{ end }}</dd>{{ end }}
{{ with .Params.regions }}<dt>Areas</dt><dd>{{ delimit . ", " }}</dd>{{ end }}
<dt>Reviewed</dt><dd>{{ .Date.Format "2 January 2006" }}</dd>
</dl>
{{ .Content }}
<div hidden>
<span data-pagefind-filter="kind">{{ .Params.kind }}</span>
{{- range .Params.tiers }}<span data-pagefind-filter="tier">{{ . }}</span>{{ end }}
{{- range .Params.regions }}<span data-pagefind-filter="region">{{ . }}</span>{{ end }}
</div>
</main>
{{ end }}
"##;

const LIST: &str = r##"{{ define "main" }}
<main id="main">
<h1>{{ .Title }}</h1>
<ul class="cards">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>
{{ end }}</ul>
</main>
{{ end }}
"##;

const HOME: &str = r##"{{ define "main" }}
<main id="main">
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
    out
}
