import { defineConfig } from 'drizzle-kit';

// PostgreSQL migrations, from the schema derived in db/schema.pg.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.pg.ts',
  out: './db/migrations/pg',
});
