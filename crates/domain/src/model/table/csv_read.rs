//! Reading a CSV file as people have it: UTF-8 with or without a byte order
//! mark, UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's "CSV" on
//! Western European Windows); separated by commas, semicolons (Excel in
//! locales that write decimal commas) or tabs; CRLF or LF line ends; line
//! breaks inside quoted cells.

use super::{unneutralize, LineError};

/// How the bytes of a file were read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little-endian, announced by its byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, announced by its byte order mark.
    Utf16Be,
    /// Not UTF-8, so read as Windows-1252 (a superset of Latin-1).
    Windows1252,
}

impl TextEncoding {
    /// The encoding's name as people know it.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// One record of a file that holds at least one non-empty cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based line on which the record starts, as a text editor shows it.
    pub line: usize,
    /// The cells, trimmed, with our export's formula guard removed.
    pub cells: Vec<String>,
}

impl CsvRow {
    /// The cell in column `col`, empty when the row is shorter.
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", String::as_str)
    }
}

/// A CSV file read into rows, before any meaning is given to its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCsv {
    /// How the bytes were read.
    pub encoding: TextEncoding,
    /// The separator found: `,`, `;` or a tab.
    pub separator: char,
    /// The records with at least one non-empty cell, in file order.
    pub rows: Vec<CsvRow>,
    /// Records that are not readable as CSV.
    pub errors: Vec<LineError>,
    /// The number of cells in the longest row.
    pub width: usize,
}

/// The separators recognised, in order of preference when equally likely.
const SEPARATORS: [char; 3] = [',', ';', '\t'];

/// Windows-1252's characters for the bytes 0x80-0x9F; the five bytes it
/// leaves undefined keep their Latin-1 control character (as browsers do).
const WINDOWS_1252_80: [char; 32] = [
    '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
];

/// The bytes of a file as text, and how they were read. A byte order mark
/// decides; without one, UTF-8 if the bytes are valid UTF-8, otherwise
/// Windows-1252. A file with NUL bytes and no mark is not text.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), String> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16, encoding| {
        if rest.len() % 2 != 0 {
            return Err("The file says it is UTF-16 but has an odd number of bytes.".to_string());
        }
        let units: Vec<u16> = rest.chunks_exact(2).map(|p| from([p[0], p[1]])).collect();
        String::from_utf16(&units)
            .map(|text| (text, encoding))
            .map_err(|_| "The file says it is UTF-16 but is not valid UTF-16.".to_string())
    };
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes, TextEncoding::Utf16Be);
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.contains('\0') {
            return Ok((text.to_string(), TextEncoding::Utf8));
        }
    }
    if bytes.contains(&0) {
        return Err(
            "The file is not a text (CSV) file. If it is a spreadsheet, save it as CSV first."
                .into(),
        );
    }
    let text = bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => WINDOWS_1252_80[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect();
    Ok((text, TextEncoding::Windows1252))
}

/// The separator of a CSV text. For each candidate, the count outside
/// quotes on each of the first ten non-empty lines; the candidate whose
/// non-zero count repeats on the most lines wins (then the higher count,
/// then comma before semicolon before tab). A title line, a free-text cell
/// with a stray comma, or a file of one column do not mislead it.
pub fn detect_separator(text: &str) -> char {
    let lines = logical_lines(text, 10);
    let score = |sep: char| {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.chars().filter(|c| *c == sep).count())
            .collect();
        counts
            .iter()
            .filter(|&&n| n > 0)
            .map(|&n| (counts.iter().filter(|&&m| m == n).count(), n))
            .max()
            .unwrap_or((0, 0))
    };
    let mut best = (SEPARATORS[0], score(SEPARATORS[0]));
    for sep in &SEPARATORS[1..] {
        let s = score(*sep);
        if s > best.1 {
            best = (*sep, s);
        }
    }
    best.0
}

/// Up to `max` non-empty lines of `text`, with quoted parts left out (a
/// quoted line break does not end a line).
fn logical_lines(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted && !line.is_empty() => {
                lines.push(std::mem::take(&mut line));
                if lines.len() == max {
                    return lines;
                }
            }
            '\n' | '\r' if !quoted => {}
            _ if !quoted => line.push(c),
            _ => {}
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Reads the bytes of a CSV file into rows: decoded, separator detected,
/// rows of only empty cells left out, each row with its line number.
pub fn read_csv(bytes: &[u8]) -> Result<ParsedCsv, String> {
    let (text, encoding) = decode(bytes)?;
    // A byte order mark written inside UTF-8 or UTF-16 text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let separator = detect_separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator as u8)
        .from_reader(text.as_bytes());
    let mut parsed = ParsedCsv {
        encoding,
        separator,
        rows: Vec::new(),
        errors: Vec::new(),
        width: 0,
    };
    for record in reader.records() {
        // The reader skips blank lines, so lines are taken from its own
        // positions rather than counted.
        let line = |pos: Option<&csv::Position>| {
            let after = parsed.rows.last().map_or(1, |r| r.line + 1);
            pos.map_or(after, |p| line_at(text, p.byte()))
        };
        match record {
            Err(e) => {
                let line = line(e.position());
                parsed.errors.push(LineError {
                    line,
                    message: format!("not readable as CSV ({e})."),
                });
            }
            Ok(record) => {
                let cells: Vec<String> = record
                    .iter()
                    .map(|c| unneutralize(c.trim()).to_string())
                    .collect();
                if cells.iter().all(String::is_empty) {
                    continue;
                }
                parsed.width = parsed.width.max(cells.len());
                let line = line(record.position());
                parsed.rows.push(CsvRow { line, cells });
            }
        }
    }
    if parsed.rows.is_empty() && parsed.errors.is_empty() {
        return Err("The file is empty.".into());
    }
    Ok(parsed)
}

/// The 1-based line on which the record starting at `offset` stands. The
/// reader reports a record as starting where it began skipping blank lines,
/// so those are stepped over first.
fn line_at(text: &str, offset: u64) -> usize {
    let bytes = text.as_bytes();
    let mut start = (offset as usize).min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_cells(p: &ParsedCsv) -> Vec<(usize, Vec<&str>)> {
        p.rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn utf8_with_bom_crlf_and_a_quoted_line_break() {
        let p = read_csv(
            b"\xef\xbb\xbfName,Notes\r\n\"Billing\",\"two\r\nlines\"\r\n\r\nRefunds,x\r\n",
        )
        .unwrap();
        assert_eq!(p.encoding, TextEncoding::Utf8);
        assert_eq!(p.separator, ',');
        assert_eq!(
            lines_and_cells(&p),
            [
                (1, vec!["Name", "Notes"]),
                (2, vec!["Billing", "two\r\nlines"]),
                (5, vec!["Refunds", "x"]),
            ]
        );
    }

    #[test]
    fn semicolons_and_tabs_are_found() {
        let p = read_csv(
            "Prozess;Beschreibung;Geschäftsführung\nAngebote, groß;Text, mit Komma;A\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(p.separator, ';');
        assert_eq!(p.rows[1].cells, ["Angebote, groß", "Text, mit Komma", "A"]);
        assert_eq!(detect_separator("a\tb\tc\n1\t2\t3\n"), '\t');
        // A title line without separators and a stray comma in free text.
        assert_eq!(
            detect_separator("RACI, draft\n\nA;B;C\n1;2;3\nx;y;z\n"),
            ';'
        );
        // One column, or a tie: comma.
        assert_eq!(detect_separator("Name\nBilling\n"), ',');
        assert_eq!(detect_separator("a,b;c\n"), ',');
        // Separators inside quotes do not count.
        assert_eq!(detect_separator("\"a;b;c;d\",e,f\n"), ',');
    }

    #[test]
    fn rows_of_empty_cells_are_left_out_and_width_is_the_longest_row() {
        let p = read_csv(b"Title,,,\n,,,\nA,B\n1,2,3,4,5\n").unwrap();
        assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3, 4]);
        assert_eq!(p.width, 5);
        assert_eq!(p.rows[1].cell(4), "");
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
        let (text, enc) = decode(b"Gesch\xe4ftsf\xfchrung;\x80 \x93q\x94 \x81\n").unwrap();
        assert_eq!(enc, TextEncoding::Windows1252);
        assert_eq!(text, "Geschäftsführung;€ \u{201c}q\u{201d} \u{81}\n");
        // Every byte maps to one character, so nothing is lost.
        let all: Vec<u8> = (1..=255).collect();
        assert_eq!(decode(&all).unwrap().0.chars().count(), 255);
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let text = "Aufgabe\tGeschäftsführung\r\nBilling\tA/R\r\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let p = read_csv(&le).unwrap();
        assert_eq!(p.encoding, TextEncoding::Utf16Le);
        assert_eq!(p.separator, '\t');
        assert_eq!(p.rows[1].cells, ["Billing", "A/R"]);
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode(&be).unwrap(),
            (text.to_string(), TextEncoding::Utf16Be)
        );
        assert_eq!(
            decode(&[0xff, 0xfe, 0x41]).unwrap_err(),
            "The file says it is UTF-16 but has an odd number of bytes."
        );
        assert_eq!(
            decode(&[0xff, 0xfe, 0x00, 0xd8]).unwrap_err(),
            "The file says it is UTF-16 but is not valid UTF-16."
        );
    }

    #[test]
    fn binary_and_empty_files_are_refused() {
        assert_eq!(
            read_csv(b"PK\x03\x04\x14\x00\x06\x00").unwrap_err(),
            "The file is not a text (CSV) file. If it is a spreadsheet, save it as CSV first."
        );
        assert_eq!(read_csv(b"").unwrap_err(), "The file is empty.");
        assert_eq!(
            read_csv(b"\xef\xbb\xbf\r\n,,\r\n").unwrap_err(),
            "The file is empty."
        );
    }
}
