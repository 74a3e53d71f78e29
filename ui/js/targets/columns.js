// The grid's fixed shapes: sizes, tiers, views, the dimensions it can be crossed with, the split
// methods per axis, revision reason categories, and how a column is headed.

import { t } from "../i18n.js";

export const ROW_H = 30;
export const NAME_W = 220;
export const CELL_W = 132;
export const TIERS = ["floor", "base", "challenge", "sprint"];
export const VIEWS = ["year", "quarter", "month", "week"];
/** Dimensions the grid can be crossed with (rows: each unit, then one row per member). */
export const CROSSES = ["", "product_line", "customer_type", "channel"];
/** Split methods per axis; blend mixes the drivers listed for it. */
export const METHODS = {
  deep: ["even", "percent", "capacity", "history", "potential", "blend", "current"],
  org: ["even", "percent", "capacity", "history", "potential", "blend", "current"],
  months: ["even", "workdays", "history", "potential", "blend", "current"],
  dimension: ["even", "percent", "history", "potential", "blend", "current"],
};
export const BLEND_DRIVERS = { deep: ["history", "capacity", "even"], org: ["history", "capacity", "even"], months: ["history", "workdays", "even"], dimension: ["history", "even"] };
export const REASONS = ["market", "policy", "execution", "resources", "other"];

/** The Monday and Sunday of ISO week `key` ("2027-W01") as "MM-DD" texts. */
export function weekDates(key) {
  const year = Number(key.slice(0, 4));
  const week = Number(key.slice(6));
  // Week 1 is the week holding January 4th; weeks start on Monday.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const md = (ms) => new Date(ms).toISOString().slice(5, 10);
  return { from: md(monday), to: md(monday + 6 * 86_400_000) };
}

export function columnLabel(c) {
  if (c.kind === "year") return t("grid.year", { y: c.key });
  if (c.kind === "week") return t("grid.weekLabel", { w: c.key.slice(5), ...weekDates(c.key) });
  if (c.kind === "quarter") return c.key.slice(5);
  return t("grid.month", { m: Number(c.key.slice(5)) });
}
