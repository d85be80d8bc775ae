// Types for the plain-JavaScript installer (JavaScript so that `prepare` runs on any Node, even
// the old system one an `npm ci --omit=dev` leaves in charge).
export declare const preCommitHook: string;
export declare function installGitHooks(cwd?: string, env?: Record<string, string | undefined>): string;
export declare function main(): void;
