// The one guard against stale answers. The backend answers requests in any order: a
// level asked for first may arrive after the one asked for next, and the person may have
// gone elsewhere meanwhile. Each store keeps one `Latest`; only the answer to its latest
// request counts, and every other answer is dropped unseen.

/** One request, as `Latest` hands it out. */
export type Request = {
  /** Whether its answer still counts: no newer request began, and nothing dropped it. */
  readonly current: () => boolean;
};

/** A request that is always current: for callers that need no guard. */
export const always: Request = { current: () => true };

export class Latest {
  /** Counts the requests begun and the times everything on its way was dropped. */
  #serial = 0;

  /** Begins a request: from now on, the answers to every earlier one are dropped. */
  begin(): Request {
    return this.#request(++this.#serial);
  }

  /** The request the next `begin` starts: current once it has begun, until a newer one has. */
  next(): Request {
    return this.#request(this.#serial + 1);
  }

  /** Nothing on its way is wanted any more (the person went elsewhere). */
  drop(): void {
    this.#serial++;
  }

  /**
   * Runs `work` as a new request. When it settles, `done` gets its answer or `failed` its
   * error, unless a newer request began or everything was dropped meanwhile: then neither
   * runs. `work` gets its request, to stop early when it takes several steps.
   */
  async run<T>(
    work: (request: Request) => Promise<T>,
    done: (value: T) => void,
    failed: (error: unknown) => void,
  ): Promise<void> {
    const request = this.begin();
    let value: T;
    try {
      value = await work(request);
    } catch (error) {
      if (request.current()) failed(error);
      return;
    }
    if (request.current()) done(value);
  }

  #request(serial: number): Request {
    return { current: () => serial === this.#serial };
  }
}
