//! The name of a downloaded model file: readable, safe on every OS.

use chrono::NaiveDate;

/// `acme-operations-2026-11-21.opmodel.json` for "Acme Operations".
pub fn model_file_name(model_name: &str, date: NaiveDate) -> String {
    format!("{}-{date}.opmodel.json", slug(model_name))
}

/// `acme-operations-changes.md`: the change report of a comparison.
pub fn report_file_name(model_name: &str) -> String {
    format!("{}-changes.md", slug(model_name))
}

/// A model's name as a file name's stem: letters and digits, lowercase,
/// dashes between words, at most 60 characters ("model" when nothing is
/// left).
fn slug(model_name: &str) -> String {
    let mut slug = String::new();
    for c in model_name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() { "model" } else { slug }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn a_change_report_is_named_after_the_model() {
        assert_eq!(
            report_file_name("Acme Operations"),
            "acme-operations-changes.md"
        );
        assert_eq!(report_file_name("!!"), "model-changes.md");
    }

    #[test]
    fn names_are_slugged() {
        assert_eq!(
            model_file_name("Acme Operations", d()),
            "acme-operations-2026-11-21.opmodel.json"
        );
        assert_eq!(
            model_file_name("  ../etc/passwd <x> ", d()),
            "etc-passwd-x-2026-11-21.opmodel.json"
        );
        assert_eq!(
            model_file_name("Café Müller", d()),
            "café-müller-2026-11-21.opmodel.json"
        );
        assert_eq!(model_file_name("***", d()), "model-2026-11-21.opmodel.json");
        assert!(model_file_name(&"a".repeat(500), d()).len() < 90);
    }
}
