//! Contacts as Signpost keeps them: a role, and a phone number or email it can show.

use super::ImportReport;
use crate::openreferral::hsds::Contact as HsdsContact;
use serde::Serialize;

/// A contact Signpost can show: its role, and a phone or an email to reach it.
#[derive(Debug, Serialize)]
pub(super) struct ContactOut {
    role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<String>,
}

pub(super) fn contacts_of(
    contacts: &[HsdsContact],
    file: &str,
    at: &str,
    report: &mut ImportReport,
) -> Vec<ContactOut> {
    let mut out = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        let at = format!("{at}.contacts[{i}]");
        report.unplaced_fields(file, &at, &c.other);
        // A role, not a person: the job title or department before a name.
        let role = [&c.title, &c.department, &c.name]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .cloned();
        if c.name.is_some() && role != c.name {
            report.unplaced.push(format!(
                "{file}: {at}.name: a person's name; Signpost lists contacts by role ({})",
                role.as_deref().unwrap_or_default()
            ));
        }
        for (j, _) in c.phones.iter().enumerate().skip(1) {
            report.unplaced.push(format!(
                "{file}: {at}.phones[{j}]: Signpost keeps one phone number a contact"
            ));
        }
        let phone = c.phones.first();
        if let Some(p) = phone {
            report.unplaced_fields(file, &format!("{at}.phones[0]"), &p.other);
        }
        // Numbers as people write them; a feed's stray quotes are not part of one.
        let number = phone.map(|p| p.number.trim().trim_matches(['"', '\'']).trim().to_string());
        let number = number.filter(|n| {
            let ok = crate::model::is_phone(n);
            if !ok {
                report.unplaced.push(format!(
                    "{file}: {at}.phones[0].number: `{n}` is not a phone number Signpost can show"
                ));
            }
            ok
        });
        let email = c.email.clone().filter(|e| {
            let ok = crate::model::is_email(e);
            if !ok {
                report.unplaced.push(format!(
                    "{file}: {at}.email: `{e}` is not one plain address"
                ));
            }
            ok
        });
        let contact = ContactOut {
            role: role.unwrap_or_default(),
            phone: number,
            email,
            hours: phone.and_then(|p| p.description.clone()),
        };
        if contact.role.is_empty() || (contact.phone.is_none() && contact.email.is_none()) {
            report.unplaced.push(format!(
                "{file}: {at}: left out: a contact needs a name or title and a phone number or email"
            ));
            continue;
        }
        out.push(contact);
    }
    out
}
