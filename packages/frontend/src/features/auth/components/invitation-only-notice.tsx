import { MailIcon } from "lucide-react";
import { Link } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Sign-up while the waitlist is on, for someone without an invitation: where to go instead of the form. */
function InvitationOnlyNotice() {
  return (
    <div className="grid gap-5">
      <Alert role="note">
        <MailIcon aria-hidden="true" />
        <AlertTitle>Registration is by invitation</AlertTitle>
        <AlertDescription>
          <p>
            Chat3D is opening accounts step by step. Join the waitlist and we'll email you a personal sign-up link when
            it's your turn.
          </p>
          <p>Already invited? Open the link in your invitation email to create your account.</p>
        </AlertDescription>
      </Alert>
      <Button asChild size="lg" className="w-full">
        <Link to="/waitlist">Join the waitlist</Link>
      </Button>
    </div>
  );
}

export { InvitationOnlyNotice };
