//! Who a page is for and whether it is still true: audiences, owners and review periods.
//!
//! One handbook is often published twice, whole on the intranet and in part on the public web,
//! and guidance goes stale quietly. These are the site-wide rules for both, read from the config
//! ([`Governance`]) and applied per page: which audiences exist and which one a build is for,
//! which one is public (a build with anything else is kept out of search engines), how often a
//! page must be reviewed ([`Every`]) and whether it is overdue ([`Review`]). Which pages a build
//! keeps is still decided in one place, `content::select`; this module only knows the rules.

use crate::content::date::Date;
use crate::words::capitalize;

/// The governance settings of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Governance {
    /// `audiences:` the known audience names; empty means any name is accepted.
    pub audiences: Vec<String>,
    /// `audience:` the audience a build is for when no `--audience` is given; `None` is all.
    pub audience: Option<String>,
    /// `public_audience:` the audience of the public web (default `public`).
    pub public_audience: String,
    /// `review_every:` how often every page is to be reviewed; `None`: never overdue.
    pub review_every: Option<Every>,
    /// `review_audience:` the only audience whose builds get the `/review/` page (default
    /// `internal`); a build of every audience gets it too.
    pub review_audience: String,
    /// `whats_new_days:` how far back `/whats-new/` looks; 0 turns the page off.
    pub whats_new_days: u32,
    /// `noindex:` keep the site out of search engines (`true`), or never (`false`); unset, a
    /// build that holds pages for a non-public audience is kept out.
    pub noindex: Option<bool>,
}

impl Default for Governance {
    fn default() -> Self {
        Governance {
            audiences: Vec::new(),
            audience: None,
            public_audience: "public".into(),
            review_every: None,
            review_audience: "internal".into(),
            whats_new_days: 30,
            noindex: None,
        }
    }
}

impl Governance {
    /// Why `name` is not an audience this site knows (`None` when it is, or when the config
    /// lists none).
    pub fn unknown(&self, name: &str) -> Option<String> {
        if self.audiences.is_empty() || self.audiences.iter().any(|a| a == name) || name == self.public_audience {
            return None;
        }
        Some(format!("unknown audience `{name}`; the config's `audiences` are {}", quoted(&self.audiences)))
    }

    /// Whether a build for `audience` (`None`: every audience) gets the maintainers' review page.
    pub fn review_page_in(&self, audience: Option<&str>) -> bool {
        audience.is_none_or(|a| a == self.review_audience)
    }
}

/// The audience a `--audience` value (or the config's `audience`) names: `all` is every one.
pub fn audience_arg(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty() && value != "all").then(|| value.to_string())
}

/// Whether `inner` names only audiences of `outer` (a page may narrow its section, not widen it).
pub fn narrows(inner: &[String], outer: &[String]) -> bool {
    inner.iter().all(|a| outer.contains(a))
}

/// The marker a page for a narrower audience carries ("Internal", "Internal, Partners"), or
/// `None` for a page that is for everyone or for the public too.
pub fn marker(audience: Option<&[String]>, public: &str) -> Option<String> {
    let audience = audience?;
    (!audience.iter().any(|a| a == public))
        .then(|| audience.iter().map(|a| capitalize(a)).collect::<Vec<_>>().join(", "))
}

/// `a`, `b` and `c` as "`a`, `b`, `c`".
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// A review period: `90 days`, `2 weeks`, `6 months`, `1 year` (months are calendar months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every {
    count: u32,
    unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Every {
    /// Reads `6 months`; the error says what is accepted.
    pub fn parse(text: &str) -> Result<Every, String> {
        let text = text.trim();
        let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (number, unit) = (text[..split].trim(), text[split..].trim().to_ascii_lowercase());
        let count: u32 = number.parse().ok().filter(|n| *n > 0).ok_or_else(|| shape(text))?;
        let unit = match unit.trim_end_matches('s') {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "month" => Unit::Month,
            "year" => Unit::Year,
            _ => return Err(shape(text)),
        };
        Ok(Every { count, unit })
    }

    /// The date a page reviewed on `reviewed` is due again.
    pub fn due(&self, reviewed: &Date) -> Date {
        let n = i64::from(self.count);
        match self.unit {
            Unit::Day => reviewed.add_days(n),
            Unit::Week => reviewed.add_days(7 * n),
            Unit::Month => reviewed.add_months(n),
            Unit::Year => reviewed.add_months(12 * n),
        }
    }
}

fn shape(text: &str) -> String {
    format!("must be a period like `90 days`, `6 weeks`, `6 months` or `1 year`, not `{text}`")
}

/// Where a page stands with its review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// When it was last reviewed.
    pub reviewed: Date,
    /// When it is due again.
    pub due: Date,
    /// Past its due date.
    pub overdue: bool,
    /// Whole months since the review.
    pub months_ago: i64,
    /// Days since the review.
    pub days_ago: i64,
}

impl Review {
    /// The review state of a page reviewed on `reviewed` with period `every`, as of `today`.
    pub fn of(reviewed: Date, every: Every, today: &Date) -> Review {
        let due = every.due(&reviewed);
        Review {
            reviewed,
            due,
            overdue: today.days() > due.days(),
            months_ago: reviewed.months_until(today),
            days_ago: (today.days() - reviewed.days()).max(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn periods_are_read_and_added_in_calendar_units() {
        assert_eq!(Every::parse("6 months").unwrap().due(&d("2024-01-31")), d("2024-07-31"));
        assert_eq!(Every::parse("1 month").unwrap().due(&d("2024-01-31")), d("2024-02-29"));
        assert_eq!(Every::parse("1 year").unwrap().due(&d("2024-02-29")), d("2025-02-28"));
        assert_eq!(Every::parse("90 days").unwrap().due(&d("2024-01-01")), d("2024-03-31"));
        assert_eq!(Every::parse("2 Weeks").unwrap().due(&d("2024-12-25")), d("2025-01-08"));
        assert_eq!(Every::parse("3months").unwrap().due(&d("2024-11-30")), d("2025-02-28"));
        for bad in ["", "months", "0 days", "6 fortnights", "-1 year", "six months", "1.5 years"] {
            assert!(Every::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_review_is_overdue_the_day_after_it_is_due() {
        let every = Every::parse("6 months").unwrap();
        assert!(!Review::of(d("2024-01-15"), every, &d("2024-07-15")).overdue);
        let late = Review::of(d("2024-01-15"), every, &d("2025-03-20"));
        assert!(late.overdue);
        assert_eq!(late.months_ago, 14);
        assert_eq!(Review::of(d("2024-01-15"), every, &d("2025-03-14")).months_ago, 13);
    }

    #[test]
    fn audiences_narrow_and_mark() {
        let (internal, both) = (vec!["internal".to_string()], vec!["internal".to_string(), "public".to_string()]);
        assert!(narrows(&internal, &both));
        assert!(!narrows(&both, &internal));
        assert_eq!(marker(Some(&internal), "public").as_deref(), Some("Internal"));
        assert_eq!(marker(Some(&both), "public"), None);
        assert_eq!(marker(None, "public"), None);
        assert_eq!(audience_arg("all"), None);
        assert_eq!(audience_arg("public").as_deref(), Some("public"));
        let g = Governance { audiences: internal.clone(), ..Governance::default() };
        assert!(g.unknown("internal").is_none() && g.unknown("public").is_none());
        assert!(g.unknown("intranet").unwrap().contains("`internal`"));
        assert!(g.review_page_in(None) && g.review_page_in(Some("internal")) && !g.review_page_in(Some("public")));
    }
}
