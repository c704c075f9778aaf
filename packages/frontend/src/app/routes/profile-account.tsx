import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAuth, useSessionActions } from "@/features/auth/components/auth-provider";
import { EmailChangeForm } from "@/features/profile/components/email-change-form";
import { ProfileDetailsForm } from "@/features/profile/components/profile-details-form";
import { formatDateTime } from "@/lib/format-time";

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-sm font-medium break-words">{children}</dd>
    </div>
  );
}

export function ProfileAccountRoute() {
  const { user } = useAuth();
  const { signedIn } = useSessionActions();
  if (!user) return null;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <title>Profile · Chat3D</title>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Account</h2>
          </CardTitle>
          <CardDescription>The account you are signed in with.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <dl className="divide-y border-b">
            <Detail term="Email">{user.email}</Detail>
            <Detail term="Role">
              <Badge variant={user.role === "admin" ? "default" : "secondary"}>
                {user.role === "admin" ? "Admin" : "User"}
              </Badge>
            </Detail>
            <Detail term="Member since">
              <time dateTime={user.created_at}>{formatDateTime(user.created_at)}</time>
            </Detail>
          </dl>
          <ProfileDetailsForm key={user.id} user={user} onSaved={signedIn} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Email address</h2>
          </CardTitle>
          <CardDescription>We send a link to the new address; the change happens when you open it.</CardDescription>
        </CardHeader>
        <CardContent>
          <EmailChangeForm currentEmail={user.email} />
        </CardContent>
      </Card>
    </div>
  );
}
