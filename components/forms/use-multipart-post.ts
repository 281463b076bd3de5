'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

export type PostOutcome<T> = { status: number; body: T & { fieldErrors?: Record<string, string>; error?: { message?: string } } };

/**
 * Posts a FormData to one of our JSON endpoints with upload progress (XMLHttpRequest, since fetch
 * has none), and keeps the field errors and the general message of a refused request. Every
 * public form uses it, so they all behave alike: the form stays, values stay, errors sit by fields.
 */
export function useMultipartPost<T>(url: string) {
  const te = useTranslations('errors');
  const tf = useTranslations('form');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  function post(data: FormData): Promise<PostOutcome<T> | null> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onload = () => {
        setProgress(null);
        let body = {} as PostOutcome<T>['body'];
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* a proxy's HTML error page: handled as a server error below */
        }
        if (xhr.status >= 400) {
          setErrors(body.fieldErrors ?? {});
          setGeneral(body.error?.message ?? te('server'));
        } else {
          setErrors({});
          setGeneral(null);
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => {
        setProgress(null);
        setErrors({});
        setGeneral(tf('networkError'));
        resolve(null);
      };
      setProgress(0);
      xhr.send(data);
    });
  }

  return { post, errors, setErrors, general, progress, pending: progress !== null };
}
