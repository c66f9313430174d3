//! The typed content model. Everything here is plain data deserialised by serde with
//! unknown fields rejected; checks that span files live in `validate`.

mod chooser;
mod commitment;
mod contact;
mod date;
pub mod flow;
mod glossary;
mod guidance;
mod header;
mod offer;
mod partner;
mod planner;
mod protocol;
mod tier;

pub use chooser::{Answer, Chooser, Outcome, Question, MAX_ROUTES};
pub use commitment::{Commitment, Commitments, Status};
pub use contact::{is_email, is_phone, Contact};
pub use date::IsoDate;
pub use glossary::{Glossary, Term};
pub use guidance::{Audience, Guidance, Page};
pub use header::{Describe, Header};
pub use offer::{Eligibility, Gender, Offer};
pub use partner::{Partner, PartnerKind};
pub use planner::{BankHolidays, Holiday, Planner, ServiceLevel};
pub use protocol::{Anchor, Branch, Protocol, Relation, Stage, Step, Timing, Unit};
pub use tier::{Intervention, Tier, TierPage};
