/** The fake's one account (a module of its own, so fixture modules can use it without a cycle). */
export const ACCOUNT_ID = '123456789012';
