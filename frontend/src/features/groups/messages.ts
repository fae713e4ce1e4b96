import { addMessages } from "../../i18n";

// The group forms' strings (new group, group and seat editing) travel in the chunks of the pages
// that have them (see addMessages), not on the first page.
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
