import { addMessages } from "../../i18n";

// The settings pages' strings travel in their own chunk (see addMessages); the header's link
// and the copy button's words are in ./i18n with every feature's.
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
