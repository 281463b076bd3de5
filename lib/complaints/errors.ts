/** A refusal whose code is safe to show (translated) to the person who caused it. */
export class ComplaintError extends Error {
  constructor(
    readonly code: string,
    readonly status: number = 422,
  ) {
    super(code);
    this.name = 'ComplaintError';
  }
}
