import { addMessages } from "../../i18n";

// The programme settings page's strings travel in its own chunk (see addMessages).
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
