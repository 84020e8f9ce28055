const dateTime = new Intl.DateTimeFormat("en-AU", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  // h23, not hour12: false, which ICU renders as "24:42" just after midnight.
  hourCycle: "h23",
  timeZone: "UTC",
});

/** Times are shown in UTC, labelled, so every reader sees the same moment. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "Never";
  return `${dateTime.format(new Date(value))} UTC`;
}
