// Small exact computations the dashboard needs beside the core's figures (integers only).

/** `num / den` in basis points, rounded half away from zero, as the core's `ratio_bp`; 0 when
 * `den` is 0. */
export function ratioBp(num, den) {
  const n = BigInt(num);
  const d = BigInt(den);
  if (d === 0n) return 0;
  const neg = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (a * 20000n + b) / (2n * b);
  return Number(neg ? -q : q);
}
