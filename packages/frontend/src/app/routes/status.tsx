import { SystemStatus } from "@/features/system/components/system-status";

export function StatusRoute() {
  return (
    <>
      <title>System status · Admin · Chat3D</title>
      <SystemStatus />
    </>
  );
}
