import { UsersPanel } from "@/features/admin/components/users-panel";
import { useAuth } from "@/features/auth/components/auth-provider";

export function AdminUsersRoute() {
  const { user } = useAuth();
  return (
    <>
      <title>Users · Admin · Chat3D</title>
      <UsersPanel currentUserId={user?.id ?? null} />
    </>
  );
}
