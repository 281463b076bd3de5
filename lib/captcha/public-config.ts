import { getEnv } from '@/lib/env';

/** What the browser needs to render the configured CAPTCHA widget (never a secret). */
export function publicCaptchaConfig() {
  const env = getEnv();
  return {
    provider: env.CAPTCHA_PROVIDER,
    siteKey: env.CAPTCHA_PROVIDER === 'turnstile' ? env.TURNSTILE_SITE_KEY : env.RECAPTCHA_SITE_KEY,
  };
}
