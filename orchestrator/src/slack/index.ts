export {
  createSlackFrontEnd,
  type SlackConfig,
  type SlackFrontEnd,
  type SlackFrontEndDeps,
} from './slack-front-end.js';
export { signSlackRequest, verifySlackSignature } from './slack-signature.js';
