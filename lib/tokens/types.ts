import { tokenEventActionEnum, tokenStatusEnum, tokenTypeEnum } from "@/db/tables/tokens";

// The database's enums are the one list of each value: forms, labels and queries read them here.
export const TOKEN_TYPES = tokenTypeEnum.enumValues;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenStatus = (typeof tokenStatusEnum.enumValues)[number];
export type TokenEventAction = (typeof tokenEventActionEnum.enumValues)[number];
