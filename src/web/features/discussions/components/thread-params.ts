import { useSearchParams } from "react-router";
import { COMMENT_SORTS, type CommentSort } from "../../../../shared/discussions";

/**
 * A thread's sort and page, kept in the address (?commentSort=&commentPage=) so a page of comments can be linked to
 * and Back works; the names leave the host page's own parameters alone.
 */
export function useThreadParams() {
  const [params, setParams] = useSearchParams();
  const rawSort = params.get("commentSort");
  const sort: CommentSort = COMMENT_SORTS.find((s) => s === rawSort) ?? "newest";
  const page = Math.max(1, Math.floor(Number(params.get("commentPage") ?? "1")) || 1);
  const hrefForPage = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("commentPage", String(n));
    return `?${next.toString()}`;
  };
  const setSort = (value: CommentSort) => {
    const next = new URLSearchParams(params);
    next.set("commentSort", value);
    next.delete("commentPage");
    setParams(next);
  };
  return { sort, page, hrefForPage, setSort };
}
