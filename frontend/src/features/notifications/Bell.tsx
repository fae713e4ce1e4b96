import { useQuery } from "@tanstack/react-query";
import { NavLink } from "react-router-dom";
import { unreadCountQuery } from "../../api/queries/notifications";
import { useT } from "../../i18n";
import own from "./bell.module.css";

// More than this shows as "99+" in the badge; the accessible name has the exact count.
const BADGE_MAX = 99;

/** The header's bell: a link to the notifications, named with how many are unread. */
export default function Bell() {
  const t = useT();
  const count = useQuery(unreadCountQuery()).data?.unread ?? 0;
  const label =
    count === 0 ? t("notifications.bell") : count === 1 ? t("notifications.bell.unreadOne") : t("notifications.bell.unread", { count });
  return (
    <NavLink to="/notifications" className={own.bell} aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
        <path
          fill="currentColor"
          d="M12 2a1 1 0 0 1 1 1v1.07A7 7 0 0 1 19 11v4.59l1.71 1.7A1 1 0 0 1 20 19H4a1 1 0 0 1-.71-1.71L5 15.59V11a7 7 0 0 1 6-6.93V3a1 1 0 0 1 1-1Zm0 4a5 5 0 0 0-5 5v5a1 1 0 0 1-.29.7l-.3.3h11.18l-.3-.3A1 1 0 0 1 17 16v-5a5 5 0 0 0-5-5Zm-2 14h4a2 2 0 0 1-4 0Z"
        />
      </svg>
      {count > 0 && <span className={own.badge}>{count > BADGE_MAX ? `${BADGE_MAX}+` : count}</span>}
    </NavLink>
  );
}
