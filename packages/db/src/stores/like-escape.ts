/** Text a user typed, matched as a substring by `ilike ? escape '\'`: its % and _ are letters, not wildcards. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `%text%` for a "contains" filter. */
export const containsPattern = (s: string) => `%${likeEscape(s)}%`;
