//! Fenced-code highlighting with syntect into CSS classes, and the one stylesheet for them.
//!
//! syntect's bundled grammars are old, so we use the ~200 current ones that `two-face` packages.
//! Loading them costs tens of milliseconds, so the set is loaded once, lazily, on the first code
//! block, and shared by every rayon worker (`SyntaxSet` is `Sync`). Classes rather than inline
//! styles let one stylesheet carry both a light and a dark scheme. A block is parsed once and
//! styled with both themes; each run of text gets the few classes that name its colour and font
//! in each scheme (`hl-l3 hl-d7 hl-lb`: the light theme's fourth colour, the dark theme's
//! eighth, bold in light), so a highlighted block weighs about what Zola's inline styles weigh,
//! not the whole scope stack as nested spans (four times as much), and the colours are exactly
//! those syntect's own scoring picks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::{EmbeddedLazyThemeSet, EmbeddedThemeName};

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Escapes `&`, `<`, `>` and `"` for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).ok();
    out
}

/// Renders one fenced block as `<pre class="code">`, highlighted with `schemes` when given and
/// the language is known.
pub fn code_block(lang: &str, code: &str, schemes: Option<&Schemes>) -> String {
    let lang_attr = escape_html(lang);
    let body = match schemes {
        Some(schemes) if !lang.is_empty() => highlight_lines(lang, code, schemes),
        _ => None,
    };
    let lang_class = if lang.is_empty() { String::new() } else { format!(" class=\"language-{lang_attr}\"") };
    let data = if lang.is_empty() { String::new() } else { format!(" data-lang=\"{lang_attr}\"") };
    let body = body.unwrap_or_else(|| escape_html(code));
    // Focusable so keyboard users can scroll long lines (WCAG 2.1.1).
    format!("<pre class=\"code\" tabindex=\"0\"{data}><code{lang_class}>{body}</code></pre>\n")
}

/// One theme made readable, its highlighter, and the colours its classes are numbered by.
struct Scheme {
    #[cfg(test)]
    theme: &'static Theme,
    highlighter: Highlighter<'static>,
    /// What text without a rule gets; such text gets no class (the page's code colour).
    plain: Style,
    /// Every foreground colour the theme's rules name, in rule order: `hl-l{i}` / `hl-d{i}`.
    colours: Vec<Color>,
    /// Every background colour they name: `hl-lg{i}` / `hl-dg{i}`.
    backgrounds: Vec<Color>,
    /// `l` or `d`.
    letter: char,
}

/// The light and the dark theme of a site, loaded once per pair of names.
pub struct Schemes {
    names: (String, String),
    light: Scheme,
    dark: Scheme,
}

/// The loaded pair for these theme names; an unknown name is an error (the config key, the
/// message) listing the known names.
pub fn schemes(light: &str, dark: &str) -> Result<Arc<Schemes>, (&'static str, String)> {
    static LOADED: Mutex<Vec<Arc<Schemes>>> = Mutex::new(Vec::new());
    let mut loaded = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = loaded.iter().find(|s| s.names.0 == light && s.names.1 == dark) {
        return Ok(found.clone());
    }
    let themes = two_face::theme::extra();
    let light_theme = load_theme(&themes, light, LIGHT_CODE_BG).map_err(|m| ("highlight_theme", m))?;
    let dark_theme = load_theme(&themes, dark, DARK_CODE_BG).map_err(|m| ("highlight_theme_dark", m))?;
    let pair = Arc::new(Schemes {
        names: (light.into(), dark.into()),
        light: scheme(light_theme, 'l'),
        dark: scheme(dark_theme, 'd'),
    });
    loaded.push(pair.clone());
    Ok(pair)
}

fn scheme(theme: Theme, letter: char) -> Scheme {
    // Kept for the process: a handful of themes at most, each loaded once.
    let theme: &'static Theme = Box::leak(Box::new(theme));
    let mut colours = Vec::new();
    let mut backgrounds = Vec::new();
    for item in &theme.scopes {
        if let Some(c) = item.style.foreground.filter(|c| !colours.contains(c)) {
            colours.push(c);
        }
        if let Some(c) = item.style.background.filter(|c| !backgrounds.contains(c)) {
            backgrounds.push(c);
        }
    }
    let highlighter = Highlighter::new(theme);
    let plain = highlighter.get_default();
    Scheme {
        #[cfg(test)]
        theme,
        highlighter,
        plain,
        colours,
        backgrounds,
        letter,
    }
}

impl Scheme {
    #[cfg(test)]
    fn highlighter_theme(&self) -> &'static Theme {
        self.theme
    }

    /// The classes (each with a leading space) that give a run `style` in this scheme.
    fn classes(&self, style: Style, out: &mut String) {
        let l = self.letter;
        if style.foreground != self.plain.foreground
            && let Some(i) = self.colours.iter().position(|&c| c == style.foreground)
        {
            out.push_str(&format!(" hl-{l}{i}"));
        }
        if style.background != self.plain.background
            && let Some(i) = self.backgrounds.iter().position(|&c| c == style.background)
        {
            out.push_str(&format!(" hl-{l}g{i}"));
        }
        for (flag, name) in [(FontStyle::BOLD, 'b'), (FontStyle::ITALIC, 'i'), (FontStyle::UNDERLINE, 'u')] {
            if style.font_style.contains(flag) {
                out.push_str(&format!(" hl-{l}{name}"));
            }
        }
    }

    /// This scheme's rules for its classes, as `css_for_theme` writes rules.
    fn css(&self) -> String {
        let l = self.letter;
        let mut css = String::new();
        let hex = |c: &Color| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
        for (i, c) in self.colours.iter().enumerate() {
            css.push_str(&format!(".hl-{l}{i} {{\n color: {};\n}}\n", hex(c)));
        }
        for (i, c) in self.backgrounds.iter().enumerate() {
            css.push_str(&format!(".hl-{l}g{i} {{\n background-color: {};\n}}\n", hex(c)));
        }
        css.push_str(&format!(".hl-{l}b {{\n font-weight: bold;\n}}\n"));
        css.push_str(&format!(".hl-{l}i {{\n font-style: italic;\n}}\n"));
        css.push_str(&format!(".hl-{l}u {{\n text-decoration: underline;\n}}\n"));
        css
    }
}

/// The block parsed once; each run of text between two scope changes gets the classes of its
/// scope stack in both schemes. Runs with the same classes share one span, and text plain in
/// both gets none.
fn highlight_lines(lang: &str, code: &str, schemes: &Schemes) -> Option<String> {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    let mut parse = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = String::with_capacity(code.len() * 2);
    let mut run = Run::default();
    for line in LinesWithEndings::from(code) {
        let ops = parse.parse_line(line, syntaxes).ok()?;
        let mut start = 0;
        for (at, op) in &ops {
            let at = (*at).min(line.len());
            if at > start {
                schemes.with_classes(stack.as_slice(), |classes| run.push(&mut out, classes, &line[start..at]));
                start = at;
            }
            stack.apply(op).ok()?;
        }
        if start < line.len() {
            schemes.with_classes(stack.as_slice(), |classes| run.push(&mut out, classes, &line[start..]));
        }
    }
    run.close(&mut out);
    Some(out)
}

impl Schemes {
    /// Calls `f` with the classes of text under `stack` in both schemes. Resolving a stack
    /// against a theme's selectors is the costly part of highlighting, and a site's code repeats
    /// the same stacks, so each thread remembers what it resolved (by the pair's address: every
    /// pair lives as long as the process, in [`schemes`]'s list).
    fn with_classes(&self, stack: &[Scope], f: impl FnOnce(&str)) {
        type Resolved = HashMap<(usize, Vec<Scope>), Box<str>>;
        thread_local! {
            static RESOLVED: RefCell<Resolved> = RefCell::new(HashMap::new());
        }
        let me = self as *const Schemes as usize;
        RESOLVED.with_borrow_mut(|resolved| {
            if let Some(classes) = resolved.get(&(me, stack.to_vec())) {
                return f(classes);
            }
            let mut classes = String::new();
            self.light.classes(self.light.highlighter.style_for_stack(stack), &mut classes);
            self.dark.classes(self.dark.highlighter.style_for_stack(stack), &mut classes);
            let classes: Box<str> = classes.trim_start().into();
            f(&classes);
            resolved.insert((me, stack.to_vec()), classes);
        })
    }
}

/// The span being written: its classes, open until a run with other classes comes.
#[derive(Default)]
struct Run {
    classes: String,
}

impl Run {
    fn push(&mut self, out: &mut String, classes: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        if classes != self.classes {
            self.close(out);
            if !classes.is_empty() {
                out.push_str(&format!("<span class=\"{classes}\">"));
            }
            self.classes = classes.to_string();
        }
        pulldown_cmark_escape::escape_html(&mut *out, text).ok();
    }

    fn close(&mut self, out: &mut String) {
        if !self.classes.is_empty() {
            out.push_str("</span>");
        }
        self.classes.clear();
    }
}

/// The highlighting stylesheet: `light` by default, `dark` under `prefers-color-scheme: dark`.
/// An unknown theme name is an error (the config key, the message) listing the known names.
pub fn stylesheet(light: &str, dark: &str) -> Result<String, (&'static str, String)> {
    let pair = schemes(light, dark)?;
    let (light_css, dark_css) = (pair.light.css(), pair.dark.css());
    Ok(format!(
        "/* Generated by mentorbook from the syntect themes {light} and {dark}. Each scheme's rules apply only in\n   that scheme, so a scope one theme colours and the other does not never shows a light colour on a dark\n   background. */\n@media not (prefers-color-scheme: dark) {{\n{light_css}}}\n@media (prefers-color-scheme: dark) {{\n{dark_css}}}\n"
    ))
}

/// `--code-bg` of the default theme's light and dark schemes, which code blocks sit on.
const LIGHT_CODE_BG: Color = Color { r: 0xf6, g: 0xf8, b: 0xfa, a: 0xff };
const DARK_CODE_BG: Color = Color { r: 0x15, g: 0x1b, b: 0x23, a: 0xff };

/// WCAG AA for normal text, with a little margin for rounding.
const MIN_CONTRAST: f64 = 4.6;

/// The theme called `name`, its colours made readable on `code_bg`; unknown names are an error
/// that lists the known ones.
fn load_theme(themes: &EmbeddedLazyThemeSet, name: &str, code_bg: Color) -> Result<Theme, String> {
    let names: Vec<&str> = EmbeddedLazyThemeSet::theme_names().iter().map(|n| n.as_name()).collect();
    let found = EmbeddedLazyThemeSet::theme_names().iter().find(|n| n.as_name() == name).copied();
    let Some(found): Option<EmbeddedThemeName> = found else {
        let hint =
            crate::diagnostic::did_you_mean(name, &names).map(|n| format!(" Did you mean `{n}`?")).unwrap_or_default();
        return Err(format!("unknown highlight theme `{name}`.{hint} Known: {}", names.join(", ")));
    };
    let mut theme: Theme = themes.get(found).clone();
    readable_theme(&mut theme, code_bg);
    Ok(theme)
}

/// Shifts every foreground colour of `theme` until it reads at WCAG AA contrast on both the
/// theme's own background and `code_bg`: popular themes (InspiredGitHub's orange, for one)
/// fall short, and the default theme promises WCAG 2.2 AA.
fn readable_theme(theme: &mut Theme, code_bg: Color) {
    let backgrounds: Vec<Color> = theme.settings.background.into_iter().chain([code_bg]).collect();
    if let Some(fg) = theme.settings.foreground.as_mut() {
        *fg = readable(*fg, &backgrounds);
    }
    for item in &mut theme.scopes {
        let mut bgs = backgrounds.clone();
        bgs.extend(item.style.background);
        if let Some(fg) = item.style.foreground.as_mut() {
            *fg = readable(*fg, &bgs);
        }
    }
}

/// `fg`, mixed toward black (on light backgrounds) or white (on dark) in small steps until its
/// contrast with every one of `backgrounds` is at least [`MIN_CONTRAST`].
fn readable(fg: Color, backgrounds: &[Color]) -> Color {
    let dark_bg = backgrounds.iter().map(|&b| luminance(b)).sum::<f64>() / backgrounds.len().max(1) as f64 <= 0.18;
    let target = if dark_bg { 255.0 } else { 0.0 };
    let mut c = fg;
    for step in 1..=20 {
        if backgrounds.iter().all(|&b| contrast(c, b) >= MIN_CONTRAST) {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |v: u8| (f64::from(v) * (1.0 - t) + target * t).round() as u8;
        c = Color { r: mix(fg.r), g: mix(fg.g), b: mix(fg.b), a: 0xff };
    }
    c
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio of two colours.
fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_schemes() -> Arc<Schemes> {
        schemes("InspiredGitHub", "base16-ocean.dark").unwrap()
    }

    /// The text of `html` with its tags removed and the entities syntect's escaping makes undone.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }

    /// The classes of every span in `html`, with the text each one holds.
    fn spans(html: &str) -> Vec<(Vec<String>, String)> {
        html.split("<span class=\"")
            .skip(1)
            .map(|rest| {
                let (classes, after) = rest.split_once("\">").unwrap();
                let (inner, _) = after.split_once("</span>").unwrap();
                assert!(!inner.contains("<span"), "spans nest: {html}");
                (classes.split(' ').map(String::from).collect(), text_of(inner))
            })
            .collect()
    }

    #[test]
    fn highlights_modern_rust_with_flat_classes_only() {
        let code = "async fn f() -> Option<&'static str> { x.await }\n// done \"now\"\n";
        let html = code_block("rust", code, Some(&default_schemes()));
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.starts_with("<pre class=\"code\" tabindex=\"0\" data-lang=\"rust\"><code class=\"language-rust\">")
        );
        let body = html.split_once("<code class=\"language-rust\">").unwrap().1.split_once("</code>").unwrap().0;
        assert_eq!(text_of(body), code, "every character, once, in order");
        let spans = spans(body);
        assert!(spans.len() >= 4, "{html}");
        assert!(spans.iter().all(|(classes, _)| classes.iter().all(|c| c.starts_with("hl-"))), "{html}");
        // The comment is italic in the light scheme (InspiredGitHub), not in the dark one.
        let comment = spans.iter().find(|(_, text)| text.contains("done")).expect("the comment has a span");
        assert!(comment.0.contains(&"hl-li".to_string()) && !comment.0.contains(&"hl-di".to_string()), "{comment:?}");
    }

    #[test]
    fn each_run_gets_the_colour_syntect_itself_gives_it_in_each_scheme() {
        let pair = default_schemes();
        for (lang, code) in [
            ("python", "def grow(plan):\n    return [goal for goal in plan if goal.open]  # keep\n"),
            ("rust", "/// Docs\nimpl<'a> Plan<'a> {\n    const WEEKS: u8 = 4; // \"first\"\n}\n"),
            ("yaml", "roles:\n  - id: mentor # who\n    weight: 1.5\n"),
            ("css", "@media (min-width: 40em) { .x::before { content: \"a\"; } }\n"),
        ] {
            let html = code_block(lang, code, Some(&pair));
            each_run_matches_syntect(&html, lang, code, &pair);
        }
    }

    fn each_run_matches_syntect(html: &str, lang: &str, code: &str, pair: &Schemes) {
        for scheme in [&pair.light, &pair.dark] {
            // syntect's own inline-style highlighting of the same code, run by run.
            let mut expected = Vec::new();
            let mut lines = syntect::easy::HighlightLines::new(
                SYNTAXES.find_syntax_by_token(lang).unwrap(),
                scheme.highlighter_theme(),
            );
            for line in LinesWithEndings::from(code) {
                for (style, text) in lines.highlight_line(line, &SYNTAXES).unwrap() {
                    expected.extend(text.chars().map(|c| (c, style.foreground)));
                }
            }
            // What the classes say, character by character (no class: the theme's plain colour).
            let mut got = Vec::new();
            let mut rest = html.split_once(&format!("<code class=\"language-{lang}\">")).unwrap().1;
            rest = rest.split_once("</code>").unwrap().0;
            for piece in rest.split("</span>") {
                let (plain, spanned) = piece.split_once("<span class=\"").unwrap_or((piece, ""));
                got.extend(text_of(plain).chars().map(|c| (c, scheme.plain.foreground)));
                if let Some((classes, text)) = spanned.split_once("\">") {
                    let colour = classes
                        .split(' ')
                        .filter_map(|c| c.strip_prefix(&format!("hl-{}", scheme.letter)))
                        .find_map(|n| n.parse::<usize>().ok())
                        .map_or(scheme.plain.foreground, |i| scheme.colours[i]);
                    got.extend(text_of(text).chars().map(|c| (c, colour)));
                }
            }
            assert_eq!(got, expected, "{lang} in scheme {}", scheme.letter);
        }
    }

    #[test]
    fn every_class_a_block_uses_has_a_rule_in_its_scheme() {
        let pair = default_schemes();
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        let (light_css, dark_css) = css.split_once("@media (prefers-color-scheme: dark)").unwrap();
        for (lang, code) in [
            ("rust", "#[derive(Debug)]\nstruct Plan { weeks: u8 }\n"),
            ("yaml", "title: Onboarding\nweeks: 4 # first month\n"),
            ("bash", "for f in *.md; do echo \"$f\"; done\n"),
            ("html", "<p class=\"lead\">Hi &amp; welcome</p>\n"),
        ] {
            let html = code_block(lang, code, Some(&pair));
            for (classes, _) in spans(&html) {
                for class in classes {
                    let in_scheme = if class.starts_with("hl-l") { light_css } else { dark_css };
                    assert!(in_scheme.contains(&format!(".{class} {{")), "{class} of {lang} has no rule: {css}");
                }
            }
        }
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let html = code_block("nope", "<b>", Some(&default_schemes()));
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("<span"));
    }

    #[test]
    fn every_colour_of_the_default_themes_reads_at_aa_contrast() {
        let orange = Color { r: 0xed, g: 0x6a, b: 0x43, a: 0xff };
        assert!(contrast(orange, LIGHT_CODE_BG) < 3.0);
        assert!(contrast(readable(orange, &[LIGHT_CODE_BG]), LIGHT_CODE_BG) >= MIN_CONTRAST);
        let navy = Color { r: 0x1f, g: 0x2a, b: 0x50, a: 0xff };
        assert!(contrast(readable(navy, &[DARK_CODE_BG]), DARK_CODE_BG) >= MIN_CONTRAST);
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(!css.contains("#ed6a43"), "the low-contrast orange is still there");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet("InspiredGitHub", "base16-ocean.dark").unwrap();
        assert!(css.contains("prefers-color-scheme: dark"));
        let (key, message) = stylesheet("InspiredGithub", "base16-ocean.dark").unwrap_err();
        assert_eq!(key, "highlight_theme");
        assert!(message.contains("Did you mean `InspiredGitHub`?"), "{message}");
    }
}
