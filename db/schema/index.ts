export * from "./aggregates";
export * from "./dimensions";
export * from "./facts";
export * from "./pipeline";
export * from "./views";
