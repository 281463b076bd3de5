import { startAppServer } from '../support/app-server';

// Browser tests run against the app as `npm start` runs it; specs may also use the app's own
// services directly (e.g. an officer's reply through lib/complaints), so its settings are shared.
// The port is the one playwright.config.ts settled on (and used for baseURL): E2E_PORT.
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT);
  if (!port) throw new Error('E2E_PORT is not set: run the browser tests through playwright.config.ts');
  const app = await startAppServer({ port });
  Object.assign(process.env, app.env);
  return () => app.stop();
}
