// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'docs/api/**',
      'reports/**',
      'src/interfaces/http/public/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The domain layer stays pure: no infrastructure, application or driver imports.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infrastructure/**', '**/application/**', '**/interfaces/**'],
              message: 'src/domain must not depend on outer layers.',
            },
            {
              group: ['pg', 'pg-*', '@electric-sql/*', 'typeorm-pglite', 'winston', 'tsyringe'],
              message: 'src/domain must not depend on drivers or frameworks.',
            },
          ],
        },
      ],
    },
  },
  {
    // Application services depend on ports, never on drivers or adapters.
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/infrastructure/**', '**/interfaces/**'],
              message: 'src/application depends on ports, not adapters.',
            },
            {
              group: ['pg', 'pg-*', '@electric-sql/*', 'typeorm', 'typeorm-pglite'],
              message: 'src/application must not import database drivers.',
            },
          ],
        },
      ],
    },
  },
);
