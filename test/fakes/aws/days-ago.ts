const DAY = 86_400_000;

/** Fixture dates are relative to now so that ages shown by the tools stay stable. */
export const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
