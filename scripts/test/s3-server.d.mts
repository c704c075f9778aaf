import type { ChildProcess } from "node:child_process";

export function spawnS3Server(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }>;
