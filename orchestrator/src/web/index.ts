export { chatPageCsp, chatPageHtml } from './chat-page.js';
export { chatPageRoutes } from './chat-page-routes.js';
