//! No input makes the build panic: hundreds of documents stitched from the awkward fragments real
//! content is made of (unclosed front matter, half links, odd dates, stray bytes), built through
//! the binary. Each build must end with exit 0 or 1 and a message, never a panic.

use crate::common;

use common::*;

/// Fragments that have broken parsers before, as text and as raw bytes.
const FRAGMENTS: &[&str] = &[
    "---\n",
    "+++\n",
    "...\n",
    "title: ",
    "date: ",
    "2024-02-30",
    "2020-03-16T7:16:13+08:00",
    "draft: true\n",
    "slug: ../..\n",
    "tags: [a, \n",
    "title = 2019\n",
    "# Heading\n",
    "## Twice {#x .y role=mentor}\n",
    "## Twice\n",
    "[link](../x.md#y)",
    "[l](%zz.md)",
    "[](#)",
    "![img](a b.png)",
    "](",
    "<!--more-->",
    "> [!NOTE]\n",
    "```rust\n",
    "```\n",
    "~~~\n",
    "- [ ] task\n",
    "- [x] done\n",
    "## Check {.checklist role=nobody}\n",
    "## Check {.checklist}\n",
    "Being a good mentor:\n",
    "- \n",
    "1. mentee\n   - [ ] nested\n",
    "  - [x]\n",
    "* [ ] loose\n\n  more\n",
    "| a | b |\n|---|\n",
    "[^1]: note\n",
    "[^1]",
    "{{< x >}}",
    "{% raw %}",
    "é",
    "领导力",
    "\u{feff}",
    "\r\n",
    "\n\n",
    "\t",
    ":",
    "\"",
    "'",
    "\\",
    "<div>",
    "</div>",
    "&amp;",
    "https://example.org/a.md",
    "mailto:x",
    "#",
    "*",
    "_",
    "`",
    "README",
    "index",
    "\u{202e}",
    "\u{0}",
];

/// A small deterministic generator (xorshift64*): the same documents on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn document(rng: &mut Rng) -> Vec<u8> {
    let mut doc = Vec::new();
    let parts = 1 + rng.next() % 40;
    for _ in 0..parts {
        if rng.next().is_multiple_of(50) {
            doc.push((rng.next() % 256) as u8);
        } else {
            doc.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
        }
    }
    doc
}

/// The file an error line names (`content/a.md:3:1: error: …` → `content/a.md`).
fn errored_file(line: &str) -> Option<&str> {
    let (location, _) = line.split_once(": error: ")?;
    Some(location.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':'))
}

#[test]
fn no_input_panics_the_build() {
    let names = ["a.md", "_index.md", "index.md", "README.md", "2024-05-01-post.md", "x y.md", "é.markdown", "%# +.md"];
    let dirs = ["", "sub/", "sub/deeper/", "Für Mentoren/", "sub.md/"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut rendered = 0;
    for round in 0..12 {
        let site = tempfile::tempdir().unwrap();
        for i in 0..30 {
            let path = format!("content/{}{}{}", rng.pick(&dirs), if i % 3 == 0 { "" } else { "p" }, rng.pick(&names));
            let dest = site.path().join(&path);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, document(&mut rng)).unwrap();
        }
        // Build; drop the files an error names; again, until the build gets through rendering.
        for attempt in 0..40 {
            let args: &[&str] = if attempt % 2 == 0 { &["build"] } else { &["build", "--drafts"] };
            let out = mentorbook(site.path(), args).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "round {round}: {stderr}");
            match out.status.code() {
                Some(0) => {
                    let left = files(&site.path().join("content")).len();
                    assert!(left >= 10, "round {round}: only {left} files survived, too few to exercise rendering");
                    rendered += 1;
                    break;
                }
                Some(1) => {
                    let bad: Vec<&str> = stderr.lines().filter_map(errored_file).collect();
                    assert!(!bad.is_empty(), "round {round}: exit 1 without a located error\n{stderr}");
                    for file in bad {
                        let _ = std::fs::remove_file(site.path().join(file));
                    }
                }
                other => panic!("round {round}: exit {other:?}\n{stderr}"),
            }
        }
    }
    assert_eq!(rendered, 12, "every round ends in a successful build once its broken files are gone");
}
