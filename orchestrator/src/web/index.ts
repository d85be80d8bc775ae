export { chatPageCsp, chatPageHtml } from './chat-page.js';
export { chatPageRoutes } from './chat-page-routes.js';
export { readWebPageAssets, type WebPageAssets, webPageDir } from './web-page-assets.js';
