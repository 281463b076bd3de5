// Word searches take turns. Over a million complaints one takes most of a database core for up to a
// second; the console's pool would let five run at once on the machine's cores, and a complainant's
// page then waits for a core (ten officers searching made it ~10× slower in the bench). So, per
// process, at most CONSOLE_SEARCH_SLOTS word searches run at a time (a page's rows and its counts
// together, as one turn); the others wait in order of arrival, in Node, holding no connection. A
// number, an IC, the saved views and the filters are indexed lookups and never wait. A search that
// waits longer than the console's statement deadline gives up as a slow statement would: the
// officer gets the 503 "try again shortly" (lib/db/unavailable.ts), not an endless spinner.

/** The error a search gets when its turn did not come within the deadline. */
export class SearchTurnTimeout extends Error {
  readonly code = 'SEARCH_TURN_TIMEOUT';
  constructor(waitedMs: number) {
    super(`a word search waited ${waitedMs} ms for its turn`);
  }
}

export type Turns = {
  /**
   * `work` in its turn. With `keep`, a search that succeeded keeps its slot after `work` and hands
   * `keep` the release (idempotent): the queue page holds it until its response has been sent, so
   * ten officers' pages are drawn one at a time too, not all at once beside a complainant's page.
   * A kept slot comes back by itself after the deadline, whatever happens to the response.
   */
  run<T>(work: () => Promise<T>, keep?: (release: () => void) => void): Promise<T>;
  /** Running and waiting now (for the tests). */
  readonly running: number;
  readonly waiting: number;
};

export function turns(slots: number, maxWaitMs = Number.POSITIVE_INFINITY): Turns {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    const next = queue.shift();
    if (next) next(); // the slot passes straight to the next in line
    else running--;
  };
  return {
    async run(work, keep) {
      if (running < slots) running++;
      else
        await new Promise<void>((resolve, reject) => {
          const timer = Number.isFinite(maxWaitMs)
            ? setTimeout(() => {
                queue.splice(queue.indexOf(go), 1);
                reject(new SearchTurnTimeout(maxWaitMs));
              }, maxWaitMs)
            : undefined;
          const go = () => {
            clearTimeout(timer);
            resolve();
          };
          queue.push(go);
        });
      let result;
      try {
        result = await work();
      } catch (e) {
        release();
        throw e;
      }
      if (!keep) release();
      else {
        let held = true;
        const once = () => {
          if (!held) return;
          held = false;
          clearTimeout(backstop);
          release();
        };
        const backstop = Number.isFinite(maxWaitMs) ? setTimeout(once, maxWaitMs).unref() : undefined;
        try {
          keep(once);
        } catch (e) {
          once();
          throw e;
        }
      }
      return result;
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
