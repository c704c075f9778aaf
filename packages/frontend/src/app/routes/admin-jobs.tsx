import { FailedJobsPanel } from "@/features/jobs/components/failed-jobs-panel";

export function AdminJobsRoute() {
  return (
    <>
      <title>Failed jobs · Admin · Chat3D</title>
      <FailedJobsPanel />
    </>
  );
}
