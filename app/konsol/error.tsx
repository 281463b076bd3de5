'use client';

import { ErrorMain } from '@/components/errors/error-panel';
import PageError from '@/components/errors/page-error';

// An error on a console page outside the signed-in frame (signing in, setting a password).
export default function ConsoleRootError(props: React.ComponentProps<typeof PageError>) {
  return (
    <ErrorMain>
      <PageError {...props} />
    </ErrorMain>
  );
}
