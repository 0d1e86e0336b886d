//! RFC 4180 CSV, written and read by hand (a page of code, no dependency): fields
//! holding the delimiter, a quote or a line break are quoted, quotes inside are
//! doubled, records end with CRLF. The reader also takes LF and lone CR line ends,
//! a leading byte-order mark (as Excel writes it), and any one-character delimiter.
//!
//! This module knows records and fields only; [`super::tidy`] gives them meaning.

use std::iter::Peekable;
use std::str::Chars;

/// Whether a field must be quoted to survive a round trip.
pub fn needs_quotes(field: &str, delimiter: char) -> bool {
    field.starts_with('\u{feff}') || field.chars().any(|c| c == delimiter || matches!(c, '"' | '\r' | '\n'))
}

/// Appends one record, comma-separated and ended by CRLF. A record of one empty
/// field is written as `""`, so it does not read back as a blank line.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        let field = field.as_ref();
        if i > 0 {
            out.push(',');
        }
        if needs_quotes(field, ',') || (fields.len() == 1 && field.is_empty()) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// One record as a line of its own, CRLF included: for streaming.
pub fn record_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    write_record(&mut line, fields);
    line
}

/// One record read, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// A record that does not follow RFC 4180.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct SyntaxError {
    /// 1-based line the record starts on.
    pub line: usize,
    pub reason: String,
}

/// Reads records from `text` split by `delimiter`. Blank lines are skipped. After
/// a malformed record the reader goes on at the next line, except after a quote
/// that is never closed, which swallows the rest of the text.
pub fn read(text: &str, delimiter: char) -> Reader<'_> {
    Reader {
        chars: text.strip_prefix('\u{feff}').unwrap_or(text).chars().peekable(),
        line: 1,
        delimiter,
    }
}

/// Iterator over the records of a CSV text; see [`read`].
pub struct Reader<'a> {
    chars: Peekable<Chars<'a>>,
    line: usize,
    delimiter: char,
}

impl Reader<'_> {
    /// Consumes a line end (CRLF, LF or CR) if one is next; true if it did.
    fn line_end(&mut self) -> bool {
        match self.chars.peek() {
            Some('\n') => {
                self.chars.next();
            }
            Some('\r') => {
                self.chars.next();
                self.chars.next_if_eq(&'\n');
            }
            _ => return false,
        }
        self.line += 1;
        true
    }

    /// Skips the rest of a malformed record's line.
    fn skip_line(&mut self) {
        while self.chars.peek().is_some() && !self.line_end() {
            self.chars.next();
        }
    }

    fn quoted(&mut self, field: &mut String, start: usize) -> Result<(), SyntaxError> {
        self.chars.next();
        loop {
            match self.chars.next() {
                None => {
                    return Err(SyntaxError {
                        line: start,
                        reason: format!("a quoted field opened on line {start} is never closed"),
                    });
                }
                Some('"') if self.chars.next_if_eq(&'"').is_some() => field.push('"'),
                Some('"') => return Ok(()),
                Some(c) => {
                    let line_break = c == '\n' || (c == '\r' && self.chars.peek() != Some(&'\n'));
                    if line_break {
                        self.line += 1;
                    }
                    field.push(c);
                }
            }
        }
    }

    fn record(&mut self, start: usize) -> Result<Vec<String>, SyntaxError> {
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            if self.chars.peek() == Some(&'"') {
                self.quoted(&mut field, start)?;
                match self.chars.peek() {
                    None | Some('\r' | '\n') => {}
                    Some(c) if *c == self.delimiter => {}
                    Some(c) => {
                        return Err(SyntaxError {
                            line: start,
                            reason: format!(
                                "unexpected '{c}' after a closing quote; a quote inside a quoted field is written \"\""
                            ),
                        });
                    }
                }
            } else {
                while let Some(&c) = self.chars.peek() {
                    if c == self.delimiter || c == '\r' || c == '\n' {
                        break;
                    }
                    if c == '"' {
                        return Err(SyntaxError {
                            line: start,
                            reason:
                                "a quote inside an unquoted field; quote the whole field and write the quote as \"\""
                                    .into(),
                        });
                    }
                    field.push(c);
                    self.chars.next();
                }
            }
            fields.push(field);
            if self.chars.next_if_eq(&self.delimiter).is_none() {
                self.line_end();
                return Ok(fields);
            }
        }
    }
}

impl Iterator for Reader<'_> {
    type Item = Result<Record, SyntaxError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.line_end() {}
        self.chars.peek()?;
        let start = self.line;
        Some(match self.record(start) {
            Ok(fields) => Ok(Record { line: start, fields }),
            Err(error) => {
                self.skip_line();
                Err(error)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn records(text: &str) -> Vec<Result<Vec<String>, SyntaxError>> {
        read(text, ',').map(|r| r.map(|r| r.fields)).collect()
    }

    fn ok(fields: &[&str]) -> Result<Vec<String>, SyntaxError> {
        Ok(fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(record_line(&["a", "b c", ""]), "a,b c,\r\n");
        assert_eq!(
            record_line(&["CBS, StatLine", "zei \"ja\"", "twee\nregels"]),
            "\"CBS, StatLine\",\"zei \"\"ja\"\"\",\"twee\nregels\"\r\n"
        );
        assert_eq!(record_line(&[""]), "\"\"\r\n");
        assert_eq!(record_line(&["a\rb"]), "\"a\rb\"\r\n");
    }

    #[test]
    fn reads_quotes_line_ends_and_a_bom() {
        let text = "\u{feff}a,b\r\n\"x,y\",\"he said \"\"hi\"\"\"\n\"multi\r\nline\",\r\nlast,one";
        assert_eq!(
            records(text),
            vec![
                ok(&["a", "b"]),
                ok(&["x,y", "he said \"hi\""]),
                ok(&["multi\r\nline", ""]),
                ok(&["last", "one"])
            ]
        );
        let lines: Vec<usize> = read(text, ',').map(|r| r.expect("valid").line).collect();
        assert_eq!(lines, vec![1, 2, 3, 5]);
    }

    #[test]
    fn skips_blank_lines_and_takes_lone_cr() {
        assert_eq!(records("a\r\n\r\n\nb\rc\n"), vec![ok(&["a"]), ok(&["b"]), ok(&["c"])]);
        assert_eq!(records(""), vec![]);
        assert_eq!(records("\"\"\n"), vec![ok(&[""])]);
        assert_eq!(records(",\n"), vec![ok(&["", ""])]);
    }

    #[test]
    fn other_delimiters() {
        let fields: Vec<Vec<String>> = read("a;\"b;c\";1,5\n", ';').map(|r| r.expect("valid").fields).collect();
        assert_eq!(fields, vec![vec!["a", "b;c", "1,5"]]);
    }

    #[test]
    fn malformed_records_are_reported_and_skipped() {
        let got = records("a,\"b\"x,c\nd,e\"f\ng,h\n\"open,i\nj");
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].as_ref().expect_err("after quote").line, 1);
        assert!(
            got[0]
                .as_ref()
                .expect_err("after quote")
                .reason
                .contains("after a closing quote")
        );
        assert_eq!(got[1].as_ref().expect_err("bare quote").line, 2);
        assert!(
            got[1]
                .as_ref()
                .expect_err("bare quote")
                .reason
                .contains("unquoted field")
        );
        assert_eq!(got[2], ok(&["g", "h"]));
        let open = got[3].as_ref().expect_err("never closed");
        assert_eq!(open.line, 4);
        assert_eq!(open.reason, "a quoted field opened on line 4 is never closed");
    }

    fn any_field() -> impl Strategy<Value = String> {
        prop_oneof!["[a-z0-9 ]{0,8}", "[a-z,;\"\r\n \u{feff}é]{0,10}", Just(String::new()),]
    }

    proptest! {
        #[test]
        fn write_then_read_gives_the_records_back(
            records in proptest::collection::vec(proptest::collection::vec(any_field(), 1..6), 0..8),
        ) {
            let mut text = String::new();
            for record in &records {
                write_record(&mut text, record);
            }
            let back: Vec<Vec<String>> = read(&text, ',').map(|r| r.expect("valid").fields).collect();
            prop_assert_eq!(back, records);
        }

        #[test]
        fn never_panics(text in "[a-z,;\"\r\n \u{feff}]{0,40}") {
            for record in read(&text, ',') {
                let _ = record;
            }
        }
    }
}
