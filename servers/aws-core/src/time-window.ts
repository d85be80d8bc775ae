import { ToolError } from '@sre-agent/shared';
import { z } from 'zod';

/** CloudTrail keeps 90 days of management events; no window here goes further back. */
const MAX_MINUTES = 90 * 24 * 60;

/** ISO 8601 with a zone; checked when the window is resolved, so tools/list carries no pattern. */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const isoTime = z.string().max(40);

/** `since_minutes`, or `start` (and optionally `end`): the window every time-based tool takes. */
export const timeWindowArgs = {
  since_minutes: z
    .number()
    .int()
    .min(1)
    .max(MAX_MINUTES)
    .optional()
    .describe('Window ending now, in minutes (default 60); or start/end'),
  start: isoTime.optional().describe('Window start, e.g. "2025-01-31T09:00:00Z"'),
  end: isoTime.optional().describe('Window end; default now'),
};

export interface TimeWindowInput {
  since_minutes?: number | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The window asked for; an inconsistent one is an error saying which form to use. */
export function resolveTimeWindow(input: TimeWindowInput, now: Date, defaultMinutes = 60): TimeWindow {
  if (input.since_minutes !== undefined && input.start !== undefined) {
    throw new ToolError(
      'Both since_minutes and start were given.',
      'Pass since_minutes, or start (and end), not both.',
    );
  }
  const end = input.end ? parseTime(input.end, 'end') : now;
  const start = input.start
    ? parseTime(input.start, 'start')
    : new Date(end.getTime() - (input.since_minutes ?? defaultMinutes) * 60_000);
  if (start.getTime() >= end.getTime()) {
    throw new ToolError(
      `The window starts (${start.toISOString()}) at or after it ends (${end.toISOString()}).`,
      'Pass a start before end, or since_minutes alone.',
    );
  }
  if (end.getTime() - start.getTime() > MAX_MINUTES * 60_000) {
    throw new ToolError('The window is longer than 90 days.', 'Pass a shorter window.');
  }
  return { start, end };
}

function parseTime(text: string, name: string): Date {
  const time = new Date(text);
  if (!ISO_TIME.test(text) || Number.isNaN(time.getTime())) {
    throw new ToolError(
      `${name} "${text}" is not a valid time.`,
      'Pass ISO 8601 with a zone, e.g. 2025-01-31T09:00:00Z.',
    );
  }
  return time;
}

export function windowMinutes(window: TimeWindow): number {
  return (window.end.getTime() - window.start.getTime()) / 60_000;
}

/** `09:12-10:12 UTC` (with dates when the window is not within one day). */
export function describeWindow(window: TimeWindow): string {
  const iso = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const sameDay = window.start.toISOString().slice(0, 10) === window.end.toISOString().slice(0, 10);
  return sameDay
    ? `${iso(window.start)}-${iso(window.end).slice(11)} UTC`
    : `${iso(window.start)} - ${iso(window.end)} UTC`;
}
