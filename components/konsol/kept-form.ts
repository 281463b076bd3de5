'use client';

import { startTransition, useEffect, useRef, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/errors';

/**
 * Submits a form to its action without React's automatic reset, so a refused or held send keeps
 * what the officer typed, chose and attached ("Hantar juga" resends exactly that); the form is
 * reset only once the action succeeded. Pass the returned handler as the form's onSubmit.
 */
export function useKeptForm(dispatch: (form: FormData) => void, state: ActionResult | null) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // The pressed button's name and value (confirm=1) go with the form, as in a plain submit.
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(data));
  };
  return { formRef, onSubmit };
}
