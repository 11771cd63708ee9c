//! Long text on a terminal goes through a pager, as git does: `PAGER`, or
//! `less -FRX` (quit if one screen, keep colours, leave the text on screen).

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// Sends `text` to the pager when it is taller than the terminal. Returns
/// `false`, having written nothing, when there is no terminal, the text
/// fits, `PAGER` is empty or `cat`, or the pager cannot be started; the
/// caller then writes the text itself.
pub fn page(text: &[u8]) -> io::Result<bool> {
    let Some((_, terminal_size::Height(height))) = terminal_size::terminal_size() else {
        return Ok(false);
    };
    let lines = text.split(|b| *b == b'\n').count().saturating_sub(1);
    if lines < usize::from(height) {
        return Ok(false);
    }
    let pager = std::env::var("PAGER").unwrap_or_else(|_| "less -FRX".to_owned());
    let pager = pager.trim();
    if pager.is_empty() || pager == "cat" {
        return Ok(false);
    }
    let Ok(mut child) = Command::new("sh")
        .args(["-c", pager])
        .stdin(Stdio::piped())
        .spawn()
    else {
        return Ok(false);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit early closes the pipe: that is no error.
        match stdin.write_all(text) {
            Err(err) if err.kind() != io::ErrorKind::BrokenPipe => return Err(err),
            _ => {}
        }
    }
    child.wait()?;
    Ok(true)
}
