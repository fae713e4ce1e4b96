import { Button } from "@digdir/designsystemet-react";
import { useT } from "../i18n";

/** The next page of a cursor-paginated list, on demand. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const t = useT();
  if (!hasNextPage) return null;
  return (
    <Button variant="secondary" onClick={() => fetchNextPage()} aria-busy={isFetchingNextPage}>
      {isFetchingNextPage ? t("common.loading") : t("common.loadMore")}
    </Button>
  );
}
