export { EditConflict } from "../../lib/conflict";

/** The ETag of a record at a version the page read (the API's ETag is the version in quotes). */
export const etagOfVersion = (version: number) => `"${version}"`;
