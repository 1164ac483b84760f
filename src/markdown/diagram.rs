//! Mermaid diagrams drawn at build time, as inline SVG, so they need no script, work from
//! `file://`, in print and in feeds, and cost the reader nothing.
//!
//! `mermaid-rs-renderer` parses, lays out and draws the diagram. We use its lenient parser (its
//! strict validator rejects the activation shorthand `A->>+B`, which its parser supports), draw
//! with the theme's light colours so the SVG looks right where no stylesheet applies, and leave
//! the rest to the theme: `style.css` maps those exact colours to its own variables, so a
//! diagram follows the light and dark schemes. Every id in a diagram is prefixed with its
//! ordinal on the page, so several diagrams (and print pages, which prefix ids again) never
//! share one. A diagram the renderer cannot draw, or that makes it panic, stays visible as its
//! source with a warning at its line. Drawing a large flowchart can take a second, so results
//! are kept for the life of the process (`serve` redraws only diagrams that changed) and, with
//! the page, in the build cache. `serve`'s first build leaves diagrams it has not drawn before
//! as their source ([`Store::later`]) and draws them after its first page is up.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex, Once};

use mermaid_rs_renderer::{LayoutConfig, Theme, compute_layout, parse_mermaid, render_svg};

use super::Pass;
use super::highlight;
use super::markup::DiagramForm;
use crate::diagnostic::Kind;

/// What drawing a diagram's source gave: the SVG, or why there is none.
type Drawn = Result<Arc<str>, String>;

impl Pass<'_, '_> {
    /// One fenced block at byte `offset`: a Mermaid diagram drawn, any other code highlighted.
    pub(super) fn code_block(&mut self, lang: &str, code: &str, offset: usize) -> String {
        if lang.eq_ignore_ascii_case("mermaid") {
            self.diagram(code, offset)
        } else {
            highlight::code_block(lang, code, self.opts.highlight)
        }
    }

    /// One ```` ```mermaid ```` block at byte `offset`: the diagram, or its source and a warning.
    fn diagram(&mut self, code: &str, offset: usize) -> String {
        let store = self.opts.diagrams;
        let drawn = match drawn(code, store) {
            Some(done) => done,
            None if store.is_some_and(|s| s.later(code)) => {
                self.undrawn += 1;
                return highlight::code_block("mermaid", code, None);
            }
            None => draw(code, store),
        };
        match drawn {
            Ok(svg) => {
                self.diagrams += 1;
                let form = form(&svg, code, &format!("mermaid-{}-", self.diagrams));
                let html = self.opts.markup.diagram(&form);
                self.markup_result(html)
            }
            Err(why) => {
                let (line, col) = self.position(offset);
                self.warn(
                    line,
                    col,
                    Kind::General,
                    format!("this Mermaid diagram could not be drawn ({why}); its source is shown"),
                );
                highlight::code_block("mermaid", code, None)
            }
        }
    }
}

/// Where drawn diagrams are kept between builds (the build cache), by their source: a change of
/// config or of another page re-renders a page, but need not redraw its diagrams.
pub trait Store: Sync {
    /// The SVG drawn earlier from `source`, if kept.
    fn get(&self, source: &str) -> Option<String>;
    /// Keeps the SVG drawn from `source`.
    fn put(&self, source: &str, svg: &str);
    /// True when a diagram not drawn yet is to be shown as its source now and drawn later
    /// (`serve`'s first build, so that its first page does not wait for every diagram); the
    /// store then keeps `source` for whoever draws it.
    fn later(&self, _source: &str) -> bool {
        false
    }
}

/// Diagrams drawn so far, by a hash of their source.
static DRAWN: LazyLock<Mutex<HashMap<u64, Drawn>>> = LazyLock::new(Default::default);

thread_local! {
    /// Set while this thread draws, so the panic hook keeps a renderer panic off the terminal
    /// (it becomes a warning instead).
    static DRAWING: Cell<bool> = const { Cell::new(false) };
}

/// The SVG for one diagram's source, or why it cannot be drawn.
pub fn draw(source: &str, store: Option<&dyn Store>) -> Drawn {
    if let Some(done) = drawn(source, store) {
        return done;
    }
    let result = draw_uncached(&normalise(source));
    if let (Ok(svg), Some(store)) = (&result, store) {
        store.put(source, svg);
    }
    if let Ok(mut m) = DRAWN.lock() {
        m.insert(memo_key(source), result.clone());
    }
    result
}

/// What drawing `source` gave, when this process drew it already or `store` kept its SVG.
fn drawn(source: &str, store: Option<&dyn Store>) -> Option<Drawn> {
    let key = memo_key(source);
    if let Some(done) = DRAWN.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Some(done);
    }
    let svg: Arc<str> = store.and_then(|s| s.get(source)).filter(|svg| svg.starts_with("<svg"))?.into();
    if let Ok(mut m) = DRAWN.lock() {
        m.insert(key, Ok(svg.clone()));
    }
    Some(Ok(svg))
}

/// The key of `source` among the diagrams drawn so far.
fn memo_key(source: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    hasher.finish()
}

/// Lines beyond which a diagram is not drawn: layout time grows faster than the size (300 nodes
/// take about 2 s, 1,000 about 17 s), and the largest of the 508 diagrams in the test corpora
/// has 209 lines.
const MAX_LINES: usize = 600;

fn draw_uncached(source: &str) -> Drawn {
    let lines = source.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > MAX_LINES {
        return Err(format!("{lines} lines, more than the {MAX_LINES} drawn at build time"));
    }
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !DRAWING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    DRAWING.with(|d| d.set(true));
    let drawn = std::panic::catch_unwind(|| {
        let theme = theme();
        let config = LayoutConfig::default();
        parse_mermaid(source).map(|parsed| render_svg(&compute_layout(&parsed.graph, &theme, &config), &theme, &config))
    });
    DRAWING.with(|d| d.set(false));
    match drawn {
        Ok(Ok(svg)) if svg.starts_with("<svg") => Ok(svg.into()),
        Ok(Ok(_)) => Err("the renderer wrote no SVG".into()),
        Ok(Err(e)) => Err(first_line(&e.to_string())),
        Err(_) => Err("the renderer failed on it".into()),
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// The renderer's modern theme in the default theme's light colours; `style.css` maps each of
/// these values to a variable (keep the two lists in step).
fn theme() -> Theme {
    let mut t = Theme::modern();
    t.font_family = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Liberation Sans, Arial, sans-serif".into();
    let (bg, subtle, fg, muted, strong, border, current) =
        ("#ffffff", "#f6f8fa", "#1f2328", "#59636e", "#818b98", "#d1d9e0", "#e7ecf0");
    t.primary_color = subtle.into();
    t.sequence_actor_fill = subtle.into();
    t.primary_text_color = fg.into();
    t.text_color = fg.into();
    t.primary_border_color = strong.into();
    t.sequence_actor_border = strong.into();
    t.sequence_activation_border = strong.into();
    t.line_color = muted.into();
    t.sequence_actor_line = muted.into();
    t.secondary_color = current.into();
    t.sequence_activation_fill = current.into();
    t.tertiary_color = bg.into();
    t.edge_label_background = bg.into();
    t.background = bg.into();
    t.cluster_background = bg.into();
    t.cluster_border = border.into();
    t.sequence_note_fill = "#fff8c5".into();
    t.sequence_note_border = "#9a6700".into();
    t
}

/// `<br>` in any case and spelling (`<BR>`, `<br/>`, `<br />`) as the renderer reads it.
fn normalise(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let is_br = tail.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("<br"));
        let close = tail.find('>').filter(|&c| is_br && tail[3..c].trim().trim_end_matches('/').trim().is_empty());
        match close {
            Some(c) => {
                out.push_str("<br>");
                rest = &tail[c + 1..];
            }
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What the diagram template gets: the SVG split around where it adds its label, ids prefixed.
fn form(svg: &str, source: &str, prefix: &str) -> DiagramForm {
    let svg = prefix_ids(svg, prefix);
    let open_end = svg.find('>').unwrap_or(0);
    let name = title(source).unwrap_or_else(|| labels(&svg));
    DiagramForm {
        svg_attrs: svg[..open_end].trim_start_matches("<svg").trim_end_matches('/').trim().to_string(),
        svg_inner: svg[open_end + 1..].to_string(),
        name,
        kind: kind(source),
    }
}

/// Every `id` in the SVG, and every `url(#…)` and `href="#…"` aiming at one, with `prefix`.
fn prefix_ids(svg: &str, prefix: &str) -> String {
    let ids: HashSet<&str> =
        svg.match_indices(" id=\"").filter_map(|(at, m)| svg[at + m.len()..].split('"').next()).collect();
    let mut out = String::with_capacity(svg.len() + ids.len() * 4 * prefix.len());
    let mut rest = svg;
    loop {
        let next = [" id=\"", "url(#", "href=\"#"].iter().filter_map(|m| rest.find(m).map(|at| (at, *m))).min();
        let Some((at, marker)) = next else { break };
        let start = at + marker.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find(['"', ')']).map_or(rest.len(), |e| start + e);
        if ids.contains(&rest[start..end]) {
            out.push_str(prefix);
        }
        rest = &rest[start..];
    }
    out.push_str(rest);
    out
}

/// The diagram's own title: `accTitle:`, a `title` line, or front matter's `title:`.
fn title(source: &str) -> Option<String> {
    source.lines().map(str::trim).find_map(|line| {
        let rest = line
            .strip_prefix("accTitle:")
            .or_else(|| line.strip_prefix("title:"))
            .or_else(|| line.strip_prefix("title "))?;
        let rest = rest.trim().trim_matches('"');
        (!rest.is_empty()).then(|| rest.to_string())
    })
}

/// The words the diagram shows, in order, once each, for its accessible name: each `<text>`
/// is one label (its wrapped lines, `<tspan>`s, joined by spaces).
fn labels(svg: &str) -> String {
    const MAX: usize = 200;
    let mut seen = HashSet::new();
    let mut words = String::new();
    for element in svg.split("<text").skip(1) {
        let inner = element.split("</text>").next().unwrap_or("");
        let lines: Vec<&str> = inner
            .split('<')
            .filter_map(|tag| tag.split_once('>').map(|(_, text)| text.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        let text = unescape(&lines.join(" "));
        if text.is_empty() || !seen.insert(text.clone()) {
            continue;
        }
        if !words.is_empty() {
            words.push_str(", ");
        }
        words.push_str(&text);
        if words.chars().count() > MAX {
            let cut: String = words.chars().take(MAX).collect();
            return format!("{}…", cut.trim_end_matches([',', ' ']));
        }
    }
    words
}

/// Text of the SVG as the renderer escaped it (XML's five entities) back to plain text, since the
/// template escapes the name again.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The diagram's kind from its first word (`flowchart`, `sequenceDiagram`), for a CSS class:
/// letters and digits only.
fn kind(source: &str) -> String {
    let first = source
        .lines()
        .map(str::trim)
        .skip_while(|l| *l == "---")
        .find(|l| !l.is_empty() && !l.starts_with("%%") && !l.contains(':') && *l != "---")
        .unwrap_or("");
    let word = first.split([' ', ';', '-']).next().unwrap_or("");
    word.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn br_in_any_spelling_becomes_one() {
        assert_eq!(normalise("A[one<BR>two<br/>three<br />four] --> B<b>"), "A[one<br>two<br>three<br>four] --> B<b>");
    }

    #[test]
    fn ids_and_references_to_them_get_the_prefix_and_nothing_else() {
        let svg = r##"<svg><marker id="arrow-0"/><path id="edge-0" data-edge-id="edge-0" marker-end="url(#arrow-0)"/><a href="#heading"><text>x</text></a><use href="#edge-0"/></svg>"##;
        let out = prefix_ids(svg, "mermaid-2-");
        assert!(out.contains(r#"<marker id="mermaid-2-arrow-0"/>"#), "{out}");
        assert!(out.contains(r#"data-edge-id="edge-0""#), "{out}");
        assert!(out.contains("url(#mermaid-2-arrow-0)"), "{out}");
        assert!(out.contains(r##"href="#heading""##), "a link to the page's own heading stays: {out}");
        assert!(out.contains(r##"href="#mermaid-2-edge-0""##), "{out}");
    }

    #[test]
    fn a_flowchart_and_a_sequence_with_activations_draw() {
        let flow =
            draw("flowchart LR\n  A[Mentor] -->|meets| B(Mentee)\n  B --> C{Goal set?}", None).expect("flowchart");
        assert!(flow.starts_with("<svg") && flow.contains("Mentor") && flow.contains("Mentee"), "{flow}");
        let seq = draw("sequenceDiagram\n  Mentee->>+Mentor: Can we talk?\n  Mentor-->>-Mentee: Yes<BR>today", None)
            .expect("sequence");
        assert!(seq.contains("Can we talk?") && !seq.contains("&lt;BR"), "{seq}");
    }

    #[test]
    fn what_cannot_be_drawn_says_why() {
        let err = draw("flowchart TD\n  A-->", None).expect_err("a dangling edge");
        assert!(!err.is_empty());
        assert!(draw("not a diagram at all", None).is_err());
        let huge: String = std::iter::once("flowchart TD".to_string())
            .chain((0..700).map(|i| format!("  n{i} --> n{}", i + 1)))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(draw(&huge, None).expect_err("too large").contains("701 lines"), "a huge diagram is refused quickly");
    }

    #[test]
    fn the_name_is_the_title_or_the_words_shown() {
        let svg = "<svg><text x=\"1\"><tspan>Mentor</tspan></text><text>Mentee &amp; peer</text><text><tspan>Mentor</tspan></text><text><tspan x=\"1\">Could you</tspan><tspan>help, me?</tspan></text><text>let&apos;s</text></svg>";
        assert_eq!(labels(svg), "Mentor, Mentee & peer, Could you help, me?, let's");
        assert_eq!(title("sequenceDiagram\n  accTitle: First meeting\n  A->>B: hi").as_deref(), Some("First meeting"));
        assert_eq!(title("gantt\n  title Onboarding plan\n"), Some("Onboarding plan".into()));
        assert_eq!(kind("---\ntitle: X\n---\nflowchart LR\nA-->B"), "flowchart");
        assert_eq!(kind("%% a comment\nsequenceDiagram\n"), "sequencediagram");
    }
}
