import pg from 'pg';

/**
 * Global set-up of the PostgreSQL test run: checks the server is there (a
 * clear message instead of a thousand connection errors) and afterwards drops
 * the schemas this run created.
 */
export async function setup(): Promise<() => Promise<void>> {
  const url = process.env.REGIEBOT_TEST_POSTGRES_URL!;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`PostgreSQL test run: cannot reach REGIEBOT_TEST_POSTGRES_URL (${(err as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const prefix = `t_${process.env.REGIEBOT_TEST_RUN}_`;
      const { rows } = await c.query<{ n: string }>(`select nspname as n from pg_namespace where starts_with(nspname, $1)`, [prefix]);
      for (const { n } of rows) await c.query(`drop schema "${n}" cascade`);
    } finally {
      await c.end();
    }
  };
}
