import { TokenPageFrame } from "@/components/tokens/token-page-frame";
import { loadTokenPage } from "@/lib/tokens/page-data";

export default async function TokenLayout({
  params,
  children,
}: {
  params: Promise<{ tokenId: string }>;
  children: React.ReactNode;
}) {
  const { tokenId } = await params;
  const { user, token } = await loadTokenPage(tokenId);
  return (
    <TokenPageFrame user={user} token={token}>
      {children}
    </TokenPageFrame>
  );
}
