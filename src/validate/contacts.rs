//! Contacts: a way to reach each one, addresses that are safe to link to, and the date the
//! details were checked.

use crate::diagnostic::{Code, Diagnostics};
use crate::model::{is_email, is_phone, Contact, IsoDate};
use crate::route::is_web_address;
use crate::source::Source;

pub(super) fn check_contacts(
    src: &Source,
    contacts: &[Contact],
    inherited: Option<IsoDate>,
    today: IsoDate,
    diags: &mut Diagnostics,
) {
    for (i, c) in contacts.iter().enumerate() {
        let path = format!("contacts[{i}]");
        if c.verified.or(inherited).is_none() {
            diags.push(
                src.report(
                    Code::UnverifiedContact,
                    &format!("{path}.role"),
                    format!("contact `{}` is not verified", c.role),
                )
                .with_help("check the details with the service, then add `verified: YYYY-MM-DD`"),
            );
        }
        if let Some(url) = &c.url {
            if !is_web_address(url) {
                diags.push(
                    src.report(Code::InvalidUrl, &format!("{path}.url"), format!("`{url}` is not a web address"))
                        .with_help("write the full address starting with https://, e.g. https://www.gov.uk/find-local-council"),
                );
            }
        }
        if let Some(email) = &c.email {
            if !is_email(email) {
                diags.push(
                    src.report(Code::InvalidEmail, &format!("{path}.email"), format!("`{email}` is not an email address"))
                        .with_help("write one address like team@example.gov.uk, with no spaces or extra fields"),
                );
            }
        }
        if let Some(phone) = &c.phone {
            if !is_phone(phone) {
                diags.push(
                    src.report(Code::InvalidPhone, &format!("{path}.phone"), format!("`{phone}` is not a phone number"))
                        .with_help("use digits, spaces and an optional leading +, e.g. \"0300 123 4567\"; put words in `notes`"),
                );
            }
        }
        if let Some(v) = c.verified {
            if v > today {
                diags.push(
                    src.report(
                        Code::FutureDate,
                        &format!("{path}.verified"),
                        format!("verified date {v} is in the future"),
                    )
                    .with_help("use the date the details were checked"),
                );
            }
        }
        if c.phone.is_none()
            && c.email.is_none()
            && c.address.is_none()
            && c.url.is_none()
            && c.notes.is_none()
        {
            diags.push(
                src.report(
                    Code::EmptyContact,
                    &path,
                    format!("contact `{}` gives no way to reach it", c.role),
                )
                .with_help("add a phone, email, address, url, or notes saying how to find it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_addresses_emails_and_numbers_pass() {
        assert!(is_web_address("https://www.gov.uk/find-local-council"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("JaVaScRiPt:alert(1)"));
        assert!(!is_web_address("www.gov.uk"));
        assert!(is_email("housing.options@example.gov.uk"));
        assert!(!is_email("a@b.org?bcc=x@evil.example"));
        assert!(!is_email("not an email"));
        assert!(is_phone("0300 123 4567"));
        assert!(is_phone("+44 (0)300 123-4567"));
        assert!(is_phone("101"));
        assert!(!is_phone("call the council"));
        assert!(!is_phone("0300\" onclick=\"x"));
    }
}
