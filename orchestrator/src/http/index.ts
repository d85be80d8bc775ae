export type { AppEnv } from './app-env.js';
export { createUserToken, type Principal } from './auth.js';
export { APP_NAME, type AppDeps, createApp } from './create-app.js';
