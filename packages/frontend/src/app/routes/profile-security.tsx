import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAuth } from "@/features/auth/components/auth-provider";
import { PasswordChangeForm } from "@/features/profile/components/password-change-form";
import { SessionsPanel } from "@/features/profile/components/sessions-panel";

export function ProfileSecurityRoute() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,24rem)_1fr]">
      <title>Security · Profile · Chat3D</title>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>Changing it signs out every other device.</CardDescription>
        </CardHeader>
        <CardContent>
          <PasswordChangeForm email={user.email} />
        </CardContent>
      </Card>
      <section aria-labelledby="sessions-heading" className="grid gap-3">
        <div>
          <h2 id="sessions-heading" className="font-semibold">
            Signed-in devices
          </h2>
          <p className="text-sm text-muted-foreground">
            Each browser or app you signed in with. Don't recognise one? Sign it out and change your password.
          </p>
        </div>
        <SessionsPanel />
      </section>
    </div>
  );
}
