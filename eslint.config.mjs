// ESLint flat config: `npm run lint`. Recommended rules of @eslint/js and typescript-eslint
// (syntax only, no type information, to keep it fast); formatting is Prettier's job, so
// eslint-config-prettier comes last and switches off every rule that would fight it.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, local databases and generated or installed files (node_modules is ignored by default).
  globalIgnores(['dist/', 'coverage/', 'data/', 'test-artifacts/', 'bench/.work/', 'bench/results/']),

  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // Unused `_name` parameters and variables are deliberate (interface signatures, rest-sibling omits).
      '@typescript-eslint/no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and benchmarks walk untyped GraphQL/JSON responses and SQL rows; src has no `any` and stays strict.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // These modules strip or detect control characters on purpose (input hygiene, LIKE escaping).
    files: ['src/common/text-match.ts', 'src/common/text/input-text.ts', 'src/common/text/search-normalize.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The marks class lists combining code points one by one; they are meant to match alone.
    files: ['src/common/text/search-normalize.ts'],
    rules: { 'no-misleading-character-class': 'off' },
  },
  {
    // Class lists are typed `Function[]` as type-graphql (buildSchema resolvers) and TypeORM (entities) declare them.
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-function-type': 'off' },
  },
  {
    // The PostGraphile peer (its own package, plain CommonJS run by Node).
    files: ['bench/postgraphile/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly' },
    },
  },

  prettier,
);
