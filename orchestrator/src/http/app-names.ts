/** The one app the orchestrator serves, under ADK's naming (the seed's Slack bot posts to it). */
export const APP_NAME = 'sre_agent';

/** The seed's app name: its README's curl examples and its clients post to it. */
export const SEED_APP_NAME = 'agent_root';

/** Our one app under every name a client may know it by; sessions are kept under `canonical` whatever the name used. */
export interface AppNames {
  canonical: string;
  accepts(name: string): boolean;
}

export function appNames(aliases: readonly string[]): AppNames {
  const names = new Set([APP_NAME, SEED_APP_NAME, ...aliases]);
  return { canonical: APP_NAME, accepts: (name) => names.has(name) };
}
