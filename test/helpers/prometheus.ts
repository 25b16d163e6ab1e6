// A strict reader of the Prometheus text exposition format (version 0.0.4):
// every line is a HELP, a TYPE or a sample of a family declared before it;
// names and label names follow the data model's character rules, label values
// are quoted with only \\, \" and \n escaped, values are floats (or +Inf, -Inf,
// NaN). A histogram has ascending `le` buckets ending in +Inf, and its _count
// equals the +Inf bucket. Anything else throws, naming the line.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parseValue(raw: string, line: string): number {
  if (raw === '+Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  // Prometheus reads values with Go's ParseFloat, which takes NaN in any case.
  if (/^nan$/i.test(raw)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) throw new Error(`bad value in: ${line}`);
  return Number(raw);
}

function parseLabels(raw: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < raw.length) {
    const eq = raw.indexOf('=', i);
    if (eq < 0) throw new Error(`bad labels in: ${line}`);
    const name = raw.slice(i, eq);
    if (!labelName.test(name) || name in labels) throw new Error(`bad label name ${name} in: ${line}`);
    if (raw[eq + 1] !== '"') throw new Error(`unquoted label value in: ${line}`);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = raw[j];
      if (c === undefined) throw new Error(`unterminated label value in: ${line}`);
      if (c === '"') break;
      if (c === '\\') {
        const n = raw[j + 1];
        if (n === '\\') value += '\\';
        else if (n === '"') value += '"';
        else if (n === 'n') value += '\n';
        else throw new Error(`bad escape in: ${line}`);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    labels[name] = value;
    i = j + 1;
    if (raw[i] === ',') i++;
    else if (i < raw.length) throw new Error(`bad label separator in: ${line}`);
  }
  return labels;
}

function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  for (const suffix of ['', '_bucket', '_sum', '_count']) {
    if (suffix && !sample.endsWith(suffix)) continue;
    const f = families.get(suffix ? sample.slice(0, -suffix.length) : sample);
    if (f && (suffix === '' || f.type === 'histogram' || f.type === 'summary')) return f;
  }
  return undefined;
}

export function parsePrometheus(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, Family>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) {
        if (/^# (HELP|TYPE)/.test(line)) throw new Error(`bad comment: ${line}`);
        continue;
      }
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (!metricName.test(name)) throw new Error(`bad metric name: ${line}`);
      const f = families.get(name) ?? { name, help: '', type: 'untyped' as Family['type'], samples: [] };
      if (kind === 'HELP') f.help = rest;
      else {
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`bad type: ${line}`);
        if (f.samples.length) throw new Error(`TYPE after samples: ${line}`);
        f.type = rest as Family['type'];
      }
      families.set(name, f);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const [, name, rawLabels, rawValue] = m as unknown as [string, string, string | undefined, string];
    const f = familyOf(name, families);
    if (!f) throw new Error(`sample of an undeclared family: ${line}`);
    f.samples.push({ name, labels: rawLabels ? parseLabels(rawLabels, line) : {}, value: parseValue(rawValue, line) });
  }
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

function checkHistogram(f: Family): void {
  const series = new Map<string, Sample[]>();
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    const les = buckets.map((b) => parseValue(b.labels.le ?? 'x', `${f.name} ${key}`));
    if (!buckets.length || les.at(-1) !== Infinity) throw new Error(`${f.name} ${key}: no +Inf bucket`);
    for (let i = 1; i < les.length; i++) {
      if (!(les[i]! > les[i - 1]!)) throw new Error(`${f.name} ${key}: buckets not ascending`);
      if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${f.name} ${key}: buckets not cumulative`);
    }
    const count = samples.find((s) => s.name === `${f.name}_count`);
    if (!count || count.value !== buckets.at(-1)!.value) throw new Error(`${f.name} ${key}: _count is not the +Inf bucket`);
    if (!samples.some((s) => s.name === `${f.name}_sum`)) throw new Error(`${f.name} ${key}: no _sum`);
  }
}

/** The value of one sample (by exact name and labels), or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      const keys = Object.keys(labels);
      if (keys.every((k) => s.labels[k] === labels[k]) && Object.keys(s.labels).length === keys.length) return s.value;
    }
  }
  return undefined;
}
