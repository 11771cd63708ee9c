//! Reading a file's bytes as UTF-8 text, with the checks that come before any
//! YAML parsing: the size limit (so a huge file is never read into a parser),
//! byte-order marks, UTF-16, binary content and invalid UTF-8.
//!
//! Invariant: a [`Source`] holds valid UTF-8 without a BOM and without NUL.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The name standard input goes by in messages and in the store.
pub const STDIN: &str = "<stdin>";

/// Files (and standard input) larger than this are refused unless the user
/// raises the limit.
pub const DEFAULT_MAX_BYTES: u64 = 1024 * 1024;

/// A file's text, ready for the YAML parser.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name used in messages: the path as given, or `<stdin>`.
    pub name: String,
    pub text: String,
    /// A hash of the file's bytes, to notice unchanged files.
    pub hash: String,
}

/// A 128-bit content hash, as hexadecimal: fast, and ample to tell whether
/// a file or a sheet changed.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Why a file could not be turned into text. Each carries the position when
/// one is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl SourceError {
    fn at_start(message: impl Into<String>) -> Self {
        SourceError {
            line: 1,
            col: 1,
            message: message.into(),
        }
    }
}

impl Source {
    /// A source made from text already in memory.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        Source {
            name: name.into(),
            hash: content_hash(text.as_bytes()),
            text,
        }
    }

    /// Reads a file (or standard input for `-`), refusing it before it is
    /// read whole when it is over `max_bytes`.
    pub fn read(path: &Path, max_bytes: u64) -> Result<Source, SourceError> {
        let is_stdin = path.as_os_str() == "-";
        let name = if is_stdin {
            STDIN.to_owned()
        } else {
            path.display().to_string()
        };
        let (reader, size): (Box<dyn Read>, u64) = if is_stdin {
            (Box::new(std::io::stdin().lock()), 0)
        } else {
            let (file, size) = open_regular(path)?;
            (Box::new(file), size)
        };
        // Read one byte past the limit: enough to know it is too big without
        // ever holding more than the limit in memory. A file's size, known
        // from its open descriptor, makes that one read and one allocation
        // instead of a growing buffer.
        let expected = usize::try_from(size.min(max_bytes).saturating_add(1)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(expected);
        reader
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|err| SourceError::at_start(format!("cannot read the file: {err}")))?;
        if bytes.len() as u64 > max_bytes {
            return Err(SourceError::at_start(format!(
                "the file is larger than the limit of {max_bytes} bytes; \
                 split it into several files or raise the limit with --max-size"
            )));
        }
        let text = decode(&bytes)?;
        Ok(Source {
            name,
            text,
            hash: content_hash(&bytes),
        })
    }
}

/// Opens a file for reading only if it is a regular file. The file is opened
/// without blocking (a FIFO would otherwise wait forever for a writer) and
/// checked through the open descriptor, so what is checked is what is read.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), SourceError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(path)
        .map_err(|err| SourceError::at_start(format!("cannot read the file: {err}")))?;
    let meta = file
        .metadata()
        .map_err(|err| SourceError::at_start(format!("cannot read the file: {err}")))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(SourceError::at_start("this is a folder, not a file"));
    }
    if !kind.is_file() {
        return Err(SourceError::at_start(
            "this is not a regular file (a pipe, socket or device): pacte reads only \
             regular files; to read from a pipe, give `-` and redirect it to standard input",
        ));
    }
    // O_NONBLOCK means nothing for a regular file's reads; it is left set.
    Ok((file, meta.len()))
}

/// Turns bytes into text, or says precisely why not.
pub fn decode(bytes: &[u8]) -> Result<String, SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(SourceError::at_start(
            "the file is encoded in UTF-16; convert it to UTF-8 \
             (for example: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE)",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Text never holds NUL; UTF-16 without a mark holds one in every other
    // byte, anything else with NUL is binary (an image, an archive, …).
    let head = &bytes[..bytes.len().min(8192)];
    #[allow(clippy::naive_bytecount)] // 8 KiB at most, once per file
    let nuls = head.iter().filter(|b| **b == 0).count();
    if nuls > 0 && nuls * 3 >= head.len() {
        return Err(SourceError::at_start(
            "the file looks like UTF-16 text; convert it to UTF-8 \
             (for example: iconv -f UTF-16 -t UTF-8 FILE > NEW_FILE)",
        ));
    }
    if nuls > 0 {
        return Err(SourceError::at_start(
            "the file is binary, not text: a sheet is a UTF-8 YAML text file",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            // The valid prefix is UTF-8 by definition, so the position can
            // be counted in characters like the YAML parser does.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let (line, col) = line_col(prefix);
            let hint =
                "convert it to UTF-8 (for example: iconv -f ISO-8859-1 -t UTF-8 FILE > NEW_FILE)";
            return Err(SourceError {
                line,
                col,
                message: format!(
                    "the file is not valid UTF-8 (byte offset {}): {hint}",
                    err.valid_up_to()
                ),
            });
        }
    };
    Ok(text.to_owned())
}

/// One-based line and column (in characters) of the end of `prefix`.
fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let last_line = prefix.rsplit('\n').next().unwrap_or("");
    (line, last_line.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_with_and_without_bom() {
        assert_eq!(decode(b"id: a\n").unwrap(), "id: a\n");
        assert_eq!(decode(b"\xEF\xBB\xBFid: a\n").unwrap(), "id: a\n");
    }

    #[test]
    fn refuses_utf16_with_bom() {
        let err = decode(b"\xFF\xFEi\0d\0").unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode(b"id: a\ntitle: caf\xE9\n").unwrap_err();
        assert_eq!((err.line, err.col), (2, 11));
        assert!(err.message.contains("byte offset 16"), "{err}");
    }

    #[test]
    fn binary_and_unmarked_utf16_are_told_apart() {
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(err.message.contains("binary"), "{err}");
        let err = decode(b"i\0d\0:\0 \0a\0").unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
    }
}
