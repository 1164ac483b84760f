//! Jekyll's Liquid in a page body: the tags `highlight`, `raw`, `comment`, `link`, `post_url`
//! and `include`, and the variables `site.url`, `site.baseurl`, `site.title` and `page.title`,
//! expanded with the Hugo and Zola calls by [`super::shortcodes`] before the markdown pass.
//!
//! `{% link path %}` is a path from the content folder's top, as Jekyll's is from the site's
//! source. `{{ site.baseurl }}` is the way back to the site's root from the page, so
//! `{{ site.baseurl }}/x/` works from any depth and from `file://`; right after `{{ site.url }}`
//! (the configured `base_url`) it is empty, so the pair makes the site's address. An include's
//! own Liquid (its `include.*` parameters, variables and nested includes) is expanded too.

use std::ops::Range;

use super::Pass;
use super::call_syntax::{parse_args, split_name};
use super::highlight::escape_html;
use crate::diagnostic::Kind;

/// How deep includes may nest (an include that includes itself stops there).
const MAX_INCLUDE_DEPTH: usize = 8;

impl Pass<'_, '_> {
    /// A Liquid tag: `highlight`, `raw`, `link`, `post_url`, `include`, `comment`.
    pub(super) fn liquid(&mut self, body: &str, range: Range<usize>, inner: &str) -> (usize, String) {
        let (tag, args) = split_name(inner);
        let end = range.end;
        let mut paired_with = |closing: &str| self.closing(body, end, closing, true);
        match tag {
            "raw" => match paired_with("endraw") {
                Some((inner, close)) => (close, body[inner].to_string()),
                None => (end, self.unknown(body, range, "`{% raw %}` without `{% endraw %}`")),
            },
            "comment" => paired_with("endcomment").map_or((end, String::new()), |(_, close)| (close, String::new())),
            "highlight" => match paired_with("endhighlight") {
                Some((inner, close)) => {
                    let lang = args.split_whitespace().next().unwrap_or("");
                    (close, format!("\n\n```{lang}\n{}\n```\n\n", body[inner].trim_matches('\n')))
                }
                None => (end, self.unknown(body, range, "`highlight` without `endhighlight`")),
            },
            "link" => {
                let path = args.trim().trim_matches(['"', '\'']);
                let in_link = super::shortcodes::in_link(body, range.start);
                (end, self.reference(&format!("/{}", path.trim_start_matches('/')), range.start, in_link))
            }
            "post_url" => (end, self.post_url(body, range, args.trim())),
            "include" | "include_relative" => {
                let text = self.include(args, range.start, 0);
                (end, text.unwrap_or_else(|| self.unknown(body, range, &include_missing(args))))
            }
            _ => (end, self.unknown(body, range, &format!("unknown Liquid tag `{tag}`"))),
        }
    }

    /// `{% post_url 2024-05-01-name %}`: the post's URL from this page. A post this build leaves
    /// out gives its root-relative URL, so the link pass warns and writes the link as text.
    fn post_url(&mut self, body: &str, range: Range<usize>, name: &str) -> String {
        if let Some(target) = self.opts.resolver.resolve_post(name) {
            let mut href = crate::content::url::root_prefix(self.opts.page_url);
            href.push_str(&crate::content::url::link_form(&target.url, self.opts.index_html));
            return href;
        }
        if let Some(url) = self.opts.resolver.post_left_out(name) {
            return format!("/{url}");
        }
        let (line, col) = self.position(range.start);
        self.warn(line, col, Kind::BrokenLink, format!("`post_url`: no post named `{name}`"));
        super::shortcodes::code(&body[range])
    }

    /// The text of `_includes/FILE` with its parameters, variables and nested includes filled
    /// in; `None` when there is no such file.
    fn include(&mut self, args: &str, offset: usize, depth: usize) -> Option<String> {
        let file = args.split_whitespace().next().unwrap_or("");
        if file.is_empty() || file.contains("..") {
            return None;
        }
        let text = std::fs::read_to_string(self.opts.includes?.join(file)).ok()?;
        let (_, params) = parse_args(args.trim_start().trim_start_matches(file));
        // An unquoted value that names a variable (`who=page.title`) is that variable's value.
        let params: Vec<(String, String)> =
            params.into_iter().map(|(k, v)| (k, self.variable_value(&v, false).unwrap_or(v))).collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while let Some(i) = text[at..].find('{').map(|i| i + at) {
            let rest = &text[i..];
            let (close, is_tag) = if rest.starts_with("{{") {
                ("}}", false)
            } else if rest.starts_with("{%") {
                ("%}", true)
            } else {
                out.push_str(&text[at..=i]);
                at = i + 1;
                continue;
            };
            let Some(end) = rest.find(close).map(|e| i + e + 2) else { break };
            out.push_str(&text[at..i]);
            let inner = text[i + 2..end - 2].trim().trim_matches('-').trim();
            let filled = if is_tag {
                match split_name(inner) {
                    ("include", nested) if depth < MAX_INCLUDE_DEPTH => self.include(nested, offset, depth + 1),
                    _ => None,
                }
            } else {
                let name = inner.split('|').next().unwrap_or("").trim();
                let after_url = out.trim_end().ends_with(&self.variable_value("site.url", false).unwrap_or_default());
                // `| default: "x"` fills a parameter the call did not pass.
                let default = inner.split('|').skip(1).find_map(|f| f.trim().strip_prefix("default:"));
                let default = default.map(|d| quoted(d).unwrap_or(d.trim()).to_string());
                match name.strip_prefix("include.") {
                    Some(key) => Some(
                        params
                            .iter()
                            .find(|(k, v)| k == key && !v.is_empty())
                            .map(|(_, v)| v.clone())
                            .or(default)
                            .unwrap_or_default(),
                    ),
                    None => self.variable_value(name, after_url),
                }
            };
            match filled {
                Some(f) => out.push_str(&f),
                None => {
                    let (line, col) = self.position(offset);
                    let what = &text[i..end];
                    self.warn(line, col, Kind::General, format!("`include {file}`: `{what}` is not expanded"));
                    out.push_str(&escape_html(what));
                }
            }
            at = end;
        }
        out.push_str(&text[at..]);
        Some(out)
    }

    /// `{{ site.baseurl }}`, `{{ site.url }}`, `{{ site.title }}`, `{{ page.title }}`; other
    /// dotted names are unknown variables, anything else is left as text.
    pub(super) fn variable(&mut self, body: &str, range: Range<usize>, inner: &str) -> Option<String> {
        let mut parts = inner.split('|');
        let name = parts.next().unwrap_or("").trim();
        let filters: Vec<&str> = parts.map(str::trim).collect();
        let literal = quoted(name);
        let known = name.starts_with("site.") || name.starts_with("page.") || name.starts_with("include.");
        if !known && literal.is_none() {
            // `{{ x | filter }}` is Liquid; plain `{{ x }}` may be the author's own text.
            return (!filters.is_empty())
                .then(|| self.unknown(body, range, &format!("unknown Liquid variable `{name}`")));
        }
        let before = body[..range.start].trim_end();
        let after_url = ["{{ site.url }}", "{{site.url}}"].iter().any(|u| before.ends_with(u));
        let Some(mut value) = literal.map(str::to_string).or_else(|| self.variable_value(name, after_url)) else {
            return Some(self.unknown(body, range, &format!("unknown Liquid variable `{name}`")));
        };
        for filter in filters {
            let (f, arg) = filter.split_once(':').map_or((filter, ""), |(f, a)| (f.trim(), a.trim()));
            value = match f {
                // Jekyll's site-relative address; here relative to the page, like every link.
                "relative_url" => {
                    format!("{}{}", crate::content::url::root_prefix(self.opts.page_url), value.trim_start_matches('/'))
                }
                "absolute_url" => {
                    format!("{}/{}", self.opts.site.base_url.trim_end_matches('/'), value.trim_start_matches('/'))
                }
                "default" if value.is_empty() => quoted(arg).unwrap_or(arg).to_string(),
                "default" => value,
                "strip" => value.trim().to_string(),
                "upcase" => value.to_uppercase(),
                "downcase" => value.to_lowercase(),
                _ => return Some(self.unknown(body, range, &format!("unknown Liquid filter `{f}`"))),
            };
        }
        Some(escape_html(&value))
    }

    /// The value of a known variable; `after_url` when it follows `{{ site.url }}`.
    fn variable_value(&self, name: &str, after_url: bool) -> Option<String> {
        Some(match name {
            "site.baseurl" if after_url => String::new(),
            "site.baseurl" => {
                let root = crate::content::url::root_prefix(self.opts.page_url);
                if root.is_empty() { ".".to_string() } else { root.trim_end_matches('/').to_string() }
            }
            "site.url" => self.opts.site.base_url.trim_end_matches('/').to_string(),
            "site.title" => self.opts.site.title.to_string(),
            "page.title" => self.opts.known_title.unwrap_or("").to_string(),
            _ => return None,
        })
    }
}

/// The text of a quoted Liquid string (`"x"` or `'x'`).
fn quoted(text: &str) -> Option<&str> {
    let text = text.trim();
    ["\"", "'"].iter().find_map(|q| text.strip_prefix(q)?.strip_suffix(q))
}

fn include_missing(args: &str) -> String {
    format!("`include`: no file `_includes/{}`", args.split_whitespace().next().unwrap_or(""))
}
