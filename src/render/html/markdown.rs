//! Markdown text of a sheet (description, results, …) as HTML.
//!
//! Invariants: raw HTML in the source is shown as text, never passed
//! through; a link survives only with an `http`/`https` address and gets
//! `rel="noopener noreferrer"` (other links keep their words); images become
//! their description, so a page never loads anything from elsewhere;
//! headings become bold paragraphs, so a page keeps its one `h1` and the
//! layout's sections stay the only `h2`.

use maud::{Markup, PreEscaped};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{escape, is_web_address};

/// The HTML of `text`, ready for a template.
///
/// This is the one place where markup enters a page without the
/// templates' escaping (`PreEscaped`): pulldown-cmark escapes the text it
/// writes, and the events below turn raw HTML into text, drop images and
/// links to anything but a web address (whose address goes through
/// [`escape`]), so nothing from the sheet can add an element or an
/// attribute of its own.
pub fn markdown(text: &str) -> Markup {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Whether each open link was kept, so its end matches.
    let mut links: Vec<bool> = Vec::new();
    let mut in_image = 0_usize;
    let events = Parser::new_ext(text, Options::empty()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { dest_url, .. }) => {
            let kept = is_web_address(&dest_url);
            links.push(kept);
            kept.then(|| {
                Event::Html(CowStr::from(format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer\">",
                    escape(dest_url.trim())
                )))
            })
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::Html(CowStr::Borrowed("</a>"))),
        Event::Start(Tag::Image { .. }) => {
            in_image += 1;
            None
        }
        Event::End(TagEnd::Image) => {
            in_image = in_image.saturating_sub(1);
            None
        }
        Event::Start(Tag::Heading { .. }) => Some(Event::Html(CowStr::Borrowed("<p><strong>"))),
        Event::End(TagEnd::Heading(_)) => Some(Event::Html(CowStr::Borrowed("</strong></p>\n"))),
        other => Some(other),
    });
    pulldown_cmark::html::push_html(&mut out, events);
    PreEscaped(out)
}

/// The words of `text` without its markup, on one line: what a summary or
/// a link preview shows. Raw HTML counts as text, as on the page.
pub fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, Options::empty()) {
        match event {
            Event::Text(words)
            | Event::Code(words)
            | Event::Html(words)
            | Event::InlineHtml(words) => {
                out.push_str(&words);
            }
            // Blocks end with a space; inline emphasis and links do not.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    crate::chars::one_line(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        markdown(text).into_string()
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = html("Avant <script>alert(1)</script> après\n\n<img src=x onerror=alert(1)>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn only_web_links_are_kept() {
        let out = html("[site](https://example.org/a?b=1&c=2) [mal](javascript:alert(1))");
        assert!(
            out.contains(
                "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">site</a>"
            ),
            "{out}"
        );
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("mal"), "{out}");
    }

    #[test]
    fn images_and_headings_are_tamed() {
        let out = html("# Titre\n\n![un schéma](https://tracker.example/pixel.png)");
        assert!(!out.contains("<h1"), "{out}");
        assert!(out.contains("<p><strong>Titre</strong></p>"), "{out}");
        assert!(!out.contains("tracker"), "{out}");
        assert!(out.contains("un schéma"), "{out}");
    }

    #[test]
    fn plain_text_keeps_the_words_only() {
        assert_eq!(
            plain_text("# Titre\n\n**Gras** et [lien](https://a.fr)\n- un\n- deux"),
            "Titre Gras et lien un deux"
        );
    }

    #[test]
    fn lists_and_emphasis_read_as_markdown() {
        let out = html("**Montage.** Un diagnostic.\n\n- un\n- deux");
        assert!(out.contains("<strong>Montage.</strong>"), "{out}");
        assert!(out.contains("<li>un</li>"), "{out}");
    }
}
