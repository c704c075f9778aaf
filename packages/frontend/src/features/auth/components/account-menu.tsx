import type { User } from "@chat3d/shared";
import { ChevronDownIcon, LogOutIcon, ShieldIcon, UserRoundIcon } from "lucide-react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { useLogout } from "../api/logout";

function initial(user: User) {
  return (user.display_name?.trim() || user.email).charAt(0).toUpperCase();
}

function Avatar({ user, className }: { user: User; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "flex size-7 shrink-0 items-center justify-center rounded-full bg-primary/12 text-xs font-semibold text-primary ring-1 ring-primary/20 ring-inset",
        className,
      )}
    >
      {initial(user)}
    </span>
  );
}

/** The top bar's account corner for someone signed in: who, the way to the profile and admin panel, and out. */
function AccountMenu({ user }: { user: User }) {
  const logout = useLogout();
  const navigate = useNavigate();
  // After following a link out of the menu, focus belongs to the new page, not back on the trigger.
  const [leaving, setLeaving] = useState(false);

  // Not mutate's callbacks: this menu unmounts the moment the user is gone, and those would never run.
  const signOut = () =>
    logout.mutateAsync().then(
      () => navigate("/login", { replace: true }),
      (error: Error) => toast.error("Couldn't sign you out", { description: error.message }),
    );

  return (
    <DropdownMenu onOpenChange={(open) => open && setLeaving(false)}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-2 px-1.5 sm:pr-2.5" aria-label={`Account menu for ${user.email}`}>
          <Avatar user={user} />
          <span className="hidden max-w-48 truncate text-sm font-medium md:block">{user.email}</span>
          <ChevronDownIcon aria-hidden="true" className="hidden text-muted-foreground md:block" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="end"
        className="w-64"
        onCloseAutoFocus={(event) => {
          if (leaving) event.preventDefault();
        }}
      >
        <DropdownMenuLabel className="flex items-center gap-3 py-2 font-normal">
          <Avatar user={user} className="size-9 text-sm" />
          <span className="grid min-w-0 flex-1 gap-1">
            {user.display_name && (
              <span className="truncate text-sm font-medium text-foreground">{user.display_name}</span>
            )}
            <span className={cn("truncate", user.display_name ? "text-xs" : "text-sm text-foreground")}>
              {user.email}
            </span>
          </span>
          <Badge variant={user.role === "admin" ? "default" : "secondary"} className="self-start">
            {user.role === "admin" ? "Admin" : "User"}
          </Badge>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuGroup>
          <DropdownMenuItem asChild onSelect={() => setLeaving(true)}>
            <Link to="/profile">
              <UserRoundIcon aria-hidden="true" />
              Profile
            </Link>
          </DropdownMenuItem>
          {user.role === "admin" && (
            <DropdownMenuItem asChild onSelect={() => setLeaving(true)}>
              <Link to="/admin">
                <ShieldIcon aria-hidden="true" />
                Admin
              </Link>
            </DropdownMenuItem>
          )}
        </DropdownMenuGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void signOut()} disabled={logout.isPending}>
          <LogOutIcon aria-hidden="true" />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

export { AccountMenu };
