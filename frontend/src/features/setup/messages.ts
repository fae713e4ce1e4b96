import { addMessages } from "../../i18n";

// The set-up pages' strings travel in their own chunk (see addMessages).
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
