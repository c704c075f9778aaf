export * from "./admin.js";
export * from "./auth.js";
export * from "./errors.js";
export * from "./health.js";
export * from "./pagination.js";
export * from "./events.js";
export * from "./notifications.js";
export * from "./stream.js";
