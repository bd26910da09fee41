// Prettier: close to the style the code was written in (single quotes, semicolons, trailing
// commas, long lines for one-line expressions). `npm run format` writes, `npm run format:check`
// is the check `npm test` runs.
/** @type {import('prettier').Config} */
const config = {
  printWidth: 160,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  arrowParens: 'always',
  bracketSpacing: true,
};

export default config;
