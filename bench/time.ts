// Time module benchmark: the Intl code with its caches (src/clock.ts) against
// temporal-polyfill, for the two conversions the sweep and the digest make by
// the million: a moment's local day (dayOf) and a local wall-clock time's
// moment (zonedTime). Also checks that both agree, DST days included.
//
//   npx tsx bench/time.ts            (N=1e6 by default; BENCH_N=… to change)
//
// temporal-polyfill is not a dependency; to include it: npm i --no-save temporal-polyfill
import { dayOf, timeZone, zonedTime } from '../src/clock.js';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const tz = timeZone();
const start = Date.UTC(2025, 0, 1);
const span = 2 * 366 * 86_400_000;

// A fixed pseudo-random sequence, the same for every contender.
let seed = 17;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const moments = Float64Array.from({ length: N }, () => start + Math.floor(rnd() * span));
const times = ['00:00', '02:30', '08:30', '09:00', '10:15', '16:00'];
const walls = Array.from({ length: N }, () => {
  const d = new Date(start + Math.floor(rnd() * span)).toISOString().slice(0, 10);
  return [d, times[Math.floor(rnd() * times.length)]!] as const;
});

const pad = (n: number) => String(n).padStart(2, '0');
// The same zone under another spelling (Intl ignores case): clock.ts remembers
// only the configured zone, so this takes the plain Intl path.
const intlZone = tz.toLowerCase();

interface Contender {
  name: string;
  dayOf: (ms: number) => string;
  zonedTime: (day: string, time: string) => number;
}

const contenders: Contender[] = [
  { name: 'Intl + caches (src/clock.ts)', dayOf: (ms) => dayOf(new Date(ms)), zonedTime: (d, t) => zonedTime(d, t).getTime() },
  {
    name: 'Intl, no caches',
    dayOf: (ms) => dayOf(new Date(ms), intlZone),
    zonedTime: (d, t) => zonedTime(d, t, intlZone).getTime(),
  },
];

try {
  const { Temporal } = (await import('temporal-polyfill' as string)) as { Temporal: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  contenders.push({
    name: 'temporal-polyfill',
    dayOf: (ms) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz).toPlainDate().toString(),
    zonedTime: (d, t) => Temporal.PlainDateTime.from(`${d}T${t}`).toZonedDateTime(tz, { disambiguation: 'later' }).epochMilliseconds,
  });
} catch {
  console.log('temporal-polyfill not installed: npm i --no-save temporal-polyfill to include it');
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

console.log(`N = ${N}, zone ${tz}, moments over two years`);
const reference = contenders[0]!;
for (const c of contenders) {
  // Agreement on the DST days, every quarter hour, and on a sample.
  for (const day of ['2026-03-29', '2026-10-25', '2025-03-30', '2025-10-26']) {
    for (let m = 0; m < 24 * 60; m += 15) {
      const hhmm = `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
      if (c.zonedTime(day, hhmm) !== reference.zonedTime(day, hhmm)) throw new Error(`${c.name}: zonedTime ${day} ${hhmm} differs`);
    }
    const base = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
    for (let ms = base; ms < base + 3 * 86_400_000; ms += 60_000) {
      if (c.dayOf(ms) !== reference.dayOf(ms)) throw new Error(`${c.name}: dayOf ${new Date(ms).toISOString()} differs`);
    }
  }
  let sink = 0;
  const dayMs = time(() => {
    for (let i = 0; i < N; i++) sink += c.dayOf(moments[i]!).length;
  });
  const wallMs = time(() => {
    for (let i = 0; i < N; i++) sink += c.zonedTime(walls[i]![0], walls[i]![1]) & 1;
  });
  console.log(
    `${c.name.padEnd(30)} dayOf ${dayMs.toFixed(0).padStart(6)} ms (${((dayMs * 1e3) / N).toFixed(2)} µs/op)   zonedTime ${wallMs.toFixed(0).padStart(6)} ms (${((wallMs * 1e3) / N).toFixed(2)} µs/op)   [${sink % 10}]`,
  );
}
