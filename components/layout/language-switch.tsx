import { setLocale } from '@/app/actions/locale';

// A plain form: works without JavaScript and from the keyboard. On a prerendered page the copy
// shown is in the old language: the action sends the visitor to its address again (the complaint
// form hands what was typed over to that copy: components/complaint-form/language-draft.ts).
export function LanguageSwitch({ current, label, ariaLabel }: { current: string; label: string; ariaLabel: string }) {
  return (
    <form action={setLocale} data-language-switch="">
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
