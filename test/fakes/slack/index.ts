export {
  appMention,
  blockActions,
  eventCallback,
  interactionBody,
  type SignOptions,
  signedRequest,
  slackSignature,
} from './signed-requests.ts';
export { type SlackCall, type SlackFake, startSlackFake } from './slack-fake.ts';
