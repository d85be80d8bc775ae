export {
  appMention,
  blockActions,
  eventCallback,
  interactionBody,
  reactionAdded,
  type SignOptions,
  signedRequest,
  slackSignature,
  slashCommandBody,
} from './signed-requests.ts';
export {
  type SharedFile,
  type SlackCall,
  type SlackFake,
  type StoredMessage,
  startSlackFake,
} from './slack-fake.ts';
export { botUser } from './slack-state.ts';
