import { MailPlusIcon } from "lucide-react";
import type * as React from "react";
import { Link } from "react-router";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useAuth } from "@/features/auth/components/auth-provider";
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
  if (!user) return null;
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[1fr_18rem]">
      <title>Profile · Chat3D</title>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Account</h2>
          </CardTitle>
          <CardDescription>The details of the account you are signed in with.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="divide-y">
            <Detail term="Name">{user.display_name || <span className="text-muted-foreground">Not set</span>}</Detail>
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
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Invite people</h2>
          </CardTitle>
          <CardDescription>Know someone who would like Chat3D? Send them an invitation.</CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline" className="w-full">
            <Link to="/profile/invitations">
              <MailPlusIcon aria-hidden="true" />
              Invitations
            </Link>
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
