//! `signpost new`: starts a content file that already passes `check`.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum NewKind {
    Offer,
    Partner,
    Protocol,
    Guidance,
}

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("`{0}` is not a valid slug: use lower-case letters, digits and hyphens, e.g. `night-shelter`")]
    BadSlug(String),
    #[error("{0} already exists; choose another name")]
    Exists(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes the new file and returns its path.
pub fn create(root: &Path, kind: NewKind, slug: &str) -> Result<PathBuf, ScaffoldError> {
    if !crate::route::is_valid_slug(slug) {
        return Err(ScaffoldError::BadSlug(slug.to_string()));
    }
    let today = crate::validate::today();
    // An offer must name an existing partner to pass `check`; use the first one.
    let provider = first_slug(&root.join("content/partners")).unwrap_or_else(|| "CHANGE-ME".into());
    let next = today.0.saturating_add(jiff::Span::new().months(6));
    let (dir, ext, text) = match kind {
        NewKind::Offer => (
            "offers",
            "md",
            format!(
                "---
title: New offer
tier: low
provider: {provider}
regions: [England]
eligibility:
  cohorts: [Adults on probation]
summary: One or two sentences saying what this service does.
support: [What the service helps with]
how_to_refer: How a practitioner refers someone.
owner: The team responsible for this entry
reviewed: {today}
review_by: {next}
---
## What happens

Describe the journey from referral to the final session.
"
            ),
        ),
        NewKind::Partner => (
            "partners",
            "md",
            format!(
                "---
name: New partner
kind: other
role: What this organisation does, in one or two sentences.
areas: [England]
contacts:
  - role: Main contact team
    notes: How to find or reach this team.
reviewed: {today}
review_by: {next}
---
## What they do at each stage
"
            ),
        ),
        NewKind::Protocol => (
            "protocols",
            "yaml",
            format!(
                "title: New protocol
summary: What this protocol is for.
reviewed: {today}
review_by: {next}
stages:
  - id: first-stage
    title: First stage
    steps:
      - id: first-step
        title: First step
        lead: [Probation practitioner]
        timing: {{ anchor: referral, relation: after, max: 5, unit: working_days }}
        actions: [What to do]
"
            ),
        ),
        NewKind::Guidance => (
            "guidance",
            "md",
            format!(
                "---
title: New guidance
audience: practitioner
summary: One sentence saying what this page helps with.
reviewed: {today}
review_by: {next}
---
## First section
"
            ),
        ),
    };
    let folder = root.join("content").join(dir);
    std::fs::create_dir_all(&folder).map_err(|e| ScaffoldError::Io(folder.clone(), e))?;
    let path = folder.join(format!("{slug}.{ext}"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.clone()),
            _ => ScaffoldError::Io(path.clone(), e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| ScaffoldError::Io(path.clone(), e))?;
    Ok(path)
}

fn first_slug(dir: &Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !crate::route::is_ignored(n) && (n.ends_with(".md") || n.ends_with(".yaml")))
        .collect();
    names.sort();
    names.first().map(|n| crate::route::slug_of(n))
}
