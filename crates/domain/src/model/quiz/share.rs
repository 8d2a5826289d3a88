//! Quiz answers as a short text for a link (the part after `#`).
//!
//! Format, version 1, only characters that are safe in a URL fragment:
//!
//! ```text
//! 1 q 0312-... ABC
//! | | |        └ checksum: 3 characters of A-Z a-z 0-9 - _ (18 bits)
//! | | └ one character per question, in bank order: the option index as a
//! | |   digit, or '-' for an unanswered question
//! | └ the kind: 'q' quick (12 questions), 'f' full (40 questions)
//! └ the format version
//! ```
//!
//! A quick quiz is 17 characters, a full assessment 45. The checksum covers
//! everything before it. Its first part is a position-weighted sum modulo 131,
//! which catches every change of a single character and every swap of two
//! neighbours for sure; its second part is 10 bits of an FNV-1a hash, which
//! catches most other damage.
//!
//! The bank order is part of the format: a change to the order or number of
//! questions needs a new version character, and older links then get a clear
//! message instead of wrong answers.

use std::collections::BTreeMap;

use thiserror::Error;

use super::bank::questions;
use crate::model::types::AssessmentKind;

/// The version written by this code.
pub const SHARE_VERSION: char = '1';

const UNANSWERED: u8 = b'-';
const CHECK_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CHECK_LEN: usize = 3;
/// Version and kind.
const HEADER_LEN: usize = 2;

/// Why a share link cannot be read. The messages are meant for the person who
/// opened the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
pub enum ShareError {
    #[error("This link has no quiz answers in it.")]
    Empty,
    #[error("This is not an OpModel quiz link, so there are no answers to show.")]
    NotAShareLink,
    #[error(
        "This link was made by a newer version of OpModel. Reload the page to get the \
         latest version, then open the link again."
    )]
    NewerVersion,
    #[error(
        "This link is incomplete: it was probably cut off when it was copied. Copy the \
         whole link again."
    )]
    Truncated,
    #[error(
        "This link has been changed or damaged since it was made, so its answers cannot be \
         trusted. Ask for the link again."
    )]
    Damaged,
}

fn kind_char(kind: AssessmentKind) -> u8 {
    match kind {
        AssessmentKind::Quick => b'q',
        AssessmentKind::Full => b'f',
    }
}

/// The answers of a quiz as a compact, URL-fragment-safe text. Answers to
/// questions not in the bank, and indexes that are not an option, are left
/// out (written as unanswered).
pub fn encode_share(kind: AssessmentKind, answers: &BTreeMap<String, u8>) -> String {
    let mut payload = vec![SHARE_VERSION as u8, kind_char(kind)];
    for q in questions(kind) {
        match answers.get(q.id) {
            Some(&a) if q.points(a).is_some() && a < 10 => payload.push(b'0' + a),
            _ => payload.push(UNANSWERED),
        }
    }
    let check = checksum(&payload);
    for i in (0..CHECK_LEN).rev() {
        payload.push(CHECK_ALPHABET[((check >> (6 * i)) & 63) as usize]);
    }
    payload.into_iter().map(char::from).collect()
}

/// Reads a text made by [`encode_share`]. Whitespace around it and one
/// leading `#` are ignored. Never panics, whatever the input.
pub fn decode_share(text: &str) -> Result<(AssessmentKind, BTreeMap<String, u8>), ShareError> {
    let text = text.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    let bytes = text.as_bytes();
    let Some(&version) = bytes.first() else {
        return Err(ShareError::Empty);
    };
    match version {
        b'1' => {}
        b'2'..=b'9' => return Err(ShareError::NewerVersion),
        _ => return Err(ShareError::NotAShareLink),
    }
    if !bytes.iter().all(|&b| is_fragment_safe(b)) {
        return Err(ShareError::Damaged);
    }
    let Some(&kind) = bytes.get(1) else {
        return Err(ShareError::Truncated);
    };
    let kind = match kind {
        b'q' => AssessmentKind::Quick,
        b'f' => AssessmentKind::Full,
        _ => return Err(ShareError::Damaged),
    };
    let bank = questions(kind);
    let expected = HEADER_LEN + bank.len() + CHECK_LEN;
    if bytes.len() < expected {
        return Err(ShareError::Truncated);
    }
    if bytes.len() > expected {
        return Err(ShareError::Damaged);
    }
    let (payload, check) = bytes.split_at(HEADER_LEN + bank.len());
    let mut stored = 0u32;
    for &c in check {
        let Some(value) = CHECK_ALPHABET.iter().position(|&a| a == c) else {
            return Err(ShareError::Damaged);
        };
        stored = (stored << 6) | value as u32;
    }
    if stored != checksum(payload) {
        return Err(ShareError::Damaged);
    }
    let mut answers = BTreeMap::new();
    for (q, &c) in bank.iter().zip(&payload[HEADER_LEN..]) {
        if c == UNANSWERED {
            continue;
        }
        let index = match c {
            b'0'..=b'9' => c - b'0',
            _ => return Err(ShareError::Damaged),
        };
        if q.points(index).is_none() {
            return Err(ShareError::Damaged);
        }
        answers.insert(q.id.to_string(), index);
    }
    Ok((kind, answers))
}

/// The unreserved characters of URLs: safe anywhere in a fragment.
pub(crate) fn is_fragment_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// 18 bits: a position-weighted sum modulo 131 (8 bits), then 10 bits of FNV-1a.
///
/// With weights 1..=130 and a prime modulus above every ASCII code, changing
/// one character changes the sum by (difference x weight), which is never a
/// multiple of 131; swapping two neighbours changes it by their difference.
pub(crate) fn checksum(payload: &[u8]) -> u32 {
    let mut weighted = 0u32;
    let mut fnv = 0x811c_9dc5_u32;
    for (i, &b) in payload.iter().enumerate() {
        let weight = (i as u32 % 130) + 1;
        weighted = (weighted + weight * u32::from(b)) % 131;
        fnv ^= u32::from(b);
        fnv = fnv.wrapping_mul(0x0100_0193);
    }
    (weighted << 10) | (fnv & 0x3ff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    fn random_answers(kind: AssessmentKind, seed: &mut u64) -> BTreeMap<String, u8> {
        questions(kind)
            .iter()
            .filter_map(|q| {
                let r = lcg(seed) as usize % (q.options.len() + 1);
                (r < q.options.len()).then(|| (q.id.to_string(), r as u8))
            })
            .collect()
    }

    const KINDS: [AssessmentKind; 2] = [AssessmentKind::Quick, AssessmentKind::Full];

    #[test]
    fn round_trips_for_both_kinds() {
        let mut seed = 7;
        for kind in KINDS {
            for _ in 0..500 {
                let answers = random_answers(kind, &mut seed);
                let text = encode_share(kind, &answers);
                assert_eq!(decode_share(&text), Ok((kind, answers)), "{text}");
            }
            let empty = BTreeMap::new();
            assert_eq!(decode_share(&encode_share(kind, &empty)), Ok((kind, empty)));
        }
    }

    #[test]
    fn output_is_compact_and_fragment_safe() {
        let mut seed = 11;
        for kind in KINDS {
            for _ in 0..100 {
                let text = encode_share(kind, &random_answers(kind, &mut seed));
                assert_eq!(text.len(), questions(kind).len() + 5);
                assert!(text.bytes().all(is_fragment_safe), "{text}");
            }
        }
        assert_eq!(
            encode_share(AssessmentKind::Quick, &BTreeMap::new()).len(),
            17
        );
        assert_eq!(
            encode_share(AssessmentKind::Full, &BTreeMap::new()).len(),
            45
        );
    }

    #[test]
    fn format_is_pinned() {
        // If this changes, links already shared would break: bump SHARE_VERSION.
        let answers: BTreeMap<String, u8> = [("q-tools-1", 3), ("q-review-1", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let text = encode_share(AssessmentKind::Quick, &answers);
        assert_eq!(text, "1q3---------1-WFZ");
        assert_eq!(decode_share(&format!("  #{text}\n")).unwrap().1, answers);
    }

    #[test]
    fn invalid_answers_are_not_encoded() {
        let answers: BTreeMap<String, u8> = [("q-tools-1", 9), ("nope", 1), ("f-tools-1", 2)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let (_, decoded) = decode_share(&encode_share(AssessmentKind::Quick, &answers)).unwrap();
        assert!(decoded.is_empty());
    }

    #[test]
    fn every_truncation_is_reported() {
        let mut seed = 3;
        for kind in KINDS {
            let text = encode_share(kind, &random_answers(kind, &mut seed));
            assert_eq!(decode_share(&text[..0]), Err(ShareError::Empty));
            for n in 1..text.len() {
                assert_eq!(
                    decode_share(&text[..n]),
                    Err(ShareError::Truncated),
                    "{}",
                    &text[..n]
                );
            }
        }
    }

    #[test]
    fn every_single_character_change_is_detected() {
        let alphabet: Vec<u8> = (0u8..128).filter(|&b| is_fragment_safe(b)).collect();
        let mut seed = 5;
        for kind in KINDS {
            for _ in 0..5 {
                let text = encode_share(kind, &random_answers(kind, &mut seed));
                for i in 0..text.len() {
                    for &c in &alphabet {
                        let mut bytes = text.clone().into_bytes();
                        if bytes[i] == c {
                            continue;
                        }
                        bytes[i] = c;
                        let changed = String::from_utf8(bytes).unwrap();
                        assert!(decode_share(&changed).is_err(), "{text} -> {changed}");
                    }
                }
            }
        }
    }

    #[test]
    fn swapped_neighbours_are_detected() {
        let mut seed = 9;
        for kind in KINDS {
            for _ in 0..20 {
                let text = encode_share(kind, &random_answers(kind, &mut seed));
                for i in HEADER_LEN..text.len() - 1 {
                    let mut bytes = text.clone().into_bytes();
                    if bytes[i] == bytes[i + 1] {
                        continue;
                    }
                    bytes.swap(i, i + 1);
                    let changed = String::from_utf8(bytes).unwrap();
                    assert!(decode_share(&changed).is_err(), "{text} -> {changed}");
                }
            }
        }
    }

    #[test]
    fn garbage_and_other_versions_are_errors() {
        let good = encode_share(AssessmentKind::Quick, &BTreeMap::new());
        assert_eq!(decode_share(""), Err(ShareError::Empty));
        assert_eq!(decode_share("   "), Err(ShareError::Empty));
        assert_eq!(decode_share("#"), Err(ShareError::Empty));
        assert_eq!(decode_share("hello world"), Err(ShareError::NotAShareLink));
        assert_eq!(decode_share("/quiz?x=1"), Err(ShareError::NotAShareLink));
        assert_eq!(decode_share("é1q"), Err(ShareError::NotAShareLink));
        assert_eq!(
            decode_share(&format!("2{}", &good[1..])),
            Err(ShareError::NewerVersion)
        );
        assert_eq!(
            decode_share(&format!("0{}", &good[1..])),
            Err(ShareError::NotAShareLink)
        );
        assert_eq!(
            decode_share(&format!("1x{}", &good[2..])),
            Err(ShareError::Damaged)
        );
        assert_eq!(decode_share(&format!("{good}A")), Err(ShareError::Damaged));
        assert_eq!(decode_share(&format!("{good}é")), Err(ShareError::Damaged));
        assert_eq!(decode_share("1q é"), Err(ShareError::Damaged));
        // A valid checksum over an answer that is not an option.
        let mut payload = b"1q".to_vec();
        payload.extend_from_slice(b"9-----------");
        let check = checksum(&payload);
        for i in (0..CHECK_LEN).rev() {
            payload.push(CHECK_ALPHABET[((check >> (6 * i)) & 63) as usize]);
        }
        let forged = String::from_utf8(payload).unwrap();
        assert_eq!(decode_share(&forged), Err(ShareError::Damaged));
    }

    #[test]
    fn messages_are_sentences_for_people() {
        for e in [
            ShareError::Empty,
            ShareError::NotAShareLink,
            ShareError::NewerVersion,
            ShareError::Truncated,
            ShareError::Damaged,
        ] {
            let m = e.to_string();
            assert!(m.starts_with("This ") && m.ends_with('.'), "{m}");
            assert!(!m.contains("  "), "{m:?}");
        }
    }

    #[test]
    fn random_text_never_panics_lcg() {
        let pool: Vec<char> = "1qf0123456789-_.~#é€😀 \u{0}\n%&=?/ABCxyz"
            .chars()
            .collect();
        let mut seed = 13;
        for _ in 0..20_000 {
            let len = lcg(&mut seed) as usize % 60;
            let s: String = (0..len)
                .map(|_| pool[lcg(&mut seed) as usize % pool.len()])
                .collect();
            let _ = decode_share(&s);
        }
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(s in any::<String>()) {
            let _ = decode_share(&s);
        }

        #[test]
        fn prefixed_arbitrary_text_never_panics(s in "[1#][qf]?\\PC{0,50}") {
            let _ = decode_share(&s);
        }
    }
}
