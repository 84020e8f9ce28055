/** PRODUCT.md §9: a wrong code at sign-in or on My account. */
export const WRONG_CODE = "That code didn't work. Try again.";
