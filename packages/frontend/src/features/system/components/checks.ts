import type { DependencyCheck, Readiness } from "@chat3d/shared";
import { BoxIcon, DatabaseIcon, LayersIcon, type LucideIcon } from "lucide-react";
import type { ServiceTone } from "./service-card";

export type CheckName = keyof Readiness["checks"];

export const checkDetails: Record<CheckName, { title: string; description: string; icon: LucideIcon }> = {
  database: { title: "Database", description: "PostgreSQL", icon: DatabaseIcon },
  redis: { title: "Redis", description: "Live events and rate limits", icon: LayersIcon },
  render: { title: "Render service", description: "build123d CAD renderer", icon: BoxIcon },
};

export const checkNames = Object.keys(checkDetails) as CheckName[];

export const checkStatus: Record<DependencyCheck["status"], { label: string; tone: ServiceTone; note: string }> = {
  ok: { label: "Operational", tone: "success", note: "Responding normally." },
  down: { label: "Down", tone: "destructive", note: "Not responding." },
  not_configured: { label: "Not configured", tone: "secondary", note: "Not set up on this server." },
};

const listFormat = new Intl.ListFormat("en", { type: "conjunction" });

/** "Database and Redis" for the checks of a readiness report in the given state. */
export function checksIn(readiness: Readiness, status: DependencyCheck["status"]) {
  const names = checkNames.filter((name) => readiness.checks[name].status === status);
  return { count: names.length, list: listFormat.format(names.map((name) => checkDetails[name].title)) };
}
