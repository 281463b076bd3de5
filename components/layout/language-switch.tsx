import { setLocale } from '@/app/actions/locale';

// A plain form: works without JavaScript and from the keyboard.
export function LanguageSwitch({ current, label, ariaLabel }: { current: string; label: string; ariaLabel: string }) {
  return (
    <form action={setLocale}>
      <input type="hidden" name="locale" value={current === 'ms' ? 'en' : 'ms'} />
      <button
        type="submit"
        aria-label={ariaLabel}
        className="rounded border border-white/60 px-3 py-1 text-white hover:bg-white/10"
      >
        {label}
      </button>
    </form>
  );
}
