/** How the viewer writes numbers, times and durations: fixed locale, rounded for reading. */

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A number for reading: integers with separators, others to three decimals (`0.555`, not `0.5549999999999999`). */
export function fmtNum(v: unknown): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  if (!Number.isFinite(v)) return String(v);
  return v !== 0 && Math.abs(v) < 0.001 ? SMALL.format(v) : NUMBER.format(v);
}

/** A signed difference (`+0.2`, `−1`), empty for none. */
export function fmtDelta(d: number): string {
  if (d === 0 || !Number.isFinite(d)) return '';
  return `${d > 0 ? '+' : '−'}${fmtNum(Math.abs(d))}`;
}

/** A cost in US dollars, the currency of the prices file (`$0.00036`, `$1.25`). */
export function fmtCost(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (v === 0) return '$0';
  return `$${v < 0.01 ? SMALL.format(v) : v.toFixed(2)}`;
}

const PERCENT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** A share as a percentage to one decimal (`66.7%`, `100%`). */
export function fmtPct(share: number): string {
  return Number.isFinite(share) ? `${PERCENT.format(share * 100)}%` : '';
}

const TIME = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An epoch-milliseconds time in the browser's time zone (`23 Nov 2026, 14:05:09`). */
export function fmtTime(ms: number | null | undefined): string {
  return ms ? TIME.format(new Date(ms)) : '';
}

/** Durations kept to the microsecond, shown at the scale that means something. */
export function fmtDur(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** `user_properties` → `User Properties`. */
export function label(field: string): string {
  return field
    .split('_')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** A run's name with its date, so runs of one name tell apart. */
export function runLabel(run: { name: string; created_at: number }): string {
  return `${run.name} · ${fmtTime(run.created_at)}`;
}

/** Epoch ms as a `datetime-local` input value (local time, minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** A `datetime-local` value as epoch ms (`undefined` when empty or invalid). */
export function fromLocalInput(v: string): number | undefined {
  if (!v) return undefined;
  const t = new Date(v).getTime();
  return Number.isFinite(t) ? t : undefined;
}
