import { describe, expect, it } from 'vitest';
import { mapInWindow } from '../../src/reading/in-order-window.ts';

describe('mapInWindow', () => {
  it('keeps input order and never has more than `width` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 10, 15, 2];
    const out = await mapInWindow(delays, 3, async (ms, i) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
  });

  it('handles an empty list', async () => {
    expect(await mapInWindow([], 4, async () => 1)).toEqual([]);
  });
});
