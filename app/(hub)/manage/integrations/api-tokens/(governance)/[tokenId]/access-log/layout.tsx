import { TokenPageFrame } from "@/components/tokens/token-page-frame";
import { loadAccessLogPage } from "@/lib/governance/page-data";

/**
 * The Access log's own layout, outside the other tabs' loading boundary: a marketer (or an
 * Activity token) is refused here before the response starts, so the URL answers a real 404.
 */
export default async function AccessLogLayout({
  params,
  children,
}: {
  params: Promise<{ tokenId: string }>;
  children: React.ReactNode;
}) {
  const { tokenId } = await params;
  const { user, token } = await loadAccessLogPage(tokenId);
  return (
    <TokenPageFrame user={user} token={token}>
      {children}
    </TokenPageFrame>
  );
}
