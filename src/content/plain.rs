//! Plain-text articles: a `.txt` file without front matter (an exported post, a pasted
//! document) read by the rules of plain text, not of markdown, and written out as markdown that
//! the rest of the build treats like any other page.
//!
//! The rules (GUIDE §3): the first non-empty line is the title and a short second line the
//! subtitle; a line break ends a paragraph, unless the text is hard-wrapped (most lines filling
//! to a similar width), when a blank line does; a short line without closing punctuation that
//! stands alone between blank lines is a subhead; lines starting with `1.`, `1)`, `-`, `*` or
//! `•` are list items, and numbering that starts again at 1 starts a new list; URLs become
//! links; every other character is text (markdown's `*`, `_`, `#`, `<` are escaped). A lead-in
//! ending in `:` followed by a list is then a checklist exactly as in markdown.

/// A plain-text article, as markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The first non-empty line.
    pub title: Option<String>,
    /// A short second line, shown as the lead and used as the description.
    pub subtitle: Option<String>,
    /// The rest, as markdown.
    pub markdown: String,
    /// How many lines of the text the title and subtitle took (for line numbers).
    pub head_lines: usize,
}

/// Longest line (in characters) that can be a subtitle.
const MAX_SUBTITLE: usize = 120;
/// Longest line that can be a subhead.
const MAX_SUBHEAD: usize = 80;

/// Reads `text` by the plain-text rules.
pub fn read(text: &str) -> Article {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut at = 0;
    let next_non_empty = |at: &mut usize| -> Option<usize> {
        while *at < lines.len() && lines[*at].trim().is_empty() {
            *at += 1;
        }
        (*at < lines.len()).then_some(*at)
    };
    let title = next_non_empty(&mut at).map(|i| {
        at = i + 1;
        lines[i].trim().to_string()
    });
    let mut subtitle = None;
    // A subtitle sits right under the title (a blank line between is fine) and is short.
    let mut probe = at;
    if title.is_some()
        && let Some(i) = next_non_empty(&mut probe)
        && i <= at + 1
        && lines[i].trim().chars().count() <= MAX_SUBTITLE
        && list_marker(lines[i]).is_none()
        && lines.get(i + 1).is_none_or(|l| l.trim().is_empty() || !is_hard_wrapped(&lines[i..]))
    {
        subtitle = Some(lines[i].trim().to_string());
        at = i + 1;
    }
    let body = &lines[at..];
    Article { title, subtitle, markdown: to_markdown(body), head_lines: at }
}

/// One block of the body.
enum Block {
    Para(String),
    Subhead(String),
    Item { ordered: bool, number: u64, text: String },
}

/// The body `lines` (title and subtitle already taken) as markdown.
pub fn to_markdown(lines: &[&str]) -> String {
    let wrapped = is_hard_wrapped(lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open_para = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            open_para = false;
            continue;
        }
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        let blank_after = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if let Some((ordered, number, rest)) = list_marker(line) {
            blocks.push(Block::Item { ordered, number, text: rest.to_string() });
            open_para = wrapped;
            continue;
        }
        if blank_before && blank_after && is_subhead(line) {
            blocks.push(Block::Subhead(line.to_string()));
            open_para = false;
            continue;
        }
        // A hard-wrapped line continues the paragraph (or list item) above it.
        if open_para && let Some(Block::Para(text) | Block::Item { text, .. }) = blocks.last_mut() {
            text.push(' ');
            text.push_str(line);
            continue;
        }
        blocks.push(Block::Para(line.to_string()));
        open_para = wrapped;
    }
    write(&blocks)
}

fn write(blocks: &[Block]) -> String {
    let mut out = String::new();
    // Which list is open: (ordered, the delimiter in use), to tell CommonMark where one list
    // ends and the next begins (a new delimiter starts a new list).
    let mut list: Option<(bool, char)> = None;
    let mut last_delim = (')', '*');
    for block in blocks {
        match block {
            Block::Item { ordered, number, text } => {
                let restart = *ordered && *number == 1;
                let delim = match list {
                    Some((o, d)) if o == *ordered && !restart => d,
                    _ => {
                        // A new list: not the delimiter of the list just above.
                        let d = if *ordered {
                            last_delim.0 = if last_delim.0 == '.' { ')' } else { '.' };
                            last_delim.0
                        } else {
                            last_delim.1 = if last_delim.1 == '-' { '*' } else { '-' };
                            last_delim.1
                        };
                        if list.is_none() && !out.is_empty() {
                            out.push('\n');
                        }
                        d
                    }
                };
                list = Some((*ordered, delim));
                if *ordered {
                    out.push_str(&format!("{number}{delim} {}\n", inline(text)));
                } else {
                    out.push_str(&format!("{delim} {}\n", inline(text)));
                }
            }
            Block::Para(text) => {
                list = None;
                out.push('\n');
                out.push_str(&inline(text));
                out.push('\n');
            }
            Block::Subhead(text) => {
                list = None;
                out.push_str(&format!("\n## {}\n", inline(text)));
            }
        }
    }
    out
}

/// `1. x`, `1) x`, `- x`, `* x`, `• x` → (ordered, number, x).
fn list_marker(line: &str) -> Option<(bool, u64, &str)> {
    let line = line.trim_start();
    for bullet in ["- ", "* ", "• ", "•\t", "-\t", "*\t"] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (!rest.trim().is_empty()).then(|| (false, 0, rest.trim()));
        }
    }
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    Some((true, line[..digits].parse().ok()?, rest.trim()))
}

/// A short line without closing punctuation.
fn is_subhead(line: &str) -> bool {
    line.chars().count() <= MAX_SUBHEAD
        && !line.ends_with(['.', '!', '?', ';', ',', ':', '…'])
        && line.chars().next().is_some_and(char::is_alphanumeric)
}

/// Most lines fill to a similar width: at least 4 lines of prose, the longest (bar a tenth)
/// under 100 characters, and at least 60% of them within 70% of that width.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    let mut widths: Vec<usize> =
        lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(|l| l.chars().count()).collect();
    if widths.len() < 4 {
        return false;
    }
    widths.sort_unstable();
    let wide = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    if !(40..=100).contains(&wide) {
        return false;
    }
    let full = widths.iter().filter(|w| **w * 10 >= wide * 7).count();
    full * 10 >= widths.len() * 6
}

/// Text as markdown that shows every character as written; URLs become links.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let trimmed = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        if (trimmed.starts_with("https://") || trimmed.starts_with("http://")) && trimmed.len() > 8 {
            out.push('<');
            out.push_str(&trimmed.replace('>', "%3E"));
            out.push('>');
            out.push_str(&escape(&word[trimmed.len()..]));
        } else if n == 0 {
            out.push_str(&escape_start(word));
        } else {
            out.push_str(&escape(word));
        }
    }
    out
}

/// Backslash-escapes every character markdown could read as inline markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`] for the first word of a line, where `#`, `-`, `+`, `=` and `1.` start blocks.
fn escape_start(word: &str) -> String {
    let escaped = escape(word);
    if escaped.starts_with(['#', '-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.find(|c: char| !c.is_ascii_digit()).unwrap_or(escaped.len());
    if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &escaped[..digits], &escaped[digits..]);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_subtitle_and_single_line_paragraphs() {
        let a = read(
            "How to find a mentor\nA short guide for new engineers\n\nFirst paragraph is one long line that goes on and on about many things a reader wants to know.\nSecond paragraph, also one line, on its own.\n",
        );
        assert_eq!(a.title.as_deref(), Some("How to find a mentor"));
        assert_eq!(a.subtitle.as_deref(), Some("A short guide for new engineers"));
        assert_eq!(a.markdown.trim().split("\n\n").count(), 2, "{}", a.markdown);
        assert_eq!(a.head_lines, 2);
    }

    #[test]
    fn hard_wrapped_text_joins_lines_until_a_blank_line() {
        let text = "Title\n\nThis paragraph was wrapped by an editor at about sixty\ncharacters per line, the way old mail clients and\nplain-text exports do it, so its lines are all of\nsimilar width until the paragraph ends.\n\nA second paragraph, also wrapped at the same width so\nthat the detector sees a consistent shape in the text.\n";
        let md = read(text).markdown;
        assert_eq!(md.trim().split("\n\n").count(), 2, "{md}");
        assert!(md.contains("sixty characters"), "{md}");
    }

    #[test]
    fn subheads_lists_restarting_numbers_and_escapes() {
        let text = "Guide\n\nIntro line that is long enough to be a real paragraph of the article text.\n\nPeer Mentoring\n\nBeing a good mentee:\n  1. Ask *questions*\n  2. Listen\n\n  1. Start again\n- a bullet #tag <b>x</b>\nSee https://example.org/path.\n";
        let md = read(text).markdown;
        assert!(md.contains("\n## Peer Mentoring\n"), "{md}");
        assert!(md.contains("1. Ask \\*questions\\*\n2. Listen\n"), "{md}");
        assert!(md.contains("1) Start again"), "a restart at 1 must start a new list: {md}");
        assert!(md.contains("#tag \\<b\\>x\\</b\\>"), "{md}");
        assert!(md.contains("<https://example.org/path>."), "{md}");
        assert_eq!(escape_start("1984."), "1984\\.");
        assert_eq!(escape_start("#1"), "\\#1");
    }
}
