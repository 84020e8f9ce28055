const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are UUIDs: a malformed one answers like a missing one, without asking the database (which would throw). */
export const isUuid = (value: string) => UUID.test(value);
