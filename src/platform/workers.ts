import type { AppContext } from './context.ts';

/** A background job: run every intervalMs, never overlapping itself. Returns how much work it did. */
export interface Job {
  name: string;
  intervalMs: number;
  run(ctx: AppContext): Promise<number | void>;
}

export interface Workers {
  stop(): Promise<void>;
  /** Runs every job once now, for tests and for `footfall` commands that need the backlog drained. */
  tick(): Promise<void>;
}

export function startWorkers(ctx: AppContext, jobs: Job[], enabled: boolean): Workers {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();

  const runOnce = (job: Job) => {
    const existing = running.get(job.name);
    if (existing) return existing;
    const p = job.run(ctx)
      .catch((err) => ctx.log.error({ err, job: job.name }, 'background job failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };

  const schedule = (job: Job) => {
    if (stopped) return;
    const t = setTimeout(async () => {
      timers.delete(t);
      await runOnce(job);
      schedule(job);
    }, job.intervalMs);
    t.unref();
    timers.add(t);
  };
  if (enabled) jobs.forEach(schedule);

  return {
    async tick() {
      for (const job of jobs) await runOnce(job);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all(running.values());
    },
  };
}

/** Exponential backoff with up to 25% jitter, so retries after an outage do not arrive in one burst. */
export function retryDelayMs(baseMs: number, attemptsMade: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.round(exponential * (1 + 0.25 * random()));
}
