// Every Slack Web API method the bot calls, with the bot-token scopes each needs, and the events and
// features it subscribes to with theirs. The example app manifest (orchestrator/slack-manifest.yaml) asks
// for exactly the union of these; a test holds the two together.

export const methodScopes = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  // A reacted-to message is read back in whatever kind of conversation it was posted.
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
} as const satisfies Record<string, readonly string[]>;

export type SlackMethod = keyof typeof methodScopes;

/** Events API subscriptions (bot events) and the scope each needs. */
export const eventScopes = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
  reaction_added: 'reactions:read',
} as const;

/** The slash command `/sre-bot` needs `commands`. */
export const commandScope = 'commands';

/** Every bot scope the code needs, sorted. */
export function requiredBotScopes(): string[] {
  const scopes = new Set<string>([commandScope, ...Object.values(eventScopes)]);
  for (const list of Object.values(methodScopes)) for (const scope of list) scopes.add(scope);
  return [...scopes].sort();
}
