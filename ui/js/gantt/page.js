// What the action-plan section works out without a window: the filter its choices make, the
// Monday a plan import counts weeks from, and the targets still without a plan, by metric.

/** The chart's row filter for the chosen owner, status, priority and target (`null`: all rows). */
export function planFilter({ owner, status, priority, target }) {
  if (!(owner || status || priority || target)) return null;
  return (n) => (!owner || n.owner === owner) && (!status || n.status === status) && (!priority || n.priority === priority)
    && (!target || String(n.targetId) === target);
}

/** The Monday of the week of `day` ("2026-10-15" → "2026-10-12"). */
export function mondayOf(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Targets without an action plan, grouped by metric: "销售额：华东、华南；毛利：华东". */
export function unplannedByMetric(list, lang) {
  const en = lang === "en";
  const groups = new Map();
  for (const u of list) {
    const name = en ? u.metricNameEn : u.metricNameZh;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(u.orgUnitName);
  }
  return [...groups].map(([m, units]) => `${m}${en ? ": " : "："}${units.join(en ? ", " : "、")}`).join(en ? "; " : "；");
}
