import { ArrowLeftIcon } from "lucide-react";
import { Link, useParams } from "react-router";
import { Button } from "@/components/ui/button";
import { TokenList } from "@/features/access-tokens/components/token-list";

/** An admin's view of one person's access tokens: what they are, when last used, and Revoke. */
export function AdminUserTokensRoute() {
  const { userId = "" } = useParams();
  return (
    <>
      <title>Access tokens · Users · Admin · Chat3D</title>
      <Button asChild variant="ghost" size="sm" className="mb-4">
        <Link to="/admin/users">
          <ArrowLeftIcon aria-hidden="true" /> All users
        </Link>
      </Button>
      <TokenList userId={userId} />
    </>
  );
}
