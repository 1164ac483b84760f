//! Lenient date parsing for front matter and Jekyll file names.
//!
//! Real handbooks carry dates in many shapes: `2024-05-01`, RFC 3339, Jekyll's
//! `2019-07-02 11:21:02 -0400`, one-digit parts like `2020-03-16T7:16:13+08:00` or `2017-2-5`.
//! We accept all of those and reject anything else, so that a typo is an error at its line
//! rather than a silently wrong sort order.

use std::fmt;

/// A calendar date with an optional time of day and UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
    /// Seconds since midnight, local to `offset`.
    pub seconds: u32,
    /// Offset from UTC in minutes; `None` for a plain date or a time without zone (read as UTC).
    pub offset: Option<i16>,
}

impl Date {
    /// Parses one of the accepted shapes; `None` for anything else.
    pub fn parse(text: &str) -> Option<Date> {
        let mut s = Scanner { rest: text.trim() };
        let year = s.digits(4, 4)? as i32;
        s.expect('-')?;
        let month = s.digits(1, 2)? as u8;
        s.expect('-')?;
        let day = s.digits(1, 2)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let mut date = Date { year, month, day, seconds: 0, offset: None };
        if s.rest.is_empty() {
            return Some(date);
        }
        if !(s.eat('T') || s.eat('t') || s.eat(' ')) {
            return None;
        }
        let h = s.digits(1, 2)?;
        s.expect(':')?;
        let m = s.digits(2, 2)?;
        let sec = if s.eat(':') { s.digits(2, 2)? } else { 0 };
        if s.eat('.') || s.eat(',') {
            s.digits(1, 9)?;
        }
        if h > 23 || m > 59 || sec > 60 {
            return None;
        }
        date.seconds = h * 3600 + m * 60 + sec.min(59);
        s.rest = s.rest.trim_start();
        if s.rest.is_empty() {
            return Some(date);
        }
        if s.eat('Z') || s.eat('z') {
            date.offset = Some(0);
        } else {
            let sign: i16 = if s.eat('+') {
                1
            } else if s.eat('-') {
                -1
            } else {
                return None;
            };
            let oh = s.digits(2, 2)? as i16;
            s.eat(':');
            let om = if s.rest.is_empty() { 0 } else { s.digits(2, 2)? as i16 };
            if oh > 23 || om > 59 {
                return None;
            }
            date.offset = Some(sign * (oh * 60 + om));
        }
        s.rest.is_empty().then_some(date)
    }

    /// `YYYY-MM-DD`.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// RFC 3339, e.g. `2024-05-01T09:30:00+02:00` (`Z` when no offset was given).
    pub fn rfc3339(&self) -> String {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        let zone = match self.offset {
            None | Some(0) => "Z".to_string(),
            Some(o) => format!("{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60),
        };
        format!("{}T{h:02}:{m:02}:{s:02}{zone}", self.ymd())
    }

    /// A key that orders dates by their instant (offsets applied).
    pub fn sort_key(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        days * 86_400 + i64::from(self.seconds) - i64::from(self.offset.unwrap_or(0)) * 60
    }

    /// The UTC calendar date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day, seconds: 0, offset: None }
    }

    /// Today's UTC date: from `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set, so that a
    /// build is reproducible, else from the system clock.
    pub fn today() -> Date {
        let from_env = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
        let secs = from_env.unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
        });
        Date::from_days(secs.div_euclid(86_400))
    }

    /// Days since 1970-01-01 of the calendar date (time and offset ignored).
    pub fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// The calendar date `n` days later (or earlier, for a negative `n`).
    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// The calendar date `n` calendar months later; a day past the end of the month is the
    /// month's last day (31 January + 1 month is 28 or 29 February).
    pub fn add_months(&self, n: i64) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let (year, month) = (index.div_euclid(12) as i32, (index.rem_euclid(12) + 1) as u8);
        Date { year, month, day: self.day.min(days_in_month(year, month)), seconds: 0, offset: None }
    }

    /// Whole calendar months from `self` to the later date `to` (0 when `to` is not later).
    pub fn months_until(&self, to: &Date) -> i64 {
        let mut months = (i64::from(to.year) - i64::from(self.year)) * 12 + i64::from(to.month) - i64::from(self.month);
        if to.day < self.day {
            months -= 1;
        }
        months.max(0)
    }

    /// Splits a Jekyll post file stem `2024-05-01-slug` into its date and slug.
    pub fn from_file_stem(stem: &str) -> Option<(Date, &str)> {
        let mut parts = stem.splitn(4, '-');
        let (y, m, d, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 || rest.is_empty() {
            return None;
        }
        Date::parse(&format!("{y}-{m}-{d}")).map(|date| (date, rest))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

struct Scanner<'a> {
    rest: &'a str,
}

impl Scanner<'_> {
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self.rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if n < min {
            return None;
        }
        let (num, rest) = self.rest.split_at(n);
        self.rest = rest;
        num.parse().ok()
    }

    fn eat(&mut self, c: char) -> bool {
        self.rest.strip_prefix(c).map(|r| self.rest = r).is_some()
    }

    fn expect(&mut self, c: char) -> Option<()> {
        self.eat(c).then_some(())
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm,
/// the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_real_world_shapes() {
        for (input, iso) in [
            ("2024-05-01", "2024-05-01T00:00:00Z"),
            ("2024-05-01T09:30:00+02:00", "2024-05-01T09:30:00+02:00"),
            ("2019-07-02 11:21:02 -0400", "2019-07-02T11:21:02-04:00"),
            ("2020-03-16T7:16:13+08:00", "2020-03-16T07:16:13+08:00"),
            ("2017-2-5", "2017-02-05T00:00:00Z"),
            ("2021-01-01T10:00:00.123Z", "2021-01-01T10:00:00Z"),
            ("2021-01-01 10:00", "2021-01-01T10:00:00Z"),
        ] {
            assert_eq!(Date::parse(input).map(|d| d.rfc3339()).as_deref(), Some(iso), "{input}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for input in ["2023-01-29 18:30:22 2023 -0800", "yyyy-mm-dd", "2024-13-01", "2023-02-29", "May 1", ""] {
            assert_eq!(Date::parse(input), None, "{input}");
        }
    }

    #[test]
    fn sorts_by_instant() {
        let a = Date::parse("2024-05-01T10:00:00+02:00").unwrap();
        let b = Date::parse("2024-05-01T09:00:00Z").unwrap();
        assert!(a.sort_key() < b.sort_key());
        assert_eq!(Date::parse("1970-01-02").unwrap().sort_key(), 86_400);
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_782, 2_932_896] {
            let d = Date::from_days(days);
            assert_eq!(days_from_civil(d.year, d.month, d.day), days);
        }
    }

    #[test]
    fn jekyll_file_names() {
        let (d, slug) = Date::from_file_stem("2024-05-01-first-week").unwrap();
        assert_eq!((d.ymd().as_str(), slug), ("2024-05-01", "first-week"));
        assert!(Date::from_file_stem("first-week").is_none());
        assert!(Date::from_file_stem("2024-05-01").is_none());
    }
}
