//! Where a model comes from, carried in its file (schema version 4 on): the
//! models of one family (an original, its exports, the copies made of them
//! in other browsers) share a lineage id; a file says which version it was
//! exported as, and the versions it descends from. With that, a file that
//! comes back is recognized, and the newest version both sides have is the
//! base of a three-way merge.
//!
//! A model without a lineage (made before version 4, or new) is its own
//! family: its lineage id is its model id, which is also what its earlier
//! exports carry, so those are recognized too.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::limits::MAX_ANCESTORS;
use super::types::{Id, Model};
use super::versions::{Version, Why};

/// A model's place in its family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lineage {
    /// Shared by every copy and export of one model.
    pub id: Id,
    /// The version this file was exported as (only in exported files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Stamp>,
    /// The versions this model descends from (exported from it, or
    /// received into it), oldest first, the newest [`MAX_ANCESTORS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub based_on: Vec<Stamp>,
}

/// One version of a model, as files name it: its id and when it was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Stamp {
    pub id: Id,
    pub at: DateTime<Utc>,
}

/// `a` and `b` together, each version once, oldest first, the newest
/// [`MAX_ANCESTORS`].
fn joined(a: &[Stamp], b: &[Stamp]) -> Vec<Stamp> {
    let mut all: Vec<Stamp> = Vec::with_capacity(a.len() + b.len());
    for s in a.iter().chain(b) {
        if !all.iter().any(|x| x.id == s.id) {
            all.push(s.clone());
        }
    }
    all.sort_by_key(|x| x.at);
    let cut = all.len().saturating_sub(MAX_ANCESTORS);
    all.split_off(cut)
}

impl Model {
    /// The id shared by this model's family.
    pub fn lineage_id(&self) -> &str {
        self.lineage.as_ref().map_or(&self.id, |l| &l.id)
    }

    /// The version this model was exported as, when it is a file's.
    pub fn exported_as(&self) -> Option<&Stamp> {
        self.lineage.as_ref().and_then(|l| l.version.as_ref())
    }

    /// The versions this model descends from, oldest first.
    pub fn based_on(&self) -> &[Stamp] {
        self.lineage.as_ref().map_or(&[], |l| &l.based_on)
    }

    /// The model as written to a file exported as version `version`; it
    /// descends from what this one does and from `own`, the versions of it
    /// kept in this browser.
    pub fn stamped(&self, version: Stamp, own: &[Stamp]) -> Model {
        let mut m = self.clone();
        m.lineage = Some(Lineage {
            id: self.lineage_id().to_string(),
            based_on: joined(self.based_on(), own),
            version: Some(version),
        });
        m
    }

    /// The lineage this model keeps after `theirs` (a file of its family)
    /// arrived in it, by import or merge: the family, and descending from
    /// what both did, and from the version the file was exported as.
    pub fn received(&mut self, theirs: &Model) {
        let mut from_theirs = theirs.based_on().to_vec();
        from_theirs.extend(theirs.exported_as().cloned());
        self.lineage = Some(Lineage {
            id: theirs.lineage_id().to_string(),
            version: None,
            based_on: joined(self.based_on(), &from_theirs),
        });
    }

    /// This model's lineage as a working copy of `of` (not a file): the
    /// same family and ancestors, and no "exported as".
    pub fn keep_lineage(&mut self, of: &Model) {
        self.lineage = Some(Lineage {
            id: of.lineage_id().to_string(),
            version: None,
            based_on: of.based_on().to_vec(),
        });
    }
}

/// How a file of a model's family stands to the versions of that model
/// kept in this browser, for the words of [`told`].
#[derive(Clone, Debug, PartialEq)]
pub enum Kinship {
    /// The file is a version kept here (exported from here, unchanged).
    KeptHere { version: Version },
    /// The file descends from a version kept here, the newest such: the
    /// base of a merge.
    BasedOnKept {
        exported: Option<DateTime<Utc>>,
        base: Version,
    },
    /// Of the family, but neither it nor any version it descends from is
    /// kept here (the base of a merge has to be chosen).
    Unknown { exported: Option<DateTime<Utc>> },
}

impl Kinship {
    /// The version to merge against, when it is known.
    pub fn base(&self) -> Option<&Version> {
        match self {
            Kinship::KeptHere { version } => Some(version),
            Kinship::BasedOnKept { base, .. } => Some(base),
            Kinship::Unknown { .. } => None,
        }
    }
}

/// How `theirs`, of the same family as a model whose kept versions are
/// `kept`, stands to it.
pub fn kinship(theirs: &Model, kept: &[Version]) -> Kinship {
    let find = |s: &Stamp| kept.iter().find(|k| k.id == s.id).cloned();
    let exported = theirs.exported_as().map(|s| s.at);
    if let Some(version) = theirs.exported_as().and_then(find) {
        return Kinship::KeptHere { version };
    }
    match theirs.based_on().iter().rev().find_map(find) {
        Some(base) => Kinship::BasedOnKept { exported, base },
        None => Kinship::Unknown { exported },
    }
}

/// A day in words: "3 December 2026".
pub fn day_words(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// The kinship in one sentence, naming the local model (`mine`): "A later
/// version of “Client A”, exported on 3 December 2026, based on the
/// version you sent on 28 November 2026." `day` turns a time into the
/// person's calendar day.
pub fn told(kinship: &Kinship, mine: &str, day: impl Fn(DateTime<Utc>) -> NaiveDate) -> String {
    let on = |at: Option<DateTime<Utc>>| {
        at.map(|at| format!(", exported on {}", day_words(day(at))))
            .unwrap_or_default()
    };
    match kinship {
        Kinship::KeptHere { version } => format!(
            "The version of \u{201c}{mine}\u{201d} exported from here on {}, unchanged since.",
            day_words(day(version.at))
        ),
        Kinship::BasedOnKept { exported, base } => {
            let when = day_words(day(base.at));
            let which = match base.why {
                Why::Exported => format!("the version you sent on {when}"),
                Why::Received => format!("the version you received on {when}"),
                _ => format!("the version kept here as \u{201c}{}\u{201d} on {when}", base.title()),
            };
            format!(
                "A later version of \u{201c}{mine}\u{201d}{}, based on {which}.",
                on(*exported)
            )
        }
        Kinship::Unknown { exported } => format!(
            "A version of \u{201c}{mine}\u{201d}{}; none of the versions it comes from is kept in this browser, so a merge needs you to choose the base.",
            on(*exported)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap()
    }

    fn stamp(id: &str, d: u32) -> Stamp {
        Stamp {
            id: id.into(),
            at: at(d),
        }
    }

    fn kept(id: &str, d: u32, why: Why) -> Version {
        Version::of(
            &Model::new("m".into(), "M", at(1)),
            id.into(),
            why,
            at(d),
            10,
        )
    }

    fn utc_day(t: DateTime<Utc>) -> NaiveDate {
        t.date_naive()
    }

    #[test]
    fn a_model_without_lineage_is_its_own_family() {
        let m = Model::new("m1".into(), "A", at(1));
        assert_eq!(m.lineage_id(), "m1");
        assert_eq!(m.exported_as(), None);
        assert!(m.based_on().is_empty());
    }

    #[test]
    fn an_export_names_its_version_and_what_it_descends_from() {
        let mut m = Model::new("m1".into(), "A", at(1));
        m.lineage = Some(Lineage {
            id: "family".into(),
            version: None,
            based_on: vec![stamp("v0", 1)],
        });
        let file = m.stamped(stamp("v2", 3), &[stamp("v1", 2), stamp("v0", 1)]);
        assert_eq!(file.lineage_id(), "family");
        assert_eq!(file.exported_as(), Some(&stamp("v2", 3)));
        assert_eq!(file.based_on(), &[stamp("v0", 1), stamp("v1", 2)]);
        // The working model is not changed by exporting it.
        assert_eq!(m.exported_as(), None);
    }

    #[test]
    fn the_ancestors_are_bounded_newest_kept() {
        let m = Model::new("m1".into(), "A", at(1));
        let own: Vec<Stamp> = (1..=MAX_ANCESTORS as u32 + 3)
            .map(|d| stamp(&format!("v{d}"), d))
            .collect();
        let file = m.stamped(stamp("now", 28), &own);
        assert_eq!(file.based_on().len(), MAX_ANCESTORS);
        assert_eq!(file.based_on()[0].id, "v4");
    }

    #[test]
    fn receiving_a_file_descends_from_its_version() {
        let sent = Model::new("consultant".into(), "A", at(1)).stamped(stamp("v1", 2), &[]);
        let mut copy = sent.clone();
        copy.id = "client".into();
        copy.received(&sent);
        assert_eq!(copy.lineage_id(), "consultant");
        assert_eq!(copy.based_on(), &[stamp("v1", 2)]);
        assert_eq!(copy.exported_as(), None);
        // A file that does not say its version adds nothing.
        let old = Model::new("consultant".into(), "A", at(1));
        copy.received(&old);
        assert_eq!(copy.based_on(), &[stamp("v1", 2)]);
    }

    #[test]
    fn a_copy_keeps_the_family() {
        let m = Model::new("m1".into(), "A", at(1));
        let copy = m.duplicate("m2".into(), at(2));
        assert_eq!(copy.lineage_id(), "m1");
    }

    #[test]
    fn kinship_finds_the_file_or_its_newest_kept_ancestor() {
        let here = [
            kept("v1", 2, Why::Exported),
            kept("v3", 5, Why::Exported),
            kept("x", 6, Why::Named),
        ];
        let original = Model::new("m".into(), "A", at(1));
        let mine_again = original.stamped(stamp("v3", 5), &[]);
        assert_eq!(
            kinship(&mine_again, &here),
            Kinship::KeptHere {
                version: here[1].clone()
            }
        );
        let mut theirs = original.clone();
        theirs.lineage = Some(Lineage {
            id: "m".into(),
            version: Some(stamp("c1", 7)),
            based_on: vec![stamp("v1", 2), stamp("v3", 5), stamp("c0", 6)],
        });
        let found = kinship(&theirs, &here);
        assert_eq!(
            found,
            Kinship::BasedOnKept {
                exported: Some(at(7)),
                base: here[1].clone()
            }
        );
        assert_eq!(found.base().map(|v| v.id.as_str()), Some("v3"));
        assert_eq!(
            kinship(&theirs, &[]),
            Kinship::Unknown {
                exported: Some(at(7))
            }
        );
        assert_eq!(
            kinship(&original, &here),
            Kinship::Unknown { exported: None }
        );
    }

    #[test]
    fn kinship_in_words() {
        let later = Kinship::BasedOnKept {
            exported: Some(Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap()),
            base: kept("v1", 28, Why::Exported),
        };
        assert_eq!(
            told(&later, "Client A", utc_day),
            "A later version of \u{201c}Client A\u{201d}, exported on 3 December 2026, based on the version you sent on 28 November 2026."
        );
        let received = Kinship::BasedOnKept {
            exported: None,
            base: kept("c1", 20, Why::Received),
        };
        assert_eq!(
            told(&received, "Client A", utc_day),
            "A later version of \u{201c}Client A\u{201d}, based on the version you received on 20 November 2026."
        );
        assert_eq!(
            told(&Kinship::KeptHere { version: kept("v", 5, Why::Exported) }, "Client A", utc_day),
            "The version of \u{201c}Client A\u{201d} exported from here on 5 November 2026, unchanged since."
        );
        assert_eq!(
            told(&Kinship::Unknown { exported: None }, "Client A", utc_day),
            "A version of \u{201c}Client A\u{201d}; none of the versions it comes from is kept in this browser, so a merge needs you to choose the base."
        );
    }
}
