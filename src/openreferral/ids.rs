//! Open Referral ids: UUIDs that stay the same from build to build for the same record.
//! A record's id is a UUIDv5 of its folder and file name (`offers/low-accommodation`) in a
//! namespace made from the site's `base_url`, unless its front matter gives one
//! (`openreferral_id`, kept from an imported feed). The ids of what hangs off a record
//! (contacts, phones, areas, attributes) are UUIDv5s of their place in it, in the
//! record's own id as namespace, so they follow the record's id.

use uuid::Uuid;

/// The namespace of a site's ids.
#[derive(Debug, Clone, Copy)]
pub struct Ids {
    site: Uuid,
}

impl Ids {
    pub fn for_site(base_url: &str) -> Ids {
        Ids {
            site: Uuid::new_v5(&Uuid::NAMESPACE_URL, base_url.as_bytes()),
        }
    }

    /// A record's id: the one it gives, or one made from its folder and slug.
    pub fn record(&self, folder: &str, slug: &str, given: Option<&str>) -> Uuid {
        given
            .and_then(|g| Uuid::parse_str(g).ok())
            .unwrap_or_else(|| self.of(&format!("{folder}/{slug}")))
    }

    /// The id of something the site makes once (a taxonomy, a term of one).
    pub fn of(&self, name: &str) -> Uuid {
        Uuid::new_v5(&self.site, name.as_bytes())
    }
}

/// The id of a part of a record (`contacts/0`, `contacts/0/phones/0`).
pub fn part(record: Uuid, place: &str) -> Uuid {
    Uuid::new_v5(&record, place.as_bytes())
}

/// Whether `text` is a UUID as HSDS writes them (hyphenated).
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36 && Uuid::parse_str(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_the_site_and_the_record_only() {
        let a = Ids::for_site("https://a.example");
        let b = Ids::for_site("https://b.example");
        let one = a.record("offers", "low", None);
        assert_eq!(one, a.record("offers", "low", None));
        assert_ne!(one, b.record("offers", "low", None));
        assert_ne!(one, a.record("partners", "low", None));
        assert_eq!(one.get_version_num(), 5);
        let given = "ac148810-d857-441c-9679-408f346de14b";
        assert_eq!(a.record("offers", "low", Some(given)).to_string(), given);
        assert_ne!(part(one, "contacts/0"), part(one, "contacts/1"));
        assert!(is_uuid(given) && !is_uuid("low") && !is_uuid(&given.replace('-', "")));
    }
}
