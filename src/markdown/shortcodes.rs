//! Other generators' calls in a page body: Hugo shortcodes (`{{< name >}}`, `{{% name %}}`),
//! Zola's (`{{ name(arg=1) }}`, `{% name() %}…{% end %}`) and Jekyll's Liquid tags and
//! variables, expanded before the markdown pass so that what they write is parsed like the rest.
//!
//! Built-in shortcodes (`figure`, `youtube`, `vimeo`, `details`, `alert`, `hint`, `notice`) are
//! templates of the theme's `templates/shortcodes/`, so a site adds its own or replaces one by
//! writing `templates/shortcodes/NAME.html`; `ref`/`relref`, `highlight` and the Liquid tags are
//! handled here, because they need the page's links and code blocks. A call inside code is left
//! alone (the escapes `{{</* x */>}}` and `{% raw %}` then show it as written), and an unknown
//! one is a warning at its line and is shown as code, never as curled text. The expanded text
//! keeps a map back to the original offsets, so every later message still names the author's
//! line.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use super::Pass;
use super::call_syntax::{find_close, find_tag, last_closers, parse_args, split_name, zola_call};
use crate::diagnostic::Kind;

/// Stands for a paired shortcode's body in its template's output, which is split there.
const BODY: &str = "\u{E000}mb-shortcode-body\u{E000}";

/// The expanded body and, for each piece of it, where it came from.
pub(super) struct Expanded {
    /// The text the markdown pass reads.
    pub text: String,
    /// `(offset in text, offset in the original, copied verbatim)`, by offset in text.
    pub map: Vec<(usize, usize, bool)>,
}

/// The original offset of `offset` in the expanded text.
pub(super) fn original(map: &[(usize, usize, bool)], offset: usize) -> usize {
    let i = map.partition_point(|(at, _, _)| *at <= offset);
    match i.checked_sub(1).map(|i| map[i]) {
        Some((at, orig, true)) => orig + (offset - at),
        Some((_, orig, false)) => orig,
        None => offset,
    }
}

/// What a shortcode template sees.
#[derive(Serialize)]
pub struct Call<'a> {
    /// Its name.
    pub name: &'a str,
    /// Named arguments.
    pub args: BTreeMap<String, String>,
    /// Positional arguments, in order.
    pub pos: Vec<String>,
    /// Named arguments rendered as inline markdown (HTML, for `| safe`): Hugo markdownifies a
    /// figure's `caption` and a details `summary`.
    pub md: BTreeMap<String, String>,
    /// For a paired call, where its (rendered) body goes.
    pub body: &'a str,
}

/// One parsed call: `{{< name a="b" >}}`.
struct Open<'s> {
    name: &'s str,
    args: BTreeMap<String, String>,
    pos: Vec<String>,
    range: Range<usize>,
}

impl Pass<'_, '_> {
    /// Expands every call in `body`; `None` when there is none (most pages).
    pub(super) fn expand(&mut self, body: &str) -> Option<Expanded> {
        if !body.contains("{{") && !body.contains("{%") {
            return None;
        }
        let code = code_ranges(body);
        let mut out = Expanded { text: String::with_capacity(body.len() + 64), map: Vec::new() };
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = body[at..].find('{').map(|i| i + at) {
            at = found + 1;
            // The code ranges come in document order and never overlap: the one that may hold
            // `found` is the last that starts at or before it.
            let holder = code.partition_point(|c| c.start <= found).checked_sub(1).map(|i| &code[i]);
            if let Some(c) = holder.filter(|c| c.contains(&found)) {
                // Inside code: only the escapes change (`{{</* x */>}}` shows `{{< x >}}`).
                let (end, unescaped) = unescape(&body[found..c.end]);
                if let Some(text) = unescaped {
                    copy(&mut out, body, copied, found);
                    emit(&mut out, &text, found);
                    copied = found + end;
                    at = copied;
                }
                continue;
            }
            let Some((end, replacement)) = self.call_at(body, found) else { continue };
            copy(&mut out, body, copied, found);
            emit(&mut out, &replacement, found);
            copied = end;
            at = end;
        }
        copy(&mut out, body, copied, body.len());
        Some(out)
    }

    /// The call starting at `start`: where it ends and what it becomes.
    fn call_at(&mut self, body: &str, start: usize) -> Option<(usize, String)> {
        let rest = &body[start..];
        if rest.starts_with("{{<") || rest.starts_with("{{%") {
            let percent = rest.starts_with("{{%");
            let close = if percent { "%}}" } else { ">}}" };
            let end = self.find_token(body, start, close)? + 3;
            let inner = body[start + 3..end - 3].trim();
            if let Some(shown) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
                let (o, c) = if percent { ("{{%", "%}}") } else { ("{{<", ">}}") };
                return Some((end, code(&format!("{o} {} {c}", shown.trim()))));
            }
            let (name, args) = split_name(inner.trim_end_matches('/'));
            if let Some(closing) = name.strip_prefix('/') {
                // The closing call of an open paired one writes what follows its body.
                return Some(match self.closes.last() {
                    Some((open, _, _)) if open == closing.trim() => {
                        let (_, after, block) = self.closes.pop().unwrap_or_default();
                        (end, if block { format!("\n\n{after}\n\n") } else { after })
                    }
                    _ => (end, self.unknown(body, start..end, "a closing shortcode without its opening one")),
                });
            }
            if name.is_empty() {
                return Some((end, self.unknown(body, start..end, "a shortcode without a name")));
            }
            let (pos, named) = parse_args(args);
            let open = Open { name, args: named, pos, range: start..end };
            return Some(self.hugo(body, open, inner.ends_with('/')));
        }
        if rest.starts_with("{%") {
            let end = self.find_token(body, start, "%}")? + 2;
            let inner = body[start + 2..end - 2].trim().trim_matches('-').trim();
            if let Some((name, args)) = zola_call(inner) {
                return Some(self.zola_block(body, Open { name, args, pos: Vec::new(), range: start..end }));
            }
            return Some(self.liquid(body, start..end, inner));
        }
        if rest.starts_with("{{") {
            let end = self.find_token(body, start, "}}")? + 2;
            let inner = body[start + 2..end - 2].trim().trim_matches('-').trim();
            if let Some((name, args)) = zola_call(inner) {
                let open = Open { name, args, pos: Vec::new(), range: start..end };
                return Some((end, self.template(&open, false).unwrap_or_else(|| self.unknown_call(body, &open))));
            }
            return self.variable(body, start..end, inner).map(|r| (end, r));
        }
        None
    }

    /// The body range and end of the call closing `name` after `from` (a Hugo call, or with
    /// `liquid` a `{% name %}` tag), remembering where none follows (see [`Pass::unclosed`]).
    pub(super) fn closing(
        &mut self,
        body: &str,
        from: usize,
        name: &str,
        liquid: bool,
    ) -> Option<(Range<usize>, usize)> {
        let key = format!("{}{name}", if liquid { "%" } else { "<" });
        let find = if liquid { find_tag } else { find_close };
        if !liquid {
            // Where each name's last closing call is, from one scan of the page: a call whose
            // name is never closed after it is not looked for (many distinct unclosed names).
            let closers = self.closers.get_or_insert_with(|| last_closers(body));
            if closers.get(name).is_none_or(|&last| last < from) {
                return None;
            }
        }
        if self.unclosed.get(&key).is_some_and(|&none_from| from >= none_from) {
            return None;
        }
        let found = find(body, from, name);
        if found.is_none() {
            let none_from = self.unclosed.entry(key).or_insert(from);
            *none_from = (*none_from).min(from);
        }
        found
    }

    /// Where `token` next occurs at or after `from`, remembering from where it does not.
    fn find_token(&mut self, body: &str, from: usize, token: &str) -> Option<usize> {
        let key = format!("\u{2}{token}");
        if self.unclosed.get(&key).is_some_and(|&none_from| from >= none_from) {
            return None;
        }
        let found = body[from..].find(token).map(|i| i + from);
        if found.is_none() {
            self.unclosed.insert(key, from);
        }
        found
    }

    /// Zola's `{% name(…) %}`, with its body up to `{% end %}` when there is one.
    fn zola_block(&mut self, body: &str, open: Open) -> (usize, String) {
        let end = open.range.end;
        if let Some((inner, close)) = self.closing(body, end, "end", true) {
            let html = self.template(&open, true).unwrap_or_else(|| self.unknown_call(body, &open));
            let (before, after) = split_body(&html);
            return (close, format!("\n\n{before}\n\n{}\n\n{after}\n\n", &body[inner]));
        }
        (end, self.template(&open, false).unwrap_or_else(|| self.unknown_call(body, &open)))
    }

    /// A Hugo call, with its body when a closing call follows.
    fn hugo(&mut self, body: &str, open: Open, self_closing: bool) -> (usize, String) {
        let end = open.range.end;
        let paired = if self_closing { None } else { self.closing(body, end, open.name, false) };
        match open.name {
            "include" if paired.is_none() && !self.opts.markup.has_shortcode("include") => {
                (end, self.hugo_include(body, &open))
            }
            "ref" | "relref" => {
                let target = open.pos.first().or_else(|| open.args.get("path")).cloned().unwrap_or_default();
                (end, self.reference(&target, open.range.start, in_link(body, open.range.start)))
            }
            "highlight" | "mermaid" if paired.is_some() => {
                let (inner, close_end) = paired.unwrap_or_default();
                let lang = if open.name == "mermaid" {
                    "mermaid".into()
                } else {
                    open.pos.first().cloned().unwrap_or_default()
                };
                (close_end, format!("\n\n```{lang}\n{}\n```\n\n", body[inner].trim_matches('\n')))
            }
            _ => match paired {
                Some((inner, close_end)) => {
                    let block = alone_on_line(body, &open.range);
                    let html = self.template(&open, true);
                    let (before, after) = match html {
                        Some(html) => split_body(&html),
                        None => {
                            let close = &body[inner.end..close_end];
                            (self.unknown_call(body, &open), code(close))
                        }
                    };
                    // The body stays in place, so calls inside it expand too and its offsets stay
                    // the author's; the closing call writes `after` when the scan reaches it.
                    self.closes.push((open.name.to_string(), after, block));
                    (end, if block { format!("\n\n{before}\n\n") } else { before })
                }
                None => {
                    if !self_closing {
                        self.warn_unclosed(&open);
                    }
                    let html = self.template(&open, false).unwrap_or_else(|| self.unknown_call(body, &open));
                    let block = alone_on_line(body, &open.range);
                    (end, if block { format!("\n\n{html}\n\n") } else { html })
                }
            },
        }
    }

    /// Hugo's `{{% include "path" %}}`: the markdown of `assets/path`, in place.
    fn hugo_include(&mut self, body: &str, open: &Open) -> String {
        let file = open.pos.first().or_else(|| open.args.get("file")).map_or("", String::as_str);
        let safe = !file.is_empty() && !file.split(['/', '\\']).any(|part| part == "..");
        let text = self
            .opts
            .assets
            .filter(|_| safe)
            .and_then(|dir| std::fs::read_to_string(dir.join(file.trim_start_matches('/'))).ok());
        match text {
            Some(text) => format!("\n\n{}\n\n", text.trim_end()),
            None => self.unknown(body, open.range.clone(), &format!("`include`: no file `assets/{file}`")),
        }
    }

    /// A warning for a call whose template takes a body (it writes one) but that is never
    /// closed: its body is then empty, and the text meant for it follows it.
    fn warn_unclosed(&mut self, open: &Open) {
        let (warned, failed) = (self.warnings.len(), self.errors.len());
        let takes_body = self.template(open, true).is_some_and(|html| html.contains(BODY));
        // A probe: what it found is found again by the real render.
        self.warnings.truncate(warned);
        self.errors.truncate(failed);
        if takes_body {
            let (line, col) = self.position(open.range.start);
            let message = format!(
                "shortcode `{0}` is never closed (no `{{{{< /{0} >}}}}` after it); its body is empty",
                open.name
            );
            self.warn(line, col, Kind::General, message);
        }
    }

    /// Renders `templates/shortcodes/NAME.html`, or `None` when there is no such template.
    fn template(&mut self, open: &Open, paired: bool) -> Option<String> {
        let mut args = open.args.clone();
        if open.name == "figure" {
            for key in ["src", "link"] {
                if let Some(dest) = args.get(key).cloned() {
                    // A figure of a left-out page's image is left out with it (the link pass
                    // warns); a link to a left-out page goes, the figure stays.
                    match self.rewrite_dest(dest.into(), open.range.start) {
                        Some(d) => args.insert(key.to_string(), d.to_string()),
                        None if key == "src" => return Some(String::new()),
                        None => args.remove(key),
                    };
                }
            }
        }
        let md = args.iter().map(|(k, v)| (k.clone(), inline_markdown(v))).collect();
        let call = Call { name: open.name, args, pos: open.pos.clone(), md, body: if paired { BODY } else { "" } };
        match self.opts.markup.shortcode(&call)? {
            // No blank line and no indent: the HTML stays one HTML block for the markdown pass.
            Ok(html) => Some(html.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")),
            Err(e) => {
                let (line, col) = self.position(open.range.start);
                self.errors.push(crate::diagnostic::Diagnostic::error(self.opts.path, line, col, e.message));
                Some(String::new())
            }
        }
    }

    /// `ref`/`relref`: the page's URL, resolved and checked like a markdown link.
    pub(super) fn reference(&mut self, target: &str, offset: usize, in_link: bool) -> String {
        let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
        // As in Hugo, a path that is not beside the page is looked up from the top, then as the
        // one page with that name anywhere (`{{< ref "target.md" >}}`).
        let resolver = self.opts.resolver;
        let found = |p: &str| resolver.resolve(p).is_some() || resolver.excluded(p).is_some();
        let beside = crate::content::url::join(self.opts.source_dir, path).is_some_and(|p| found(&p));
        let from_top;
        let path = if path.is_empty() || path.starts_with('/') || beside {
            path
        } else if found(path) {
            from_top = format!("/{path}");
            &from_top
        } else if let Some(rel) = resolver.unique_name(path) {
            from_top = format!("/{rel}");
            &from_top
        } else {
            path
        };
        // Hugo's `/x.md` is from the content folder's top, not the site's.
        let path = match path.strip_prefix('/') {
            Some(from_top) => {
                format!("{}{from_top}", "../".repeat(self.opts.source_dir.split('/').filter(|s| !s.is_empty()).count()))
            }
            None => path.to_string(),
        };
        let dest = match fragment {
            Some(f) if path.is_empty() => format!("#{f}"),
            Some(f) => format!("{path}#{f}"),
            None => path,
        };
        // Inside a link's destination the link pass checks the result again and warns there.
        let warned = self.warnings.len();
        let href = self.rewrite_dest(dest.clone().into(), offset).map_or(dest, |d| d.to_string());
        if in_link {
            self.warnings.truncate(warned);
        }
        href
    }

    fn unknown_call(&mut self, body: &str, open: &Open) -> String {
        let message = format!(
            "unknown shortcode `{}`; shown as written (a template `templates/shortcodes/{}.html` would render it)",
            open.name, open.name
        );
        self.unknown(body, open.range.clone(), &message)
    }

    /// A warning at the call, and the call as code.
    pub(super) fn unknown(&mut self, body: &str, range: Range<usize>, message: &str) -> String {
        let (line, col) = self.position(range.start);
        self.warn(line, col, Kind::General, message.to_string());
        code(&body[range])
    }
}

/// `text` as inline code, every ASCII punctuation mark as a character reference, so the
/// markdown pass reads none of it as an escape, markup or smart punctuation.
pub(super) fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2 + 13);
    out.push_str("<code>");
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            c if c.is_ascii_punctuation() => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("</code>");
    out
}

/// `text` as inline markdown: its HTML without the paragraph around it.
fn inline_markdown(text: &str) -> String {
    if !text.contains(['*', '_', '`', '[', '<', '&', '~', '"', '\'', '-', '.']) {
        return super::highlight::escape_html(text);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, super::cmark_options()));
    let html = html.trim_end();
    html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")).unwrap_or(html).to_string()
}

fn copy(out: &mut Expanded, body: &str, from: usize, to: usize) {
    if from < to {
        out.map.push((out.text.len(), from, true));
        out.text.push_str(&body[from..to]);
    }
}

fn emit(out: &mut Expanded, text: &str, orig: usize) {
    out.map.push((out.text.len(), orig, false));
    out.text.push_str(text);
}

/// Byte ranges of code (fenced and indented blocks, inline spans) in `body`.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block: Option<usize> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => ranges.extend(block.take().map(|s| s..range.end)),
            Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// In code, the first escape at the start of `text`: its length and what it shows.
fn unescape(text: &str) -> (usize, Option<String>) {
    for (open, close, shown_open, shown_close) in [("{{</*", "*/>}}", "{{<", ">}}"), ("{{%/*", "*/%}}", "{{%", "%}}")] {
        if text.starts_with(open)
            && let Some(end) = text.find(close)
        {
            let inner = &text[open.len()..end];
            return (end + close.len(), Some(format!("{shown_open}{inner}{shown_close}")));
        }
    }
    for marker in ["{% raw %}", "{% endraw %}", "{%raw%}", "{%endraw%}"] {
        if text.starts_with(marker) {
            return (marker.len(), Some(String::new()));
        }
    }
    (0, None)
}

/// True when the call at `start` is a link's destination (`[text](<call>)`).
pub(super) fn in_link(body: &str, start: usize) -> bool {
    let before = &body[..start];
    before.ends_with("](") || before.ends_with("](<")
}

/// True when nothing but spaces stands before and after `range` on its line.
fn alone_on_line(body: &str, range: &Range<usize>) -> bool {
    let start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[range.end..].find('\n').map_or(body.len(), |i| range.end + i);
    body[start..range.start].trim().is_empty() && body[range.end..end].trim().is_empty()
}

/// A paired call's HTML split around its body.
fn split_body(html: &str) -> (String, String) {
    match html.split_once(BODY) {
        Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
        None => (html.trim().to_string(), String::new()),
    }
}
