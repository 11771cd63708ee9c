//! Temporary files: `.NAME.XXXXXX.tmp` beside the file NAME they will
//! become, created exclusively with `O_NOFOLLOW` and registered with
//! [`super::cleanup`] from the moment they exist.

use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result, bail};
use rustix::fs::{Mode, OFlags};
use rustix::io::Errno;

use super::cleanup::{Pending, Registered, register};

/// `(name, file)` of a new private temporary file beside `name`.
pub(super) fn create_temporary(
    folder: &Arc<OwnedFd>,
    name: &str,
    shown: &Path,
    mode: u32,
) -> Result<((String, std::fs::File), Registered)> {
    let mut stem = name;
    while stem.len() > 200 {
        let mut cut = 200;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem = &stem[..cut];
    }
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    for _ in 0..64 {
        let temporary = format!(".{stem}.{}.tmp", random_suffix());
        let created = register(|| {
            let fd = rustix::fs::openat(
                &**folder,
                temporary.as_str(),
                flags,
                Mode::from_raw_mode(mode),
            )?;
            Ok::<_, Errno>((
                std::fs::File::from(fd),
                Pending::InFolder {
                    folder: Arc::clone(folder),
                    name: temporary.clone(),
                },
            ))
        });
        match created {
            Ok((file, registered)) => return Ok(((temporary, file), registered)),
            Err(Errno::EXIST) => {}
            Err(err) => {
                let place = match shown.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                return Err(std::io::Error::from(err))
                    .with_context(|| format!("cannot create a file in {}", place.display()));
            }
        }
    }
    bail!("cannot create a temporary file: too many names taken")
}

/// Whether `file` is named like a temporary file beside `name`.
pub fn is_temporary_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(stem, suffix)| {
            name.starts_with(stem)
                && !stem.is_empty()
                && suffix.len() == 6
                && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

fn random_suffix() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    // Read once: asking the system for it costs a call per file.
    static PROCESS: OnceLock<u32> = OnceLock::new();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let process = *PROCESS.get_or_init(std::process::id);
    let seed = format!("{nanos}:{process}:{count}");
    let mut value = xxhash_rust::xxh3::xxh3_64(seed.as_bytes());
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..6)
        .map(|_| {
            let c = alphabet[usize::try_from(value % 36).unwrap_or(0)];
            value /= 36;
            char::from(c)
        })
        .collect()
}
