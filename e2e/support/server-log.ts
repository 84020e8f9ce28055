/** Where e2e/support/server.ts copies everything the app server prints. */
export const SERVER_LOG = ".data/e2e-server.log";
