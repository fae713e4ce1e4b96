import { addMessages } from "../../i18n";

// The statement's text travels in its page's chunk (see addMessages); the footer's link is in
// the shared strings.
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
