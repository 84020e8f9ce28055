// Texts PRODUCT.md §9 fixes, shared by pages, actions and tests.
export const INVITE_INVALID = "This invite link is no longer valid.";
export const RESET_INVALID = "This password reset link is no longer valid.";
export const INVITE_LINK_NOTE = "This link works once and expires in 7 days.";
export const RESET_LINK_NOTE = "This link works once and expires in 1 hour.";
export const PASSWORD_RESET_DONE = "Your password has been reset. Sign in with your new password.";
