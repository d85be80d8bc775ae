import type { Logger } from '@sre-agent/shared';

/** The AWS SDK logs with console-style arguments; our logger takes one message (and stays on stderr). */
export function sdkLogger(logger: Logger) {
  const line = (parts: unknown[]) => parts.map(String).join(' ');
  return {
    debug: (...parts: unknown[]) => logger.debug(line(parts)),
    info: (...parts: unknown[]) => logger.info(line(parts)),
    warn: (...parts: unknown[]) => logger.warn(line(parts)),
    error: (...parts: unknown[]) => logger.error(line(parts)),
  };
}
