//! Calendar days and hours in Asia/Shanghai time (UTC+8, no daylight saving), from a block's
//! `Timestamp.now` in milliseconds since the Unix epoch. No time-zone database is needed.

/// Seconds east of UTC of Asia/Shanghai (China Standard Time has had no DST since 1991).
pub const SHANGHAI_OFFSET_SECS: i64 = 8 * 3600;

/// A calendar day and hour in Asia/Shanghai time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalTime {
	/// `YYYY-MM-DD`.
	pub day: String,
	/// 0 to 23.
	pub hour: i64,
}

/// The Asia/Shanghai day and hour of `timestamp_ms` (milliseconds since 1970-01-01 UTC).
pub fn shanghai(timestamp_ms: i64) -> LocalTime {
	let secs = timestamp_ms.div_euclid(1000) + SHANGHAI_OFFSET_SECS;
	let days = secs.div_euclid(86_400);
	let hour = secs.rem_euclid(86_400) / 3600;
	let (y, m, d) = civil_from_days(days);
	LocalTime { day: format!("{y:04}-{m:02}-{d:02}"), hour }
}

/// Proleptic Gregorian (year, month, day) of the `days`-th day after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
	// Shift the epoch to 0000-03-01 so that leap days fall at the end of a 400-year era.
	let z = days + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z.rem_euclid(146_097); // day of era, 0..=146096
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of the March-based year
	let mp = (5 * doy + 2) / 153; // March = 0
	let d = doy - (153 * mp + 2) / 5 + 1;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
	(y, m, d)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn epoch_is_eight_in_the_morning_in_shanghai() {
		assert_eq!(shanghai(0), LocalTime { day: "1970-01-01".into(), hour: 8 });
	}

	#[test]
	fn the_day_turns_at_16_utc() {
		// 2026-11-30T15:59:59Z is 23:59:59 in Shanghai; one second later it is the next day.
		let t = 1_796_054_399_000;
		assert_eq!(shanghai(t), LocalTime { day: "2026-11-30".into(), hour: 23 });
		assert_eq!(shanghai(t + 1000), LocalTime { day: "2026-12-01".into(), hour: 0 });
	}

	#[test]
	fn leap_days() {
		// 2024-02-29T00:00:00+08:00 = 2024-02-28T16:00:00Z = 1709136000 s.
		assert_eq!(shanghai(1_709_136_000_000).day, "2024-02-29");
		// 2000-03-01T12:00:00+08:00 = 951883200 s.
		assert_eq!(shanghai(951_883_200_000), LocalTime { day: "2000-03-01".into(), hour: 12 });
	}
}
