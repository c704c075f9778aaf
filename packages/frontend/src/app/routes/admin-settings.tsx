import { SettingsPanel } from "@/features/admin/components/settings-panel";
import { useAuth } from "@/features/auth/components/auth-provider";

export function AdminSettingsRoute() {
  const { user } = useAuth();
  return (
    <>
      <title>Settings · Admin · Chat3D</title>
      <SettingsPanel currentUserId={user?.id ?? null} />
    </>
  );
}
