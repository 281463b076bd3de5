'use client';

import 'altcha/types/react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';

export type CaptchaConfig = { provider: 'altcha' | 'turnstile' | 'recaptcha'; siteKey?: string };
export type CaptchaHandle = { reset: () => void };

// ALTCHA's own strings have no Malay; these are registered before the widget renders.
const altchaMalay = {
  ariaLinkLabel: 'Altcha (laman web rasmi)',
  enterCode: 'Masukkan kod',
  enterCodeAria: 'Masukkan kod yang anda dengar. Tekan Space untuk memainkan audio.',
  error: 'Pengesahan gagal. Cuba lagi kemudian.',
  expired: 'Pengesahan tamat tempoh. Cuba lagi.',
  footer: 'Dilindungi oleh ALTCHA',
  getAudioChallenge: 'Dapatkan cabaran audio',
  label: 'Saya bukan robot',
  loading: 'Memuatkan…',
  reload: 'Muat semula',
  verify: 'Sahkan',
  verificationRequired: 'Pengesahan diperlukan!',
  verified: 'Disahkan',
  verifying: 'Mengesahkan…',
  waitAlert: 'Mengesahkan… sila tunggu.',
};

const remoteScripts = {
  turnstile: 'https://challenges.cloudflare.com/turnstile/v0/api.js',
  recaptcha: 'https://www.google.com/recaptcha/api.js',
};

export function CaptchaWidget({ config, language, ref }: { config: CaptchaConfig; language: string; ref?: Ref<CaptchaHandle> }) {
  const altchaRef = useRef<HTMLElement & { reset?: () => void }>(null);

  useImperativeHandle(ref, () => ({
    reset: () => {
      if (config.provider === 'altcha') altchaRef.current?.reset?.();
      else (window as unknown as Record<string, { reset?: () => void } | undefined>)[config.provider === 'turnstile' ? 'turnstile' : 'grecaptcha']?.reset?.();
    },
  }));

  useEffect(() => {
    if (config.provider === 'altcha') {
      void import('altcha').then(() => {
        globalThis.$altcha?.i18n.set('ms', altchaMalay);
      });
      return;
    }
    const src = remoteScripts[config.provider];
    if (!document.querySelector(`script[src="${src}"]`)) {
      const s = document.createElement('script');
      s.src = src;
      s.async = true;
      document.head.appendChild(s);
    }
  }, [config.provider]);

  if (config.provider === 'turnstile') return <div className="cf-turnstile" data-sitekey={config.siteKey} data-language={language} />;
  if (config.provider === 'recaptcha') return <div className="g-recaptcha" data-sitekey={config.siteKey} />;
  return (
    <altcha-widget
      ref={altchaRef}
      challenge="/api/captcha"
      name="altcha"
      language={language}
      configuration={JSON.stringify({ hideLogo: true, hideFooter: true })}
      suppressHydrationWarning
    />
  );
}

/** The CAPTCHA as every public form shows it: a label, its error (if any) and the widget. */
export function CaptchaField({ config, error, ref }: { config: CaptchaConfig; error?: string; ref?: Ref<CaptchaHandle> }) {
  const t = useTranslations('form');
  const locale = useLocale();
  return (
    <div id="captcha" className="space-y-1" tabIndex={-1}>
      <p className="font-medium">{t('captcha')}</p>
      {error && (
        <p className="text-sm font-medium text-red-700">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <CaptchaWidget ref={ref} config={config} language={locale} />
    </div>
  );
}
