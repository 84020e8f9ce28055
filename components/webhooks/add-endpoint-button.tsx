"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

/** A real button, like "New API Token". */
export function AddEndpointButton() {
  const router = useRouter();
  return <Button onClick={() => router.push("/manage/integrations/webhooks/new")}>Add endpoint</Button>;
}
