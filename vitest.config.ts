import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// The suite runs once on SQLite and, when a PostgreSQL server is given, once
// more on PostgreSQL. .ci/run gives one; without it the PostgreSQL run is
// skipped, and says so.
const postgresUrl = process.env.REGIEBOT_TEST_POSTGRES_URL;
// Names this run's PostgreSQL schemas (test/helpers/database.ts), so the run drops only its own.
process.env.REGIEBOT_TEST_RUN ??= randomBytes(3).toString('hex');

if (!postgresUrl && !process.env.REGIEBOT_TEST_NOTE_SHOWN) {
  process.env.REGIEBOT_TEST_NOTE_SHOWN = '1';
  console.warn(
    '\n  PostgreSQL: skipped. Set REGIEBOT_TEST_POSTGRES_URL=postgres://user@host:5432/db to run the suite on PostgreSQL too (.ci/run does).\n',
  );
}

// Tests that never open a database (parser, renderers, manifests, charts from
// data): they run once, in the SQLite project.
const withoutDatabase = [
  'test/commands/**',
  'test/db/migrations.test.ts',
  'test/privacy/**',
  'test/fakes/slack-rules.test.ts',
  'test/text/**',
  'test/charts/safety-chart.test.ts',
  'test/charts/sparkline.test.ts',
  'test/charts/team-chart.test.ts',
  'test/scheduler/attention.test.ts',
  'test/scheduler/day-at.test.ts',
  'test/scheduler/workdays.test.ts',
  'test/slack/manifest.test.ts',
  'test/slack/render.test.ts',
  'test/teams/manifest.test.ts',
  'test/teams/rules.test.ts',
];

// The slow tests: whole simulated quarters and DST nights, scale, crashes and
// outages of child processes, two instances, the largest cases and the
// browsers. `npm test` runs them (in the 'slow' project on SQLite, and on
// PostgreSQL); `npm run test:fast` (the 'sqlite' project) leaves them out for
// the working loop.
const slow = [
  'test/scheduler/quarter.test.ts',
  'test/scheduler/dst.test.ts',
  'test/scheduler/due-property.test.ts',
  'test/digests/scale.test.ts',
  'test/trust/crash.test.ts',
  'test/trust/work-thread.test.ts',
  'test/trust/outage.test.ts',
  'test/trust/outage-answers.test.ts',
  'test/trust/startup.test.ts',
  'test/trust/compiled-start.test.ts',
  'test/trust/export-script.test.ts',
  'test/instances/two-instances.test.ts',
  'test/slack/largest-case.e2e.test.ts',
  'test/teams/large-case.e2e.test.ts',
  'test/sandbox/large-case.test.ts',
  'test/sandbox/browser.e2e.test.ts',
  'test/sandbox/a11y.e2e.test.ts',
  'test/sandbox/layout.e2e.test.ts',
  'test/sandbox/forms.e2e.test.ts',
  'test/teams/playground.e2e.test.ts',
  'test/db/copy.test.ts',
];

const all = ['test/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: all, exclude: slow, env: { REGIEBOT_TEST_DATABASE: 'sqlite' } } },
      { extends: true as const, test: { name: 'slow', include: slow, env: { REGIEBOT_TEST_DATABASE: 'sqlite' } } },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: all,
                exclude: withoutDatabase,
                env: { REGIEBOT_TEST_DATABASE: 'postgres' },
                globalSetup: ['test/helpers/postgres-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
