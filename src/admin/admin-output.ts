/** Where the admin commands write (stdout in the CLI, a buffer in tests). */
export interface AdminOutput {
  write(text: string): unknown;
}
