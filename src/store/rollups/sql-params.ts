/** Collects positional parameters for one raw SQL statement; each call returns its typed placeholder. */
export class SqlParams {
  readonly values: unknown[] = [];
  private readonly seen = new Map<string, string>();

  /** `cast` is required: PostgreSQL cannot infer a parameter's type from a JavaScript value. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  /** Same placeholder for the same (value, cast), so a tenant id or a zone is sent once. */
  shared(value: string, cast: string): string {
    const key = `${cast}\u0000${value}`;
    let placeholder = this.seen.get(key);
    if (!placeholder) {
      placeholder = this.add(value, cast);
      this.seen.set(key, placeholder);
    }
    return placeholder;
  }
}
