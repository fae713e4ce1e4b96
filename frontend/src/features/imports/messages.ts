import { addMessages } from "../../i18n";

// The import page's strings travel in its own chunk (see addMessages); the few that list
// pages show (the export buttons, the «Importer» links) are in ./i18n with every feature's.
addMessages(import.meta.glob<{ default: Record<string, string> }>("./i18n/page/*.json", { eager: true }));
