//! The clinic's time zone (`institution.time_zone`): the report prints its times and dates
//! there, whatever zone the computer that recorded them was set to.
//!
//! Read from the system's time zone database (`/usr/share/zoneinfo`) when the configuration
//! is read. Tokyo, the default, needs no database: Japan has kept +09:00 without summer
//! time since 1951. A POSIX TZ string (`JST-9`) names a zone without the database too.
//! (chrono-tz would carry the database in the binary, at 1.2 ms of relocations on every
//! start of sonote.)

use chrono::{DateTime, FixedOffset};

/// A time zone, ready to convert timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Zone(Rules);

#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Rules {
    /// +09:00 all year.
    #[default]
    Tokyo,
    Database(tz::TimeZone),
}

impl Zone {
    /// The zone of an IANA name (`Asia/Tokyo`, `Europe/Berlin`) or a POSIX TZ string.
    pub fn named(name: &str) -> Result<Zone, String> {
        if matches!(name, "Asia/Tokyo" | "Japan") {
            return Ok(Zone(Rules::Tokyo));
        }
        tz::TimeZone::from_posix_tz(name)
            .map(|zone| Zone(Rules::Database(zone)))
            .map_err(|_| {
                "is not a time zone of this computer's time zone database: write its IANA \
                 name, such as \"Asia/Tokyo\", or a POSIX TZ string such as \"JST-9\""
                    .to_string()
            })
    }

    /// `at`, the same instant, with the zone's offset then.
    pub fn local(&self, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let seconds = match &self.0 {
            Rules::Tokyo => 9 * 3600,
            Rules::Database(zone) => zone
                .find_local_time_type(at.timestamp())
                .map(|kind| kind.ut_offset())
                .unwrap_or(at.offset().local_minus_utc()),
        };
        FixedOffset::east_opt(seconds).map_or(at, |offset| at.with_timezone(&offset))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn tokyo_needs_no_database_and_posix_strings_work_without_one() {
        let utc = at("2026-11-21T01:00:00Z");
        let tokyo = Zone::named("Asia/Tokyo").unwrap();
        assert_eq!(tokyo.local(utc).to_rfc3339(), "2026-11-21T10:00:00+09:00");
        let posix = Zone::named("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(posix.local(utc).to_rfc3339(), "2026-11-20T20:00:00-05:00");
        let summer = posix.local(at("2026-07-01T12:00:00Z"));
        assert_eq!(summer.to_rfc3339(), "2026-07-01T08:00:00-04:00");
        assert!(Zone::named("Japan Standard").is_err());
    }
}
