// Calendar dates as whole day numbers (days since 1970-01-01, UTC): no time zones, no DST.

const MS_PER_DAY = 86_400_000;

/** "2026-03-02" -> day number. */
export function dayOf(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Day number -> "2026-03-02". */
export function isoOf(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day) {
  return (day + 3) % 7; // 1970-01-01 was a Thursday
}

export function parts(day) {
  const d = new Date(day * MS_PER_DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/** First day of the month containing `day`. */
export function monthStart(day) {
  const p = parts(day);
  return Math.round(Date.UTC(p.y, p.m - 1, 1) / MS_PER_DAY);
}

export function addMonths(day, n) {
  const p = parts(day);
  return Math.round(Date.UTC(p.y, p.m - 1 + n, 1) / MS_PER_DAY);
}

/** ISO week number of `day`. */
export function isoWeek(day) {
  const thursday = day - weekday(day) + 3;
  const { y } = parts(thursday);
  const jan1 = Math.round(Date.UTC(y, 0, 1) / MS_PER_DAY);
  return 1 + Math.floor((thursday - jan1) / 7);
}
