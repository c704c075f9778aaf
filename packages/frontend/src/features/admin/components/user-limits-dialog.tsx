import type { AdminUser, AppSettings } from "@chat3d/shared";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { useSettings } from "../api/get-settings";
import { useSetUserLimits } from "../api/set-user-limits";
import { formatCap, formatDailyLimit } from "../utils/ai-limits";
import { AiLimitsForm } from "./ai-limits-form";

function blankMeans(settings: AppSettings | undefined) {
  const placeholder = "Default";
  if (!settings) return { daily: "Empty: the server's default.", monthly: "Empty: the server's default.", placeholder };
  return {
    daily: `Empty: the server's default (${formatDailyLimit(settings.daily_query_limit)}).`,
    monthly: `Empty: the server's default (${formatCap(settings.monthly_cost_cap_usd)}).`,
    placeholder,
  };
}

type UserLimitsDialogProps = {
  user: AdminUser;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: () => HTMLElement | null;
};

/** One person's own AI limits, over the server's defaults; 0 questions a day stops their AI use. */
function UserLimitsDialog({ user, open, onOpenChange, returnFocusTo }: UserLimitsDialogProps) {
  const settings = useSettings().data?.settings;
  const setLimits = useSetUserLimits();
  const name = user.display_name?.trim() || user.email;

  const save = async (limits: Parameters<typeof setLimits.mutateAsync>[0]["limits"]) => {
    await setLimits.mutateAsync({ userId: user.id, limits });
    toast.success(`AI limits saved for ${name}`);
    onOpenChange(false);
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="sm:max-w-lg"
        onCloseAutoFocus={(event) => {
          const target = returnFocusTo();
          if (!target) return;
          event.preventDefault();
          target.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle className="pr-6 leading-snug">AI limits for {name}</DialogTitle>
          <DialogDescription className="text-pretty">
            Questions to the AI each day and what they may cost each month. When one is reached, {user.email} is told so
            and can still edit code and render by hand.
          </DialogDescription>
        </DialogHeader>
        <AiLimitsForm
          label={`AI limits for ${user.email}`}
          values={{ daily_query_limit: user.daily_query_limit, monthly_cost_cap_usd: user.monthly_cost_cap_usd }}
          blank={blankMeans(settings)}
          submitLabel="Save limits"
          onSave={save}
          actions={
            <DialogClose asChild>
              <Button variant="outline" type="button">
                Cancel
              </Button>
            </DialogClose>
          }
        />
      </DialogContent>
    </Dialog>
  );
}

export { UserLimitsDialog };
