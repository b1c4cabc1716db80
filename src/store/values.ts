/** Values every store shape uses (a module of its own, so that the port files do not import each other). */
export type Platform = "console" | "slack" | "teams";
export type Mode = "ApplicationConsistent" | "CrashConsistent";
