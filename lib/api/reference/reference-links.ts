import type { TokenType } from "@/lib/tokens/types";

/** Where the API reference is served (public; lib/server/api-reference.ts renders it). */
export const API_REFERENCE_PATH = "/docs/api";

/**
 * The reference's sections, one OpenAPI tag each. An operation lands in a section by carrying
 * the tag's name in its `tags`, e.g. `tags: [API_TAGS.tokens]` for token revocation.
 */
export const API_TAGS = {
  activity: "Activity API",
  profileRead: "Profile Read API",
  tokens: "Token management",
  service: "Service status",
} as const;

/** The renderer's anchor for a tag's section: `tag/` and the name with spaces as hyphens. */
export const tagAnchor = (tag: string) => `tag/${tag.replace(/ /g, "-")}`;

const tagByType: Record<TokenType, string> = { activity: API_TAGS.activity, profile_read: API_TAGS.profileRead };

/** The reference section a token of this type calls. */
export const apiReferenceHref = (type: TokenType) => `${API_REFERENCE_PATH}#${tagAnchor(tagByType[type])}`;
export const apiReferenceSection = (type: TokenType) => tagByType[type];
