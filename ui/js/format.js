// Exact number formatting from integer minor units (fen, basis points), in the user's language.
// zh-CN: 1.00亿, 4,000.00万, 1,234.50; en: 100,000,000, 1,234.50.

function roundDiv(n, d) {
  // Integer division of BigInts, rounding half away from zero.
  const neg = (n < 0n) !== (d < 0n);
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (a * 2n + b) / (2n * b);
  return neg ? -q : q;
}

function group(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `hundredths` as a grouped decimal with two places: 400000n -> "4,000.00". */
function twoPlaces(hundredths) {
  const neg = hundredths < 0n;
  const a = neg ? -hundredths : hundredths;
  const int = group((a / 100n).toString());
  const frac = (a % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${int}.${frac}`;
}

const YI_FEN = 10_000_000_000n; // 1亿 yuan in fen
const WAN_FEN = 1_000_000n; // 1万 yuan in fen

/** Money in fen, compact the way a manager reads it. */
export function money(fen, lang) {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  if (lang === "zh-CN") {
    if (abs >= YI_FEN) return `${twoPlaces(roundDiv(n * 100n, YI_FEN))}亿`;
    if (abs >= WAN_FEN) return `${twoPlaces(roundDiv(n * 100n, WAN_FEN))}万`;
    return twoPlaces(n);
  }
  if (abs >= 1_000_000n) {
    const yuan = roundDiv(n, 100n);
    return `${yuan < 0n ? "-" : ""}${group((yuan < 0n ? -yuan : yuan).toString())}`;
  }
  return twoPlaces(n);
}

/** Basis points as a percentage with two decimals: 7782 -> "77.82%". */
export function percent(bp) {
  return `${twoPlaces(BigInt(bp))}%`;
}

/** A metric's value in its own unit: money in fen, percent in basis points, ratio (e.g. NPS) in
 * hundredths, counts as they are. */
export function metricValue(unit, v, lang) {
  if (unit === "currency") return money(v, lang);
  if (unit === "percent") return percent(v);
  if (unit === "ratio") return points(v);
  return group(BigInt(v).toString());
}

/** Percentage points between two bp values: 312 -> "3.12". */
export function points(bp) {
  return twoPlaces(BigInt(bp));
}

/** Fen as an exact yuan amount with grouping and two decimals: 400000000000 -> "4,000,000,000.00". */
export function yuan(fen) {
  return twoPlaces(BigInt(fen));
}

const UNITS = { "亿": 10_000_000_000n, "万": 1_000_000n, "": 100n };

/** Full-width forms as ASCII ("３００" -> "300", "１．５" -> "1.5"), like the import's parser. */
export function foldFullWidth(text) {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/**
 * Parses what a manager types into a money cell, exactly: "4000万", "1.2亿", "40,000,000",
 * "¥1,234.50". Returns fen as a Number, or null when the text is not an amount.
 */
export function parseMoney(text) {
  const t = foldFullWidth(String(text)).trim().replace(/^[¥￥]/, "").replace(/[,，\s]/g, "");
  const m = /^(-?)(\d*)(?:\.(\d+))?(亿|万)?元?$/.exec(t);
  if (!m || (m[2] === "" && m[3] === undefined)) return null;
  const unit = UNITS[m[4] ?? ""];
  const frac = m[3] ?? "";
  const scale = 10n ** BigInt(frac.length);
  const whole = BigInt((m[2] || "0") + frac) * unit;
  if (whole % scale !== 0n) return null; // finer than a fen
  const fen = whole / scale;
  const value = m[1] === "-" ? -fen : fen;
  return Number.isSafeInteger(Number(value)) ? Number(value) : null;
}

/**
 * Parses a decimal written by a person into an integer scaled by 10^`places`, exactly (no float):
 * parseScaled("12.5", 2) -> 1250, parseScaled("-0.05", 2) -> -5, parseScaled("1.2", 4) -> 12000.
 * A trailing % (half- or full-width) and a leading + are allowed; more decimals than `places`, an
 * empty text or anything else gives null.
 */
export function parseScaled(text, places) {
  const t = String(text ?? "").trim().replace(/[%％]$/, "").trim();
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[2] === "" && !m[3])) return null;
  const frac = m[3] ?? "";
  if (frac.length > places) return null;
  const scaled = BigInt((m[2] || "0") + frac.padEnd(places, "0"));
  const value = m[1] === "-" ? -scaled : scaled;
  return Number.isSafeInteger(Number(value)) ? Number(value) : null;
}

/** An integer scaled by 10^`places` as a plain decimal (no grouping) with at least two decimals:
 * formatScaled(12000, 4) -> "1.20", formatScaled(10575, 4) -> "1.0575", formatScaled(-5, 2) -> "-0.05". */
export function formatScaled(value, places) {
  const v = BigInt(value);
  const digits = (v < 0n ? -v : v).toString().padStart(places + 1, "0");
  const int = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${v < 0n ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** A percent typed by a person ("12.5", "12.5%", "-0.5") as basis points, exactly; null if not one. */
export function parsePercentBp(text) {
  return parseScaled(text, 2);
}
