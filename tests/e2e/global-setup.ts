import { startAppServer } from '../support/app-server';

// Browser tests run against the app as `npm start` runs it; specs may also use the app's own
// services directly (e.g. an officer's reply through lib/complaints), so its settings are shared.
export default async function globalSetup() {
  const app = await startAppServer({ port: Number(process.env.E2E_PORT ?? 3100) });
  Object.assign(process.env, app.env);
  return () => app.stop();
}
