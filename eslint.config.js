import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// `const { id: _id, ...rest } = row` is how a key is left out; `_arg` marks a required
			// but unused parameter. Anything else unused is still an error.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ ignoreRestSiblings: true, argsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Calendar dates come from src/lib/domain/clock.ts, in Vietnamese time: reading the clock
		// or an instant's calendar fields anywhere else is how UTC (or the server's zone) crept in.
		files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
		ignores: ['src/lib/domain/clock.ts', 'src/**/*.spec.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'CallExpression[callee.property.name=/^get(UTC)?(FullYear|Month|Date|Day|Hours)$/]',
					message:
						'Calendar fields of an instant depend on a time zone: use dayOf/monthOf/yearOf from $lib/domain/clock (Vietnamese time).'
				},
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Read the time through now()/today()/thisMonth() of $lib/domain/clock.'
				},
				{
					selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
					message: 'Read the time through now()/today()/thisMonth() of $lib/domain/clock.'
				}
			]
		}
	},
	{
		// SQL lives in the data modules (src/lib/server/queries/, one per entity) and the store
		// setup (src/lib/server/db/, app.ts, hooks' shutdown): everything else calls their verbs.
		files: ['src/**/*.ts', 'src/**/*.js', 'src/**/*.svelte'],
		ignores: [
			'src/lib/server/queries/**',
			'src/lib/server/db/**',
			'src/lib/server/app.ts',
			'src/hooks.server.ts'
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['drizzle-orm', 'drizzle-orm/*'],
							message: 'SQL belongs in src/lib/server/queries/: add or use a verb there.'
						},
						{
							group: [
								'$lib/server/db',
								'$lib/server/db/*',
								'**/server/db/index*',
								'**/db/index.ts'
							],
							allowTypeImports: true,
							message:
								'Only the queries and the store setup (app.ts) open the database: take the store from ready() and pass it to a query verb.'
						}
					]
				}
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'drizzle/',
			'.data*/',
			'node_modules/',
			'scratch/',
			'bench/',
			'src/lib/paraglide/'
		]
	}
);
