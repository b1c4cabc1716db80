/**
 * `work`, or `fallback` once `ms` have passed, whichever comes first. The work is not cancelled (callers that can
 * abort pass it a signal of their own), and the timer never keeps the process alive by itself.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
