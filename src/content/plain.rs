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
    // A subtitle is the line right under the title: short, not a sentence or a lead-in (a
    // question is fine), not a list item or a link, and not the first line of a wrapped paragraph.
    if title.is_some()
        && let Some(line) = lines.get(at).map(|l| l.trim())
        && !line.is_empty()
        && line.chars().count() <= MAX_SUBTITLE
        && !line.ends_with(['.', '!', ';', ',', ':', '…'])
        && list_marker(line).is_none()
        && !has_url(line)
        && lines.get(at + 1).is_none_or(|l| l.trim().is_empty() || is_hard_wrapped(&lines[at..]).is_none())
    {
        subtitle = Some(line.to_string());
        at += 1;
    }
    let body = &lines[at..];
    // A body right under the title or subtitle does not start after a blank line.
    let after_blank = at == 0 || lines[at - 1].trim().is_empty();
    Article { title, subtitle, markdown: to_markdown(body, after_blank), head_lines: at }
}

/// One block of the body.
enum Block {
    Para(String),
    Subhead(String),
    Item { ordered: bool, number: u64, text: String },
}

/// The body `lines` (title and subtitle already taken) as markdown; `after_blank` when a blank
/// line stands above the first.
fn to_markdown(lines: &[&str], after_blank: bool) -> String {
    let wrapped = is_hard_wrapped(lines);
    let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open_para = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            open_para = false;
            continue;
        }
        let blank_before = if i == 0 { after_blank } else { lines[i - 1].trim().is_empty() };
        let blank_after = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        if let Some((ordered, number, rest)) = list_marker(line) {
            blocks.push(Block::Item { ordered, number, text: rest.to_string() });
            open_para = wrapped.is_some();
            continue;
        }
        // A subhead stands alone and has something under it (a short last line is a sign-off).
        if blank_before && blank_after && i < last && is_subhead(line) {
            blocks.push(Block::Subhead(line.to_string()));
            open_para = false;
            continue;
        }
        // A hard-wrapped line continues the paragraph above it; a list item only when it is
        // indented or the line above filled the width (else the list has ended).
        let continues = match (blocks.last(), wrapped) {
            (Some(Block::Item { .. }), Some(width)) => {
                raw.starts_with([' ', '\t']) || lines[i - 1].trim().chars().count() * 10 >= width * 7
            }
            _ => true,
        };
        if open_para
            && continues
            && let Some(Block::Para(text) | Block::Item { text, .. }) = blocks.last_mut()
        {
            text.push(' ');
            text.push_str(line);
            continue;
        }
        blocks.push(Block::Para(line.to_string()));
        open_para = wrapped.is_some();
    }
    write(&blocks)
}

fn write(blocks: &[Block]) -> String {
    let mut out = String::new();
    // Which list is open: (ordered, the delimiter in use), to tell CommonMark where one list
    // ends and the next begins (a new delimiter starts a new list).
    let mut list: Option<(bool, char)> = None;
    let mut last_delim = (')', '*');
    let mut last_number = 0;
    for block in blocks {
        match block {
            Block::Item { ordered, number, text } => {
                // Numbering that starts again, or jumps, starts a new list (which keeps the
                // numbers as written).
                let restart = *ordered && (*number == 1 || (list.is_some() && *number != last_number + 1));
                last_number = *number;
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
                // A `#` at the end would close the heading: escape it, so it shows.
                let text = inline(text);
                let text = match text.strip_suffix('#') {
                    Some(rest) if !rest.ends_with('\\') => format!("{rest}\\#"),
                    _ => text,
                };
                out.push_str(&format!("\n## {text}\n"));
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

/// A short line without closing punctuation, and not a link.
fn is_subhead(line: &str) -> bool {
    line.chars().count() <= MAX_SUBHEAD
        && !has_url(line)
        && !line.ends_with(['.', '!', '?', ';', ',', ':', '…'])
        && line.chars().next().is_some_and(char::is_alphanumeric)
}

/// Most lines fill to a similar width: at least 4 lines of prose, the longest (bar a tenth)
/// under 100 characters, and at least 60% of them within 70% of that width. Returns the width.
fn is_hard_wrapped(lines: &[&str]) -> Option<usize> {
    let mut widths: Vec<usize> =
        lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).map(|l| l.chars().count()).collect();
    if widths.len() < 4 {
        return None;
    }
    widths.sort_unstable();
    let wide = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    if !(40..=100).contains(&wide) {
        return None;
    }
    let full = widths.iter().filter(|w| **w * 10 >= wide * 7).count();
    // Wrapped lines mostly stop mid-sentence; lines that each end a sentence are paragraphs.
    let prose: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let ended = prose.iter().filter(|l| l.ends_with(['.', '!', '?', ':', ';'])).count();
    (full * 10 >= widths.len() * 6 && ended * 2 < prose.len()).then_some(wide)
}

/// True when `line` holds a web address.
fn has_url(line: &str) -> bool {
    line.split_whitespace().any(|w| url_in(w).is_some())
}

/// The web address in `word`, as (start, end) byte offsets: `http(s)://…` or `www.…`, without
/// the brackets or quotes around it and the punctuation after it; a closing `)` stays when the
/// address opened one (`…/Mentor_(role)`).
fn url_in(word: &str) -> Option<(usize, usize)> {
    let start = word.find("https://").or_else(|| word.find("http://")).or_else(|| word.find("www."))?;
    if !word[..start].chars().all(|c| matches!(c, '<' | '(' | '"' | '\'' | '[')) {
        return None;
    }
    let mut end = word.len();
    loop {
        let url = &word[start..end];
        let c = url.chars().last()?;
        let unbalanced = c == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '>' | '"' | '\'' | ']') || unbalanced {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    let url = &word[start..end];
    // `https://intranet/wiki` is an address too; a bare `www.x` needs its dot.
    let ok = match url.split_once("://") {
        Some((_, host)) => host.chars().next().is_some_and(char::is_alphanumeric),
        None => url.len() > 4 && url[4..].contains('.'),
    };
    ok.then_some((start, end))
}

/// Text as markdown that shows every character as written (no markup, and no smart
/// punctuation: `--`, `...` and straight quotes stay as typed); URLs become links.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        if let Some((start, end)) = url_in(word) {
            let url = &word[start..end];
            let target = if url.starts_with("www.") { format!("https://{url}") } else { url.to_string() };
            // `<https://…>` is how plain text marks an address: the brackets go.
            let (before, after) = match (word[..start].strip_suffix('<'), word[end..].strip_prefix('>')) {
                (Some(b), Some(a)) => (b, a),
                _ => (&word[..start], &word[end..]),
            };
            out.push_str(&literal(before, n == 0));
            out.push_str(&format!("[{}](<{}>)", literal(url, false), target.replace(['<', '>'], "")));
            out.push_str(&literal(after, false));
        } else {
            out.push_str(&literal(word, n == 0));
        }
    }
    out
}

/// `word` as markdown text: backslashes before [`is_inline_markup`] characters and the characters smart punctuation would change
/// (quotes, bar an apostrophe inside a word; `--`; `...`), and at the start of a line
/// [`block_start`].
pub fn literal(word: &str, first: bool) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let smart = match c {
            '"' | '\'' => true,
            '-' => prev == Some('-') || next == Some('-'),
            '.' => prev == Some('.') || next == Some('.'),
            _ => false,
        };
        if smart || is_inline_markup(c) {
            out.push('\\');
        }
        out.push(c);
    }
    if first { block_start(out) } else { out }
}

/// Characters markdown could read as inline markup.
fn is_inline_markup(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$')
}

/// `escaped` (a line's escaped first word) with the characters that would start a block escaped.
pub fn block_start(escaped: String) -> String {
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
        assert!(md.contains("[https://example.org/path](<https://example.org/path>)."), "{md}");
        assert_eq!(literal("1984.", true), "1984\\.");
        assert_eq!(literal("#1", true), "\\#1");
    }

    #[test]
    fn the_subtitle_is_the_line_right_under_the_title_and_not_a_sentence() {
        let spaced = read("Growing as a mentor\n\nHi everyone,\n\nThe body starts here and goes on.\n");
        assert_eq!(spaced.subtitle, None, "a line after a blank line is body: {spaced:?}");
        assert!(spaced.markdown.contains("Hi everyone,"), "{spaced:?}");
        let sentence = read("Growing as a mentor\nI have mentored for three years and learned a lot.\nMore.\n");
        assert_eq!(sentence.subtitle, None, "a sentence is the first paragraph: {sentence:?}");
        let question = read("Growing as a mentor\nWhy does it matter?\n\nBody.\n");
        assert_eq!(question.subtitle.as_deref(), Some("Why does it matter?"));
        let link = read("Growing as a mentor\nhttps://example.org/a\n\nBody.\n");
        assert_eq!(link.subtitle, None);
    }

    #[test]
    fn links_and_sign_offs_are_not_subheads() {
        let md = read(
            "Title\n\nFirst paragraph of the text.\n\nhttps://example.org/standalone\n\nSecond paragraph.\n\nThanks\n",
        )
        .markdown;
        assert!(!md.contains("## "), "{md}");
        assert!(md.contains("[https://example.org/standalone](<https://example.org/standalone>)"), "{md}");
        assert!(md.trim_end().ends_with("Thanks"), "{md}");
    }

    #[test]
    fn addresses_keep_their_brackets_and_lose_the_punctuation_after_them() {
        let md =
            read("T\n\nSee https://en.wikipedia.org/wiki/Mentor_(role), <https://a.org/x> and (https://b.org/y).\n")
                .markdown;
        assert!(md.contains("(<https://en.wikipedia.org/wiki/Mentor_(role)>),"), "{md}");
        assert!(md.contains("(<https://a.org/x>) and"), "{md}");
        assert!(!md.contains("\\<[https"), "angle brackets around an address go: {md}");
        assert!(
            md.contains("((https://b.org/y)](<https://b.org/y>)).") || md.contains("(<https://b.org/y>))."),
            "{md}"
        );
    }

    #[test]
    fn smart_punctuation_is_not_applied_to_plain_text() {
        let md = read("T\n\nRun it with --force... then say \"done\" -- it's 'quick' <!--more-->.\n").markdown;
        assert!(md.contains("\\-\\-force\\.\\.\\."), "{md}");
        assert!(md.contains("\\\"done\\\" \\-\\- it\\'s \\'quick\\'"), "{md}");
        assert!(md.contains("\\<!\\-\\-more\\-\\-\\>"), "{md}");
    }

    #[test]
    fn in_hard_wrapped_text_a_list_ends_at_an_unindented_line_after_a_short_item() {
        let text = "Title\n\nAs a mentee you should prepare for each session with the list below,\nwhich is long enough to wrap across lines in the original export:\n1. Write down three questions before the meeting starts and send them\n   to your mentor a day ahead\n2. Bring notes\nNemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut\nfugit, sed quia consequuntur magni dolores eos qui ratione voluptatem.\n";
        let md = read(text).markdown;
        assert!(md.contains("send them to your mentor a day ahead\n"), "an indented line continues the item: {md}");
        assert!(md.contains("2. Bring notes\n\nNemo enim"), "the paragraph after the list is its own: {md}");
    }

    #[test]
    fn helper_pass_shapes_sentences_hashes_jumps_and_dotless_hosts() {
        // Lines that each end a sentence are paragraphs, even at a similar width.
        let lines = "Arrive a few minutes early and make sure the room is booked.\nBring the notes from last time and the questions you wrote.\nStart with how the week went before any of the big topics.\nAgree on one thing to try before the next meeting starts.\n";
        assert_eq!(read(&format!("T\n\n{lines}")).markdown.trim().split("\n\n").count(), 4);
        let md = read("Langs\nx\n\nIntro para.\n\nLearn C #\n\nMore.\n").markdown;
        assert!(md.contains("## Learn C \\#"), "{md}");
        let md = read("T\n\nList:\n3. three\n4. four\n\n10. ten\n11. eleven\n").markdown;
        assert!(md.contains("4. four\n") && md.contains("10) ten"), "a jump starts a new list: {md}");
        let md = read("T\n\nSee https://intranet/wiki here\n\nEnd.\n").markdown;
        assert!(md.contains("](<https://intranet/wiki>)") && !md.contains("## "), "{md}");
        let md = read("Title\nSub\nThird line here\n\nbody text.\n").markdown;
        assert!(!md.contains("## "), "a line right under the subtitle is not a subhead: {md}");
    }
}
