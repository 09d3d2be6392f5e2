/**
 * The command that fetches one ecosystem's records, quoted for a shell where the name needs it
 * (`assay db update --ecosystem 'Rocky Linux'`): hints are copied and pasted as they are.
 */
export function updateCommand(ecosystem: string): string {
  const arg = /^[A-Za-z0-9._:-]+$/.test(ecosystem) ? ecosystem : `'${ecosystem.replace(/'/g, `'\\''`)}'`;
  return `assay db update --ecosystem ${arg}`;
}
