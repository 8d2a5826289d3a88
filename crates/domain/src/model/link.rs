//! A model in a link: the model file, compressed (by the browser's own
//! `CompressionStream`, "deflate", so no codec is added to the wasm, and
//! zlib's checksum makes an altered link fail instead of giving another
//! model),
//! written in the link's `#fragment` in URL-safe base64. Browsers never send
//! the fragment to a server, so the model stays between the people who
//! share the link. This module is the text side, pure and tested natively:
//! the fragment's form, its version, and the base64 (a few lines, RFC 4648
//! §5, no padding).

use thiserror::Error;

/// The fragment's key: `#model=1.<base64url>`.
pub const FRAGMENT_KEY: &str = "model=";

/// The version of the link's form, before the dot.
pub const LINK_VERSION: &str = "1";

/// Past this length a link is likely to be cut on its way: chat and mail
/// tools cut links somewhere between about 2,000 and 4,000 characters, so
/// from here the dialog recommends sending the file.
pub const SAFE_LINK_CHARS: usize = 2_000;

/// The longest fragment read: about 1.5 MiB of compressed model, more than
/// any model that fits the file limit compresses to (a 1 MiB bench model
/// compresses to about 150 KiB). A longer one is refused before decoding.
pub const MAX_FRAGMENT_CHARS: usize = 2 * 1024 * 1024;

/// Why a link does not hold a model.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LinkError {
    #[error("The link was made by a newer version of OpModel (link version {0}). Open it in the newer version, or ask for the file.")]
    NewerVersion(String),
    #[error("The link is damaged: part of it is not what a model link holds. Ask for the link again, or for the file.")]
    Damaged,
    #[error("The link is too long to be a model link ({0} characters).")]
    TooLong(usize),
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of URL-safe base64 without padding; `None` for anything else.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() - 1;
        // The bits past the last whole byte must be zero: otherwise two
        // texts ("WJg", "WJj") would read as the same bytes, and a link
        // would have more than one spelling (found by the fuzz target).
        if n & ((1u32 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        for i in 0..bytes {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// The fragment (without `#`) for a compressed model file.
pub fn fragment(compressed: &[u8]) -> String {
    format!("{FRAGMENT_KEY}{LINK_VERSION}.{}", base64url(compressed))
}

/// The compressed model file in a fragment (with or without its `#`);
/// `Ok(None)` when the fragment is not a model link at all.
pub fn parse_fragment(fragment: &str) -> Result<Option<Vec<u8>>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(rest) = fragment.strip_prefix(FRAGMENT_KEY) else {
        return Ok(None);
    };
    if rest.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLong(rest.len()));
    }
    let Some((version, data)) = rest.split_once('.') else {
        return Err(LinkError::Damaged);
    };
    if version != LINK_VERSION {
        return match version.parse::<u32>() {
            Ok(v) if v > 1 => Err(LinkError::NewerVersion(v.to_string())),
            _ => Err(LinkError::Damaged),
        };
    }
    from_base64url(data).map(Some).ok_or(LinkError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64url_matches_the_rfc_examples() {
        // RFC 4648 §10, without padding, in the URL-safe alphabet.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(from_base64url(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("Zm9v+"), None, "not URL-safe");
        assert_eq!(from_base64url("Z"), None, "a lone character");
        assert_eq!(from_base64url("WJg"), Some(vec![0x58, 0x98]));
        assert_eq!(from_base64url("WJj"), None, "bits past the last byte");
        assert_eq!(from_base64url("Zh"), None, "bits past the last byte");
    }

    #[test]
    fn a_fragment_says_what_is_wrong_with_it() {
        let f = fragment(b"abc");
        assert_eq!(f, "model=1.YWJj");
        assert_eq!(parse_fragment(&format!("#{f}")), Ok(Some(b"abc".to_vec())));
        assert_eq!(parse_fragment("#section-2"), Ok(None));
        assert_eq!(parse_fragment(""), Ok(None));
        assert_eq!(
            parse_fragment("model=2.YWJj"),
            Err(LinkError::NewerVersion("2".into()))
        );
        assert_eq!(parse_fragment("model=1.YW!j"), Err(LinkError::Damaged));
        assert_eq!(parse_fragment("model=YWJj"), Err(LinkError::Damaged));
        assert_eq!(parse_fragment("model=x.YWJj"), Err(LinkError::Damaged));
        let long = format!("model=1.{}", "A".repeat(MAX_FRAGMENT_CHARS + 1));
        assert!(matches!(parse_fragment(&long), Err(LinkError::TooLong(_))));
        assert!(LinkError::Damaged.to_string().ends_with('.'));
    }

    proptest! {
        #[test]
        fn any_bytes_come_back_from_a_fragment(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(parse_fragment(&fragment(&bytes)), Ok(Some(bytes)));
        }

        #[test]
        fn no_text_makes_the_reader_panic(text in ".{0,40}") {
            let _ = parse_fragment(&format!("model=1.{text}"));
        }

        #[test]
        fn a_link_that_reads_has_one_spelling(text in "[A-Za-z0-9_-]{0,40}") {
            let link = format!("model=1.{text}");
            if let Ok(Some(bytes)) = parse_fragment(&link) {
                prop_assert_eq!(fragment(&bytes), link);
            }
        }
    }
}
