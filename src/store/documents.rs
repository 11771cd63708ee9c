//! Where each sheet of a multi-document file is written, so that one
//! sheet's document can be replaced or taken out and every other byte of
//! the file kept (comments, spacing, other documents).
//!
//! A document ends at a line that starts with a document marker (`---` or
//! `...` followed by a space, a tab or the end of the line). YAML forbids
//! such a line inside any scalar at the top level, so the split is exact.

use std::ops::Range;

/// The byte ranges of a text's documents, markers excluded, in order. An
/// empty text has one empty document.
pub fn spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_marker(line) {
            spans.push(start..offset);
            start = offset + line.len();
        }
        offset += line.len();
    }
    spans.push(start..text.len());
    spans
}

fn is_marker(line: &str) -> bool {
    ["---", "..."].iter().any(|marker| {
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']))
    })
}

/// The span holding the given one-based line.
pub fn span_of_line(text: &str, line: usize) -> Option<Range<usize>> {
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    spans(text)
        .into_iter()
        .find(|span| span.start <= offset && (offset < span.end || span.start == span.end))
}

/// `text` with `span` replaced by `new`, which is given a final newline
/// when a marker follows it.
pub fn replace(text: &str, span: &Range<usize>, new: &str) -> String {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..span.start]);
    out.push_str(new);
    if span.end < text.len() && !new.is_empty() && !new.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&text[span.end..]);
    out
}

/// `text` without the document at `span`, and without the marker line
/// that separated it from the previous document (or the next, for the
/// first one).
pub fn take_out(text: &str, span: &Range<usize>) -> String {
    if span.start > 0 {
        // The marker is the line that ends where the document starts.
        let before = &text[..span.start - 1];
        let marker_start = before.rfind('\n').map_or(0, |i| i + 1);
        let mut out = String::from(&text[..marker_start]);
        out.push_str(&text[span.end..]);
        return out;
    }
    // The first document: drop it and the marker line that follows it.
    let rest = &text[span.end..];
    let after_marker = rest.find('\n').map_or(rest.len(), |i| i + 1);
    rest[after_marker..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# en-tête\nid: a\n---\n# à propos de b\nid: b # fin\n--- \nid: c\n";

    #[test]
    fn documents_split_at_markers_only() {
        let spans = spans(FILE);
        let docs: Vec<&str> = spans.iter().map(|s| &FILE[s.clone()]).collect();
        assert_eq!(
            docs,
            [
                "# en-tête\nid: a\n",
                "# à propos de b\nid: b # fin\n",
                "id: c\n"
            ]
        );
        assert_eq!(super::spans("a: '---x'\n---x: 1\n").len(), 1);
    }

    #[test]
    fn a_line_finds_its_document() {
        assert_eq!(
            &FILE[span_of_line(FILE, 5).unwrap()],
            "# à propos de b\nid: b # fin\n"
        );
        assert_eq!(&FILE[span_of_line(FILE, 7).unwrap()], "id: c\n");
    }

    #[test]
    fn replacing_one_document_keeps_every_other_byte() {
        let span = span_of_line(FILE, 5).unwrap();
        assert_eq!(
            replace(FILE, &span, "id: b2"),
            "# en-tête\nid: a\n---\nid: b2\n--- \nid: c\n"
        );
    }

    #[test]
    fn taking_out_drops_the_document_and_one_marker() {
        let middle = span_of_line(FILE, 5).unwrap();
        assert_eq!(take_out(FILE, &middle), "# en-tête\nid: a\n--- \nid: c\n");
        let first = span_of_line(FILE, 2).unwrap();
        assert_eq!(
            take_out(FILE, &first),
            "# à propos de b\nid: b # fin\n--- \nid: c\n"
        );
        let last = span_of_line(FILE, 7).unwrap();
        assert_eq!(
            take_out(FILE, &last),
            "# en-tête\nid: a\n---\n# à propos de b\nid: b # fin\n"
        );
    }
}
