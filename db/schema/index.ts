export * from "./accounts";
export * from "./profiles";
export * from "./activity";
export * from "./tokens";
export * from "./usage";
export * from "./operator";
export * from "./respond";
export * from "./governance";
