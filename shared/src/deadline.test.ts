import { describe, expect, it } from 'vitest';
import { createDeadline, DeadlineExceeded } from './deadline.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createDeadline', () => {
  it('aborts at the limit, not counting the time it was paused', async () => {
    const deadline = createDeadline(80);
    deadline.pause();
    await sleep(120);
    expect(deadline.signal.aborted).toBe(false);
    deadline.resume();
    await sleep(120);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceeded);
    deadline.clear();
  });

  it('is aborted at once when the client had already cancelled', () => {
    const client = new AbortController();
    client.abort(new Error('cancelled'));
    const deadline = createDeadline(60_000, client.signal);
    expect(deadline.signal.aborted).toBe(true);
    deadline.clear();
  });
});

describe('DeadlineExceeded', () => {
  it('says the limit as set: a short one keeps its tenth, a long one whole seconds', () => {
    expect(new DeadlineExceeded(1500).message).toBe('timed out after 1.5s');
    expect(new DeadlineExceeded(1000).message).toBe('timed out after 1s');
    expect(new DeadlineExceeded(30_000).message).toBe('timed out after 30s');
  });
});
