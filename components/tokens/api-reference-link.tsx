import { apiReferenceHref, apiReferenceSection } from "@/lib/api/reference/reference-links";
import type { TokenType } from "@/lib/tokens/types";

interface Props {
  type: TokenType;
  /** Beside a one-time secret the reference opens in a new tab, so the secret stays on screen. */
  newTab?: boolean;
}

/**
 * The reference section for a token's type. A plain link: /docs/api is served outside the
 * console's router, and is public, so it opens for the partner the link is passed on to.
 */
export function ApiReferenceLink({ type, newTab = false }: Props) {
  const name = `${apiReferenceSection(type)} reference`;
  return (
    <a
      href={apiReferenceHref(type)}
      className="font-medium text-indigo-700 underline-offset-2 hover:underline"
      {...(newTab ? { target: "_blank", rel: "noopener", "data-leave-ok": true } : {})}
    >
      {name}
      {newTab ? <span className="sr-only"> (opens in a new tab)</span> : null}
    </a>
  );
}
