import type { Prisma } from '../database.ts';

/** The raw-SQL part of a Prisma client or of an interactive transaction. */
export type SqlClient = Pick<Prisma, '$queryRawUnsafe' | '$executeRawUnsafe'>;
