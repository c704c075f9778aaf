import { CreateTokenDialog } from "@/features/access-tokens/components/create-token-dialog";
import { TokenList } from "@/features/access-tokens/components/token-list";
import { useAuth } from "@/features/auth/components/auth-provider";

export function ProfileTokensRoute() {
  const { user } = useAuth();
  return (
    <>
      <title>Access tokens · Profile · Chat3D</title>
      <TokenList action={<CreateTokenDialog isAdmin={user?.role === "admin"} />} />
      <p className="mt-4 text-sm text-muted-foreground">
        Connect Claude Desktop, Claude Code or Cursor to <code className="text-xs">/mcp</code>, or use the REST API and
        the CLI: see <code className="text-xs">docs/automation.md</code> in the Chat3D repository.
      </p>
    </>
  );
}
