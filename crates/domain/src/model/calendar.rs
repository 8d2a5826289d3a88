//! Calendar days as the person using the app counts them. Timestamps are
//! stored in UTC; "today", a due date, the day a review was held and the
//! date in a file name are days of the local calendar, which west of UTC
//! starts the next UTC day in the evening (and east of it, in the morning).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// The wall-clock time at `utc` where the clock is `offset_minutes` ahead
/// of UTC (negative west of it: -300 for UTC-5). JavaScript's
/// `getTimezoneOffset()` is the opposite sign.
pub fn local_time(utc: DateTime<Utc>, offset_minutes: i32) -> NaiveDateTime {
    utc.naive_utc() + Duration::minutes(i64::from(offset_minutes))
}

/// The local calendar day of `utc` (see [`local_time`]).
pub fn local_date(utc: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    local_time(utc, offset_minutes).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn an_evening_west_of_utc_is_still_the_day_before() {
        // 21:30 on December 2 in New York (UTC-5).
        assert_eq!(local_date(at(3, 2, 30), -300), day(2));
        // 23:59 in Los Angeles (UTC-8) is 07:59 UTC the next day.
        assert_eq!(local_date(at(3, 7, 59), -480), day(2));
        assert_eq!(local_date(at(3, 8, 0), -480), day(3));
    }

    #[test]
    fn a_morning_east_of_utc_is_already_the_next_day() {
        // 08:30 on December 3 in Tokyo (UTC+9), 23:30 UTC the day before.
        assert_eq!(local_date(at(2, 23, 30), 540), day(3));
        // India (UTC+5:30): half-hour offsets count.
        assert_eq!(local_date(at(2, 18, 29), 330), day(2));
        assert_eq!(local_date(at(2, 18, 30), 330), day(3));
    }

    #[test]
    fn at_utc_the_local_day_is_the_utc_day() {
        assert_eq!(local_date(at(3, 0, 0), 0), day(3));
        assert_eq!(local_date(at(3, 23, 59), 0), day(3));
        assert_eq!(
            local_time(at(3, 2, 30), -300),
            day(2).and_hms_opt(21, 30, 0).unwrap()
        );
    }
}
