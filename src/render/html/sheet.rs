//! One sheet as a web page: its sections in the order and with the labels of
//! the one layout, then the related sheets.

use std::fmt::Write as _;

use crate::sheet::{Sheet, Vocabularies};

use super::{PageHead, Shell, escape, markdown::write_markdown, path_segment, write_page};

/// A sheet shown under "Fiches proches".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSheet {
    pub id: String,
    pub title: String,
    pub structure: String,
}

/// `Action terminée, reproductible`.
pub(super) fn status_text(sheet: &Sheet) -> String {
    let mut text = format!("Action {}", sheet.status.label());
    if sheet.reproducible {
        text.push_str(", reproductible");
    }
    text
}

/// `Pays Thur Doller (68) · 2012 – 2014`, or what the sheet gives of it.
pub(super) fn place_and_period(sheet: &Sheet) -> String {
    let place = match (&sheet.territory, &sheet.department) {
        (Some(t), Some(d)) => format!("{t} ({d})"),
        (Some(t), None) => t.clone(),
        (None, Some(d)) => format!("département {d}"),
        (None, None) => String::new(),
    };
    let period = sheet.period.map(|p| match p.end {
        Some(end) if end != p.start => format!("{} – {end}", p.start),
        Some(_) => p.start.to_string(),
        None => format!("depuis {}", p.start),
    });
    [Some(place).filter(|p| !p.is_empty()), period]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The page of one sheet.
pub fn write_sheet_page(
    shell: &Shell,
    sheet: &Sheet,
    _vocabularies: &Vocabularies,
    related: &[RelatedSheet],
) -> String {
    let path = format!("fiches/{}/", path_segment(&sheet.id));
    let head = PageHead {
        title: &sheet.title,
        path: &path,
        scripts: &[],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = write!(
            out,
            "<article class=\"sheet\" data-pagefind-body>\n<h1>{}</h1>\n<p class=\"id\">{}</p>\n",
            escape(&sheet.title),
            escape(&sheet.id)
        );
        write_markdown(out, &sheet.description);
        out.push_str("</article>\n");
        write_related(out, related, root);
    });
    out
}

fn write_related(out: &mut String, related: &[RelatedSheet], root: &str) {
    if related.is_empty() {
        return;
    }
    out.push_str(
        "<nav class=\"related\" aria-labelledby=\"related\">\n<h2 id=\"related\">Fiches proches</h2>\n<ul>\n",
    );
    for other in related {
        let _ = writeln!(
            out,
            "<li><a href=\"{root}fiches/{}/\">{}</a> — {}</li>",
            path_segment(&other.id),
            escape(&other.title),
            escape(&other.structure)
        );
    }
    out.push_str("</ul>\n</nav>\n");
}
