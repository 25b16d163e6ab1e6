import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'db/migrations/**', 'bench/results.json', '.tmp/**', 'eslint.config.js', '.dependency-cruiser.cjs'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Every query is asynchronous (PostgreSQL); a forgotten await loses a write or reads a promise.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'db/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    // The SQLite driver itself, where the raw better-sqlite3 calls belong.
    ignores: ['db/connection.ts'],
    rules: {
      // SQLite-only query executors: on PostgreSQL they do not exist. Await the builder; first() for one row.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(get|all|run)$/]",
          message: 'SQLite-only executor: await the query builder itself, or use first() from db/connection.ts for one row.',
        },
      ],
    },
  },
);
