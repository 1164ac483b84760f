//! Checklists, roles and playbooks across a whole site (GUIDE §4): what the pages, the
//! `/checklists/` pages, the print redirects and `checklists.json` contain, built by the binary.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

const HABITS: &str = "---\ntitle: Habits\n---\n\nBeing a good mentor:\n\n1. Listen first\n2. Ask\n3. Wait\n4. Share\n5. Admit\n6. Follow up\n7. Praise\n8. Push\n9. Rest\n\nWatch out for:\n\n- Fixing it for them\n- Talking too much\n\nSome mentorship thoughts:\n\n- not a role word\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Test handbook\n"),
            ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
            ("content/guides/habits.md", HABITS),
            (
                "content/guides/first.md",
                "---\ntitle: First meeting\nroles: [mentee]\n---\n\n## Before {.checklist}\n\n- Book a room\n- Read the *guide*\n\n## Done already\n\n- [x] Said hello\n- [ ] Swapped numbers\n",
            ),
            ("content/guides/secret.md", "---\ntitle: Secret plan\ndraft: true\n---\n\n- [ ] Hidden item\n"),
            ("content/plan/_index.md", "---\ntitle: The plan\nplaybook: true\n---\n\nTwo steps.\n"),
            (
                "content/plan/b-later.md",
                "---\ntitle: Later\nweight: 2\ndate: 2020-01-01\n---\n\n- [ ] Step two thing\n",
            ),
            (
                "content/plan/z-first.md",
                "---\ntitle: First\nweight: 1\ndate: 2019-01-01\n---\n\n- [x] Step one thing\n- [ ] Another\n",
            ),
            (
                "content/plan/a-third.md",
                "---\ntitle: Third\nweight: 3\ndate: 2024-01-01\n---\n\nThe third step's summary.\n\n<!--more-->\n\nNo list.\n",
            ),
        ],
    );
    dir
}

fn json(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("checklists.json")).expect("checklists.json")).expect("json")
}

fn titles(v: &Value) -> Vec<(String, Value, usize)> {
    v["checklists"]
        .as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["title"].as_str().unwrap_or("").to_string(),
                c["role"].clone(),
                c["items"].as_array().map_or(0, Vec::len),
            )
        })
        .collect()
}

#[test]
fn a_plain_article_yields_one_mentor_checklist_of_nine() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let v = json(&dir.path().join("public"));
    let habits: Vec<&Value> = v["checklists"].as_array().unwrap().iter().filter(|c| c["page"] == "Habits").collect();
    assert_eq!(habits.len(), 1, "{habits:?}");
    assert_eq!(habits[0]["title"], "Being a good mentor");
    assert_eq!(habits[0]["role"], "mentor");
    assert_eq!(habits[0]["items"].as_array().unwrap().len(), 9);
    assert_eq!(habits[0]["url"], "guides/habits/#being-a-good-mentor");
    let page = html(&dir.path().join("public/guides/habits/index.html"));
    assert_eq!(texts(&page, "form.checklist fieldset legend"), ["Being a good mentor"]);
    assert_eq!(attrs(&page, "fieldset input[type=checkbox]", "name").len(), 9);
    assert_eq!(texts(&page, "form.checklist .checklist-progress"), ["0 of 9 done"]);
}

#[test]
fn json_has_the_documented_shape_roles_and_checked_state() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let v = json(&dir.path().join("public"));
    let obj = v.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["checklists"]);
    // Compact, one checklist to a line (pretty-printed, it weighed as much as the pages' lists).
    let text = fs::read_to_string(dir.path().join("public/checklists.json")).unwrap();
    let count = v["checklists"].as_array().unwrap().len();
    assert!(count > 1);
    assert_eq!(text.lines().count(), count + 2, "{text}");
    for line in text.lines().skip(1).take(count) {
        let c: Value = serde_json::from_str(line.trim_end_matches(',')).expect("one checklist per line");
        assert!(c["items"].is_array(), "{line}");
    }
    for c in v["checklists"].as_array().unwrap() {
        let mut keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["id", "items", "page", "role", "title", "url"]);
        for i in c["items"].as_array().unwrap() {
            let mut keys: Vec<&String> = i.as_object().unwrap().keys().collect();
            keys.sort();
            assert_eq!(keys, ["checked", "id", "text"]);
        }
    }
    let got = titles(&v);
    // Reading order: the guides section (alphabetical), then the playbook in step order.
    assert_eq!(
        got,
        [
            ("Before".into(), Value::from("mentee"), 2),
            ("Done already".into(), Value::from("mentee"), 2),
            ("Being a good mentor".into(), Value::from("mentor"), 9),
            ("First".into(), Value::Null, 2),
            ("Later".into(), Value::Null, 1),
        ]
    );
    let first = &v["checklists"][0];
    assert_eq!(first["id"], "guides/first#before");
    // Pinned item ids (FNV-1a of the normalized text, computed outside Rust).
    assert_eq!(first["items"][0], serde_json::json!({"id": "353bb6ce", "text": "Book a room", "checked": false}));
    assert_eq!(first["items"][1]["text"], "Read the guide");
    assert_eq!(v["checklists"][1]["items"][0]["checked"], true);
    assert_eq!(v["checklists"][2]["items"][0]["id"], "05352978");
    let page = html(&dir.path().join("public/guides/first/index.html"));
    assert_eq!(attrs(&page, "input[checked]", "name").len(), 1);
    assert_eq!(attrs(&page, "fieldset input[disabled]", "name").len(), 0, "checklist boxes must be enabled");
    assert_eq!(attrs(&page, "form.checklist > fieldset[data-checklist]", "data-role"), ["mentee", "mentee"]);
}

#[test]
fn ids_are_identical_across_builds_and_folders() {
    let a = site();
    let b = site();
    build_ok(a.path(), &[]);
    build_ok(b.path(), &["--output", "elsewhere"]);
    let ja = fs::read(a.path().join("public/checklists.json")).unwrap();
    let jb = fs::read(b.path().join("elsewhere/checklists.json")).unwrap();
    assert_eq!(ja, jb);
    build_ok(a.path(), &[]);
    assert_eq!(ja, fs::read(a.path().join("public/checklists.json")).unwrap());
    let page = |root: &Path, out: &str| fs::read(root.join(out).join("guides/habits/index.html")).unwrap();
    assert_eq!(page(a.path(), "public"), page(b.path(), "elsewhere"));
}

#[test]
fn drafts_contribute_nothing_unless_asked() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let out = dir.path().join("public");
    for f in files(&out) {
        let bytes = fs::read(out.join(&f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Hidden item") && !text.contains("Secret plan"), "draft leaked into {f}");
        assert!(!f.contains("secret"), "draft output {f}");
    }
    build_ok(dir.path(), &["--drafts"]);
    let v = json(&out);
    assert!(titles(&v).iter().any(|(t, _, _)| t == "Secret plan"), "{:?}", titles(&v));
    assert!(out.join("checklists/print/guides/secret/secret-plan-checklist/index.html").is_file());
}

#[test]
fn role_pages_the_overview_and_printing_one_checklist() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let out = dir.path().join("public");
    let overview = html(&out.join("checklists/index.html"));
    assert_eq!(texts(&overview, ".checklist-group h2"), ["Mentors", "Mentees", "Everyone"]);
    assert_eq!(texts(&overview, ".checklist-index [data-checklist] > a").len(), 5);
    let mentee = html(&out.join("checklists/mentee/index.html"));
    assert_eq!(texts(&mentee, "h1"), ["Checklists for Mentees"]);
    // Grouped by page, so two "Mentor" checklists never look alike: the page once, then its
    // checklists, each a link to its anchor.
    assert_eq!(texts(&mentee, ".checklist-index > li[data-page] > a"), ["First meeting"]);
    assert_eq!(attrs(&mentee, ".checklist-index > li", "data-page"), ["guides/first"]);
    let items = texts(&mentee, ".checklist-index [data-checklist] > a");
    assert_eq!(items, ["Before", "Done already"]);
    assert_eq!(
        attrs(&mentee, ".checklist-index [data-checklist] > a", "href"),
        ["../../guides/first/#before", "../../guides/first/#done-already"]
    );
    // The script joins the page's id and the entry's anchor into the checklist's id.
    assert_eq!(attrs(&mentee, ".checklist-index [data-checklist]", "data-checklist"), ["#before", "#done-already"]);
    let hello = json(&out)["checklists"][1]["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(attrs(&mentee, "[data-checklist][data-checked]", "data-checked"), [format!("{hello} ")]);
    let mentor = html(&out.join("checklists/mentor/index.html"));
    assert_eq!(texts(&mentor, ".checklist-index-progress"), ["0 of 9 done"]);
    // No sheet per checklist: the old sheet URL redirects to the checklist's print link on its
    // page, which prints only that checklist.
    let old = out.join("checklists/print/guides/habits/being-a-good-mentor/index.html");
    let sheet = html(&old);
    assert_eq!(
        attrs(&sheet, "meta[http-equiv=refresh]", "content"),
        ["0; url=../../../../../guides/habits/#print-being-a-good-mentor"]
    );
    assert!(fs::metadata(&old).unwrap().len() < 1024, "a redirect, not a sheet");
    let page = html(&out.join("guides/habits/index.html"));
    assert_eq!(attrs(&page, "a.checklist-print", "href"), ["#print-being-a-good-mentor"]);
    assert_eq!(attrs(&page, "form.checklist > span.print-target", "id"), ["print-being-a-good-mentor"]);
    // What only a printed checklist shows: its role and page, and lines for notes.
    assert_eq!(texts(&page, "form.checklist .checklist-sheet[hidden]"), ["For: Mentors · From: Habits", "Notes:"]);
    let css = fs::read_to_string(out.join("style.css")).unwrap();
    assert!(css.contains("body.print-one :not(.print-this, .print-this *, :has(.print-this))"), "no print-one rule");
    assert!(css.contains("body:has(.print-target:target) :not("), "no :target rule for printing without script");
    let js = fs::read_to_string(out.join("checklists.js")).unwrap();
    assert!(js.contains("classList.add('print-one')") && js.contains("window.print()"), "no print-one script");
}

#[test]
fn a_playbook_orders_steps_by_weight_and_numbers_them() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let out = dir.path().join("public");
    let plan = html(&out.join("plan/index.html"));
    assert_eq!(texts(&plan, ".playbook-step-title"), ["First", "Later", "Third"]);
    assert_eq!(texts(&plan, ".playbook-step-number"), ["Step 1 of 3", "Step 2 of 3", "Step 3 of 3"]);
    assert_eq!(attrs(&plan, ".playbook progress", "max"), ["3"]);
    assert_eq!(attrs(&plan, ".playbook progress", "value"), ["1"]);
    // Like every other list, the steps show a <!--more--> summary.
    assert!(
        texts(&plan, ".playbook-step-summary").iter().any(|t| t == "The third step’s summary."),
        "{:?}",
        texts(&plan, ".playbook-step-summary")
    );
    let later = html(&out.join("plan/b-later/index.html"));
    assert!(texts(&later, ".step-indicator")[0].starts_with("Step 2 of 3"), "{:?}", texts(&later, ".step-indicator"));
    assert_eq!(attrs(&later, "a[rel=prev]", "href"), ["../../plan/z-first/"]);
    assert_eq!(attrs(&later, "a[rel=next]", "href"), ["../../plan/a-third/"]);
    assert_eq!(texts(&later, ".pagination-prev .pagination-label"), ["Previous step"]);
}

#[test]
fn roles_and_detection_come_from_the_config() {
    let dir = site();
    fs::write(
        dir.path().join("mentorbook.yaml"),
        "roles:\n  - id: buddy\n    label: Buddies\n    keywords: [buddy, buddies]\nchecklists:\n  detect: false\n",
    )
    .unwrap();
    fs::write(dir.path().join("content/guides/buddy.md"), "## For buddies\n\n- Say hi\n").unwrap();
    build_ok(dir.path(), &[]);
    let out = dir.path().join("public");
    let got = titles(&json(&out));
    assert!(!got.iter().any(|(t, _, _)| t == "Being a good mentor" || t == "For buddies"), "{got:?}");
    assert!(got.iter().any(|(t, _, _)| t == "Before"), "{got:?}");
    assert!(out.join("checklists/buddy/index.html").is_file());
    assert!(!out.join("checklists/mentor").exists());
    fs::write(dir.path().join("mentorbook.yaml"), "roles:\n  - id: buddy\n    keywords: [buddy, buddies]\n").unwrap();
    build_ok(dir.path(), &[]);
    let got = titles(&json(&out));
    assert!(got.contains(&("For buddies".into(), Value::from("buddy"), 1)), "{got:?}");
}

#[test]
fn templates_see_checklists_roles_and_playbooks() {
    let dir = site();
    write_site(
        dir.path(),
        &[(
            "templates/page.html",
            "{{ page.title }}|{{ page.checklists | length }}|{% for c in page.checklists %}{{ c.role_label }}:{{ c.total }};{% endfor %}|{% for r in site.roles %}{{ r.id }}={{ r.checklist_count }},{% endfor %}|{{ site.checklists | length }}|{% if page.step %}{{ page.step.number }}/{{ page.step.total }}{% endif %}",
        )],
    );
    build_ok(dir.path(), &[]);
    let first = fs::read_to_string(dir.path().join("public/guides/first/index.html")).unwrap();
    assert_eq!(first, "First meeting|2|Mentees:2;Mentees:2;|mentor=1,mentee=2,|5|");
    let later = fs::read_to_string(dir.path().join("public/plan/b-later/index.html")).unwrap();
    assert_eq!(later, "Later|1|Everyone:1;|mentor=1,mentee=2,|5|2/3");
}

#[test]
fn summary_line_counts_checklists() {
    let dir = site();
    let out = build_ok(dir.path(), &[]);
    assert!(out.contains(", 5 checklists, 1 draft skipped,"), "{out}");
}

#[test]
fn ticks_are_saved_under_a_storage_key_that_survives_a_new_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = ("content/a.md", "---\ntitle: A\n---\n- [ ] one\n");
    write_site(dir.path(), &[("mentorbook.yaml", "title: Our Handbook\n"), page]);
    build_ok(dir.path(), &[]);
    let site_id = |dir: &std::path::Path| attrs(&html(&dir.join("public/a/index.html")), "html", "data-site");
    assert_eq!(site_id(dir.path()), ["our-handbook"], "the default is the slugified title, as before");
    write_site(dir.path(), &[("mentorbook.yaml", "title: A New Name\nchecklists:\n  storage_key: our-handbook\n")]);
    build_ok(dir.path(), &[]);
    assert_eq!(site_id(dir.path()), ["our-handbook"]);
    write_site(dir.path(), &[("mentorbook.yaml", "checklists:\n  storage_key: \"a b\"\n")]);
    let out = mentorbook(dir.path(), &["build"]).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`storage_key` `a b` may hold only"));
}

#[test]
fn a_role_has_one_page_with_its_checklists_and_pages_and_its_term_page_redirects_there() {
    let out = tempfile::tempdir().expect("temp dir");
    build_sample(out.path(), false);
    let role = html(&out.path().join("checklists/mentor/index.html"));
    assert!(!texts(&role, ".checklist-index li").is_empty(), "the role page lists its checklists");
    assert!(!texts(&role, ".role-pages a").is_empty(), "the role page lists the pages for the role");
    let term = std::fs::read_to_string(out.path().join("roles/mentor/index.html")).unwrap();
    assert!(term.contains("url=../../checklists/mentor/"), "{term}");
    let list = html(&out.path().join("roles/index.html"));
    assert!(attrs(&list, "main a", "href").contains(&"../checklists/mentor/".to_string()));
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("/roles/mentor/"), "a redirect is not in the sitemap");
}
