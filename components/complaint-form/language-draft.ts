// The prerendered form is one copy per language (lib/http/prerendered.ts), so switching language
// loads the other copy: what was typed is handed over in the tab's sessionStorage, and taken (and
// removed) as soon as the other copy starts. Files cannot be handed over; their count is, so the
// form can ask for them again. Nothing is kept unless the language switch was used.

const KEY = 'helpdesk:complaint-draft';
const TEXT = ['name', 'ic', 'ptj', 'phone', 'email', 'category', 'title', 'description'] as const;
const CHECKS = ['declaration', 'whatsappConsent'] as const;

type Draft = { text: Record<string, string>; checked: string[]; files: number };

/** Keeps the form's text when the site's language switch is submitted; returns the cleanup. */
export function keepDraftOnLanguageSwitch(form: HTMLFormElement, fileCount: () => number): () => void {
  const onSubmit = (event: SubmitEvent) => {
    if (!(event.target instanceof HTMLFormElement) || !event.target.hasAttribute('data-language-switch')) return;
    const data = new FormData(form);
    const text = Object.fromEntries(TEXT.map((name) => [name, String(data.get(name) ?? '')]).filter(([, v]) => v));
    const checked = CHECKS.filter((name) => data.has(name));
    if (Object.keys(text).length === 0 && checked.length === 0 && fileCount() === 0) return;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ text, checked, files: fileCount() } satisfies Draft));
    } catch {
      /* storage refused (private mode, full): the switch goes on without the draft */
    }
  };
  document.addEventListener('submit', onSubmit, true);
  return () => document.removeEventListener('submit', onSubmit, true);
}

/** Puts a handed-over draft into the form and forgets it; null when there was none. */
export function takeDraft(form: HTMLFormElement): { description: string; files: number } | null {
  let draft: Draft;
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (!raw) return null;
    draft = JSON.parse(raw) as Draft;
  } catch {
    return null;
  }
  for (const name of TEXT) {
    const field = form.elements.namedItem(name);
    const value = draft.text?.[name];
    if (typeof value === 'string' && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) field.value = value;
  }
  for (const name of CHECKS) {
    const box = form.elements.namedItem(name);
    if (box instanceof HTMLInputElement) box.checked = draft.checked?.includes(name) ?? false;
  }
  return { description: draft.text?.description ?? '', files: Number(draft.files) || 0 };
}
