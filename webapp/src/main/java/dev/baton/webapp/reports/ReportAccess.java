package dev.baton.webapp.reports;

import dev.baton.webapp.accounts.BatonUser;
import dev.baton.webapp.system.BatonException;

/** Who sees which figures: marketers and admins see everyone's; anyone else sees only their own. */
final class ReportAccess {

    private ReportAccess() {}

    /** {@code null} (everyone's uses) for a marketer or admin; the caller's own account id for anyone else. */
    static Long scope(BatonUser user) {
        return user.canManageContent() ? null : user.id();
    }

    /** Refuses a report that shows other people's figures to someone who may see only their own. */
    static void requireMarketer(BatonUser user) {
        if (!user.canManageContent()) {
            throw new BatonException.Forbidden("Only marketers and admins see this report");
        }
    }
}
