import { useAuth } from "@/features/auth/components/auth-provider";
import { DataExportPanel } from "@/features/profile/components/data-export-panel";
import { DeleteAccountPanel } from "@/features/profile/components/delete-account-panel";

export function ProfileDataRoute() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <title>Your data · Profile · Chat3D</title>
      <DataExportPanel email={user.email} />
      <DeleteAccountPanel email={user.email} />
    </div>
  );
}
